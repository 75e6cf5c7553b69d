// The sandbox at Entra's own paths over TLS: what unmodified libraries need from an authority
// https://127.0.0.1:PORT/<tenant> (metadata v2.0 and v1, token/devicecode/authorize in both forms, keys,
// instance discovery), per-client scenarios, and the request record the conformance suite counts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { SANDBOX_API, SANDBOX_TENANT_DOMAIN, SANDBOX_TENANT_ID, SANDBOX_TLS_CERT_PATH, SANDBOX_TLS_KEY_PATH, startSandbox, type Sandbox } from '../sandbox/index';

let sandbox: Sandbox;
let agent: Agent;

beforeAll(async () => {
  const cert = readFileSync(SANDBOX_TLS_CERT_PATH, 'utf8');
  sandbox = await startSandbox({ tls: { cert, key: readFileSync(SANDBOX_TLS_KEY_PATH, 'utf8') }, retryAfterSeconds: 3, deviceInterval: 1 });
  // The certificate is its own CA: a client that trusts the file trusts the sandbox.
  agent = new Agent({ connect: { ca: cert } });
});

afterAll(async () => {
  await agent?.close();
  await sandbox?.stop();
});

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const r = await request(`${sandbox.issuer}${path}`, { dispatcher: agent });
  return { status: r.statusCode, body: (await r.body.json()) as Record<string, unknown>, headers: r.headers };
}

async function postForm(path: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const r = await request(`${sandbox.issuer}${path}`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: r.statusCode, body: (await r.body.json()) as Record<string, unknown>, headers: r.headers };
}

describe('Entra-style paths', () => {
  it('serves v2.0 metadata that advertises the tenant endpoints and issuer', async () => {
    const { status, body } = await getJson(`/${SANDBOX_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    const base = `${sandbox.issuer}/${SANDBOX_TENANT_ID}`;
    expect(body).toMatchObject({
      issuer: `${sandbox.issuer}/${SANDBOX_TENANT_ID}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    });
    expect(sandbox.authority()).toBe(base);
  });

  it('serves v1 metadata with the v1 endpoints, and {tenantid} issuers for common', async () => {
    const v1 = await getJson(`/${SANDBOX_TENANT_DOMAIN}/.well-known/openid-configuration`);
    expect(v1.body).toMatchObject({
      issuer: `${sandbox.issuer}/${SANDBOX_TENANT_ID}/`,
      token_endpoint: `${sandbox.issuer}/${SANDBOX_TENANT_DOMAIN}/oauth2/token`,
      authorization_endpoint: `${sandbox.issuer}/${SANDBOX_TENANT_DOMAIN}/oauth2/authorize`,
      device_authorization_endpoint: `${sandbox.issuer}/${SANDBOX_TENANT_DOMAIN}/oauth2/devicecode`,
    });
    const common = await getJson('/common/v2.0/.well-known/openid-configuration');
    expect(common.body.issuer).toBe(`${sandbox.issuer}/{tenantid}/v2.0`);
    expect(common.body.token_endpoint).toBe(`${sandbox.issuer}/common/oauth2/v2.0/token`);
  });

  it('answers an unknown tenant as Entra does (400, AADSTS90002)', async () => {
    const { status, body } = await getJson('/not-a-sandbox-tenant/v2.0/.well-known/openid-configuration');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
  });

  it('answers MSAL instance discovery with this host as its own alias', async () => {
    const authorize = encodeURIComponent(`${sandbox.authority()}/oauth2/v2.0/authorize`);
    const { status, body } = await getJson(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
    expect(status).toBe(200);
    const host = new URL(sandbox.issuer).host;
    expect(body).toMatchObject({
      tenant_discovery_endpoint: `${sandbox.authority()}/v2.0/.well-known/openid-configuration`,
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  it('serves signing keys at the advertised jwks_uri', async () => {
    const { status, body } = await getJson(`/${SANDBOX_TENANT_ID}/discovery/v2.0/keys`);
    expect(status).toBe(200);
    expect(Array.isArray(body.keys) && body.keys.length > 0).toBe(true);
  });

  it('issues real tokens at /{tenant}/oauth2/v2.0/token and the v1 /{tenant}/oauth2/token (resource form)', async () => {
    const v2 = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: 'sandbox-secret',
      client_secret: sandbox.clientSecret,
      scope: `${SANDBOX_API}/.default`,
    });
    expect(v2.status).toBe(200);
    expect(typeof v2.body.access_token).toBe('string');
    const v1 = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/token`, {
      grant_type: 'client_credentials',
      client_id: 'sandbox-secret',
      client_secret: sandbox.clientSecret,
      resource: SANDBOX_API,
    });
    expect(v1.status).toBe(200);
    expect(typeof v1.body.access_token).toBe('string');
  });

  it('starts device code at both devicecode paths (v1 names verification_url)', async () => {
    const v2 = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/devicecode`, { client_id: 'sandbox-public', scope: `${SANDBOX_API}/Sandbox.Read` });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ interval: 1 });
    expect(typeof v2.body.verification_uri).toBe('string');
    const v1 = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/devicecode`, { client_id: 'sandbox-public', scope: `${SANDBOX_API}/Sandbox.Read` });
    expect(v1.status).toBe(200);
    expect(typeof v1.body.verification_url).toBe('string');
  });

  it('routes both authorize paths to the sign-in', async () => {
    for (const path of [`/${SANDBOX_TENANT_ID}/oauth2/v2.0/authorize`, `/${SANDBOX_TENANT_ID}/oauth2/authorize`]) {
      const query = new URLSearchParams({
        client_id: 'sandbox-public',
        response_type: 'code',
        redirect_uri: 'http://127.0.0.1/',
        scope: `openid ${SANDBOX_API}/Sandbox.Read`,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const r = await request(`${sandbox.issuer}${path}?${query}`, { dispatcher: agent });
      await r.body.text();
      expect(r.statusCode, path).toBeLessThan(400);
    }
  });
});

describe('scenarios and the request record', () => {
  it('plays a scenario per client (setScenario), records time, path, grant_type and status, then stops', async () => {
    sandbox.setScenario('conformance-probe', 'throttle');
    const before = sandbox.requests.length;
    const first = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: 'conformance-probe', client_secret: 'x', scope: `${SANDBOX_API}/.default` });
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('3');
    expect(first.body.error_codes).toEqual([90055]);
    sandbox.setScenario('conformance-probe', 'unavailable');
    const second = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: 'conformance-probe', client_secret: 'x', scope: `${SANDBOX_API}/.default` });
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBeUndefined();
    sandbox.setScenario('conformance-probe', null);
    const recorded = sandbox.requests.slice(before);
    expect(recorded).toHaveLength(2);
    expect(recorded.map((r) => [r.path, r.grantType, r.status, r.scenario, r.retryAfter])).toEqual([
      [`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, 'client_credentials', 429, 'throttle', '3'],
      [`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, 'client_credentials', 503, 'unavailable', null],
    ]);
    expect(recorded[1]!.time).toBeGreaterThanOrEqual(recorded[0]!.time);
  });

  it('answers an app-only request for a bare permission with invalid_scope AADSTS1002012 by itself', async () => {
    const r = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: 'sandbox-secret',
      client_secret: sandbox.clientSecret,
      scope: `${SANDBOX_API}/Sandbox.Read.All`,
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_scope');
    expect(r.body.error_codes).toEqual([1002012]);
  });

  it('expired-device-code: the device code starts, polling it answers expired_token', async () => {
    const start = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/devicecode`, { client_id: 'scenario-expired-device-code', scope: `${SANDBOX_API}/Sandbox.Read` });
    expect(start.status).toBe(200);
    const poll = await postForm(`/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'scenario-expired-device-code',
      device_code: String(start.body.device_code),
    });
    expect(poll.status).toBe(400);
    expect(poll.body.error).toBe('expired_token');
    expect(poll.body.error_codes).toEqual([70020]);
  });
});
