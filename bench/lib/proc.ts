// Runs a child process and measures what a user would feel: wall time from spawn to exit (taken here,
// with a sub-millisecond clock) and peak resident memory (from GNU time, which reads the child's
// rusage). Output is drained through a pipe, never sent to /dev/null: ripgrep notices /dev/null and
// stops at the first match, which would make its baseline meaninglessly fast.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export interface ProcRun {
  wallMs: number;
  /** Peak RSS in KiB, or null when GNU time is not available. */
  peakRssKb: number | null;
  exitCode: number | null;
  stdoutBytes: number;
  /** Newlines in stdout (ripgrep -o prints one match per line). */
  stdoutLines: number;
  /** The first `keepStdout` bytes of stdout. */
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
export const HAVE_GNU_TIME = existsSync(GNU_TIME);
let seq = 0;

export function runProcess(
  cmd: string,
  args: string[],
  options: { cwd?: string; keepStdout?: number; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcRun> {
  const keep = options.keepStdout ?? 0;
  const rssFile = join(tmpdir(), `auth-lens-bench-rss-${process.pid}-${seq++}`);
  const [file, argv] = HAVE_GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stdoutLines = 0;
    const kept: Buffer[] = [];
    let keptLen = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdoutBytes += d.length;
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) stdoutLines++;
      if (keptLen < keep) {
        kept.push(d);
        keptLen += d.length;
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString('utf8');
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (timer) clearTimeout(timer);
      let peakRssKb: number | null = null;
      try {
        if (HAVE_GNU_TIME) {
          // GNU time prints "Command exited with non-zero status N" before the figure on failure.
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          const v = Number(lines[lines.length - 1]);
          peakRssKb = Number.isFinite(v) ? v : null;
        }
      } catch {
        peakRssKb = null;
      }
      rmSync(rssFile, { force: true });
      resolve({ wallMs, peakRssKb, exitCode: code, stdoutBytes, stdoutLines, stdout: Buffer.concat(kept).subarray(0, keep).toString('utf8'), stderr });
    });
  });
}
