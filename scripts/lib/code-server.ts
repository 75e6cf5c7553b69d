// Runs Auth Lens inside real VS Code (code-server) for the end-to-end test and `npm start`: finds the
// cached code-server install, builds and installs the extension's vsix, prepares a workspace and user
// settings, starts the server on 127.0.0.1 and stops it again (with every child it spawned).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = process.env.AUTH_LENS_CODE_SERVER_VERSION ?? '4.100.3';

/**
 * Repository root: the nearest folder upwards from the current directory whose package.json is Auth
 * Lens. (Found from the cwd, not import.meta, because tsx runs these scripts as CommonJS.)
 */
export const REPO_ROOT = findRepoRoot(process.cwd());

function findRepoRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'auth-lens') return dir;
      } catch {
        // not ours; keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

export const VSIX_PATH = join(REPO_ROOT, 'dist', 'auth-lens.vsix');
export const WORKSPACE_TEMPLATE = join(REPO_ROOT, 'test', 'workspace');
export const SAMPLES_DIR = join(REPO_ROOT, 'samples');

/** Where setup-code-server.sh caches the install; mirrors the script's own rule. */
export function codeServerDir(): string {
  const cacheRoot =
    process.env.AUTH_LENS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'auth-lens');
  return join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

export interface CodeServerInstall {
  dir: string;
  entry: string;
}

/** The install, or a specific reason why it cannot be used (never throws). */
export function findCodeServer(): { ok: true; install: CodeServerInstall } | { ok: false; reason: string } {
  const dir = codeServerDir();
  const entry = join(dir, 'out', 'node', 'entry.js');
  if (!existsSync(join(dir, '.auth-lens-install-complete'))) {
    return {
      ok: false,
      reason:
        `code-server ${CODE_SERVER_VERSION} is not installed at ${dir}. ` +
        'Run `bash scripts/ensure-test-deps.sh` (npm test runs it as pretest) or `bash scripts/setup-code-server.sh`.',
    };
  }
  if (!existsSync(entry)) return { ok: false, reason: `code-server install at ${dir} has no ${entry}; delete ${dir} and run setup again.` };
  return { ok: true, install: { dir, entry } };
}

/**
 * Installs code-server when it is not cached yet, with the system packages its native modules need
 * (scripts/ensure-test-deps.sh --no-browser; apt-get, so root on a fresh machine), and returns it.
 */
export function ensureCodeServer(): CodeServerInstall {
  const found = findCodeServer();
  if (found.ok) return found.install;
  process.stderr.write('[auth-lens] installing code-server (first run only; about a minute, longer on a cold npm cache)\n');
  const run = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'ensure-test-deps.sh'), '--no-browser'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`scripts/ensure-test-deps.sh --no-browser failed with exit code ${run.status ?? run.signal}`);
  const again = findCodeServer();
  if (!again.ok) throw new Error(again.reason);
  return again.install;
}

/** Builds the production bundles and packs dist/auth-lens.vsix (the `package` npm script). */
export function buildVsix(): string {
  const run = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(VSIX_PATH)) {
    throw new Error(`npm run package failed (exit ${run.status ?? run.signal}):\n${tail(run.stdout)}\n${tail(run.stderr)}`);
  }
  return VSIX_PATH;
}

/**
 * Builds the production vsix from a private copy of the sources, leaving the repository's dist/
 * alone: other test files read dist/ while the suite runs in parallel, and a rebuild under them
 * would swap files mid-read. node_modules is linked, not copied.
 */
export function buildVsixIsolated(outFile: string): string {
  const work = mkdtempSync(join(tmpdir(), 'auth-lens-vsix-'));
  try {
    for (const entry of ['src', 'media', 'package.json', 'esbuild.mjs', 'tsconfig.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore']) {
      if (existsSync(join(REPO_ROOT, entry))) cpSync(join(REPO_ROOT, entry), join(work, entry), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    const steps: [string, string[]][] = [
      [process.execPath, ['esbuild.mjs', '--production']],
      [process.execPath, [join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', outFile]],
    ];
    for (const [cmd, args] of steps) {
      const run = spawnSync(cmd, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 300_000 });
      if (run.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${run.status ?? run.signal}):\n${tail(run.stdout)}\n${tail(run.stderr)}`);
    }
    if (!existsSync(outFile)) throw new Error(`vsce reported success but wrote no ${outFile}`);
    return outFile;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function installExtension(install: CodeServerInstall, extensionsDir: string, userDataDir: string, vsix: string): void {
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const run = spawnSync(
    process.execPath,
    [install.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 },
  );
  const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((d) => d.startsWith('auth-lens.auth-lens-'));
  if (run.status !== 0 || !installed) {
    throw new Error(`installing ${basename(vsix)} into code-server failed (exit ${run.status ?? run.signal}):\n${tail(run.stdout)}\n${tail(run.stderr)}`);
  }
}

/** User settings that keep the first start quiet and predictable (no trust prompt, no welcome page). */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.hover.delay': 300,
    'window.commandCenter': false,
    ...extra,
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

/**
 * Copies the sample workspace into `target`, dereferencing its links to samples/*.log and adding any
 * sample log newer than the template, so the demo and the test always see the current samples.
 * App registrations are not written here: `authLens.appRegistrations` is read from user settings only.
 */
export function prepareWorkspace(target: string): string {
  mkdirSync(target, { recursive: true });
  cpSync(WORKSPACE_TEMPLATE, target, { recursive: true, dereference: true });
  const logsDir = join(target, 'logs');
  mkdirSync(logsDir, { recursive: true });
  if (existsSync(SAMPLES_DIR)) {
    for (const name of readdirSync(SAMPLES_DIR)) {
      if (name.endsWith('.log') && !existsSync(join(logsDir, name))) cpSync(join(SAMPLES_DIR, name), join(logsDir, name));
    }
  }
  return target;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything code-server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  install: CodeServerInstall;
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  env?: NodeJS.ProcessEnv;
  /** Mirror code-server's output to this process's stderr (the demo does, the test keeps it). */
  echo?: boolean;
}

export async function startCodeServer(opts: StartOptions): Promise<RunningCodeServer> {
  const port = opts.port ?? (await freePort());
  // An empty config file of our own, so ~/.config/code-server/config.yaml (password auth, port 8080)
  // never leaks into the run.
  mkdirSync(opts.userDataDir, { recursive: true });
  const configFile = join(opts.userDataDir, 'code-server-config.yaml');
  writeFileSync(configFile, '');
  const args = [
    opts.install.entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--extensions-dir', opts.extensionsDir,
    '--user-data-dir', opts.userDataDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    opts.folder,
  ];
  // detached: the server gets its own process group, so stop() can end the extension host and
  // every other child along with it.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  // A watchdog outside our process: when this process dies without stopping the server (killed, or
  // a test worker orphaned), it ends the server's process group. It exits by itself once the group is gone.
  if (child.pid !== undefined) {
    const reaper = spawn(
      'sh',
      // `kill -9 -PGID` (no `--`) is the form both dash and bash accept.
      ['-c', `while kill -0 ${process.pid} 2>/dev/null && kill -0 -${child.pid} 2>/dev/null; do sleep 1; done; kill -9 -${child.pid} 2>/dev/null; exit 0`],
      { detached: true, stdio: 'ignore' },
    );
    reaper.unref();
  }
  let out = '';
  const collect = (chunk: Buffer): void => {
    const s = chunk.toString();
    out = (out + s).slice(-200_000);
    if (opts.echo) process.stderr.write(s);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}/`;
  let exited = false;
  const exitedPromise = new Promise<void>((res) => child.once('exit', () => { exited = true; res(); }));

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), 5_000);
    await exitedPromise;
    clearTimeout(timer);
    // The extension host may outlive the server briefly; make sure the group is gone.
    killGroup(child.pid, 'SIGKILL');
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited before it was ready:\n${tail(out)}`);
    try {
      const res = await fetch(`${url}healthz`);
      if (res.ok) return { url, port, child, output: () => out, stop };
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  await stop();
  throw new Error(`code-server did not answer on ${url} within 90 s:\n${tail(out)}`);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tail(text: string | undefined, lines = 40): string {
  return (text ?? '').split('\n').slice(-lines).join('\n');
}
