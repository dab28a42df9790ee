// The types of the test harness's ports (test/harness/ports.mjs, plain JavaScript), as
// harness/ports.test.mts imports them.
declare module '*/harness/ports.mjs' {
	export const LOWEST_PORT: number;
	export const HIGHEST_PORT: number;
	/** The folder of reservation files, one per port, each holding its process's id. */
	export const RESERVATIONS: string;
	export function reservePort(port: number): boolean;
	export function releasePorts(first: number, count?: number): void;
	export function reservePorts(
		count?: number,
		options?: { pick?: (count: number) => number },
	): Promise<number>;
}
