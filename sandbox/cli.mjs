#!/usr/bin/env node
// `npm run sandbox`: the HaloPSA sandbox alone, seeded with demo data, for trying the node from
// an n8n you run yourself. Tenant "demo", client id "sandbox-client", secret "sandbox-secret".
import { startSandbox } from './server.mjs';
import { DEMO_APP, DEMO_TENANT, demoSeed } from './seed.mjs';

const port = Number(process.env.HALO_SANDBOX_PORT ?? 5680);
const sandbox = await startSandbox(port);
sandbox.addTenant(DEMO_TENANT, { apps: [DEMO_APP], seed: demoSeed() });
process.stdout.write(
	`HaloPSA sandbox on ${sandbox.url} (tenant ${DEMO_TENANT}, client id ${DEMO_APP.clientId}, secret ${DEMO_APP.clientSecret})\n`,
);
