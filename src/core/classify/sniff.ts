// Which shape an input has: the first non-space character and a few indexOf probes decide, and the
// heavier readers (JSON, Python repr, brace matching) only run on the shape that needs them.
import type { Source } from '../types';
import { parseHttpMessage } from './http-text';
import { parsePythonReprAt } from './pyrepr';
import { balancedObject, isWordChar, jsonObjectOrNull } from './text';

export type Obj = Record<string, unknown>;

export interface Sniffed {
  source: Source;
  obj?: Obj;
  http?: ReturnType<typeof parseHttpMessage>;
}

export const AZURE_IDENTITY_MARKERS = [
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

export const MSAL_JS_CLASSES = [
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

export function hasAny(text: string, markers: readonly string[]): boolean {
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
  // Graph, ARM, Key Vault and most Azure APIs: {"error": {"code": "…", "message": "…"}}.
  const error = obj['error'];
  if (isObj(error) && typeof error['code'] === 'string') return 'resource_api';
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

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function looksRelevant(obj: Obj): boolean {
  return 'error' in obj || 'headers' in obj || 'access_token' in obj || 'error_codes' in obj || 'errorCode' in obj || 'error_description' in obj;
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

/**
 * An Azure API's error as SDKs and the Azure CLI print it: "(AuthorizationFailed) The client …" with
 * "Code: …" / "Message: …" lines, Storage's XML `<Code>…</Code>`, or the `x-ms-error-code` header.
 */
const RESOURCE_TEXT = /(?:^|\n)\s*(?:ERROR: )?\(([A-Z][A-Za-z0-9]{3,80})\) |(?:^|\n)\s*Code: ?([A-Z][A-Za-z0-9]{3,80})\s*\r?\n\s*Message:|<Code>([A-Za-z0-9]{3,80})<\/Code>|x-ms-error-code['"]?\s*[:=]\s*['"]?([A-Za-z0-9]{3,80})/;

/** The API error code in such a text, or null. */
export function resourceCodeInText(text: string): string | null {
  const m = RESOURCE_TEXT.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4] ?? null) : null;
}

function isResourceText(text: string): boolean {
  return resourceCodeInText(text) !== null;
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
  if (embedded) {
    const source = objectSource(embedded.obj, embedded.python);
    if (source !== 'unknown') return { source, obj: embedded.obj };
  }
  if (isResourceText(text)) return { source: 'resource_api' };
  if ((text.includes('ValueError') || text.includes('requests.exceptions')) && /msal/i.test(text.slice(0, 65536))) {
    return { source: 'msal_python' };
  }
  if (text.includes('AADSTS') || /\berror[=:]/i.test(text.slice(0, 65536))) return { source: 'log_line' };
  return { source: 'unknown' };
}
