// The sandbox's managed-identity endpoints, on a plain-http listener of their own as the real ones are:
// Azure's Instance Metadata Service (IMDS, `GET /metadata/identity/oauth2/token`, header `Metadata: true`,
// api-version 2018-02-01; the libraries reach it through AZURE_POD_IDENTITY_AUTHORITY_HOST) and App
// Service's local token service (`GET $IDENTITY_ENDPOINT`, header `X-IDENTITY-HEADER: $IDENTITY_HEADER`,
// api-version 2019-08-01). The request and answer shapes follow msal-node's sources (Imds.ts,
// AppService.ts, BaseManagedIdentitySource.ts), Azure Identity for Python (imds.py, app_service.py) and the
// answers quoted in public bug reports: IMDS's `{"error":"invalid_request","error_description":"Identity
// not found"}` and App Service's `{"statusCode":400,"message":…,"correlationId":…}`. Where no source says
// what a service answers (App Service without its header, either one asked with POST), the status is the
// sandbox's own choice in the service's error shape. TEST ONLY.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { guidFrom, sendJson, serveRequests } from './entra';
import { SANDBOX_API, SANDBOX_TENANT_ID } from './scenarios';
import type { SandboxRequest } from './types';

export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
export const APP_SERVICE_TOKEN_PATH = '/msi/token';
export const IMDS_API_VERSION = '2018-02-01';
export const APP_SERVICE_API_VERSION = '2019-08-01';
/** The user-assigned identity attached to the sandbox's host from the start (its client id). */
export const SANDBOX_MI_CLIENT_ID = '7c1d5e2a-3b4f-4a6e-9d8c-0f1e2d3c4b5a';

/**
 * What an identity's requests are answered with, `times` times before tokens flow again: 429 with
 * Retry-After (IMDS and App Service throttle), or 500 (a token service that failed to reach Entra).
 */
export type ManagedIdentityScenario = 'throttle' | 'unavailable';
export const MI_SCENARIO_NAMES: readonly ManagedIdentityScenario[] = ['throttle', 'unavailable'];

export interface ManagedIdentityEndpoints {
  /** http://127.0.0.1:PORT — what AZURE_POD_IDENTITY_AUTHORITY_HOST names (the libraries add IMDS's path). */
  imdsHost: string;
  /** App Service's IDENTITY_ENDPOINT: http://127.0.0.1:PORT/msi/token. */
  identityEndpoint: string;
  /** App Service's IDENTITY_HEADER (test only). */
  identityHeader: string;
  /** The environment a library reads to pick this source (and only this one). */
  env(source: 'imds' | 'app-service'): Record<string, string>;
  /** Attaches a user-assigned identity (by client id) to the sandbox's host; unknown ids are "not found". */
  assign(clientId: string): void;
  /** Plays `scenario` on the next `times` requests (default 2) of an identity (null: the system-assigned one). */
  setScenario(clientId: string | null, scenario: ManagedIdentityScenario | null, times?: number): void;
  stop(): Promise<void>;
}

export interface ManagedIdentityOptions {
  /** The sandbox's issuer: tokens carry it as `iss`, so its protected API accepts them. */
  issuer: string;
  /** Signs an access token's claims with the sandbox's key. */
  sign(claims: Record<string, unknown>): Promise<string>;
  /** Where each request is recorded (the sandbox's own list). */
  requests: SandboxRequest[];
  retryAfterSeconds: number;
  host?: string;
}

const TOKEN_LIFETIME_SECONDS = 86_400;
const SYSTEM = '(system-assigned)';

/** The sandbox's token for an identity: the claims Entra puts in managed-identity (app-only, v1) tokens. */
function tokenClaims(issuer: string, clientId: string | null, resource: string, now: number): Record<string, unknown> {
  const id = clientId ?? guidFrom('mi:system');
  const oid = guidFrom(`mi-object:${id}`);
  const name = clientId ? 'sandbox-user-assigned' : 'sandbox-host';
  const kind = clientId ? 'Microsoft.ManagedIdentity/userAssignedIdentities' : 'Microsoft.Compute/virtualMachines';
  return {
    iss: issuer,
    aud: resource,
    iat: now,
    nbf: now,
    exp: now + TOKEN_LIFETIME_SECONDS,
    ver: '1.0',
    tid: SANDBOX_TENANT_ID,
    sub: oid,
    oid,
    appid: id,
    azp: id,
    idtyp: 'app',
    roles: ['Sandbox.Read.All'],
    xms_mirid: `/subscriptions/00000000-0000-4000-8000-000000000000/resourcegroups/auth-lens-sandbox/providers/${kind}/${name}`,
  };
}

export async function startManagedIdentity(options: ManagedIdentityOptions): Promise<ManagedIdentityEndpoints> {
  const host = options.host ?? '127.0.0.1';
  const identityHeader = `sandbox-test-only-${randomBytes(9).toString('base64url')}`;
  const assigned = new Set<string>([SANDBOX_MI_CLIENT_ID]);
  const playing = new Map<string, { scenario: ManagedIdentityScenario; left: number }>();
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  serveRequests(server, handle);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    // msal-node's URL handling adds a trailing slash (…/oauth2/token/); the real endpoints take both forms.
    const path = url.pathname.replace(/(.)\/$/, '$1');
    const imds = path === IMDS_TOKEN_PATH;
    const entry: SandboxRequest = { time: Date.now(), method: req.method ?? 'GET', path: url.pathname, scenario: null, clientId: null, grantType: null, status: null, retryAfter: null };
    options.requests.push(entry);
    res.once('finish', () => {
      entry.status = res.statusCode;
      const retryAfter = res.getHeader('retry-after');
      entry.retryAfter = retryAfter === undefined ? null : String(retryAfter);
    });
    // IMDS answers in OAuth's error shape; App Service in its own (statusCode, message, correlationId).
    const correlationId = randomUUID();
    const fail = (status: number, error: string, description: string, headers: Record<string, string> = {}): void => {
      // Set, not only written: the record reads Retry-After back with getHeader.
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (imds) sendJson(res, status, { error, error_description: description }, { server: 'IMDS/150.870.65.1544', ...headers });
      else sendJson(res, status, { statusCode: status, message: description, correlationId }, { server: 'Kestrel', 'x-correlation-id': correlationId, ...headers });
    };
    if (!imds && path !== APP_SERVICE_TOKEN_PATH) {
      sendJson(res, 404, { error: 'not_found', error_description: `No managed-identity endpoint at ${url.pathname}.` });
      return;
    }
    if (req.method !== 'GET') {
      fail(405, 'invalid_request', `The token endpoint takes GET, not ${String(req.method)}.`);
      return;
    }
    if (imds && req.headers.metadata !== 'true') {
      // What IMDS answers a request without the header; Azure Identity's probe counts on it.
      fail(400, 'invalid_request', 'Required metadata header not specified');
      return;
    }
    if (!imds && req.headers['x-identity-header'] !== identityHeader) {
      fail(401, 'unauthorized_client', 'The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.');
      return;
    }
    const apiVersion = url.searchParams.get('api-version');
    const wantVersion = imds ? IMDS_API_VERSION : APP_SERVICE_API_VERSION;
    if (apiVersion !== wantVersion) {
      fail(400, 'invalid_request', `The api-version query parameter must be ${wantVersion}${apiVersion ? `, not ${apiVersion}` : ''}.`);
      return;
    }
    const resource = url.searchParams.get('resource');
    if (!resource) {
      fail(400, 'invalid_request', 'The resource query parameter is missing.');
      return;
    }
    const asked = url.searchParams.get('client_id') ?? url.searchParams.get('object_id') ?? url.searchParams.get('msi_res_id') ?? url.searchParams.get('mi_res_id');
    entry.clientId = asked;
    if (asked !== null && !assigned.has(asked)) {
      if (imds) fail(400, 'invalid_request', 'Identity not found');
      else fail(400, 'invalid_request', 'Unable to load the proper Managed Identity.');
      return;
    }
    const key = asked ?? SYSTEM;
    const play = playing.get(key);
    if (play && play.left > 0) {
      play.left -= 1;
      entry.scenario = play.scenario;
      if (play.scenario === 'throttle') fail(429, 'too_many_requests', 'Too many requests reached the sandbox token service; slow down.', { 'retry-after': String(options.retryAfterSeconds) });
      else fail(500, 'unknown', 'The sandbox token service could not reach the sandbox directory.');
      return;
    }
    if (resource.replace(/\/$/, '') !== SANDBOX_API) {
      fail(400, 'invalid_resource', `AADSTS50001: The resource ${resource} is not known in the sandbox directory ${SANDBOX_TENANT_ID}.`);
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await options.sign(tokenClaims(options.issuer, asked, resource, now));
    // Both services send numbers as strings; IMDS adds client_id, expires_in, ext_expires_in and not_before.
    const body: Record<string, string> = { access_token: accessToken, expires_on: String(now + TOKEN_LIFETIME_SECONDS), resource, token_type: 'Bearer' };
    if (imds) Object.assign(body, { client_id: asked ?? guidFrom('mi:system'), expires_in: String(TOKEN_LIFETIME_SECONDS), ext_expires_in: String(TOKEN_LIFETIME_SECONDS), not_before: String(now) });
    else body.client_id = asked ?? guidFrom('mi:system');
    sendJson(res, 200, body, imds ? { server: 'IMDS/150.870.65.1544' } : { server: 'Kestrel', 'x-correlation-id': correlationId });
  }

  return {
    imdsHost: origin,
    identityEndpoint: `${origin}${APP_SERVICE_TOKEN_PATH}`,
    identityHeader,
    env: (source): Record<string, string> =>
      source === 'imds' ? { AZURE_POD_IDENTITY_AUTHORITY_HOST: origin } : { IDENTITY_ENDPOINT: `${origin}${APP_SERVICE_TOKEN_PATH}`, IDENTITY_HEADER: identityHeader },
    assign: (clientId) => void assigned.add(clientId),
    setScenario: (clientId, scenario, times = 2) => {
      if (scenario === null) playing.delete(clientId ?? SYSTEM);
      else playing.set(clientId ?? SYSTEM, { scenario, left: times });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
