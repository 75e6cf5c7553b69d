// Bad configuration and bad files: broken app registration entries, certificate and key files that are
// something else, a binary file given as a log, and a 1 GB log through `auth-lens scan` with its memory
// watched. Each must end in a clear, specific message and an exit status — never a throw or a stack.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenClient, loadCertificate, validateAppRegistration } from '../../src/core/client/index';
import { checkPem, validateRegistrations } from '../../src/extension/settings';
import { classify } from '../../src/core/classify/index';
import { scanText } from '../../src/core/scan/index';
import { SANDBOX_CERT_PATH, SANDBOX_KEY_PATH } from '../sandbox/index';
import { buildCli, type BuiltCli, type CliRun } from './cli-process';

const CERT = readFileSync(SANDBOX_CERT_PATH, 'utf8');
const KEY = readFileSync(SANDBOX_KEY_PATH, 'utf8');
const GB = 1024 ** 3;
/** Peak resident memory allowed for scanning 1 GB: the scanner reads in 1 MiB pieces and keeps capped lists. */
const MAX_RSS_BYTES = 400 * 1024 * 1024;

let tmp = '';
let cli: BuiltCli['run'];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-badcfg-'));
  cli = (await buildCli(tmp)).run;
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function expectClear(r: CliRun): void {
  expect(r.stderr).not.toMatch(/\n\s+at \S/);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stdout + r.stderr).not.toMatch(/TypeError|RangeError|SyntaxError|undefined is not|Cannot read propert/);
}

describe('broken app registration entries', () => {
  const broken: [string, unknown, RegExp][] = [
    ['not an object', 'contoso', /\[0\].*must be an object/],
    ['missing clientId', { name: 'a', flow: 'client_credentials', tenant: 'contoso.com', scopes: ['x/.default'] }, /\[0\]\.clientId/],
    ['clientId not a GUID', { name: 'a', clientId: 'my-app', flow: 'device_code', scopes: ['User.Read'] }, /\[0\]\.clientId: must be a GUID/],
    ['unknown flow', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'implicit', scopes: ['x'] }, /\[0\]\.flow: must be one of/],
    ['scopes as a string', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: 'User.Read' }, /\[0\]\.scopes: must be a list/],
    ['empty scopes', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: [] }, /\[0\]\.scopes: needs at least one scope/],
    ['http authority', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: ['x'], authority: 'http://login.example.com/t' }, /\[0\]\.authority: must be an https URL/],
    ['authority and tenant', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: ['x'], authority: 'https://login.microsoftonline.com/t', tenant: 'contoso.com' }, /\[0\]\.tenant/],
    ['bad thumbprint', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'client_certificate', tenant: 'contoso.com', scopes: ['x/.default'], certificateThumbprint: 'zz' }, /\[0\]\.certificateThumbprint: must be 40/],
    ['a secret pasted into settings', { name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'client_credentials', tenant: 'contoso.com', scopes: ['x/.default'], clientSecret: 'Abc~secret' }, /\[0\].*unknown field "clientSecret"/],
    ['name with markup', { name: '<img src=x>', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: ['x'] }, /\[0\]\.name: must be 1–64 letters/],
  ];
  it.each(broken)('%s: one problem naming the entry and field, nothing valid', (_label, entry, problem) => {
    const r = validateRegistrations([entry]);
    expect(r.valid).toEqual([]);
    expect(r.problems.join('\n')).toMatch(problem);
    for (const p of r.problems) expect(p).toMatch(/^authLens\.appRegistrations(\[\d+\])?/);
  });

  it('a secret pasted into settings is named as a field, never echoed', () => {
    const r = validateRegistrations([{ name: 'a', clientId: '11111111-2222-3333-4444-555555555555', flow: 'client_credentials', tenant: 'contoso.com', scopes: ['x/.default'], clientSecret: 'Abc~pasted.secret-0123' }]);
    expect(r.problems.join('\n')).not.toContain('Abc~pasted.secret-0123');
  });

  it('good and broken entries together: the good ones stay usable, duplicates are named', () => {
    const good = { name: 'good', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: ['User.Read'] };
    const r = validateRegistrations([good, { ...good, flow: 7 }, { ...good, name: 'GOOD' }, null, good]);
    expect(r.valid.map((v) => v.name)).toEqual(['good']);
    expect(r.problems).toHaveLength(4);
  });

  it('the token client refuses a broken registration with messages, before any network use', async () => {
    const client = createTokenClient({ env: {} });
    try {
      const result = await client.acquire({ settings: { clientId: '', flow: 'nope', scopes: [] } as never });
      expect(result.settingsErrors?.length).toBeGreaterThan(0);
      expect(result.timeline.attempts).toEqual([]);
      expect(validateAppRegistration({ clientId: 'x', flow: 'client_credentials', scopes: ['a'], tenant: 'common' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/tenant/)] });
    } finally {
      await client.close();
    }
  });

  it('auth-lens token with a profile that is not JSON, not an object, or has broken fields: exit 2/3 with one clear line', async () => {
    const cases: [string, string, RegExp][] = [
      ['not-json.json', '{"name": "a",', /profile|JSON/i],
      ['array-of-numbers.json', '[1, 2, 3]', /registration|entry|object/i],
      ['broken-fields.json', JSON.stringify({ clientId: '', flow: 'client_credentials', scopes: 'x' }), /clientId|scopes|flow/],
      ['binary.json', '\u0000\u0001\u0002\u00ff', /profile|JSON/i],
    ];
    for (const [name, text, message] of cases) {
      const file = join(tmp, name);
      writeFileSync(file, text, 'latin1');
      const r = await cli(['token', '--profile', file]);
      expect([2, 3], `${name}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr, name).toMatch(message);
      expectClear(r);
    }
    // A list whose entries are not objects has nothing to choose from: --name cannot help
    // (src/cli/token.ts pickProfile says "lists 0 registrations; choose one with --name").
    const numbers = await cli(['token', '--profile', join(tmp, 'array-of-numbers.json')]);
    expect(numbers.stderr).not.toMatch(/choose one with --name/);
  }, 60_000);

  // A client secret is under 100 characters; reading all of standard input made 300 MB piped in by
  // mistake run out of memory with a native stack trace.
  it.each(['--secret-stdin', '--refresh-token-stdin'])('auth-lens token %s with 300 MB piped in: exit 2 with one clear line, memory bounded', async (flag) => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const flow = flag === '--secret-stdin' ? 'client_credentials' : 'refresh_token';
    const r = await cli(['token', '--authority', 'https://login.microsoftonline.com/contoso.onmicrosoft.com', '--client-id', '11111111-2222-3333-4444-555555555555', '--flow', flow, '--scope', 'https://graph.microsoft.com/.default', flag], {
      feed: async (stdin) => {
        for (let i = 0; i < 300; i++) {
          if (!stdin.write(chunk)) await new Promise((ok) => stdin.once('drain', ok));
        }
      },
      killAfterMs: 60_000,
    });
    expectClear(r);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/standard input.*more than 16 KB/);
    expect(r.stderr).not.toContain('aaaaaaaa');
    expect(r.stdout).toBe('');
    expect(r.maxRss).toBeLessThan(MAX_RSS_BYTES);
  }, 90_000);
});

describe('certificate and key files that are something else', () => {
  const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const encrypted = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  const files: [string, string, string, RegExp][] = [
    ['a key given as the certificate', KEY, KEY, /certificate/],
    ['a certificate given as the key', CERT, CERT, /private key/],
    ['an empty certificate', '', KEY, /certificate/],
    ['DER-like bytes as the certificate', '\u0030\u0082\u0003\u00ff\u0000binary', KEY, /certificate/],
    ['a PEM certificate with damaged base64', CERT.replace(/[A-Za-z]{8}\n/, '!!!!!!!!\n'), KEY, /certificate/],
    ['an EC key', CERT, ecKey, /RSA|belong/],
    ['a password-protected key', CERT, encrypted, /private key/],
  ];
  it.each(files)('%s: loadCertificate explains, does not throw', (_label, cert, key, message) => {
    const r = loadCertificate(cert, key);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it.each(files)('%s: checkPem in the import command explains', (_label, cert, key) => {
    const c = checkPem(cert, 'certificate');
    const k = checkPem(key, 'key');
    // At least one side is refused with a message (checkPem looks at the armour only; loadCertificate does the rest).
    if (!c.ok) expect(c.message).toBeTruthy();
    if (!k.ok) expect(k.message).toBeTruthy();
  });

  it('auth-lens token --cert with a file that is not a certificate: the acquisition is refused with a clear reason', async () => {
    const notCert = join(tmp, 'not-a-cert.pem');
    writeFileSync(notCert, 'hello, I am a text file\n');
    const binary = join(tmp, 'binary.pem');
    writeFileSync(binary, readFileSync(process.execPath).subarray(0, 64 * 1024));
    for (const file of [notCert, binary, join(tmp, 'missing.pem')]) {
      const r = await cli(['token', '--authority', 'https://login.microsoftonline.com/contoso.onmicrosoft.com', '--client-id', '11111111-2222-3333-4444-555555555555', '--flow', 'client_certificate', '--scope', 'https://graph.microsoft.com/.default', '--cert', file, '--key', SANDBOX_KEY_PATH]);
      expect([2, 3, 4], r.stdout + r.stderr).toContain(r.code);
      expect(r.stdout + r.stderr).toMatch(/certificate|cannot read|no such file/i);
      expectClear(r);
    }
  }, 60_000);
});

describe('a binary file given as a log', () => {
  it('scan and classify say it is not text, in one line, with a status', async () => {
    const binary = join(tmp, 'node.bin');
    writeFileSync(binary, readFileSync(process.execPath).subarray(0, 2 * 1024 * 1024));
    const scan = await cli(['scan', binary]);
    expectClear(scan);
    expect(scan.code).not.toBe(1);
    expect(scan.stdout + scan.stderr).toMatch(/binary|not text/i);
    const classified = await cli(['classify', binary]);
    expectClear(classified);
    expect(classified.code).not.toBe(1);
    expect(classified.stdout + classified.stderr).toMatch(/binary|not text/i);
    // The same bytes through the core.
    const text = readFileSync(binary, 'latin1');
    expect(scanText(text).warnings.join(' ')).toMatch(/binary|not text/i);
    expect(classify(text).summary).toMatch(/binary/i);
  }, 60_000);
});

describe('an endless binary stream as a log', () => {
  // src/core/scan: binary input is detected (the warning says so) but reading goes on to the end,
  // so /dev/zero, /dev/urandom or a multi-GB disk image never finishes or takes minutes. Once the
  // input is known not to be text, the scan should stop and say so.
  it('auth-lens scan /dev/zero stops soon with a "not text" message', async () => {
    const r = await cli(['scan', '/dev/zero'], { killAfterMs: 10_000 });
    expect(r.code, 'still reading /dev/zero after 10 s').not.toBeNull();
    expectClear(r);
    expect(r.stdout + r.stderr).toMatch(/binary|not text/i);
  }, 30_000);
});

describe('a 1 GB log through auth-lens scan', () => {
  it('a sparse 1 GB file: finishes, reports it, memory stays bounded', async () => {
    const file = join(tmp, 'sparse.log');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, GB);
    closeSync(fd);
    const r = await cli(['scan', file, '--json']);
    expectClear(r);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bytes: number; warnings: string[] };
    expect(summary.bytes).toBe(GB);
    expect(summary.warnings.join(' ')).toMatch(/binary|not text/i);
    expect(r.maxRss).toBeLessThan(MAX_RSS_BYTES);
    rmSync(file);
  }, 120_000);

  // classify and decode read the whole file into one string (src/cli/util.ts readInput) although
  // classify looks at the first 2 MB and a token is a few KB: a 1 GB file costs ~600 MB of memory
  // and ends with "cannot read …: Invalid string length".
  it.each(['classify', 'decode'])('auth-lens %s on a 1 GB file: a clear message about the size, memory bounded', async (command) => {
    const file = join(tmp, `${command}-sparse.log`);
    const fd = openSync(file, 'w');
    ftruncateSync(fd, GB);
    closeSync(fd);
    const r = await cli([command, file]);
    rmSync(file);
    expectClear(r);
    expect(r.stderr).not.toMatch(/Invalid string length/);
    expect(r.maxRss).toBeLessThan(MAX_RSS_BYTES);
  }, 120_000);

  it('1 GB of generated log text on standard input: every line counted, findings capped, memory bounded', async () => {
    const lines = [
      '2026-11-20 09:15:11,600 INFO  orders.web: GET /api/orders 200 12ms',
      "2026-11-20 09:15:12,101 ERROR orders.auth: {'error': 'invalid_client', 'error_description': 'AADSTS7000215: bad secret. Correlation ID: 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', 'error_codes': [7000215]}",
      '2026-11-20 09:15:13,000 DEBUG msal: POST https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token client_id=11111111-2222-3333-4444-555555555555',
    ];
    const block = Buffer.from(`${Array.from({ length: 2000 }, (_, i) => lines[i % 3]!.replace('9f8e7d6c', (0x10000000 + i).toString(16))).join('\n')}\n`);
    const blocks = Math.ceil(GB / block.length);
    const r = await cli(['scan', '-', '--json'], {
      feed: async (stdin) => {
        for (let i = 0; i < blocks; i++) {
          if (!stdin.write(block)) await new Promise((ok) => stdin.once('drain', ok));
        }
      },
    });
    expectClear(r);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bytes: number; lines: number; correlations: unknown[]; codes: { code: number; count: number }[] };
    expect(summary.bytes).toBe(blocks * block.length);
    expect(summary.lines).toBe(blocks * 2000);
    expect(summary.codes.find((c) => c.code === 7000215)?.count).toBeGreaterThan(blocks * 600);
    expect(summary.correlations.length).toBeLessThanOrEqual(1000);
    expect(r.maxRss).toBeLessThan(MAX_RSS_BYTES);
  }, 240_000);
});
