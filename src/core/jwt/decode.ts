// Decodes a token pasted from anywhere (a header, a log, JSON) and says what it is, in plain words.
// Never throws: every bad input becomes a DecodedToken with kind 'invalid' and a specific problem.
// Browser-safe (the webview imports it): only atob/TextDecoder, no Node APIs.
import { jwtDecode } from 'jwt-decode';
import type { ClaimExplanation, DecodedToken } from '../types';
import { redactToken } from '../redact';
import { explainClaim, explainHeader, GRAPH_APP_ID, isGraphAudience, knownResourceName, MSA_TENANT_ID, TIME_CLAIMS } from './claims';
import { duration, isoString, numericDate, relativeTime } from './time';

/**
 * The longest text decodeToken reads. Entra tokens stay in the low kilobytes (a token carrying a
 * thousand group ids is still far under this), so anything longer is a log or a file, not one token,
 * and reading it would only cost time.
 */
export const MAX_TOKEN_TEXT = 64 * 1024;

/** Entra accepts tokens a few minutes either side of their window; the same tolerance is used here. */
export const CLOCK_SKEW_SECONDS = 5 * 60;
const B64URL = /^[A-Za-z0-9_-]*$/;
const B64_ANY = /^[A-Za-z0-9_\-+/]*={0,2}$/;
const SEGMENT_NAMES = ['header', 'payload', 'signature'];

type Json = Record<string, unknown>;

function empty(partial: Partial<DecodedToken>): DecodedToken {
  return {
    kind: 'invalid',
    problem: null,
    hadBearerPrefix: false,
    header: null,
    payload: null,
    tokenType: 'unknown',
    version: null,
    appOnly: null,
    audience: null,
    appId: null,
    scopes: [],
    roles: [],
    tenantId: null,
    issuedAt: null,
    expiresAt: null,
    expiresInSeconds: null,
    headerClaims: [],
    claims: [],
    warnings: [],
    signature: { present: false, status: 'unverified', note: 'No signature to check.' },
    redacted: '',
    ...partial,
  };
}

/**
 * Base64url bytes → text. Buffer (Node, the CLI and the extension host) decodes natively; the
 * webview has no Buffer and goes through atob. `exact` is false when the bytes are not plain
 * UTF-8 (a replacement character or a byte-order mark appears): only then can the text differ from
 * what jwt-decode produces for the same segment, so the caller hands those tokens to jwt-decode.
 */
type NodeBuffer = { from(s: string, enc: string): { toString(enc: string): string } };
const NODE_BUFFER = (globalThis as { Buffer?: NodeBuffer }).Buffer;
let utf8Decoder: InstanceType<typeof TextDecoder> | undefined;

function bytesToText(segment: string): { text: string; exact: boolean } {
  if (NODE_BUFFER) {
    const text = NODE_BUFFER.from(segment, 'base64url').toString('utf8');
    if (text.indexOf('\uFFFD') === -1 && text.charCodeAt(0) !== 0xfeff) return { text, exact: true };
  }
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((segment.length + 3) % 4);
  const bin = atob(b64);
  // Pure ASCII (the usual JSON of a token) is already the text; no byte copy or decoder needed.
  if (!/[^\x00-\x7f]/.test(bin)) return { text: bin, exact: true };
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  // fatal: false replaces broken sequences, so a damaged claim still shows (as U+FFFD) instead of failing.
  const text = (utf8Decoder ??= new TextDecoder('utf-8', { fatal: false })).decode(bytes);
  return { text, exact: text.indexOf('\uFFFD') === -1 && !bin.startsWith('\xef\xbb\xbf') };
}

/** Base64url → text, with the failure reason when it is not decodable. */
function decodeSegment(segment: string, name: string, urlSafe = false): { text: string; exact: boolean } | { problem: string } {
  if (segment.length === 0) return { problem: `The ${name} segment is empty.` };
  if (!urlSafe && !B64URL.test(segment)) {
    const bad = segment.match(/[^A-Za-z0-9_-]/)?.[0] ?? '?';
    const hint = bad === '+' || bad === '/' || bad === '=' ? ' (standard base64 instead of base64url: the token was re-encoded somewhere)' : '';
    return { problem: `The ${name} segment contains "${bad === ' ' ? 'a space' : bad}", which is not allowed in base64url${hint}.` };
  }
  if (segment.length % 4 === 1) return { problem: `The ${name} segment has an impossible base64url length (${segment.length}); the token was probably cut off or had characters removed.` };
  try {
    return bytesToText(segment);
  } catch {
    return { problem: `The ${name} segment is not valid base64url.` };
  }
}

function parseJsonSegment(segment: string, name: string, urlSafe = false): { json: Json; exact: boolean; noEscapes: boolean } | { problem: string } {
  const decoded = decodeSegment(segment, name, urlSafe);
  if ('problem' in decoded) return decoded;
  try {
    const json: unknown = JSON.parse(decoded.text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problem: `The ${name} decodes to JSON but not to an object.` };
    return { json: json as Json, exact: decoded.exact, noEscapes: decoded.text.indexOf('\\') === -1 };
  } catch {
    const looksCut = !decoded.text.trimEnd().endsWith('}');
    return {
      problem: looksCut
        ? `The ${name} decodes to JSON that stops short; the token was probably truncated when it was copied.`
        : `The ${name} does not decode to valid JSON; the token is damaged.`,
    };
  }
}

/** Strips what people paste around a token: quotes, "Bearer ", "Authorization:", line breaks. */
export function clean(input: string): { token: string; hadBearer: boolean; urlSafe: boolean } {
  let t = input.trim();
  // The regexes only run when the first letter could start them (a/A, b/B): most pastes are bare tokens.
  if ((t.charCodeAt(0) | 0x20) === 0x61) t = t.replace(/^authorization\s*:\s*/i, '');
  let hadBearer = false;
  const bearer = (t.charCodeAt(0) | 0x20) === 0x62 ? /^bearer\s+/i.exec(t) : null;
  if (bearer) {
    hadBearer = true;
    t = t.slice(bearer[0].length);
  }
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1).trim();
  // urlSafe: only base64url characters and dots remain, so the segments need no further character check.
  if (/^[A-Za-z0-9_\-.]+$/.test(t)) return { token: t, hadBearer, urlSafe: true };
  // Tokens wrapped over several lines in a terminal or an email come back with whitespace inside.
  if (/^[A-Za-z0-9_\-.\s]+$/.test(t)) return { token: t.replace(/\s+/g, ''), hadBearer, urlSafe: true };
  return { token: t, hadBearer, urlSafe: false };
}

function explainOpaque(token: string): string {
  if (/^Ew[A-Za-z]/.test(token)) {
    return (
      'Not a JWT: this looks like a personal Microsoft account (MSA) access token, an opaque ticket only the target service can read. ' +
      'It is normal for consumer accounts; its contents cannot be decoded or checked locally.'
    );
  }
  if (/^\d\.A[A-Za-z0-9_-]/.test(token) || /^[01]\.A/.test(token)) {
    return 'Not a JWT: this looks like an Entra refresh token or authorization code, which are opaque by design and can only be redeemed at the token endpoint.';
  }
  if (B64_ANY.test(token) && token.length < 20) {
    return `Too short to be a token (${token.length} characters); access tokens are hundreds of characters long. Part of it may be missing.`;
  }
  if (B64_ANY.test(token)) {
    return 'Not a JWT: the text is not three base64url segments separated by dots. It may be an opaque token (only the issuing service can read it), a reference token, or a key rather than a token.';
  }
  return 'Not a token: the text contains characters that never appear in a JWT and is not three base64url segments separated by dots.';
}

/** The time claims' dates as read by claimList, so the later checks do not read them again. */
type Dates = Record<string, Date | null>;

function explainTime(name: string, value: unknown, now: Date, dates?: Dates): ClaimExplanation['time'] {
  // The name test first: it is a set lookup, while reading a number out of a string is not free.
  if (!TIME_CLAIMS.has(name)) return undefined;
  const d = numericDate(value);
  if (dates) dates[name] = d;
  if (!d) return undefined;
  return { iso: isoString(d), relative: relativeTime(d, now) };
}

/** True when JSON.stringify would write the string unchanged between quotes (nothing to escape). */
function plainString(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** A claim value as JSON text; numbers and plain strings skip the general serializer. */
function valueJson(value: unknown, noEscapes: boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' && (noEscapes || plainString(value))) return `"${value}"`;
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

/**
 * noEscapes: the JSON text these values came from had no backslash. JSON text cannot hold raw
 * control characters or quotes inside a string, so then no string value needs escaping and its JSON
 * form is the string between quotes, with no per-character check.
 */
function claimList(obj: Json, now: Date, header: boolean, payload: Json, noEscapes = false, dates?: Dates): ClaimExplanation[] {
  const out: ClaimExplanation[] = [];
  const names = Object.keys(obj);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = obj[name];
    const { explanation, unknown } = header ? explainHeader(name, value) : explainClaim(name, value, payload);
    const entry: ClaimExplanation = { name, value: valueJson(value, noEscapes), explanation };
    const time = header ? undefined : explainTime(name, value, now, dates);
    if (time) entry.time = time;
    if (unknown) entry.unknown = true;
    out.push(entry);
  }
  return out;
}

function asString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(' ').filter(Boolean);
  return [];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rules used to tell tokens apart (documented here because users ask):
 * - version: `ver` "1.0"/"2.0"; without `ver`, the issuer form (sts.windows.net → v1, …/v2.0 → v2).
 * - access vs ID: an access token carries scp, roles, appid/azp or idtyp; an ID token carries
 *   at_hash, c_hash or a payload nonce, or has none of the access markers and a GUID audience
 *   (the client id of the app that signed in).
 * - app-only vs delegated (access tokens): idtyp "app"/"user" decides when present; otherwise a token
 *   with scp is delegated; a token with no scp and with roles, or whose sub equals its oid, or with no
 *   user claims (upn, preferred_username, name, unique_name) is app-only.
 */
function classifyPayload(p: Json): Pick<DecodedToken, 'tokenType' | 'version' | 'appOnly'> & { versionHints: string[] } {
  const hints: string[] = [];
  const ver = asString(p.ver);
  const iss = asString(p.iss) ?? '';
  const issVersion = iss.startsWith('https://sts.windows.net/') ? 'v1' : /\/v2\.0\/?$/.test(iss) ? 'v2' : null;
  const verVersion = ver === '1.0' ? 'v1' : ver === '2.0' ? 'v2' : null;
  const version = verVersion ?? issVersion;
  if (verVersion && issVersion && verVersion !== issVersion) {
    hints.push(
      `The ver claim says ${verVersion} but the issuer is in the ${issVersion} form. APIs that validate the issuer for one version reject the other: check which issuer the API is configured for.`,
    );
  }
  const hasScp = typeof p.scp === 'string' || Array.isArray(p.scp);
  const hasRoles = Array.isArray(p.roles) && p.roles.length > 0;
  const accessMarker = hasScp || hasRoles || 'appid' in p || 'azp' in p || 'idtyp' in p || 'appidacr' in p || 'azpacr' in p;
  const idMarker = 'at_hash' in p || 'c_hash' in p || 'nonce' in p;
  const aud = Array.isArray(p.aud) ? asString(p.aud[0]) : asString(p.aud);
  let tokenType: DecodedToken['tokenType'] = 'unknown';
  if (idMarker && !hasScp) tokenType = 'id';
  else if (accessMarker) tokenType = 'access';
  else if (aud && GUID.test(aud) && ('sub' in p || 'oid' in p)) tokenType = 'id';
  let appOnly: boolean | null = null;
  if (tokenType === 'id') appOnly = false;
  else if (tokenType === 'access') {
    const userish = ['upn', 'preferred_username', 'unique_name', 'name', 'given_name', 'email'].some((k) => k in p);
    if (p.idtyp === 'app') appOnly = true;
    else if (p.idtyp === 'user') appOnly = false;
    else if (hasScp) appOnly = false;
    else if (userish) appOnly = false;
    else if (hasRoles || (typeof p.oid === 'string' && p.oid === p.sub)) appOnly = true;
    else appOnly = true;
  }
  return { tokenType, version, appOnly, versionHints: hints };
}

/** A time claim's date: from what claimList read when it saw the claim, else read now. */
function dateOf(p: Json, name: string, dates: Dates | undefined): Date | null {
  const known = dates?.[name];
  return known !== undefined ? known : numericDate(p[name]);
}

function warningsFor(d: DecodedToken, p: Json, h: Json, now: Date, dates?: Dates): string[] {
  const w: string[] = [];
  const nowS = now.getTime() / 1000;
  const exp = dateOf(p, 'exp', dates);
  const nbf = dateOf(p, 'nbf', dates);
  const iat = dateOf(p, 'iat', dates);
  if (String(h.alg ?? '').toLowerCase() === 'none') {
    w.push('The header says alg "none": the token is unsigned and any API that accepts it is vulnerable. Entra never issues such tokens.');
  }
  if (!exp) w.push('The token has no usable exp claim: there is no expiry, which Entra tokens always have.');
  else if (exp.getTime() / 1000 < nowS) {
    w.push(`Expired ${relativeTime(exp, now)} (${isoString(exp)}). Get a new token (MSAL does this from its cache or refresh token) instead of reusing this one.`);
  }
  if (nbf && nbf.getTime() / 1000 > nowS) {
    const skew = nbf.getTime() / 1000 - nowS > CLOCK_SKEW_SECONDS ? ' — more than the usual 5-minute tolerance, so check the clock on this machine or the issuer side' : '';
    w.push(`Not valid yet: nbf is ${relativeTime(nbf, now)}${skew}.`);
  }
  if (iat && iat.getTime() / 1000 > nowS + CLOCK_SKEW_SECONDS) {
    w.push(`Issued in the future (${relativeTime(iat, now)}): the clocks of this machine and the issuer disagree.`);
  }
  if (exp && iat) {
    const life = (exp.getTime() - iat.getTime()) / 1000;
    if (life <= 0) w.push('exp is not after iat: the lifetime is zero or negative, which no valid token has.');
    else if (life < 10 * 60) w.push(`Unusually short lifetime (${duration(life)}); Entra access tokens normally live 60–90 minutes. A token lifetime policy may be in effect.`);
    else if (life > 28 * 3600) w.push(`Unusually long lifetime (${duration(life)}): longer than even Continuous Access Evaluation tokens (up to 28 hours).`);
    else if (life > 2 * 3600 && d.tokenType === 'access') {
      w.push(`Lifetime ${duration(life)} — longer than the default 60–90 minutes; typical of Continuous Access Evaluation (the app declared cp1), which can revoke the token early.`);
    }
  }
  if (p.hasgroups === true || p.hasgroups === 'true') {
    w.push('Groups overage: the user is in too many groups for the token (hasgroups). Read group membership from Microsoft Graph.');
  }
  const claimNames = p._claim_names;
  if (claimNames && typeof claimNames === 'object' && 'groups' in claimNames) {
    w.push('Groups overage: the groups claim was replaced by a pointer (_claim_names/_claim_sources) because the user is in too many groups. Read group membership from Microsoft Graph; a missing groups claim does not mean "no groups".');
  }
  if (d.tokenType !== 'id' && ('preferred_username' in p || 'upn' in p || 'unique_name' in p) && !('oid' in p)) {
    w.push('This token names the user only through mutable claims (preferred_username / upn / unique_name) and has no oid: do not use those as the identity; request the profile scope or use sub.');
  } else if ('preferred_username' in p || 'upn' in p) {
    w.push('If your code identifies users by preferred_username, upn or email, switch to oid+tid: those values are mutable and can be reassigned.');
  }
  if (isGraphAudience(d.audience)) {
    w.push('This token is for Microsoft Graph. Any other API will reject it (wrong audience); request a token for your API\'s own scope instead. Your code also cannot validate a Graph token: only Graph can.');
  } else if (d.audience && d.tokenType === 'access' && h.nonce !== undefined) {
    w.push('The header carries a nonce (Graph-style token) but the audience is not Graph; such a signature cannot be validated by your API.');
  }
  if (d.tokenType === 'id' && d.hadBearerPrefix) {
    w.push('An ID token was sent as a Bearer token. ID tokens prove a sign-in to the client app; APIs expect an access token for their own audience.');
  }
  if (d.tenantId === MSA_TENANT_ID) {
    w.push('Issued for a personal Microsoft account (consumer tenant). Tenant-specific features such as groups, roles assigned in a work tenant or Conditional Access do not apply.');
  }
  const appidacr = p.appidacr ?? p.azpacr;
  if (d.appOnly && (appidacr === '0' || appidacr === 0)) {
    w.push('App-only token issued to a public client (appidacr/azpacr 0), which is unusual: app-only tokens normally need a secret or certificate.');
  }
  if (d.tokenType === 'access' && d.appOnly === true && d.roles.length === 0) {
    w.push('App-only token without roles: no application permissions were granted (or admin consent is missing), so most APIs will answer 403.');
  }
  if (d.tokenType === 'access' && d.appOnly === false && d.scopes.length === 0 && 'scp' in p) {
    w.push('Delegated token with an empty scp: no delegated permissions were consented for this API.');
  }
  return w;
}

/** Decodes a JWT, JWE or opaque token and explains it. Never throws. */
export function decodeToken(text: string, now: Date = new Date()): DecodedToken {
  try {
    return decodeUnsafe(text, now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date());
  } catch {
    return empty({ problem: 'The token could not be read (unexpected content).', redacted: '[redacted token]' });
  }
}

function decodeUnsafe(text: string, now: Date): DecodedToken {
  if (typeof text !== 'string') return empty({ problem: 'No token text was given.' });
  // Refused before any cleaning or decoding, so the cost does not depend on what the long text holds.
  if (text.length > MAX_TOKEN_TEXT) {
    return empty({
      problem:
        `The text is ${text.length.toLocaleString('en-US')} characters long, more than the ${MAX_TOKEN_TEXT / 1024} KB any token reaches ` +
        '(Entra tokens are a few kilobytes), so it was not decoded. Paste only the token itself.',
      redacted: `[redacted text, ${text.length} chars]`,
    });
  }
  const { token, hadBearer, urlSafe } = clean(text);
  const redacted = redactToken(token);
  if (token.length === 0) return empty({ problem: 'The input is empty: paste a token (with or without "Bearer ").', hadBearerPrefix: hadBearer });

  const parts = token.split('.');
  const refreshLike = /^[0-9]\.A[A-Za-z0-9_-]/.test(token);
  if (parts.length === 1 || refreshLike || (!token.startsWith('eyJ') && (!(urlSafe || B64URL.test(parts[0]!)) || (parts.length !== 3 && parts.length !== 5)))) {
    const isOpaque = /^Ew[A-Za-z]/.test(token) || refreshLike || B64_ANY.test(token.replace(/\./g, ''));
    return empty({
      kind: isOpaque && token.length >= 20 ? 'opaque' : 'invalid',
      problem: explainOpaque(token),
      hadBearerPrefix: hadBearer,
      redacted,
      signature: { present: false, status: 'unverified', note: 'An opaque token has no signature Auth Lens can see; only its issuer or target service can check it.' },
    });
  }

  if (parts.length === 5) {
    const head = parseJsonSegment(parts[0]!, 'header');
    const header = 'json' in head ? head.json : null;
    if (!header) {
      return empty({
        problem: `Five segments like an encrypted token (JWE), but ${'problem' in head ? head.problem.charAt(0).toLowerCase() + head.problem.slice(1) : 'the header is unreadable.'}`,
        hadBearerPrefix: hadBearer,
        redacted,
      });
    }
    return empty({
      kind: 'jwe',
      problem:
        'Encrypted token (JWE, five segments): only its intended recipient holds the key to read the claims. ' +
        'Entra encrypts tokens for some first-party APIs and for apps that configured token encryption; that is expected.',
      hadBearerPrefix: hadBearer,
      header,
      headerClaims: header ? claimList(header, now, true, {}) : [],
      redacted,
      signature: { present: true, status: 'unverified', note: 'The content is encrypted; its inner signature can only be checked after decryption by the recipient.' },
    });
  }

  if (parts.length !== 3) {
    const partial = empty({ hadBearerPrefix: hadBearer, redacted });
    if (parts.length === 2) {
      partial.problem =
        'Only two segments (header.payload): the signature segment is missing, so the token was probably cut off at the last dot when it was copied.';
    } else if (parts.length === 4) {
      partial.problem = 'Four dot-separated segments: neither a JWT (three) nor an encrypted JWE (five). Part of the token was lost or two tokens were joined.';
    } else {
      partial.problem = `${parts.length} dot-separated segments: a JWT has three and an encrypted JWE has five. The text is not a single token.`;
    }
    // Still show what can be read: people want the claims even from a damaged copy.
    const head = parseJsonSegment(parts[0]!, 'header');
    const body = parts.length >= 2 ? parseJsonSegment(parts[1]!, 'payload') : null;
    if ('json' in head) {
      partial.header = head.json;
      partial.headerClaims = claimList(head.json, now, true, {});
    }
    if (body && 'json' in body) fillPayload(partial, body.json, head && 'json' in head ? head.json : {}, now);
    return partial;
  }

  // Three segments: a JWS. Check each part so the problem names the broken one.
  const read: Json[] = [];
  let exact = true;
  let noEscapes = true;
  for (let i = 0; i < 2; i++) {
    const r = parseJsonSegment(parts[i]!, SEGMENT_NAMES[i]!, urlSafe);
    if ('json' in r) {
      read.push(r.json);
      exact &&= r.exact;
      noEscapes &&= r.noEscapes;
    } else {
      const partial = empty({ problem: r.problem, hadBearerPrefix: hadBearer, redacted });
      if (i === 1) {
        const head = parseJsonSegment(parts[0]!, 'header');
        if ('json' in head) {
          partial.header = head.json;
          partial.headerClaims = claimList(head.json, now, true, {});
        }
      }
      return partial;
    }
  }
  if (!urlSafe && parts[2]!.length > 0 && !B64URL.test(parts[2]!)) {
    const bad = decodeSegment(parts[2]!, 'signature');
    return empty({ problem: 'problem' in bad ? bad.problem : 'The signature segment is damaged.', hadBearerPrefix: hadBearer, redacted });
  }

  // The checks above already decoded and parsed both segments. When their bytes were plain UTF-8,
  // that result is exactly what jwt-decode returns (its atob + per-character percent-decoding gives
  // the same text), so it is used as is: jwt-decode's character-by-character decoding was most of
  // the cost of a token. Bytes that are not plain UTF-8 (broken sequences, a byte-order mark) still
  // go through jwt-decode, which keeps its own fallback for them, so every token reads as before.
  const header = exact ? read[0]! : jwtDecode<Json>(token, { header: true });
  const payload = exact ? read[1]! : jwtDecode<Json>(token);
  const d = empty({ kind: 'jwt', hadBearerPrefix: hadBearer, header, redacted });
  d.headerClaims = claimList(header, now, true, {}, exact && noEscapes);
  const dates: Dates = {};
  fillPayload(d, payload, header, now, exact && noEscapes, dates);

  const alg = String(header.alg ?? '');
  const sigPresent = parts[2]!.length > 0;
  if (alg.toLowerCase() === 'none') {
    d.signature = { present: sigPresent, status: 'unsigned', note: 'alg "none": the token is not signed, so nothing vouches for its claims.' };
  } else if (header.nonce !== undefined) {
    d.signature = {
      present: sigPresent,
      status: 'graph_nonce',
      note: 'Graph-style token (nonce in the header): the signature can only be checked by Microsoft Graph. Validation failing in your own code is expected.',
    };
  } else if (!sigPresent) {
    d.signature = { present: false, status: 'invalid', note: `The header names ${alg || 'an algorithm'} but the signature segment is empty; the token was cut off or stripped.` };
    d.problem = 'The signature segment is empty although the header says the token is signed; it was probably cut off when copied.';
  } else {
    d.signature = {
      present: true,
      status: 'unverified',
      note: 'Signature not checked here. Decoding only reads the claims; an API must verify the signature against the issuer\'s published keys.',
    };
  }
  d.warnings = [...d.warnings, ...warningsFor(d, payload, header, now, dates)];
  return d;
}

function fillPayload(d: DecodedToken, payload: Json, header: Json, now: Date, noEscapes = false, dates: Dates = {}): void {
  d.payload = payload;
  d.claims = claimList(payload, now, false, payload, noEscapes, dates);
  const kind = classifyPayload(payload);
  d.tokenType = kind.tokenType;
  d.version = kind.version;
  d.appOnly = kind.appOnly;
  d.warnings.push(...kind.versionHints);
  d.audience = Array.isArray(payload.aud) ? asString(payload.aud[0]) : asString(payload.aud);
  d.appId = asString(payload.appid) ?? asString(payload.azp);
  d.scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : stringList(payload.scp);
  d.roles = stringList(payload.roles);
  d.tenantId = asString(payload.tid);
  const iat = dateOf(payload, 'iat', dates);
  const exp = dateOf(payload, 'exp', dates);
  // The claim list already formatted these times; reuse that text rather than formatting again.
  d.issuedAt = iat ? (timeOf(d.claims, 'iat') ?? isoString(iat)) : null;
  d.expiresAt = exp ? (timeOf(d.claims, 'exp') ?? isoString(exp)) : null;
  d.expiresInSeconds = exp ? Math.round((exp.getTime() - now.getTime()) / 1000) : null;
  void header;
}

function timeOf(claims: ClaimExplanation[], name: string): string | undefined {
  for (let i = 0; i < claims.length; i++) if (claims[i]!.name === name) return claims[i]!.time?.iso;
  return undefined;
}

/** A one-line description of what the token is, for the CLI and hover headers. */
export function describeToken(d: DecodedToken): string {
  if (d.kind === 'opaque') return 'Opaque token (not a JWT)';
  if (d.kind === 'jwe') return 'Encrypted token (JWE)';
  if (d.kind === 'invalid') return 'Not a readable token';
  const type = d.tokenType === 'access' ? 'Access token' : d.tokenType === 'id' ? 'ID token' : 'Token';
  const version = d.version ? ` ${d.version === 'v1' ? 'v1.0' : 'v2.0'}` : '';
  const who = d.appOnly === true ? ', app-only (no user)' : d.appOnly === false && d.tokenType === 'access' ? ', delegated (on behalf of a user)' : '';
  const aud = d.audience ? ` for ${knownResourceName(d.audience) ?? d.audience}` : '';
  return `${type}${version}${who}${aud}`;
}

export { GRAPH_APP_ID };
