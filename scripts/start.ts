// `npm start`: the demo. Builds and packages Auth Lens, makes sure code-server is installed, starts the
// sandbox authority (a local OpenID Connect provider with test-only app registrations) and VS Code in
// the browser with the extension installed and a sample workspace open, then prints the URL.
// Ctrl+C stops both.
//
// Options: --port N (code-server, default 8080 or $PORT), --sandbox-port N (default 0 = any free port),
// --skip-build (reuse dist/auth-lens.vsix).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  VSIX_PATH,
  buildVsix,
  ensureCodeServer,
  freePort,
  portIsFree,
  installExtension,
  prepareWorkspace,
  startCodeServer,
  writeUserSettings,
  type RunningCodeServer,
} from './lib/code-server';
import { randomBytes } from 'node:crypto';
import { SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, startSandbox, type Sandbox } from '../test/sandbox/authority';
import { extensionRegistrations, type ExtensionRegistrations } from './lib/registrations';

interface Options {
  port: number;
  sandboxPort: number;
  skipBuild: boolean;
  /** The port came from --port or $PORT: use it or fail, never pick another. */
  portGiven: boolean;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { port: Number(process.env.PORT ?? 8080), sandboxPort: 0, skipBuild: false, portGiven: process.env.PORT !== undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (): number => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`${arg} needs a port number between 0 and 65535`);
      return value;
    };
    if (arg === '--port') {
      opts.port = next();
      opts.portGiven = true;
    }
    else if (arg === '--sandbox-port') opts.sandboxPort = next();
    else if (arg === '--skip-build') opts.skipBuild = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm start -- [--port N] [--sandbox-port N] [--skip-build]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return opts;
}

function step(text: string): void {
  process.stdout.write(`[auth-lens] ${text}\n`);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));

  if (opts.skipBuild) step(`reusing ${VSIX_PATH}`);
  else {
    step('building and packaging the extension (npm run package)');
    buildVsix();
  }
  step('checking code-server');
  const install = ensureCodeServer();

  // Fresh state on every start: the sandbox port changes, and a demo should begin from a known place.
  const stateDir = join(REPO_ROOT, '.cache', 'demo');
  rmSync(stateDir, { recursive: true, force: true });
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  const workspaceDir = join(stateDir, 'workspace');

  let sandbox: Sandbox | undefined;
  let server: RunningCodeServer | undefined;
  let regs: ExtensionRegistrations = { entries: [], problems: [], secretClientId: undefined };
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      step('stopping');
      await server?.stop().catch(() => undefined);
      await sandbox?.stop().catch(() => undefined);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    step('starting the sandbox authority');
    // A fresh test-only secret each start; it protects nothing but the sandbox on 127.0.0.1.
    sandbox = await startSandbox({ port: opts.sandboxPort, host: '127.0.0.1', clientSecret: `demo-${randomBytes(9).toString('hex')}` });
    regs = extensionRegistrations(sandbox);
    for (const problem of regs.problems) process.stderr.write(`[auth-lens] sandbox registration left out: ${problem}\n`);
    prepareWorkspace(workspaceDir);
    // authLens.appRegistrations is read from user settings only (application scope).
    writeUserSettings(userDataDir, { 'authLens.appRegistrations': regs.entries });

    step('installing the extension into code-server');
    installExtension(install, extensionsDir, userDataDir, VSIX_PATH);

    let port = opts.port;
    if (!opts.portGiven && !(await portIsFree(port))) {
      port = await freePort();
      step(`port ${opts.port} is in use; using ${port} (choose one with --port N)`);
    }
    step('starting code-server');
    server = await startCodeServer({
      install,
      port,
      userDataDir,
      extensionsDir,
      folder: workspaceDir,
    });
    server.child.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`[auth-lens] code-server exited (${code ?? 'signal'}); last output:\n${server?.output().slice(-4_000)}\n`);
        void stopAll(1);
      }
    });
  } catch (err) {
    process.stderr.write(`[auth-lens] ${(err as Error).message}\n`);
    await stopAll(1);
    return;
  }

  const secretEntry = regs.entries.find((r) => r.clientId === regs.secretClientId);
  const certEntry = regs.entries.find((r) => r.flow === 'client_certificate');
  const lines = [
    '',
    `  Auth Lens is running in VS Code: open ${server.url}`,
    '',
    `  Sandbox authority (test only): ${sandbox.issuer}`,
    ...regs.entries.map((r) => `    "${String(r.name)}"  ${String(r.flow)}, client ${String(r.clientId)}`),
    '',
    '  In the workspace: sample logs from MSAL Python, msal-node and MSAL.NET apps (logs/) and a',
    '  made-up token (tokens/). Open a log first (Auth Lens starts when a log or text file opens), then',
    '  rest the mouse on an AADSTS code; F1 → "Auth Lens: Scan This Log"; select the token line,',
    '  F1 → "Auth Lens: Decode Token".',
    ...(secretEntry
      ? [
          '',
          `  To request a real token: F1 → "Auth Lens: Set Client Secret…", pick "${String(secretEntry.name)}" and paste`,
          `    ${sandbox.clientSecret}`,
          '  (the sandbox\'s test-only secret, new on every start; it is kept in VS Code\'s secret storage,',
          '  never in settings). Then F1 → "Auth Lens: Acquire Test Token…" and pick the same entry.',
          '  The "Sandbox scenario …" entries need a secret too (any text) and answer with scripted',
          '  Entra-style failures (bad secret, consent, MFA claims challenge, Conditional Access block…).',
          ...(certEntry
            ? [
                `  For "${String(certEntry.name)}": "Auth Lens: Import Certificate…" with the test-only key and certificate`,
                `    ${SANDBOX_KEY_PATH}`,
                `    ${SANDBOX_CERT_PATH}`,
              ]
            : []),
        ]
      : ['', '  (No sandbox registration was accepted by the extension; see the messages above.)']),
    '',
    '  Press Ctrl+C to stop code-server and the sandbox.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`[auth-lens] ${(err as Error).message ?? String(err)}\n`);
  process.exit(1);
});
