// The one answer for any AADSTS number: the catalog entry when the code is documented, otherwise an
// honest "not in the published list" entry whose advice comes from the OAuth `error` value, because
// that value (not the number) is what Microsoft promises to keep stable.
import { type Actor, type AppAction, type CatalogEntry, type Category, lookupUrl } from '../types';
import { lookupCode } from './index';

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

/**
 * The standard `error` values the token and authorize endpoints return (RFC 6749 plus the device-code
 * and Microsoft additions). Keys are the exact wire values.
 */
export const OAUTH_ERRORS: Readonly<Record<string, OAuthErrorInfo>> = Object.freeze({
  invalid_request: {
    summary:
      'The request broke the protocol: a required parameter is missing, repeated or has a value the endpoint cannot accept.',
    category: 'misuse',
    actor: 'developer',
    appAction: 'fix_and_resubmit',
    retryable: false,
  },
  invalid_grant: {
    summary:
      'The grant the app presented (authorization code, refresh token, assertion or PKCE verifier) cannot be used: it expired, was revoked, was already redeemed or does not match this request.',
    category: 'expired_grant',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  unauthorized_client: {
    summary:
      'The app is known but is not allowed to use this grant type or flow, often because the registration does not enable it or the app is not present in the tenant.',
    category: 'app_config',
    actor: 'developer',
    appAction: 'fix_and_resubmit',
    retryable: false,
  },
  invalid_client: {
    summary:
      'The app could not prove who it is: the client secret, certificate or client assertion is wrong, expired, missing or sent to the wrong app.',
    category: 'client_credential',
    actor: 'developer',
    appAction: 'fix_and_resubmit',
    retryable: false,
  },
  unsupported_grant_type: {
    summary:
      'The endpoint does not accept the grant_type the app sent, or this app is not set up for it; switch to a flow the registration supports.',
    category: 'app_config',
    actor: 'developer',
    appAction: 'fix_and_resubmit',
    retryable: false,
  },
  invalid_resource: {
    summary:
      'The API the token is meant for cannot be found in the tenant or is not set up there, so no token can be issued for it.',
    category: 'app_config',
    actor: 'developer',
    appAction: 'fix_and_resubmit',
    retryable: false,
  },
  invalid_scope: {
    summary:
      'One of the requested scopes is malformed, unknown for that API, or cannot be combined with the others in one request.',
    category: 'app_config',
    actor: 'developer',
    appAction: 'fix_and_resubmit',
    retryable: false,
  },
  interaction_required: {
    summary:
      'A silent request cannot finish on its own: the user has to see a sign-in page, for example to pass MFA or another extra step.',
    category: 'interaction_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  consent_required: {
    summary:
      'Nobody has agreed yet to let this app use the requested permissions; the user (or an admin, for admin-only permissions) must consent first.',
    category: 'consent_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  login_required: {
    summary:
      'There is no usable sign-in session to reuse, so the user must sign in again interactively.',
    category: 'interaction_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  temporarily_unavailable: {
    summary:
      'The sign-in service is busy or briefly unable to answer; the same request should work after a short wait.',
    category: 'transient',
    actor: 'none',
    appAction: 'retry',
    retryable: true,
  },
  server_error: {
    summary:
      'Something failed inside the sign-in service itself, not in the request; retry after a pause and open a support case if it persists.',
    category: 'transient',
    actor: 'none',
    appAction: 'retry',
    retryable: true,
  },
  authorization_pending: {
    summary:
      'Device-code sign-in is still waiting for the user to enter the code and finish on another device; keep polling at the given interval.',
    category: 'pending',
    actor: 'user',
    appAction: 'poll',
    retryable: true,
  },
  slow_down: {
    summary:
      'The app is polling for the device-code result too quickly; keep polling but wait longer (add about 5 seconds) between requests.',
    category: 'pending',
    actor: 'user',
    appAction: 'poll',
    retryable: true,
  },
  expired_token: {
    summary:
      'The device code ran out of time before the user finished signing in; start the device-code flow again to get a fresh code.',
    category: 'expired_grant',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  access_denied: {
    summary:
      'The user declined, or a policy or admin setting refused the request on purpose; sending it again will not change the answer.',
    category: 'access_blocked',
    actor: 'user',
    appAction: 'stop',
    retryable: false,
  },
  request_throttled: {
    summary:
      'MSAL stopped the request locally because the service recently answered with a throttling or Retry-After response; wait before trying again.',
    category: 'throttled',
    actor: 'none',
    appAction: 'wait_and_retry',
    retryable: true,
  },
  bad_token: {
    summary:
      'The refresh token or session the app holds was rejected as unusable, so the user must sign in again interactively.',
    category: 'interaction_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
});

/**
 * The `suberror` values that refine an `error` (usually interaction_required or invalid_grant).
 * Kept apart from OAUTH_ERRORS because `consent_required` is both an error and a suberror.
 */
export const OAUTH_SUBERRORS: Readonly<Record<string, OAuthErrorInfo>> = Object.freeze({
  basic_action: {
    summary:
      'The user can fix this in one simple step on the sign-in page, such as accepting terms or re-entering a password.',
    category: 'interaction_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  additional_action: {
    summary:
      'The user must complete an extra step beyond the basic sign-in, such as MFA registration or moving to a compliant device.',
    category: 'interaction_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  message_only: {
    summary:
      'The sign-in page will only show the user a message (for example that access is blocked); the user cannot fix it there but should see it.',
    category: 'interaction_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  user_password_expired: {
    summary: 'The user\u2019s password has expired and must be changed during an interactive sign-in.',
    category: 'user_credentials',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  consent_required: {
    summary:
      'The failure is about missing consent: show an interactive sign-in so the user (or an admin) can grant the permissions.',
    category: 'consent_required',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  client_mismatch: {
    summary:
      'The refresh token was issued to a different client (or client family) than the one now redeeming it; get a new token for this app instead of reusing the old one.',
    category: 'expired_grant',
    actor: 'developer',
    appAction: 'acquire_interactively',
    retryable: false,
  },
  protection_policy_required: {
    summary:
      'An app protection (Intune MAM) policy is required for this resource; the app must be managed by that policy, which a plain interactive sign-in cannot satisfy.',
    category: 'access_blocked',
    actor: 'admin',
    appAction: 'stop',
    retryable: false,
  },
  token_expired: {
    summary: 'The token or session the request relied on has expired; obtain a new one, interactively if silent renewal fails.',
    category: 'expired_grant',
    actor: 'user',
    appAction: 'acquire_interactively',
    retryable: false,
  },
});

export interface DescribeContext {
  /** The OAuth `error` value that came with the code, e.g. "invalid_grant". */
  error?: string | null;
  /** The `error_description` text, used only to find an error value when `error` is absent. */
  description?: string | null;
}

const LOOKUP_PAGE = 'https://login.microsoftonline.com/error';

// What each error value means for the person fixing an undocumented code, as a fix step.
const ERROR_HINTS: Readonly<Record<string, string>> = {
  invalid_request:
    'The error value invalid_request means the request itself is malformed: compare every parameter you send (client_id, scope, redirect_uri, grant_type, code_verifier) with what the endpoint expects.',
  invalid_grant:
    'The error value invalid_grant means the code, refresh token or assertion is unusable: drop it from your cache and get a new one, interactively if needed.',
  unauthorized_client:
    'The error value unauthorized_client means this app may not use this flow: check Identity \u2192 Applications \u2192 App registrations \u2192 <app> \u2192 Authentication (platforms, public client flows) and that the app exists in this tenant.',
  invalid_client:
    'The error value invalid_client means the app\u2019s own credential failed: check the secret or certificate under App registrations \u2192 <app> \u2192 Certificates & secrets and what your code sends.',
  unsupported_grant_type:
    'The error value unsupported_grant_type means this grant is not accepted here: use a flow the app registration supports.',
  invalid_resource:
    'The error value invalid_resource means the target API is unknown or not set up in this tenant: check the resource or scope URI and that the API\u2019s service principal exists under Enterprise applications.',
  invalid_scope:
    'The error value invalid_scope means a requested scope is wrong: check the scope strings against App registrations \u2192 <app> \u2192 API permissions and the API\u2019s Expose an API page.',
  interaction_required:
    'The error value interaction_required means a silent call cannot succeed: fall back to an interactive sign-in (acquire_token_interactive, acquireTokenPopup/Redirect, AcquireTokenInteractive).',
  consent_required:
    'The error value consent_required means permissions have not been granted: sign in interactively with a consent prompt, or have an admin use API permissions \u2192 Grant admin consent.',
  login_required:
    'The error value login_required means there is no session to reuse: sign the user in interactively.',
  temporarily_unavailable:
    'The error value temporarily_unavailable means the service was busy: retry after a short, growing delay and honour any Retry-After header.',
  server_error:
    'The error value server_error means the service failed internally: retry after a pause; if it keeps happening, open a support case with the correlation ID and timestamp.',
  authorization_pending:
    'The error value authorization_pending means the device-code sign-in is not finished yet: keep polling at the interval the service gave.',
  slow_down:
    'The error value slow_down means the app polls too fast: lengthen the polling interval and keep waiting.',
  expired_token:
    'The error value expired_token means the device code timed out: start the device-code flow again.',
  access_denied:
    'The error value access_denied means the user or a policy refused the request on purpose: check Protection \u2192 Conditional Access \u2192 Policies and the app\u2019s assignment rather than retrying.',
  request_throttled:
    'The error value request_throttled means the client is holding back after a throttling answer: wait for the Retry-After period and cache tokens instead of requesting new ones.',
  bad_token:
    'The error value bad_token means the cached refresh token or session is unusable: remove it and sign the user in interactively.',
};

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

function isPlausibleCode(code: number): boolean {
  return typeof code === 'number' && Number.isSafeInteger(code) && code >= 0;
}

/**
 * Explain an AADSTS number. Documented codes return their catalog entry (a copy); anything else,
 * including negative, fractional, NaN or huge numbers, returns an entry with `documented: false`
 * built from the OAuth error value in `context`. Never throws.
 */
export function describeCode(code: number, context?: DescribeContext): CatalogEntry {
  try {
    if (isPlausibleCode(code)) {
      const entry = lookupCode(code);
      if (entry) return { ...entry, causes: [...entry.causes], fixes: [...entry.fixes] };
    }
    return undocumentedEntry(code, findErrorValue(context));
  } catch {
    // Defensive: a broken context object (throwing getters) must still get an answer.
    return undocumentedEntry(code, null);
  }
}

function undocumentedEntry(code: number, errorValue: string | null): CatalogEntry {
  const plausible = isPlausibleCode(code);
  const info = errorValue ? OAUTH_ERRORS[errorValue] : undefined;
  const label = plausible ? `AADSTS${code}` : `"${String(code)}"`;
  const url = plausible ? lookupUrl(code) : LOOKUP_PAGE;

  const summary = plausible
    ? `${label} is not in Microsoft\u2019s published list of AADSTS codes, so Auth Lens has no written explanation for it.` +
      (info ? ` The error value ${errorValue} that came with it says: ${info.summary}` : '')
    : `${label} is not a valid AADSTS code number (codes are whole, non-negative numbers), so it cannot be looked up.`;

  const causes: string[] = plausible
    ? [
        'The code is new, internal, or was removed from the public documentation; Microsoft changes codes without notice.',
        ...(info ? [info.summary] : []),
      ]
    : ['The number was mistyped or extracted incorrectly from the log or error text.'];

  const fixes: string[] = [];
  fixes.push(
    plausible
      ? `Open ${url} \u2014 Microsoft\u2019s lookup page is the most current source and may know this code.`
      : `Check the original error text for the real AADSTS number and look it up at ${LOOKUP_PAGE}?code=<number>.`,
  );
  fixes.push(
    'In the Microsoft Entra admin center open Sign-in logs, filter by the correlation ID (or request ID) from the error, and read the failure reason and the Conditional Access tab.',
  );
  if (errorValue && ERROR_HINTS[errorValue]) {
    fixes.push(ERROR_HINTS[errorValue]);
  } else {
    fixes.push(
      'React to the OAuth error value (the `error` field), not to the AADSTS number or description text: it tells whether to retry, sign in interactively, or fix the request.',
    );
  }

  return {
    code,
    name: null,
    summary,
    causes,
    fixes,
    category: info?.category ?? 'unknown',
    actor: info?.actor ?? 'developer',
    retryable: info?.retryable ?? false,
    url,
    documented: false,
  };
}
