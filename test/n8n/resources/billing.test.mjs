// Billing and sales: contracts, quotations, sales and purchase orders, items and stock, suppliers,
// invoices (Void, Update Lines), recurring invoices, payments, prepay, charge rates, tax, currency
// and cost centres, every operation inside real n8n against the HaloPSA sandbox, in one n8n boot.
// Where Halo's behaviour is unknown (the void route) the case runs against each possible answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CaseBook, byId } from '../../harness/cases.mjs';
import {
	lifecycle,
	lifecycleRequests as checkLifecycle,
	op,
	step,
} from '../../harness/lifecycle.mjs';

const book = await CaseBook.start('billing');
const cases = new Proxy({}, { get: (_, name) => book.cases.get(name) });
const failing = (parameters) => step(parameters, { continueOnFail: true });
const GUID = '6f1c2a7e-9b1d-4c55-8a1e-2f0c1d9e7a11';

book.passing('contract', {
	seed: {
		clientcontract: [
			{ client_id: 1, ref: 'ACME-MSA', active: true },
			{ client_id: 2, ref: 'BOLT-MSA', active: true },
			{ client_id: 1, ref: 'ACME-OLD', active: false },
		],
	},
	steps: lifecycle('contract', {
		create: {
			client_id: 1,
			additionalFields: {
				ref: 'ACME-2026',
				start_date: '2026-01-01T00:00:00Z',
				periodchargeamount: 1200,
				rollingcontract: true,
			},
		},
		get: { options: { includeperiods: true } },
		update: { end_date: '2026-12-31T00:00:00Z', note: 'Renewal due' },
		getMany: { filters: { client_id: 1 } },
	}),
});
book.passing('contractInactive', {
	seed: {
		clientcontract: [
			{ client_id: 1, ref: 'ACME-MSA', active: true },
			{ client_id: 1, ref: 'ACME-OLD', active: false },
		],
	},
	steps: step(
		op('contract', 'getMany', { limit: 10, filters: { includeinactive: true, search: 'acme' } }),
	),
});
book.passing('contractSchedule', {
	seed: {
		clientcontract: [{ client_id: 1, ref: 'ACME-MSA' }],
		contractschedule: [{ id: GUID, chid: 1, date: '2026-02-01T00:00:00Z', amount: 100 }],
	},
	steps: lifecycle('contractSchedule', {
		create: {
			chid: 1,
			date: '2026-03-01T00:00:00Z',
			additionalFields: { amount: 250, note: 'Quarterly hardware refresh' },
		},
		update: { amount: 275 },
		getMany: {},
	}),
});
book.passing('contractScheduleNoContract', {
	steps: failing(op('contractSchedule', 'create', { chid: 0, date: '2026-03-01T00:00:00Z' })),
});
book.passing('quotation', {
	seed: {
		quotation: [
			{ client_id: 1, title: 'Laptops' },
			{ client_id: 2, title: 'Firewall' },
		],
	},
	steps: lifecycle('quotation', {
		create: {
			client_id: 1,
			additionalFields: {
				title: 'New starter kit',
				expiry_date: '2026-06-30T00:00:00Z',
				lines: '[{"item_id": 3, "qty_order": 2, "unit_price": 900}]',
			},
		},
		update: { note: 'Prices valid for 30 days' },
		getMany: { filters: { client_id: 2, includelines: true } },
	}),
});
book.passing('quotationConvert', {
	seed: {
		quotation: [
			{
				client_id: 1,
				title: 'New starter kit',
				site_id: 4,
				lines: [{ id: 1, item_id: 3, qty_order: 2 }],
			},
		],
	},
	steps: [
		step(op('quotation', 'convertToSalesOrder', { quotationId: byId(1) })),
		step(op('salesOrder', 'get', { salesOrderId: byId('={{ $json.salesorder_id }}') })),
	],
});
book.passing('salesOrder', {
	seed: {
		salesorder: [
			{ client_id: 1, summary: 'Laptops' },
			{ client_id: 2, summary: 'Firewall' },
		],
	},
	steps: lifecycle('salesOrder', {
		create: {
			client_id: 2,
			additionalFields: { summary: 'Switches', quotation_id: 7, po_number: 'PO-991' },
		},
		get: { options: { invoiceablelines: true } },
		update: { ship_date: '2026-05-04T00:00:00Z' },
		getMany: { filters: { client_id: 2, needsinvoicing: true } },
	}),
});
book.passing('purchaseOrder', {
	seed: {
		purchaseorder: [
			{ supplier_id: 1, po_ref: 'PO-1' },
			{ supplier_id: 2, po_ref: 'PO-2' },
		],
	},
	steps: lifecycle('purchaseOrder', {
		create: {
			supplier_id: 2,
			additionalFields: {
				po_ref: 'PO-3',
				salesorder_id: 5,
				cost_centre_id: 1,
				deliver_to_us: true,
			},
		},
		get: { options: { receivablelines: true } },
		update: { est_delivery_date: '2026-05-10T00:00:00Z' },
		getMany: { filters: { supplier_id: 2 } },
	}),
});
book.passing('purchaseOrderNoSupplier', {
	steps: failing(op('purchaseOrder', 'create', { supplier_id: '={{ $json.none }}' })),
	items: [{ none: '' }],
});
book.passing('item', {
	seed: {
		item: [
			{ name: 'Laptop 14"', supplier_id: 1, baseprice: 900 },
			{ name: 'Dock', supplier_id: 2, baseprice: 150 },
		],
	},
	steps: lifecycle('item', {
		create: {
			name: 'Monitor 27"',
			additionalFields: {
				supplier_id: 2,
				supplier_part_code: 'MON-27',
				baseprice: 250,
				costprice: 180,
				taxable: true,
			},
		},
		update: { baseprice: 240 },
		getMany: { filters: { supplier_id: 2, search: 'do' } },
	}),
});
book.passing('itemStock', {
	seed: {
		itemstock: [
			{ item_id: 1, quantity_in: 5, stocklocation_id: 1 },
			{ item_id: 2, quantity_in: 3, stocklocation_id: 1 },
		],
	},
	steps: lifecycle('itemStock', {
		create: {
			item_id: 1,
			quantity_in: 10,
			additionalFields: { stocklocation_id: 2, cost: 700, purchaseorder_id: 3 },
		},
		update: { note: 'Counted 2026-05-01' },
		getMany: { filters: { item_id: 1 } },
	}),
});
book.passing('supplier', {
	seed: {
		supplier: [
			{ name: 'Ingram' },
			{ name: 'TD Synnex' },
			{ name: 'Old Distributor', inactive: true },
		],
	},
	steps: lifecycle('supplier', {
		create: {
			name: 'Dicker Data',
			additionalFields: { email_address: 'orders@dicker.example', phone_number: '0800 100 200' },
		},
		update: { website: 'https://dicker.example' },
		getMany: { filters: { includeinactive: true, search: 'i' } },
	}),
});
book.passing('supplierContract', {
	seed: {
		suppliercontract: [
			{ supplier_id: 1, ref: 'ING-SUP' },
			{ supplier_id: 2, ref: 'TD-WARRANTY' },
		],
	},
	steps: lifecycle('supplierContract', {
		create: {
			supplier_id: 2,
			additionalFields: {
				ref: 'TD-LIC',
				start_date: '2026-01-01T00:00:00Z',
				end_date: '2027-01-01T00:00:00Z',
			},
		},
		update: { dontsendalarm: true },
		getMany: { filters: { supplier_id: 2 } },
	}),
});
book.passing('recurringInvoice', {
	seed: {
		recurringinvoice: [
			{ client_id: 1, reference: 'ACME monthly' },
			{ client_id: 2, reference: 'BOLT monthly' },
		],
	},
	steps: lifecycle('recurringInvoice', {
		create: {
			client_id: 1,
			additionalFields: {
				contract_id: 4,
				reference: 'ACME backup',
				nextcreationdate: '2026-06-01T00:00:00Z',
			},
		},
		update: { disabled: true },
		getMany: { filters: { client_id: 1, rinvoice_type: 'both' } },
	}),
});
book.passing('recurringInvoiceDeleteLocal', {
	seed: { recurringinvoice: [{ client_id: 1, reference: 'ACME monthly' }] },
	steps: step(
		op('recurringInvoice', 'delete', {
			recurringInvoiceId: byId(1),
			options: { bypass_accounts_sync: true },
		}),
	),
});
book.passing('recurringInvoiceLines', {
	seed: {
		recurringinvoice: [
			{ client_id: 1, reference: 'ACME monthly' },
			{ client_id: 2, reference: 'BOLT monthly' },
		],
	},
	steps: step(
		op('recurringInvoice', 'updateLines', {
			lines:
				'[{"ihid": 2, "item_shortdescription": "Managed service", "qty_order": 12, "unit_price": 25}]',
		}),
	),
});
book.passing('recurringInvoiceProcess', {
	seed: {
		recurringinvoice: [
			{
				client_id: 1,
				reference: 'ACME monthly',
				lines: [{ id: 1, item_shortdescription: 'Support', qty_order: 1, unit_price: 500 }],
			},
			{ client_id: 2, reference: 'BOLT monthly' },
		],
	},
	steps: step(op('recurringInvoice', 'process', { ids: '[1]' })),
});
book.passing('invoicePayment', {
	seed: {
		invoice: [{ client_id: 1 }, { client_id: 2 }],
		invoicepayment: [
			{ invoice_id: 1, amount: 50 },
			{ invoice_id: 2, amount: 75 },
		],
	},
	steps: lifecycle('invoicePayment', {
		create: {
			invoice_id: 2,
			amount: 125.5,
			additionalFields: { date: '2026-05-04T00:00:00Z', thirdpartyid: 'pi_123' },
		},
		update: { amount: 120 },
		getMany: { filters: { invoice_id: 2 } },
	}),
});
book.passing('invoicePaymentUnknownInvoice', {
	steps: failing(op('invoicePayment', 'create', { invoice_id: 99, amount: 10 })),
});
book.passing('clientPrepay', {
	seed: {
		clientprepay: [
			{ client_id: 1, hours: 10 },
			{ client_id: 2, hours: 20 },
		],
	},
	steps: lifecycle('clientPrepay', {
		create: {
			client_id: 1,
			additionalFields: {
				hours: 40,
				amount: 3600,
				description: 'Block of 40 hours',
				expirydate: '2027-01-01T00:00:00Z',
			},
		},
		update: { description: 'Block of 40 hours (2026)' },
		getMany: { filters: { client_id: 1 } },
	}),
});
book.passing('chargeRate', {
	seed: {
		chargerate: [
			{ charge_id: 1, rate: 90, area: 0, current: true },
			{ charge_id: 1, rate: 80, area: 3, current: true },
			{ charge_id: 2, rate: 120, area: 3, current: false },
		],
	},
	steps: [
		step(
			op('chargeRate', 'getMany', {
				returnAll: true,
				filters: { client_id: 3, currentonly: true },
			}),
		),
		step(
			op('chargeRate', 'get', {
				chargeRateId: byId('={{ $json.id }}'),
				options: { includedetails: true },
			}),
		),
	],
});
book.passing('chargeRateReadOnly', { steps: failing(op('chargeRate', 'create', {})) });
book.passing('tax', {
	seed: { tax: [{ name: 'VAT 20%', value: 20 }] },
	steps: lifecycle('tax', {
		create: { name: 'VAT 5%', additionalFields: { value: 5, code: 'T5' } },
		update: { onseparateline: true },
		getMany: {},
	}),
});
book.passing('currency', {
	seed: { currency: [{ name: 'US Dollar', code: 'USD', symbol: '$', conversion_rate: 1.27 }] },
	steps: lifecycle('currency', {
		create: { name: 'Euro', additionalFields: { code: 'EUR', symbol: '€', conversion_rate: 1.17 } },
		update: { conversion_rate: 1.18 },
		getMany: {},
	}),
});
book.passing('costCentre', {
	seed: { costcentres: [{ name: 'Head Office', chargeable: false }] },
	steps: lifecycle('costCentre', {
		create: { name: 'Projects', additionalFields: { chargeable: true, addr1: '1 High Street' } },
		update: { addr2: 'Leeds' },
		getMany: {},
	}),
});

function define(name, options, parameters, { items, continueOnFail = false } = {}) {
	book.passing(name, { ...options, items, steps: { parameters, continueOnFail } });
}
const invoice = (operation, extra = {}) => ({ resource: 'invoice', operation, ...extra });

// ── Invoice ───────────────────────────────────────────────────────────────────────────────────
const invoices = [
	{ client_id: 2, reference: 'INV-A', notes_1: 'first', sitenumber: 4, hideinvoice: true },
	{ client_id: 3, reference: 'INV-B' },
	{ client_id: 2, reference: 'INV-C', posted: true },
];
define(
	'invCreate',
	{},
	invoice('create', {
		client_id: 7,
		additionalFields: {
			reference: 'PO-77',
			duedate: '2024-06-30T00:00:00',
			hideinvoice: false,
			lines: '[{"item_shortdescription": "Support", "qty_order": 2, "unit_price": 90}]',
		},
	}),
);
define(
	'invGet',
	{ seed: { invoice: invoices } },
	invoice('get', { invoiceId: byId(2), options: { includedetails: true } }),
);
define(
	'invGetMany',
	{ seed: { invoice: invoices } },
	invoice('getMany', {
		limit: 10,
		filters: {
			client_id: 2,
			postedonly: false,
			order: 'reference',
			orderdesc: true,
			client_ids: '2, 3',
			paymentstatuses: '0,1',
		},
	}),
);
define(
	'invClear',
	{ seed: { invoice: invoices } },
	invoice('update', {
		invoiceId: byId(1),
		updateFields: { notes_1: '', hideinvoice: false, sitenumber: 0 },
	}),
);
define(
	'invDelete',
	{ seed: { invoice: invoices } },
	invoice('delete', { invoiceId: byId(3), options: { bypass_accounts_sync: true } }),
);
define(
	'invUpdateLines',
	{ seed: { invoice: invoices } },
	invoice('updateLines', {
		lines:
			'[{"ihid": 1, "item_shortdescription": "Support", "qty_order": 2, "unit_price": 90}, {"ihid": 2, "item_shortdescription": "Licence", "qty_order": 1, "unit_price": 12.5}]',
	}),
);
define(
	'invUpdateLinesBadJson',
	{ seed: { invoice: invoices } },
	invoice('updateLines', { lines: '[{"ihid": 1,' }),
	{ continueOnFail: true },
);
// Void, both ways Halo may answer: a newer Halo's own route, or (2024-09) no route, so an update.
define(
	'invVoidRoute',
	{ seed: { invoice: invoices }, knobs: { invoiceVoidRoute: true } },
	invoice('void', { invoiceId: byId(2) }),
);
define('invVoidNoRoute', { seed: { invoice: invoices } }, invoice('void', { invoiceId: byId(2) }));
define(
	'invVoid405',
	{
		seed: { invoice: invoices },
		knobs: {
			failures: [
				{
					method: 'POST',
					route: /\/void$/,
					status: 405,
					body: "The requested resource does not support http method 'POST'.",
				},
			],
		},
	},
	invoice('void', { invoiceId: byId(2) }),
);
define(
	'invVoidUnknown',
	{ seed: { invoice: invoices } },
	invoice('void', { invoiceId: byId(999) }),
	{ continueOnFail: true },
);
define(
	'invVoidUnknownWithRoute',
	{ seed: { invoice: invoices }, knobs: { invoiceVoidRoute: true } },
	invoice('void', { invoiceId: byId(999) }),
	{
		continueOnFail: true,
	},
);
define(
	'invVoidServerError',
	{
		seed: { invoice: invoices },
		knobs: {
			invoiceVoidRoute: true,
			failures: [
				{
					method: 'POST',
					route: /\/void$/,
					status: 400,
					body: { ClassName: 'System.Exception', Message: 'Posted invoices cannot be voided' },
				},
			],
		},
	},
	invoice('void', { invoiceId: byId(3) }),
	{ continueOnFail: true },
);

before(() => book.run());
after(() => book.close());

const api = (name) => book.api(name);
const nodeOutput = (name, node) => book.output(name, undefined, node);
const output = (name) => book.output(name);
const route = (request) => [request.method, request.path, request.status];
const PAGED = { pageinate: 'true', page_size: '100', page_no: '1' };

const lifecycleRequests = (name, path) => checkLifecycle(book, name, path);

test('Contract: /ClientContract, Create, Get (with periods), Update, Delete, Get Many by client; inactive ones on request', () => {
	const { id, create, get, update, list } = lifecycleRequests('contract', 'ClientContract');
	assert.deepEqual(create.body, [
		{
			ref: 'ACME-2026',
			start_date: '2026-01-01T00:00:00Z',
			periodchargeamount: 1200,
			rollingcontract: true,
			client_id: 1,
		},
	]);
	assert.deepEqual(get.query, { includeperiods: 'true' });
	assert.deepEqual(update.body, [{ id, end_date: '2026-12-31T00:00:00Z', note: 'Renewal due' }]);
	assert.deepEqual(list.query, { client_id: '1', ...PAGED });
	assert.deepEqual(
		nodeOutput('contract', 'Halo 5').map((row) => row.ref),
		['ACME-MSA'],
	);
	assert.equal(nodeOutput('contract', 'Halo 3')[0].note, 'Renewal due');
	const [listed] = api('contractInactive');
	assert.deepEqual(listed.query, {
		includeinactive: 'true',
		search: 'acme',
		pageinate: 'true',
		page_size: '10',
		page_no: '1',
	});
	assert.deepEqual(
		nodeOutput('contractInactive').map((row) => row.ref),
		['ACME-MSA', 'ACME-OLD'],
	);
});

test('Contract Schedule: GUID ids end to end; a schedule entry needs its contract', () => {
	const { id, create, update, list } = lifecycleRequests('contractSchedule', 'ContractSchedule');
	assert.match(String(id), /^[0-9a-f-]{36}$/);
	assert.deepEqual(create.body, [
		{ amount: 250, note: 'Quarterly hardware refresh', chid: 1, date: '2026-03-01T00:00:00Z' },
	]);
	assert.deepEqual(update.body, [{ id, amount: 275 }]);
	assert.deepEqual(list.query, {});
	assert.deepEqual(
		nodeOutput('contractSchedule', 'Halo 5').map((row) => row.id),
		[GUID],
	);
	assert.equal(api('contractScheduleNoContract').length, 0);
	assert.match(
		nodeOutput('contractScheduleNoContract')[0].error,
		/Contract must be a record ID of 1 or more/,
	);
});

test('Quotation: Create with lines, Get, Update, Delete, Get Many by client', () => {
	const { id, create, update, list } = lifecycleRequests('quotation', 'Quotation');
	assert.deepEqual(create.body, [
		{
			title: 'New starter kit',
			expiry_date: '2026-06-30T00:00:00Z',
			lines: [{ item_id: 3, qty_order: 2, unit_price: 900 }],
			client_id: 1,
		},
	]);
	assert.deepEqual(update.body, [{ id, note: 'Prices valid for 30 days' }]);
	assert.deepEqual(list.query, { client_id: '2', includelines: 'true', ...PAGED });
	assert.deepEqual(
		nodeOutput('quotation', 'Halo 5').map((row) => row.title),
		['Firewall'],
	);
});

test('Quotation: Convert to Sales Order saves the quotation with _create_so, and the sales order exists', () => {
	const [convert, read] = api('quotationConvert');
	assert.equal(convert.method, 'POST');
	assert.equal(convert.path, '/api/Quotation');
	assert.deepEqual(convert.body, [{ _create_so: true, id: 1 }]);
	const [quote] = nodeOutput('quotationConvert', 'Halo');
	assert.ok(quote.salesorder_id >= 1);
	assert.equal(read.path, `/api/SalesOrder/${quote.salesorder_id}`);
	const [order] = nodeOutput('quotationConvert', 'Halo 2');
	assert.deepEqual(
		[order.quotation_id, order.client_id, order.site_id, order.summary],
		[1, 1, 4, 'New starter kit'],
	);
});

test('Sales Order: Create, Get (invoiceable lines), Update, Delete, Get Many by client', () => {
	const { id, create, get, update, list } = lifecycleRequests('salesOrder', 'SalesOrder');
	assert.deepEqual(create.body, [
		{ summary: 'Switches', quotation_id: 7, po_number: 'PO-991', client_id: 2 },
	]);
	assert.deepEqual(get.query, { invoiceablelines: 'true' });
	assert.deepEqual(update.body, [{ id, ship_date: '2026-05-04T00:00:00Z' }]);
	assert.deepEqual(list.query, { client_id: '2', needsinvoicing: 'true', ...PAGED });
	assert.deepEqual(
		nodeOutput('salesOrder', 'Halo 5').map((row) => row.summary),
		['Firewall'],
	);
});

test('Purchase Order: Create, Get (receivable lines), Update, Delete, Get Many by supplier; a purchase order needs its supplier', () => {
	const { id, create, get, update, list } = lifecycleRequests('purchaseOrder', 'PurchaseOrder');
	assert.deepEqual(create.body, [
		{ po_ref: 'PO-3', salesorder_id: 5, cost_centre_id: 1, deliver_to_us: true, supplier_id: 2 },
	]);
	assert.deepEqual(get.query, { receivablelines: 'true' });
	assert.deepEqual(update.body, [{ id, est_delivery_date: '2026-05-10T00:00:00Z' }]);
	assert.deepEqual(list.query, { supplier_id: '2', ...PAGED });
	assert.deepEqual(
		nodeOutput('purchaseOrder', 'Halo 5').map((row) => row.po_ref),
		['PO-2'],
	);
	assert.equal(api('purchaseOrderNoSupplier').length, 0);
	assert.equal(nodeOutput('purchaseOrderNoSupplier')[0].error, 'Supplier is required');
});

test('Item: Create, Get, Update, Delete, Get Many by supplier and search', () => {
	const { id, create, update, list } = lifecycleRequests('item', 'Item');
	assert.deepEqual(create.body, [
		{
			supplier_id: 2,
			supplier_part_code: 'MON-27',
			baseprice: 250,
			costprice: 180,
			taxable: true,
			name: 'Monitor 27"',
		},
	]);
	assert.deepEqual(update.body, [{ id, baseprice: 240 }]);
	assert.equal(nodeOutput('item', 'Halo 3')[0].baseprice, 240);
	assert.deepEqual(list.query, { supplier_id: '2', search: 'do', ...PAGED });
	assert.deepEqual(
		nodeOutput('item', 'Halo 5').map((row) => row.name),
		['Dock'],
	);
});

test('Item Stock: Create, Get, Update, Delete, Get Many by item', () => {
	const { id, create, update, list } = lifecycleRequests('itemStock', 'ItemStock');
	assert.deepEqual(create.body, [
		{ stocklocation_id: 2, cost: 700, purchaseorder_id: 3, item_id: 1, quantity_in: 10 },
	]);
	assert.equal(nodeOutput('itemStock', 'Halo')[0].quantity_remaining, 10);
	assert.deepEqual(update.body, [{ id, note: 'Counted 2026-05-01' }]);
	assert.deepEqual(list.query, { item_id: '1', ...PAGED });
	assert.deepEqual(
		nodeOutput('itemStock', 'Halo 5').map((row) => [row.item_id, row.quantity_in]),
		[[1, 5]],
	);
});

test('Supplier: Create, Get, Update, Delete, Get Many with inactive suppliers', () => {
	const { id, create, update, list } = lifecycleRequests('supplier', 'Supplier');
	assert.deepEqual(create.body, [
		{ email_address: 'orders@dicker.example', phone_number: '0800 100 200', name: 'Dicker Data' },
	]);
	assert.deepEqual(update.body, [{ id, website: 'https://dicker.example' }]);
	assert.deepEqual(list.query, { includeinactive: 'true', search: 'i', ...PAGED });
	assert.deepEqual(
		nodeOutput('supplier', 'Halo 5').map((row) => row.name),
		['Ingram', 'Old Distributor'],
	);
});

test('Supplier Contract: Create, Get, Update, Delete, Get Many by supplier', () => {
	const { id, create, update, list } = lifecycleRequests('supplierContract', 'SupplierContract');
	assert.deepEqual(create.body, [
		{
			ref: 'TD-LIC',
			start_date: '2026-01-01T00:00:00Z',
			end_date: '2027-01-01T00:00:00Z',
			supplier_id: 2,
		},
	]);
	assert.deepEqual(update.body, [{ id, dontsendalarm: true }]);
	assert.deepEqual(list.query, { supplier_id: '2', ...PAGED });
	assert.deepEqual(
		nodeOutput('supplierContract', 'Halo 5').map((row) => row.ref),
		['TD-WARRANTY'],
	);
});

test('Recurring Invoice: Create, Get, Update, Delete (optionally Halo only), Get Many by client', () => {
	const { id, create, update, list } = lifecycleRequests('recurringInvoice', 'RecurringInvoice');
	assert.deepEqual(create.body, [
		{
			contract_id: 4,
			reference: 'ACME backup',
			nextcreationdate: '2026-06-01T00:00:00Z',
			client_id: 1,
		},
	]);
	assert.deepEqual(update.body, [{ id, disabled: true }]);
	assert.deepEqual(list.query, { client_id: '1', rinvoice_type: 'both', ...PAGED });
	assert.deepEqual(
		nodeOutput('recurringInvoice', 'Halo 5').map((row) => row.reference),
		['ACME monthly'],
	);
	const [remove] = api('recurringInvoiceDeleteLocal');
	assert.equal(remove.path, '/api/RecurringInvoice/1');
	assert.deepEqual(remove.query, { bypass_accounts_sync: 'true' });
	assert.equal(book.tenant('recurringInvoiceDeleteLocal').record('recurringinvoice', 1), undefined);
});

test('Recurring Invoice: Update Lines posts the lines as they are; Raise Invoices posts the ids and returns the invoices raised', () => {
	const [lines] = api('recurringInvoiceLines');
	assert.equal(lines.path, '/api/RecurringInvoice/updatelines');
	assert.deepEqual(lines.body, [
		{ ihid: 2, item_shortdescription: 'Managed service', qty_order: 12, unit_price: 25 },
	]);
	assert.deepEqual(
		book
			.tenant('recurringInvoiceLines')
			.record('recurringinvoice', 2)
			.lines.map((line) => line.qty_order),
		[12],
	);
	const [processed] = api('recurringInvoiceProcess');
	assert.equal(processed.path, '/api/RecurringInvoice/process');
	assert.deepEqual(processed.body, [1]);
	const raised = nodeOutput('recurringInvoiceProcess');
	assert.deepEqual(
		raised.map((invoice) => [invoice.recurringinvoice_id, invoice.client_id, invoice.lines.length]),
		[[1, 1, 1]],
	);
	assert.equal(book.tenant('recurringInvoiceProcess').records('invoice').length, 1);
});

test('Invoice Payment: Create, Get, Update, Delete, Get Many by invoice; a payment of an unknown invoice is Halo’s 400', () => {
	const { id, create, update, list } = lifecycleRequests('invoicePayment', 'InvoicePayment');
	assert.deepEqual(create.body, [
		{ date: '2026-05-04T00:00:00Z', thirdpartyid: 'pi_123', invoice_id: 2, amount: 125.5 },
	]);
	assert.deepEqual(update.body, [{ id, amount: 120 }]);
	assert.deepEqual(list.query, { invoice_id: '2', ...PAGED });
	assert.deepEqual(
		nodeOutput('invoicePayment', 'Halo 5').map((row) => row.amount),
		[75],
	);
	const [rejected] = api('invoicePaymentUnknownInvoice');
	assert.equal(rejected.status, 400);
	assert.match(nodeOutput('invoicePaymentUnknownInvoice')[0].error, /Invoice 99 does not exist/);
});

test('Client Prepay: Create, Get, Update, Delete, Get Many by client', () => {
	const { id, create, update, list } = lifecycleRequests('clientPrepay', 'ClientPrepay');
	assert.deepEqual(create.body, [
		{
			hours: 40,
			amount: 3600,
			description: 'Block of 40 hours',
			expirydate: '2027-01-01T00:00:00Z',
			client_id: 1,
		},
	]);
	assert.deepEqual(update.body, [{ id, description: 'Block of 40 hours (2026)' }]);
	assert.deepEqual(list.query, { client_id: '1', ...PAGED });
	assert.deepEqual(
		nodeOutput('clientPrepay', 'Halo 5').map((row) => row.hours),
		[10],
	);
});

test('Charge Rate: Get Many (a client’s current rates) and Get; Create, which Halo lacks, sends nothing', () => {
	const [list, get] = api('chargeRate');
	assert.equal(list.path, '/api/ChargeRate');
	assert.deepEqual(list.query, { client_id: '3', currentonly: 'true' });
	assert.deepEqual(
		nodeOutput('chargeRate', 'Halo').map((row) => row.rate),
		[80],
	);
	assert.equal(get.path, '/api/ChargeRate/2');
	assert.deepEqual(get.query, { includedetails: 'true' });
	assert.equal(nodeOutput('chargeRate', 'Halo 2')[0].rate, 80);
	assert.equal(api('chargeRateReadOnly').length, 0);
	assert.match(nodeOutput('chargeRateReadOnly')[0].error, /only reads charge rates/);
});

test('Tax: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('tax', 'Tax');
	assert.deepEqual(create.body, [{ value: 5, code: 'T5', name: 'VAT 5%' }]);
	assert.deepEqual(update.body, [{ id, onseparateline: true }]);
	assert.deepEqual(
		nodeOutput('tax', 'Halo 5').map((row) => row.name),
		['VAT 20%'],
	);
});

test('Currency: Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('currency', 'Currency');
	assert.deepEqual(create.body, [
		{ code: 'EUR', symbol: '€', conversion_rate: 1.17, name: 'Euro' },
	]);
	assert.deepEqual(update.body, [{ id, conversion_rate: 1.18 }]);
	assert.deepEqual(
		nodeOutput('currency', 'Halo 5').map((row) => row.code),
		['USD'],
	);
});

test('Cost Centre: /CostCentres, Create, Get, Update, Delete, Get Many', () => {
	const { id, create, update } = lifecycleRequests('costCentre', 'CostCentres');
	assert.deepEqual(create.body, [{ chargeable: true, addr1: '1 High Street', name: 'Projects' }]);
	assert.deepEqual(update.body, [{ id, addr2: 'Leeds' }]);
	assert.deepEqual(
		nodeOutput('costCentre', 'Halo 5').map((row) => row.name),
		['Head Office'],
	);
});

// ── Invoice ───────────────────────────────────────────────────────────────────────────────────

test('Invoice Create posts the client, the fields set and the lines, and outputs the saved invoice', () => {
	const [request] = api('invCreate');
	assert.deepEqual([request.method, request.path], ['POST', '/api/Invoice']);
	assert.deepEqual(request.body, [
		{
			client_id: 7,
			reference: 'PO-77',
			duedate: '2024-06-30T00:00:00',
			hideinvoice: false,
			lines: [{ item_shortdescription: 'Support', qty_order: 2, unit_price: 90 }],
		},
	]);
	const [created] = output('invCreate');
	assert.equal(created.id, 1);
	assert.equal(created.reference, 'PO-77');
	assert.equal(created.voided, false);
});

test('Invoice Get reads /Invoice/{id} with Include Details', () => {
	const [request] = api('invGet');
	assert.deepEqual(route(request), ['GET', '/api/Invoice/2', 200]);
	assert.deepEqual(request.query, { includedetails: 'true' });
	assert.deepEqual(
		output('invGet').map((row) => row.reference),
		['INV-B'],
	);
});

test('Invoice Get Many pages and sends its filters under their HaloPSA names', () => {
	const requests = api('invGetMany');
	assert.equal(requests.length, 1);
	assert.deepEqual(requests[0].query, {
		pageinate: 'true',
		page_size: '10',
		page_no: '1',
		client_id: '2',
		postedonly: 'false',
		order: 'reference',
		orderdesc: 'true',
		client_ids: '2,3',
		paymentstatuses: '0,1',
	});
	assert.deepEqual(
		output('invGetMany').map((row) => row.reference),
		['INV-C', 'INV-A'],
	);
});

test('Invoice Update sends empty string, false and 0 so fields can be cleared', () => {
	assert.deepEqual(api('invClear')[0].body, [
		{ id: 1, notes_1: '', hideinvoice: false, sitenumber: 0 },
	]);
	const [updated] = output('invClear');
	assert.deepEqual(
		[updated.id, updated.notes_1, updated.hideinvoice, updated.sitenumber],
		[1, '', false, 0],
	);
	assert.equal(cases.invClear.tenant.record('invoice', 1).notes_1, '');
});

test('Invoice Delete sends Bypass Accounts Sync and outputs { id, deleted: true }', () => {
	const [request] = api('invDelete');
	assert.deepEqual(route(request), ['DELETE', '/api/Invoice/3', 200]);
	assert.deepEqual(request.query, { bypass_accounts_sync: 'true' });
	assert.deepEqual(output('invDelete'), [{ id: 3, deleted: true }]);
	assert.equal(cases.invDelete.tenant.record('invoice', 3), undefined);
});

test('Invoice Update Lines posts the lines array as it was given and outputs the invoices changed', () => {
	const [request] = api('invUpdateLines');
	assert.deepEqual(route(request), ['POST', '/api/Invoice/updatelines', 200]);
	assert.deepEqual(request.body, [
		{ ihid: 1, item_shortdescription: 'Support', qty_order: 2, unit_price: 90 },
		{ ihid: 2, item_shortdescription: 'Licence', qty_order: 1, unit_price: 12.5 },
	]);
	const changed = output('invUpdateLines');
	assert.deepEqual(
		changed.map((row) => row.id),
		[1, 2],
	);
	assert.deepEqual(
		changed[1].lines.map((line) => line.item_shortdescription),
		['Licence'],
	);
	assert.equal(cases.invUpdateLines.tenant.record('invoice', 1).lines[0].unit_price, 90);
});

test('Invoice Update Lines with broken JSON fails before any request', () => {
	assert.equal(api('invUpdateLinesBadJson').length, 0);
	assert.equal(output('invUpdateLinesBadJson')[0].error, 'Invoice Lines (JSON) is not valid JSON');
});

test('Void uses POST /Invoice/{id}/void where Halo has that route', () => {
	assert.deepEqual(api('invVoidRoute').map(route), [['POST', '/api/Invoice/2/void', 200]]);
	assert.equal(api('invVoidRoute')[0].body, undefined);
	const [voided] = output('invVoidRoute');
	assert.deepEqual([voided.id, voided.voided], [2, true]);
	assert.equal(cases.invVoidRoute.tenant.record('invoice', 2).voided, true);
});

for (const [name, status] of [
	['invVoidNoRoute', 404],
	['invVoid405', 405],
]) {
	test(`Void falls back to an update with voided: true when the route answers ${status}`, () => {
		const requests = api(name);
		assert.deepEqual(requests.map(route), [
			['POST', '/api/Invoice/2/void', status],
			['GET', '/api/Invoice/2', 200],
			['POST', '/api/Invoice', 201],
		]);
		assert.deepEqual(requests[2].body, [{ voided: true, id: 2 }]);
		const [voided] = output(name);
		assert.deepEqual([voided.id, voided.voided, voided.reference], [2, true, 'INV-B']);
		assert.equal(cases[name].tenant.record('invoice', 2).voided, true);
		assert.equal(cases[name].tenant.record('invoice', 1).voided, false);
	});
}

for (const name of ['invVoidUnknown', 'invVoidUnknownWithRoute']) {
	test(`Void of an unknown invoice fails naming it, and never posts an update (${name})`, () => {
		assert.deepEqual(api(name).map(route), [
			['POST', '/api/Invoice/999/void', 404],
			['GET', '/api/Invoice/999', 404],
		]);
		const [failed] = output(name);
		assert.equal(failed.error, 'No Invoice with ID 999 exists in HaloPSA (404)');
		assert.equal(failed.httpCode, '404');
		assert.equal(cases[name].tenant.records('invoice').length, invoices.length);
	});
}

test("Void does not fall back on other errors: Halo's 400 is shown as it is", () => {
	assert.deepEqual(api('invVoidServerError').map(route), [['POST', '/api/Invoice/3/void', 400]]);
	assert.equal(
		output('invVoidServerError')[0].error,
		'HaloPSA rejected the request: Posted invoices cannot be voided',
	);
	assert.equal(cases.invVoidServerError.tenant.record('invoice', 3).voided, false);
});
