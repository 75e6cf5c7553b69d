// Signature verification and the checks an API makes, with keys made here and a stub network:
// issuer forms → metadata locations, key files of every shape, the cache, every signature outcome
// and every claims check. The same outcomes against the sandbox's real keys: test/integration/verify-sandbox.test.ts.
import { createHash, createHmac, createPublicKey, X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { exportJWK, exportSPKI, generateKeyPair, importPKCS8, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createHttpGetter } from '../../src/core/jwt/key-fetch';
import { isTrustedKeyUrl, parseIssuer } from '../../src/core/jwt/issuers';
import { KeyCache, parseKeyText, type JsonGetter, type KeySet } from '../../src/core/jwt/keys';
import { verifyToken, type ValidationCheck } from '../../src/core/jwt/verify';
import { b64url, makeJwt, NOW, NOW_S, TENANT, v1AppOnly, v2Delegated } from '../fixtures/jwt/make';
import { SANDBOX_CERT_PATH, SANDBOX_KEY_PATH } from '../sandbox/authority';

const OTHER_CERT_PATH = SANDBOX_CERT_PATH.replace('sandbox-client-cert', 'other-cert');

async function rsaKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  return { privateKey, publicKey, jwk, spki: await exportSPKI(publicKey) };
}

async function sign(privateKey: Parameters<SignJWT['sign']>[0], payload: Record<string, unknown>, header: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).sign(privateKey);
}

function fileKeys(keys: JWK[], source = 'keys.json'): Promise<KeySet> {
  return parseKeyText(JSON.stringify({ keys }), source).then((r) => {
    if ('error' in r) throw new Error(r.error);
    return r;
  });
}

/** A network stub: URL → JSON, recording every URL asked for. */
function stubNetwork(routes: Record<string, unknown>): { getJson: JsonGetter; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getJson: async (url) => {
      asked.push(url);
      return url in routes ? { ok: true, json: routes[url] } : { ok: false, error: 'HTTP 404' };
    },
  };
}

function check(v: { validation: ValidationCheck[] }, name: ValidationCheck['check']): ValidationCheck {
  return v.validation.find((c) => c.check === name)!;
}

describe('issuer forms and where their keys are', () => {
  const tid = TENANT;
  it('v1 (sts.windows.net) is tried in the public and the US Government cloud; v2 in its own cloud', () => {
    expect(parseIssuer(`https://sts.windows.net/${tid}/`)).toMatchObject({
      kind: 'entra-v1',
      tenant: tid,
      metadataUrls: [`https://login.microsoftonline.com/${tid}/.well-known/openid-configuration`, `https://login.microsoftonline.us/${tid}/.well-known/openid-configuration`],
    });
    expect(parseIssuer(`https://login.microsoftonline.com/${tid}/v2.0`)).toMatchObject({ kind: 'entra-v2', cloud: 'public', metadataUrls: [`https://login.microsoftonline.com/${tid}/v2.0/.well-known/openid-configuration`] });
    expect(parseIssuer(`https://login.microsoftonline.us/${tid}/v2.0`)).toMatchObject({ kind: 'entra-v2', cloud: 'usgov' });
    expect(parseIssuer(`https://login.partner.microsoftonline.cn/${tid}/v2.0`)).toMatchObject({ kind: 'entra-v2', cloud: 'china' });
    expect(parseIssuer(`https://sts.chinacloudapi.cn/${tid}/`)).toMatchObject({ kind: 'entra-v1', cloud: 'china', metadataUrls: [`https://login.chinacloudapi.cn/${tid}/.well-known/openid-configuration`] });
  });

  it('B2C keys are per policy (tfp or acr); External ID and local authorities use their issuer', () => {
    const b2c = `https://contoso.b2clogin.com/${tid}/v2.0/`;
    expect(parseIssuer(b2c, { tfp: 'B2C_1_signin' }).metadataUrls).toEqual([`https://contoso.b2clogin.com/${tid}/v2.0/.well-known/openid-configuration?p=B2C_1_signin`]);
    expect(parseIssuer(b2c, { acr: 'b2c_1a_signup_signin' }).metadataUrls[0]).toMatch(/\?p=b2c_1a_signup_signin$/);
    expect(parseIssuer(b2c, {})).toMatchObject({ kind: 'b2c', metadataUrls: [], notFetched: expect.stringMatching(/per user flow or policy/) });
    expect(parseIssuer(`https://${tid}.ciamlogin.com/${tid}/v2.0`)).toMatchObject({ kind: 'external-id', metadataUrls: [`https://${tid}.ciamlogin.com/${tid}/v2.0/.well-known/openid-configuration`] });
    expect(parseIssuer('http://127.0.0.1:4000').metadataUrls).toEqual(['http://127.0.0.1:4000/.well-known/openid-configuration']);
  });

  it('other hosts, plain http and look-alike hosts are never fetched from', () => {
    for (const iss of ['https://evil.example/tenant/v2.0', 'http://login.microsoftonline.com/x/v2.0', 'https://login.microsoftonline.com.evil.example/x/v2.0']) {
      expect(parseIssuer(iss).metadataUrls).toEqual([]);
    }
    expect(isTrustedKeyUrl('https://login.microsoftonline.com/common/discovery/v2.0/keys')).toBe(true);
    expect(isTrustedKeyUrl('https://login.microsoftonline.com:8443/keys')).toBe(false);
    expect(isTrustedKeyUrl('https://attacker.example/keys')).toBe(false);
    expect(isTrustedKeyUrl('http://localhost:3000/jwks')).toBe(true);
  });
});

describe('key files', () => {
  it('reads a JWKS, one JWK, PEM public keys (SPKI and PKCS#1) and certificates', async () => {
    const k = await rsaKey('k1');
    expect(await parseKeyText(JSON.stringify({ keys: [k.jwk] }), 'a.json')).toMatchObject({ origin: 'file', keys: [{ kid: 'k1', kty: 'RSA' }] });
    expect(await parseKeyText(JSON.stringify(k.jwk), 'a.json')).toMatchObject({ keys: [{ kid: 'k1' }] });
    expect(await parseKeyText(k.spki, 'a.pem')).toMatchObject({ keys: [{ kid: null, kty: 'RSA' }] });
    const pkcs1 = createPublicKey(k.spki).export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    expect(await parseKeyText(pkcs1, 'a.pem')).toMatchObject({ keys: [{ kty: 'RSA' }] });
    const certPem = readFileSync(SANDBOX_CERT_PATH, 'utf8');
    const thumbprint = Buffer.from(new X509Certificate(certPem).fingerprint.replace(/:/g, ''), 'hex').toString('base64url');
    expect(await parseKeyText(certPem, 'c.pem')).toMatchObject({ keys: [{ x5t: thumbprint, kty: 'RSA' }] });
  });

  it('refuses private keys and shared secrets without quoting them', async () => {
    const pkcs8 = readFileSync(SANDBOX_KEY_PATH, 'utf8');
    const r = await parseKeyText(pkcs8, 'key.pem');
    expect(r).toEqual({ error: expect.stringMatching(/private key/) });
    expect(JSON.stringify(r)).not.toContain(pkcs8.split('\n')[1]!);
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    expect(await parseKeyText(JSON.stringify({ keys: [await exportJWK(privateKey)] }), 'k.json')).toEqual({ error: expect.stringMatching(/private key/) });
    expect(await parseKeyText(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }), 'k.json')).toEqual({ error: expect.stringMatching(/shared secret/) });
    expect(await parseKeyText('hello', 'k.txt')).toEqual({ error: expect.stringMatching(/no key found/) });
    expect(await parseKeyText('{"a":1}', 'k.json')).toEqual({ error: expect.stringMatching(/neither a key set/) });
  });
});

describe('signature outcomes', () => {
  it('valid with a JWKS, a PEM key and a certificate; invalid when the claims were changed', async () => {
    const k = await rsaKey('k1');
    const token = await sign(k.privateKey, v2Delegated(), { kid: 'k1' });
    const valid = await verifyToken(token, { now: NOW, keys: await fileKeys([k.jwk]) });
    expect(valid.signature).toMatchObject({ status: 'valid', alg: 'RS256', kid: 'k1', keySource: 'keys.json' });
    const pem = await parseKeyText(k.spki, 'key.pem');
    expect((await verifyToken(token, { now: NOW, keys: pem as KeySet })).signature.status).toBe('valid');

    const [h, , s] = token.split('.');
    const tampered = `${h}.${b64url(v2Delegated({ scp: 'Orders.Read Orders.Write Orders.Admin' }))}.${s}`;
    const bad = await verifyToken(tampered, { now: NOW, keys: await fileKeys([k.jwk]) });
    expect(bad.signature.status).toBe('invalid');
    expect(bad.signature.reason).toMatch(/changed after the token was signed/);
    // A key set whose keys carry other kids is not used, as an API matching by kid would not; a bare PEM key is.
    const renamed = await verifyToken(token, { now: NOW, keys: await fileKeys([{ ...k.jwk, kid: 'k0' }]) });
    expect(renamed.signature).toMatchObject({ status: 'key_not_found', reason: expect.stringMatching(/kid "k1" is not in the key set .*"k0".*looks rotated/) });
    expect((await verifyToken(token, { now: NOW, keys: pem as KeySet })).signature.reason).toMatch(/names key "k1"; this key carries no such id but verified it/);
    // A Bearer prefix or surrounding quotes are what people paste; they do not change the outcome.
    for (const pasted of [`Bearer ${token}`, `"${token}"`]) expect((await verifyToken(pasted, { now: NOW, keys: await fileKeys([k.jwk]) })).signature.status).toBe('valid');
  });

  it('a certificate verifies the tokens signed by its key, and names the thumbprint when it is the wrong one', async () => {
    const cert = readFileSync(SANDBOX_CERT_PATH, 'utf8');
    const x5t = Buffer.from(createHash('sha1').update(new X509Certificate(cert).raw).digest()).toString('base64url');
    const key = await importPKCS8(readFileSync(SANDBOX_KEY_PATH, 'utf8'), 'RS256');
    const token = await sign(key, v2Delegated(), { kid: x5t, x5t });
    const certKeys = (await parseKeyText(cert, 'cert.pem')) as KeySet;
    expect((await verifyToken(token, { now: NOW, keys: certKeys })).signature).toMatchObject({ status: 'valid', keySource: 'cert.pem' });
    const other = (await parseKeyText(readFileSync(OTHER_CERT_PATH, 'utf8'), 'other.pem')) as KeySet;
    const wrong = await verifyToken(token, { now: NOW, keys: other });
    expect(wrong.signature.status).toBe('key_not_found');
    expect(wrong.signature.reason).toContain(x5t);
  });

  it('alg none and HS256 against an RSA public key are refused loudly', async () => {
    const k = await rsaKey('k1');
    const keys = await fileKeys([k.jwk]);
    const none = makeJwt(v2Delegated(), { alg: 'none', kid: 'k1' }, '');
    const r1 = await verifyToken(none, { now: NOW, keys });
    expect(r1.signature).toMatchObject({ status: 'alg_not_allowed', alg: 'none' });
    expect(r1.signature.reason).toMatch(/^REFUSED: .*unsigned/);

    // The classic confusion: the attacker signs with HMAC, using the issuer's public key text as the secret.
    const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64url(v2Delegated({ roles: ['Admin'] }))}`;
    const forged = `${unsigned}.${createHmac('sha256', k.spki).update(unsigned).digest('base64url')}`;
    const r2 = await verifyToken(forged, { now: NOW, keys });
    expect(r2.signature.status).toBe('alg_not_allowed');
    expect(r2.signature.reason).toMatch(/^REFUSED: alg "HS256".*kid "k1", an RSA public key.*algorithm-confusion/);
    const pem = (await parseKeyText(k.spki, 'key.pem')) as KeySet;
    expect((await verifyToken(forged, { now: NOW, keys: pem })).signature.reason).toMatch(/an RSA public key from key\.pem/);
  });

  it('a key of the wrong type for the alg is refused', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const token = await new SignJWT(v2Delegated()).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
    expect((await verifyToken(token, { now: NOW, keys: await fileKeys([{ ...(await exportJWK(publicKey)), kid: 'k1' }]) })).signature.status).toBe('valid');
    const rsa = await rsaKey('k1');
    const r = await verifyToken(token, { now: NOW, keys: await fileKeys([rsa.jwk]) });
    expect(r.signature.status).toBe('alg_not_allowed');
    expect(r.signature.reason).toMatch(/ES256.*an RSA key/);
  });

  it('Graph nonce tokens, opaque tokens, JWEs and tokens without keys cannot be verified here, each with its reason', async () => {
    const k = await rsaKey('k1');
    const graph = await sign(k.privateKey, v2Delegated({ aud: '00000003-0000-0000-c000-000000000000' }), { kid: 'k1', nonce: 'abc' });
    const net = stubNetwork({});
    const g = await verifyToken(graph, { now: NOW, keys: await fileKeys([k.jwk]), online: true, getJson: net.getJson });
    expect(g.signature.status).toBe('unverifiable');
    expect(g.signature.reason).toMatch(/nonce.*only Graph can check/);
    expect(net.asked).toEqual([]);
    const opaque = await verifyToken('EwBwA8l6BAAUkWhN7sJ2C0abcdefghijklmnopqrstuvwxyz0123456789', { now: NOW });
    expect(opaque.signature).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/personal Microsoft account/) });
    const jwe = `${b64url({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a2V5.aXY.Y2lwaGVy.dGFn`;
    expect((await verifyToken(jwe, { now: NOW })).signature).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/Encrypted token \(JWE\)/) });
    const nokeys = await verifyToken(await sign(k.privateKey, v2Delegated(), { kid: 'k1' }), { now: NOW });
    expect(nokeys.signature).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/no keys to check against/) });
  });
});

describe('online keys', () => {
  async function entraSetup() {
    const k = await rsaKey('current');
    const iss = `https://login.microsoftonline.com/${TENANT}/v2.0`;
    const meta = `${iss}/.well-known/openid-configuration`;
    const jwksUri = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
    const net = stubNetwork({ [meta]: { issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', jwks_uri: jwksUri }, [jwksUri]: { keys: [k.jwk] } });
    return { k, iss, meta, jwksUri, net };
  }

  it('finds the keys from iss and kid, checks iss against the metadata, and caches both documents', async () => {
    const { k, meta, jwksUri, net } = await entraSetup();
    const token = await sign(k.privateKey, v2Delegated(), { kid: 'current' });
    const cache = new KeyCache();
    const r = await verifyToken(token, { now: NOW, online: true, getJson: net.getJson, cache });
    expect(r.signature).toMatchObject({ status: 'valid', keySource: jwksUri });
    expect(check(r, 'iss')).toMatchObject({ ok: true, detail: expect.stringMatching(/as the issuer's OpenID metadata names it/) });
    expect(net.asked).toEqual([meta, jwksUri]);
    await verifyToken(token, { now: new Date(NOW.getTime() + 3600_000), online: true, getJson: net.getJson, cache });
    expect(net.asked).toHaveLength(2);
    // After a day the cache has expired and both are fetched again.
    await verifyToken(token, { now: new Date(NOW.getTime() + 25 * 3600_000), online: true, getJson: net.getJson, cache });
    expect(net.asked).toHaveLength(4);
  });

  it('nothing is fetched unless online lookups are allowed, and never from a host outside the Microsoft clouds', async () => {
    const { k, net } = await entraSetup();
    const token = await sign(k.privateKey, v2Delegated(), { kid: 'current' });
    expect((await verifyToken(token, { now: NOW, getJson: net.getJson })).signature.status).toBe('unverifiable');
    expect(net.asked).toEqual([]);
    const foreign = await sign(k.privateKey, v2Delegated({ iss: 'https://idp.example/tenant/v2.0' }), { kid: 'current' });
    const r = await verifyToken(foreign, { now: NOW, online: true, getJson: net.getJson });
    expect(r.signature).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/not a Microsoft identity host/) });
    expect(net.asked).toEqual([]);
    const odd = await verifyToken(makeJwt(v2Delegated(), { alg: 'RS1', kid: 'current' }), { now: NOW, online: true, getJson: net.getJson });
    expect(odd.signature).toMatchObject({ status: 'alg_not_allowed', reason: expect.stringMatching(/^REFUSED: alg "RS1"/) });
    expect(net.asked).toEqual([]);
    // Metadata that points the keys elsewhere is not followed.
    const meta = `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`;
    const evil = stubNetwork({ [meta]: { jwks_uri: 'https://attacker.example/keys' } });
    const e = await verifyToken(token, { now: NOW, online: true, getJson: evil.getJson, cache: new KeyCache() });
    expect(e.signature.reason).toMatch(/not a Microsoft identity host; not fetched/);
    expect(evil.asked).toEqual([meta]);
  });

  it('a kid missing from a set older than five minutes fetches the set once more (a rotation), not before', async () => {
    const { k, jwksUri, net, meta } = await entraSetup();
    const cache = new KeyCache();
    await verifyToken(await sign(k.privateKey, v2Delegated(), { kid: 'current' }), { now: NOW, online: true, getJson: net.getJson, cache });
    const next = await rsaKey('next');
    const routes = { [meta]: { jwks_uri: jwksUri }, [jwksUri]: { keys: [k.jwk, next.jwk] } };
    const rotated = stubNetwork(routes);
    const token = await sign(next.privateKey, v2Delegated(), { kid: 'next' });
    const soon = await verifyToken(token, { now: new Date(NOW.getTime() + 60_000), online: true, getJson: rotated.getJson, cache });
    expect(soon.signature.status).toBe('key_not_found');
    expect(rotated.asked).toEqual([]);
    const later = await verifyToken(token, { now: new Date(NOW.getTime() + 6 * 60_000), online: true, getJson: rotated.getJson, cache });
    expect(later.signature.status).toBe('valid');
    expect(rotated.asked).toEqual([jwksUri]);
  });

  it('v1 tokens: a kid found in neither cloud\'s key set is reported as present in no key set', async () => {
    const pub = await rsaKey('public-key');
    const gov = await rsaKey('gov-key');
    const routes: Record<string, unknown> = {};
    for (const [host, key] of [['login.microsoftonline.com', pub], ['login.microsoftonline.us', gov]] as const) {
      routes[`https://${host}/${TENANT}/.well-known/openid-configuration`] = { issuer: `https://sts.windows.net/${TENANT}/`, jwks_uri: `https://${host}/${TENANT}/discovery/keys` };
      routes[`https://${host}/${TENANT}/discovery/keys`] = { keys: [key.jwk] };
    }
    const net = stubNetwork(routes);
    const govToken = await sign(gov.privateKey, v1AppOnly(), { kid: 'gov-key' });
    const ok = await verifyToken(govToken, { now: NOW, online: true, getJson: net.getJson, cache: new KeyCache() });
    expect(ok.signature).toMatchObject({ status: 'valid', keySource: `https://login.microsoftonline.us/${TENANT}/discovery/keys` });
    const old = await rsaKey('retired');
    const r = await verifyToken(await sign(old.privateKey, v1AppOnly(), { kid: 'retired' }), { now: NOW, online: true, getJson: net.getJson, cache: new KeyCache() });
    expect(r.signature.status).toBe('key_not_found');
    expect(r.signature.reason).toMatch(/kid "retired" is present in no key set checked/);
    expect(r.signature.reason).toMatch(/"public-key", "gov-key".*looks rotated/);
  });

  it('unreachable metadata makes the token unverifiable with the reason', async () => {
    const { k } = await entraSetup();
    const r = await verifyToken(await sign(k.privateKey, v2Delegated(), { kid: 'current' }), { now: NOW, online: true, getJson: stubNetwork({}).getJson, cache: new KeyCache() });
    expect(r.signature).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/could not be fetched.*HTTP 404/) });
  });

  it('the undici getter gives up after its timeout', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const getter = createHttpGetter({ timeoutMs: 200, env: {} });
    try {
      const started = Date.now();
      const r = await getter.getJson(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openid-configuration`);
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/timeout/) });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await getter.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('the checks an API makes', () => {
  async function checks(payload: Record<string, unknown>, options: { audience?: string[]; tenant?: string; now?: Date } = {}) {
    return verifyToken(makeJwt(payload), { ...options, now: options.now ?? NOW });
  }

  it('exp and nbf allow five minutes of clock skew, not more', async () => {
    expect(check(await checks(v2Delegated({ exp: NOW_S - 120 })), 'exp')).toMatchObject({ ok: true, detail: expect.stringMatching(/inside the 5-minute clock-skew allowance/) });
    expect(check(await checks(v2Delegated({ exp: NOW_S - 600 })), 'exp')).toMatchObject({ ok: false, detail: expect.stringMatching(/beyond the 5-minute/) });
    expect(check(await checks(v2Delegated({ nbf: NOW_S + 240 })), 'nbf').ok).toBe(true);
    expect(check(await checks(v2Delegated({ nbf: NOW_S + 900 })), 'nbf')).toMatchObject({ ok: false, detail: expect.stringMatching(/clock/) });
    expect(check(await checks(v2Delegated({ exp: undefined })), 'exp').ok).toBe(false);
  });

  it('aud against the expected audience, with the reason for near misses', async () => {
    expect(check(await checks(v2Delegated()), 'aud')).toMatchObject({ ok: null, detail: expect.stringMatching(/Not checked/) });
    expect(check(await checks(v2Delegated(), { audience: ['api://orders'] }), 'aud').ok).toBe(true);
    expect(check(await checks(v1AppOnly(), { audience: ['https://management.azure.com'] }), 'aud').detail).toMatch(/trailing slash/);
    expect(check(await checks(v2Delegated({ aud: '22222222-3333-4444-5555-666666666666' }), { audience: ['api://orders'] }), 'aud').detail).toMatch(/client\) ID as aud and v1\.0 tokens its App ID URI/);
    const graph = check(await checks(v2Delegated({ aud: 'https://graph.microsoft.com' }), { audience: ['api://orders'] }), 'aud');
    expect(graph).toMatchObject({ ok: false, detail: expect.stringMatching(/Microsoft Graph.*api:\/\/orders\/\.default/) });
  });

  it('iss, ver and tid against the tenant and each other', async () => {
    const other = '99999999-9999-9999-9999-999999999999';
    expect(check(await checks(v2Delegated()), 'iss').ok).toBe(true);
    const wrongTenant = await checks(v2Delegated(), { tenant: other });
    expect(check(wrongTenant, 'iss')).toMatchObject({ ok: false, detail: expect.stringContaining(`https://sts.windows.net/${other}/ or https://login.microsoftonline.com/${other}/v2.0`) });
    expect(check(wrongTenant, 'tid').ok).toBe(false);
    expect(check(await checks(v2Delegated({ tid: other })), 'iss')).toMatchObject({ ok: false, detail: expect.stringMatching(/iss names tenant .* but tid is/) });
    const mixed = await checks(v2Delegated({ ver: '1.0' }));
    expect(check(mixed, 'ver')).toMatchObject({ ok: false, detail: expect.stringMatching(/ver 1\.0 but the issuer is in the v2\.0 form.*accessTokenAcceptedVersion/) });
    expect(check(await checks(v1AppOnly()), 'ver').ok).toBe(true);
    expect(check(await checks(v2Delegated({ tid: undefined })), 'tid').ok).toBe(false);
    expect(check(await checks(v2Delegated({ tid: '9188040d-6c67-4c5b-b112-36a304b66dad', iss: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0' })), 'tid').detail).toMatch(/personal Microsoft account/);
  });
});
