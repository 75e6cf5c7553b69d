// `auth-lens decode --verify` and `auth-lens compare` as users run them: the CLI bundled from source
// into one file and run in a child process, with keys made here. The online path against the
// sandbox authority is in test/integration/verify-sandbox.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../faults/cli-process';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { b64url, makeJwt, NOW, v1AppOnly, v2Delegated } from '../fixtures/jwt/make';

let tmp = '';
let cli = '';
let token = '';
let jwksFile = '';
let pemFile = '';
let privateFile = '';
let privatePem = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-cli-verify-'));
  cli = (await buildCli(tmp)).path;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  token = await new SignJWT(v2Delegated()).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }).sign(privateKey);
  jwksFile = join(tmp, 'keys.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key', use: 'sig' }] }));
  pemFile = join(tmp, 'key.pem');
  writeFileSync(pemFile, await exportSPKI(publicKey));
  privateFile = join(tmp, 'private.pem');
  privatePem = await exportPKCS8(privateKey);
  writeFileSync(privateFile, privatePem);
}, 60_000);

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NOW_ARG = ['--now', NOW.toISOString()];
const signatureOf = (t: string) => t.split('.')[2]!;

describe('help', () => {
  it('lists compare and documents --verify', () => {
    expect(run(['--help']).stdout).toMatch(/\n {2}compare A B +which claims differ/);
    const compare = run(['compare', '--help']);
    expect(compare.status).toBe(0);
    expect(compare.stdout).toMatch(/^Usage: auth-lens compare A B/);
    expect(run(['help', 'compare']).stdout).toBe(compare.stdout);
    expect(run(['decode', '--help']).stdout).toMatch(/--verify .*\n[\s\S]*--jwks FILE[\s\S]*--online[\s\S]*--audience AUD/);
  });

  it('every command run.ts dispatches is its own bundle in esbuild.mjs', () => {
    const commands = [...readFileSync('src/cli/run.ts', 'utf8').matchAll(/^ {2}(\w+): \{\n {4}synopsis:/gm)].map((m) => m[1]);
    const listed = /const cliCommands = \[([^\]]*)\]/.exec(readFileSync('esbuild.mjs', 'utf8'))![1]!;
    expect(commands).toContain('compare');
    for (const c of commands) expect(listed).toContain(`'${c}'`);
  });
});

describe('decode --verify', () => {
  it('--jwks FILE: the JSON gains signature and validation; the signature is never printed', () => {
    const r = run(['decode', token, '--verify', '--jwks', jwksFile, '--audience', 'api://orders', '--json', ...NOW_ARG]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { signature: Record<string, unknown>; validation: { check: string; ok: boolean | null; detail: string }[] };
    expect(Object.keys(out.signature).sort()).toEqual(['alg', 'keySource', 'kid', 'reason', 'status']);
    expect(out.signature).toMatchObject({ status: 'valid', alg: 'RS256', kid: 'test-key', keySource: jwksFile });
    expect(out.validation.map((c) => [c.check, c.ok])).toEqual([
      ['exp', true],
      ['nbf', true],
      ['aud', true],
      ['iss', true],
      ['ver', true],
      ['tid', true],
    ]);
    expect(r.stdout).not.toContain(signatureOf(token));
  });

  it('a PEM public key works too, and the options imply --verify', () => {
    const r = run(['decode', token, '--jwks', pemFile, ...NOW_ARG]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Signature {2}✓ valid/);
    expect(r.stdout).toMatch(/– aud — Not checked/);
  });

  it('exit 4 with the reason: a tampered token, alg none, a failed check, no keys', () => {
    const [h, , s] = token.split('.');
    const tampered = run(['decode', `${h}.${b64url(v2Delegated({ scp: 'Orders.Admin' }))}.${s}`, '--jwks', jwksFile, '--json', ...NOW_ARG]);
    expect(tampered.status).toBe(4);
    expect(JSON.parse(tampered.stdout).signature.status).toBe('invalid');

    const none = run(['decode', makeJwt(v2Delegated(), { alg: 'none', typ: 'JWT' }, ''), '--jwks', jwksFile, ...NOW_ARG]);
    expect(none.status).toBe(4);
    expect(none.stdout).toMatch(/Signature {2}✗ alg not allowed[\s\S]*REFUSED/);

    const aud = run(['decode', token, '--jwks', jwksFile, '--audience', 'api://billing', '--json', ...NOW_ARG]);
    expect(aud.status).toBe(4);
    expect(JSON.parse(aud.stdout).validation.find((c: { check: string }) => c.check === 'aud')).toMatchObject({ ok: false });

    const nokeys = run(['decode', token, '--verify', '--json', ...NOW_ARG]);
    expect(nokeys.status).toBe(4);
    expect(JSON.parse(nokeys.stdout).signature).toMatchObject({ status: 'unverifiable', keySource: null, reason: expect.stringMatching(/no keys/) });
  });

  it('a key file holding a private key is refused without printing it; a missing one is exit 3', () => {
    const r = run(['decode', token, '--jwks', privateFile, ...NOW_ARG]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^auth-lens decode: --jwks .*private\.pem: it holds a private key/);
    expect(r.stderr + r.stdout).not.toContain(privatePem.split('\n')[1]!);
    expect(run(['decode', token, '--jwks', join(tmp, 'none.json')]).status).toBe(3);
    expect(run(['decode', '--jwks', '-', '--verify'], token).status).toBe(2);
  });
});

describe('compare', () => {
  const a = makeJwt(v2Delegated());
  const b = makeJwt(v1AppOnly());

  it('--json: differences with claim, a, b, matters, why', () => {
    const file = join(tmp, 'b.txt');
    writeFileSync(file, `Authorization: Bearer ${b}\n`);
    const r = run(['compare', a, file, '--json', ...NOW_ARG]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { a: { description: string }; differences: Record<string, unknown>[] };
    expect(out.a.description).toMatch(/^Access token v2\.0, delegated/);
    for (const d of out.differences) expect(Object.keys(d).sort()).toEqual(['a', 'b', 'claim', 'matters', 'why']);
    expect(out.differences[0]).toMatchObject({ claim: 'aud', a: 'api://orders', b: 'https://management.azure.com/', matters: true });
    expect(out.differences.find((d) => d.claim === 'scp')).toMatchObject({ matters: true, why: expect.stringMatching(/A is delegated/) });
    expect(r.stdout).not.toContain(signatureOf(a));
  });

  it('human output puts what matters first; reads one side from stdin', () => {
    const r = run(['compare', a, '-', ...NOW_ARG], `Bearer ${makeJwt(v2Delegated({ scp: 'Orders.Read' }))}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Differences that matter for authorization\n {2}! scp\n {6}A: Orders\.Read Orders\.Write\n {6}B: Orders\.Read\n/);
  });

  it('usage errors exit 2, an unreadable token exit 3', () => {
    expect(run(['compare', a]).status).toBe(2);
    expect(run(['compare', '-', '-']).status).toBe(2);
    const bad = run(['compare', a, 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOi']);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/^auth-lens compare: B has no claims to compare/);
  });
});
