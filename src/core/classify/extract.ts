// From text to Facts: detect the shape (sniff.ts), run that shape's reader (read-text.ts,
// read-library.ts), then name the library and the catalog entry of any library or API error code
// (known.ts). Also the app-only test the advice needs.
import { emptyFacts, type Facts } from './facts';
import type { parseHttpMessage } from './http-text';
import { inputLibrary, knownEntry, libraryOf, sourceOf } from './known';
import { readAzureIdentity, readMsalDotnet, readMsalJs } from './read-library';
import { oauthWordIn, readObject, readResponseParts, scanText } from './read-text';
import type { Sniffed } from './sniff';

export { emptyFacts, type Facts, type TokenFacts } from './facts';
export { readResponseParts } from './read-text';
export { sniff } from './sniff';

function readHttp(http: NonNullable<ReturnType<typeof parseHttpMessage>>, f: Facts, now: Date): void {
  readResponseParts(http.status, http.headers, http.body, f, now);
}

/** Run the reader for the detected shape. */
export function extract(text: string, sniffed: Sniffed, now: Date): Facts {
  const f = emptyFacts(sniffed.source);
  const lower = text.toLowerCase();
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
      if (sniffed.obj) readObject(sniffed.obj, f, now);
      else scanText(text, f, now, lower);
      if (text.includes('ValueError') && !f.error && !f.success) f.exceptionType = 'ValueError';
      if (text.includes('HTTPError') && !f.error) {
        f.exceptionType = 'HTTPError';
        scanText(text, f, now, lower);
      }
      break;
    case 'msal_js':
      if (sniffed.obj) readObject(sniffed.obj, f, now);
      readMsalJs(text, f);
      scanText(text, f, now, lower);
      break;
    case 'msal_dotnet':
      readMsalDotnet(text, f, lower);
      scanText(text, f, now, lower);
      break;
    case 'azure_identity':
      readAzureIdentity(text, f, now, lower);
      break;
    default:
      if (sniffed.obj) readObject(sniffed.obj, f, now);
      scanText(text, f, now, lower);
  }
  if (f.success) {
    // A success record must not pick up error words from elsewhere in the text.
    f.networkError = null;
  }
  // MSAL.js reports a token-endpoint answer it could not parse as a failed POST whose message is the
  // server's error value ("AuthError: post_request_failed: expired_token"): that value is the answer.
  if (f.error === 'post_request_failed') f.error = oauthWordIn(text) ?? f.error;
  f.appOnly = looksAppOnly(text, lower);
  if (f.error) f.error = f.error.slice(0, 120);
  if (f.suberror) f.suberror = f.suberror.slice(0, 120);
  f.library = inputLibrary(f.source, text);
  const known = knownEntry(f, text);
  f.known = known?.entry ?? null;
  f.knownVia = known?.via ?? null;
  // A text that only a library's fixed message identifies ("state mismatch") came from that library.
  if (f.known && f.knownVia !== 'type' && (f.source === 'unknown' || f.source === 'log_line')) f.source = sourceOf(f.known) ?? f.source;
  f.library ??= f.known ? libraryOf(f.known) : null;
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
