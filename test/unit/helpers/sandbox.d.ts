// The types of what secrets.test.mts takes from the sandbox (sandbox/*.mjs, plain JavaScript): its
// seeds, how it serves each resource, and its router, to read each seeded record as a Get with
// details answers it.
declare module '*/sandbox/seed.mjs' {
	import type { IDataObject } from 'n8n-workflow';

	/** Records by resource. */
	export function demoSeed(): Record<string, IDataObject[]>;
	/** The secrets Halo's records hold, and the values beside them that must stay visible. */
	export function secretSeed(): Record<string, IDataObject[]>;
}

declare module '*/sandbox/resources.mjs' {
	import type { IDataObject } from 'n8n-workflow';

	/** How the sandbox serves a resource (the part the tests read: a new record's defaults). */
	export interface SandboxResource {
		defaults?: IDataObject;
	}
	export const SANDBOX_RESOURCES: Record<string, SandboxResource>;
	/** A resource of its own, or one known from Halo's document only; undefined when neither. */
	export function sandboxResource(name: string): SandboxResource | undefined;
}

declare module '*/sandbox/server.mjs' {
	import type { IDataObject } from 'n8n-workflow';

	/** A tenant of the sandbox: its own records and API applications. */
	export interface SandboxTenant {
		readonly name: string;
	}

	export class HaloSandbox {
		addTenant(name: string, options?: { seed?: Record<string, IDataObject[]> }): SandboxTenant;
		/** One request to a resource (`spec`: from sandboxResource), answered as [body, status]. */
		route(
			tenant: SandboxTenant,
			spec: object | undefined,
			resourceName: string,
			method: string,
			id: string | undefined,
			action: string | undefined,
			query: IDataObject,
			body: unknown,
		): [unknown, number?];
	}
}
