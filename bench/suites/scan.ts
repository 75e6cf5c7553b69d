// `auth-lens scan` on generated MSAL-style logs. The budgets are the scanner's own throughput in
// process and peak memory that stays flat as the file grows; the whole process (`node dist/cli.js
// scan FILE --json`) is reported beside `rg -o 'AADSTS[0-9]+' FILE` on the same file as a yardstick,
// with how both grow from 1 MB to 1 GB.
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ensureLogFile, logFilePath } from '../lib/gen-log';
import { runProcess, type ProcRun } from '../lib/proc';
import { bundleForProfile, formatHot, profileNode } from '../lib/profile';
import { ratioText, suiteMain, type Row, type SuiteOptions, type SuiteResult } from '../lib/results';
import { compareScanners, SCANNER_BEFORE_REQUESTS, scannerBundles } from '../lib/scanner-before';
import { fmt, fmtSpread, summarize, type Summary } from '../lib/stats';
// The scanner as the CLI gets it: ./node installs Node's native fast paths on import.
import '../../src/core/scan/node';
import { createScanner } from '../../src/core/scan/index';

const MB = 1_000_000;
const RG = '/usr/bin/rg';
const RG_ARGS = ['-o', 'AADSTS[0-9]+'];

/** Reads the file once so every timed run finds it in the page cache. */
function warmPageCache(path: string): void {
  const buf = Buffer.allocUnsafe(8 << 20);
  const fd = openSync(path, 'r');
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0) {
      // discard
    }
  } finally {
    closeSync(fd);
  }
}

interface SizeResult {
  label: string;
  bytes: number;
  cli: { wall: Summary; rssMB: Summary; mbps: number; exitCode: number | null; codesFound: number | null } | null;
  rg: { wall: Summary; rssMB: Summary; mbps: number; matches: number };
  inProcess: { ms: Summary; mbps: number };
  /** The scanner alone in a fresh process: peak RSS and what is still reachable after a full GC. */
  retained: { peakRssMB: number; heapUsedAfterGcMB: number | null; arrayBuffersMB: number; peakRss64KiBMB: number | null } | null;
}

function label(bytes: number): string {
  return bytes >= 1e9 ? `${fmt(bytes / 1e9, 0)} GB` : `${fmt(bytes / MB, 0)} MB`;
}

/** Sum of code counts in the CLI's JSON, to check it really extracted what ripgrep matched. */
function codesInCliJson(text: string): number | null {
  try {
    const json = JSON.parse(text) as { codes?: { count?: number }[]; summary?: { codes?: { count?: number }[] } };
    const codes = json.codes ?? json.summary?.codes;
    return Array.isArray(codes) ? codes.reduce((a, c) => a + (typeof c.count === 'number' ? c.count : 0), 0) : null;
  } catch {
    return null;
  }
}

/** In-process: the file is read from the page cache into one reused 1 MiB buffer and pushed. */
function scanInProcess(path: string): number {
  const chunk = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  const t0 = performance.now();
  const scanner = createScanner();
  let n: number;
  while ((n = readSync(fd, chunk, 0, chunk.length, null)) > 0) scanner.push(chunk.subarray(0, n));
  scanner.end();
  const ms = performance.now() - t0;
  closeSync(fd);
  return ms;
}

/** The scanner alone over text already in memory (the ≥ 1 GB/s budget: no I/O at all). */
function scanInMemory(buf: Buffer, chunkBytes = 1 << 20): number {
  const t0 = performance.now();
  const scanner = createScanner();
  for (let o = 0; o < buf.length; o += chunkBytes) scanner.push(buf.subarray(o, Math.min(buf.length, o + chunkBytes)));
  scanner.end();
  return performance.now() - t0;
}

async function measureSize(o: SuiteOptions, bytes: number, cliPath: string | null, reps: number, scanFileBundle: string): Promise<SizeResult> {
  const file = ensureLogFile(o.cacheDir, bytes);
  if (file.generatedSeconds !== null) process.stderr.write(`[bench] generated ${label(bytes)} log in ${file.generatedSeconds.toFixed(1)} s\n`);
  warmPageCache(file.path);
  const cliRuns: ProcRun[] = [];
  const rgRuns: ProcRun[] = [];
  const runCli = (): Promise<ProcRun> => runProcess(process.execPath, [cliPath!, 'scan', file.path, '--json'], { keepStdout: 64 << 20, timeoutMs: 120_000 });
  const runRg = (): Promise<ProcRun> => runProcess(RG, [...RG_ARGS, file.path], { timeoutMs: 60_000 });
  // Warm-up (one each), then interleaved repetitions so machine load hits both alike.
  if (cliPath) await runCli();
  await runRg();
  for (let i = 0; i < reps; i++) {
    if (cliPath) cliRuns.push(await runCli());
    rgRuns.push(await runRg());
    // A slow CLI on a big file: fewer repetitions rather than blowing the suite's time limit.
    if (cliRuns.length >= 2 && cliRuns[0]!.wallMs > 15_000) break;
  }
  const inProc: number[] = [];
  scanInProcess(file.path);
  for (let i = 0; i < Math.max(2, Math.min(reps, 5)); i++) {
    inProc.push(scanInProcess(file.path));
    if (inProc[0]! > 10_000) break;
  }
  let retained: SizeResult['retained'] = null;
  const probe = await runProcess(process.execPath, ['--expose-gc', scanFileBundle, file.path], { keepStdout: 4096, timeoutMs: 120_000 });
  // The same with 64 KiB reads instead of the CLI's 1 MiB: how much of the peak is per-chunk garbage.
  const probe64 = await runProcess(process.execPath, [scanFileBundle, file.path, String(64 * 1024)], { keepStdout: 4096, timeoutMs: 120_000 });
  try {
    const j = JSON.parse(probe.stdout.trim()) as { peakRss: number; heapUsedAfterGc: number | null; arrayBuffers: number };
    let peak64: number | null = null;
    try {
      peak64 = (JSON.parse(probe64.stdout.trim()) as { peakRss: number }).peakRss / 2 ** 20;
    } catch {
      peak64 = null;
    }
    retained = {
      peakRssMB: j.peakRss / 2 ** 20,
      heapUsedAfterGcMB: j.heapUsedAfterGc === null ? null : j.heapUsedAfterGc / 2 ** 20,
      arrayBuffersMB: j.arrayBuffers / 2 ** 20,
      peakRss64KiBMB: peak64,
    };
  } catch {
    retained = null;
  }
  const mbps = (ms: number): number => file.bytes / MB / (ms / 1000);
  const rss = (runs: ProcRun[]): Summary => summarize(runs.map((r) => (r.peakRssKb ?? Number.NaN) / 1024));
  const cliWall = summarize(cliRuns.map((r) => r.wallMs));
  const rgWall = summarize(rgRuns.map((r) => r.wallMs));
  const inProcMs = summarize(inProc);
  return {
    label: label(file.bytes),
    bytes: file.bytes,
    cli: cliPath
      ? {
          wall: cliWall,
          rssMB: rss(cliRuns),
          mbps: mbps(cliWall.median),
          exitCode: cliRuns[0]?.exitCode ?? null,
          codesFound: codesInCliJson(cliRuns[cliRuns.length - 1]?.stdout ?? ''),
        }
      : null,
    rg: { wall: rgWall, rssMB: rss(rgRuns), mbps: mbps(rgWall.median), matches: rgRuns[0]?.stdoutLines ?? 0 },
    inProcess: { ms: inProcMs, mbps: mbps(inProcMs.median) },
    retained,
  };
}

async function run(o: SuiteOptions): Promise<SuiteResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const cli = join(o.distDir, 'cli.js');
  const cliPath = existsSync(cli) && readFileSync(cli, 'utf8').includes('scan') ? cli : null;
  if (!cliPath) notes.push(`dist/cli.js (with a scan command) is not built from the current source yet: the whole-process rows are marked "not landed".`);
  if (!existsSync(RG)) throw new Error('ripgrep is not installed at /usr/bin/rg');

  const mainBytes = o.quick ? 50 * MB : 200 * MB;
  const sizes = o.quick ? [1 * MB, 10 * MB, 50 * MB] : [1 * MB, 10 * MB, 100 * MB, 200 * MB];
  const scanFileBundle = await bundleForProfile(join(o.repoDir, 'bench/lib/scan-file.ts'), join(o.cacheDir, 'profile', 'scan-file.js'));
  const results: SizeResult[] = [];
  for (const bytes of sizes) {
    process.stderr.write(`[bench] scan ${label(bytes)} …\n`);
    results.push(await measureSize(o, bytes, cliPath, bytes === mainBytes ? (o.quick ? 3 : 5) : 3, scanFileBundle));
  }

  // The 1 GB log: streamed to disk, measured, deleted.
  let huge: SizeResult | null = null;
  const hugeBytes = 1000 * MB;
  if (o.quick || o.skipHuge) {
    notes.push('The 1 GB log was skipped (--quick or --skip-1gb).');
  } else {
    const fs = statfsSync(o.cacheDir);
    const free = fs.bavail * fs.bsize;
    if (free < 3 * hugeBytes) {
      notes.push(`The 1 GB log was skipped: only ${fmt(free / 1e9, 1)} GB free in ${o.cacheDir} (needs 3 GB to leave room for others).`);
    } else {
      process.stderr.write('[bench] scan 1 GB …\n');
      try {
        huge = await measureSize(o, hugeBytes, cliPath, 3, scanFileBundle);
        results.push(huge);
      } finally {
        rmSync(logFilePath(o.cacheDir, hugeBytes), { force: true });
      }
    }
  }

  const main = results.find((r) => r.bytes >= mainBytes && r.bytes < mainBytes * 1.01)!;

  // 0. What the CLI costs before it reads a byte: a scan of an empty file against a bare `node -e 0`.
  if (cliPath) {
    const emptyFile = join(o.cacheDir, 'empty.log');
    writeFileSync(emptyFile, '');
    const reps = o.quick ? 5 : 11;
    const cliEmpty: number[] = [];
    const bare: number[] = [];
    const rss: number[] = [];
    await runProcess(process.execPath, [cliPath, 'scan', emptyFile, '--json']);
    for (let i = 0; i < reps; i++) {
      const r = await runProcess(process.execPath, [cliPath, 'scan', emptyFile, '--json']);
      cliEmpty.push(r.wallMs);
      rss.push((r.peakRssKb ?? Number.NaN) / 1024);
      bare.push((await runProcess(process.execPath, ['-e', '0'])).wallMs);
    }
    const c = summarize(cliEmpty);
    const b = summarize(bare);
    // The CLI loads one command file on demand; what a scan compiles is the scan command's bundle.
    const composition = await bundleComposition(join(o.repoDir, 'src/cli/scan.ts'));
    notes.push(`What the scan command's bundle (dist/cli-scan.js, loaded by dist/cli.js on demand) is made of (minified bytes, top contributors): ${composition}.`);
    rows.push({
      id: 'scan.cli.startup',
      what: 'auth-lens scan of an empty file (startup)',
      measured: `${fmtSpread(c, 0, ' ms')}, ${fmt(summarize(rss).median, 0)} MB RSS, bundle ${fmt(statSync(cliPath).size / 1024, 0)} KB`,
      baseline: `node -e 0: ${fmtSpread(b, 0, ' ms')}`,
      ratio: ratioText(c.median / b.median),
      budget: '—',
      verdict: 'info',
      data: { cli: c, node: b },
    });
  }
  // 1. The whole process, for information: Node's start-up alone is a large share of it.
  if (main.cli) {
    rows.push({
      id: 'scan.cli.whole',
      what: `auth-lens scan ${main.label} (whole process)`,
      measured: `${fmtSpread(main.cli.wall, 0, ' ms')} = ${fmt(main.cli.mbps, 0)} MB/s`,
      baseline: `rg -o: ${fmtSpread(main.rg.wall, 0, ' ms')}`,
      ratio: ratioText(main.cli.wall.median / main.rg.wall.median),
      budget: '—',
      verdict: 'info',
      data: { cli: main.cli, rg: main.rg },
    });
  }

  // 2. Scanner alone, in memory and with page-cache reads.
  const buf = readFileSync(ensureLogFile(o.cacheDir, mainBytes).path);
  scanInMemory(buf);
  const mem = summarize(Array.from({ length: o.quick ? 3 : 5 }, () => scanInMemory(buf)));
  const memGBps = buf.length / 1e9 / (mem.median / 1000);
  rows.push({
    id: 'scan.scanner.throughput',
    what: `scanner alone, ${main.label} in memory`,
    measured: `${fmt(memGBps, 2)} GB/s (${fmtSpread(mem, 0, ' ms')})`,
    baseline: `rg -o: ${fmt(main.rg.mbps / 1000, 2)} GB/s incl. startup`,
    ratio: ratioText(memGBps / (main.rg.mbps / 1000)),
    budget: '≥ 1 GB/s',
    verdict: memGBps >= 1 ? 'pass' : 'fail',
    data: { msSummary: mem, gbps: memGBps, pageCacheReadMBps: main.inProcess.mbps },
  });

  // 2b. What reading token requests costs: the scanner before the request reader, same run, same file.
  const bundles = await scannerBundles(o.repoDir, o.cacheDir);
  if ('reason' in bundles) {
    notes.push(`The scanner before the request reader (${SCANNER_BEFORE_REQUESTS}) could not be built: ${bundles.reason}.`);
  } else {
    const cmp = await compareScanners(bundles, ensureLogFile(o.cacheDir, mainBytes).path, o.quick ? 3 : 5);
    const steady = cmp.steady.current.median / cmp.steady.before.median;
    const first = cmp.first.current.median / cmp.first.before.median;
    rows.push({
      id: 'scan.scanner.vs-before-requests',
      what: `scanner reading requests, ${main.label} in memory`,
      measured: `first pass ${fmtSpread(cmp.first.current, 0, ' ms')}, then ${fmtSpread(cmp.steady.current, 0, ' ms')}`,
      baseline: `before the request reader (${SCANNER_BEFORE_REQUESTS}): ${fmt(cmp.first.before.median, 0)} ms, then ${fmt(cmp.steady.before.median, 0)} ms`,
      ratio: `${ratioText(steady)} (first pass ${ratioText(first)})`,
      // The budget is on throughput once the code is warm, as the in-memory row above measures it; the
      // first pass adds the warm-up of the request reader, which runs on a few thousand lines only. The
      // reader's cost is per request (it stops at its cap), so the budget is set for the 200 MB log and a
      // --quick run (50 MB, where the same cost is a larger share) reports the ratio for information.
      budget: o.quick ? '— (set for 200 MB)' : '≤ 1.2× warm',
      verdict: o.quick ? 'info' : steady <= 1.2 ? 'pass' : 'fail',
      data: { rev: SCANNER_BEFORE_REQUESTS, ...cmp, ratioFirst: first, ratioSteady: steady },
    });
  }

  // 3. Memory flat in file size.
  const near = (target: number): SizeResult | undefined => results.find((r) => r.bytes >= target && r.bytes < target * 1.01);
  const small = near(10 * MB);
  const top = huge ?? results[results.length - 1]!;
  if (main.cli && small?.cli) {
    const growth = top.cli!.rssMB.median / small.cli.rssMB.median;
    rows.push({
      id: 'scan.cli.memory',
      what: 'scan peak RSS by file size',
      measured: [small, main, ...(huge ? [huge] : [])].map((r) => `${r.label}: ${fmt(r.cli!.rssMB.median, 0)} MB`).join(', '),
      baseline: `rg (mmap): ${fmt(small.rg.rssMB.median, 0)} → ${fmt(top.rg.rssMB.median, 0)} MB`,
      ratio: ratioText(growth),
      budget: `flat (${top.label} ≤ 1.5× 10 MB)`,
      verdict: growth <= 1.5 ? 'pass' : 'fail',
    });
    const kept = [small, top].map((r) =>
      r.retained
        ? `${r.label}: peak ${fmt(r.retained.peakRssMB, 0)} MB (with 64 KiB reads: ${fmt(r.retained.peakRss64KiBMB ?? Number.NaN, 0)} MB), heap still used after a full GC ${fmt(r.retained.heapUsedAfterGcMB ?? Number.NaN, 1)} MB`
        : `${r.label}: no probe`,
    );
    notes.push(`Memory of the scanner alone (fresh process, --expose-gc): ${kept.join('; ')}. A flat "after GC" figure with a growing peak means the growth is garbage-collector slack (the heap is allowed to grow while per-chunk garbage is churned), not data kept per byte.`);
  } else {
    rows.push({ id: 'scan.cli.memory', what: 'scan peak RSS by file size', measured: '—', baseline: '—', ratio: '—', budget: 'flat', verdict: 'not-landed' });
  }

  // 4. Growth with input size (information).
  for (const r of results) {
    rows.push({
      id: `scan.growth.${r.label.replace(' ', '')}`,
      what: `  growth: ${r.label}`,
      measured: r.cli ? `cli ${fmtSpread(r.cli.wall, 0, ' ms')}, ${fmt(r.cli.rssMB.median, 0)} MB RSS; scanner ${fmt(r.inProcess.mbps, 0)} MB/s` : `scanner ${fmt(r.inProcess.mbps, 0)} MB/s (page cache)`,
      data: { size: r },
      baseline: `rg ${fmtSpread(r.rg.wall, 0, ' ms')}, ${fmt(r.rg.rssMB.median, 0)} MB`,
      ratio: r.cli ? ratioText(r.cli.wall.median / r.rg.wall.median) : '—',
      budget: '—',
      verdict: 'info',
    });
    if (r.cli && r.cli.codesFound !== null && r.cli.codesFound !== r.rg.matches) {
      notes.push(`${r.label}: the CLI counted ${r.cli.codesFound} code mentions, ripgrep matched ${r.rg.matches}.`);
    }
    if (r.cli && r.cli.codesFound === null) notes.push(`${r.label}: the CLI's --json output did not parse as JSON with a codes list (exit ${r.cli.exitCode}).`);
  }

  notes.push(
    'Fairness: rg -o looks for one literal-prefixed pattern with SIMD over an mmap of the file and prints matches; auth-lens scan extracts codes, error values, JWTs, correlation/trace ids and timestamps, groups them, looks codes up in the catalog and prints JSON, and starts a Node process (about 40 ms before any work). rg\'s RSS includes the mapped file pages, so it grows with the file by design.',
  );

  // 5. Profiles for what missed its budget: where the time goes, by original source line.
  const missed = rows.filter((r) => r.verdict === 'fail');
  if (missed.length) {
    const bundle = scanFileBundle;
    const prof = profileNode([bundle, ensureLogFile(o.cacheDir, mainBytes).path], { cwd: o.repoDir, repo: o.repoDir, bundles: [bundle], top: 10 });
    if (prof) notes.push(`CPU profile of the scanner on ${main.label} (self time): ${formatHot(prof)}`);
  }
  return { suite: 'scan', rows, notes, extra: { sizes: results } };
}

/** The largest contributors to a minified bundle, grouped by package or source folder. */
async function bundleComposition(entry: string): Promise<string> {
  const res = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', write: false, metafile: true, logLevel: 'silent', outfile: 'cli.js' });
  const out = Object.values(res.metafile.outputs)[0]!;
  const groups = new Map<string, number>();
  for (const [path, info] of Object.entries(out.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1]! : path.replace(/^(src\/[^/]+(?:\/[^/]+)?)\/.*$/, '$1');
    groups.set(key, (groups.get(key) ?? 0) + info.bytesInOutput);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${fmt(v / 1024, 0)} KB`)
    .join(', ');
}

void suiteMain('scan', run);
