import type { ResourceDefinition } from '../helpers/types';
import { action } from './action';
import { agent } from './agent';
import { appointment } from './appointment';
import { asset } from './asset';
import { attachment } from './attachment';
import { cannedText } from './cannedText';
import { category } from './category';
import { client } from './client';
import { customApiCall } from './customApiCall';
import { fieldInfo } from './fieldInfo';
import { invoice } from './invoice';
import { outcome } from './outcome';
import { priority } from './priority';
import { report } from './report';
import { site } from './site';
import { sla } from './sla';
import { team } from './team';
import { ticket } from './ticket';
import { ticketStatus } from './ticketStatus';
import { ticketType } from './ticketType';
import { timesheet } from './timesheet';
import { timesheetEvent } from './timesheetEvent';
import { toDo } from './toDo';
import { topLevel } from './topLevel';
import { user } from './user';
import { webhook } from './webhook';
import { webhookEvent } from './webhookEvent';
// Knowledge and organisation.
import { address } from './address';
import { crmNote } from './crmNote';
import { customTable } from './customTable';
import { distributionList } from './distributionList';
import { emailTemplate } from './emailTemplate';
import { externalLink } from './externalLink';
import { faqList } from './faqList';
import { feedback } from './feedback';
import { kbArticle } from './kbArticle';
import { lookup } from './lookup';
import { mailbox } from './mailbox';
import { notification } from './notification';
import { organisation } from './organisation';
import { role } from './role';
import { tag } from './tag';
import { ticketTemplate } from './ticketTemplate';

// Commercial
import { chargeRate } from './chargeRate';
import { clientPrepay } from './clientPrepay';
import { contract } from './contract';
import { contractSchedule } from './contractSchedule';
import { costCentre } from './costCentre';
import { currency } from './currency';
import { invoicePayment } from './invoicePayment';
import { item } from './item';
import { itemStock } from './itemStock';
import { purchaseOrder } from './purchaseOrder';
import { quotation } from './quotation';
import { recurringInvoice } from './recurringInvoice';
import { salesOrder } from './salesOrder';
import { supplier } from './supplier';
import { supplierContract } from './supplierContract';
import { tax } from './tax';
// Work and assets
import { assetGroup } from './assetGroup';
import { assetSoftware } from './assetSoftware';
import { assetType } from './assetType';
import { changeCalendar } from './changeCalendar';
import { holiday } from './holiday';
import { opportunity } from './opportunity';
import { project } from './project';
import { release } from './release';
import { schedule } from './schedule';
import { service } from './service';
import { serviceCategory } from './serviceCategory';
import { serviceStatus } from './serviceStatus';
import { softwareLicence } from './softwareLicence';
import { timeslot } from './timeslot';
import { workday } from './workday';

/** Every resource the node offers; adding one is a new file and a line here. */
export const RESOURCES: ResourceDefinition[] = [
	action,
	agent,
	appointment,
	asset,
	attachment,
	cannedText,
	category,
	client,
	customApiCall,
	fieldInfo,
	invoice,
	outcome,
	priority,
	report,
	site,
	sla,
	team,
	ticket,
	ticketStatus,
	ticketType,
	timesheet,
	timesheetEvent,
	toDo,
	topLevel,
	user,
	webhook,
	webhookEvent,
	// Commercial
	chargeRate,
	clientPrepay,
	contract,
	contractSchedule,
	costCentre,
	currency,
	invoicePayment,
	item,
	itemStock,
	purchaseOrder,
	quotation,
	recurringInvoice,
	salesOrder,
	supplier,
	supplierContract,
	tax,
	// Work and assets
	project,
	opportunity,
	release,
	changeCalendar,
	schedule,
	workday,
	holiday,
	timeslot,
	assetType,
	assetGroup,
	assetSoftware,
	softwareLicence,
	service,
	serviceCategory,
	serviceStatus,
	// Knowledge and organisation.
	address,
	crmNote,
	customTable,
	distributionList,
	emailTemplate,
	externalLink,
	faqList,
	feedback,
	kbArticle,
	lookup,
	mailbox,
	notification,
	organisation,
	role,
	tag,
	ticketTemplate,
];

/** Stays fixed: n8n saves only parameters that differ from their default. */
export const DEFAULT_RESOURCE = 'client';
