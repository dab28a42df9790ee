// Each resource's docs page stays in step with its definition: every operation and every field,
// option and filter the node shows is named on the page by its HaloPSA API name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ENGINE_OPTIONS, GENERIC } from '../../scripts/docs.mjs';
import { ROOT } from '../../scripts/n8n-env.mjs';
import { EXTENSION_DIR } from '../harness/n8n.mjs';

const require = createRequire(import.meta.url);
const { HaloPsaComplete } = require(
	join(
		EXTENSION_DIR,
		'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/HaloPsaComplete.node.js',
	),
);
const { properties } = new HaloPsaComplete().description;
const resources = properties.find((property) => property.name === 'resource').options;

function haloNames(resource) {
	const names = new Set();
	for (const property of properties) {
		if (!property.displayOptions?.show?.resource?.includes(resource) || property.type === 'notice')
			continue;
		if (property.type === 'collection') {
			for (const option of property.options)
				if (!ENGINE_OPTIONS.has(option.name)) names.add(option.name);
		} else if (!GENERIC.has(property.name) && property.type !== 'resourceLocator')
			names.add(property.name);
	}
	return names;
}

for (const { value, name } of resources) {
	test(`docs/resources/${value}.md covers every operation and field of ${name}`, () => {
		const file = join(ROOT, 'docs', 'resources', `${value}.md`);
		assert.ok(existsSync(file), `${file} is missing`);
		const page = readFileSync(file, 'utf8');
		const operations = properties.find(
			(p) => p.name === 'operation' && p.displayOptions.show.resource[0] === value,
		).options;
		for (const operation of operations)
			assert.ok(
				page.includes(`\`${operation.value}\``),
				`operation ${operation.value} not on the page`,
			);
		const missing = [...haloNames(value)].filter((key) => !page.includes(`\`${key}\``));
		assert.deepEqual(missing, [], `fields not on ${value}.md`);
		assert.match(
			page,
			/## Example workflow to import[\s\S]*```json\n/,
			`${value}.md has no example workflow to import`,
		);
	});
}
