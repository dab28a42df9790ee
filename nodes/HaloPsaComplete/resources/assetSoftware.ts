import type { ResourceDefinition } from '../helpers/types';
import { REF } from './references';

export const assetSoftware: ResourceDefinition = {
	value: 'assetSoftware',
	displayName: 'Asset Software',
	singular: 'asset software record',
	plural: 'asset software records',
	description: 'Software installed on assets, with its version and licence, read only',
	schemaEntity: 'DeviceApplications',
	path: '/AssetSoftware',
	owner: {
		kind: 'unprovable',
		why: 'software rows name no client, and the asset they are on is not in them',
	},
	// Bare array like Halo's other lists without paging (halo-behaviour.md#list-shapes); the document
	// gives no list key.
	idType: 'number',
	nameField: 'name',
	pages: false,
	getMany: {
		filters: [
			{
				key: 'device_id',
				label: 'Asset ID',
				kind: 'number',
				ref: REF.asset,
				hint: 'Only software on this asset',
			},
			{
				key: 'licence_id',
				label: 'Software Licence ID',
				kind: 'number',
				ref: REF.softwareLicence,
				hint: 'Only software under this licence',
			},
			{
				key: 'user_id',
				label: 'User ID',
				kind: 'number',
				ref: REF.user,
				hint: 'Only software of this end user',
			},
			{
				key: 'third_party_id',
				label: 'Third Party ID',
				kind: 'string',
				hint: 'Only software with this ID in another system',
			},
			{
				key: 'third_party_field',
				label: 'Third Party Field',
				kind: 'string',
				hint: 'Field of the other system that Third Party ID is matched in',
			},
		],
	},
	unsupported: {
		create:
			'HaloPSA’s API only lists asset software: it is recorded by inventory tools and cannot be created, read one by one, updated or deleted here.',
	},
};
