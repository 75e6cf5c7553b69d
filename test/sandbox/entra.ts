// Pure pieces of the sandbox's front layer: Entra's URL paths and metadata, Entra-style scope
// reading, and small HTTP helpers. TEST ONLY.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { APP_ROLE, DELEGATED_SCOPE, MULTI_TENANT, OIDC_SCOPES, SANDBOX_API, SANDBOX_TENANT_ID, SCENARIOS, type ScenarioSpec } from './scenarios';

/**
 * Host names a local proxy answers for in front of the sandbox (test/conformance/entra-proxy.ts): Entra's
 * public one and ARM's, for tools whose hosts cannot be configured, and a custom authority host that no
 * MSAL knows, so a library asks Entra about it first (instance discovery).
 */
export const PROXIED_HOSTS = ['login.microsoftonline.com', 'management.azure.com', 'login.sandbox.example'] as const;

/** The origin a request reached the sandbox by: a proxied name when it came that way, else the sandbox's own. */
export function originReached(host: string | undefined, own: string): string {
  return host && (PROXIED_HOSTS as readonly string[]).includes(host) ? `https://${host}` : own;
}

export function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
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

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Serves `handle` on `server`; a handler that throws answers 500 (or drops a half-sent answer) instead of hanging. */
export function serveRequests(server: Server, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: `sandbox failure: ${(error as Error).message}` });
      else res.destroy();
    });
  });
}

export type ScopeMapping = { ok: true; scope: string; resource: string | null } | { ok: false; spec: ScenarioSpec };

/** Entra-style scopes → OIDC scopes + one resource indicator, the way Entra reads them. */
export function mapScopes(scope: string | undefined, appOnly: boolean): ScopeMapping {
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

/** Entra's OpenID metadata for one tenant, v2.0 or v1, with this sandbox's endpoints. */
export function entraMetadata(origin: string, tenant: string, version: 'v1' | 'v2'): Record<string, unknown> {
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
export function entraRoute(pathname: string): { tenant: string; kind: 'metadata' | 'keys' | 'instance' | 'token' | 'devicecode' | 'authorize' | 'logout'; version: 'v1' | 'v2' } | null {
  if (pathname === '/common/discovery/instance') return { tenant: 'common', kind: 'instance', version: 'v1' };
  let m = /^\/([^/]+)\/(v2\.0\/)?\.well-known\/openid-configuration$/.exec(pathname);
  if (m) return { tenant: decodeURIComponent(m[1]!), kind: 'metadata', version: m[2] ? 'v2' : 'v1' };
  m = /^\/([^/]+)\/discovery\/(v2\.0\/)?keys$/.exec(pathname);
  if (m) return { tenant: decodeURIComponent(m[1]!), kind: 'keys', version: m[2] ? 'v2' : 'v1' };
  m = /^\/([^/]+)\/oauth2\/(v2\.0\/)?(token|devicecode|authorize|logout)$/.exec(pathname);
  if (m) return { tenant: decodeURIComponent(m[1]!), kind: m[3] as 'token' | 'devicecode' | 'authorize' | 'logout', version: m[2] ? 'v2' : 'v1' };
  return null;
}
