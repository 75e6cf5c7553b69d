// Runs a Node command under --cpu-prof and names the functions that took the time, so a missed
// budget comes with its cause (file:line of the hot function) rather than just a number.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SourceMap } from 'node:module';
import { join, relative, resolve as resolvePath } from 'node:path';
import * as esbuild from 'esbuild';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
  /** Samples per source line inside this function (1-based lines of the running file). */
  positionTicks?: { line: number; ticks: number }[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  selfShare: number;
  /** The function's hottest lines ("scanner.ts:412 38%"), by samples inside it. */
  hotLines: string[];
}

/** Self time per function (summed over every place it appears in the call tree), as shares of busy (non-idle) time. */
export function hotFunctions(profile: CpuProfile, repo: string, top = 8, maps: Map<string, SourceMap> = new Map()): { totalMs: number; hot: HotFunction[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i] ?? 0));
  const totals = new Map<string, { name: string; where: string; us: number; lines: Map<string, number> }>();
  let totalUs = 0;
  const locate = (url: string, zeroLine: number, zeroCol: number): { file: string; line: number } => {
    let file = url.replace(/^file:\/\//, '');
    let line = zeroLine + 1;
    const map = maps.get(file);
    if (map && zeroLine >= 0) {
      // Frames of a bundle: report the original source file and line.
      const entry = map.findEntry(zeroLine, Math.max(0, zeroCol)) as { originalSource?: string; originalLine?: number };
      if (entry.originalSource) {
        file = resolvePath(file, '..', entry.originalSource.replace(/^file:\/\//, ''));
        line = (entry.originalLine ?? 0) + 1;
      }
    }
    return { file: file.startsWith(repo) ? relative(repo, file) : file, line };
  };
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const f = n.callFrame;
    // Waiting (on the network, on another process) is not cost; shares are of busy time only.
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    totalUs += us;
    const at = locate(f.url, f.lineNumber, f.columnNumber);
    const where = at.file ? `${at.file}:${at.line}` : '(native)';
    const name = f.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const t = totals.get(key) ?? { name, where, us: 0, lines: new Map<string, number>() };
    t.us += us;
    for (const pt of n.positionTicks ?? []) {
      // Column 0 of the line is a fair stand-in: a map entry per line is all we need here.
      const l = locate(f.url, pt.line - 1, 0);
      const k = `${l.file.split('/').pop()}:${l.line}`;
      t.lines.set(k, (t.lines.get(k) ?? 0) + pt.ticks);
    }
    totals.set(key, t);
  }
  const hot = [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((t) => {
      const ticks = [...t.lines.values()].reduce((a, b) => a + b, 0);
      const hotLines = [...t.lines.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, v]) => `${k} ${Math.round((v / Math.max(1, ticks)) * 100)}%`);
      return { name: t.name, where: t.where, selfMs: t.us / 1000, selfShare: totalUs ? t.us / totalUs : 0, hotLines };
    });
  return { totalMs: totalUs / 1000, hot };
}

/** Runs `node --cpu-prof <args>` and returns its hottest functions; null when no profile was written. */
export function profileNode(
  args: string[],
  options: { cwd: string; repo: string; top?: number; env?: NodeJS.ProcessEnv; bundles?: string[]; selfProfiling?: boolean },
): { totalMs: number; hot: HotFunction[] } | null {
  const dir = mkdtempSync(join(tmpdir(), 'auth-lens-prof-'));
  try {
    // A self-profiling target (profile-target.ts) writes its own profile, taken around its loop only.
    const nodeArgs = options.selfProfiling ? [...args, join(dir, 'target.cpuprofile')] : ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', ...args];
    spawnSync(process.execPath, nodeArgs, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'ignore'],
      maxBuffer: 1 << 30,
    });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) return null;
    const maps = new Map<string, SourceMap>();
    for (const b of options.bundles ?? []) {
      try {
        maps.set(b, new SourceMap(JSON.parse(readFileSync(`${b}.map`, 'utf8')) as never));
      } catch {
        // No map: frames keep their bundle positions.
      }
    }
    return hotFunctions(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, options.repo, options.top, maps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatHot(p: { totalMs: number; hot: HotFunction[] }): string {
  return p.hot
    .map((h) => `${(h.selfShare * 100).toFixed(1)}% ${h.name} (${h.where}${h.hotLines.length ? `; hot lines ${h.hotLines.join(', ')}` : ''})`)
    .join('; ');
}

/**
 * A readable (not minified) bundle with a source map, for profiling: function names and original
 * file:line survive, while the code runs as the shipped bundle does.
 */
export async function bundleForProfile(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'external',
    logLevel: 'silent',
    external: ['vscode'],
  });
  return outfile;
}
