// The scanner as it was before it read token requests back from logs (the issue "Read real MSAL and
// Azure Identity logs as what they are"): the yardstick for what reading requests costs, which was
// allowed 20% of the scanner's throughput. Its source comes from git history and is bundled like the
// current one, and both run alternately in fresh processes of the same run, so the ratio holds on any
// machine.
import { runProcess } from './proc';
import { bundlesAt } from './source-at';
import { summarize, type Summary } from './stats';

/** The last commit before the request reader. */
export const SCANNER_BEFORE_REQUESTS = '97585fb';

/** Passes over the file per process: the first (cold: nothing compiled yet) and the steady ones after it. */
const PASSES = 4;

/** A program that scans `file` in memory PASSES times with the scanner under `root` and prints the times. */
function entrySource(root: string): string {
  return `import { readFileSync } from 'node:fs';
import '${root}/core/scan/node';
import { createScanner } from '${root}/core/scan/index';
const buf = readFileSync(process.argv[2]);
const ms = [];
for (let p = 0; p < ${PASSES}; p++) {
  const t0 = performance.now();
  const s = createScanner();
  for (let o = 0; o < buf.length; o += 1 << 20) s.push(buf.subarray(o, Math.min(buf.length, o + (1 << 20))));
  s.end();
  ms.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify({ ms }) + '\\n');
`;
}

/** Both scanners bundled, or why the one before cannot be had (a shallow clone, no git). */
export function scannerBundles(repoDir: string, cacheDir: string): Promise<{ current: string; before: string } | { reason: string }> {
  return bundlesAt(repoDir, cacheDir, SCANNER_BEFORE_REQUESTS, { name: 'scanner', probe: 'core/scan/index.ts', entry: entrySource });
}

export interface ScannerComparison {
  first: { current: Summary; before: Summary };
  steady: { current: Summary; before: Summary };
}

/** `rounds` alternations of a fresh process per scanner over `file`; per process the first pass and the median of the rest. */
export async function compareScanners(bundles: { current: string; before: string }, file: string, rounds: number): Promise<ScannerComparison> {
  const times = { current: { first: [] as number[], steady: [] as number[] }, before: { first: [] as number[], steady: [] as number[] } };
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? (['before', 'current'] as const) : (['current', 'before'] as const)) {
      const run = await runProcess(process.execPath, [bundles[which], file], { keepStdout: 4096, timeoutMs: 120_000 });
      const { ms } = JSON.parse(run.stdout.trim()) as { ms: number[] };
      times[which].first.push(ms[0]!);
      times[which].steady.push(summarize(ms.slice(1)).median);
    }
  }
  return {
    first: { current: summarize(times.current.first), before: summarize(times.before.first) },
    steady: { current: summarize(times.current.steady), before: summarize(times.before.steady) },
  };
}
