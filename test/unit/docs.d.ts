// The types of what docs.test.mts takes from the docs generator (scripts/docs.mjs, plain
// JavaScript).
declare module '*/scripts/docs.mjs' {
	import type { INodeProperties } from 'n8n-workflow';
	import type { ResourceDefinition } from '../../nodes/HaloPsaComplete/helpers/types';

	/** docs/resources: one page per resource. */
	export const DOCS_DIR: string;
	/** The page with every generated region rewritten from the node's properties. */
	export function renderPage(properties: INodeProperties[], resource: string, page: string): string;
	/** docs/allowed-clients.md. */
	export const SCOPE_PAGE: string;
	/** docs/allowed-clients.md with its table of every resource rewritten from the definitions. */
	export function renderScopePage(resources: Iterable<ResourceDefinition>, page: string): string;
}
