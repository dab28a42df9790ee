import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Release fields, with their HaloPSA (`Release`) names: a version of one of your products. */
const releaseFields: HaloField[] = [
	{
		key: 'name',
		kind: 'string',
		placeholder: 'e.g. 2.4.0',
		hint: 'Name of the release, usually its version',
	},
	{
		key: 'product_id',
		label: 'Product ID',
		kind: 'number',
		hint: 'ID of the product the release belongs to',
	},
	{
		key: 'releasetype_id',
		label: 'Release Type ID',
		kind: 'number',
		hint: 'ID of the release type, as set up in Halo',
	},
	{
		key: 'branch_id',
		label: 'Branch ID',
		kind: 'number',
		hint: 'ID of the product branch the release is cut from',
	},
	{
		key: 'major_version_number',
		label: 'Major Version',
		kind: 'number',
		minValue: 0,
		hint: 'Major part of the version number',
	},
	{
		key: 'minor_version_number',
		label: 'Minor Version',
		kind: 'number',
		minValue: 0,
		hint: 'Minor part of the version number',
	},
	{
		key: 'patch_version_number',
		label: 'Patch Version',
		kind: 'number',
		minValue: 0,
		hint: 'Patch part of the version number',
	},
	{ key: 'sequence', kind: 'number', hint: 'Position of the release in lists' },
	{ key: 'builddate', label: 'Build Date', kind: 'dateTime', hint: 'When the release was built' },
	{
		key: 'releasedate',
		label: 'Release Date',
		kind: 'dateTime',
		hint: 'When the release goes out',
	},
	{
		key: 'whoreleased_id',
		label: 'Released By',
		kind: 'number',
		ref: REF.agent,
		hint: 'Agent who released it',
	},
	{ key: 'note', kind: 'text', hint: 'Internal notes on the release' },
	{
		key: 'public_note',
		label: 'Public Note',
		kind: 'text',
		hint: 'Release notes end users can see',
	},
];

export const release: ResourceDefinition = {
	value: 'release',
	displayName: 'Release',
	description: 'Releases (versions) of your products, for release management',
	schemaEntity: 'Release',
	path: '/Release',
	owner: { kind: 'reference' },
	// The list pages; its wrapper key is not documented (halo-behaviour.md#list-shapes): a wrapper's
	// one array is read either way.
	listKey: 'releases',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	create: createFrom(releaseFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search release names for' },
			{
				key: 'product_id',
				label: 'Product ID',
				kind: 'number',
				hint: 'Only releases of this product',
			},
			{
				key: 'releasenote_group_id',
				label: 'Release Note Group ID',
				kind: 'number',
				hint: 'Only releases in this release note group',
			},
			{
				key: 'exclude_releasenote_group_id',
				label: 'Exclude Release Note Group ID',
				kind: 'number',
				hint: 'Leave out releases in this release note group',
			},
			{
				key: 'compare_version_seq',
				label: 'Compare Version Sequence',
				kind: 'number',
				hint: 'Version sequence to compare releases against',
			},
			{
				key: 'restrictmyversion',
				label: 'Restrict to My Version',
				kind: 'boolean',
				hint: 'Whether to list only releases up to the user’s own version',
			},
			{
				key: 'includenotecount',
				label: 'Include Note Count',
				kind: 'boolean',
				hint: 'Whether to include each release’s number of release notes',
			},
			{
				key: 'include_devops_project',
				label: 'Include DevOps Project',
				kind: 'boolean',
				hint: 'Whether to include the linked DevOps project',
			},
			{
				key: 'includedetails',
				label: 'Include Details',
				kind: 'boolean',
				hint: 'Whether to include nested objects',
			},
			...orderFilters,
		],
	},
	update: { fields: releaseFields },
	delete: {},
};
