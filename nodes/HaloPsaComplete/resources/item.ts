import type { HaloField, ResourceDefinition } from '../engine/types';
import { createFrom, customFieldsField, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** Item (product and service catalogue) fields, with their HaloPSA (`Item`) names. */
const itemFields: HaloField[] = [
	{ key: 'name', kind: 'string', hint: 'Name of the item' },
	{ key: 'description', kind: 'text', hint: 'Sales description of the item' },
	{ key: 'purchase_description', label: 'Purchase Description', kind: 'text', hint: 'Description used on purchase orders' },
	{ key: 'assetgroup_id', label: 'Item Group ID', kind: 'number', hint: 'ID of the group the item belongs to' },
	{ key: 'assettype_id', label: 'Asset Type ID', kind: 'number', ref: REF.assetType, hint: 'ID of the asset type the item becomes when consigned' },
	{ key: 'supplier_id', label: 'Supplier ID', kind: 'number', ref: REF.supplier, hint: 'ID of the item’s main supplier' },
	{ key: 'supplier_part_code', label: 'Supplier Part Code', kind: 'string', hint: 'The supplier’s code for the item' },
	{ key: 'internalreference', label: 'Internal Reference', kind: 'string', hint: 'Your own code for the item' },
	{ key: 'externalreference', label: 'External Reference', kind: 'string', hint: 'Code of the item in another system' },
	{ key: 'baseprice', label: 'Price', kind: 'number', hint: 'Selling price of one item' },
	{ key: 'costprice', label: 'Cost Price', kind: 'number', hint: 'What one item costs you' },
	{ key: 'isrecurringitem', label: 'Recurring Item', kind: 'boolean', hint: 'Whether the item is billed on recurring invoices' },
	{ key: 'recurringprice', label: 'Recurring Price', kind: 'number', hint: 'Price of the item on recurring invoices' },
	{ key: 'recurringcost', label: 'Recurring Cost', kind: 'number', hint: 'What the item costs you each recurring period' },
	{ key: 'taxable', kind: 'boolean', hint: 'Whether sales tax applies to the item' },
	{ key: 'taxcode', label: 'Sales Tax ID', kind: 'number', hint: 'ID of the tax rate charged on sales of the item' },
	{ key: 'minstockqty', label: 'Minimum Stock Quantity', kind: 'number', hint: 'Stock level below which the item is reordered' },
	{ key: 'reorderqty', label: 'Reorder Quantity', kind: 'number', hint: 'Quantity ordered when stock runs low' },
	{ key: 'dont_track_stock', label: 'Do Not Track Stock', kind: 'boolean', hint: 'Whether stock of the item is not counted' },
	{ key: 'nominalcode', label: 'Nominal Code', kind: 'string', hint: 'Sales account code in the accounts package' },
	{ key: 'note', kind: 'text', hint: 'Note about the item' },
	customFieldsField('item'),
];

export const item: ResourceDefinition = {
	value: 'item',
	displayName: 'Item',
	description: 'Products and services you sell, with prices and stock levels',
	schemaEntity: 'Item',
	path: '/Item',
	listKey: 'items',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	simplified: ['id', 'name', 'supplier_part_code', 'baseprice', 'costprice', 'quantity_in_stock', 'isrecurringitem'],
	create: createFrom(itemFields, ['name']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search items for' },
			{ key: 'supplier_id', label: 'Supplier ID', kind: 'number', ref: REF.supplier, hint: 'Only items from this supplier' },
			{ key: 'assetgroup_id', label: 'Item Group ID', kind: 'number', hint: 'Only items in this group' },
			{ key: 'assetgroups', label: 'Item Group IDs', kind: 'idList', hint: 'Only items in these groups' },
			{ key: 'assettypes', label: 'Asset Type IDs', kind: 'idList', hint: 'Only items of these asset types' },
			{ key: 'stocklocation_id', label: 'Stock Location ID', kind: 'number', hint: 'Only items held at this stock location' },
			{ key: 'includeinactive', label: 'Include Inactive', kind: 'boolean', hint: 'Whether to include inactive items' },
			{ key: 'recurringonly', label: 'Recurring Only', kind: 'boolean', hint: 'Whether to list recurring items only' },
			{ key: 'excluderecurring', label: 'Exclude Recurring', kind: 'boolean', hint: 'Whether to leave out recurring items' },
			{ key: 'show_not_in_stock', label: 'Show Not in Stock', kind: 'boolean', hint: 'Whether to include items that are out of stock' },
			...orderFilters,
		],
	},
	update: { fields: itemFields },
	delete: {},
};
