// The house's layers, held by test (docs/development/architecture.md): no import cycle between
// files or between folders, no import from a higher layer, and every module named in the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICE = 'nodes/HaloPsaComplete';

/** From the bottom: a module may import its own folder, and folders of its layer or below. */
const LAYERS: string[][] = [
	['helpers'],
	['resources'],
	['transport'],
	['guards'],
	['actions', 'descriptions', 'methods', 'triggers', 'triggers/polling', 'triggers/webhook'],
	['.'],
];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return sourceFiles(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

const files = [...sourceFiles(SERVICE), ...sourceFiles('credentials')];

/** Relative imports of a file, as repository paths of `.ts` (or `.json`) files. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
	const specs = [...text.matchAll(/(?:from\s+|import\()'(\.{1,2}\/[^']*)'/g)].map((m) => m[1]);
	return specs.map((spec) => {
		const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
		const found = [base, `${base}.ts`, `${base}/index.ts`].find(
			(candidate) =>
				fs.existsSync(path.join(ROOT, candidate)) &&
				fs.statSync(path.join(ROOT, candidate)).isFile(),
		);
		assert.ok(found, `${file} imports ${spec}, which is not there`);
		return found;
	});
}

const graph = new Map(
	files.map((file) => [file, importsOf(file).filter((to) => to.endsWith('.ts'))]),
);

/** A file's folder inside the service folder ('.' for the node files), or its top folder. */
function folderOf(file: string): string {
	if (!file.startsWith(`${SERVICE}/`)) return file.split('/')[0];
	const dir = path.posix.dirname(file.slice(SERVICE.length + 1));
	return dir;
}

function layerOf(folder: string): number {
	const index = LAYERS.findIndex((layer) => layer.includes(folder));
	return index === -1 ? LAYERS.length : index;
}

/** Strongly connected components with more than one member (Tarjan). */
function cycles(nodes: string[], edges: (node: string) => string[]): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (node: string): void => {
		index.set(node, counter);
		low.set(node, counter++);
		stack.push(node);
		onStack.add(node);
		for (const next of edges(node)) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1) found.push(component.sort());
		}
	};
	for (const node of nodes) if (!index.has(node)) visit(node);
	return found;
}

test('No import cycle between files', () => {
	assert.deepEqual(
		cycles([...graph.keys()], (file) => graph.get(file) ?? []),
		[],
	);
});

test('No import cycle between folders', () => {
	const folders = new Map<string, Set<string>>();
	for (const [file, imports] of graph) {
		const from = folderOf(file);
		const set = folders.get(from) ?? new Set();
		for (const to of imports) if (folderOf(to) !== from) set.add(folderOf(to));
		folders.set(from, set);
	}
	assert.deepEqual(
		cycles([...folders.keys()], (folder) => [...(folders.get(folder) ?? [])]),
		[],
	);
});

test('No import from a higher layer: helpers < resources < transport < guards < actions, descriptions, methods, triggers < the router and node files', () => {
	const upward: string[] = [];
	for (const [file, imports] of graph) {
		if (!file.startsWith(SERVICE)) continue;
		const from = layerOf(folderOf(file));
		for (const to of imports) if (layerOf(folderOf(to)) > from) upward.push(`${file} → ${to}`);
	}
	assert.deepEqual(upward, []);
});

test('Every folder of code is in a layer, and holds at most 15 files (resources aside)', () => {
	const counts = new Map<string, number>();
	for (const file of files.filter((each) => each.startsWith(SERVICE))) {
		const folder = folderOf(file);
		assert.notEqual(layerOf(folder), LAYERS.length, `${folder} is in no layer`);
		counts.set(folder, (counts.get(folder) ?? 0) + 1);
	}
	const crowded = [...counts].filter(([folder, count]) => folder !== 'resources' && count > 15);
	assert.deepEqual(crowded, []);
});

test('docs/development/architecture.md names every module (each resource file aside)', () => {
	const map = fs.readFileSync(path.join(ROOT, 'docs/development/architecture.md'), 'utf8');
	const unnamed = files
		.filter((file) => file.startsWith(SERVICE))
		.map((file) => file.slice(SERVICE.length + 1))
		.filter(
			(module) =>
				!module.startsWith('resources/') ||
				['resources/index.ts', 'resources/common.ts', 'resources/references.ts'].includes(module),
		)
		.filter((module) => !map.includes(`\`${module}\``));
	assert.deepEqual(unnamed, []);
});
