// The sandbox's managed-identity endpoints, as the libraries meet them: IMDS (Metadata header,
// api-version 2018-02-01, "Identity not found" for an identity the host does not have) and App Service
// (X-IDENTITY-HEADER, api-version 2019-08-01, its own error shape), scripted throttling and failures,
// tokens the sandbox's API accepts, and every request in the sandbox's record.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { APP_SERVICE_API_VERSION, IMDS_API_VERSION, IMDS_TOKEN_PATH, SANDBOX_API, SANDBOX_MI_CLIENT_ID, startSandbox, type ManagedIdentityEndpoints, type Sandbox } from '../sandbox/index';

let sandbox: Sandbox;
let mi: ManagedIdentityEndpoints;

beforeAll(async () => {
  sandbox = await startSandbox({ managedIdentity: true, retryAfterSeconds: 3 });
  mi = sandbox.managedIdentity!;
});

afterAll(async () => {
  await sandbox?.stop();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, unknown>;
}

async function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET'): Promise<Answer> {
  const r = await request(url, { method, headers });
  return { status: r.statusCode, body: (await r.body.json()) as Record<string, unknown>, headers: r.headers };
}

function imds(query: Record<string, string> = {}, headers: Record<string, string> = { Metadata: 'true' }): Promise<Answer> {
  const q = new URLSearchParams({ 'api-version': IMDS_API_VERSION, resource: SANDBOX_API, ...query });
  return get(`${mi.imdsHost}${IMDS_TOKEN_PATH}?${q.toString()}`, headers);
}

function appService(query: Record<string, string> = {}, headers: Record<string, string> = { 'X-IDENTITY-HEADER': mi.identityHeader }): Promise<Answer> {
  const q = new URLSearchParams({ 'api-version': APP_SERVICE_API_VERSION, resource: SANDBOX_API, ...query });
  return get(`${mi.identityEndpoint}?${q.toString()}`, headers);
}

const last = () => sandbox.requests[sandbox.requests.length - 1]!;

describe('IMDS', () => {
  it('answers a system-assigned token request with strings for numbers, and the token works on the sandbox API', async () => {
    const before = Date.now();
    const r = await imds();
    expect(r.status).toBe(200);
    expect(r.headers.server).toMatch(/^IMDS\//);
    expect(Object.keys(r.body).sort()).toEqual(['access_token', 'client_id', 'expires_in', 'expires_on', 'ext_expires_in', 'not_before', 'resource', 'token_type']);
    expect(r.body).toMatchObject({ resource: SANDBOX_API, token_type: 'Bearer', expires_in: '86400' });
    expect(Number(r.body.expires_on)).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 86_399);
    const claims = JSON.parse(Buffer.from(String(r.body.access_token).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: SANDBOX_API, idtyp: 'app', appid: r.body.client_id });
    expect(String(claims.xms_mirid)).toContain('Microsoft.Compute/virtualMachines');
    const api = await get(sandbox.resourceUrl, { authorization: `Bearer ${String(r.body.access_token)}` });
    expect(api.status).toBe(200);
    const entry = sandbox.requests.find((q) => q.path === IMDS_TOKEN_PATH)!;
    expect(entry).toMatchObject({ method: 'GET', status: 200, clientId: null, retryAfter: null, grantType: null });
    expect(entry.time).toBeGreaterThanOrEqual(before);
  });

  it('takes the path with a trailing slash too, as msal-node sends it', async () => {
    const q = new URLSearchParams({ 'api-version': IMDS_API_VERSION, resource: SANDBOX_API });
    expect((await get(`${mi.imdsHost}${IMDS_TOKEN_PATH}/?${q.toString()}`, { Metadata: 'true' })).status).toBe(200);
    expect(last().path).toBe(`${IMDS_TOKEN_PATH}/`);
  });

  it('refuses a request without the Metadata header, as IMDS does', async () => {
    const r = await imds({}, {});
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: 'invalid_request', error_description: 'Required metadata header not specified' });
    expect(last()).toMatchObject({ path: IMDS_TOKEN_PATH, status: 400 });
  });

  it('serves the host user-assigned identity and answers "Identity not found" for any other', async () => {
    const ok = await imds({ client_id: SANDBOX_MI_CLIENT_ID });
    expect(ok.status).toBe(200);
    expect(ok.body.client_id).toBe(SANDBOX_MI_CLIENT_ID);
    const other = '0d5f3c1e-0000-4000-8000-00000000beef';
    const missing = await imds({ client_id: other });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'Identity not found' });
    expect(last()).toMatchObject({ clientId: other, status: 400 });
    mi.assign(other);
    expect((await imds({ client_id: other })).status).toBe(200);
  });

  it('throttles an identity with 429 + Retry-After the scripted number of times, then issues tokens again', async () => {
    mi.setScenario(SANDBOX_MI_CLIENT_ID, 'throttle', 2);
    const from = sandbox.requests.length;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await imds({ client_id: SANDBOX_MI_CLIENT_ID });
      statuses.push(r.status);
      if (r.status === 429) expect(r.headers['retry-after']).toBe('3');
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect(sandbox.requests.slice(from).map((q) => [q.status, q.retryAfter, q.scenario])).toEqual([
      [429, '3', 'throttle'],
      [429, '3', 'throttle'],
      [200, null, null],
    ]);
    // The system-assigned identity was never throttled.
    expect((await imds()).status).toBe(200);
  });

  it('answers 500 while the token service is "unavailable", and the scenario can be cleared', async () => {
    mi.setScenario(null, 'unavailable', 5);
    const r = await imds();
    expect(r.status).toBe(500);
    expect(r.body.error).toBe('unknown');
    mi.setScenario(null, null);
    expect((await imds()).status).toBe(200);
  });

  it('refuses a wrong api-version, a missing or unknown resource, another method and another path', async () => {
    expect((await imds({ 'api-version': '2019-08-01' })).status).toBe(400);
    const noResource = await get(`${mi.imdsHost}${IMDS_TOKEN_PATH}?api-version=${IMDS_API_VERSION}`, { Metadata: 'true' });
    expect(noResource.status).toBe(400);
    const unknown = await imds({ resource: 'https://vault.azure.net' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_resource');
    expect(String(unknown.body.error_description)).toMatch(/^AADSTS50001: /);
    expect((await get(`${mi.imdsHost}${IMDS_TOKEN_PATH}?api-version=${IMDS_API_VERSION}&resource=${SANDBOX_API}`, { Metadata: 'true' }, 'POST')).status).toBe(405);
    expect((await get(`${mi.imdsHost}/metadata/instance`, { Metadata: 'true' })).status).toBe(404);
  });
});

describe('App Service', () => {
  it('needs the X-IDENTITY-HEADER secret', async () => {
    const none = await appService({}, {});
    expect(none.status).toBe(401);
    const wrong = await appService({}, { 'X-IDENTITY-HEADER': 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ statusCode: 401 });
  });

  it('answers {access_token, expires_on, resource, token_type} (api-version 2019-08-01)', async () => {
    const r = await appService();
    expect(r.status).toBe(200);
    expect(r.headers.server).toBe('Kestrel');
    expect(r.body).toMatchObject({ resource: SANDBOX_API, token_type: 'Bearer' });
    expect(String(r.body.expires_on)).toMatch(/^\d{10}$/);
    expect(typeof r.body.access_token).toBe('string');
    expect(last()).toMatchObject({ method: 'GET', path: '/msi/token', status: 200 });
    expect((await appService({ 'api-version': IMDS_API_VERSION })).status).toBe(400);
  });

  it('answers an unknown identity in App Service\'s shape, with the correlation id in body and header', async () => {
    const r = await appService({ client_id: '0d5f3c1e-0000-4000-8000-00000000f00d' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, message: 'Unable to load the proper Managed Identity.' });
    expect(r.body.correlationId).toBe(r.headers['x-correlation-id']);
  });

  it('throttles with Retry-After too', async () => {
    mi.setScenario(null, 'throttle', 1);
    const first = await appService();
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('3');
    expect(first.body).toMatchObject({ statusCode: 429 });
    expect(last()).toMatchObject({ path: '/msi/token', status: 429, retryAfter: '3' });
    expect((await appService()).status).toBe(200);
  });

  it('gives the environment each source is chosen by', () => {
    expect(mi.env('imds')).toEqual({ AZURE_POD_IDENTITY_AUTHORITY_HOST: mi.imdsHost });
    expect(mi.env('app-service')).toEqual({ IDENTITY_ENDPOINT: `${mi.imdsHost}/msi/token`, IDENTITY_HEADER: mi.identityHeader });
  });
});

describe('a sandbox started without it', () => {
  it('has no managed-identity endpoints', async () => {
    const plain = await startSandbox();
    try {
      expect(plain.managedIdentity).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});

describe('npm run sandbox -- --managed-identity', () => {
  it('prints the environment that points an app at the sandbox IMDS and App Service, which answer', async () => {
    const root = join(__dirname, '..', '..');
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'test', 'sandbox', 'cli.ts'), '--json', '--managed-identity', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const printed = await new Promise<Record<string, unknown>>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          try {
            resolve(JSON.parse(out) as Record<string, unknown>);
          } catch {
            // not all of it yet
          }
        });
        child.once('exit', (code) => reject(new Error(`the sandbox CLI exited (${String(code)}) before printing: ${out}`)));
      });
      const mi = printed.managedIdentity as { imds: Record<string, string>; appService: Record<string, string>; userAssignedClientId: string };
      expect(mi.userAssignedClientId).toBe(SANDBOX_MI_CLIENT_ID);
      const host = mi.imds.AZURE_POD_IDENTITY_AUTHORITY_HOST!;
      expect(host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const q = `api-version=${IMDS_API_VERSION}&resource=${encodeURIComponent(SANDBOX_API)}`;
      expect((await get(`${host}${IMDS_TOKEN_PATH}?${q}`, { Metadata: 'true' })).status).toBe(200);
      const app = await get(`${mi.appService.IDENTITY_ENDPOINT}?api-version=${APP_SERVICE_API_VERSION}&resource=${encodeURIComponent(SANDBOX_API)}`, { 'X-IDENTITY-HEADER': mi.appService.IDENTITY_HEADER! });
      expect(app.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
