// Issue 29, each thing said once: shareAcrossResources keeps a parameter once for the resources
// that show it alike, and only where each resource keeps its own order. The node's form as it comes
// out (every resource's form whole): description.test.mts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INodeProperties } from 'n8n-workflow';

import { shareAcrossResources } from '../../../nodes/HaloPsaComplete/descriptions/shareProperties.ts';

test('A parameter is shared only where each resource keeps its order; different ones stay apart', () => {
	const parameter = (
		name: string,
		resource: string,
		more: Partial<INodeProperties> = {},
	): INodeProperties => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
		displayOptions: { show: { resource: [resource], operation: ['get'] } },
		...more,
	});
	const shared = shareAcrossResources([
		[parameter('x', 'a'), parameter('y', 'a')],
		[parameter('y', 'b'), parameter('x', 'b')],
		[parameter('x', 'c'), parameter('z', 'c'), parameter('y', 'c')],
		[parameter('x', 'd', { default: 'other' })],
	]);
	const order = (resource: string) =>
		shared
			.filter((property) => property.displayOptions?.show?.resource?.includes(resource))
			.map((property) => property.name);
	assert.deepEqual(order('a'), ['x', 'y']);
	assert.deepEqual(order('b'), ['y', 'x']);
	assert.deepEqual(order('c'), ['x', 'z', 'y']);
	assert.deepEqual(order('d'), ['x']);
	assert.deepEqual(
		shared.map((property) => [property.name, property.displayOptions?.show?.resource]),
		[
			['x', ['a', 'c']],
			['z', ['c']],
			['y', ['a', 'b', 'c']],
			['x', ['b']],
			['x', ['d']],
		],
	);
});
