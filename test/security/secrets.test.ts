// No secret leaves Auth Lens. Runs every flow that touches one with known values — the token client
// against the sandbox authority with a known client secret, a certificate key and the tokens it hands
// out; the extension's commands (acquire, classify, decode, scan, copy report, the panel messages and
// the log) through a recording `vscode`; the CLI as a child process; the report builder — then searches
// every captured output for each value in every encoding a leak could take. Any hit fails the test.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { createTokenClient, type TokenClient, type TokenResult } from '../../src/core/client/index';
import { buildReport, type ReportSubject } from '../../src/core/format/report';
import { classify } from '../../src/core/classify/index';
import { decodeToken } from '../../src/core/jwt/decode';
import { scanText } from '../../src/core/scan/index';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';
import { FailureLog, TokenLog } from '../../src/extension/recent';
import { acquireTestToken, closeTokenClient } from '../../src/extension/acquire';
import { classifySelection, copyReport, decodeTokenCommand } from '../../src/extension/inspect';
import { InspectionPanel } from '../../src/extension/panel';
import { SettingsRegistrationSchema, secretBinding } from '../../src/extension/settings';
import * as clientModule from '../../src/core/client/index';
import { SANDBOX_API, SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, completeUserStep, startSandbox, type Sandbox } from '../sandbox/index';
import { leakForms } from './leaks';

// Characters that change under every encoding: ~ . _ + / = % and a space.
const CLIENT_SECRET = 'Zq8~Sandbox.Secret_With+Plus/Slash=And%25Pct 0123';
const WRONG_SECRET = 'Wr0ng~Client.Secret_value+9876/xyz';
const KEY_PEM = readFileSync(SANDBOX_KEY_PATH, 'utf8');
const CERT_PEM = readFileSync(SANDBOX_CERT_PATH, 'utf8');
const APP_SCOPE = `${SANDBOX_API}/.default`;
const USER_SCOPE = `${SANDBOX_API}/Sandbox.Read`;

interface Output {
  name: string;
  text: string;
}

const outputs: Output[] = [];
const tokens = new Set<string>();
let sandbox: Sandbox;
let client: TokenClient;
let tmp = '';
let cliPath = '';

function capture(name: string, value: unknown): void {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  outputs.push({ name, text: text ?? '' });
}

function keepTokens(result: TokenResult): void {
  for (const t of [result.tokens?.accessToken, result.tokens?.idToken, result.tokens?.refreshToken]) if (t) tokens.add(t);
}

/** The secret values to look for: the secrets, the key (whole, body, each line) and every token with its signature. */
function knownValues(): { label: string; value: string }[] {
  const values: { label: string; value: string }[] = [
    { label: 'client secret', value: CLIENT_SECRET },
    { label: 'wrong client secret', value: WRONG_SECRET },
    { label: 'private key PEM', value: KEY_PEM.trim() },
    { label: 'private key body', value: KEY_PEM.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '') },
  ];
  KEY_PEM.split(/\r?\n/)
    .filter((l) => l.length >= 32 && !l.startsWith('-----'))
    .forEach((line, i) => values.push({ label: `private key line ${i + 1}`, value: line }));
  let n = 0;
  for (const t of tokens) {
    n++;
    values.push({ label: `token ${n}`, value: t });
    const parts = t.split('.');
    // A JWT's header and payload are shown on purpose (decoded claims); its signature is what makes it a credential.
    if (parts.length === 3 && parts[2]!.length >= 12) values.push({ label: `token ${n} signature`, value: parts[2]! });
  }
  return values;
}

function services(): Services {
  const context = fake.fakeContext(process.cwd());
  const secrets = new SecretStore(context.secrets as never);
  const log = new Logger(() => secrets.knownSecrets());
  // The real lazy module is the bundle; the source module is the same code.
  const loadLazy = <T,>(): T => clientModule as T;
  return { context: context as never, log, secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy } as Services;
}

function run(args: string[], env: Record<string, string> = {}, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Asynchronous on purpose: the sandbox answers from this same process.
    const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function cli(name: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<number | null> {
  const r = await run(args, env, input);
  capture(`cli ${name} stdout`, r.stdout);
  capture(`cli ${name} stderr`, r.stderr);
  return r.code;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-secrets-'));
  cliPath = join(tmp, 'cli.js');
  // Built here, into a private file, so the test runs the current code without racing other builds.
  await esbuild.build({ entryPoints: ['src/cli/main.ts'], outfile: cliPath, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  sandbox = await startSandbox({ clientSecret: CLIENT_SECRET });
  client = createTokenClient({ env: {} });
}, 120_000);

afterAll(async () => {
  InspectionPanel.disposeCurrent();
  await closeTokenClient();
  await client?.close();
  await sandbox?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('secrets never leave Auth Lens', () => {
  it('token client: secret, certificate and device-code flows, a wrong secret, and a refresh', async () => {
    const attempts: unknown[] = [];
    const onAttempt = (a: unknown) => attempts.push(a);
    const flows: TokenResult[] = [];
    flows.push(await client.acquire({ settings: { authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [APP_SCOPE] }, credentials: { clientSecret: CLIENT_SECRET } }, { onAttempt }));
    flows.push(await client.acquire({ settings: { authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [APP_SCOPE] }, credentials: { clientSecret: WRONG_SECRET } }, { onAttempt }));
    flows.push(
      await client.acquire(
        { settings: { authority: sandbox.issuer, clientId: 'sandbox-cert', flow: 'client_certificate', scopes: [APP_SCOPE] }, credentials: { certificatePem: CERT_PEM, privateKeyPem: KEY_PEM } },
        { onAttempt },
      ),
    );
    let step: Promise<unknown> | undefined;
    const device = await client.acquire(
      { settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'device_code', scopes: [USER_SCOPE, 'offline_access', 'openid'] } },
      { onAttempt, onDeviceCode: (info) => void (step = completeUserStep(info.verificationUriComplete ?? info.verificationUri, { login: 'alex', userCode: info.userCode })) },
    );
    await step;
    flows.push(device);
    expect(device.tokens?.refreshToken, 'the device flow must hand out a refresh token to probe').toBeTruthy();
    flows.push(await client.acquire({ settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'refresh_token', scopes: [USER_SCOPE] }, credentials: { refreshToken: device.tokens!.refreshToken! } }, { onAttempt }));
    // A key that is not PEM: the error text must not quote it.
    flows.push(await client.acquire({ settings: { authority: sandbox.issuer, clientId: 'sandbox-cert', flow: 'client_certificate', scopes: [APP_SCOPE] }, credentials: { certificatePem: CERT_PEM, privateKeyPem: `not a key ${CLIENT_SECRET}` } }));

    expect(flows[0]!.classification.outcome).toBe('success');
    expect(flows[1]!.classification.outcome).toBe('error');
    expect(flows[2]!.classification.outcome).toBe('success');
    expect(flows[4]!.classification.outcome).toBe('success');
    expect(flows[5]!.classification.outcome).toBe('error');
    flows.forEach((r, i) => {
      keepTokens(r);
      capture(`client flow ${i} classification+timeline`, { classification: r.classification, timeline: r.timeline, settingsErrors: r.settingsErrors, cancelled: r.cancelled });
      // Reports built by the core, without any list of known secrets.
      const subject: ReportSubject = { kind: 'acquisition', timeline: r.timeline, ...(r.tokens?.accessToken ? { token: decodeToken(r.tokens.accessToken) } : {}) };
      capture(`core report of flow ${i}`, buildReport(subject, { generatedAt: new Date() }));
      if (r.tokens?.accessToken) capture(`decoded access token of flow ${i}`, decodeToken(r.tokens.accessToken));
      if (r.tokens?.idToken) capture(`decoded id token of flow ${i}`, decodeToken(r.tokens.idToken));
    });
    capture('onAttempt records', attempts);
    expect(tokens.size).toBeGreaterThanOrEqual(5);
  }, 90_000);

  it('extension: acquire, classify, decode, copy report, panel messages and the log', async () => {
    fake.resetFake();
    const s = services();
    const registrations = [
      { name: 'Sandbox secret', authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [APP_SCOPE] },
      { name: 'Sandbox wrong secret', authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [APP_SCOPE] },
      { name: 'Sandbox cert', authority: sandbox.issuer, clientId: 'sandbox-cert', flow: 'client_certificate', scopes: [APP_SCOPE] },
    ];
    fake.recorded.settings.set('authLens.appRegistrations', registrations);
    // Stored as Set Client Secret / Import Certificate store them: bound to where the registration points.
    const [secretApp, wrongApp, certApp] = registrations.map((r) => secretBinding(SettingsRegistrationSchema.parse(r)));
    await s.secrets.store('secret', 'Sandbox secret', CLIENT_SECRET, secretApp);
    await s.secrets.store('secret', 'Sandbox wrong secret', WRONG_SECRET, wrongApp);
    await s.secrets.store('certKey', 'Sandbox cert', KEY_PEM, certApp);
    await s.secrets.store('cert', 'Sandbox cert', CERT_PEM, certApp);

    const errors: unknown[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (e) {
        errors.push(e);
        capture(`thrown by ${what}`, `${(e as Error).message}\n${(e as Error).stack ?? ''}`);
      }
    };
    const panel = () => fake.captured.webviews.at(-1);
    for (const name of ['Sandbox secret', 'Sandbox wrong secret', 'Sandbox cert']) {
      fake.captured.quickPickLabel = name;
      await attempt(`acquire ${name}`, () => acquireTestToken(s));
      // The page says ready once loaded; the host then sends what it holds.
      await panel()?.receive({ type: 'ready' });
      await attempt(`copy report ${name}`, () => copyReport(s));
    }
    // Pasted text that carries every kind of secret: classify it, decode a token, copy the report.
    const all = [...tokens];
    const pasted = `POST /token client_secret=${encodeURIComponent(CLIENT_SECRET)}&refresh_token=${all.at(-1)}\nAuthorization: Bearer ${all[0]}\n{"error":"invalid_client","error_description":"AADSTS7000215: bad secret ${WRONG_SECRET}"}`;
    await attempt('classify selection', () => classifySelection(s, pasted));
    await panel()?.receive({ type: 'ready' });
    await attempt('copy report after classify', () => copyReport(s));
    for (const t of all) {
      await attempt('decode token', () => decodeTokenCommand(s, `Bearer ${t}`));
      await panel()?.receive({ type: 'ready' });
    }
    await attempt('copy report after decode', () => copyReport(s));
    // Callers that hand the logger raw secrets by mistake: the logger's own redaction must catch them.
    s.log.error('Token request failed', new Error(`body was client_secret=${CLIENT_SECRET}&grant_type=client_credentials`));
    s.log.info(`refresh_token=${all.at(-1)} key=${KEY_PEM}`);
    s.log.warn(`retrying with Authorization: Bearer ${all[0]} and ${Buffer.from(CLIENT_SECRET).toString('base64')}`);
    s.log.debug(`id token ${all[1]}`);
    // The panel answers a copy request from the page with the clipboard: a page must not be able to pull secrets out either.
    await panel()?.receive({ type: 'copy', text: `from the page: ${CLIENT_SECRET}` });

    capture('log lines', fake.recorded.logLines);
    capture('notifications', fake.recorded.messages);
    capture('message boxes', fake.captured.boxes);
    capture('clipboard', fake.captured.clipboard);
    fake.captured.webviews.forEach((w, i) => {
      capture(`webview ${i} html`, w.html);
      capture(`webview ${i} messages`, w.posted);
    });
    capture('last result', s.results.get());

    expect(errors).toEqual([]);
    expect(fake.captured.clipboard.length).toBeGreaterThanOrEqual(5);
    expect(fake.captured.webviews.flatMap((w) => w.posted).length).toBeGreaterThanOrEqual(5);
    expect(fake.recorded.logLines.length).toBeGreaterThanOrEqual(4);
  }, 90_000);

  it('CLI: token (secret, certificate, wrong secret), decode, classify and scan', async () => {
    const common = ['--authority', sandbox.issuer, '--scope', APP_SCOPE];
    const ok = await cli('token secret json', ['token', ...common, '--client-id', 'sandbox-secret', '--flow', 'client_credentials', '--json'], { AUTH_LENS_CLIENT_SECRET: CLIENT_SECRET });
    await cli('token secret text', ['token', ...common, '--client-id', 'sandbox-secret', '--flow', 'client_credentials'], { AUTH_LENS_CLIENT_SECRET: CLIENT_SECRET });
    await cli('token secret stdin', ['token', ...common, '--client-id', 'sandbox-secret', '--flow', 'client_credentials', '--secret-stdin'], {}, `${CLIENT_SECRET}\n`);
    await cli('token wrong secret', ['token', ...common, '--client-id', 'sandbox-secret', '--flow', 'client_credentials', '--json'], { AUTH_LENS_CLIENT_SECRET: WRONG_SECRET });
    await cli('token cert', ['token', ...common, '--client-id', 'sandbox-cert', '--flow', 'client_certificate', '--cert', SANDBOX_CERT_PATH, '--key', SANDBOX_KEY_PATH]);
    await cli('token cert json', ['token', ...common, '--client-id', 'sandbox-cert', '--flow', 'client_certificate', '--cert', SANDBOX_CERT_PATH, '--key', SANDBOX_KEY_PATH, '--json']);
    expect(ok, 'the CLI must really acquire a token for the probes to mean anything').toBe(0);
    expect(outputs.find((o) => o.name === 'cli token secret json stdout')!.text).toMatch(/"outcome": "success"/);
    // Secrets passed where they do not belong: refused, and the refusal must not echo them.
    await cli('token secret in argv', ['token', ...common, '--client-id', 'sandbox-secret', '--flow', 'client_credentials', `--client-secret=${CLIENT_SECRET}`]);
    const badKey = join(tmp, 'bad-key.pem');
    writeFileSync(badKey, `-----BEGIN PRIVATE KEY-----\n${Buffer.from(CLIENT_SECRET).toString('base64')}\n-----END PRIVATE KEY-----\n`);
    await cli('token bad key', ['token', ...common, '--client-id', 'sandbox-cert', '--flow', 'client_certificate', '--cert', SANDBOX_CERT_PATH, '--key', badKey]);

    const all = [...tokens];
    const tokenFile = join(tmp, 'token.txt');
    for (const [i, t] of all.entries()) {
      writeFileSync(tokenFile, t);
      await cli(`decode file ${i}`, ['decode', tokenFile]);
      await cli(`decode stdin ${i} json`, ['decode', '-', '--json'], {}, `Authorization: Bearer ${t}\n`);
    }
    const log = [
      `2026-11-20 09:15:11 DEBUG POST https://login.microsoftonline.com/x/oauth2/v2.0/token client_secret=${encodeURIComponent(CLIENT_SECRET)}&grant_type=client_credentials`,
      `2026-11-20 09:15:12 DEBUG {"access_token": "${all[0]}", "refresh_token": "${all.at(-1)}", "id_token": "${all[1]}"}`,
      `2026-11-20 09:15:13 ERROR {'error': 'invalid_client', 'error_description': 'AADSTS7000215: Invalid client secret ${WRONG_SECRET}. Trace ID: 4c3b1f6e-2a5d-4e7f-9a1b-3c5d7e9f1a2b Correlation ID: 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'}`,
      `2026-11-20 09:15:14 DEBUG Authorization: Bearer ${all[2]}`,
      `2026-11-20 09:15:15 DEBUG key: ${KEY_PEM.replace(/\n/g, '\\n')}`,
      `2026-11-20 09:15:16 DEBUG secret b64 ${Buffer.from(CLIENT_SECRET).toString('base64')}`,
    ].join('\n');
    const logFile = join(tmp, 'app.log');
    writeFileSync(logFile, log);
    await cli('classify log', ['classify', logFile]);
    await cli('classify log json', ['classify', logFile, '--json']);
    await cli('classify stdin', ['classify', '-'], {}, log);
    await cli('scan log', ['scan', logFile, '--all']);
    await cli('scan log json', ['scan', logFile, '--json']);
    // The same text through the core, as the hover and the panel use it.
    capture('core classify of the log', classify(log));
    capture('core scan of the log', scanText(log));
  }, 120_000);

  it('no known value appears in any output, in any encoding', () => {
    const values = knownValues();
    const hits: string[] = [];
    let probes = 0;
    for (const { label, value } of values) {
      for (const form of leakForms(value)) {
        for (const out of outputs) {
          probes++;
          if (out.text.includes(form)) hits.push(`${label} (${form === value ? 'raw' : 'encoded'} form ${JSON.stringify(form.slice(0, 16))}…) in ${out.name}`);
        }
      }
    }
    if (process.env['AUTH_LENS_SECRETS_DEBUG']) for (const o of outputs) console.log(o.name, o.text.length, JSON.stringify(o.text.slice(0, 160)));
    console.log(`secret probes: ${probes} (${values.length} values × their encodings × ${outputs.length} outputs, ${outputs.reduce((n, o) => n + o.text.length, 0)} characters searched)`);
    // The probe itself must find what it looks for: plant every form of every value once and count the finds.
    const planted = values.flatMap(({ value }) => leakForms(value)).map((f) => `x${f}y`);
    const found = values.flatMap(({ value }) => leakForms(value)).filter((f, i) => planted[i]!.includes(f)).length;
    expect(found).toBe(planted.length);
    expect(outputs.length).toBeGreaterThan(60);
    expect(values.length).toBeGreaterThan(10);
    expect(hits).toEqual([]);
  });
});
