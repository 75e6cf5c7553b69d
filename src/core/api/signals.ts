// What an API's refusal says beyond its error code: which API answered, the tenant and audience it
// expects, the principal, action and scope an RBAC refusal names, the issuer an IdentityModel message
// quotes. The classifier's readers (src/core/classify) already turned the answer into Facts; this reads
// the few values the Token vs API diagnosis needs from those Facts and the message text. Browser-safe.
import { extract, sniff, type Facts } from '../classify/extract';
import type { Challenge } from '../classify/http-text';
import { GUID_RE } from '../jwt/issuers';
import adviceData from './advice.json';
import type { AdviceFile, ApiData, ApiId } from './schema';

// The data is checked against its schema by test/unit/api-diagnose.test.ts; JSON inference cannot see the enums.
export const ADVICE = adviceData as unknown as AdviceFile;

export interface AnswerSignals {
  facts: Facts;
  /** The answer's text, lower-cased, for the message fragments. */
  lower: string;
  api: ApiData;
  /** The scope to request from this API at the request's host (its cloud's form). */
  scope: string | null;
  /** How the API was recognised, for the reader. */
  apiVia: 'host' | 'error code' | 'challenge' | 'body' | 'token' | null;
  /** The first Bearer (or PoP) challenge's parameters. */
  challenge: Record<string, string> | null;
  /** The tenant the API expects tokens from (authorization_uri, or a tenant its message names). */
  tenant: string | null;
  /** For an API of your own: the audience its message says it accepts. */
  expectedAudience: string | null;
  /** The token audience the message quotes (the one it refused). */
  refusedAudience: string | null;
  /** IDX10205: the issuer the token had and the one the API accepts. */
  issuer: string | null;
  validIssuer: string | null;
  /** RBAC refusals: the principal's object id, the action and the scope the message names. */
  principal: string | null;
  action: string | null;
  resourceScope: string | null;
  /** The scope or permission the API says it needs (WWW-Authenticate scope=…). */
  permission: string | null;
  /** Times a lifetime message quotes. */
  expiredAt: string | null;
  /** Key Vault's innererror code (ForbiddenByRbac, AccessDenied), more telling than its outer "Forbidden". */
  innerCode: string | null;
}

export function apiById(id: ApiId): ApiData {
  return ADVICE.apis.find((a) => a.id === id)!;
}

/** The API a host name belongs to, or null for hosts Auth Lens does not know. */
export function apiForHost(host: string | null): ApiData | null {
  if (!host) return null;
  const h = host.toLowerCase();
  return ADVICE.apis.find((a) => a.hosts.includes(h) || a.hostSuffixes.some((s) => h.endsWith(s))) ?? null;
}

/** The API that accepts this audience, or null. Trailing slashes do not matter here. */
export function apiForAudience(aud: string | null): ApiData | null {
  if (!aud) return null;
  const trim = (s: string) => s.replace(/\/+$/, '').toLowerCase();
  const a = trim(aud);
  return ADVICE.apis.find((api) => api.audiences.some((x) => trim(x) === a)) ?? null;
}

const API_VOCABULARIES: Record<string, ApiId> = { graph: 'graph', arm: 'arm', 'key-vault': 'key-vault', storage: 'storage' };

function firstBearer(challenges: Challenge[]): Record<string, string> | null {
  const c = challenges.find((ch) => /^(bearer|pop)$/i.test(ch.scheme));
  return c ? c.params : null;
}

function tenantIn(url: string | undefined): string | null {
  if (!url) return null;
  const m = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i.exec(url);
  return m ? m[1]! : null;
}

function quoted(text: string, re: RegExp): string | null {
  const m = re.exec(text);
  return m ? m[1]!.trim().slice(0, 400) : null;
}

/** The scope to request from the API at this host: its cloud's own when the host is not the public cloud's. */
export function scopeFor(api: ApiData, host: string | null): string | null {
  const h = host?.toLowerCase();
  const match = h ? Object.keys(api.scopeByHost).find((k) => (k.startsWith('.') ? h.endsWith(k) : h === k)) : undefined;
  return match ? api.scopeByHost[match]! : api.scope;
}

/** Reads what the Token vs API diagnosis needs from the answer. `host` is the request's, when it was pasted. */
export function readAnswer(response: string, host: string | null, now: Date): AnswerSignals {
  const facts = extract(response, sniff(response), now);
  const lower = response.toLowerCase();
  const challenge = firstBearer(facts.challenges);
  // Messages inside JSON keep their line breaks as \r\n escapes; as real breaks, the labels below start words.
  const text = response.replace(/\\r\\n|\\n|\\r/g, '\n');

  let api = apiForHost(host);
  let apiVia: AnswerSignals['apiVia'] = api ? 'host' : null;
  const vocab = facts.known ? API_VOCABULARIES[facts.known.vocabulary] : undefined;
  if (!api && vocab) [api, apiVia] = [apiById(vocab), 'error code'];
  if (!api && challenge) {
    const byResource = apiForAudience(challenge['resource_id'] ?? challenge['resource'] ?? null);
    if (byResource) [api, apiVia] = [byResource, 'challenge'];
  }
  if (!api && /<error>\s*<code>/i.test(response)) [api, apiVia] = [apiById('storage'), 'body'];

  // "…must match the tenant 'https://sts.windows.net/{tid}/'" (ARM), "Expected one of https://sts.windows.net/{tid}/" (Key Vault).
  const named = /(?:must match the tenant|expected(?: one of)?|validissuer:)\s*'?\s*https?:\/\/[^\s'/]+\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text)?.[1] ?? null;
  const challengeTenant = tenantIn(challenge?.['authorization_uri'] ?? challenge?.['authorization']);
  const validIssuer = quoted(text, /validationParameters\.ValidIssuer:\s*'([^']+)'/i);
  const issuer = quoted(text, /IDX10205:[^']*Issuer:\s*'([^']+)'/i);

  const expectedAudience =
    quoted(text, /validationParameters\.ValidAudience:\s*'([^']+)'/i) ??
    (api ? null : (challenge?.['resource_id'] ?? challenge?.['resource'] ?? null));
  const refusedAudience =
    quoted(text, /The audience '([^']+)' is invalid/i) ??
    quoted(text, /IDX10214:[^']*Audiences:\s*'([^']+)'/i) ??
    quoted(text, /obtained for wrong audience or resource '([^']+)'/i) ??
    quoted(text, /Invalid audience\. Expected [^,\n]{1,200}, found:? ?([^\s"]{1,400})/i)?.replace(/\.$/, '') ?? null;

  // ARM: "…with object id 'OID' does not have authorization to perform action 'ACTION' over scope 'SCOPE'…";
  // Key Vault RBAC: "Caller: appid=…;oid=OID;… Action: 'ACTION' Resource: 'SCOPE'"; access policies:
  // "The user, group or application 'appid=…;oid=OID;…' does not have secrets get permission…".
  const principal = quoted(text, /object id '([0-9a-f-]{36})'/i) ?? quoted(text, /\boid=([0-9a-f-]{36})/i);
  const action =
    quoted(text, /perform action '([^']+)'/i) ??
    quoted(text, /\bAction:\s*'([^']+)'/i) ??
    quoted(text, /does not have ((?:secrets|keys|certificates) [a-z]+) permission/i);
  const resourceScope = quoted(text, /over scope '([^']+)'/i) ?? quoted(text, /\bResource:\s*'([^']+)'/i) ?? quoted(text, /permission on key vault '([^';]+)/i);

  const permission = challenge?.['scope'] ?? quoted(text, /requires? (?:the )?(?:scope|permission)s? '?([A-Za-z]\w*(?:\.\w+)+)/i);
  const expiredAt =
    quoted(text, /The token expired at '([^']+)'/i) ?? quoted(text, /ValidTo(?: \(UTC\))?:\s*'([^']+)'/i) ?? quoted(text, /expiry UTC time '([^']+)'/i);

  const validTenant = validIssuer ? tenantIn(validIssuer + '/') : null;
  const tenant = [challengeTenant, named, validTenant].find((t) => t !== null && GUID_RE.test(t)) ?? null;
  return {
    facts,
    lower,
    api: api ?? apiById('custom'),
    scope: scopeFor(api ?? apiById('custom'), host),
    apiVia,
    challenge,
    tenant,
    expectedAudience,
    refusedAudience,
    issuer,
    validIssuer,
    principal,
    action,
    resourceScope,
    permission,
    expiredAt,
    innerCode: quoted(text, /"innererror"\s*:\s*\{\s*"code"\s*:\s*"([A-Za-z]{3,60})"/i),
  };
}
