// Helpers for test files: one sandbox tenant and one credential per case, so every case reads its
// own request log, and workflows built the way a user would build them in the editor.
import { credential, workflow } from './n8n.mjs';

/** Resource locator value, as the editor saves "By ID". */
export const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });

/** A tenant with its own API application, data and knobs, plus a credential pointing at it. */
export function tenantCase(sandbox, suite, name, { seed, knobs, credentialFields = {} } = {}) {
	const tenant = sandbox.addTenant(name, { seed, knobs });
	const app = tenant.apps[0];
	const cred = credential({
		name: `HaloPSA ${name}`,
		url: sandbox.url,
		tenant: name,
		clientId: app.clientId,
		clientSecret: app.clientSecret,
		...credentialFields,
	});
	suite.add(cred);
	return { tenant, cred };
}

/** Adds a workflow of one or more HaloPSA steps for a case and returns it. */
export function caseWorkflow(suite, { cred }, name, steps, items) {
	const flow = workflow({ name, credential: cred, items, steps: Array.isArray(steps) ? steps : [steps] });
	suite.add(undefined, flow);
	return flow;
}

export function names(count, prefix = 'Client') {
	return Array.from({ length: count }, (_, index) => ({ name: `${prefix} ${String(index + 1).padStart(3, '0')}` }));
}
