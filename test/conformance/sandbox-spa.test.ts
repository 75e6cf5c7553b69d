// The sandbox as a single-page app meets it (what msal-browser in Chromium needs): answers readable
// from another origin, the hybrid flow's code redeemed without PKCE or redirect URI, once, and token
// answers whose scope names the API's permission by its full URI (MSAL keys its cache on it), with
// client_info when the client asks for it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { SANDBOX_API, SANDBOX_TLS_CERT_PATH, SANDBOX_TLS_KEY_PATH, startSandbox, type Sandbox } from '../sandbox/index';
import { SPA_CLIENT_ID } from '../sandbox/spa';

let sandbox: Sandbox;
let agent: Agent;
const ORIGIN = 'http://127.0.0.1:5173';
const SCOPE = `${SANDBOX_API}/Sandbox.Read openid profile offline_access`;

beforeAll(async () => {
  const cert = readFileSync(SANDBOX_TLS_CERT_PATH, 'utf8');
  sandbox = await startSandbox({ tls: { cert, key: readFileSync(SANDBOX_TLS_KEY_PATH, 'utf8') } });
  agent = new Agent({ connect: { ca: cert } });
});

afterAll(async () => {
  await agent?.close();
  await sandbox?.stop();
});

async function redeem(form: Record<string, string>) {
  const r = await request(`${sandbox.authority()}/oauth2/v2.0/token`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: new URLSearchParams(form).toString(),
  });
  return { status: r.statusCode, headers: r.headers, body: (await r.body.json()) as Record<string, unknown> };
}

describe('sandbox for single-page apps', () => {
  it('answers a CORS preflight and lets the page read metadata and token answers', async () => {
    const pre = await request(`${sandbox.authority()}/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      dispatcher: agent,
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    await pre.body.dump();
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-headers']).toBe('content-type');
    const meta = await request(`${sandbox.authority()}/v2.0/.well-known/openid-configuration`, { dispatcher: agent, headers: { origin: ORIGIN } });
    await meta.body.dump();
    expect(meta.headers['access-control-allow-origin']).toBe('*');
  });

  it("redeems the hybrid flow's code once, without PKCE or redirect URI, and names the permission by its URI", async () => {
    const code = await sandbox.spaCode();
    const first = await redeem({ client_id: SPA_CLIENT_ID, grant_type: 'authorization_code', code, scope: SCOPE, client_info: '1' });
    expect(first.status).toBe(200);
    // client_info, as Entra sends it when asked: the user's object id (the access token's oid) and the tenant.
    const info = JSON.parse(Buffer.from(String(first.body.client_info), 'base64url').toString('utf8')) as { uid: string; utid: string };
    const access = JSON.parse(Buffer.from(String(first.body.access_token).split('.')[1]!, 'base64url').toString('utf8')) as { oid: string; tid: string };
    expect(info).toEqual({ uid: access.oid, utid: access.tid });
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.body.scope).toContain(`${SANDBOX_API}/Sandbox.Read`);
    expect(typeof first.body.refresh_token).toBe('string');
    expect(typeof first.body.id_token).toBe('string');
    const refreshed = await redeem({ client_id: SPA_CLIENT_ID, grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), scope: SCOPE });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.client_info).toBeUndefined();
    expect(refreshed.body.scope).toContain(`${SANDBOX_API}/Sandbox.Read`);
    const again = await redeem({ client_id: SPA_CLIENT_ID, grant_type: 'authorization_code', code, scope: SCOPE });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('plays a scripted failure to the SPA client with the headers a page needs to read it', async () => {
    sandbox.setScenario(SPA_CLIENT_ID, 'throttle');
    try {
      const r = await redeem({ client_id: SPA_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x', scope: SCOPE });
      expect(r.status).toBe(429);
      expect(r.headers['access-control-allow-origin']).toBe('*');
      expect(r.headers['access-control-expose-headers']).toContain('retry-after');
    } finally {
      sandbox.setScenario(SPA_CLIENT_ID, null);
    }
  });
});
