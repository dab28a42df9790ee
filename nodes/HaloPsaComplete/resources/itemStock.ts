import type { HaloField, ResourceDefinition } from '../helpers/types';
import { createFrom, includeDetailsOption, orderFilters } from './common';
import { REF } from './references';

/** One batch of an item in stock, with its HaloPSA (`ItemStock`) names. */
const itemStockFields: HaloField[] = [
	{
		key: 'item_id',
		label: 'Item ID',
		kind: 'number',
		ref: REF.item,
		hint: 'ID of the item in stock',
	},
	{ key: 'quantity_in', label: 'Quantity In', kind: 'number', hint: 'How many came into stock' },
	{
		key: 'stocklocation_id',
		label: 'Stock Location ID',
		kind: 'number',
		hint: 'ID of the stock location holding it',
	},
	{
		key: 'stockbin_id',
		label: 'Stock Bin ID',
		kind: 'number',
		hint: 'ID of the bin within the location',
	},
	{ key: 'cost', kind: 'number', hint: 'What one unit of this batch cost' },
	{ key: 'date', kind: 'dateTime', hint: 'When the stock came in' },
	{
		key: 'supplier_id',
		label: 'Supplier ID',
		kind: 'number',
		ref: REF.supplier,
		hint: 'ID of the supplier it came from',
	},
	{
		key: 'purchaseorder_id',
		label: 'Purchase Order ID',
		kind: 'number',
		ref: REF.purchaseOrder,
		hint: 'ID of the purchase order it came in on',
	},
	{
		key: 'is_stock_take',
		label: 'Stock Take',
		kind: 'boolean',
		hint: 'Whether this is a correction from a stock take',
	},
	{ key: 'note', kind: 'text', hint: 'Note about the stock' },
];

export const itemStock: ResourceDefinition = {
	value: 'itemStock',
	displayName: 'Item Stock',
	singular: 'item stock entry',
	plural: 'item stock entries',
	description: 'Stock of items held at stock locations',
	schemaEntity: 'ItemStock',
	path: '/ItemStock',
	owner: { kind: 'reference' },
	// The list pages; its wrapper key is not documented (the list reader takes the one array).
	listKey: 'itemstock',
	idType: 'number',
	nameField: 'item_name',
	pages: true,
	simplified: [
		'id',
		'item_id',
		'item_name',
		'stocklocation_id',
		'stocklocation_name',
		'quantity_in',
		'quantity_remaining',
		'cost',
		'date',
	],
	create: createFrom(itemStockFields, ['item_id', 'quantity_in']),
	get: { options: [includeDetailsOption] },
	getMany: {
		filters: [
			{
				key: 'item_id',
				label: 'Item ID',
				kind: 'number',
				ref: REF.item,
				hint: 'Only stock of this item',
			},
			{
				key: 'stocklocation_id',
				label: 'Stock Location ID',
				kind: 'number',
				hint: 'Only stock at this location',
			},
			{ key: 'stockbin_id', label: 'Stock Bin ID', kind: 'number', hint: 'Only stock in this bin' },
			...orderFilters,
		],
	},
	update: { fields: itemStockFields },
	delete: {},
};
