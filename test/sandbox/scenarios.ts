// The sandbox directory's fixed facts (paths of test-only keys, tenant, API, permissions) and the
// scripted failures it can play, with the Entra-shaped error body they are answered with. TEST ONLY.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

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
export const KNOWN_TENANTS = new Set([SANDBOX_TENANT_ID, SANDBOX_TENANT_DOMAIN, 'common', 'organizations', 'consumers']);
export const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);
export const DELEGATED_SCOPE = 'Sandbox.Read';
export const APP_ROLE = 'Sandbox.Read.All';
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

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

export interface ScenarioSpec {
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

export const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
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
