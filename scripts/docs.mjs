#!/usr/bin/env node
// `npm run docs`: rewrites the tables of docs/resources/*.md that the definitions decide (the
// operations, and every field, option, filter and parameter with its label, HaloPSA name, type,
// picker and meaning) from the node's TypeScript sources, through tsx (no build needed). Only the
// regions between `<!-- generated: … -->` and `<!-- /generated -->` change; the rest of each page
// (what a call does, the examples and their explanations) is written by hand.
// It also rewrites docs/allowed-clients.md's table of every resource under a credential's Allowed
// Clients, from each definition's `owner` (ClientOwnership).
// `npm run docs -- --check` changes nothing and exits 1 naming the pages that are not current;
// test/unit/docs.test.mts does the same in the unit tier.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DOCS_DIR = join(ROOT, 'docs', 'resources');
/** The page on a credential's Allowed Clients, with its table of every resource. */
export const SCOPE_PAGE = join(ROOT, 'docs', 'allowed-clients.md');

/** Parameters every resource has; the README describes them once. */
export const GENERIC = new Set([
	'operation',
	'returnAll',
	'limit',
	'moreFilters',
	'additionalFields',
	'updateFields',
	'filters',
	'options',
	'simplify',
	'preview',
]);
/** Options of the engine itself (not HaloPSA fields), the same on every resource. */
export const ENGINE_OPTIONS = new Set([
	'pageConcurrency',
	'batchSize',
	'outputFields',
	'customFieldsByLabel',
	'includeSecrets',
]);

const REGION = /<!-- generated: ([a-zA-Z-]+)(?: ([a-zA-Z]+))? -->\n[\s\S]*?<!-- \/generated -->/g;

/** The resource definitions, from the sources (run under tsx: `node --import tsx`). */
export async function loadResources() {
	const { RESOURCES } = await import('../nodes/HaloPsaComplete/resources/index.ts');
	return RESOURCES;
}

/** The node's form as n8n gets it, from the sources (run under tsx: `node --import tsx`). */
export async function loadProperties() {
	const { HaloPsaComplete } = await import('../nodes/HaloPsaComplete/HaloPsaComplete.node.ts');
	return new HaloPsaComplete().description.properties;
}

function shownFor(property, resource, operation) {
	const show = property.displayOptions?.show ?? {};
	// A parameter said once for several resources lists them all (descriptions/shareProperties.ts).
	if (!show.resource?.includes(resource)) return false;
	return (
		operation === undefined || show.operation === undefined || show.operation.includes(operation)
	);
}

/** Display conditions other than resource, operation and node version, in words. */
function extraConditions(property) {
	const show = property.displayOptions?.show ?? {};
	const conditions = Object.entries(show)
		.filter(([name]) => !['resource', 'operation', '@version'].includes(name))
		.map(([name, values]) => `\`${name}\` is ${values.map((v) => `\`${v}\``).join(' or ')}`);
	return conditions.length ? `Shown when ${conditions.join(' and ')}.` : '';
}

function words(camel) {
	return camel.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();
}

/** Which record a field picks, and how. */
function picker(property) {
	if (property.type === 'resourceLocator') {
		const list = property.modes?.find((mode) => mode.name === 'list');
		const record = /^Select an? (.*)…$/.exec(list?.placeholder ?? '')?.[1];
		return list ? `From list (${record ?? 'records'}) or By ID` : 'By ID';
	}
	const method = property.typeOptions?.loadOptionsMethod;
	if (!method) return '';
	const record = words(method.replace(/(Ref)?Options$/, ''));
	const depends = property.typeOptions.loadOptionsDependsOn ?? [];
	return depends.length
		? `dropdown (${record}; follows ${depends.map((name) => `\`${name}\``).join(', ')})`
		: `dropdown (${record})`;
}

function shownDefault(property) {
	const value = property.default;
	if (value === undefined || value === null || value === '' || value === false || value === 0)
		return '';
	if (typeof value === 'object' && !Array.isArray(value)) return '';
	if (property.type === 'resourceLocator' || property.type === 'collection') return '';
	return `, default \`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function type(property) {
	const fixed = (property.options ?? []).map((option) =>
		String(option.value) === option.name
			? `\`${option.value}\``
			: `${option.name} \`${option.value}\``,
	);
	switch (property.type) {
		case 'string':
			return (
				(property.typeOptions?.rows
					? 'text'
					: property.typeOptions?.password
						? 'password'
						: 'string') + shownDefault(property)
			);
		case 'dateTime':
			return 'date';
		case 'json':
			return `JSON${shownDefault(property)}`;
		case 'color':
			return 'colour `#RRGGBB`';
		case 'resourceLocator':
			return 'record ID';
		case 'options':
			return property.typeOptions?.loadOptionsMethod
				? 'choice'
				: `options: ${fixed.join(', ')}${shownDefault(property)}`;
		case 'multiOptions':
			return property.typeOptions?.loadOptionsMethod ? 'choices' : `any of: ${fixed.join(', ')}`;
		case 'fixedCollection':
			return `list of ${property.options
				.map(
					(group) =>
						`${group.displayName} (${group.values.map((value) => `\`${value.name}\``).join(', ')})`,
				)
				.join('; ')}`;
		case 'collection':
			return `group of ${property.options.map((option) => `\`${option.name}\``).join(', ')}`;
		default:
			return `${property.type}${shownDefault(property)}`;
	}
}

function cell(text) {
	return String(text ?? '')
		.replace(/<a href="([^"]*)">([^<]*)<\/a>/g, '[$2]($1)')
		.replace(/\s*\n\s*/g, ' ')
		.replace(/\|/g, '\\|');
}

function meaning(property) {
	const description = (property.description ?? '').trim();
	const sentence = description && !/[.!?]$/.test(description) ? `${description}.` : description;
	const conditions = extraConditions(property);
	return conditions ? [sentence, conditions].filter(Boolean).join(' ') : description;
}

function table(header, rows) {
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
	].join('\n');
}

/** Top-level parameters of one operation, without the ones every resource has. */
function parameters(properties, resource, operation) {
	return properties.filter(
		(property) =>
			shownFor(property, resource, operation) &&
			property.displayOptions?.show?.operation !== undefined &&
			!GENERIC.has(property.name) &&
			property.type !== 'notice',
	);
}

/** Create's locators and the required lists of the standard operations are checked per item, not by n8n. */
const CHECKED_PER_ITEM = new Set(['get', 'getMany', 'update', 'delete']);

function requiredCell(property, operation) {
	if (property.required) return 'yes';
	return property.type === 'resourceLocator' && CHECKED_PER_ITEM.has(operation) ? 'yes' : 'no';
}

function collection(properties, resource, operation, name) {
	const found = properties.find(
		(property) =>
			property.name === name &&
			property.type === 'collection' &&
			shownFor(property, resource, operation),
	);
	return (found?.options ?? []).filter((option) => !ENGINE_OPTIONS.has(option.name));
}

function fieldRow(property) {
	return [
		property.displayName,
		`\`${property.name}\``,
		type(property),
		picker(property),
		meaning(property),
	];
}

/** Create's parameters and Additional Fields, and Update's Update Fields, in one table. */
function createUpdateTable(properties, resource) {
	const rows = new Map();
	const row = (property) => {
		const key = property.name;
		if (!rows.has(key)) rows.set(key, { property, create: '—', update: '—' });
		return rows.get(key);
	};
	for (const property of parameters(properties, resource, 'create'))
		row(property).create =
			property.required || property.type === 'resourceLocator' ? 'required' : 'parameter';
	for (const property of collection(properties, resource, 'create', 'additionalFields'))
		row(property).create = 'Additional Fields';
	for (const property of collection(properties, resource, 'update', 'updateFields'))
		row(property).update = 'Update Fields';
	return table(
		['Label', 'HaloPSA name', 'Type', 'Picker', 'Create', 'Update', 'Meaning'],
		[...rows.values()].map(({ property, create, update }) => {
			const [label, name, kind, pick, means] = fieldRow(property);
			return [label, name, kind, pick, create, update, means];
		}),
	);
}

function operationsTable(properties, resource, current) {
	const operation = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	const lines = current.split('\n').filter((line) => line.startsWith('|'));
	const header =
		lines[0]?.split(' | ').length > 2
			? splitRow(lines[0])
			: ['Operation', 'Value', 'HaloPSA call', 'Output'];
	const handWritten = new Map(
		lines.slice(2).map((line) => {
			const cells = splitRow(line);
			return [cells[1], cells.slice(2)];
		}),
	);
	return table(
		header,
		operation.options.map((option) => [
			option.name,
			`\`${option.value}\``,
			...(handWritten.get(`\`${option.value}\``) ?? header.slice(2).map(() => '')),
		]),
	).replace(/\\\|/g, '\\|');
}

function splitRow(line) {
	return line
		.replace(/^\| ?/, '')
		.replace(/ ?\|$/, '')
		.split(/ ?(?<!\\)\| ?/);
}

function render(properties, resource, kind, operation, current) {
	const operations = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	if (!operations) throw new Error(`${resource}.md: no resource "${resource}" in the node`);
	if (operation && !operations.options.some((option) => option.value === operation))
		throw new Error(`${resource}.md: generated table for "${operation}", not an operation of it`);
	switch (kind) {
		case 'operations':
			return operationsTable(properties, resource, current);
		case 'create-update':
			return createUpdateTable(properties, resource);
		case 'parameters':
			return table(
				['Label', 'Name', 'Type', 'Picker', 'Required', 'Meaning'],
				parameters(properties, resource, operation).map((property) => {
					const [label, name, kind, pick, means] = fieldRow(property);
					return [label, name, kind, pick, requiredCell(property, operation), means];
				}),
			);
		case 'options':
		case 'filters':
			return table(
				['Label', 'HaloPSA name', 'Type', 'Picker', 'Meaning'],
				collection(properties, resource, operation, kind).map(fieldRow),
			);
		default:
			throw new Error(`unknown generated table "${kind}" on ${resource}.md`);
	}
}

/** The page with every generated region rewritten from the definitions. */
export function renderPage(properties, resource, page) {
	return page.replace(REGION, (region, kind, operation) => {
		const current = region.split('\n').slice(1, -1).join('\n');
		const spec = operation ? `${kind} ${operation}` : kind;
		return `<!-- generated: ${spec} -->\n${render(properties, resource, kind, operation, current)}\n<!-- /generated -->`;
	});
}

/** Halo's list parameter that takes several client ids at once (guards/clientScope.ts). */
const MANY_CLIENTS_FILTER = 'client_ids';

const code = (text) => `\`${text}\``;
const either = (links, word = 'or') =>
	links.map((link) => `${link.resource} (${code(link.field)})`).join(` ${word} `);

/** One resource under Allowed Clients, in words: whose its records are, its lists, its writes. */
function scopeRow(resource) {
	const owner = resource.owner;
	const page = `[${resource.displayName}](resources/${resource.value}.md)`;
	switch (owner.kind) {
		case 'client':
			return [
				page,
				'the client itself',
				"Halo's list, the other clients dropped",
				'an allowed client only; none is created',
			];
		case 'clientField': {
			const many = resource.getMany?.filters.some((field) => field.key === MANY_CLIENTS_FILTER);
			const lists =
				owner.listFilter === undefined
					? "Halo's list, other clients' rows dropped"
					: many
						? `${code(owner.listFilter)} for one client, ${code(MANY_CLIENTS_FILTER)} for several (one list)`
						: `${code(owner.listFilter)}, one list per allowed client, merged`;
			return [
				page,
				`a client's (${code(owner.field)})`,
				lists,
				`a create names an allowed client (${code(owner.field)}), or a site, user or ticket of one`,
			];
		}
		case 'parent':
			return [
				page,
				`a client's, through its ${either(owner.parents)}`,
				`within an allowed client's ${either(owner.parents)}, which it must name`,
				`a create names an allowed client's ${either(owner.parents)}`,
			];
		case 'reference':
			return [page, 'reference data of no client', 'read as Halo answers', 'refused'];
		case 'unprovable':
			return [page, `not provably one client's: ${owner.why}`, 'refused', 'refused'];
		default:
			throw new Error(`${resource.value}: no Allowed Clients rule for owner kind "${owner.kind}"`);
	}
}

/** docs/allowed-clients.md with its generated table rewritten from the definitions. */
export function renderScopePage(resources, page) {
	return page.replace(REGION, (region, kind) => {
		if (kind !== 'allowed-clients')
			throw new Error(`unknown generated table "${kind}" on docs/allowed-clients.md`);
		const rows = [...resources]
			.sort((a, b) => a.displayName.localeCompare(b.displayName))
			.map(scopeRow);
		return `<!-- generated: allowed-clients -->\n${table(['Resource', 'Records are', 'Get Many', 'Writes'], rows)}\n<!-- /generated -->`;
	});
}

/** Pages whose generated tables differ from what the definitions give; with write, fixed. */
export async function refreshPages({ write }) {
	const properties = await loadProperties();
	const stale = [];
	for (const file of readdirSync(DOCS_DIR)
		.filter((name) => name.endsWith('.md'))
		.sort()) {
		const path = join(DOCS_DIR, file);
		const page = readFileSync(path, 'utf8');
		const fresh = renderPage(properties, file.replace(/\.md$/, ''), page);
		if (fresh === page) continue;
		stale.push(file);
		if (write) writeFileSync(path, fresh);
	}
	const scopePage = readFileSync(SCOPE_PAGE, 'utf8');
	const scopeFresh = renderScopePage(await loadResources(), scopePage);
	if (scopeFresh !== scopePage) {
		stale.push('../allowed-clients.md (docs/)');
		if (write) writeFileSync(SCOPE_PAGE, scopeFresh);
	}
	return stale;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const check = process.argv.includes('--check');
	const stale = await refreshPages({ write: !check });
	if (check && stale.length) {
		process.stderr.write(`Not current (run npm run docs): ${stale.join(', ')}\n`);
		process.exit(1);
	}
	process.stdout.write(
		check ? 'docs: every page is current\n' : `docs: ${stale.length} pages rewritten\n`,
	);
}
