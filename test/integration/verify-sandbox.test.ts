// Signature verification against the sandbox authority's real keys (a real OpenID provider on
// 127.0.0.1 signing RS256 tokens): valid, tampered payload, alg none, HS256 signed with the published
// public key, a Graph nonce token, keys found through Entra's own paths, a key rotation (the sandbox
// restarted with a new key on the same port), and the CLI's `decode --verify` and `compare` on real tokens.
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, importJWK, type CryptoKey, type JWK } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpGetter, type HttpGetter } from '../../src/core/jwt/key-fetch';
import { KeyCache, type JsonGetter } from '../../src/core/jwt/keys';
import { verifyToken } from '../../src/core/jwt/verify';
import { runCli } from '../../src/cli/run';
import { memoryIo } from '../fixtures/cli-io';
import { SANDBOX_API, SANDBOX_TENANT_ID, startSandbox, type Sandbox } from '../sandbox/index';

let sandbox: Sandbox;
let http: HttpGetter;
let token = '';
let kid = '';
let jwks: { keys: JWK[] };
const tmp = mkdtempSync(join(tmpdir(), 'auth-lens-verify-'));

async function appToken(sb: Sandbox, claims?: unknown): Promise<string> {
  const form: Record<string, string> = { grant_type: 'client_credentials', client_id: 'sandbox-secret', client_secret: sb.clientSecret, scope: `${SANDBOX_API}/.default` };
  if (claims) form.claims = JSON.stringify(claims);
  const r = await request(`${sb.authority()}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const body = (await r.body.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

const part = (t: string, i: number) => t.split('.')[i]!;
const json64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const claimsOf = (t: string) => JSON.parse(Buffer.from(part(t, 1), 'base64url').toString()) as Record<string, unknown>;

beforeAll(async () => {
  sandbox = await startSandbox();
  http = createHttpGetter({ env: {} });
  token = await appToken(sandbox);
  kid = (JSON.parse(Buffer.from(part(token, 0), 'base64url').toString()) as { kid: string }).kid;
  const r = await request(`${sandbox.issuer}/${SANDBOX_TENANT_ID}/discovery/v2.0/keys`);
  jwks = (await r.body.json()) as { keys: JWK[] };
});

afterAll(async () => {
  await http?.close();
  await sandbox?.stop();
});

describe('against the sandbox keys', () => {
  it('a token the sandbox issued is valid; the keys are fetched once and then cached', async () => {
    const cache = new KeyCache();
    const before = sandbox.requests.length;
    const r = await verifyToken(token, { online: true, getJson: http.getJson, cache, audience: [SANDBOX_API] });
    expect(r.signature).toMatchObject({ status: 'valid', alg: 'RS256', kid, keySource: `${sandbox.issuer}/jwks` });
    expect(r.validation.every((c) => c.ok !== false)).toBe(true);
    expect(sandbox.requests.slice(before).map((q) => q.path)).toEqual(['/.well-known/openid-configuration', '/jwks']);
    await verifyToken(token, { online: true, getJson: http.getJson, cache });
    expect(sandbox.requests.length).toBe(before + 2);
  });

  it('a tampered payload is invalid', async () => {
    const tampered = `${part(token, 0)}.${json64({ ...claimsOf(token), roles: ['Sandbox.Read.All', 'Sandbox.Admin'] })}.${part(token, 2)}`;
    const r = await verifyToken(tampered, { online: true, getJson: http.getJson, cache: new KeyCache() });
    expect(r.signature.status).toBe('invalid');
    expect(r.signature.keySource).toBe(`${sandbox.issuer}/jwks`);
  });

  it('alg none is refused, whatever the claims say', async () => {
    const none = `${json64({ alg: 'none', typ: 'JWT', kid })}.${part(token, 1)}.`;
    const r = await verifyToken(none, { online: true, getJson: http.getJson, cache: new KeyCache() });
    expect(r.signature).toMatchObject({ status: 'alg_not_allowed', alg: 'none', reason: expect.stringMatching(/^REFUSED/) });
  });

  it('HS256 signed with the sandbox\'s published public key is refused as algorithm confusion', async () => {
    const publicPem = await exportSPKI((await importJWK({ ...jwks.keys[0]!, alg: 'RS256' }, 'RS256', { extractable: true })) as CryptoKey);
    const unsigned = `${json64({ alg: 'HS256', typ: 'JWT', kid })}.${json64({ ...claimsOf(token), roles: ['Sandbox.Admin'] })}`;
    const forged = `${unsigned}.${createHmac('sha256', publicPem).update(unsigned).digest('base64url')}`;
    const r = await verifyToken(forged, { online: true, getJson: http.getJson, cache: new KeyCache() });
    expect(r.signature.status).toBe('alg_not_allowed');
    expect(r.signature.reason).toContain(`kid "${kid}", an RSA public key from ${sandbox.issuer}/jwks`);
    expect(r.signature.reason).toMatch(/algorithm-confusion/);
  });

  it('a Graph token with a header nonce is reported unverifiable with the reason, without fetching anything', async () => {
    const header = { typ: 'JWT', alg: 'RS256', kid, nonce: 'kX2dM3o6b1zJ0m-Xh8zY1Q' };
    const graph = `${json64(header)}.${json64({ ...claimsOf(token), aud: '00000003-0000-0000-c000-000000000000' })}.${part(token, 2)}`;
    const before = sandbox.requests.length;
    const r = await verifyToken(graph, { online: true, getJson: http.getJson, cache: new KeyCache() });
    expect(r.signature).toMatchObject({ status: 'unverifiable', kid, reason: expect.stringMatching(/nonce.*Microsoft Graph.*only Graph can check/) });
    expect(sandbox.requests.length).toBe(before);
  });

  it('Entra issuers are looked up at Entra\'s own paths (here served by the sandbox)', async () => {
    // The sandbox answers Entra's paths; a getter that sends login.microsoftonline.com there stands in for the cloud.
    const asked: string[] = [];
    const viaSandbox: JsonGetter = (url) => {
      asked.push(url);
      return http.getJson(url.replace('https://login.microsoftonline.com/', `${sandbox.issuer}/`));
    };
    const entraIss = `https://login.microsoftonline.com/${SANDBOX_TENANT_ID}/v2.0`;
    // Re-issued under an Entra issuer the claims no longer match the signature, but the key is found.
    const moved = `${part(token, 0)}.${json64({ ...claimsOf(token), iss: entraIss })}.${part(token, 2)}`;
    const r = await verifyToken(moved, { online: true, getJson: viaSandbox, cache: new KeyCache() });
    expect(asked).toEqual([`${entraIss}/.well-known/openid-configuration`, `${sandbox.issuer}/${SANDBOX_TENANT_ID}/discovery/v2.0/keys`]);
    expect(r.signature).toMatchObject({ status: 'invalid', keySource: `${sandbox.issuer}/${SANDBOX_TENANT_ID}/discovery/v2.0/keys` });
  });
});

describe('the CLI on sandbox tokens', () => {
  it('decode --verify --jwks FILE (the key set from Entra\'s keys path) and --online: JSON signature and validation', async () => {
    const file = join(tmp, 'keys.json');
    writeFileSync(file, JSON.stringify(jwks));
    const io = memoryIo();
    expect(await runCli(['decode', token, '--verify', '--jwks', file, '--audience', SANDBOX_API, '--json'], io)).toBe(0);
    const out = JSON.parse(io.out) as { signature: Record<string, unknown>; validation: { check: string; ok: boolean | null }[] };
    expect(out.signature).toEqual({ status: 'valid', alg: 'RS256', kid, keySource: file, reason: expect.any(String) });
    expect(out.validation.map((c) => c.check)).toEqual(['exp', 'nbf', 'aud', 'iss', 'ver', 'tid']);
    expect(io.out).not.toContain(part(token, 2));

    const online = memoryIo();
    expect(await runCli(['decode', token, '--online', '--audience', 'api://someone-else'], online)).toBe(4);
    expect(online.out).toMatch(/Signature {2}✓ valid/);
    expect(online.out).toMatch(/✗ aud — aud is api:\/\/auth-lens-sandbox/);
    expect(online.out).not.toContain(part(token, 2));
  });

  it('compare: a token with the cp1 client capability against one without', async () => {
    const cae = await appToken(sandbox, { access_token: { xms_cc: { values: ['cp1'] } } });
    const io = memoryIo();
    expect(await runCli(['compare', token, cae, '--json'], io)).toBe(0);
    const out = JSON.parse(io.out) as { differences: { claim: string; matters: boolean; a: unknown; b: unknown }[] };
    expect(out.differences.find((d) => d.claim === 'xms_cc')).toMatchObject({ matters: true, a: null, b: ['cp1'] });
    expect(out.differences.find((d) => d.claim === 'jti')).toMatchObject({ matters: false });
    for (const t of [token, cae]) expect(io.out).not.toContain(part(t, 2));
  });
});

describe('key rotation', () => {
  it('after the authority rotates its key, an old token\'s kid is reported as rotated and new tokens verify', async () => {
    const cache = new KeyCache();
    const port = sandbox.port;
    expect((await verifyToken(token, { online: true, getJson: http.getJson, cache })).signature.status).toBe('valid');
    await sandbox.stop();
    // The same issuer (same port) comes back with a new signing key, as after a rotation.
    sandbox = await startSandbox({ port });
    const fresh = await appToken(sandbox);
    // Six minutes on, the cached key set is old enough to be fetched again when a kid is missing:
    // the new token's kid is, so the set is refreshed and the new token verifies.
    const later = new Date(Date.now() + 6 * 60_000);
    expect((await verifyToken(fresh, { online: true, getJson: http.getJson, cache, now: later })).signature.status).toBe('valid');
    const r = await verifyToken(token, { online: true, getJson: http.getJson, cache, now: later });
    expect(r.signature.status).toBe('key_not_found');
    expect(r.signature.reason).toMatch(new RegExp(`kid "${kid}" is not in the key set .*other keys .*looks rotated`));
  });
});
