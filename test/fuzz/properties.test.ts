// The fuzz properties with a bounded number of runs, so they fit in `npm test`. The same list runs
// for as long as you like with `npm run fuzz -- --runs N`.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { PROPERTIES } from './properties';

// Enough to reach every generator branch many times while keeping the whole file to seconds.
const BASE_RUNS = Number(process.env['AUTH_LENS_FUZZ_RUNS'] ?? 200);
// A fixed seed keeps `npm test` reproducible; `npm run fuzz` draws a fresh one each time.
const SEED = Number(process.env['AUTH_LENS_FUZZ_SEED'] ?? 20261120);

describe('fuzz properties (bounded)', () => {
  for (const p of PROPERTIES) {
    it(p.name, () => {
      fc.assert(p.build(), { numRuns: Math.max(20, Math.round(BASE_RUNS / (p.weight ?? 1))), seed: SEED });
    });
  }
});
