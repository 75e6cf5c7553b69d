// The CLI in tests: in-process with fake streams, or as a child process for what only a real process
// shows (its peak memory, a real pipe on standard input, a real Ctrl+C, whether it exits). TEST ONLY.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { CliIo } from '../../src/cli/io';

/** The commands run.ts loads on demand; esbuild.mjs builds each into dist/cli-<command>.js. */
export const CLI_COMMANDS = ['explain', 'classify', 'decode', 'compare', 'scan', 'redact', 'token'];

/** As esbuild.mjs builds the CLI: run.ts's `import('./<command>')` becomes a require of ./cli-<command>.js. */
export const cliCommandsExternal: esbuild.Plugin = {
  name: 'cli-commands-external',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${CLI_COMMANDS.join('|')})$`) }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith(join('src', 'cli', 'run.ts')) ? { path: `./cli-${args.path.slice(2)}.js`, external: true } : undefined,
    );
  },
};

/** Streams for running a command in-process: output collected in `out` and `err`, empty standard input. */
export function fakeCliIo(env: Record<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: async () => '',
    stdinIsTTY: false,
    isTTY: false,
    env,
    color: false,
  };
  return io;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child in bytes (NaN when it died before reporting). */
  maxRss: number;
}

export interface CliOptions {
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Streams standard input (with backpressure) instead of a fixed text. */
  feed?: (stdin: NodeJS.WritableStream) => Promise<void>;
  /** A run that has not ended by then is killed and reported with code null. */
  killAfterMs?: number;
  /** Sees the child as soon as it is spawned (to signal it, for instance). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface BuiltCli {
  /** The bundled CLI, for tests that spawn it themselves. */
  path: string;
  run(args: string[], options?: CliOptions): Promise<CliRun>;
}

/** Bundles src/cli/main.ts into `dir` (a private file, so the test runs the current code without racing other builds). */
export async function buildCli(dir: string): Promise<BuiltCli> {
  const cliPath = join(dir, 'cli.js');
  await esbuild.build({ entryPoints: ['src/cli/main.ts'], outfile: cliPath, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  // Reports the child's peak memory on exit, whatever way the CLI ends.
  const preload = join(dir, 'maxrss.cjs');
  writeFileSync(preload, "process.on('exit', () => { require('fs').writeSync(2, `\\nMAXRSS ${process.resourceUsage().maxRSS * 1024}\\n`); });\n");
  return {
    path: cliPath,
    run: (args, options = {}) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--require', preload, cliPath, ...args], { env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
        const killer = options.killAfterMs ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs) : undefined;
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdin.on('error', () => undefined);
        child.on('close', (code, signal) => {
          if (killer) clearTimeout(killer);
          const maxRss = Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? NaN);
          resolve({ code, signal, stdout, stderr: stderr.replace(/\nMAXRSS \d+\n/, ''), maxRss });
        });
        options.onSpawn?.(child);
        if (options.feed) void options.feed(child.stdin).then(() => child.stdin.end());
        else child.stdin.end(options.input ?? '');
      }),
  };
}
