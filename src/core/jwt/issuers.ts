// The issuer forms of the Microsoft identity platform, and where each publishes its OpenID metadata.
// A token's `iss` says which cloud and tenant issued it and in which form (v1 or v2, B2C, External ID);
// signature verification fetches keys only from the hosts listed here, so a token pasted from a log
// can never make Auth Lens reach an arbitrary server. Browser-safe: no Node APIs.
import { GUID_RE } from '../guid';

export type Cloud = 'public' | 'usgov' | 'china';

export type IssuerKind = 'entra-v1' | 'entra-v2' | 'b2c' | 'external-id' | 'loopback' | 'other';

export interface IssuerForm {
  iss: string;
  kind: IssuerKind;
  /** The cloud of a Microsoft issuer; sts.windows.net (v1) serves both the public and the US Government cloud. */
  cloud: Cloud | null;
  /** The tenant segment of the issuer path (a GUID for Entra), or null. */
  tenant: string | null;
  /** OpenID metadata documents holding this issuer's jwks_uri, in the order to try (empty: not fetched). */
  metadataUrls: string[];
  /** Why no metadata is fetched for this issuer, when metadataUrls is empty. */
  notFetched: string | null;
}

/** Hosts whose v2.0 (and, for login.*, v1 metadata) issuer paths are `/{tenant}/v2.0`. */
const LOGIN_HOSTS: Record<string, Cloud> = {
  'login.microsoftonline.com': 'public',
  'login.windows.net': 'public',
  'login.microsoftonline.us': 'usgov',
  'login.chinacloudapi.cn': 'china',
  'login.partner.microsoftonline.cn': 'china',
};

/**
 * v1 issuers and where their metadata lives. sts.windows.net issues v1 tokens for both the public cloud
 * and Azure US Government, so both login hosts are tried (public first).
 */
const V1_HOSTS: Record<string, { cloud: Cloud; loginHosts: string[] }> = {
  'sts.windows.net': { cloud: 'public', loginHosts: ['login.microsoftonline.com', 'login.microsoftonline.us'] },
  'sts.chinacloudapi.cn': { cloud: 'china', loginHosts: ['login.chinacloudapi.cn'] },
};

const B2C_SUFFIXES: Record<string, Cloud> = { '.b2clogin.com': 'public', '.b2clogin.cn': 'china' };
const CIAM_SUFFIX = '.ciamlogin.com';

export { GUID_RE };

/** 127.0.0.1, localhost and [::1]: local test authorities such as the sandbox, reachable over http. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

/** Whether Auth Lens may fetch keys from this URL: https on a Microsoft identity host, or any loopback URL. */
export function isTrustedKeyUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (isLoopbackHost(u.hostname)) return u.protocol === 'http:' || u.protocol === 'https:';
  if (u.protocol !== 'https:' || u.port !== '') return false;
  const host = u.hostname.toLowerCase();
  return (
    host in LOGIN_HOSTS ||
    host in V1_HOSTS ||
    Object.keys(B2C_SUFFIXES).some((s) => host.endsWith(s)) ||
    host.endsWith(CIAM_SUFFIX)
  );
}

function wellKnown(base: string, query = ''): string {
  return `${base.replace(/\/+$/, '')}/.well-known/openid-configuration${query}`;
}

/** The B2C policy (user flow or custom policy) a token names: tfp on older tokens, acr on newer ones. */
function b2cPolicy(payload: Record<string, unknown> | null): string | null {
  for (const name of ['tfp', 'acr']) {
    const v = payload?.[name];
    if (typeof v === 'string' && /^b2c_1a?_[A-Za-z0-9_.-]+$/i.test(v)) return v;
  }
  return null;
}

/** Reads an issuer: its form, cloud, tenant and where its keys are published. */
export function parseIssuer(iss: string, payload: Record<string, unknown> | null = null): IssuerForm {
  const form: IssuerForm = { iss, kind: 'other', cloud: null, tenant: null, metadataUrls: [], notFetched: null };
  let u: URL;
  try {
    u = new URL(iss);
  } catch {
    form.notFetched = `The issuer "${iss.slice(0, 80)}" is not a URL, so there is no metadata to find keys in.`;
    return form;
  }
  const host = u.hostname.toLowerCase();
  const segments = u.pathname.split('/').filter(Boolean);
  if (isLoopbackHost(host) && (u.protocol === 'http:' || u.protocol === 'https:')) {
    form.kind = 'loopback';
    form.tenant = segments[0] && GUID_RE.test(segments[0]) ? segments[0] : null;
    form.metadataUrls = [wellKnown(iss)];
    return form;
  }
  if (u.protocol !== 'https:') {
    form.notFetched = `The issuer ${u.origin} is not https; keys are fetched only from Microsoft identity hosts over https (and local test authorities).`;
    return form;
  }
  const v1 = V1_HOSTS[host];
  if (v1 && segments.length === 1) {
    form.kind = 'entra-v1';
    form.cloud = v1.cloud;
    form.tenant = segments[0]!;
    form.metadataUrls = v1.loginHosts.map((h) => wellKnown(`https://${h}/${form.tenant}`));
    return form;
  }
  const loginCloud = LOGIN_HOSTS[host];
  if (loginCloud && segments[0] === 'tfp' && segments.length >= 3) {
    // The legacy B2C form on the login host: /tfp/{tenant}/{policy}/v2.0/.
    form.kind = 'b2c';
    form.cloud = loginCloud;
    form.tenant = segments[1]!;
    form.metadataUrls = [wellKnown(iss)];
    return form;
  }
  if (loginCloud && segments.length === 2 && segments[1] === 'v2.0') {
    form.kind = 'entra-v2';
    form.cloud = loginCloud;
    form.tenant = segments[0]!;
    form.metadataUrls = [wellKnown(iss)];
    return form;
  }
  const b2cSuffix = Object.keys(B2C_SUFFIXES).find((s) => host.endsWith(s));
  if (b2cSuffix && segments.length >= 2 && segments[segments.length - 1] === 'v2.0') {
    form.kind = 'b2c';
    form.cloud = B2C_SUFFIXES[b2cSuffix]!;
    form.tenant = segments[0]!;
    // B2C publishes keys per policy; the tenant-level document needs the policy as ?p=.
    const policy = b2cPolicy(payload);
    if (policy) form.metadataUrls = [wellKnown(iss, `?p=${encodeURIComponent(policy)}`)];
    else form.notFetched = 'Azure AD B2C publishes keys per user flow or policy, and this token names none (no tfp or acr claim).';
    return form;
  }
  if (host.endsWith(CIAM_SUFFIX) && segments.length === 2 && segments[1] === 'v2.0') {
    form.kind = 'external-id';
    form.cloud = 'public';
    form.tenant = segments[0]!;
    form.metadataUrls = [wellKnown(iss)];
    return form;
  }
  form.notFetched =
    `The issuer host ${host} is not a Microsoft identity host (login.microsoftonline.com/.us, login.chinacloudapi.cn, sts.windows.net, ` +
    '*.b2clogin.com, *.ciamlogin.com). Auth Lens fetches keys only from those and from local test authorities; give this issuer\'s keys with --jwks.';
  return form;
}

/** The issuer forms an API of `tenant` accepts, for messages: the v1 and v2 issuers of the token's cloud. */
export function expectedIssuers(form: IssuerForm, tenant: string): string[] {
  switch (form.cloud) {
    case 'usgov':
      return [`https://sts.windows.net/${tenant}/`, `https://login.microsoftonline.us/${tenant}/v2.0`];
    case 'china':
      return [`https://sts.chinacloudapi.cn/${tenant}/`, `https://login.partner.microsoftonline.cn/${tenant}/v2.0`];
    default:
      return [`https://sts.windows.net/${tenant}/`, `https://login.microsoftonline.com/${tenant}/v2.0`];
  }
}
