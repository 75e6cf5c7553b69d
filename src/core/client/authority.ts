// Turns settings into endpoints. Entra clouds, B2C and External ID (CIAM) have fixed endpoint
// shapes; anything else is an OpenID Connect issuer found through its discovery document.
import { CLOUD_HOSTS, type AppRegistration } from './registration';

export type AuthorityKind = 'entra' | 'b2c' | 'ciam' | 'oidc';

export interface Endpoints {
  kind: AuthorityKind;
  /** The authority as we will print it. */
  authority: string;
  issuer: string | null;
  tokenEndpoint: string;
  deviceAuthorizationEndpoint: string | null;
  authorizationEndpoint: string | null;
}

export type AuthorityPlan =
  | { type: 'static'; endpoints: Endpoints }
  | { type: 'discover'; authority: string; discoveryUrl: string; overrides: AppRegistration['endpoints'] }
  | { type: 'invalid'; error: string };

const ENTRA_HOSTS = new Set([...Object.values(CLOUD_HOSTS), 'login.microsoft.com', 'login.windows.net', 'sts.windows.net']);

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

function entraEndpoints(kind: AuthorityKind, base: string, deviceCode: boolean): Endpoints {
  return {
    kind,
    authority: base,
    issuer: null,
    tokenEndpoint: `${base}/oauth2/v2.0/token`,
    deviceAuthorizationEndpoint: deviceCode ? `${base}/oauth2/v2.0/devicecode` : null,
    authorizationEndpoint: `${base}/oauth2/v2.0/authorize`,
  };
}

/** Decides how to find endpoints; never throws and never touches the network. */
export function planAuthority(settings: AppRegistration): AuthorityPlan {
  const overrides = settings.endpoints;
  if (!settings.authority) {
    const host = CLOUD_HOSTS[settings.cloud ?? 'public'];
    const tenant = settings.tenant ?? 'organizations';
    const endpoints = entraEndpoints('entra', `https://${host}/${tenant}`, true);
    return { type: 'static', endpoints: applyOverrides(endpoints, overrides) };
  }
  let url: URL;
  try {
    url = new URL(settings.authority);
  } catch {
    return { type: 'invalid', error: `authority "${settings.authority}" is not a URL` };
  }
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  if (ENTRA_HOSTS.has(host)) {
    const tenant = segments[0];
    if (!tenant) return { type: 'invalid', error: `authority ${settings.authority} needs a tenant segment, e.g. https://${host}/contoso.onmicrosoft.com` };
    if (segments.length > 1 && !(segments.length === 2 && segments[1] === 'v2.0')) {
      return { type: 'invalid', error: `authority ${settings.authority} has extra path segments; use https://${host}/<tenant>` };
    }
    return { type: 'static', endpoints: applyOverrides(entraEndpoints('entra', `https://${host}/${tenant}`, true), overrides) };
  }
  if (host.endsWith('.b2clogin.com')) {
    if (segments.length < 2) {
      return {
        type: 'invalid',
        error: `B2C authority ${settings.authority} must look like https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com/<policy>`,
      };
    }
    // B2C has no device-code endpoint.
    return { type: 'static', endpoints: applyOverrides(entraEndpoints('b2c', `https://${host}/${segments[0]}/${segments[1]}`, false), overrides) };
  }
  if (host.endsWith('.ciamlogin.com')) {
    const tenant = segments[0] ?? `${host.slice(0, -'.ciamlogin.com'.length)}.onmicrosoft.com`;
    return { type: 'static', endpoints: applyOverrides(entraEndpoints('ciam', `https://${host}/${tenant}`, true), overrides) };
  }
  const authority = trimSlash(url.toString());
  if (overrides?.token) {
    // Explicit endpoints: no discovery needed (issuers without a discovery document).
    return {
      type: 'static',
      endpoints: {
        kind: 'oidc',
        authority,
        issuer: authority,
        tokenEndpoint: overrides.token,
        deviceAuthorizationEndpoint: overrides.deviceAuthorization ?? null,
        authorizationEndpoint: overrides.authorization ?? null,
      },
    };
  }
  return { type: 'discover', authority, discoveryUrl: `${authority}/.well-known/openid-configuration`, overrides };
}

/** Endpoints given in the settings win over discovered ones. */
export function applyOverrides(endpoints: Endpoints, overrides: AppRegistration['endpoints']): Endpoints {
  if (!overrides) return endpoints;
  return {
    ...endpoints,
    tokenEndpoint: overrides.token ?? endpoints.tokenEndpoint,
    deviceAuthorizationEndpoint: overrides.deviceAuthorization ?? endpoints.deviceAuthorizationEndpoint,
    authorizationEndpoint: overrides.authorization ?? endpoints.authorizationEndpoint,
  };
}

export type DiscoveryProblem = 'unreachable' | 'http_error' | 'not_json' | 'missing_token_endpoint' | 'issuer_mismatch' | 'insecure_endpoint';

export type DiscoveryResult = { ok: true; endpoints: Endpoints } | { ok: false; problem: DiscoveryProblem; message: string };

function acceptableEndpoint(value: unknown, authority: string): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    // Plain http only when the issuer itself is a loopback http issuer (the sandbox, local test servers).
    const issuer = new URL(authority);
    return url.protocol === 'http:' && issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Checks a discovery document; every problem gets its own message. */
export function parseDiscovery(authority: string, status: number, body: string, contentType: string | undefined, overrides?: AppRegistration['endpoints']): DiscoveryResult {
  if (status < 200 || status > 299) {
    return { ok: false, problem: 'http_error', message: `the discovery document at ${authority}/.well-known/openid-configuration answered HTTP ${status}; check the authority URL` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    const what = contentType ? ` (content type ${contentType.split(';')[0]})` : '';
    return { ok: false, problem: 'not_json', message: `the discovery document at ${authority}/.well-known/openid-configuration is not JSON${what}; a proxy or login page may be answering instead of the issuer` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, problem: 'not_json', message: 'the discovery document is JSON but not an object' };
  }
  const meta = doc as Record<string, unknown>;
  const issuer = typeof meta.issuer === 'string' ? meta.issuer : null;
  if (issuer !== null && trimSlash(issuer) !== trimSlash(authority) && !issuer.includes('{tenantid}')) {
    return {
      ok: false,
      problem: 'issuer_mismatch',
      message: `the discovery document names issuer ${issuer}, but the configured authority is ${authority}; use the issuer's exact URL as the authority`,
    };
  }
  if (!overrides?.token && meta.token_endpoint === undefined) {
    return { ok: false, problem: 'missing_token_endpoint', message: 'the discovery document has no token_endpoint; this issuer cannot issue tokens through Auth Lens unless endpoints.token is configured' };
  }
  const token = overrides?.token ?? meta.token_endpoint;
  if (!acceptableEndpoint(token, authority)) {
    return { ok: false, problem: 'insecure_endpoint', message: `the token endpoint ${String(token)} is not an https URL; refusing to send credentials to it` };
  }
  const device = overrides?.deviceAuthorization ?? meta.device_authorization_endpoint;
  const authorize = overrides?.authorization ?? meta.authorization_endpoint;
  return {
    ok: true,
    endpoints: {
      kind: 'oidc',
      authority,
      issuer,
      tokenEndpoint: token,
      deviceAuthorizationEndpoint: acceptableEndpoint(device, authority) ? device : null,
      authorizationEndpoint: acceptableEndpoint(authorize, authority) ? authorize : null,
    },
  };
}
