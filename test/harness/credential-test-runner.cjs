// Runs the node's credential test function with n8n's own `request` helper (n8n-core's legacy
// request adapter, as n8n's credential tester provides it), under the pinned Node 24.
// Input: JSON array of credential data objects as argv[2]; output: JSON array of results.
const { join } = require('node:path');

const [extensionDir, n8nModules, casesJson] = process.argv.slice(2);
const { proxyRequestToAxios } = require(join(
	n8nModules,
	'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/legacy-request-adapter.js',
));
const { haloPsaCompleteCredentialTest } = require(join(
	extensionDir,
	'n8n-nodes-halopsa-complete/dist/nodes/HaloPsaComplete/credentialTest.js',
));

const context = {
	logger: console,
	helpers: { request: (options) => proxyRequestToAxios(undefined, undefined, undefined, options) },
};

(async () => {
	const results = [];
	for (const data of JSON.parse(casesJson)) {
		results.push(await haloPsaCompleteCredentialTest.call(context, { id: 'c', name: 'c', type: 'haloPsaCompleteOAuth2Api', data }));
	}
	process.stdout.write(JSON.stringify(results));
})();
