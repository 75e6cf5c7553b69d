// Liveness of every parser on adversarial megabyte inputs: long runs of what each parser keys on
// (AADSTS, quotes, backslashes, '=', eyJ, '{'/'[' nesting, \r\n escapes, "Bearer ", commas in
// WWW-Authenticate, ...). Each target gets every run at 1 MB and its three slowest again at 4 MB;
// a target fails when the best of three tries costs more per MB than LIMIT_TIMES_REFERENCE times
// what redacting an ordinary log costs in the same run, or when the cost per MB at 4 MB is more than
// three times that at 1 MB (work that grows faster than the input). Both are ratios measured in one
// run, so a busy machine slows both sides alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, fill, LIMIT_TIMES_REFERENCE, MB, measure, referenceMsPerMb, TARGETS, type Measurement } from './liveness';

/** Whether an input measured over the bound fits it when measured again beside a fresh reference. */
function fitsOnRetry(target: (typeof TARGETS)[number], first: Measurement): boolean {
  for (let i = 0; i < 3; i++) {
    const reference = referenceMsPerMb();
    const again = measure(target, first.unit, fill(ADVERSARIAL_UNITS[first.unit]!, first.bytes));
    if (again.msPerMb <= LIMIT_TIMES_REFERENCE * reference) return true;
  }
  return false;
}

describe(`parsers stay under ${LIMIT_TIMES_REFERENCE}× the cost of redacting an ordinary log, on adversarial input`, () => {
  let limit = 0;
  beforeAll(() => {
    limit = LIMIT_TIMES_REFERENCE * referenceMsPerMb();
  });
  for (const target of TARGETS) {
    it(target.name, () => {
      // Warm the JIT on a small input so the first measured call is not an interpreter run.
      for (const unit of Object.values(ADVERSARIAL_UNITS)) target.run(fill(unit, 4096));
      const results: Measurement[] = [];
      for (const [name, unit] of Object.entries(ADVERSARIAL_UNITS)) results.push(measure(target, name, fill(unit, MB), 3, limit / 4));
      const slowest = [...results].sort((a, b) => b.msPerMb - a.msPerMb).slice(0, 3);
      for (const m of slowest) results.push(measure(target, m.unit, fill(ADVERSARIAL_UNITS[m.unit]!, 4 * MB), 3, limit / 4));
      // Other test files run beside this one, so a single measurement can land in a busy moment the
      // reference did not see: an input over the bound is measured again right after a fresh
      // reference, and fails only if it stays over every time (a real rescan always does).
      const over = results
        .filter((m) => m.msPerMb > limit && !fitsOnRetry(target, m))
        .map((m) => `${m.unit} at ${(m.bytes / MB).toFixed(0)} MB: ${m.msPerMb.toFixed(1)} ms/MB`);
      expect(over.join('; '), `${target.name} costs more than ${limit.toFixed(1)} ms/MB (${LIMIT_TIMES_REFERENCE}× the reference; best of 3, CPU time)`).toBe('');
      const growing = slowest
        .map((small) => ({ small, large: results.find((r) => r.unit === small.unit && r.bytes === 4 * MB)! }))
        // Below 5 ms/MB the timer's and the collector's noise dominate the ratio; quadratic work costs
        // 4× per MB at four times the size, so a 3× bound still catches it.
        .filter(({ small, large }) => large.msPerMb > 5 && large.msPerMb > 3 * small.msPerMb)
        .map(({ small, large }) => `${small.unit}: ${small.msPerMb.toFixed(1)} → ${large.msPerMb.toFixed(1)} ms/MB`);
      expect(growing.join('; '), `${target.name} costs more per MB on larger input`).toBe('');
    }, 120_000);
  }
});

describe('growth: cost per MB must not grow with the size of one line', () => {
  it('scanText on one line of repeated "eyJ": 16 MB costs per MB at most 2× what 1 MB does', () => {
    const target = TARGETS.find((t) => t.name === 'scanText')!;
    target.run(fill('eyJ', 4096));
    const small = measure(target, 'eyJ', fill('eyJ', MB));
    const large = measure(target, 'eyJ', fill('eyJ', 16 * MB));
    expect(large.msPerMb / small.msPerMb, `${small.msPerMb.toFixed(1)} ms/MB at 1 MB, ${large.msPerMb.toFixed(1)} ms/MB at 16 MB`).toBeLessThan(2);
  }, 120_000);
});
