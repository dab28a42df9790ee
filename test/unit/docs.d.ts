// The types of what docs.test.mts takes from the docs generator (scripts/docs.mjs, plain
// JavaScript).
declare module '*/scripts/docs.mjs' {
	import type { INodeProperties } from 'n8n-workflow';

	/** docs/resources: one page per resource. */
	export const DOCS_DIR: string;
	/** The page with every generated region rewritten from the node's properties. */
	export function renderPage(properties: INodeProperties[], resource: string, page: string): string;
}
