#!/usr/bin/env node
// `npm run one-shot`: derives the one-shot candidates from Halo's OpenAPI document (as indexed in
// schema/halo-index.json, `npm run schema-index`): every property of any schema whose name starts
// with `_` or `send`. It rewrites the generated tables of docs/one-shot.md from the reviewed list
// (nodes/HaloPsaComplete/helpers/oneShotFlags.ts) and the definitions' markers, and names every
// candidate the list has not reviewed (those count as one-shot until someone does).
// `npm run one-shot -- --check` changes nothing and exits 1 when the page is stale or a candidate
// is unreviewed; test/unit/helpers/oneShot.test.mts does the same. Run through tsx (the lists are TypeScript).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ONE_SHOT_PAGE = join(ROOT, 'docs', 'one-shot.md');
const INDEX = join(ROOT, 'schema', 'halo-index.json');
const MOST_SCHEMAS = 4;

/** The candidates: every `_`-prefixed or `send*` property of Halo's document → its schemas. */
export function candidates(index = JSON.parse(readFileSync(INDEX, 'utf8'))) {
	const flags = new Map();
	for (const [entity, types] of Object.entries(index.schemas)) {
		if (Array.isArray(types.enum)) continue;
		for (const fields of Object.values(types))
			for (const field of String(fields).split(' ')) {
				if (!(field.startsWith('_') || field.toLowerCase().startsWith('send'))) continue;
				flags.set(field, [...(flags.get(field) ?? []), entity]);
			}
	}
	return new Map([...flags].sort(([a], [b]) => a.localeCompare(b)));
}

async function lists() {
	const flags = await import('../nodes/HaloPsaComplete/helpers/oneShotFlags.ts');
	const { RESOURCES } = await import('../nodes/HaloPsaComplete/resources/index.ts');
	const { singularNoun } = await import('../nodes/HaloPsaComplete/helpers/nouns.ts');
	return { ...flags, RESOURCES, singularNoun };
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function schemasCell(schemas) {
	const shown = schemas.slice(0, MOST_SCHEMAS).join(', ');
	return schemas.length > MOST_SCHEMAS
		? `${shown} and ${schemas.length - MOST_SCHEMAS} more`
		: shown;
}

function flagsTable(found, { ONE_SHOT_FLAGS, REPEATABLE_FLAGS }) {
	const rows = [...found].map(([name, schemas]) => {
		const oneShot = ONE_SHOT_FLAGS[name];
		const repeatable = REPEATABLE_FLAGS[name];
		const verdict =
			oneShot !== undefined
				? 'one-shot'
				: repeatable !== undefined
					? 'repeatable'
					: 'unreviewed: one-shot';
		const why =
			oneShot !== undefined
				? `may have ${oneShot.replace('{record}', 'the record')}`
				: (repeatable ?? 'not reviewed yet');
		return `| \`${name}\` | ${cell(schemasCell(schemas))} | ${verdict} | ${cell(why)} |`;
	});
	return [
		'| Property | In Halo’s schemas | Verdict | What it does, or why it is safe to send twice |',
		'|---|---|---|---|',
		...rows,
	].join('\n');
}

function markersTable({ RESOURCES, singularNoun }) {
	const rows = [];
	for (const resource of RESOURCES) {
		const example = `${singularNoun(resource)} 5`;
		for (const action of resource.extraActions ?? [])
			if (action.oneShot)
				rows.push([
					`${resource.displayName} › ${action.name}`,
					action.oneShot,
					action.needsId ? example : '[5, 6]',
				]);
		const fields = [
			...(resource.create?.required ?? []),
			...(resource.create?.fields ?? []),
			...(resource.update?.fields ?? []),
		];
		const seen = new Set();
		for (const field of fields) {
			if (!field.oneShot || seen.has(field.key)) continue;
			seen.add(field.key);
			rows.push([
				`${resource.displayName}: \`${field.key}\` (${field.label ?? field.key})`,
				field.oneShot,
				example,
			]);
		}
	}
	const fill = (text, record) => cell(text.split('{record}').join(record));
	return [
		'| Operation or field | The item says: HaloPSA may have… | …check |',
		'|---|---|---|',
		...rows.map(
			([what, oneShot, record]) =>
				`| ${cell(what)} | ${fill(oneShot.done, record)} | ${fill(oneShot.check, record)} |`,
		),
	].join('\n');
}

function replaceRegion(page, name, table) {
	const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
	if (!pattern.test(page)) throw new Error(`docs/one-shot.md has no ${name} region`);
	return page.replace(pattern, (_, start, end) => `${start}${table}\n${end}`);
}

/** The page with its generated tables as the lists and definitions give them, and the unreviewed names. */
export async function renderOneShotPage(page = readFileSync(ONE_SHOT_PAGE, 'utf8')) {
	const loaded = await lists();
	const found = candidates();
	const unreviewed = [...found.keys()].filter(
		(name) => !(name in loaded.ONE_SHOT_FLAGS) && !(name in loaded.REPEATABLE_FLAGS),
	);
	let fresh = replaceRegion(page, 'one-shot-markers', markersTable(loaded));
	fresh = replaceRegion(fresh, 'one-shot-flags', flagsTable(found, loaded));
	return { fresh, unreviewed, count: found.size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const check = process.argv.includes('--check');
	const page = readFileSync(ONE_SHOT_PAGE, 'utf8');
	const { fresh, unreviewed, count } = await renderOneShotPage(page);
	if (unreviewed.length > 0)
		process.stdout.write(
			`one-shot: ${unreviewed.length} of ${count} candidates not reviewed (they count as one-shot): ${unreviewed.join(', ')}\n`,
		);
	if (check) {
		if (fresh !== page)
			process.stdout.write('one-shot: docs/one-shot.md is stale: run npm run one-shot\n');
		process.exit(fresh !== page || unreviewed.length > 0 ? 1 : 0);
	}
	if (fresh !== page) writeFileSync(ONE_SHOT_PAGE, fresh);
	process.stdout.write(
		`one-shot: ${count} candidates in Halo's document; docs/one-shot.md ${fresh !== page ? 'rewritten' : 'current'}\n`,
	);
}
