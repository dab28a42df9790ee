/** Names of Halo's API paths, as Allowed Resources and Allowed Clients compare them. */

/** "Tickets", "/Tickets", "/api/Tickets" and "tickets" are one name. */
export function comparableName(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/^\/?api(?=\/|$)/, '')
		.replace(/^\/+|\/+$/g, '');
}

/** The first segment of a path below /api: `/Tickets/42` → `tickets`. */
export function pathResource(path: string): string {
	return comparableName(path).split('/')[0] ?? '';
}
