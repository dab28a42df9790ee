// How the property tests of the pure parts (*.property.test.mts, fast-check) run: a fixed seed, so a
// failure is the same on every machine and run.
const SEED = 20261129;
export const runs = { seed: SEED, numRuns: 400 };
