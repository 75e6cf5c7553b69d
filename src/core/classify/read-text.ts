// The readers every shape shares: a result dict / token-endpoint body / API error object, the
// description's codes and ids, the generic text scan (codes, ids, error values, status, Retry-After,
// WWW-Authenticate in any written form) and an HTTP answer's headers and body.
import type { Facts } from './facts';
import { claimsFromChallenges, headerValues, type HeaderMap, parseRetryAfter, parseWwwAuthenticate } from './http-text';
import { isObj, MSAL_JS_CLASSES, type Obj, resourceCodeInText } from './sniff';
import {
  claimsInText,
  collectAadsts,
  errorKeys,
  idAfter,
  jsonObjectOrNull,
  keyedWord,
  labelled,
  MAX_CODES,
  readGuid,
  readTimestamp,
  restOfLine,
  statusAfter,
} from './text';

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 0 ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function claimsValue(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') && jsonObjectOrNull(t)) return t;
    return null;
  }
  if (isObj(v)) {
    try {
      return JSON.stringify(v);
    } catch {
      return null;
    }
  }
  return null;
}

/** Read a result dict / token-endpoint body / logged msal-js error object into `f`. */
export function readObject(obj: Obj, f: Facts, now: Date = new Date()): void {
  const accessToken = obj['access_token'];
  const error = obj['error'];
  if (typeof error === 'string' && error) f.error ??= error;
  else if (isObj(error)) {
    // Microsoft Graph / ARM style: {"error": {"code": "...", "message": "..."}}
    f.resourceCode ??= str(error['code']);
    f.error ??= str(error['code']);
    f.description ??= str(error['message']);
    const inner = error['innerError'] ?? error['innererror'];
    if (isObj(inner)) {
      f.correlationId ??= str(inner['client-request-id']) ?? str(inner['request-id']);
      f.timestamp ??= str(inner['date']);
    }
  }
  // A logged request/response object: {"status": 401, "headers": {"WWW-Authenticate": "…"}}
  const headers = obj['headers'];
  if (isObj(headers) && f.challenges.length === 0) {
    const www = Object.entries(headers).find(([k]) => k.toLowerCase() === 'www-authenticate')?.[1];
    const values = typeof www === 'string' ? [www] : Array.isArray(www) ? www.filter((v): v is string => typeof v === 'string') : [];
    if (values.length > 0) readChallenges(values, f);
    const ra = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
    if ((typeof ra === 'string' || typeof ra === 'number') && f.retryAfterHeader === null) f.retryAfterHeader = parseRetryAfter(String(ra), now);
  }
  if (typeof obj['errorCode'] === 'string' && obj['errorCode']) f.error ??= obj['errorCode'];
  if (typeof obj['name'] === 'string' && MSAL_JS_CLASSES.includes(obj['name'])) f.exceptionType ??= obj['name'];
  f.suberror ??= str(obj['suberror']) ?? str(obj['subError']) ?? str(obj['classification']);
  f.description ??= str(obj['error_description']) ?? str(obj['errorMessage']) ?? str(obj['message']);
  f.claims ??= claimsValue(obj['claims']);
  f.traceId ??= str(obj['trace_id']) ?? str(obj['traceId']);
  f.correlationId ??= str(obj['correlation_id']) ?? str(obj['correlationId']);
  f.timestamp ??= str(obj['timestamp']);
  const status = obj['status'] ?? obj['statusCode'] ?? obj['status_code'];
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) f.httpStatus ??= status;
  const codes = obj['error_codes'] ?? obj['errorNo'];
  if (Array.isArray(codes)) {
    for (const c of codes) {
      const n = typeof c === 'number' ? c : typeof c === 'string' && /^\d{1,9}$/.test(c) ? Number(c) : NaN;
      if (Number.isSafeInteger(n) && n >= 0 && !f.aadsts.includes(n) && f.aadsts.length < MAX_CODES) f.aadsts.push(n);
    }
  } else if (typeof codes === 'string' && /^\d{1,9}$/.test(codes)) {
    const n = Number(codes);
    if (!f.aadsts.includes(n)) f.aadsts.push(n);
  }
  const uri = str(obj['error_uri']);
  if (uri) {
    const m = /[?&]code=(\d{1,9})/.exec(uri);
    if (m && !f.aadsts.includes(Number(m[1]))) f.aadsts.push(Number(m[1]));
  }
  if (typeof accessToken === 'string' && accessToken.length > 0 && !f.error) {
    const expires = obj['expires_in'];
    f.success = {
      tokenType: str(obj['token_type']),
      expiresIn: typeof expires === 'number' ? expires : typeof expires === 'string' && /^\d+$/.test(expires) ? Number(expires) : null,
      scope: str(obj['scope']),
      hasRefreshToken: typeof obj['refresh_token'] === 'string',
      hasIdToken: typeof obj['id_token'] === 'string',
    };
  }
  if (!f.error && !f.success && typeof obj['user_code'] === 'string' && ('device_code' in obj || 'verification_uri' in obj)) {
    f.deviceCode = true;
  }
  if (f.description) readDescription(f.description, f);
}

/** The AADSTS numbers and the Trace/Correlation/Timestamp tail of an error_description. */
function readDescription(d: string, f: Facts): void {
  const text = d.length > 65536 ? d.slice(0, 65536) : d;
  collectAadsts(text, f.aadsts);
  const lower = text.toLowerCase();
  f.traceId ??= idAfter(text, lower, 'trace');
  f.correlationId ??= idAfter(text, lower, 'correlation');
  f.timestamp ??= labelled(text, lower, ['timestamp'], readTimestamp);
}

const OAUTH_WORDS =
  /\b(invalid_grant|invalid_client|invalid_request|unauthorized_client|unsupported_grant_type|invalid_resource|invalid_scope|interaction_required|consent_required|login_required|temporarily_unavailable|server_error|authorization_pending|slow_down|expired_token|access_denied|request_throttled|bad_token|authorization_declined|insufficient_claims|invalid_token|request_timeout|service_not_available)\b/;

const NETWORK_MARKERS = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'socket hang up',
  'getaddrinfo',
  'NameResolutionError',
  'Name or service not known',
  'Max retries exceeded',
  'ConnectTimeout',
  'ConnectionError',
  'Connection refused',
  'certificate verify failed',
  'SSLError',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'self-signed certificate',
  'No such host is known',
  'HttpRequestException',
  'no_network_connectivity',
  'network_error',
  'endpoints_resolution_error',
  'UND_ERR_CONNECT_TIMEOUT',
  'fetch failed',
];

/** The generic scan every text shape gets: codes, ids, error/suberror/claims/status/Retry-After. */
export function scanText(text: string, f: Facts, now: Date, lower: string = text.toLowerCase()): void {
  collectAadsts(text, f.aadsts);
  f.traceId ??= idAfter(text, lower, 'trace');
  f.correlationId ??= idAfter(text, lower, 'correlation') ?? labelled(text, lower, ['client-request-id', 'client_request_id'], readGuid);
  f.timestamp ??= labelled(text, lower, ['timestamp'], readTimestamp);
  const keys = errorKeys(text, lower, plausibleErrorValue);
  f.error ??= keys.error ?? keys.errorCode ?? parenthesisedError(text) ?? knownWord(text);
  f.suberror ??= keys.suberror ?? keyedWord(text, lower, 'classification', plausibleErrorValue);
  f.claims ??= claimsInText(text, lower);
  if (keys.errorCodes !== null && /^\d{4,9}$/.test(keys.errorCodes)) {
    const listed = Number(keys.errorCodes);
    if (!f.aadsts.includes(listed) && f.aadsts.length < MAX_CODES) f.aadsts.push(listed);
  }
  f.httpStatus ??= statusAfter(text, lower) ?? statusPhrase(text) ?? statusInProse(text);
  f.resourceCode ??= resourceCodeInText(text);
  if (f.challenges.length === 0) readChallengeLine(text, lower, f);
  if (f.retryAfterHeader === null) {
    const ra = restOfLine(text, lower, 'retry-after');
    if (ra) f.retryAfterHeader = parseRetryAfter(ra.replace(/^["']|["',;}\s]+$/g, ''), now);
  }
  f.retryAfterHeader ??= waitInWords(text);
  if (f.description === null) {
    const i = text.indexOf('AADSTS');
    if (i >= 0) {
      // The rest of the line (at most 600 characters), without a regex split of the slice.
      const part = text.slice(i, Math.min(text.length, i + 600));
      const nl = part.indexOf('\n');
      f.description = nl < 0 ? part : part.slice(0, nl > 0 && part.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    }
  }
  // Transport failure words only matter when nothing says the service answered.
  if (!f.networkError && !f.error && f.aadsts.length === 0 && f.httpStatus === null) {
    // Transport errors are short messages near the start of what was pasted.
    const head = text.length > 65536 ? text.slice(0, 65536) : text;
    for (const m of NETWORK_MARKERS) {
      if (head.includes(m)) {
        f.networkError = m;
        break;
      }
    }
  }
}

/**
 * A WWW-Authenticate header written any way a log writes it: `WWW-Authenticate: Bearer …`, with `=`
 * instead of `:`, as a quoted JSON or Python string (escaped quotes inside), or with its parameters
 * continued on the following indented lines.
 */
function readChallengeLine(text: string, lower: string, f: Facts): void {
  const i = lower.indexOf('www-authenticate');
  if (i < 0) return;
  let p = i + 16;
  // The key may be quoted: "WWW-Authenticate": "…"  'WWW-Authenticate': '…'
  if (text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39) p++;
  while (p < text.length && (text.charCodeAt(p) === 58 || text.charCodeAt(p) === 32 || text.charCodeAt(p) === 61 || text.charCodeAt(p) === 9)) p++;
  const value = quotedValueAt(text, p) ?? headerValueAt(text, p);
  if (value) readChallenges([value], f);
}

/** A JSON or Python string literal at `p`, unescaped; null when there is none. */
function quotedValueAt(text: string, p: number): string | null {
  const q = text.charCodeAt(p);
  if (q !== 34 && q !== 39) return null;
  let out = '';
  for (let i = p + 1; i < text.length && i - p < 16384; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && i + 1 < text.length) {
      out += text[i + 1];
      i++;
    } else if (c === q) {
      return out;
    } else {
      out += text[i];
    }
  }
  return null;
}

/** The header value to the end of its line, plus indented continuation lines that hold parameters. */
function headerValueAt(text: string, p: number): string {
  let end = text.indexOf('\n', p);
  if (end < 0 || end - p > 16384) return text.slice(p, Math.min(text.length, p + 16384));
  let value = text.slice(p, end);
  for (let lines = 0; lines < 16; lines++) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next < 0 ? Math.min(text.length, end + 16385) : next);
    if (!/^[ \t]+,?[ \t]*[A-Za-z_]+[ \t]*=/.test(line) && !/^[ \t]*,[ \t]*[A-Za-z_]+[ \t]*=/.test(line)) break;
    value += (value.trimEnd().endsWith(',') || line.trimStart().startsWith(',') ? ' ' : ', ') + line.trim();
    if (next < 0) break;
    end = next;
  }
  return value;
}

/** Challenges from WWW-Authenticate values: their error, and claims when they ask for them. */
function readChallenges(values: string[], f: Facts): void {
  f.challenges = parseWwwAuthenticate(values);
  for (const ch of f.challenges) {
    const e = ch.params['error'];
    if (e) {
      f.challengeError ??= e;
      break;
    }
  }
  f.claims ??= claimsFromChallenges(f.challenges);
}

/**
 * Free text is full of "Error: …" (stack traces, loggers); only snake_case words or known protocol
 * values count as an OAuth/MSAL error value there.
 */
function plausibleErrorValue(v: string): boolean {
  return /^[a-z][a-z0-9]*(?:_[a-z0-9]+){1,6}$/.test(v) || OAUTH_WORDS.test(v);
}

/** Azure Identity for Python prints "Azure Active Directory error '(invalid_grant) AADSTS…'". */
function parenthesisedError(text: string): string | null {
  const m = /\(([a-z]+(?:_[a-z]+){1,4})\)/.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return m ? (m[1] ?? null) : null;
}

/** The first OAuth error value written anywhere in the text (first 64 KB), or null. */
export function oauthWordIn(text: string): string | null {
  return knownWord(text);
}

function knownWord(text: string): string | null {
  const m = OAUTH_WORDS.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return m ? (m[1] ?? null) : null;
}

/**
 * A status written in a sentence: "returned HTTP 503", "failed with status 429", "status code: 401",
 * "responded with 403", "HTTP Error 500", "(HTTP 429)". Three digits 100–599 right after the words.
 */
const STATUS_PROSE =
  /\b(?:HTTP(?:\/\d(?:\.\d)?)?(?: status)?(?: code)?(?: error)?|status(?: code)?|response code|returned|responded with|failed with(?: status| HTTP)?(?: code)?)[ \t]*[:=#]?[ \t]*(?:HTTP[ \t]*)?\(?([45]\d\d)\b(?![.:]\d)/i;

function statusInProse(text: string): number | null {
  const m = STATUS_PROSE.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return m ? Number(m[1]) : null;
}

/**
 * A wait stated in words: "retry in 12 seconds", "retry after 30s", "try again in 2 minutes",
 * "Retry-After of 10 seconds", "wait 5 seconds". Seconds, or null.
 */
const WAIT_WORDS =
  /\b(?:retry(?:ing)?|try again|wait(?:ing)?|retry-after(?: of)?|throttled for|back off for)[ \t]+(?:in|after|for)?[ \t]*(\d{1,6}(?:\.\d+)?)[ \t]*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/i;

function waitInWords(text: string): number | null {
  const m = WAIT_WORDS.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const seconds = unit.startsWith('m') && unit !== 'ms' && !unit.startsWith('milli') ? n * 60 : unit === 'ms' || unit.startsWith('milli') ? n / 1000 : n;
  return Number.isFinite(seconds) ? Math.ceil(seconds) : null;
}

function statusPhrase(text: string): number | null {
  const m =
    /\b([45]\d\d) ?(?:\(|-)? ?(?:Client Error|Server Error|Too Many Requests|Service Unavailable|Unauthorized|Bad Request|Forbidden|Internal Server Error|Gateway Timeout|Bad Gateway|Request Timeout)\b/.exec(
      text.length > 65536 ? text.slice(0, 65536) : text,
    );
  return m ? Number(m[1]) : null;
}


/** Shared by pasted responses and the token client's live answers. */
export function readResponseParts(status: number | null, headers: HeaderMap, body: string, f: Facts, now: Date): void {
  f.httpStatus = status;
  const ra = headerValues(headers, 'retry-after')[0];
  if (ra !== undefined) f.retryAfterHeader = parseRetryAfter(ra, now);
  const www = headerValues(headers, 'www-authenticate');
  if (www.length > 0) readChallenges(www, f);
  f.resourceCode ??= headerValues(headers, 'x-ms-error-code')[0] ?? null;
  f.correlationId ??= headerValues(headers, 'client-request-id')[0] ?? null;
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    const obj = jsonObjectOrNull(trimmed);
    if (obj) readObject(obj, f, now);
    else scanText(trimmed, f, now);
  } else if (trimmed.length > 0) {
    scanText(trimmed, f, now);
  }
  // A resource API's challenge error is the protocol answer; Graph-style {"error":{"code":…}} is not.
  if (f.challengeError && (!f.error || !f.error.includes('_'))) f.error = f.challengeError;
  f.traceId ??= headerValues(headers, 'x-ms-request-id')[0] ?? headerValues(headers, 'request-id')[0] ?? null;
}
