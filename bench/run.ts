// `npm run bench`: builds the current source for production into a private directory (the shared
// dist/ is left alone), runs every suite in its own Node process (a fresh heap and JIT each, so one
// suite's garbage cannot slow the next), prints one table and writes bench/results/latest.json.
//
//   npm run bench                       every measurement in the table (about 5–8 minutes on 2 cores)
//   npm run bench -- --quick            fewer repetitions, smaller inputs, no 1 GB log (about 1–2 minutes)
//   npm run bench -- --only scan,hover  some suites only
//   npm run bench -- --skip-1gb         everything but the 1 GB log
//   npm run bench -- --strict           exit 1 when a budget is missed
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { table, type SuiteResult } from './lib/results';

// tsx runs this file as CommonJS (the package has no "type": "module"), so __dirname is defined.
const here = __dirname;
const repo = resolve(here, '..');
const SUITES = ['scan', 'hover', 'activation', 'token', 'classify'] as const;
/** Wall-clock limit per suite; the whole run must stay under 10 minutes. */
const SUITE_TIMEOUT_S: Record<(typeof SUITES)[number], number> = { scan: 300, hover: 90, activation: 90, token: 150, classify: 60 };

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : (argv[argv.indexOf(onlyArg) + 1] ?? '')).split(',').filter(Boolean) : null;
const cacheDir = process.env.AUTH_LENS_BENCH_CACHE ?? join(tmpdir(), 'auth-lens-bench');

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * Builds with the project's own esbuild.mjs, run from a directory whose src/ and node_modules/ are
 * links to the repository: the exact production bundles, written to our own dist/ instead of the one
 * other people and tests are using.
 */
function buildProduction(): string {
  const buildRoot = join(cacheDir, 'build');
  rmSync(buildRoot, { recursive: true, force: true });
  mkdirSync(buildRoot, { recursive: true });
  for (const name of ['src', 'node_modules', 'media']) {
    if (existsSync(join(repo, name))) symlinkSync(join(repo, name), join(buildRoot, name), 'dir');
  }
  for (const name of ['package.json', 'tsconfig.json', 'esbuild.mjs']) copyFileSync(join(repo, name), join(buildRoot, name));
  const res = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: buildRoot, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`production build failed:\n${res.stdout}\n${res.stderr}`);
  log(res.stdout.trim());
  return join(buildRoot, 'dist');
}

function runSuite(name: string, distDir: string): Promise<SuiteResult> {
  const out = join(cacheDir, `result-${name}-${process.pid}.json`);
  rmSync(out, { force: true });
  const args = ['--import', 'tsx', join(here, 'suites', `${name}.ts`), '--out', out, '--cache', cacheDir, '--dist', distDir, '--repo', repo];
  if (quick) args.push('--quick');
  if (argv.includes('--skip-1gb')) args.push('--skip-1gb');
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
    const limit = SUITE_TIMEOUT_S[name as (typeof SUITES)[number]] * (quick ? 0.5 : 1);
    const timer = setTimeout(() => {
      log(`${name}: over its ${limit} s limit, stopping it`);
      child.kill('SIGKILL');
    }, limit * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (existsSync(out)) {
        const result = JSON.parse(readFileSync(out, 'utf8')) as SuiteResult;
        rmSync(out, { force: true });
        resolvePromise(result);
      } else {
        resolvePromise({ suite: name, rows: [], notes: [`The suite process ended (exit ${code}) without a result after ${seconds.toFixed(0)} s.`], seconds });
      }
    });
  });
}

function gitCommit(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: repo, encoding: 'utf8' }).stdout.trim() ? ' + uncommitted src changes' : '';
  return `${r.stdout.trim()}${dirty}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(cacheDir, { recursive: true });
  const loadBefore = loadavg();
  log(`cache ${cacheDir}; ${cpus().length} cores; load ${loadBefore.map((v) => v.toFixed(2)).join(' ')}${quick ? '; quick run' : ''}`);
  const distDir = buildProduction();
  const results: SuiteResult[] = [];
  for (const name of SUITES) {
    if (only && !only.includes(name)) continue;
    log(`suite ${name} …`);
    const r = await runSuite(name, distDir);
    log(`suite ${name} done in ${(r.seconds ?? 0).toFixed(1)} s`);
    results.push(r);
  }
  const loadAfter = loadavg();
  const totalSeconds = (performance.now() - started) / 1000;

  const rows = results.flatMap((r) => r.rows);
  const mark = { pass: 'PASS', fail: 'FAIL', info: 'info', skipped: 'skipped', 'not-landed': 'not landed' } as const;
  console.log('');
  console.log(table(['measurement', 'Auth Lens', 'baseline (same run)', 'ratio', 'budget', 'verdict'], rows.map((r) => [r.what, r.measured, r.baseline, r.ratio, r.budget, mark[r.verdict]])));
  for (const r of results) {
    for (const note of r.notes) console.log(`\n[${r.suite}] ${note}`);
  }
  const counts = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.verdict] = (acc[r.verdict] ?? 0) + 1), acc), {});
  console.log(`\n${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}; ${totalSeconds.toFixed(0)} s in all.`);
  console.log(
    `Load average ${loadBefore[0]!.toFixed(1)} before and ${loadAfter[0]!.toFixed(1)} after, on ${cpus().length} cores` +
      (Math.max(loadBefore[0]!, loadAfter[0]!) > cpus().length ? ': other processes were competing for the CPU during the run.' : '.'),
  );
  console.log('Figures are medians with the interquartile range in parentheses; the machine may be shared, so compare ratios rather than absolute times.');

  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore, loadAfter },
    totalSeconds,
    verdicts: counts,
    suites: results,
  };
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2));
  log(`wrote ${join('bench', 'results', 'latest.json')}`);
  // A report, not a gate: only --strict turns a missed budget into a failing exit code.
  if (argv.includes('--strict') && rows.some((r) => r.verdict === 'fail')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
