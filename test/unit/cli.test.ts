// The CLI as users run it: the built dist/cli.js in a child process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, type ScanSummary } from '../../src/core/types';
import { FAKE_SIGNATURE, makeJwt, v2Delegated } from '../fixtures/jwt/make';
import { DEVICE_FLOW_CORRELATION, deviceFlowLog } from '../fixtures/scan/device-code';
import { CLI_COMMANDS, cliCommandsExternal } from '../faults/cli-process';

const DIST_CLI = 'dist/cli.js';
/** The run copy: other work in the tree may rebuild dist/ while these tests run. */
let CLI = DIST_CLI;
const CLASSIFICATION_FIELDS = [
  'outcome', 'category', 'appAction', 'retryable', 'retryAfterSeconds', 'actor', 'error', 'suberror', 'aadsts',
  'correlationId', 'traceId', 'timestamp', 'httpStatus', 'claimsChallenge', 'source', 'summary', 'nextSteps',
].sort();

let tmp = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-cli-'));
  // Same settings as the CLI entries in esbuild.mjs (cli.js and one cli-<command>.js per command);
  // built here so the test runs on fresh code. The files are written to dist/ and to a private
  // directory the tests run from.
  const options: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    write: false,
    define: { 'process.env.AUTH_LENS_PRODUCTION': '"0"' },
  };
  const builds = await Promise.all([
    esbuild.build({
      ...options,
      entryPoints: ['src/cli/main.ts'],
      outfile: DIST_CLI,
      banner: { js: '#!/usr/bin/env node' },
      plugins: [cliCommandsExternal],
      supported: { 'dynamic-import': false },
    }),
    ...CLI_COMMANDS.map((c) => esbuild.build({ ...options, entryPoints: [`src/cli/${c}.ts`], outfile: `dist/cli-${c}.js` })),
  ]);
  mkdirSync('dist', { recursive: true });
  for (const file of builds.flatMap((b) => b.outputFiles ?? [])) {
    writeFileSync(join('dist', basename(file.path)), file.contents);
    writeFileSync(join(tmp, basename(file.path)), file.contents);
  }
  CLI = join(tmp, 'cli.js');
}, 60_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string | Buffer, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStack(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at \S+ \(/);
  expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(1);
}

describe('help and usage', () => {
  it('top-level help lists every command', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const c of CLI_COMMANDS) expect(r.stdout).toContain(`  ${c} `);
    expect(r.stdout).toMatch(/Exit status: 0 success, 2 usage error, 3 input unreadable, 4 --fail-on matched/);
  });

  it('no arguments prints usage and exits 2', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^Usage: auth-lens COMMAND/);
  });
});

describe('explain', () => {
  it('explains codes in words', () => {
    const r = run(['explain', '50076', 'AADSTS7000215']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('AADSTS50076');
    expect(r.stdout).toContain('AADSTS7000215');
    expect(r.stdout).toContain('https://login.microsoftonline.com/error?code=50076');
  });

  it('--json gives an array of catalog entries with the documented fields', () => {
    const r = run(['explain', '50076', '--json']);
    const entries = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ code: '50076', vocabulary: 'aadsts', category: 'interaction_required', documented: true });
    for (const key of ['code', 'vocabulary', 'name', 'summary', 'causes', 'fixes', 'category', 'actor', 'retryable', 'documented', 'url']) {
      expect(entries[0], key).toHaveProperty(key);
    }
    expect((entries[0]!.fixes as { text: string; who: string }[])[0]).toMatchObject({ text: expect.any(String), who: expect.stringMatching(/^(developer|admin|user)$/) });
  });

  it('explains any vocabulary, and lists every match of a value several libraries use', () => {
    const r = run(['explain', 'interaction_in_progress', 'AuthorizationFailed', '530002', '--json']);
    expect(r.status).toBe(0);
    const entries = JSON.parse(r.stdout) as { code: string; vocabulary: string; category: string }[];
    expect(entries.find((e) => e.code === 'interaction_in_progress')).toMatchObject({ vocabulary: 'msal-js', category: 'misuse' });
    expect(entries.find((e) => e.code === 'AuthorizationFailed')).toMatchObject({ vocabulary: 'arm' });
    expect(entries.find((e) => e.code === '530002')).toMatchObject({ vocabulary: 'aadsts', category: 'access_blocked' });
    const shared = JSON.parse(run(['explain', 'state_not_found', '--json']).stdout) as { source: string }[];
    expect(new Set(shared.map((e) => e.source)).size).toBeGreaterThan(1);
  });

  it('explains an undocumented code from the error value given with it', () => {
    const r = run(['explain', '9999999', 'invalid_grant', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { code: string; vocabulary: string; documented: boolean; category: string }[];
    expect(out[0]).toMatchObject({ code: '9999999', documented: false, category: 'expired_grant' });
    expect(out.some((e) => e.vocabulary === 'oauth' && e.code === 'invalid_grant')).toBe(true);
  });

  it('--fail-on exits 4 on a match and 0 otherwise; bad codes exit 2', () => {
    expect(run(['explain', '50076', '--fail-on', 'interaction_required,throttled']).status).toBe(4);
    expect(run(['explain', '50076', '--fail-on', 'throttled']).status).toBe(0);
    const bad = run(['explain', 'hello']);
    expect(bad.status).toBe(2);
    noStack(bad);
  });
});

describe('classify', () => {
  it('--json prints exactly the Classification fields', () => {
    const r = run(['classify', 'samples/responses/token-endpoint-error.json', '--json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(c).sort()).toEqual(CLASSIFICATION_FIELDS);
    expect(c).toMatchObject({ outcome: 'error', category: 'client_credential', error: 'invalid_client', aadsts: [7000215] });
  });

  it('reads standard input with - and without a FILE', () => {
    const text = readSample('samples/responses/msal-python-result.txt');
    for (const args of [['classify', '-', '--json'], ['classify', '--json']]) {
      const r = run(args, text);
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { source: string }).source).toBe('msal_python');
    }
  });

  it('human output names the category and next steps', () => {
    const r = run(['classify', 'samples/responses/http-429-throttled.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/throttled/);
    expect(r.stdout).toMatch(/Next steps/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('--fail-on matches the category', () => {
    expect(run(['classify', 'samples/responses/token-endpoint-error.json', '--fail-on', 'client_credential']).status).toBe(4);
    expect(run(['classify', 'samples/responses/token-endpoint-success.json', '--fail-on', 'client_credential,throttled']).status).toBe(0);
  });

  it('unreadable input exits 3 with one line', () => {
    for (const target of ['no/such/response.txt', 'samples']) {
      const r = run(['classify', target]);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/^auth-lens classify: cannot read /);
      noStack(r);
    }
  });

  it('binary or empty input is classified without a crash', () => {
    for (const input of [Buffer.from([0, 1, 2, 255, 254, 0]), '']) {
      const r = run(['classify', '-', '--json'], input);
      expect(r.status).toBe(0);
      noStack(r);
    }
  });

  it('reads only the head of a large input and says so on stderr', () => {
    const file = join(tmp, 'large.log');
    const line = '{"error": "invalid_grant", "error_description": "AADSTS70008: The refresh token has expired."}\n';
    writeFileSync(file, line + 'x'.repeat(3 * 1024 * 1024));
    const r = run(['classify', file, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/large\.log is 3\.0 MB; only its first 2\.0 MB was read and classified/);
    const c = JSON.parse(r.stdout) as { category: string; summary: string };
    expect(c.category).toBe('expired_grant');
    expect(c.summary).toMatch(/first 2 MB of a larger input/);
    const small = run(['classify', '-'], line);
    expect(small.stderr).toBe('');
  });

  it('never prints the token from a success body', () => {
    const r = run(['classify', 'samples/responses/token-endpoint-success.json']);
    const token = (JSON.parse(readSample('samples/responses/token-endpoint-success.json')) as { access_token: string }).access_token;
    expect(r.stdout).not.toContain(token.split('.')[2]);
    const j = run(['classify', 'samples/responses/token-endpoint-success.json', '--json']);
    expect(j.stdout).not.toContain(token.split('.')[2]);
    expect(j.stdout).not.toContain(token.split('.')[1]);
  });
});

describe('decode', () => {
  const token = makeJwt(v2Delegated({ exp: 1_900_000_000, iat: 1_899_996_400, nbf: 1_899_996_400 }));

  it('decodes from stdin without printing the signature', () => {
    const r = run(['decode', '--now', '2030-03-17T17:00:00Z'], `Bearer ${token}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Access token v2\.0, delegated/);
    expect(r.stdout).toContain('preferred_username');
    expect(r.stdout).not.toContain(FAKE_SIGNATURE);
    expect(r.stdout).not.toContain(token);
  });

  it('decodes a token argument ("Bearer" split in two) and a file holding a header line', () => {
    expect(run(['decode', 'Bearer', token]).status).toBe(0);
    const file = join(tmp, 'header.txt');
    writeFileSync(file, `Authorization: Bearer ${token}\n`);
    const r = run(['decode', file, '--json']);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout) as { kind: string; redacted: string; tokenType: string };
    expect(d).toMatchObject({ kind: 'jwt', tokenType: 'access' });
    expect(d.redacted).toMatch(/\.\[signature redacted\]$/);
    expect(r.stdout).not.toContain(FAKE_SIGNATURE);
  });

  it('recognises opaque tokens (exit 0) and rejects damaged ones (exit 3)', () => {
    const opaque = run(['decode', '-'], 'EwBwA8l6BAAURSN/k0fV7Zq9+sampleOpaqueTicketData==');
    expect(opaque.status).toBe(0);
    expect(opaque.stdout).toMatch(/personal Microsoft account/);
    const broken = run(['decode', '-'], 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOi');
    expect(broken.status).toBe(3);
    expect(broken.stdout).toMatch(/Only two segments/);
  });

  it('finds a token at the head of a large file and says the rest was not read', () => {
    const file = join(tmp, 'token-then-log.txt');
    writeFileSync(file, `Authorization: Bearer ${token}\n` + 'log line\n'.repeat(300_000));
    const r = run(['decode', file, '--json', '--now', '2030-03-17T17:00:00Z']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/is 2\.\d MB; only its first 1\.0 MB was read to look for a token/);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'jwt' });
    expect(r.stdout + r.stderr).not.toContain(FAKE_SIGNATURE);
  });

  it('missing file is exit 3; bad --now is exit 2', () => {
    const r = run(['decode', 'no-such-token-file.txt']);
    expect(r.status).toBe(3);
    noStack(r);
    expect(run(['decode', token, '--now', 'yesterday-ish']).status).toBe(2);
  });
});

describe('scan', () => {
  it('summarises the demo log', () => {
    const r = run(['scan', 'samples/msal-python-app.log']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/AADSTS50076 +1 +\d+ +\d+ +interaction_required/);
    expect(r.stdout).toMatch(/Failures by correlation ID/);
    expect(r.stdout).toMatch(/token requests[\s\S]*looks like a loop/);
  });

  it('--json prints the ScanSummary and never a full token', () => {
    const r = run(['scan', 'samples/msal-dotnet-app.log', '--json']);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual(['bursts', 'bytes', 'codes', 'correlations', 'errors', 'input', 'lines', 'requestFlags', 'requests', 'tokens', 'warnings']);
    const logText = readSample('samples/msal-dotnet-app.log');
    const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(logText)![0];
    expect(r.stdout).not.toContain(jwt.split('.')[1]);
  });

  it('--timeline lists the token requests read from a library log, with waits and Retry-After', () => {
    const r = run(['scan', 'test/fixtures/logs/azure-identity-python/throttle.log', '--timeline']);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^  \d+ .* token /.test(l));
    expect(rows).toHaveLength(4);
    expect(rows.every((l) => /\b429\b.*throttled.*Retry-After 2 s/.test(l))).toBe(true);
    expect(rows[1]).toMatch(/\+2\.0\d s/);
    // The OpenID discovery the library made first is listed before them.
    expect(r.stdout.split('\n').filter((l) => /^  \d+ /.test(l))[0]).toMatch(/^  1 .* discovery +200 +success/);
    const json = JSON.parse(run(['scan', 'test/fixtures/logs/msal-python/expired-refresh.log', '--json']).stdout) as { requests: { endpoint: string; source: string; error: string }[]; requestFlags: { kind: string }[] };
    expect(json.requests.map((q) => `${q.endpoint} ${q.source} ${q.error}`)).toEqual(['discovery network null', 'token network invalid_grant', 'token cache invalid_grant']);
    expect(json.requestFlags.map((f) => f.kind)).toEqual(['no_interactive_fallback']);
  });

  it('reads standard input', () => {
    const r = run(['scan', '-', '--json'], 'x AADSTS50076 y\n');
    expect((JSON.parse(r.stdout) as { codes: { code: number }[] }).codes[0]!.code).toBe(50076);
  });

  it('--fail-on matches codes, error values and loops', () => {
    expect(run(['scan', 'samples/msal-python-app.log', '--fail-on', 'consent_required']).status).toBe(4);
    expect(run(['scan', 'samples/msal-python-app.log', '--fail-on', 'throttled']).status).toBe(4);
    expect(run(['scan', 'samples/msal-python-app.log', '--fail-on', 'network']).status).toBe(0);
  });

  it('usage and unreadable input', () => {
    expect(run(['scan']).status).toBe(2);
    const r = run(['scan', 'no/such.log']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^auth-lens scan: cannot read no\/such.log: no such file/);
    noStack(r);
  });

  it('pages long lists in human output; --all lists everything', () => {
    const log = Array.from({ length: 60 }, (_, i) => `AADSTS50076 correlation_id=${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`).join('\n');
    const paged = run(['scan', '-'], log);
    expect(paged.stdout).toMatch(/Failures by correlation ID \(60 of 60\)/);
    expect(paged.stdout).toMatch(/… 10 more \(--all lists every one/);
    const all = run(['scan', '-', '--all'], log);
    expect(all.stdout).not.toMatch(/more \(--all/);
    expect(all.stdout.match(/-0000-4000-8000-000000000000/g)).toHaveLength(60);
  });

  it('binary file: a note, no crash', () => {
    const file = join(tmp, 'bin.dat');
    writeFileSync(file, Buffer.concat([Buffer.from([0, 0, 1, 2, 3, 255]), Buffer.from(' AADSTS50076\n')]));
    const r = run(['scan', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/looks binary/);
  });
});

describe('scan inputs: encodings, gzip, pipes', () => {
  const SAMPLE = 'samples/msal-python-app.log';
  const text = (): string => readSample(SAMPLE);
  /** The --json summary without what depends on how the text was stored. */
  function found(r: Run): Record<string, unknown> {
    expect(r.status).toBe(0);
    const { bytes: _bytes, input: _input, ...rest } = JSON.parse(r.stdout) as Record<string, unknown>;
    return rest;
  }
  let expected: Record<string, unknown>;
  beforeAll(() => {
    expected = found(run(['scan', SAMPLE, '--json']));
    expect((expected.codes as unknown[]).length).toBeGreaterThan(0);
  });
  const utf16le = (t: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
  const utf16be = (t: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]);

  it('UTF-16LE and UTF-16BE logs with a BOM (Windows PowerShell >) read as text, CRLF included', () => {
    const le = join(tmp, 'ps-le.log');
    const be = join(tmp, 'ps-be.log');
    writeFileSync(le, utf16le(text().replace(/\n/g, '\r\n')));
    writeFileSync(be, utf16be(text()));
    expect(found(run(['scan', le, '--json']))).toEqual(expected);
    expect(found(run(['scan', be, '--json']))).toEqual(expected);
    const human = run(['scan', le]);
    expect(human.stdout).toMatch(/^\S*ps-le\.log: 341 lines, [\d.]+ KB \(UTF-16LE: [\d.]+ KB read\)/);
    expect(human.stdout).toMatch(/AADSTS50076 +1 /);
  });

  it('a .gz log, streamed through zlib', () => {
    const gz = join(tmp, 'app.log.gz');
    writeFileSync(gz, gzipSync(text()));
    expect(found(run(['scan', gz, '--json']))).toEqual(expected);
    expect(JSON.parse(run(['scan', gz, '--json']).stdout).input).toMatchObject({ compression: 'gzip', offsets: 'decoded' });
  });

  it('a pipe through standard input: UTF-16LE and gzip bytes', () => {
    expect(found(run(['scan', '-', '--json'], utf16le(text())))).toEqual(expected);
    expect(found(run(['scan', '-', '--json'], gzipSync(text())))).toEqual(expected);
  });

  /** Runs the CLI from a shell script (`$0` node, `$1` the CLI, then `args`); what it printed, checked for no error. */
  function viaShell(shell: string, script: string, ...args: string[]): Record<string, unknown> {
    const r = spawnSync(shell, ['-c', script, process.execPath, CLI, ...args], {
      // stdin not a socket: bash would take itself for an rsh session and read ~/.bashrc.
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    return found({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  }

  const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
  it.skipIf(!hasBash)(`process substitution: bash -c 'node cli.js scan <(cat FILE)'${hasBash ? '' : ' — SKIPPED: bash is not installed'}`, () => {
    expect(viaShell('bash', 'exec "$0" "$1" scan <(cat "$2") --json', SAMPLE)).toEqual(expected);
  });

  const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo']).status === 0;
  if (!hasMkfifo) console.warn('cli scan: mkfifo is not installed; the FIFO test is skipped');
  it.skipIf(!hasMkfifo)(`a FIFO made with mkfifo, written by another process${hasMkfifo ? '' : ' — SKIPPED: mkfifo is not installed'}`, () => {
    const fifo = join(tmp, 'cli.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(viaShell('sh', 'cat "$3" > "$2" & exec "$0" "$1" scan "$2" --json', fifo, SAMPLE)).toEqual(expected);
  });
});

describe('scan: device-code polling', () => {
  it('is listed as pending, not as failures or a loop', () => {
    const file = join(tmp, 'device-code.log');
    writeFileSync(file, deviceFlowLog());
    const r = run(['scan', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no AADSTS codes, 0 distinct error value\(s\), .*14 device-code poll\(s\) pending/);
    expect(r.stdout).toMatch(/Pending \(device-code polling\)[\s\S]*authorization_pending +13 [\s\S]*slow_down +1 [\s\S]*AADSTS70016 +13 /);
    expect(r.stdout).not.toMatch(/Failures by correlation ID|OAuth error values|Token request loops/);
    const s = JSON.parse(run(['scan', file, '--json']).stdout) as ScanSummary;
    expect(s.errors.every((e) => e.pending === true)).toBe(true);
    expect(s.correlations[0]).toMatchObject({ correlationId: DEVICE_FLOW_CORRELATION, pending: true });
    expect(s.bursts).toEqual([]);
  });

  it('--fail-on matches polls only as "pending"', () => {
    const file = join(tmp, 'device-code-urllib3-only.log');
    // Only urllib3's request lines after the devicecode request: polls, not a loop.
    writeFileSync(file, deviceFlowLog({ answers: false }));
    expect(run(['scan', file, '--fail-on', 'throttled']).status).toBe(0);
    const answered = join(tmp, 'device-code.log');
    writeFileSync(answered, deviceFlowLog());
    const others = CATEGORIES.filter((c) => c !== 'pending').join(',');
    expect(run(['scan', answered, '--fail-on', others]).status).toBe(0);
    expect(run(['scan', answered, '--fail-on', 'pending']).status).toBe(4);
  });
});

describe('colour and token command', () => {
  it('colour only when forced or on a TTY, never with NO_COLOR', () => {
    expect(run(['explain', '50076']).stdout).not.toMatch(/\x1b\[/);
    expect(run(['explain', '50076'], undefined, { FORCE_COLOR: '1', NO_COLOR: '' }).stdout).toMatch(/\x1b\[1m/);
  });

  it('the token command is dispatched and fails cleanly on a bad option', () => {
    const r = run(['token', '--definitely-not-an-option']);
    expect(r.status).not.toBe(0);
    noStack(r);
  });
});

function readSample(path: string): string {
  return readFileSync(path, 'utf8');
}

describe('each command loads only its own file', () => {
  /** The files of this run's CLI that `command` loaded, by name. */
  function loaded(args: string[]): { status: number | null; files: string[] } {
    const record = join(tmp, `loaded-${args[0]}.json`);
    const preload = join(tmp, 'record-loaded.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
    const r = spawnSync(process.execPath, ['--require', preload, CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 30_000 });
    const files = (JSON.parse(readFileSync(record, 'utf8')) as string[]).filter((f) => f.startsWith(tmp)).map((f) => basename(f));
    return { status: r.status, files };
  }

  it('scan loads cli.js and cli-scan.js, never the token client', () => {
    const empty = join(tmp, 'empty.log');
    writeFileSync(empty, '');
    const r = loaded(['scan', empty]);
    expect(r.status).toBe(0);
    expect(r.files.sort()).toEqual(['cli-scan.js', 'cli.js', 'record-loaded.cjs']);
  });

  it('token loads cli-token.js', () => {
    const r = loaded(['token', '--help']);
    expect(r.status).toBe(0);
    expect(r.files).toContain('cli-token.js');
    expect(r.files).not.toContain('cli-scan.js');
  });

  it('the command files are found next to cli.js from any working directory, also through a symlink', () => {
    const binDir = mkdtempSync(join(tmpdir(), 'auth-lens-bin-'));
    const link = join(binDir, 'auth-lens');
    symlinkSync(CLI, link);
    const r = spawnSync(process.execPath, [link, 'explain', '50076'], { cwd: binDir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('AADSTS50076');
  });
});
