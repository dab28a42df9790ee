// The generated tables of docs/resources/*.md are what the built definitions give: a label, field,
// option or operation changed in a definition fails here until `npm run docs` rewrites the page.
// Needs only `npm run build` (no n8n runtime, no sandbox).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOCS_DIR, loadProperties, renderPage } from '../scripts/docs.mjs';

const properties = loadProperties();
const resources = properties.find((property) => property.name === 'resource').options;

/** The first line where the page and its regenerated form part, to show what is stale. */
function firstDifference(page, fresh) {
	const [old, now] = [page.split('\n'), fresh.split('\n')];
	const line = old.findIndex((text, index) => text !== now[index]);
	return `line ${line + 1}:\n  on the page: ${old[line]}\n  generated:   ${now[line]}`;
}

test('every resource has a page, and every page a resource', () => {
	const pages = readdirSync(DOCS_DIR)
		.filter((file) => file.endsWith('.md'))
		.map((file) => file.replace(/\.md$/, ''))
		.sort();
	assert.deepEqual(pages, resources.map((resource) => resource.value).sort());
});

for (const { value } of resources) {
	test(`docs/resources/${value}.md: its generated tables are current (else run npm run docs)`, () => {
		const page = readFileSync(join(DOCS_DIR, `${value}.md`), 'utf8');
		assert.match(
			page,
			/<!-- generated: operations -->/,
			'the page has no generated operations table',
		);
		const fresh = renderPage(properties, value, page);
		assert.ok(fresh === page, firstDifference(page, fresh));
	});
}

test('a changed label makes its page stale', () => {
	const changed = structuredClone(properties);
	const name = changed.find(
		(property) =>
			property.displayOptions?.show?.resource?.[0] === 'site' && property.name === 'name',
	);
	name.displayName = 'Site Name';
	const page = readFileSync(join(DOCS_DIR, 'site.md'), 'utf8');
	assert.notEqual(renderPage(changed, 'site', page), page);
	assert.equal(renderPage(properties, 'site', page), page);
});
