// Input parsers: each recognised shape is read into one `Facts` record (the protocol fields plus what
// the library wrapper adds). Shape detection is cheap — the first non-space character and a few
// indexOf probes — and the heavier readers (JSON, Python repr, brace matching) only run on the shape
// that needs them.
import type { Source } from '../types';
import {
  type Challenge,
  claimsFromChallenges,
  headerValues,
  type HeaderMap,
  parseHttpMessage,
  parseRetryAfter,
  parseWwwAuthenticate,
} from './http';
import { parsePythonReprAt } from './pyrepr';
import {
  balancedObject,
  claimsInText,
  collectAadsts,
  isWordChar,
  jsonObjectOrNull,
  errorKeys,
  idAfter,
  keyedWord,
  labelled,
  forgetLower,
  lowerOf,
  MAX_CODES,
  statusAfter,
  readGuid,
  readTimestamp,
  restOfLine,
} from './text';

export interface TokenFacts {
  tokenType: string | null;
  expiresIn: number | null;
  scope: string | null;
  hasRefreshToken: boolean;
  hasIdToken: boolean;
}

/** Everything the parsers learned; the rules turn it into a Classification. */
export interface Facts {
  source: Source;
  success: TokenFacts | null;
  /** A device-code start answer (device_code + user_code): the flow is waiting for the user. */
  deviceCode: boolean;
  /** The whole input is Python's None: what acquire_token_silent() returns when it has nothing. */
  silentReturnedNone: boolean;
  error: string | null;
  suberror: string | null;
  description: string | null;
  aadsts: number[];
  correlationId: string | null;
  traceId: string | null;
  timestamp: string | null;
  httpStatus: number | null;
  /** Decoded claims challenge JSON. */
  claims: string | null;
  /** From a Retry-After header (seconds), before any capping. */
  retryAfterHeader: number | null;
  /** The library's exception/error class, e.g. MsalUiRequiredException, ServerError, ValueError. */
  exceptionType: string | null;
  /** MSAL.NET UiRequiredExceptionClassification, e.g. BasicAction. */
  netClassification: string | null;
  /** MSAL.NET IsRetryable as printed. */
  isRetryable: boolean | null;
  /** No HTTP answer: the transport failure text. */
  networkError: string | null;
  /** The `error` of a WWW-Authenticate challenge (invalid_token, insufficient_claims). */
  challengeError: string | null;
  challenges: Challenge[];
  /** Azure Identity: the credential whose failure was chosen, and how many were listed. */
  credential: string | null;
  credentialCount: number;
  /** Azure Identity: the chosen inner failure only says the credential could not run. */
  credentialUnavailable: boolean;
  /** Azure CLI / azd / PowerShell credential needs a sign-in on the machine. */
  toolSignInNeeded: string | null;
  /**
   * The failed request was app-only (client credentials: the app's own secret, certificate or
   * assertion, no user), as the input shows it or the token client said. Nobody can be asked to sign
   * in, so advice that needs a user does not apply.
   */
  appOnly: boolean;
  notes: string[];
}

export function emptyFacts(source: Source): Facts {
  return {
    source,
    success: null,
    deviceCode: false,
    silentReturnedNone: false,
    error: null,
    suberror: null,
    description: null,
    aadsts: [],
    correlationId: null,
    traceId: null,
    timestamp: null,
    httpStatus: null,
    claims: null,
    retryAfterHeader: null,
    exceptionType: null,
    netClassification: null,
    isRetryable: null,
    networkError: null,
    challengeError: null,
    challenges: [],
    credential: null,
    credentialCount: 0,
    credentialUnavailable: false,
    toolSignInNeeded: null,
    appOnly: false,
    notes: [],
  };
}

type Obj = Record<string, unknown>;

interface Sniffed {
  source: Source;
  obj?: Obj;
  http?: ReturnType<typeof parseHttpMessage>;
}

const AZURE_IDENTITY_MARKERS = [
  'DefaultAzureCredential',
  'ChainedTokenCredential',
  'CredentialUnavailableError',
  'CredentialUnavailableException',
  'AuthenticationRequiredError',
  'AuthenticationRequiredException',
  'AggregateAuthenticationError',
  'AuthenticationFailedException',
  'ClientAuthenticationError',
  'azure.identity',
  'Azure.Identity',
  '@azure/identity',
  'ManagedIdentityCredential',
  'EnvironmentCredential',
  'AzureCliCredential',
  'ClientSecretCredential',
  'ClientCertificateCredential',
  'WorkloadIdentityCredential',
];

const MSAL_JS_CLASSES = [
  'InteractionRequiredAuthError',
  'ServerError',
  'ClientConfigurationError',
  'BrowserConfigurationAuthError',
  'ClientAuthError',
  'BrowserAuthError',
  'NativeAuthError',
];

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
    else break;
  }
  return i;
}

function hasAny(text: string, markers: readonly string[]): boolean {
  for (const m of markers) if (text.includes(m)) return true;
  return false;
}

function isMsalDotnet(text: string): boolean {
  if (text.includes('Microsoft.Identity.Client') || text.includes('MSAL.NetCore') || text.includes('MSAL.Desktop')) return true;
  let from = 0;
  for (let tries = 0; tries < 16; tries++) {
    const i = text.indexOf('Msal', from);
    if (i < 0) return false;
    let p = i + 4;
    while (p < text.length && p - i < 60 && isWordChar(text.charCodeAt(p))) p++;
    if (text.slice(i, p).endsWith('Exception')) return true;
    from = i + 4;
  }
  return false;
}

function isMsalJs(text: string): boolean {
  return hasAny(text, MSAL_JS_CLASSES) || text.includes('Error(s):') || text.includes('@azure/msal-');
}

/** The object keys that only MSAL Python adds to a result dict. */
const PYTHON_RESULT_KEYS = ['id_token_claims', 'token_source', 'classification', 'refresh_in'];

function objectSource(obj: Obj, python: boolean): Source {
  if (python) return 'msal_python';
  if ('errorCode' in obj || 'errorMessage' in obj || 'subError' in obj) return 'msal_js';
  for (const k of PYTHON_RESULT_KEYS) if (k in obj) return 'msal_python';
  if ('error' in obj || 'access_token' in obj || 'error_codes' in obj || 'error_description' in obj || 'user_code' in obj) return 'token_endpoint_json';
  return 'unknown';
}

/** Parse a {...} at `start` as JSON, else as Python repr (which may be followed by other text). */
function objectAt(text: string, start: number, whole: boolean): { obj: Obj; python: boolean } | null {
  const slice = whole ? text.slice(start) : balancedObject(text, start);
  // JSON.parse failing costs an exception; only try it when the object can be JSON at all.
  const jsonish = mayBeJson(text.slice(start, start + 64));
  const json = slice !== null && jsonish ? jsonObjectOrNull(slice) : null;
  if (json) return { obj: json, python: false };
  // The repr reader also takes JSON followed by other text; it is Python only if it did not look like JSON.
  const at = parsePythonReprAt(text, start);
  return at && isObj(at.value) ? { obj: at.value, python: !jsonish } : null;
}

/** The first key of a JSON object is double-quoted (or the object is empty). */
function mayBeJson(slice: string): boolean {
  let i = 1;
  while (i < slice.length && (slice.charCodeAt(i) === 32 || slice.charCodeAt(i) === 10 || slice.charCodeAt(i) === 13 || slice.charCodeAt(i) === 9)) i++;
  const c = slice.charCodeAt(i);
  return c === 34 || c === 125;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function looksRelevant(obj: Obj): boolean {
  return 'error' in obj || 'access_token' in obj || 'error_codes' in obj || 'errorCode' in obj || 'error_description' in obj;
}

/**
 * A dict or JSON object inside a log line: the first `{'` or `{"` (in text order) that parses and
 * looks like a result. Searches for quotes and looks back for the brace, because searching for a
 * two-character needle that starts with a common character ('{' × 1M) is slow in V8.
 */
function embeddedObject(text: string): { obj: Obj; python: boolean } | null {
  let single = text.indexOf("'");
  let double = text.indexOf('"');
  let attempts = 0;
  for (let hits = 0; hits < 4096 && attempts < 3 && (single >= 0 || double >= 0); hits++) {
    let q: number;
    if (double < 0 || (single >= 0 && single < double)) {
      q = single;
      single = text.indexOf("'", single + 1);
    } else {
      q = double;
      double = text.indexOf('"', double + 1);
    }
    if (q === 0 || text.charCodeAt(q - 1) !== 123) continue;
    attempts++;
    const found = objectAt(text, q - 1, false);
    if (found && looksRelevant(found.obj)) return found;
  }
  return null;
}

export function sniff(text: string): Sniffed {
  const start = firstNonSpace(text);
  if (start >= text.length) return { source: 'unknown' };
  if (text.startsWith('HTTP/', start) || text.startsWith('< HTTP/', start)) {
    const http = parseHttpMessage(text);
    if (http) return { source: 'http_response', http };
  }
  const first = text.charCodeAt(start);
  if (first === 78 /* N */ && text.trim() === 'None') return { source: 'msal_python' };
  if (first === 123 /* { */) {
    const found = objectAt(text, start, true);
    if (found) {
      const source = objectSource(found.obj, found.python);
      if (source !== 'unknown') return { source, obj: found.obj };
    }
    // A truncated or broken object: the text scanners still read its fields.
    const second = text.charCodeAt(firstNonSpace(text.slice(start + 1, start + 64)) + start + 1);
    if (second === 39 || text.includes("': ")) return { source: 'msal_python' };
    if (text.includes('"error') || text.includes('"access_token')) return { source: 'token_endpoint_json' };
  }
  // Every Azure Identity marker contains one of these three words; test them before the full list.
  if ((text.includes('Credential') || text.includes('Authentication') || text.includes('zure')) && hasAny(text, AZURE_IDENTITY_MARKERS)) {
    return { source: 'azure_identity' };
  }
  if (isMsalDotnet(text)) return { source: 'msal_dotnet' };
  if (isMsalJs(text)) return { source: 'msal_js' };
  // A response after other lines: a request dump, or curl -v with "< " before each response line.
  for (const marker of ['\nHTTP/', '\n< HTTP/']) {
    const at = text.indexOf(marker);
    if (at < 0) continue;
    const http = parseHttpMessage(text.slice(at + 1));
    if (http) return { source: 'http_response', http };
  }
  const embedded = embeddedObject(text);
  if (embedded) return { source: objectSource(embedded.obj, embedded.python), obj: embedded.obj };
  if ((text.includes('ValueError') || text.includes('requests.exceptions')) && lowerOf(text).includes('msal')) {
    return { source: 'msal_python' };
  }
  if (text.includes('AADSTS') || /\berror[=:]/i.test(text.slice(0, 65536))) return { source: 'log_line' };
  return { source: 'unknown' };
}

// ---------------------------------------------------------------------------------------------
// Readers

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
export function readObject(obj: Obj, f: Facts): void {
  const accessToken = obj['access_token'];
  const error = obj['error'];
  if (typeof error === 'string' && error) f.error ??= error;
  else if (isObj(error)) {
    // Microsoft Graph / ARM style: {"error": {"code": "...", "message": "..."}}
    f.error ??= str(error['code']);
    f.description ??= str(error['message']);
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
export function scanText(text: string, f: Facts, now: Date): void {
  const lower = lowerOf(text);
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
  f.httpStatus ??= statusAfter(text, lower) ?? statusPhrase(text);
  if (f.challenges.length === 0) readChallengeLine(text, lower, f);
  if (f.retryAfterHeader === null) {
    const ra = restOfLine(text, lower, 'retry-after');
    if (ra) f.retryAfterHeader = parseRetryAfter(ra, now);
  }
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

/** A WWW-Authenticate header logged on its own line (without the rest of the response). */
function readChallengeLine(text: string, lower: string, f: Facts): void {
  const i = lower.indexOf('www-authenticate');
  if (i < 0) return;
  let p = i + 16;
  while (p < text.length && (text.charCodeAt(p) === 58 || text.charCodeAt(p) === 32 || text.charCodeAt(p) === 34 || text.charCodeAt(p) === 61)) p++;
  let end = text.indexOf('\n', p);
  if (end < 0 || end - p > 16384) end = Math.min(text.length, p + 16384);
  f.challenges = parseWwwAuthenticate([text.slice(p, end)]);
  for (const ch of f.challenges) {
    const e = ch.params['error'];
    if (e) {
      f.challengeError = e;
      f.error ??= e;
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

function knownWord(text: string): string | null {
  const m = OAUTH_WORDS.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return m ? (m[1] ?? null) : null;
}

function statusPhrase(text: string): number | null {
  const m =
    /\b([45]\d\d) ?(?:\(|-)? ?(?:Client Error|Server Error|Too Many Requests|Service Unavailable|Unauthorized|Bad Request|Forbidden|Internal Server Error|Gateway Timeout|Bad Gateway|Request Timeout)\b/.exec(
      text.length > 65536 ? text.slice(0, 65536) : text,
    );
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Shape-specific readers

function readMsalJs(text: string, f: Facts): void {
  let best = -1;
  for (const cls of MSAL_JS_CLASSES) {
    const i = text.indexOf(cls);
    if (i >= 0 && (best < 0 || i < best)) {
      best = i;
      f.exceptionType = cls;
    }
  }
  if (best >= 0 && f.exceptionType) {
    // "ServerError: invalid_grant: Error(s): …" — the word after the class is the error code.
    let p = best + f.exceptionType.length;
    if (text.charCodeAt(p) === 58) {
      p++;
      while (text.charCodeAt(p) === 32) p++;
      const start = p;
      while (p < text.length && p - start < 80 && (isWordChar(text.charCodeAt(p)) || text.charCodeAt(p) === 46)) p++;
      if (p > start && text.charCodeAt(p) === 58) f.error ??= text.slice(start, p);
    }
  }
  // Node's inspect output of the error object: errorCode: '…', subError: '…', claims: '…'
  const keys = errorKeys(text, lowerOf(text), () => true);
  f.error ??= keys.errorCode;
  f.suberror ??= keys.suberror;
  // "Error(s): 700082, 50126 - Timestamp: …"
  const errs = text.indexOf('Error(s):');
  if (errs >= 0) {
    const m = /^Error\(s\): ?([\d, ]{1,200})/.exec(text.slice(errs, errs + 220));
    if (m) {
      for (const part of m[1]!.split(',')) {
        const n = Number(part.trim());
        if (part.trim() && Number.isSafeInteger(n) && !f.aadsts.includes(n) && f.aadsts.length < MAX_CODES) f.aadsts.push(n);
      }
    }
  }
  const statusInspect = /\bstatus: (\d{3})\b/.exec(text.slice(0, 65536));
  if (statusInspect) f.httpStatus ??= Number(statusInspect[1]);
}

const DOTNET_CLASSIFICATIONS: Record<string, string> = {
  basicaction: 'basic_action',
  additionalaction: 'additional_action',
  messageonly: 'message_only',
  consentrequired: 'consent_required',
  userpasswordexpired: 'user_password_expired',
};

function readMsalDotnet(text: string, f: Facts): void {
  let from = 0;
  for (let tries = 0; tries < 16 && !f.exceptionType; tries++) {
    const i = text.indexOf('Msal', from);
    if (i < 0) break;
    let p = i + 4;
    while (p < text.length && p - i < 60 && isWordChar(text.charCodeAt(p))) p++;
    const name = text.slice(i, p);
    if (name.endsWith('Exception')) f.exceptionType = name;
    from = i + 4;
  }
  const lower = lowerOf(text);
  f.error ??= errorKeys(text, lower, () => true).errorCode;
  f.httpStatus ??= statusAfter(text, lower);
  const classification = keyedWord(text, lower, 'classification');
  if (classification) {
    f.netClassification = classification;
    const sub = DOTNET_CLASSIFICATIONS[classification.toLowerCase()];
    if (sub) f.suberror ??= sub;
  }
  const retryable = keyedWord(text, lower, 'isretryable') ?? keyedWord(text, lower, 'is retryable');
  if (retryable) f.isRetryable = retryable.toLowerCase() === 'true';
  // "ResponseBody: {…}" carries the token endpoint's JSON.
  const rb = lower.indexOf('responsebody');
  if (rb >= 0) {
    const brace = text.indexOf('{', rb);
    if (brace >= 0 && brace - rb < 40) {
      const body = balancedObject(text, brace);
      const obj = body ? jsonObjectOrNull(body) : null;
      if (obj) readObject(obj, f);
    }
  }
  const claimsLine = lower.indexOf('claims:');
  if (claimsLine >= 0 && !f.claims) {
    const brace = text.indexOf('{', claimsLine);
    if (brace >= 0 && brace - claimsLine < 20) {
      const body = balancedObject(text, brace, 65536);
      if (body && jsonObjectOrNull(body)) f.claims = body;
    }
  }
}

/** One inner failure of a credential chain. */
interface Segment {
  credential: string;
  text: string;
  /** The line was printed as a CredentialUnavailableError. */
  unavailable: boolean;
}

const CHAIN_MARKERS = [
  'failed to retrieve a token from the included credentials',
  'ChainedTokenCredential authentication failed',
  'Attempted credentials:',
  'AggregateAuthenticationError',
];

function credentialAtLineStart(line: string): { name: string; unavailable: boolean } | null {
  // "\tEnvironmentCredential: …", "- ManagedIdentityCredential authentication unavailable…",
  // "CredentialUnavailableError: AzureCliCredential: …"
  let s = line.trimStart();
  if (s.startsWith('- ') || s.startsWith('* ')) s = s.slice(2);
  const unavailable = s.startsWith('CredentialUnavailableError');
  for (const prefix of ['CredentialUnavailableError: ', 'ClientAuthenticationError: ', 'AuthenticationError: ', 'AuthenticationRequiredError: ']) {
    if (s.startsWith(prefix)) s = s.slice(prefix.length);
  }
  let p = 0;
  while (p < s.length && p < 60 && isWordChar(s.charCodeAt(p))) p++;
  const name = s.slice(0, p);
  if (name.length > 10 && name.endsWith('Credential') && name !== 'DefaultAzureCredential' && name !== 'ChainedTokenCredential') {
    return { name, unavailable };
  }
  return null;
}

function splitChain(text: string): Segment[] {
  const lines = text.split('\n', 2000);
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const line of lines) {
    const cred = credentialAtLineStart(line);
    if (cred) {
      current = { credential: cred.name, text: line, unavailable: cred.unavailable };
      segments.push(current);
    } else if (current) {
      if (line.trim() === '' || /^\s*(To mitigate|To troubleshoot|See the troubleshooting|\s+at )/.test(line)) {
        current = line.trim() === '' ? current : null;
        continue;
      }
      current.text += '\n' + line;
    }
  }
  return segments;
}

const UNAVAILABLE_HINTS = ['unavailable', 'not installed', 'not found', 'not fully configured', 'could not be found', 'no response from', 'is not available', 'not configured', 'was not found', 'not supported'];
const SIGN_IN_HINTS: Array<[string, string]> = [
  ["az login", 'az login'],
  ['azd auth login', 'azd auth login'],
  ['Connect-AzAccount', 'Connect-AzAccount'],
];

function segmentScore(seg: Segment, now: Date): { score: number; facts: Facts } {
  const f = emptyFacts('azure_identity');
  scanText(seg.text, f, now);
  const lower = lowerOf(seg.text);
  const unavailable = seg.unavailable || UNAVAILABLE_HINTS.some((h) => lower.includes(h));
  const signIn = SIGN_IN_HINTS.find(([h]) => seg.text.includes(h));
  // Most telling first: a service answer (code or error value), then a sign-in the developer can do,
  // then any other failure, and last a credential that could not even try.
  let score = 0;
  if (f.aadsts.length > 0 || f.error) score = 4;
  else if (signIn) score = 3;
  else if (seg.unavailable) score = 0;
  else if (lower.includes('authentication failed')) score = 2;
  else if (!unavailable) score = 1;
  if (signIn) f.toolSignInNeeded = signIn[1];
  f.credentialUnavailable = score <= 1 && unavailable;
  f.networkError = null; // an IMDS probe timing out only means "no managed identity here"
  return { score, facts: f };
}

function readAzureIdentity(text: string, f: Facts, now: Date): void {
  for (const cls of [
    'AuthenticationRequiredError',
    'AuthenticationRequiredException',
    'AggregateAuthenticationError',
    'AuthenticationFailedException',
    'CredentialUnavailableException',
    'CredentialUnavailableError',
    'ClientAuthenticationError',
  ]) {
    if (text.includes(cls)) {
      f.exceptionType = cls;
      break;
    }
  }
  const chained = hasAny(text, CHAIN_MARKERS);
  const segments = chained ? splitChain(text) : [];
  if (segments.length === 0) {
    scanText(text, f, now);
    const lower = lowerOf(text);
    const signIn = SIGN_IN_HINTS.find(([h]) => text.includes(h));
    if (signIn) f.toolSignInNeeded = signIn[1];
    if (f.exceptionType?.startsWith('CredentialUnavailable') && f.aadsts.length === 0 && !f.error) f.credentialUnavailable = true;
    else if (!f.error && f.aadsts.length === 0 && UNAVAILABLE_HINTS.some((h) => lower.includes(h)) && !lower.includes('authentication failed')) {
      f.credentialUnavailable = true;
    }
    return;
  }
  f.credentialCount = segments.length;
  let best: { score: number; facts: Facts; seg: Segment } | null = null;
  for (const seg of segments) {
    const scored = segmentScore(seg, now);
    if (!best || scored.score > best.score) best = { ...scored, seg };
    // 4 is the highest score and only a higher one replaces the best, so the credentials after it
    // cannot change the result: their text is not read again.
    if (best.score >= 4) break;
  }
  if (!best) return;
  const inner = best.facts;
  Object.assign(f, {
    ...inner,
    source: 'azure_identity',
    exceptionType: f.exceptionType,
    credential: best.seg.credential,
    credentialCount: segments.length,
    notes: f.notes,
  });
  // Ids printed once for the whole chain still belong to it.
  const lower = lowerOf(text);
  f.correlationId ??= idAfter(text, lower, 'correlation');
  f.traceId ??= idAfter(text, lower, 'trace');
}

function readHttp(http: NonNullable<ReturnType<typeof parseHttpMessage>>, f: Facts, now: Date): void {
  readResponseParts(http.status, http.headers, http.body, f, now);
}

/** Shared by pasted responses and the token client's live answers. */
export function readResponseParts(status: number | null, headers: HeaderMap, body: string, f: Facts, now: Date): void {
  f.httpStatus = status;
  const ra = headerValues(headers, 'retry-after')[0];
  if (ra !== undefined) f.retryAfterHeader = parseRetryAfter(ra, now);
  const www = headerValues(headers, 'www-authenticate');
  if (www.length > 0) {
    f.challenges = parseWwwAuthenticate(www);
    for (const ch of f.challenges) {
      const e = ch.params['error'];
      if (e) {
        f.challengeError ??= e;
        break;
      }
    }
    f.claims ??= claimsFromChallenges(f.challenges);
  }
  f.correlationId ??= headerValues(headers, 'client-request-id')[0] ?? null;
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    const obj = jsonObjectOrNull(trimmed);
    if (obj) readObject(obj, f);
    else scanText(trimmed, f, now);
  } else if (trimmed.length > 0) {
    scanText(trimmed, f, now);
  }
  // A resource API's challenge error is the protocol answer; Graph-style {"error":{"code":…}} is not.
  if (f.challengeError && (!f.error || !f.error.includes('_'))) f.error = f.challengeError;
  f.traceId ??= headerValues(headers, 'x-ms-request-id')[0] ?? headerValues(headers, 'request-id')[0] ?? null;
}

/** Run the reader for the detected shape. */
export function extract(text: string, sniffed: Sniffed, now: Date): Facts {
  const f = emptyFacts(sniffed.source);
  switch (sniffed.source) {
    case 'http_response':
      if (sniffed.http) readHttp(sniffed.http, f, now);
      else scanText(text, f, now);
      break;
    case 'msal_python':
    case 'token_endpoint_json':
      if (!sniffed.obj && text.trim() === 'None') {
        f.silentReturnedNone = true;
        break;
      }
      if (sniffed.obj) readObject(sniffed.obj, f);
      else scanText(text, f, now);
      if (text.includes('ValueError') && !f.error && !f.success) f.exceptionType = 'ValueError';
      if (text.includes('HTTPError') && !f.error) {
        f.exceptionType = 'HTTPError';
        scanText(text, f, now);
      }
      break;
    case 'msal_js':
      if (sniffed.obj) readObject(sniffed.obj, f);
      readMsalJs(text, f);
      scanText(text, f, now);
      break;
    case 'msal_dotnet':
      readMsalDotnet(text, f);
      scanText(text, f, now);
      break;
    case 'azure_identity':
      readAzureIdentity(text, f, now);
      break;
    default:
      if (sniffed.obj) readObject(sniffed.obj, f);
      scanText(text, f, now);
  }
  if (f.success) {
    // A success record must not pick up error words from elsewhere in the text.
    f.networkError = null;
  }
  f.appOnly = looksAppOnly(text, lowerOf(text));
  forgetLower();
  if (f.error) f.error = f.error.slice(0, 120);
  if (f.suberror) f.suberror = f.suberror.slice(0, 120);
  return f;
}

// What marks an app-only request in a failure text: the client-credentials grant, the MSAL calls and
// Azure Identity credentials that make one, or a token that says it was issued to an app alone.
const APP_ONLY_RE =
  /client_credentials|acquire_?token_?for_?client|acquireTokenByClientCredential|Client(?:Secret|Certificate|Assertion)Credential|\\?["']idtyp\\?["'][ \t]{0,8}[:=][ \t]{0,8}\\?["']app\b/i;
// appidacr/azpacr 1 or 2: the client proved itself with a secret or certificate (a confidential
// client); without delegated scopes (scp) next to it, the token was the app's own.
const CONFIDENTIAL_ACR_RE = /\b(?:appidacr|azpacr)\\?["']?[ \t]{0,8}[:=][ \t]{0,8}\\?["']?[12]\b/;
const DELEGATED_SCP_RE = /\bscp\\?["']?[ \t]{0,8}[:=]/;

/** Whether the text shows an app-only (client credentials) request. One linear pass per pattern. */
export function looksAppOnly(text: string, lower: string = text.toLowerCase()): boolean {
  // Every APP_ONLY_RE branch holds "client" or "idtyp" and CONFIDENTIAL_ACR_RE needs "acr": plain
  // searches in the lower-cased text (usually already made for the other readers) skip the
  // case-insensitive scans, which cost far more, on the many texts that have none of them.
  if ((lower.includes('client') || lower.includes('idtyp')) && APP_ONLY_RE.test(text)) return true;
  return lower.includes('acr') && CONFIDENTIAL_ACR_RE.test(text) && !DELEGATED_SCP_RE.test(text);
}

/** Token-client flows (and OAuth grant_type values) that are app-only. */
const APP_ONLY_GRANTS = new Set(['client_credentials', 'client_certificate', 'client_assertion']);

/** Whether a grant or flow name given by the caller is app-only. */
export function isAppOnlyGrant(grant: unknown): boolean {
  return typeof grant === 'string' && APP_ONLY_GRANTS.has(grant.trim().toLowerCase());
}
