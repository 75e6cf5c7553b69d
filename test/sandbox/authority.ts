// A local stand-in for Entra ID: a real OpenID Provider (oidc-provider) on 127.0.0.1 issuing real
// signed JWTs with Entra-like claims, fronted by a small layer that (a) translates Entra-style scopes
// ("api://x/.default") into resource indicators and (b) plays scripted failures with Entra-shaped
// bodies. TEST ONLY: secrets and keys here protect nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Provider, { errors as oidcErrors } from 'oidc-provider';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { createPublicKey } from 'node:crypto';

// tsx runs these files as CommonJS (package.json has no "type": "module"), vitest as ESM: support both.
const here = typeof __dirname !== 'undefined' ? __dirname : dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = join(here, '..', 'fixtures', 'client');
export const SANDBOX_CERT_PATH = join(FIXTURES_DIR, 'sandbox-client-cert.pem');
export const SANDBOX_KEY_PATH = join(FIXTURES_DIR, 'sandbox-client-key.pem');
/** Self-signed TLS certificate for 127.0.0.1 (test only), for clients that insist on https (msal-node). */
export const SANDBOX_TLS_CERT_PATH = join(FIXTURES_DIR, 'tls-cert.pem');
export const SANDBOX_TLS_KEY_PATH = join(FIXTURES_DIR, 'tls-key.pem');

/** The one protected API of the sandbox and its permissions. */
export const SANDBOX_API = 'api://auth-lens-sandbox';
export const SANDBOX_TENANT_ID = 'f0e1d2c3-b4a5-4697-8877-665544332211';
/** The sandbox directory's domain name, usable as the tenant segment of an Entra-style authority. */
export const SANDBOX_TENANT_DOMAIN = 'auth-lens-sandbox.onmicrosoft.com';
/** Tenant segments the Entra-style paths answer for; any other is "tenant not found" (AADSTS90002). */
const KNOWN_TENANTS = new Set([SANDBOX_TENANT_ID, SANDBOX_TENANT_DOMAIN, 'common', 'organizations', 'consumers']);
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);
const DELEGATED_SCOPE = 'Sandbox.Read';
const APP_ROLE = 'Sandbox.Read.All';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export const SCENARIO_NAMES = [
  'bad-secret',
  'expired-secret',
  'unknown-app',
  'wrong-redirect',
  'invalid-scope',
  'consent',
  'mfa',
  'ca-block',
  'expired-refresh',
  'throttle',
  'unavailable',
  'scope-without-default',
  'expired-device-code',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

interface ScenarioSpec {
  status: number;
  error: string;
  code: number | null;
  /** Our own paraphrase of what Entra says; the sandbox imitates the shape, not the wording. */
  text: string;
  suberror?: string;
  claims?: string;
  /** Where the scripted failure is played: every token/device request (default) or only token redemption
   * (the device authorization request is answered with a scripted device code, so polling can fail). */
  at?: 'any' | 'token';
}

const MFA_CLAIMS = JSON.stringify({ access_token: { capolids: { essential: true, values: ['5f8ea7b2-2f5a-4a2c-9a8e-0d4c3b2a1f00'] } } });

const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
  'bad-secret': { status: 401, error: 'invalid_client', code: 7000215, text: 'The secret in the request does not match any secret of this application.' },
  'expired-secret': { status: 401, error: 'invalid_client', code: 7000222, text: 'The secret in the request belongs to this application but has expired.' },
  'unknown-app': { status: 400, error: 'unauthorized_client', code: 700016, text: 'No application with this client id exists in the sandbox directory.' },
  'wrong-redirect': { status: 400, error: 'invalid_request', code: 50011, text: 'The redirect URI in the request is not registered for this application.' },
  'invalid-scope': { status: 400, error: 'invalid_scope', code: 70011, text: 'The scope in the request is not valid for this application.' },
  consent: { status: 400, error: 'invalid_grant', code: 65001, text: 'Nobody has consented to this application using the requested permissions.', suberror: 'consent_required' },
  mfa: { status: 400, error: 'invalid_grant', code: 50076, text: 'A policy requires multi-factor authentication for this resource.', suberror: 'basic_action', claims: MFA_CLAIMS },
  'ca-block': { status: 400, error: 'invalid_grant', code: 53003, text: 'A Conditional Access policy blocked this sign-in.' },
  'expired-refresh': { status: 400, error: 'invalid_grant', code: 700082, text: 'The refresh token was not used for too long and has expired.', suberror: 'bad_token' },
  throttle: { status: 429, error: 'temporarily_unavailable', code: 90055, text: 'Too many requests reached the sandbox directory; slow down.' },
  unavailable: { status: 503, error: 'temporarily_unavailable', code: 90033, text: 'The sandbox directory is briefly unavailable.' },
  'scope-without-default': {
    status: 400,
    error: 'invalid_scope',
    code: 1002012,
    text: 'The scope in the request names a permission, but app-only requests must ask for a resource with /.default.',
  },
  'expired-device-code': {
    status: 400,
    error: 'expired_token',
    code: 70020,
    text: 'The device code in the request has expired; start the device code flow again.',
    at: 'token',
  },
};

export interface SandboxClientInfo {
  /** Letters, digits, spaces and dashes only: the extension uses names as secret-storage keys. */
  name: string;
  clientId: string;
  flow: 'client_credentials' | 'client_certificate' | 'device_code' | 'auth_code_pkce' | 'refresh_token';
  scopes: string[];
  redirectUri?: string;
  certificate?: { certPath: string; keyPath: string };
  /** Set only for the secret client; test-only. */
  secretFrom?: 'AUTH_LENS_CLIENT_SECRET';
}

export interface Sandbox {
  issuer: string;
  url: string;
  port: number;
  /** Test-only client secret of the `sandbox-secret` client. */
  clientSecret: string;
  clients: SandboxClientInfo[];
  /** Protected resource that accepts any valid sandbox token. */
  resourceUrl: string;
  /** Protected resource that answers a claims challenge until the token carries acrs "c1". */
  stepUpResourceUrl: string;
  /** Requests the front layer saw, newest last — tests count them and measure the waits between them. */
  requests: SandboxRequest[];
  /** An Entra-style authority on this sandbox, `https://127.0.0.1:port/<tenant>` (tenant: the sandbox's GUID by default). */
  authority(tenant?: string): string;
  /** Plays `scenario` on every token/device request of `clientId` from now on (null: back to normal). */
  setScenario(clientId: string, scenario: ScenarioName | null): void;
  stop(): Promise<void>;
}

/** One request as the sandbox recorded it. */
export interface SandboxRequest {
  /** When it arrived, in milliseconds since the epoch. */
  time: number;
  method: string;
  /** The path as the client sent it (Entra-style paths stay as sent). */
  path: string;
  /** The scripted scenario that answered, or null. */
  scenario: string | null;
  clientId: string | null;
  /** The form's grant_type on token requests; null elsewhere. */
  grantType: string | null;
  /** The HTTP status answered; null until the answer was sent. */
  status: number | null;
  /** The Retry-After header answered, if any. */
  retryAfter: string | null;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Fixed test secret; random when absent. */
  clientSecret?: string;
  /** Device-code polling interval the sandbox announces (oidc-provider sends none; Entra says 5). */
  deviceInterval?: number;
  /** Print oidc-provider's developer warnings (off by default to keep test output clean). */
  verbose?: boolean;
  /** Serve https with this certificate (PEM texts); the issuer becomes https://127.0.0.1:port. */
  tls?: { cert: string; key: string };
  /** client_id → scenario played on every token/device request of that client (see also setScenario). */
  scenarios?: Record<string, ScenarioName>;
  /** Retry-After (seconds) the throttle scenario answers with when the request names none; default 2. */
  retryAfterSeconds?: number;
}

function entraTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** An error body shaped like the Microsoft identity platform's. */
export function entraErrorBody(spec: ScenarioSpec, correlationId: string = randomUUID()): Record<string, unknown> {
  const traceId = randomUUID();
  const now = new Date();
  const ts = entraTimestamp(now);
  const prefix = spec.code !== null ? `AADSTS${spec.code}: ` : '';
  const body: Record<string, unknown> = {
    error: spec.error,
    error_description: `${prefix}${spec.text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${ts}`,
    error_codes: spec.code !== null ? [spec.code] : [],
    timestamp: ts,
    trace_id: traceId,
    correlation_id: correlationId,
  };
  if (spec.code !== null) body.error_uri = `https://login.microsoftonline.com/error?code=${spec.code}`;
  if (spec.suberror) body.suberror = spec.suberror;
  if (spec.claims) body.claims = spec.claims;
  return body;
}

function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

type ScopeMapping = { ok: true; scope: string; resource: string | null } | { ok: false; spec: ScenarioSpec };

/** Entra-style scopes → OIDC scopes + one resource indicator, the way Entra reads them. */
function mapScopes(scope: string | undefined, appOnly: boolean): ScopeMapping {
  const oidc: string[] = [];
  const resourceScopes: string[] = [];
  let resource: string | null = null;
  for (const item of (scope ?? '').split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(item)) {
      oidc.push(item);
      continue;
    }
    const slash = item.lastIndexOf('/');
    const target = slash > 0 ? item.slice(0, slash) : SANDBOX_API;
    const name = slash > 0 ? item.slice(slash + 1) : item;
    if (target !== SANDBOX_API) {
      return { ok: false, spec: { status: 400, error: 'invalid_resource', code: 500011, text: `The resource ${target} is not known in the sandbox directory; only ${SANDBOX_API} exists.` } };
    }
    if (resource !== null && resource !== target) {
      return { ok: false, spec: { status: 400, error: 'invalid_request', code: 28000, text: 'Scopes for more than one resource were requested together.' } };
    }
    resource = target;
    if (name === '.default') resourceScopes.push(appOnly ? APP_ROLE : DELEGATED_SCOPE);
    else if (appOnly) return { ok: false, spec: SCENARIOS['scope-without-default'] };
    else if (name === DELEGATED_SCOPE || name === APP_ROLE) resourceScopes.push(name);
    else return { ok: false, spec: { status: 400, error: 'invalid_scope', code: 70011, text: `The permission ${name} is not defined by ${SANDBOX_API}.` } };
  }
  if (appOnly && resource === null) {
    return { ok: false, spec: { status: 400, error: 'invalid_scope', code: 1002012, text: 'App-only requests must ask for a resource with /.default.' } };
  }
  return { ok: true, scope: [...oidc, ...resourceScopes].join(' '), resource };
}

let consoleFiltered = false;

/** oidc-provider prints development notices through console.info/warn; the sandbox is a dev tool by design. */
function quietProviderNotices(): void {
  if (consoleFiltered) return;
  consoleFiltered = true;
  for (const level of ['info', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider ')) return;
      original(...args);
    };
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (!options.verbose) quietProviderNotices();
  const host = options.host ?? '127.0.0.1';
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) : createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  const clientSecret = options.clientSecret ?? `sandbox-test-only-${randomBytes(12).toString('base64url')}`;
  const deviceInterval = options.deviceInterval ?? 1;

  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid: `sandbox-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };
  const verifyJwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: signingJwk.kid, alg: 'RS256', use: 'sig' }] });
  const clientCertJwk = await exportJWK(createPublicKey(readFileSync(SANDBOX_CERT_PATH, 'utf8')));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'sandbox-secret',
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: 'sandbox-cert',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...clientCertJwk, use: 'sig' }] },
      },
      {
        client_id: 'sandbox-public',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/'],
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => SANDBOX_API,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== SANDBOX_API) throw new oidcErrors.InvalidTarget();
          return {
            scope: `${DELEGATED_SCOPE} ${APP_ROLE}`,
            audience: SANDBOX_API,
            accessTokenTTL: 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: { DeviceCode: 600, AccessToken: 3600, ClientCredentials: 3600, RefreshToken: 86400, IdToken: 3600, Session: 3600, Interaction: 600, Grant: 86400 },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, name: `Sandbox user ${sub}`, preferred_username: `${sub}@sandbox.test`, email: `${sub}@sandbox.test` }),
    }),
    extraTokenClaims: (ctx, token) => {
      const requested = (ctx?.req as { authLensClaims?: Record<string, unknown> } | undefined)?.authLensClaims;
      const accessClaims = (requested?.access_token ?? {}) as Record<string, { value?: unknown; values?: unknown[] } | undefined>;
      const clientId = String(token.clientId);
      const appOnly = token.kind === 'ClientCredentials';
      const scopeList = String(token.scope ?? '')
        .split(' ')
        .filter((s) => s && !OIDC_SCOPES.has(s));
      const authMethod = ctx?.oidc?.client?.clientAuthMethod;
      const extra: Record<string, unknown> = {
        ver: '2.0',
        tid: SANDBOX_TENANT_ID,
        oid: appOnly ? guidFrom(`sp:${clientId}`) : guidFrom(`user:${String(token.accountId)}`),
        azp: clientId,
        appid: clientId,
        azpacr: authMethod === 'none' ? '0' : authMethod === 'private_key_jwt' ? '2' : '1',
      };
      if (appOnly) {
        extra.idtyp = 'app';
        extra.roles = scopeList;
      } else {
        extra.scp = scopeList.join(' ');
        extra.preferred_username = `${String(token.accountId)}@sandbox.test`;
        extra.name = `Sandbox user ${String(token.accountId)}`;
      }
      const xmsCc = accessClaims.xms_cc?.values;
      if (Array.isArray(xmsCc) && xmsCc.map(String).some((v) => v.toLowerCase() === 'cp1')) extra.xms_cc = ['cp1'];
      const acrs = accessClaims.acrs;
      if (acrs) {
        const values = acrs.values ?? (acrs.value !== undefined ? [acrs.value] : []);
        if (values.length > 0) extra.acrs = values.map(String);
      }
      return extra;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sandbox error</title><h1>${String(out.error)}</h1><p>${String(out.error_description ?? '')}</p>`;
    },
  });
  provider.proxy = false;

  // Answers tuned to look like Entra's: an interval on device authorization (oidc-provider sends
  // none), ext_expires_in on token answers, request ids on every response.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      if (ctx.path === '/device/auth' && typeof body.device_code === 'string') {
        body.interval = deviceInterval;
        body.message = `To sign in to the Auth Lens sandbox, open ${String(body.verification_uri)} and enter the code ${String(body.user_code)}.`;
        // Entra's v1 endpoint names it verification_url.
        if ((ctx.req as { authLensV1?: boolean }).authLensV1) body.verification_url = body.verification_uri;
      }
      if (ctx.path === '/token' && typeof body.access_token === 'string' && typeof body.expires_in === 'number') body.ext_expires_in = body.expires_in;
    }
  });

  const counters = new Map<string, number>();
  const requests: SandboxRequest[] = [];
  const clientScenarios = new Map<string, ScenarioName>(Object.entries(options.scenarios ?? {}));
  const defaultRetryAfter = String(options.retryAfterSeconds ?? 2);
  const origin = issuer;

  /** Entra's OpenID metadata for one tenant, v2.0 or v1, with this sandbox's endpoints. */
  function entraMetadata(tenant: string, version: 'v1' | 'v2'): Record<string, unknown> {
    const tid = MULTI_TENANT.has(tenant) ? '{tenantid}' : SANDBOX_TENANT_ID;
    const v = version === 'v2' ? '/v2.0' : '';
    const base = `${origin}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2${v}/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery${v}/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: version === 'v2' ? `${origin}/${tid}/v2.0` : `${origin}/${tid}/`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/api/me`,
      authorization_endpoint: `${base}/oauth2${v}/authorize`,
      device_authorization_endpoint: `${base}/oauth2${v}/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2${v}/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'auth-lens-sandbox.test',
      cloud_graph_host_name: 'graph.auth-lens-sandbox.test',
      msgraph_host: 'graph.auth-lens-sandbox.test',
    };
  }

  /** Entra's paths → the provider's own (null when the path is not an Entra-style one). */
  function entraRoute(pathname: string): { tenant: string; kind: 'metadata' | 'keys' | 'instance' | 'token' | 'devicecode' | 'authorize' | 'logout'; version: 'v1' | 'v2' } | null {
    if (pathname === '/common/discovery/instance') return { tenant: 'common', kind: 'instance', version: 'v1' };
    let m = /^\/([^/]+)\/(v2\.0\/)?\.well-known\/openid-configuration$/.exec(pathname);
    if (m) return { tenant: decodeURIComponent(m[1]!), kind: 'metadata', version: m[2] ? 'v2' : 'v1' };
    m = /^\/([^/]+)\/discovery\/(v2\.0\/)?keys$/.exec(pathname);
    if (m) return { tenant: decodeURIComponent(m[1]!), kind: 'keys', version: m[2] ? 'v2' : 'v1' };
    m = /^\/([^/]+)\/oauth2\/(v2\.0\/)?(token|devicecode|authorize|logout)$/.exec(pathname);
    if (m) return { tenant: decodeURIComponent(m[1]!), kind: m[3] as 'token' | 'devicecode' | 'authorize' | 'logout', version: m[2] ? 'v2' : 'v1' };
    return null;
  }
  const callback = provider.callback();
  const stepUpClaims = Buffer.from(JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } })).toString('base64');

  async function resource(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const challenge = (extra: string) => `Bearer realm="", authorization_uri="${issuer}/auth", ${extra}`;
    if (!token) {
      sendJson(res, 401, { error: 'invalid_token', message: 'No bearer token.' }, { 'www-authenticate': challenge('error="invalid_token"') });
      return;
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, verifyJwks, { issuer, audience: SANDBOX_API }));
    } catch (error) {
      sendJson(res, 401, { error: 'invalid_token', message: (error as Error).message }, { 'www-authenticate': challenge('error="invalid_token"') });
      return;
    }
    if (path === '/api/stepup') {
      const acrs = Array.isArray(payload.acrs) ? payload.acrs.map(String) : [];
      if (!acrs.includes('c1')) {
        sendJson(
          res,
          401,
          { error: 'insufficient_claims', message: 'This resource needs authentication context c1.' },
          { 'www-authenticate': challenge(`error="insufficient_claims", claims="${stepUpClaims}"`) },
        );
        return;
      }
    }
    sendJson(res, 200, { ok: true, sub: payload.sub, tid: payload.tid, acrs: payload.acrs ?? null, xms_cc: payload.xms_cc ?? null });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: `sandbox failure: ${(error as Error).message}` });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const requestId = randomUUID();
    res.setHeader('x-ms-request-id', requestId);
    const sentRequestId = req.headers['client-request-id'];
    if (typeof sentRequestId === 'string') res.setHeader('client-request-id', sentRequestId);
    res.setHeader('x-ms-ests-server', 'auth-lens-sandbox');

    const entry: SandboxRequest = { time: Date.now(), method: req.method ?? 'GET', path: url.pathname, scenario: null, clientId: null, grantType: null, status: null, retryAfter: null };
    requests.push(entry);
    res.once('finish', () => {
      entry.status = res.statusCode;
      const retryAfter = res.getHeader('retry-after');
      entry.retryAfter = retryAfter === undefined ? null : String(retryAfter);
    });

    if (url.pathname.startsWith('/api/')) {
      await resource(req, res, url.pathname);
      return;
    }

    // Entra's own paths: /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/oauth2/v2.0/token, …
    let path = url.pathname;
    let v1 = false;
    const entra = entraRoute(url.pathname);
    if (entra) {
      if (entra.kind === 'instance') {
        // MSAL's instance discovery: this host is its own (only) alias.
        const host = url.host;
        const asked = url.searchParams.get('authorization_endpoint');
        let tenant = 'common';
        try {
          if (asked) tenant = new URL(asked).pathname.split('/')[1] || 'common';
        } catch {
          // keep common
        }
        sendJson(res, 200, {
          tenant_discovery_endpoint: `${origin}/${tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        });
        return;
      }
      if (!KNOWN_TENANTS.has(entra.tenant)) {
        sendJson(res, 400, entraErrorBody({ status: 400, error: 'invalid_tenant', code: 90002, text: `Tenant '${entra.tenant}' is not the sandbox directory.` }));
        return;
      }
      if (entra.kind === 'metadata') {
        sendJson(res, 200, entraMetadata(entra.tenant, entra.version), { 'cache-control': 'max-age=86400, private' });
        return;
      }
      v1 = entra.version === 'v1';
      path = { keys: '/jwks', token: '/token', devicecode: '/device/auth', authorize: '/auth', logout: '/session/end' }[entra.kind];
      (req as IncomingMessage & { authLensV1?: boolean }).authLensV1 = v1;
      url.pathname = path;
      req.url = `${path}${url.search}`;
    }

    const isToken = path === '/token' && req.method === 'POST';
    const isDeviceAuth = path === '/device/auth' && req.method === 'POST';
    const isAuthorize = path === '/auth' && req.method === 'GET';

    if (isToken || isDeviceAuth) {
      const raw = await readBody(req);
      const form = new URLSearchParams(raw);
      const clientId = form.get('client_id') ?? '';
      const headerScenario = req.headers['x-sandbox-scenario'];
      const scenario =
        (typeof headerScenario === 'string' ? headerScenario : null) ??
        url.searchParams.get('scenario') ??
        clientScenarios.get(clientId) ??
        (clientId.startsWith('scenario-') ? clientId.slice('scenario-'.length) : null);
      entry.scenario = scenario;
      entry.clientId = clientId || null;
      entry.grantType = isToken ? form.get('grant_type') : null;
      if (scenario !== null) {
        const spec = SCENARIOS[scenario as ScenarioName];
        if (!spec) {
          sendJson(res, 400, { error: 'invalid_request', error_description: `unknown sandbox scenario "${scenario}"; known: ${SCENARIO_NAMES.join(', ')}` });
          return;
        }
        if (isDeviceAuth && spec.at === 'token') {
          // The device authorization succeeds with a scripted code; polling it plays the failure.
          const verification = `${origin}/device`;
          const userCode = randomBytes(4).toString('hex').toUpperCase();
          sendJson(res, 200, {
            user_code: userCode,
            device_code: `scenario-${scenario}-${randomBytes(12).toString('base64url')}`,
            [v1 ? 'verification_url' : 'verification_uri']: verification,
            expires_in: 900,
            interval: deviceInterval,
            message: `To sign in to the Auth Lens sandbox, open ${verification} and enter the code ${userCode}.`,
          });
          return;
        }
        // `times=N` makes a scenario fail only the first N times (per `key`), then pass through.
        const times = Number(url.searchParams.get('times') ?? req.headers['x-sandbox-times'] ?? 'Infinity');
        const key = `${scenario}|${url.searchParams.get('key') ?? req.headers['x-sandbox-key'] ?? ''}`;
        const seen = counters.get(key) ?? 0;
        counters.set(key, seen + 1);
        if (seen < times) {
          const headers: Record<string, string> = {};
          if (spec.status === 429 || spec.status === 503) {
            const retryAfter = url.searchParams.get('retryAfter') ?? (req.headers['x-sandbox-retry-after'] as string | undefined) ?? (spec.status === 429 ? defaultRetryAfter : null);
            if (retryAfter !== null) {
              headers['retry-after'] = url.searchParams.get('retryAfterForm') === 'date' ? new Date(Date.now() + Number(retryAfter) * 1000).toUTCString() : retryAfter;
            }
          }
          const correlation = typeof sentRequestId === 'string' ? sentRequestId : randomUUID();
          sendJson(res, spec.status, entraErrorBody(spec, correlation), headers);
          return;
        }
      }
      // Entra reads the claims parameter itself; oidc-provider does not know access_token claims, so
      // the front layer takes it out and hands it to extraTokenClaims.
      const claimsText = form.get('claims');
      if (claimsText) {
        try {
          (req as IncomingMessage & { authLensClaims?: unknown }).authLensClaims = JSON.parse(claimsText);
        } catch {
          sendJson(res, 400, entraErrorBody({ status: 400, error: 'invalid_request', code: 90014, text: 'The claims parameter is not valid JSON.' }));
          return;
        }
        form.delete('claims');
      }
      const grantType = form.get('grant_type');
      const appOnly = grantType === 'client_credentials';
      // Entra's v1 endpoints take a resource instead of scopes.
      if (v1 && !form.has('scope') && form.has('resource')) form.set('scope', `${form.get('resource') ?? ''}/.default`);
      const needsMapping = isDeviceAuth || grantType === 'client_credentials' || grantType === 'refresh_token' || grantType === 'authorization_code' || grantType?.endsWith('device_code');
      if (needsMapping && form.has('scope')) {
        const mapped = mapScopes(form.get('scope') ?? '', appOnly);
        if (!mapped.ok) {
          sendJson(res, mapped.spec.status, entraErrorBody(mapped.spec));
          return;
        }
        if (grantType === 'authorization_code' || grantType?.endsWith('device_code')) form.delete('scope');
        else form.set('scope', mapped.scope);
        if (mapped.resource && !form.has('resource')) form.set('resource', mapped.resource);
      }
      if (isDeviceAuth && (form.get('scope') ?? '').includes('offline_access')) form.set('prompt', 'consent');
      (req as IncomingMessage & { body?: string }).body = form.toString();
      callback(req, res);
      return;
    }

    if (isAuthorize) {
      const clientId = url.searchParams.get('client_id') ?? '';
      entry.clientId = clientId || null;
      entry.scenario = clientId.startsWith('scenario-') ? clientId.slice(9) : null;
      const claimsText = url.searchParams.get('claims');
      if (claimsText) url.searchParams.delete('claims');
      const mapped = mapScopes(url.searchParams.get('scope') ?? undefined, false);
      if (!mapped.ok) {
        res.writeHead(mapped.spec.status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Sign-in error</title><p>AADSTS${mapped.spec.code ?? ''}: ${mapped.spec.text}</p>`);
        return;
      }
      url.searchParams.set('scope', mapped.scope);
      if (mapped.resource) url.searchParams.set('resource', mapped.resource);
      // Entra grants refresh tokens for offline_access without prompt=consent; oidc-provider needs it.
      if (mapped.scope.includes('offline_access') && !url.searchParams.has('prompt')) url.searchParams.set('prompt', 'consent');
      req.url = `${url.pathname}?${url.searchParams.toString()}`;
    }
    callback(req, res);
  }

  provider.on('server_error', (_ctx: unknown, error: unknown) => {
    if (options.verbose) console.error('sandbox server_error', error);
  });

  const clients: SandboxClientInfo[] = [
    { name: 'Sandbox client secret', clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [`${SANDBOX_API}/.default`], secretFrom: 'AUTH_LENS_CLIENT_SECRET' },
    {
      name: 'Sandbox certificate',
      clientId: 'sandbox-cert',
      flow: 'client_certificate',
      scopes: [`${SANDBOX_API}/.default`],
      certificate: { certPath: SANDBOX_CERT_PATH, keyPath: SANDBOX_KEY_PATH },
    },
    { name: 'Sandbox device code', clientId: 'sandbox-public', flow: 'device_code', scopes: [`${SANDBOX_API}/${DELEGATED_SCOPE}`] },
    { name: 'Sandbox browser sign-in', clientId: 'sandbox-public', flow: 'auth_code_pkce', scopes: [`${SANDBOX_API}/${DELEGATED_SCOPE}`], redirectUri: 'http://127.0.0.1/' },
    ...(['bad-secret', 'expired-secret', 'unknown-app', 'consent', 'mfa', 'ca-block'] as const).map(
      (name): SandboxClientInfo => ({
        name: `Sandbox scenario ${name} AADSTS${SCENARIOS[name].code}`,
        clientId: `scenario-${name}`,
        flow: 'client_credentials',
        scopes: [`${SANDBOX_API}/.default`],
        secretFrom: 'AUTH_LENS_CLIENT_SECRET',
      }),
    ),
  ];

  return {
    issuer,
    url: issuer,
    port,
    clientSecret,
    clients,
    resourceUrl: `${issuer}/api/me`,
    stepUpResourceUrl: `${issuer}/api/stepup`,
    requests,
    authority: (tenant = SANDBOX_TENANT_ID) => `${issuer}/${tenant}`,
    setScenario: (clientId, scenario) => {
      if (scenario === null) clientScenarios.delete(clientId);
      else clientScenarios.set(clientId, scenario);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The `authLens.appRegistrations` entries for a running sandbox (what the CLI prints). */
export function sandboxAppRegistrations(sandbox: Pick<Sandbox, 'issuer' | 'clients'>): Record<string, unknown>[] {
  return sandbox.clients.map((client) => {
    const entry: Record<string, unknown> = {
      name: client.name,
      authority: sandbox.issuer,
      clientId: client.clientId,
      flow: client.flow,
      scopes: client.scopes,
    };
    if (client.redirectUri) entry.redirectUri = client.redirectUri;
    if (client.certificate) entry.certificate = client.certificate;
    return entry;
  });
}
