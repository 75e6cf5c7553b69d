// Decodes a token pasted from anywhere (a header, a log, JSON) and says what it is, in plain words.
// Never throws: every bad input becomes a DecodedToken with kind 'invalid' and a specific problem.
// Browser-safe (the webview imports it): only atob/TextDecoder, no Node APIs.
import { jwtDecode } from 'jwt-decode';
import type { ClaimExplanation, DecodedToken } from '../types';
import { redactToken } from '../redact';
import { explainClaim, explainHeader, GRAPH_APP_ID, knownResourceName, TIME_CLAIMS } from './claims';
import { asString, B64URL, type Json, stringList } from './json';
import { classifyPayload } from './kind';
import { B64_ANY, clean, decodeSegment, explainOpaque, parseJsonSegment } from './segments';
import { isoString, numericDate, relativeTime } from './time';
import { CLOCK_SKEW_SECONDS, warningsFor } from './warnings';

export { CLOCK_SKEW_SECONDS };

/**
 * The longest text decodeToken reads. Entra tokens stay in the low kilobytes (a token carrying a
 * thousand group ids is still far under this), so anything longer is a log or a file, not one token,
 * and reading it would only cost time.
 */
export const MAX_TOKEN_TEXT = 64 * 1024;

const SEGMENT_NAMES = ['header', 'payload', 'signature'];

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

function explainTime(name: string, value: unknown, now: Date): ClaimExplanation['time'] {
  if (!TIME_CLAIMS.has(name)) return undefined;
  const d = numericDate(value);
  return d ? { iso: isoString(d), relative: relativeTime(d, now) } : undefined;
}

/** A claim value as JSON text. */
function valueJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

function claimList(obj: Json, now: Date, header: boolean, payload: Json): ClaimExplanation[] {
  const out: ClaimExplanation[] = [];
  for (const [name, value] of Object.entries(obj)) {
    const { explanation, unknown } = header ? explainHeader(name, value) : explainClaim(name, value, payload);
    const entry: ClaimExplanation = { name, value: valueJson(value), explanation };
    const time = header ? undefined : explainTime(name, value, now);
    if (time) entry.time = time;
    if (unknown) entry.unknown = true;
    out.push(entry);
  }
  return out;
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
    if (body && 'json' in body) fillPayload(partial, body.json, now);
    return partial;
  }

  // Three segments: a JWS. Check each part so the problem names the broken one.
  const read: Json[] = [];
  let exact = true;
  for (let i = 0; i < 2; i++) {
    const r = parseJsonSegment(parts[i]!, SEGMENT_NAMES[i]!, urlSafe);
    if ('json' in r) {
      read.push(r.json);
      exact &&= r.exact;
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
  // that result is exactly what jwt-decode returns, so it is used as is. Bytes that are not plain
  // UTF-8 (broken sequences, a byte-order mark) go through jwt-decode, which has its own fallback
  // for them.
  const header = exact ? read[0]! : jwtDecode<Json>(token, { header: true });
  const payload = exact ? read[1]! : jwtDecode<Json>(token);
  const d = empty({ kind: 'jwt', hadBearerPrefix: hadBearer, header, redacted });
  d.headerClaims = claimList(header, now, true, {});
  fillPayload(d, payload, now);

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
  d.warnings = [...d.warnings, ...warningsFor(d, payload, header, now)];
  return d;
}

function fillPayload(d: DecodedToken, payload: Json, now: Date): void {
  d.payload = payload;
  d.claims = claimList(payload, now, false, payload);
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
  const iat = numericDate(payload.iat);
  const exp = numericDate(payload.exp);
  d.issuedAt = iat ? isoString(iat) : null;
  d.expiresAt = exp ? isoString(exp) : null;
  d.expiresInSeconds = exp ? Math.round((exp.getTime() - now.getTime()) / 1000) : null;
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
