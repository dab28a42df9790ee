import type { ResourceDefinition } from '../engine/types';
import { client } from './client';

/** Every resource the node offers; adding one is a new file and a line here. */
export const RESOURCES: ResourceDefinition[] = [client];

/** Stays fixed: n8n saves only parameters that differ from their default. */
export const DEFAULT_RESOURCE = 'client';
