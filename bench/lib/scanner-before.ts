// The scanner as it was before it read token requests back from logs (the issue "Read real MSAL and
// Azure Identity logs as what they are"): the yardstick for what reading requests costs, which was
// allowed 20% of the scanner's throughput. Its source comes from git history and is bundled like the
// current one, and both run alternately in fresh processes of the same run, so the ratio holds on any
// machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runProcess } from './proc';
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

async function bundle(root: string, outDir: string, repoDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'entry.ts');
  writeFileSync(entry, entrySource(root));
  const outfile = join(outDir, 'scan-passes.js');
  // Minified like the production bundles; the archived source finds its packages in the repo's node_modules.
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'silent', nodePaths: [join(repoDir, 'node_modules')] });
  return outfile;
}

/** Both scanners bundled, or why the one before cannot be had (a shallow clone, no git). */
export async function scannerBundles(repoDir: string, cacheDir: string): Promise<{ current: string; before: string } | { reason: string }> {
  const dir = join(cacheDir, `scanner-${SCANNER_BEFORE_REQUESTS}`);
  if (!existsSync(join(dir, 'src', 'core', 'scan', 'index.ts'))) {
    const tar = spawnSync('git', ['-C', repoDir, 'archive', '--format=tar', SCANNER_BEFORE_REQUESTS, 'src'], { maxBuffer: 256 << 20 });
    if (tar.status !== 0) return { reason: `git archive ${SCANNER_BEFORE_REQUESTS} failed: ${String(tar.stderr).trim().split('\n')[0] ?? 'no git'}` };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (x.status !== 0) return { reason: `could not unpack ${SCANNER_BEFORE_REQUESTS}: ${String(x.stderr).trim()}` };
  }
  return {
    before: await bundle(join(dir, 'src'), join(dir, 'bundle'), repoDir),
    current: await bundle(join(repoDir, 'src'), join(cacheDir, 'scanner-current'), repoDir),
  };
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
