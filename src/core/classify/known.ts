// Names what the protocol fields cannot: the library an input came from, and the catalog entry of a
// library's or an API's own error (interaction_in_progress, multiple_matching_tokens_detected,
// AuthorizationFailed, InvalidAuthenticationToken, MSAL Python's "state mismatch"). OAuth values and
// AADSTS codes are left to the rules, which follow MSAL's own decisions for them.
import { OAUTH_ERRORS, OAUTH_SUBERRORS } from '../catalog/describe';
import { lookupValue, matchMessages } from '../catalog/index';
import type { CatalogEntry, Source, Vocabulary } from '../types';
import type { Facts, InputLibrary } from './facts';

const RESOURCE_VOCABULARIES: readonly Vocabulary[] = ['graph', 'arm', 'key-vault', 'storage', 'data-services', 'www-authenticate', 'managed-identity'];
const LIBRARY_VOCABULARIES: readonly Vocabulary[] = ['msal-js', 'msal-dotnet', 'msal-python', 'azure-identity', 'managed-identity'];

/** Where to look first for the input's own vocabulary; the rest follow, so nothing is missed. */
function vocabulariesFor(source: Source): Vocabulary[] {
  const first: readonly Vocabulary[] =
    source === 'msal_js'
      ? ['msal-js']
      : source === 'msal_dotnet'
        ? ['msal-dotnet']
        : source === 'msal_python'
          ? ['msal-python']
          : source === 'azure_identity'
            ? ['azure-identity', 'managed-identity']
            : source === 'resource_api' || source === 'http_response'
              ? RESOURCE_VOCABULARIES
              : [];
  return [...new Set([...first, ...LIBRARY_VOCABULARIES, ...RESOURCE_VOCABULARIES])];
}

const BROWSER_MARKERS = /BrowserAuthError|BrowserConfigurationAuthError|NativeAuthError|msal-browser|acquireTokenPopup|acquireTokenRedirect|loginPopup|loginRedirect|handleRedirectPromise|ssoSilent|msal-react|msal-angular/;
const NODE_MARKERS = /msal-node|NodeAuthError|acquireTokenByClientCredential|acquireTokenByCode|acquireTokenByDeviceCode|acquireTokenInteractive|ConfidentialClientApplication|node:internal|ManagedIdentityApplication/;

/** The MSAL library the input came from, as far as the input shows it. */
export function inputLibrary(source: Source, text: string): InputLibrary | null {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  switch (source) {
    case 'msal_python':
      return 'msal-python';
    case 'msal_dotnet':
      return 'msal-dotnet';
    case 'azure_identity':
      // Azure Identity wraps MSAL; its own advice (az login, authenticate()) is language-neutral.
      return null;
    default:
      if (BROWSER_MARKERS.test(head)) return 'msal-browser';
      if (NODE_MARKERS.test(head)) return 'msal-node';
      if (/Microsoft\.Identity\.Client|\bMsal[A-Za-z]*Exception\b/.test(head)) return 'msal-dotnet';
      if (/\bmsal\.(?:application|oauth2cli|token_cache|throttled_http_client)\b|\bimport msal\b/.test(head)) return 'msal-python';
      return source === 'msal_js' ? 'msal-js' : null;
  }
}

/** The library an entry belongs to, for advice in that library's terms. */
export function libraryOf(entry: CatalogEntry): InputLibrary | null {
  if (entry.source.includes('msal-browser') || entry.source.includes('msal-react')) return 'msal-browser';
  if (entry.source.includes('msal-node')) return 'msal-node';
  if (entry.vocabulary === 'msal-dotnet') return 'msal-dotnet';
  if (entry.vocabulary === 'msal-python') return 'msal-python';
  return null;
}

/** The input shape an entry's vocabulary implies. */
export function sourceOf(entry: CatalogEntry): Source | null {
  switch (entry.vocabulary) {
    case 'msal-js':
      return 'msal_js';
    case 'msal-dotnet':
      return 'msal_dotnet';
    case 'msal-python':
      return 'msal_python';
    case 'azure-identity':
    case 'managed-identity':
      return 'azure_identity';
    case 'graph':
    case 'arm':
    case 'key-vault':
    case 'storage':
    case 'data-services':
    case 'www-authenticate':
      return 'resource_api';
    default:
      return null;
  }
}

/** OAuth values keep MSAL's rules; a library's entry for them would only second-guess those. */
function isProtocolValue(value: string): boolean {
  const v = value.toLowerCase();
  return Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, v) || Object.prototype.hasOwnProperty.call(OAUTH_SUBERRORS, v);
}

// "BrowserAuthError: interaction_in_progress: …", "ClientAuthError: no_account_error",
// "MsalClientException (ErrorCode: x)", "PersistenceError - GnomeKeyringError"
const QUALIFIED = /\b([A-Z][A-Za-z]{2,60}(?:Error|Exception))(?:: | - | \(|:\s*\n\s*)['"]?([A-Za-z][A-Za-z0-9_.]{2,80})\b/g;
// errorCode: 'x', "errorCode":"x", ErrorCode: x, error_code=x, Code: X, code: 'X', Error type: X
const KEYED = /\b(?:error_?code|errorCode|ErrorCode|Code|code|[Ee]rror ?[Tt]ype)\b['"]?\s*[:=]\s*['"]?([A-Za-z][A-Za-z0-9_.]{2,80})\b/g;

/** How the input named a known error: by its code, by its fixed message, or only by its exception type. */
export type KnownVia = 'code' | 'message' | 'type';

/** The code-like values an input offers, most telling first; exception and credential names last. */
function candidates(f: Facts, text: string): { codes: string[]; types: string[] } {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const out: string[] = [];
  const add = (v: string | null | undefined): void => {
    if (v && !out.includes(v) && !isProtocolValue(v) && !/^\d+$/.test(v)) out.push(v);
  };
  // RFC 6750 challenge errors (invalid_token, insufficient_scope) keep the rules' resource rows.
  const challenge = f.challengeError?.toLowerCase();
  const addCode = add;
  const skipChallenge = (v: string | null | undefined): void => (v && v.toLowerCase() === challenge ? undefined : addCode(v));
  skipChallenge(f.resourceCode);
  for (const m of head.matchAll(QUALIFIED)) {
    add(m[2]);
    if (out.length > 12) break;
  }
  skipChallenge(f.error);
  let keyed = 0;
  for (const m of head.matchAll(KEYED)) {
    add(m[1]);
    if (++keyed > 12) break;
  }
  const codes = out.length;
  add(f.credential);
  add(f.exceptionType);
  for (const m of head.matchAll(QUALIFIED)) {
    add(m[1]);
    if (out.length > 24) break;
  }
  return { codes: out.slice(0, codes), types: out.slice(codes) };
}

/** Among entries sharing a value, the one this input is about. */
function choose(matches: CatalogEntry[], f: Facts, lower: string): CatalogEntry {
  const score = (e: CatalogEntry): number => {
    let s = 0;
    if ((e.patterns ?? []).some((p) => lower.includes(p))) s += 4;
    if (f.exceptionType && e.errorType === f.exceptionType) s += 2;
    if (f.library && libraryOf(e) === f.library) s += 2;
    if (sourceOf(e) === f.source) s += 1;
    return s;
  };
  let best = matches[0]!;
  let bestScore = score(best);
  for (const e of matches.slice(1)) {
    const s = score(e);
    if (s > bestScore) {
      best = e;
      bestScore = s;
    }
  }
  return best;
}

/** The catalog entry for the library or API error this input names, and how it was named; or null. */
export function knownEntry(f: Facts, text: string): { entry: CatalogEntry; via: KnownVia } | null {
  const vocabularies = vocabulariesFor(f.source);
  const lower = (text.length > 65536 ? text.slice(0, 65536) : text).toLowerCase();
  const { codes, types } = candidates(f, text);
  for (const value of codes) {
    const matches = lookupValue(value, vocabularies);
    if (matches.length > 0) return { entry: choose(matches, f, lower), via: 'code' };
  }
  // No code: a library's fixed message can still name the error, unless the service's own answer
  // (an OAuth error value, an AADSTS code, a token) already says what happened.
  if (!f.success && f.aadsts.length === 0 && !f.challengeError) {
    const byMessage = matchMessages(text, vocabularies)[0];
    if (byMessage) return { entry: byMessage, via: 'message' };
  }
  for (const value of types) {
    const matches = lookupValue(value, vocabularies);
    if (matches.length > 0) return { entry: choose(matches, f, lower), via: 'type' };
  }
  return null;
}
