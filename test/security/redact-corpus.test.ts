// The redaction corpus (issue 13): secret shapes × encodings (plain, JSON-escaped, URL-encoded, base64,
// split across lines) through `auth-lens redact` (in-process, streamed and whole, and the built CLI as
// a process), the classifier and the report builder. No run of 8 or more characters of any secret, in
// the form it took in the input, may survive in any output. Every value here is made up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { classify } from '../../src/core/classify/index';
import { describeCode } from '../../src/core/catalog/describe';
import { scanText } from '../../src/core/scan/index';
import { buildRedactedReport } from '../../src/extension/outbound';
import { cliCommandsExternal } from '../faults/cli-process';

// ---------------------------------------------------------------------------------------------
// Made-up values, from a seeded generator so every run tests the same corpus.

let seed = 0x5eed1234;
function random(): number {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function pick(n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');
const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));

const entraSecret = (): string => `${pick(3)}${pick(1, '0123456789')}Q~${pick(34, ALNUM + '_.~-')}`;
const password = (): string => `${pick(6)}!${pick(5)}#${pick(6)}`;
const refreshToken = (): string => `${random() < 0.5 ? '0' : '1'}.AXoA${pick(420, ALNUM + '_-')}`;
const jwt = (claims: Record<string, unknown>): string =>
  `${b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: pick(8) }))}.${b64url(JSON.stringify({ aud: 'api://orders', tid: '00000000-0000-0000-0000-0000000000aa', ...claims, uti: pick(22) }))}.${b64url(bytes(256))}`;
/** A JWT's secret part: its payload and signature (the header is public, and a short prefix of it is shown on purpose). */
const jwtSecret = (t: string): string => t.slice(t.indexOf('.') + 1);
const pemBody = (lines: number): string => Array.from({ length: lines }, (_, i) => b64(bytes(i === lines - 1 ? 30 : 48))).join('\n');
const pem = (label: string, body: string): string => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
const GUID = '7f2c1d3e-0000-4b5a-9c8d-aa11bb22cc33';

interface Shape {
  name: string;
  /** The sensitive value(s), as they appear in the snippet. */
  secrets: string[];
  snippet: string;
}

function shape(name: string, secret: string | string[], snippet: (s: string) => string): Shape {
  const secrets = Array.isArray(secret) ? secret : [secret];
  return { name, secrets, snippet: snippet(secrets[0]!) };
}

function buildShapes(): Shape[] {
  const s = entraSecret;
  const basicUser = 'svc-orders';
  const basicPw = password();
  const basic = b64(`${basicUser}:${basicPw}`);
  const at = jwt({ scp: 'Orders.Read', oid: pick(12) });
  const idt = jwt({ name: 'Test User', nonce: pick(16) });
  const assertion = jwt({ iss: 'client', sub: 'client', jti: pick(16) });
  const pemRsa = pemBody(6);
  const pemOpenSsh = pemBody(5);
  const pemEnc = pemBody(5);
  const pemPk8 = pemBody(6);
  const storageKey = b64(bytes(64));
  const functionKey = b64(bytes(40));
  const sasSig = encodeURIComponent(b64(bytes(32)));
  const shapes: Shape[] = [
    shape('JSON client_secret', s(), (v) => `{"client_id": "${GUID}", "client_secret": "${v}", "scope": "api://orders/.default"}`),
    shape('appsettings.json ClientSecret', s(), (v) => `{\n  "AzureAd": {\n    "Instance": "https://login.microsoftonline.com/",\n    "ClientSecret": "${v}"\n  }\n}`),
    shape('msal-node clientSecret', password(), (v) => `const msalConfig = { auth: { clientId: "${GUID}", clientSecret: '${v}', authority } };`),
    shape('env AZURE_CLIENT_SECRET', s(), (v) => `AZURE_TENANT_ID=contoso.onmicrosoft.com\nAZURE_CLIENT_SECRET=${v}\nAZURE_CLIENT_ID=${GUID}`),
    shape('export AZURE_CLIENT_SECRET="…"', password(), (v) => `export AZURE_CLIENT_SECRET="${v}"`),
    shape('PowerShell $env:AZURE_CLIENT_SECRET', password(), (v) => `$env:AZURE_CLIENT_SECRET = '${v}'`),
    shape('YAML client-secret (kebab)', password(), (v) => `auth:\n  client-secret: ${v}\n  tenant: contoso`),
    shape('YAML value on the line after its key', password(), (v) => `azure:\n  clientSecret:\n    ${v}\n  clientId: ${GUID}`),
    shape('YAML block scalar', password(), (v) => `credentials:\n  password: |\n    ${v}\n  user: svc-orders`),
    shape('form-encoded body', s(), (v) => `grant_type=client_credentials&client_id=${GUID}&client_secret=${encodeURIComponent(v)}&scope=api%3A%2F%2Forders%2F.default`),
    shape('MSAL Python result dict repr', password(), (v) => `{'token_type': 'Bearer', 'client_secret': '${v}', 'error': None}`),
    shape('MSAL Python client_credential=', s(), (v) => `app = msal.ConfidentialClientApplication("${GUID}", client_credential="${v}", authority=AUTHORITY)`),
    shape('MSAL.NET WithClientSecret', s(), (v) => `.WithClientSecret("${v}")\n.Build();`),
    shape('C# ClientSecret = "…"', password(), (v) => `var options = new ConfidentialClientApplicationOptions { ClientSecret = "${v}", TenantId = "contoso" };`),
    shape('--client-secret VALUE', s(), (v) => `az ad app credential reset --id ${GUID} --client-secret ${v} --append`),
    shape('az login -p VALUE', password(), (v) => `az login --service-principal -u ${GUID} -p ${v} --tenant contoso.onmicrosoft.com`),
    shape('--password "VALUE"', password(), (v) => `func azure functionapp publish app --password "${v}" --verbose`),
    shape('refresh_token in a token response', refreshToken(), (v) => `{"token_type": "Bearer", "expires_in": 3599, "refresh_token": "${v}", "id_token": null}`),
    shape('refreshToken (camel)', refreshToken(), (v) => `cache entry: {"homeAccountId": "uid.utid", "refreshToken": "${v}"}`),
    shape('X-MS-TOKEN-AAD-REFRESH-TOKEN header', refreshToken(), (v) => `X-MS-CLIENT-PRINCIPAL-NAME: user@contoso.example\r\nX-MS-TOKEN-AAD-REFRESH-TOKEN: ${v}\r\nAccept: */*`),
    shape('X-MS-TOKEN-AAD-ACCESS-TOKEN header', jwtSecret(at), (v) => `X-MS-TOKEN-AAD-ACCESS-TOKEN: ${at.slice(0, at.indexOf('.') + 1)}${v}`),
    shape('access_token in a query string', jwtSecret(idt), (v) => `GET /callback#access_token=${idt.slice(0, idt.indexOf('.') + 1)}${v}&token_type=Bearer&expires_in=3599`),
    shape('id_token in JSON', jwtSecret(idt), (v) => `{"id_token": "${idt.slice(0, idt.indexOf('.') + 1)}${v}", "client_info": "eyJ1aWQiOiJ4In0"}`),
    shape('Authorization: Bearer JWT', jwtSecret(at), (v) => `Authorization: Bearer ${at.slice(0, at.indexOf('.') + 1)}${v}`),
    shape('Authorization: Basic', [basic, basicPw], (v) => `Authorization: Basic ${v}\r\nHost: login.microsoftonline.com`),
    shape('Cookie ESTSAUTH', pick(60, ALNUM + '_-'), (v) => `Cookie: ESTSAUTH=${v}; buid=${pick(12)}`),
    shape('storage AccountKey=', storageKey, (v) => `DefaultEndpointsProtocol=https;AccountName=ordersstore;AccountKey=${v};EndpointSuffix=core.windows.net`),
    shape('Service Bus SharedAccessKey=', b64(bytes(32)), (v) => `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${v}`),
    shape('SAS sig=', sasSig, (v) => `https://ordersstore.blob.core.windows.net/c/report.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T00:00:00Z&sig=${v}`),
    shape('SQL Password=', password(), (v) => `Server=tcp:orders.database.windows.net,1433;User ID=app;Password=${v};Encrypt=True;`),
    shape('ODBC Pwd=', password(), (v) => `Driver={ODBC Driver 18 for SQL Server};Server=orders;Uid=app;Pwd=${v};`),
    shape('PKCE code_verifier', pick(64, ALNUM + '-._~'), (v) => `grant_type=authorization_code&code_verifier=${v}&redirect_uri=http%3A%2F%2Flocalhost`),
    shape('authorization code in a redirect', `0.AXoA${pick(300, ALNUM + '_-')}`, (v) => `GET /auth/callback?code=${v}&state=${pick(12)}&session_state=${GUID} HTTP/1.1`),
    shape('client_assertion', jwtSecret(assertion), (v) => `client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${assertion.slice(0, assertion.indexOf('.') + 1)}${v}`),
    shape('Ocp-Apim-Subscription-Key', pick(32, '0123456789abcdef'), (v) => `Ocp-Apim-Subscription-Key: ${v}\nContent-Type: application/json`),
    shape('x-functions-key', functionKey, (v) => `x-functions-key: ${v}`),
    shape('api_key=', pick(40), (v) => `POST /v1/send?api_key=${v}&to=ops`),
    shape('password in URL userinfo', `${pick(10)}-${pick(10)}`, (v) => `HTTPS_PROXY=http://svc-proxy:${v}@proxy.contoso.example:8080`),
    shape('curl -u user:password', password(), (v) => `curl -u ${GUID}:${v} https://login.microsoftonline.com/contoso/oauth2/v2.0/token`),
    shape('device_code', pick(120, ALNUM + '_-'), (v) => `{"user_code": "FJ2KQ7XYZ", "device_code": "${v}", "verification_uri": "https://microsoft.com/devicelogin"}`),
    shape('Graph addPassword secretText', s(), (v) => `{"customKeyIdentifier": null, "keyId": "${GUID}", "secretText": "${v}", "hint": "abc"}`),
    // Escaped in JSON, the body's lines are what appears in the text.
    shape('private_key in JSON', pemPk8.split('\n'), () => JSON.stringify({ type: 'service_account', private_key: pem('PRIVATE KEY', pemPk8), client_id: GUID })),
    shape('Entra client secret alone', s(), (v) => `rotated the app secret to ${v} yesterday`),
    shape('refresh token alone', refreshToken(), (v) => `cached refresh token ${v} (expires in 90 days)`),
    shape('JWT alone', jwtSecret(at), (v) => `2024-05-01T10:00:00Z DEBUG got ${at.slice(0, at.indexOf('.') + 1)}${v} for api://orders`),
    shape('PEM RSA private key', pemRsa, (v) => `key.pem:\n${pem('RSA PRIVATE KEY', v)}\n`),
    shape('PEM OpenSSH private key', pemOpenSsh, (v) => pem('OPENSSH PRIVATE KEY', v)),
    shape('PEM encrypted private key', pemEnc, (v) => pem('ENCRYPTED PRIVATE KEY', v)),
    shape('storage key alone (base64)', b64(bytes(64)), (v) => `key1 ${v}`),
    shape('Microsoft-account refresh token', `M.C507_BAY.0.U.-${pick(300, ALNUM + '_-!*$')}`, (v) => `msa rt=${v}`),
    shape('SQL Password= with spaces', `${pick(6)} ${pick(7)} ${pick(6)}`, (v) => `Server=tcp:orders.database.windows.net;User ID=app;Password=${v};Encrypt=True;`),
    shape('ODBC Pwd={…} with ; and }}', `${pick(5)};${pick(6)}}}${pick(5)}`, (v) => `Driver={ODBC Driver 18 for SQL Server};Server=orders;Uid=app;Pwd={${v}};Encrypt=yes`),
    shape('docker login -p VALUE', password(), (v) => `docker login -u svc-orders -p ${v} orders.azurecr.io`),
    shape("az --debug ['-p', 'VALUE']", password(), (v) => `DEBUG: cli.knack.cli: Command arguments: ['login', '--service-principal', '-u', 'app', '-p', '${v}', '--tenant', 't']`),
  ];
  return shapes;
}

// ---------------------------------------------------------------------------------------------
// Encodings, and the form each secret takes in each.

interface Case {
  shape: string;
  encoding: string;
  text: string;
  /** Strings of which no 8-character run may survive. */
  forms: string[];
}

/** The part of `b64(whole)` that encodes nothing but bytes of `part` (at its first place in `whole`). */
function base64Inside(whole: string, part: string): string {
  const wholeBytes = Buffer.from(whole);
  const at = wholeBytes.indexOf(Buffer.from(part));
  const end = at + Buffer.byteLength(part);
  const from = Math.ceil(at / 3) * 4;
  const to = Math.floor(end / 3) * 4;
  return b64(wholeBytes).slice(from, Math.max(from, to));
}

/** Each secret cut in two lines, where a terminal or an editor would wrap it. */
function split(secret: string): [string, number] {
  const lines = secret.split('\n');
  const first = lines[0]!;
  const k = Math.max(16, Math.ceil(first.length / 2));
  return [`${first.slice(0, k)}\n${first.slice(k)}${lines.length > 1 ? '\n' + lines.slice(1).join('\n') : ''}`, k];
}

const lines = (forms: string[]): string[] => forms.flatMap((f) => [f, ...f.split(/\r?\n/)]).filter((f) => f.length >= 8);

function cases(shapes: Shape[]): Case[] {
  const out: Case[] = [];
  for (const sh of shapes) {
    const text = sh.snippet;
    out.push({ shape: sh.name, encoding: 'plain', text, forms: lines(sh.secrets) });
    out.push({ shape: sh.name, encoding: 'JSON-escaped', text: JSON.stringify({ message: text }), forms: lines(sh.secrets.flatMap((s) => [JSON.stringify(s).slice(1, -1), ...s.split('\n')])) });
    out.push({ shape: sh.name, encoding: 'URL-encoded', text: `https://app.contoso.example/report?data=${encodeURIComponent(text)}`, forms: lines(sh.secrets.flatMap((s) => [encodeURIComponent(s), ...s.split('\n').map(encodeURIComponent)])) });
    out.push({ shape: sh.name, encoding: 'base64', text: `payload=${b64(text)}`, forms: sh.secrets.flatMap((s) => s.split('\n').map((l) => base64Inside(text, l))).filter((f) => f.length >= 8) });
    let wrapped = text;
    const pieces: string[] = [];
    for (const s of sh.secrets) {
      if (!wrapped.includes(s)) continue;
      const [cut, k] = split(s);
      wrapped = wrapped.replace(s, cut);
      const first = s.split('\n')[0]!;
      pieces.push(first.slice(0, k), first.slice(k), ...s.split('\n').slice(1));
    }
    out.push({ shape: sh.name, encoding: 'split across lines', text: wrapped, forms: lines(pieces) });
  }
  return out;
}

/** Every 8-character run of each form that is in `output`. */
function leaks(output: string, forms: string[]): string[] {
  const found: string[] = [];
  for (const f of forms) {
    for (let i = 0; i + 8 <= f.length; i++) {
      const w = f.slice(i, i + 8);
      if (output.includes(w)) {
        found.push(w);
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Outputs

function fakeIo(input: string, stream: boolean): { io: CliIo; out: () => string } {
  let stdout = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stdout += t),
    readStdin: async () => input,
    stdinStream: stream ? Readable.from([Buffer.from(input)]) : undefined,
    stdinIsTTY: false,
    isTTY: false,
    env: {},
    color: false,
  };
  return { io, out: () => stdout };
}

async function cli(argv: string[], input: string, stream = false): Promise<string> {
  const { io, out } = fakeIo(input, stream);
  await runCli(argv, io);
  return out();
}

const NOW = new Date('2026-11-20T10:00:00Z');

/** The failure shapes a secret reaches the classifier in: alone, in a token endpoint error, an HTTP answer, a log line. */
function envelopes(text: string): string[] {
  return [
    text,
    JSON.stringify({ error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided. ${text}`, correlation_id: GUID, timestamp: '2026-11-20 10:00:00Z' }),
    `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token", error_description="${text.replace(/["\\]/g, '')}"\r\nx-ms-request-id: ${GUID}\r\n\r\n{"error":"invalid_token"}`,
    `2026-11-20T10:00:00Z ERROR AADSTS50076 token request failed: ${text} (correlation id ${GUID})`,
  ];
}

interface Tally {
  cases: number;
  outputs: number;
  probes: number;
  leaks: string[];
}

function check(tally: Tally, where: string, c: Case, output: string): void {
  tally.outputs++;
  tally.probes += c.forms.reduce((n, f) => n + Math.max(0, f.length - 7), 0);
  // Also with the line breaks a redaction may have joined taken out: a run must not survive across them.
  for (const o of [output, output.replace(/\r?\n/g, '')]) {
    const found = leaks(o, c.forms);
    if (found.length) {
      tally.leaks.push(`${where} · ${c.shape} · ${c.encoding}: ${found.join(', ')}`);
      return;
    }
  }
}

let SHAPES: Shape[] = [];
let CASES: Case[] = [];
let tmp = '';
let cliPath = '';

beforeAll(async () => {
  SHAPES = buildShapes();
  CASES = cases(SHAPES);
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-corpus-'));
  // The CLI as esbuild.mjs builds it (one file per command), into a private directory.
  const options: esbuild.BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' };
  await Promise.all([
    esbuild.build({ ...options, entryPoints: ['src/cli/main.ts'], outfile: join(tmp, 'cli.js'), plugins: [cliCommandsExternal], supported: { 'dynamic-import': false } }),
    esbuild.build({ ...options, entryPoints: ['src/cli/redact.ts'], outfile: join(tmp, 'cli-redact.js') }),
  ]);
  cliPath = join(tmp, 'cli.js');
}, 120_000);

describe('redaction corpus: secret shapes × encodings', () => {
  it('has at least 40 shapes and 5 encodings', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.encoding)).size).toBe(5);
    for (const c of CASES) expect(c.forms.length, `${c.shape} · ${c.encoding} has nothing to look for`).toBeGreaterThan(0);
  });

  it('auth-lens redact (in-process: a stream and a whole input; and the built CLI on one file of every case)', async () => {
    const tally: Tally = { cases: CASES.length, outputs: 0, probes: 0, leaks: [] };
    for (const c of CASES) {
      check(tally, 'redact (stream)', c, await cli(['redact', '-'], c.text, true));
      check(tally, 'redact (whole)', c, await cli(['redact', '--json', '-'], c.text));
    }
    const separator = '\n\n#####\n\n';
    const file = join(tmp, 'corpus.txt');
    writeFileSync(file, CASES.map((c) => c.text).join(separator) + '\n');
    const r = spawnSync(process.execPath, [cliPath, 'redact', file], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const pieces = r.stdout.split(separator);
    expect(pieces).toHaveLength(CASES.length);
    CASES.forEach((c, i) => check(tally, 'auth-lens redact FILE (process)', c, pieces[i]!));
    console.log(`redact: ${SHAPES.length} shapes × 5 encodings = ${tally.cases} cases, ${tally.outputs} outputs, ${tally.probes} 8-character runs looked for, ${tally.leaks.length} leaks`);
    expect(tally.leaks).toEqual([]);
  }, 120_000);

  it('classify (the record, and classify --json)', async () => {
    const tally: Tally = { cases: CASES.length, outputs: 0, probes: 0, leaks: [] };
    for (const c of CASES) {
      for (const input of envelopes(c.text)) {
        const record = classify(input, NOW);
        check(tally, 'classify()', c, JSON.stringify(record) + '\n' + Object.values(record).flat().join('\n'));
      }
      check(tally, 'classify --json', c, await cli(['classify', '--json', '-'], envelopes(c.text)[1]!));
    }
    console.log(`classify: ${tally.cases} cases × 4 failure shapes + the CLI, ${tally.outputs} outputs, ${tally.probes} 8-character runs looked for, ${tally.leaks.length} leaks`);
    expect(tally.leaks).toEqual([]);
  }, 120_000);

  it('the report builder (classification and log scan reports)', () => {
    const tally: Tally = { cases: CASES.length, outputs: 0, probes: 0, leaks: [] };
    const context = { generatedAt: NOW, environment: 'Auth Lens test', describe: (code: number) => describeCode(code) };
    for (const c of CASES) {
      for (const input of envelopes(c.text)) {
        check(tally, 'report (classification)', c, buildRedactedReport({ kind: 'classification', classification: classify(input, NOW) }, context, []));
        check(tally, 'report (scan)', c, buildRedactedReport({ kind: 'scan', summary: scanText(input), fileName: 'app.log' }, context, []));
      }
    }
    console.log(`reports: ${tally.cases} cases × 4 failure shapes × 2 report kinds, ${tally.outputs} outputs, ${tally.probes} 8-character runs looked for, ${tally.leaks.length} leaks`);
    expect(tally.leaks).toEqual([]);
  });
});
