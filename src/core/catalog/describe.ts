// The one answer for any AADSTS number: the catalog entry when Auth Lens knows the code, otherwise an
// entry inferred from what came with it: the words of its message first (they usually name the
// cause), then the OAuth `error` value, which Microsoft promises to keep stable.
import { type Actor, type AppAction, type CatalogEntry, type Category, type FixStep, lookupUrl } from '../types';
import { lookupCode } from './index';
import type { VocabularyFile } from './schema';
import oauthFile from './vocab/oauth.json';

/** What one OAuth `error` (or `suberror`) value means and what the app should do about it. */
export interface OAuthErrorInfo {
  /** One or two plain sentences, in the project's own words. */
  summary: string;
  category: Category;
  actor: Actor;
  appAction: AppAction;
  /** Would the very same request succeed if sent again later. */
  retryable: boolean;
}

const oauth = oauthFile as VocabularyFile;
const oauthEntries = oauth.entries.map((e): CatalogEntry => ({ vocabulary: 'oauth', ...e }));

function infoTable(kind: 'error' | 'suberror'): Readonly<Record<string, OAuthErrorInfo>> {
  const table: Record<string, OAuthErrorInfo> = {};
  for (const e of oauthEntries) {
    if ((e.source.endsWith('(suberror)') ? 'suberror' : 'error') !== kind) continue;
    table[e.code] = {
      summary: e.summary,
      category: e.category,
      actor: e.actor,
      appAction: e.appAction ?? 'fix_and_resubmit',
      retryable: e.retryable,
    };
  }
  return Object.freeze(table);
}

/** The `error` values the token and authorize endpoints return (vocab/oauth.json), keyed by wire value. */
export const OAUTH_ERRORS = infoTable('error');

/**
 * The `suberror` values that refine an `error` (usually interaction_required or invalid_grant).
 * Kept apart from OAUTH_ERRORS because `consent_required` is both an error and a suberror.
 */
export const OAUTH_SUBERRORS = infoTable('suberror');

/** The catalog entry of an OAuth error value (not a suberror), for its causes and fix steps. */
export function oauthEntry(value: string): CatalogEntry | undefined {
  return oauthEntries.find((e) => e.code === value && !e.source.endsWith('(suberror)'));
}

export interface DescribeContext {
  /** The OAuth `error` value that came with the code, e.g. "invalid_grant". */
  error?: string | null;
  /** The `error_description` text: its words explain a code Auth Lens does not know. */
  description?: string | null;
}

const LOOKUP_PAGE = 'https://login.microsoftonline.com/error';

const KNOWN_ERROR_VALUE = new RegExp(`\\b(${Object.keys(OAUTH_ERRORS).join('|')})\\b`);

/** The first known OAuth error value in the context, or null. Never throws on odd input. */
function findErrorValue(context: DescribeContext | undefined): string | null {
  if (!context || typeof context !== 'object') return null;
  const error = typeof context.error === 'string' ? context.error.trim().toLowerCase() : '';
  if (error && Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, error)) return error;
  if (error) return null; // an error value we do not know: do not second-guess it from the description
  const description = typeof context.description === 'string' ? context.description.slice(0, 4096) : '';
  const match = KNOWN_ERROR_VALUE.exec(description);
  return match ? (match[1] ?? null) : null;
}

/** What a message's own words say about an unknown code. First matching row wins. */
export interface Inference {
  category: Category;
  actor: Actor;
  retryable: boolean;
  /** What the words were read as, for the summary: "the message says the account was deleted". */
  reading: string;
  fix: FixStep;
}

const INFERENCES: readonly { words: RegExp; inference: Inference }[] = [
  {
    words: /conditional access|compliant device|device (?:is )?(?:required|must) to be (?:compliant|managed)|required to be compliant|managed device|blocked by (?:a |the )?(?:\w+ )?polic|policy (?:blocked|does not allow)|location (?:is )?not allowed|risk(?:y)? (?:sign-in|user|level)/i,
    inference: {
      category: 'access_blocked',
      actor: 'admin',
      retryable: false,
      reading: 'a Conditional Access or device policy blocked the sign-in',
      fix: { text: 'Open the sign-in log entry for this attempt and read its Conditional Access tab to see which policy applied and what it requires (compliant device, location, risk).', who: 'admin' },
    },
  },
  {
    words: /(?:user|account|principal)[^.]{0,60}(?:has been |was )?(?:deleted|removed|disabled|does not exist|doesn't exist|not found|blocked|locked)|not (?:found|present) in the directory|does not exist in (?:the )?tenant|from the directory|external (?:user|account)|guest/i,
    inference: {
      category: 'tenant_or_account',
      actor: 'admin',
      retryable: false,
      reading: 'the account is missing, deleted, disabled or in another tenant',
      fix: { text: 'Look the account up under Identity → Users (including Deleted users) in the tenant of the authority, and sign in with an account that exists and is enabled there.', who: 'admin' },
    },
  },
  {
    words: /consent|permission(?:s)? (?:has|have) not been granted|not authorized to access the (?:api|resource)/i,
    inference: {
      category: 'consent_required',
      actor: 'user',
      retryable: false,
      reading: 'permissions have not been consented',
      fix: { text: 'Grant the permissions: sign in interactively so the user can consent, or use API permissions → Grant admin consent.', who: 'admin' },
    },
  },
  {
    words: /\bclock\b|not yet valid|not within its valid time range|issued in the future|time skew/i,
    inference: {
      category: 'clock_skew',
      actor: 'developer',
      retryable: false,
      reading: 'a time check failed (a clock out of step, or an assertion outside its validity window)',
      fix: { text: "Sync the machine's clock (NTP) and check the validity window (nbf, exp) of any assertion the app signs.", who: 'developer' },
    },
  },
  {
    words: /client secret|client assertion|certificate|credential (?:is )?(?:invalid|expired)|secret (?:key )?(?:is )?(?:invalid|expired)/i,
    inference: {
      category: 'client_credential',
      actor: 'developer',
      retryable: false,
      reading: "the app's own secret, certificate or assertion was refused",
      fix: { text: "Check the app's credentials under App registrations → <app> → Certificates & secrets against what the code sends, and rotate any that expired.", who: 'developer' },
    },
  },
  {
    words: /multi-?factor|\bmfa\b|strong authentication|second factor|additional (?:authentication|verification)/i,
    inference: {
      category: 'interaction_required',
      actor: 'user',
      retryable: false,
      reading: 'the user must complete multi-factor authentication',
      fix: { text: 'Acquire the token interactively so the user can complete the extra verification; pass any claims challenge that came with the error.', who: 'developer' },
    },
  },
  {
    words: /password (?:has )?expired|password (?:is )?(?:incorrect|invalid|wrong)|invalid (?:username or )?password|password change/i,
    inference: {
      category: 'user_credentials',
      actor: 'user',
      retryable: false,
      reading: "the user's password is wrong, expired or was just changed",
      fix: { text: 'Sign in interactively and enter (or change) the password.', who: 'user' },
    },
  },
  {
    words: /(?:token|grant|code|session)[^.]{0,40}(?:expired|revoked|is no longer valid|has been used)|refresh token|expired (?:token|grant|code)/i,
    inference: {
      category: 'expired_grant',
      actor: 'user',
      retryable: false,
      reading: 'a token, code or grant expired or was revoked',
      fix: { text: 'Drop the cached token or grant and acquire a new one, interactively if silent renewal fails.', who: 'developer' },
    },
  },
  {
    words: /throttl|too many requests|rate limit/i,
    inference: {
      category: 'throttled',
      actor: 'none',
      retryable: true,
      reading: 'the service is limiting requests',
      fix: { text: 'Wait for the Retry-After period and cache tokens instead of requesting new ones.', who: 'developer' },
    },
  },
  {
    words: /(?:application|app|client|resource|service principal)[^.]{0,80}(?:not found|wasn't found|was not found|does not exist|is disabled)|redirect uri|reply (?:url|address)|not configured|invalid scope|scope[^.]{0,40}not (?:valid|exist)/i,
    inference: {
      category: 'app_config',
      actor: 'developer',
      retryable: false,
      reading: 'the app registration or request configuration does not match',
      fix: { text: 'Compare the client ID, tenant, redirect URI and scopes in the request with the app registration and the API it calls.', who: 'developer' },
    },
  },
];

/** What the words of a message say about a code Auth Lens does not know, or null when they say nothing clear. */
export function inferFromMessage(description: string | null | undefined): Inference | null {
  if (typeof description !== 'string' || !description) return null;
  // Only the text after the code describes it; the trailing Trace/Correlation lines never help.
  const text = description.slice(0, 2048).split(/\r?\n\s*(?:Trace ID|Correlation ID|Timestamp):/i)[0] ?? '';
  for (const row of INFERENCES) if (row.words.test(text)) return row.inference;
  return null;
}

function isPlausibleCode(code: number): boolean {
  return typeof code === 'number' && Number.isSafeInteger(code) && code >= 0;
}

function copy(entry: CatalogEntry): CatalogEntry {
  return { ...entry, causes: [...entry.causes], fixes: entry.fixes.map((f) => ({ ...f })) };
}

/**
 * Explain an AADSTS number. Known codes return their catalog entry (a copy); anything else,
 * including negative, fractional, NaN or huge numbers, returns an entry with `documented: false`
 * inferred from the message words and the OAuth error value in `context`. Never throws.
 */
export function describeCode(code: number, context?: DescribeContext): CatalogEntry {
  try {
    if (isPlausibleCode(code)) {
      const entry = lookupCode(code);
      if (entry) return copy(entry);
    }
    const description = context && typeof context === 'object' && typeof context.description === 'string' ? context.description : null;
    return undocumentedEntry(code, findErrorValue(context), isPlausibleCode(code) ? inferFromMessage(description) : null);
  } catch {
    // Defensive: a broken context object (throwing getters) must still get an answer.
    return undocumentedEntry(code, null, null);
  }
}

/**
 * For a broad code ("error validating credentials", "authentication failed") whose message says more:
 * the entry the message words describe, still marked as inferred. Null when the words say nothing clear.
 */
export function describeFromMessage(code: number, context: DescribeContext): CatalogEntry | null {
  try {
    const inferred = inferFromMessage(typeof context.description === 'string' ? context.description : null);
    if (!inferred || !isPlausibleCode(code)) return null;
    const known = lookupCode(code);
    const entry = undocumentedEntry(code, findErrorValue(context), inferred);
    if (!known) return entry;
    return {
      ...entry,
      name: known.name,
      summary: `AADSTS${code} is a broad code; inferred from its message: ${inferred.reading}.`,
      causes: [`The message words suggest ${inferred.reading} (an inference; the code itself only says: ${firstWords(known.summary)}).`],
      documented: known.documented,
    };
  } catch {
    return null;
  }
}

function firstWords(text: string): string {
  const s = text.split(/(?<=\.)\s/)[0] ?? text;
  return s.replace(/\.$/, '');
}

function undocumentedEntry(code: number, errorValue: string | null, inferred: Inference | null): CatalogEntry {
  const plausible = isPlausibleCode(code);
  const info = errorValue ? OAUTH_ERRORS[errorValue] : undefined;
  const label = plausible ? `AADSTS${code}` : `"${String(code)}"`;
  const url = plausible ? lookupUrl(code) : LOOKUP_PAGE;

  let summary: string;
  if (!plausible) {
    summary = `${label} is not a valid AADSTS code number (codes are whole, non-negative numbers), so it cannot be looked up.`;
  } else if (inferred) {
    summary =
      `${label} is not in Auth Lens's catalog; inferred from its message: ${inferred.reading}.` +
      (info ? ` The error value ${errorValue} that came with it says: ${info.summary}` : '');
  } else {
    summary =
      `${label} is not in Microsoft\u2019s published list of AADSTS codes, so Auth Lens has no written explanation for it.` +
      (info ? ` The error value ${errorValue} that came with it says: ${info.summary}` : '');
  }

  const causes: string[] = plausible
    ? [
        'The code is new, internal, or was removed from the public documentation; Microsoft changes codes without notice.',
        ...(inferred ? [`The message words suggest ${inferred.reading} (an inference, not a documented meaning).`] : []),
        ...(info ? [info.summary] : []),
      ]
    : ['The number was mistyped or extracted incorrectly from the log or error text.'];

  const fixes: FixStep[] = [];
  if (inferred) fixes.push(inferred.fix);
  fixes.push({
    text: plausible
      ? `Open ${url} \u2014 Microsoft\u2019s lookup page is the most current source and may know this code.`
      : `Check the original error text for the real AADSTS number and look it up at ${LOOKUP_PAGE}?code=<number>.`,
    who: 'developer',
  });
  fixes.push({
    text: 'In the Microsoft Entra admin center open Sign-in logs, filter by the correlation ID (or request ID) from the error, and read the failure reason and the Conditional Access tab.',
    who: 'admin',
  });
  const hint = errorValue ? oauthEntry(errorValue)?.fixes[0] : undefined;
  fixes.push(
    hint ?? {
      text: 'React to the OAuth error value (the `error` field), not to the AADSTS number or description text: it tells whether to retry, sign in interactively, or fix the request.',
      who: 'developer',
    },
  );

  return {
    vocabulary: 'aadsts',
    code: plausible ? String(code) : String(code).slice(0, 40),
    name: null,
    source: 'Microsoft Entra ID',
    summary,
    causes,
    fixes,
    category: inferred?.category ?? info?.category ?? 'unknown',
    actor: inferred?.actor ?? info?.actor ?? 'developer',
    retryable: inferred ? inferred.retryable : (info?.retryable ?? false),
    url,
    documented: false,
    ...(inferred ? { evidence: 'Inferred by Auth Lens from the words of the error message.' } : {}),
  };
}
