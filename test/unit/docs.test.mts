// The generated tables of docs/resources/*.md are what the definitions give: a label, field,
// option, parameter or operation changed in a definition fails here until `npm run docs` rewrites
// the page. So is docs/allowed-clients.md's table of every resource under Allowed Clients (each
// definition's `owner`). Reads the TypeScript sources, like the rest of the unit tier: no build,
// no n8n.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';

import { HaloPsaComplete } from '../../nodes/HaloPsaComplete/HaloPsaComplete.node.ts';
import { RESOURCES } from '../../nodes/HaloPsaComplete/resources/index.ts';

// Loaded as the ES module it is: its top-level await (when run as a script) rules out require().
const docs = import('../../scripts/docs.mjs');

const { properties } = new HaloPsaComplete().description;
const resources = (
	properties.find((property) => property.name === 'resource')?.options ?? []
).filter((option): option is INodePropertyOptions => 'value' in option);

/** The first line where the page and its regenerated form part, to show what is stale. */
function firstDifference(page: string, fresh: string): string {
	const [old, now] = [page.split('\n'), fresh.split('\n')];
	const line = old.findIndex((text, index) => text !== now[index]);
	return `line ${line + 1}:\n  on the page: ${old[line]}\n  generated:   ${now[line]}`;
}

test('every resource has a docs page, and every docs page a resource', async () => {
	const { DOCS_DIR } = await docs;
	const pages = readdirSync(DOCS_DIR)
		.filter((file) => file.endsWith('.md'))
		.map((file) => file.replace(/\.md$/, ''))
		.sort();
	assert.deepEqual(pages, resources.map((resource) => resource.value).sort());
});

test('every docs page has its generated tables, and they are current (else run npm run docs)', async () => {
	const { DOCS_DIR, renderPage } = await docs;
	const stale: string[] = [];
	for (const { value } of resources) {
		const page = readFileSync(join(DOCS_DIR, `${value}.md`), 'utf8');
		assert.match(
			page,
			/<!-- generated: operations -->/,
			`${value}.md has no generated operations table`,
		);
		const fresh = renderPage(properties, String(value), page);
		if (fresh !== page) stale.push(`docs/resources/${value}.md, ${firstDifference(page, fresh)}`);
	}
	assert.ok(stale.length === 0, `not current (run npm run docs):\n${stale.join('\n')}`);
});

test('a changed label makes its page stale', async () => {
	const { DOCS_DIR, renderPage } = await docs;
	const changed = structuredClone(properties);
	const name = changed.find(
		(property) =>
			property.displayOptions?.show?.resource?.includes('site') && property.name === 'name',
	);
	assert.ok(name, 'the site resource has a Name field');
	name.displayName = 'Site Name';
	const page = readFileSync(join(DOCS_DIR, 'site.md'), 'utf8');
	assert.notEqual(renderPage(changed, 'site', page), page);
	assert.equal(renderPage(properties, 'site', page), page);
});

test('docs/allowed-clients.md lists every resource as its definition says under Allowed Clients (else run npm run docs)', async () => {
	const { SCOPE_PAGE, renderScopePage } = await docs;
	const page = readFileSync(SCOPE_PAGE, 'utf8');
	assert.match(page, /<!-- generated: allowed-clients -->/, 'the page has no generated table');
	const fresh = renderScopePage(RESOURCES, page);
	assert.ok(fresh === page, `not current (run npm run docs): ${firstDifference(page, fresh)}`);
	const missing = RESOURCES.filter(
		(resource) => !page.includes(`](resources/${resource.value}.md)`),
	);
	assert.deepEqual(
		missing.map((resource) => resource.value),
		[],
	);
});

test('a resource whose owner changes makes docs/allowed-clients.md stale', async () => {
	const { SCOPE_PAGE, renderScopePage } = await docs;
	const page = readFileSync(SCOPE_PAGE, 'utf8');
	const changed = RESOURCES.map((resource) =>
		resource.value === 'kbArticle'
			? { ...resource, owner: { kind: 'reference' as const } }
			: resource,
	);
	assert.notEqual(renderScopePage(changed, page), page);
});
