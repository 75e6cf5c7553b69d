// The classifier's public face: any text (an MSAL result, an exception, an HTTP response, a log line)
// or a live HTTP answer becomes one Classification. The path is: detect the shape cheaply → read it
// into Facts (extract.ts) → decide with the rules table (rules.ts) → write the summary and next steps
// (advice.ts). Nothing here throws, whatever the input.
import { redactSecrets } from '../redact';
import type { Classification, Source } from '../types';
import { buildNextSteps } from './steps';
import { type AdviceContext, buildSummary } from './summary';
import { emptyFacts, extract, type Facts, isAppOnlyGrant, looksAppOnly, readResponseParts, sniff } from './extract';
import { knownEntry } from './known';
import { type HeaderMap } from './http-text';
import { decide } from './rules';

export { claimsSnippets, interactiveSnippets, type Snippet } from './snippets';
export {
  type Challenge,
  claimsFromChallenges,
  parseHttpMessage,
  parseRetryAfter,
  parseWwwAuthenticate,
} from './http-text';
export { type JsonValue, parsePythonRepr, type PyReprResult } from './pyrepr';
export { RETRY_AFTER_CAP_SECONDS, DEFAULT_THROTTLE_SECONDS, UI_REQUIRED_THROTTLE_SECONDS } from './rules';

/** Inputs longer than this (in UTF-16 code units, about 2 MB of ASCII) are read only up to here. */
export const INPUT_CAP = 2 * 1024 * 1024;

export interface ResponseInput {
  status: number | null;
  headers: HeaderMap;
  body: string;
  networkError?: string | null;
}

/** Classify any pasted or logged text. Never throws. */
export function classify(text: string, now: Date = new Date()): Classification {
  try {
    if (typeof text !== 'string') return problem('The input is not text, so there is nothing to classify.');
    const truncated = text.length > INPUT_CAP;
    const input = truncated ? text.slice(0, INPUT_CAP) : text;
    if (isBlank(input)) return problem('The input is empty, so there is nothing to classify.');
    if (looksBinary(input)) {
      return problem('The input looks like binary data rather than text, so there is nothing to classify.');
    }
    const sniffed = sniff(input);
    if (sniffed.source === 'unknown' && looksLikeToken(input)) {
      return problem("This looks like a token, not an error or a result; open it with Auth Lens's token decoder instead.");
    }
    const f = extract(input, sniffed, now);
    return build(f, { truncatedBytes: truncated ? text.length : null, inputProblem: null, redact: safeRedact });
  } catch {
    return problem('Auth Lens could not read this input; paste the error text, result or HTTP response as plain text.');
  }
}

/** What the caller knows about the request that got this answer. */
export interface ResponseContext {
  /**
   * The grant or token-client flow that made the request (`client_credentials`, `client_certificate`,
   * `device_code`, …). App-only grants change the advice: no user can be asked to sign in.
   */
  grant?: string;
}

/** Classify one HTTP answer (or a failure to get one) from the token client. Never throws. */
export function classifyResponse(r: ResponseInput, now: Date = new Date(), context?: ResponseContext): Classification {
  try {
    const f = emptyFacts('http_response');
    const grantAppOnly = isAppOnlyGrant(context && typeof context === 'object' ? context.grant : undefined);
    const networkError = r && typeof r.networkError === 'string' && r.networkError ? r.networkError : null;
    const status = r && typeof r.status === 'number' && Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 ? r.status : null;
    if (networkError && status === null) {
      f.networkError = networkError;
    } else {
      const body = r && typeof r.body === 'string' ? r.body : '';
      const truncated = body.length > INPUT_CAP;
      const read = truncated ? body.slice(0, INPUT_CAP) : body;
      readResponseParts(status, (r && r.headers) || {}, read, f, now);
      f.appOnly = grantAppOnly || looksAppOnly(read);
      const known = knownEntry(f, read);
      f.known = known?.entry ?? null;
      f.knownVia = known?.via ?? null;
      if (networkError) f.networkError = networkError;
      return build(f, { truncatedBytes: truncated ? body.length : null, inputProblem: null, redact: safeRedact });
    }
    f.appOnly = grantAppOnly;
    return build(f, { truncatedBytes: null, inputProblem: null, redact: safeRedact });
  } catch {
    return problem('The HTTP answer could not be read.', 'http_response');
  }
}

function safeRedact(s: string): string {
  try {
    return redactSecrets(s);
  } catch {
    return '[text withheld]';
  }
}

/** A JWT/JWE (optionally after "Bearer "): the user pasted a token into the classifier. */
function looksLikeToken(text: string): boolean {
  return /^\s*(?:Bearer\s+)?eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/.test(text.slice(0, 200));
}

/** Only white space (trim also removes the BOM and no-break spaces). */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** NULs, or more than 10% control characters (other than tab, LF, VT, FF, CR, ESC) or U+FFFD in the first 1 KB. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (((c < 9 || (c > 13 && c < 32)) && c !== 27) || c === 0xfffd) control++;
  }
  return control > n * 0.1;
}

/** What a correlation or trace id may look like: 8 to 64 characters of [0-9A-Za-z-]. */
function guidish(v: string | null): v is string {
  return v !== null && /^[0-9A-Za-z-]{8,64}$/.test(v);
}

/** An identifier-shaped value can still be a secret (a bare client secret has that shape): redact it. */
function clean(value: string | null): string | null {
  return value === null ? null : safeRedact(value);
}

/** Error and suberror values are identifiers: invalid_grant, interaction_in_progress, AuthorizationFailed. */
const ERROR_SHAPE = /^[A-Za-z][A-Za-z0-9_.-]{0,119}$/;
/** Dates as services and libraries write them: 2024-05-01 10:00:00Z, 2024-05-01T10:00:00.123+00:00, 12/01/2026 10:00:00. */
const TIMESTAMP_SHAPE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)? ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

/**
 * Fields copied from the input keep only values of their own shape, before any rule or sentence uses
 * them: an "error" holding a sentence or a secret, or a correlation id that is not an id, is dropped.
 */
function keepShapes(f: Facts): void {
  const shaped = (v: string | null, shape: RegExp): string | null => (v !== null && shape.test(v.trim()) ? v.trim() : null);
  f.error = shaped(f.error, ERROR_SHAPE);
  f.suberror = shaped(f.suberror, ERROR_SHAPE);
  f.timestamp = shaped(f.timestamp, TIMESTAMP_SHAPE);
  if (!guidish(f.correlationId)) f.correlationId = null;
  if (!guidish(f.traceId)) f.traceId = null;
}

function build(f: Facts, ctx: AdviceContext): Classification {
  keepShapes(f);
  // A real claims challenge never holds a token or a secret, so redacting it changes nothing that MSAL
  // needs back, while text that only sits where a challenge would (a token under "claims") is hidden
  // here, before the advice quotes it.
  if (f.claims !== null) f.claims = safeRedact(f.claims);
  const d = decide(f);
  return {
    outcome: d.outcome,
    category: d.category,
    appAction: d.appAction,
    retryable: d.retryable,
    retryAfterSeconds: d.retryAfterSeconds,
    actor: d.actor,
    error: clean(f.error),
    suberror: clean(f.suberror),
    aadsts: [...f.aadsts],
    correlationId: f.correlationId,
    traceId: f.traceId,
    timestamp: f.timestamp,
    httpStatus: f.httpStatus,
    claimsChallenge: f.claims,
    source: f.source,
    // The sentences quote values from the input (an unknown error value, a scope, a network error);
    // one last pass keeps the promise that nothing secret is shown, whatever a sentence quoted.
    summary: safeRedact(buildSummary(f, d, ctx)),
    nextSteps: buildNextSteps(f, d, ctx).map(safeRedact),
  };
}

function problem(message: string, source: Source = 'unknown'): Classification {
  const f = emptyFacts(source);
  try {
    return build(f, { truncatedBytes: null, inputProblem: message, redact: safeRedact });
  } catch {
    return {
      outcome: 'error',
      category: 'unknown',
      appAction: 'stop',
      retryable: false,
      retryAfterSeconds: null,
      actor: 'developer',
      error: null,
      suberror: null,
      aadsts: [],
      correlationId: null,
      traceId: null,
      timestamp: null,
      httpStatus: null,
      claimsChallenge: null,
      source,
      summary: message,
      nextSteps: ['Developer: paste the error text, the MSAL result or the HTTP response as text.'],
    };
  }
}
