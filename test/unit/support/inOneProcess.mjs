// Loads the unit test files named on the command line into this one process (node:test runs
// what they register): one start of node, tsx and n8n-workflow instead of one per file.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
