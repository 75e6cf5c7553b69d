// Liveness of every parser on adversarial megabyte inputs: long runs of what each parser keys on
// (AADSTS, quotes, backslashes, '=', eyJ, '{'/'[' nesting, \r\n escapes, "Bearer ", commas in
// WWW-Authenticate, ...). Each target gets every run at 1 MB and its three slowest again at 4 MB;
// a target fails when the best of three tries costs more than LIMIT_MS_PER_MB per MB, or when the
// cost per MB at 4 MB is more than three times that at 1 MB (work that grows faster than the input).
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, fill, LIMIT_MS_PER_MB, MB, measure, TARGETS, type Measurement } from './liveness';

describe(`parsers stay under ${LIMIT_MS_PER_MB} ms/MB on adversarial input`, () => {
  for (const target of TARGETS) {
    it(target.name, () => {
      // Warm the JIT on a small input so the first measured call is not an interpreter run.
      for (const unit of Object.values(ADVERSARIAL_UNITS)) target.run(fill(unit, 4096));
      const results: Measurement[] = [];
      for (const [name, unit] of Object.entries(ADVERSARIAL_UNITS)) results.push(measure(target, name, fill(unit, MB)));
      const slowest = [...results].sort((a, b) => b.msPerMb - a.msPerMb).slice(0, 3);
      for (const m of slowest) results.push(measure(target, m.unit, fill(ADVERSARIAL_UNITS[m.unit]!, 4 * MB)));
      const over = results
        .filter((m) => m.msPerMb > LIMIT_MS_PER_MB)
        .map((m) => `${m.unit} at ${(m.bytes / MB).toFixed(0)} MB: ${m.msPerMb.toFixed(1)} ms/MB`);
      expect(over.join('; '), `${target.name} is slower than ${LIMIT_MS_PER_MB} ms/MB (best of 3, CPU time)`).toBe('');
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

// src/core/scan/scanner.ts: a line longer than maxLineBytes is scanned as one block when it arrives
// in one push (scanText does exactly that), and the cost per match grows with the block: 'eyJ' runs
// cost ~30 ms/MB at 1 MB, ~90 at 16 MB, ~160 at 32 MB. Streamed in 64 KiB chunks the same text stays
// flat at ~25 ms/MB.
describe('growth: cost per MB must not grow with the size of one line', () => {
  it('scanText on one line of repeated "eyJ": 16 MB costs per MB at most 2× what 1 MB does', () => {
    const target = TARGETS.find((t) => t.name === 'scanText')!;
    target.run(fill('eyJ', 4096));
    const small = measure(target, 'eyJ', fill('eyJ', MB));
    const large = measure(target, 'eyJ', fill('eyJ', 16 * MB));
    expect(large.msPerMb / small.msPerMb, `${small.msPerMb.toFixed(1)} ms/MB at 1 MB, ${large.msPerMb.toFixed(1)} ms/MB at 16 MB`).toBeLessThan(2);
  }, 120_000);
});
