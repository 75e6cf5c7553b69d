// Timing helpers shared by every suite: warm-up, repetitions, and robust summaries (median and
// spread, never a single run), so a noisy neighbour on the shared machine shows up as spread.

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** Interquartile range: the middle half of the runs. */
  p25: number;
  p75: number;
  p99: number;
  mean: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    p99: quantile(s, 0.99),
    mean,
  };
}

/** "12.3 (11.9–13.0)": median with the interquartile range, the spread the tables print. */
export function fmtSpread(s: Summary, digits = 1, unit = ''): string {
  return `${fmt(s.median, digits)}${unit} (${fmt(s.p25, digits)}–${fmt(s.p75, digits)})`;
}

export function fmt(v: number, digits = 1): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function nowMs(): number {
  return performance.now();
}

/** Runs `fn` `warmup` times untimed, then `reps` times timed; returns milliseconds per run. */
export async function repeat(fn: () => unknown, reps: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Runs two measurements interleaved (A, B, A, B …) so drift in machine load hits both alike; this
 * matters here because other processes share the two cores.
 */
export async function interleave<A, B>(
  a: () => Promise<A> | A,
  b: () => Promise<B> | B,
  reps: number,
  warmup = 1,
): Promise<{ a: A[]; b: B[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ra: A[] = [];
  const rb: B[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which goes first so neither always runs on a cache the other just warmed.
    if (i % 2 === 0) {
      ra.push(await a());
      rb.push(await b());
    } else {
      rb.push(await b());
      ra.push(await a());
    }
  }
  return { a: ra, b: rb };
}

/** Keeps values alive so the optimiser cannot drop the work being measured. */
export const sink: { value: unknown } = { value: undefined };
