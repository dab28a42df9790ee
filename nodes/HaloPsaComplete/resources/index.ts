import type { ResourceDefinition } from '../engine/types';
import { agent } from './agent';
import { asset } from './asset';
import { client } from './client';
import { fieldInfo } from './fieldInfo';
import { invoice } from './invoice';
import { site } from './site';
import { ticket } from './ticket';
import { ticketStatus } from './ticketStatus';
import { ticketType } from './ticketType';
import { timesheet } from './timesheet';
import { timesheetEvent } from './timesheetEvent';
import { webhook } from './webhook';
import { webhookEvent } from './webhookEvent';

/** Every resource the node offers; adding one is a new file and a line here. */
export const RESOURCES: ResourceDefinition[] = [agent, asset, client, fieldInfo, invoice, site, ticket, ticketStatus, ticketType, timesheet, timesheetEvent, webhook, webhookEvent];

/** Stays fixed: n8n saves only parameters that differ from their default. */
export const DEFAULT_RESOURCE = 'client';
