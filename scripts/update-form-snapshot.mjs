#!/usr/bin/env node
// `npm run snapshot:update`: rewrites test/unit/form.snapshot.json from the code, after a change
// to the form that is meant. Review its diff: a renamed parameter or option value breaks saved
// workflows (docs/development/tests.md, "The pinned form").
import {
	currentSnapshot,
	differences,
	readSnapshot,
	SNAPSHOT_FILE,
	writeSnapshot,
} from '../test/unit/support/formSnapshot.mts';

const current = currentSnapshot();
let changes;
try {
	changes = differences(readSnapshot(), current);
} catch {
	changes = ['(no snapshot yet)'];
}
writeSnapshot(current);
process.stdout.write(
	changes.length
		? `${changes.join('\n')}\n\n${changes.length} parameter(s) changed; wrote ${SNAPSHOT_FILE}\n`
		: `No change; ${SNAPSHOT_FILE} is current\n`,
);
