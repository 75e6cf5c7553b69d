// Compares two tokens — "this one works, that one doesn't: why?" — claim by claim, and says which of
// the differences decide whether an API lets the call through, each with a one-line reason.
// Browser-safe: the panel can use it as it is.
import type { DecodedToken } from '../types';
import { knownResourceName, MSA_TENANT_ID } from './claims';
import { CLOCK_SKEW_SECONDS, decodeToken, describeToken } from './decode';
import { GUID_RE, parseIssuer } from './issuers';
import { isoString, numericDate, relativeTime } from './time';

export interface ClaimDifference {
  /** The claim name; header fields are written `header.<name>`. */
  claim: string;
  /** The value in token A (null when A lacks the claim). */
  a: unknown;
  b: unknown;
  /** True when the difference can decide whether an API authorizes the call. */
  matters: boolean;
  why: string;
}

export interface ComparedToken {
  /** One line: type, version, caller, audience. */
  description: string;
  /** Why the token could not be read, or null. */
  problem: string | null;
}

export interface TokenComparison {
  a: ComparedToken;
  b: ComparedToken;
  /** Differences that matter first (most decisive first), then the others by claim name. */
  differences: ClaimDifference[];
}

type Json = Record<string, unknown>;
type Side = { v: unknown; p: Json; present: boolean };
type Rule = (a: Side, b: Side, now: Date) => { matters: boolean; why: string };

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  if (typeof v === 'string') return v.split(' ').filter(Boolean);
  return [];
}

/** "only A has x, y; only B has z", for claims that are sets. */
function setDifference(a: unknown, b: unknown, name: (s: string) => string = (s) => s): string {
  const la = list(a);
  const lb = list(b);
  const onlyA = la.filter((x) => !lb.includes(x)).map(name);
  const onlyB = lb.filter((x) => !la.includes(x)).map(name);
  const parts: string[] = [];
  if (onlyA.length) parts.push(`only A has ${onlyA.join(', ')}`);
  if (onlyB.length) parts.push(`only B has ${onlyB.join(', ')}`);
  return parts.join('; ') || 'the same values in another order';
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function audName(v: unknown): string {
  const aud = text(v);
  const name = typeof v === 'string' ? knownResourceName(v) : null;
  return name ? `${aud} (${name})` : aud;
}

/** Directory role templates seen most often in wids, by template id. */
const ROLE_NAMES: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'b79fbf4d-3ef9-4689-8143-76b194e85509': 'member user (default role)',
};

function roleName(id: string): string {
  return ROLE_NAMES[id] ? `${id} (${ROLE_NAMES[id]})` : id;
}

const hasScp = (s: Side) => list(s.p.scp).length > 0;
const hasRoles = (s: Side) => list(s.p.roles).length > 0;

/** Delegated (a user) vs app-only (no user): the switch that changes which permission claim an API reads. */
function callerSwitch(a: Side, b: Side): string | null {
  if (hasScp(a) && !hasScp(b) && hasRoles(b)) return 'A is delegated (scp: a signed-in user), B is app-only (roles, no user): an API that checks scp refuses B, one that checks roles refuses A. ';
  if (hasScp(b) && !hasScp(a) && hasRoles(a)) return 'A is app-only (roles, no user), B is delegated (scp: a signed-in user): an API that checks roles refuses B, one that checks scp refuses A. ';
  return null;
}

/** Outside the validity window beyond the clock-skew allowance, in words; null when inside it. */
function timeState(claim: 'exp' | 'nbf', p: Json, now: Date): string | null {
  const skew = CLOCK_SKEW_SECONDS * 1000;
  const at = numericDate(p[claim]);
  if (claim === 'exp') {
    if (!at) return 'has no expiry';
    return at.getTime() + skew < now.getTime() ? `expired ${relativeTime(at, now)} (${isoString(at)})` : null;
  }
  return at && at.getTime() - skew > now.getTime() ? `is not valid until ${isoString(at)}` : null;
}

const matter = (why: string) => ({ matters: true, why });
const minor = (why: string) => ({ matters: false, why });

function timeRule(claim: 'exp' | 'nbf'): Rule {
  return (a, b, now) => {
    const sa = timeState(claim, a.p, now);
    const sb = timeState(claim, b.p, now);
    if (sa !== null && sb !== null) return minor(`Both tokens are outside their validity window (A ${sa}, B ${sb}).`);
    if (sa === null && sb === null) return minor(claim === 'exp' ? 'Both tokens are still valid; they expire at different times.' : 'Both tokens are already valid.');
    return matter(sa ? `A ${sa}: an API answers 401 to it, while B is within its window.` : `B ${sb}: an API answers 401 to it, while A is within its window.`);
  };
}

/**
 * One rule per claim an API authorizes on, in the order their differences are listed: what the
 * difference does to the call. Claims without a rule differ without deciding anything.
 */
const RULES: [string, Rule][] = [
  ['header.nonce', (a) => matter(`${a.present ? 'A' : 'B'} carries a nonce in its header: a Microsoft Graph token, which only Graph can validate; any other API refuses it.`)],
  ['header.alg', (a, b) => (/^none$/i.test(text(a.v)) || /^none$/i.test(text(b.v)) ? matter('One token is unsigned (alg none): no API should accept it.') : minor('Different signing algorithms; each verifies with its own key.'))],
  [
    'aud',
    (a, b) => {
      const trim = (v: unknown) => text(v).replace(/\/+$/, '');
      if (a.present && b.present && trim(a.v) === trim(b.v)) {
        return matter(`The same resource written with and without a trailing slash (${audName(a.v)} vs ${audName(b.v)}): the audience check is exact, so an API accepting one form refuses the other.`);
      }
      if (a.present && b.present && GUID_RE.test(text(a.v)) !== GUID_RE.test(text(b.v)) && !knownResourceName(text(a.v)) && !knownResourceName(text(b.v))) {
        return matter(`One names the API by client id, the other by App ID URI (v2.0 vs v1.0 tokens): an API that accepts only one form refuses the other.`);
      }
      return matter(`Different audiences (${a.present ? audName(a.v) : 'none'} vs ${b.present ? audName(b.v) : 'none'}): an API accepts only tokens issued for it and answers 401 to the other.`);
    },
  ],
  [
    'iss',
    (a, b) => {
      const fa = a.present ? parseIssuer(text(a.v), a.p) : null;
      const fb = b.present ? parseIssuer(text(b.v), b.p) : null;
      if (fa && fb && fa.cloud !== fb.cloud) return matter(`Issued in different clouds (${fa.cloud ?? 'other'} vs ${fb.cloud ?? 'other'}): keys, issuers and tenants are separate per cloud.`);
      if (fa && fb && fa.tenant?.toLowerCase() !== fb.tenant?.toLowerCase()) return matter(`Issued by different tenants (${fa.tenant} vs ${fb.tenant}): a single-tenant API accepts only its own tenant's issuer.`);
      if (fa && fb && fa.kind !== fb.kind) {
        return matter(`Different issuer forms (${fa.kind.replace('entra-', '')} vs ${fb.kind.replace('entra-', '')}): an API validating the v1.0 issuer (sts.windows.net) refuses the v2.0 one (…/v2.0) and vice versa.`);
      }
      return matter('Different issuers: an API validates iss against the issuer(s) it trusts and refuses any other.');
    },
  ],
  [
    'tid',
    (a, b) =>
      matter(
        `Different tenants${a.v === MSA_TENANT_ID || b.v === MSA_TENANT_ID ? ' (one is the consumer tenant: a personal Microsoft account)' : ''}: a single-tenant API accepts only its own; consent, app roles and Azure role assignments are per tenant.`,
      ),
  ],
  ['ver', () => matter('Different token versions (1.0 vs 2.0): the issuer form and the audience form change with it, and an API validating one version\'s issuer refuses the other. The API\'s manifest (accessTokenAcceptedVersion) decides the version.')],
  ['idtyp', () => matter('One token is for an app (no user), the other for a user: APIs that require a user (or an app) refuse the other kind.')],
  ['scp', (a, b) => matter(`${callerSwitch(a, b) ?? ''}Delegated permissions differ (${setDifference(a.v, b.v)}): an API answers 403 when the scope its operation requires is missing.`)],
  ['roles', (a, b) => matter(`${hasScp(a) || hasScp(b) ? '' : callerSwitch(a, b) ?? ''}App roles differ (${setDifference(a.v, b.v)}): application permissions (or roles assigned to the user) the API checks; the token without the required one gets 403.`)],
  ['wids', (a, b) => matter(`Directory roles differ (${setDifference(a.v, b.v, roleName)}): APIs that authorize administrators by directory role read wids.`)],
  ['groups', (a, b) => matter(`Group membership differs (${Array.isArray(a.v) && Array.isArray(b.v) ? setDifference(a.v, b.v) : `${a.present ? 'A' : 'B'} lists groups, the other does not`}): APIs that authorize by group compare these ids.`)],
  [
    '_claim_names',
    (a) =>
      matter(
        `Group overage in ${a.present ? 'A' : 'B'}: its groups were replaced by a pointer to Microsoft Graph because the user is in too many groups. An API that reads groups from the token sees none there and must call Graph.`,
      ),
  ],
  ['hasgroups', (a) => matter(`Group overage in ${a.present ? 'A' : 'B'} (hasgroups): the token lists no groups; an API must read them from Microsoft Graph.`)],
  ['appid', () => matter('Requested by different client apps: consent, an API\'s allow-list of callers and app-only role assignments are per client.')],
  ['azp', () => matter('Requested by different client apps: consent, an API\'s allow-list of callers and app-only role assignments are per client.')],
  ['appidacr', () => matter('The client authenticated differently (0 public client, 1 secret, 2 certificate): APIs that accept only confidential or certificate-authenticated callers tell these apart.')],
  ['azpacr', () => matter('The client authenticated differently (0 public client, 1 secret, 2 certificate): APIs that accept only confidential or certificate-authenticated callers tell these apart.')],
  ['oid', () => matter('Different principals (user or service principal): Azure role assignments, app role assignments and group membership belong to the object id.')],
  ['amr', (a, b) => matter(`Sign-in methods differ (${setDifference(a.v, b.v)}): an API or Conditional Access policy that requires multifactor authentication refuses the token without mfa.`)],
  ['acrs', (a, b) => matter(`Authentication contexts differ (${setDifference(a.v, b.v)}): an API that asks for a context in a claims challenge accepts only the token that carries it.`)],
  [
    'xms_cc',
    (a, b) =>
      matter(
        `Client capabilities differ (${setDifference(a.v, b.v)}): a client declaring cp1 gets Continuous Access Evaluation tokens (long-lived, revocable at once) and must answer the API's claims challenges.`,
      ),
  ],
  ['exp', timeRule('exp')],
  ['nbf', timeRule('nbf')],
];

const RULE_ORDER = new Map(RULES.map(([name], i) => [name, i]));
const RULE_OF = new Map(RULES);

const VOLATILE: Record<string, string> = {
  iat: 'Issue time; differs between any two tokens.',
  uti: 'Unique token id; differs between any two tokens.',
  jti: 'Unique token id; differs between any two tokens.',
  rh: 'Internal Entra state; differs between tokens.',
  aio: 'Internal Entra state; differs between tokens.',
  sid: 'Sign-in session id.',
  auth_time: 'When the user last signed in.',
  sub: 'Pairwise subject (per user and app); authorization uses oid and tid.',
  'header.kid': 'Signed with different keys (keys rotate); each verifies against its own.',
  'header.x5t': 'Signed with different keys (keys rotate); each verifies against its own.',
  'header.typ': 'Token type label; not checked for authorization.',
};
const DISPLAY = new Set(['name', 'given_name', 'family_name', 'preferred_username', 'upn', 'unique_name', 'email', 'login_hint', 'ipaddr']);

function minorWhy(claim: string): string {
  if (VOLATILE[claim]) return VOLATILE[claim]!;
  if (DISPLAY.has(claim)) return 'Display or diagnostic claim: authorization relies on oid and tid, not on names.';
  return 'Not a claim APIs authorize on.';
}

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function sideOf(d: DecodedToken): ComparedToken {
  return { description: describeToken(d), problem: d.payload ? null : d.problem ?? 'The token could not be read.' };
}

/** Compares two decoded tokens. A token without readable claims has nothing to compare. */
export function compareDecoded(da: DecodedToken, db: DecodedToken, now: Date = new Date()): TokenComparison {
  const result: TokenComparison = { a: sideOf(da), b: sideOf(db), differences: [] };
  if (!da.payload || !db.payload) return result;
  const fields = (d: DecodedToken): Json => {
    const out: Json = { ...(d.payload as Json) };
    for (const [k, v] of Object.entries(d.header ?? {})) out[`header.${k}`] = v;
    return out;
  };
  const fa = fields(da);
  const fb = fields(db);
  const pa = da.payload as Json;
  const pb = db.payload as Json;
  const names = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
  for (const claim of names) {
    const inA = Object.prototype.hasOwnProperty.call(fa, claim);
    const inB = Object.prototype.hasOwnProperty.call(fb, claim);
    if (inA && inB && same(fa[claim], fb[claim])) continue;
    const rule = RULE_OF.get(claim);
    const verdict = rule
      ? rule({ v: fa[claim] ?? null, p: pa, present: inA }, { v: fb[claim] ?? null, p: pb, present: inB }, now)
      : minor(minorWhy(claim));
    result.differences.push({ claim, a: inA ? fa[claim] : null, b: inB ? fb[claim] : null, ...verdict });
  }
  const rank = (d: ClaimDifference) => (d.matters ? (RULE_ORDER.get(d.claim) ?? RULES.length) : RULES.length + 1);
  result.differences.sort((x, y) => rank(x) - rank(y) || x.claim.localeCompare(y.claim));
  return result;
}

/** Decodes and compares two token texts. */
export function compareTokens(a: string, b: string, now: Date = new Date()): TokenComparison {
  return compareDecoded(decodeToken(a, now), decodeToken(b, now), now);
}
