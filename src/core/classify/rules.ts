// The classification rules. Facts in, a decision out; the first matching row wins.
//
// The protocol fields decide (`error`, `suberror`, `claims`, HTTP status, Retry-After /
// WWW-Authenticate); the AADSTS code only refines a decision where the protocol fields leave room
// (docs/msal-behaviour.md §2; the § numbers below are its sections). Rows, in order:
//
//  #  | when                                                            | category            | appAction             | retryable | actor     | retryAfterSeconds
//  ---|-----------------------------------------------------------------|---------------------|-----------------------|-----------|-----------|-------------------------------
//  1  | access_token present (or a device-code start answer)            | success / pending   | none / poll           | false/true| none/user | null
//     | MSAL Python acquire_token_silent() printed as a bare None       | interaction_required| acquire_interactively | false     | user      | null
//  2  | no HTTP answer, or network_error / no_network_connectivity      | network             | retry                 | true      | none      | null
//  3  | MsalThrottledUiRequiredException                                | throttled           | acquire_interactively | false     | developer | Retry-After ?? 120 (§5: UI-required silent failures are blocked 120 s)
//  4  | error request_throttled / MsalThrottledServiceException         | throttled           | wait_and_retry        | true      | none      | Retry-After ?? 60
//  5  | AADSTS50196 (the service's loop detector)                       | throttled           | stop                  | false     | developer | Retry-After or null
//  6  | Retry-After with 429/5xx, a transient error, or no error value  | throttled           | wait_and_retry        | true      | none      | min(Retry-After, 3600) (§5 cap)
//  7  | HTTP 429 without Retry-After                                    | throttled           | wait_and_retry        | true      | none      | 60 (§5 default window)
//  8  | temporarily_unavailable, server_error, request_timeout,          | transient           | retry                 | true      | none      | null (see note on 5xx)
//     | service_not_available, HTTP 5xx or 408, MSAL.NET IsRetryable=True|                     |                       |           |           |
//  9  | authorization_pending / slow_down                               | pending             | poll                  | true      | user      | null / 5 (RFC 8628 back-off)
//  10 | claims present AND (row 11 or row 12 applies), a WWW-Authenticate| claims_challenge    | acquire_with_claims   | false     | user (*)  | null
//     | insufficient_claims challenge, or MsalClaimsChallengeException  |                     |                       |           |           |
//  11 | MSAL.js interaction rule: error ∈ {interaction_required,        | interaction_required| acquire_interactively | false     | user      | null
//     | consent_required, login_required, bad_token, ux_not_allowed,    | (suberror/consent/  |                       |           |           |
//     | interrupted_user} or suberror ∈ {message_only, additional_action,| password refine it) |                       |           |           |
//     | basic_action, user_password_expired, consent_required, bad_token}|                     |                       |           |           |
//     | or the description names one of those errors; also              |                     |                       |           |           |
//     | InteractionRequiredAuthError, MsalUiRequiredException,          |                     |                       |           |           |
//     | AuthenticationRequiredError                                     |                     |                       |           |           |
//  12 | invalid_grant (MSAL.NET: UI-required unless suberror            | expired_grant, or   | acquire_interactively | false     | user      | null
//     | client_mismatch → expired_grant/fix_and_resubmit (redeem this   | the code's category |                       |           |           |
//     | app's own grant), protection_policy_required → access_blocked/  |                     |                       |           |           |
//     | stop); the AADSTS code refines (700082 → expired_grant)         |                     |                       |           |           |
//  13 | local library errors (ClientAuthError, ClientConfigurationError,| misuse (user        | fix_and_resubmit      | false     | developer | null
//     | BrowserAuthError, MsalClientException, ValueError)              | cancel: interaction)|                       |           |           |
//  13a| a library's or an API's own error code / fixed message the    | the entry's         | the entry's           | per entry | per entry | null
//     | catalog knows (interaction_in_progress, AuthorizationFailed)     |                     |                       |           |           |
//  14 | resource 401/403 challenge: invalid_token / insufficient_scope  | expired_grant /     | fix_and_resubmit /    | false     | developer/| null
//     |                                                                 | consent_required    | acquire_interactively |           | user      |
//  15 | any other known OAuth error (OAUTH_ERRORS), refined by the code | per error / code    | per category          | per entry | per entry | null
//     | within the categories that error allows (invalid_client +       |                     |                       |           |           |
//     | 7000222 → client_credential, "expired secret")                  |                     |                       |           |           |
//  16 | Azure Identity: a CLI/tool needs sign-in; credentials unavailable| interaction_required| acquire_interactively/| false     | user /    | null
//     |                                                                 | / app_config        | fix_and_resubmit      |           | developer |
//  16a| Azure Identity's own messages the catalog knows                 | the entry's         | the entry's           | per entry | per entry | null
//  17 | no usable error value: the first documented AADSTS code          | the code's category | per category          | per entry | per entry | null
//  18 | bare HTTP 4xx                                                   | misuse/access_blocked| fix_and_resubmit/stop| false     | developer | null
//  19 | nothing fits                                                    | unknown             | stop                  | false     | developer | null
//
// After the rows: a failed answer that carried Retry-After reports it (capped) in retryAfterSeconds
// even when another row decided the category, because the libraries hold back the identical request
// that long. Refinement inside row 11 is narrow: a code may only turn it into consent_required or
// user_credentials (interaction_required + 53000 stays interaction_required; the code explains it).
// (*) Row 10's actor is developer when the request was app-only (client credentials, Facts.appOnly):
// no user exists to satisfy the challenge, the app's code re-requests its token with the claims.
// Row 10 needs claims that decode to a JSON object; an insufficient_claims challenge whose claims
// cannot be read is still a claims challenge, with claimsChallenge null and a step saying where to look.
//
// Note on 5xx and 429 (§5): without Retry-After the libraries hold back an identical request for 60 s
// (msal-common, MSAL.NET public clients; MSAL Python 60 s public / 5 s confidential). For 429 the
// service asked us to slow down, so retryAfterSeconds is 60: retrying sooner through MSAL would only
// meet the local throttle. For a 5xx the libraries' own policy is one quick retry (MSAL.NET: after
// max(1 s, Retry-After)), so retryAfterSeconds stays null and the 60 s window is a next step instead.
// Any Retry-After counts at most 3600 s, the libraries' cap.
import { describeCode, describeFromMessage, OAUTH_ERRORS, OAUTH_SUBERRORS, type OAuthErrorInfo } from '../catalog/describe';
import type { Actor, AppAction, CatalogEntry, Category, Outcome } from '../types';
import type { Facts } from './facts';

export type RuleId =
  | 'success'
  | 'device_code_started'
  | 'silent_none'
  | 'network'
  | 'throttled_ui'
  | 'throttled_local'
  | 'loop_detected'
  | 'retry_after'
  | 'too_many_requests'
  | 'transient'
  | 'pending'
  | 'slow_down'
  | 'claims_challenge'
  | 'interaction'
  | 'invalid_grant'
  | 'user_cancelled'
  | 'local_misuse'
  | 'resource_invalid_token'
  | 'resource_insufficient_scope'
  | 'resource_no_token'
  | 'oauth_error'
  | 'tool_sign_in'
  | 'credentials_unavailable'
  | 'library_error'
  | 'resource_error'
  | 'code_only'
  | 'http_status'
  | 'unknown';

export interface Decision {
  rule: RuleId;
  outcome: Outcome;
  category: Category;
  appAction: AppAction;
  retryable: boolean;
  actor: Actor;
  retryAfterSeconds: number | null;
  /** The catalog entry that refined the decision, if any. */
  entry: CatalogEntry | null;
  /** The protocol meaning of the error/suberror that decided, if any. */
  info: OAuthErrorInfo | null;
}

/** Libraries cap any Retry-After throttle at one hour (§5). */
export const RETRY_AFTER_CAP_SECONDS = 3600;
/** The libraries' throttle window for 429/5xx without Retry-After (§5). */
export const DEFAULT_THROTTLE_SECONDS = 60;
/** MSAL.NET blocks a silent call that just failed as UI-required (§5). */
export const UI_REQUIRED_THROTTLE_SECONDS = 120;
/** RFC 8628 §3.5: slow_down adds 5 seconds to the polling interval. */
export const SLOW_DOWN_SECONDS = 5;

const IR_ERRORS = new Set(['interaction_required', 'consent_required', 'login_required', 'bad_token', 'ux_not_allowed', 'interrupted_user']);
const IR_SUBERRORS = new Set(['message_only', 'additional_action', 'basic_action', 'user_password_expired', 'consent_required', 'bad_token']);
const IR_DESCRIPTION_STRINGS = ['interaction_required', 'consent_required', 'login_required', 'bad_token'];
const IR_EXCEPTIONS = new Set([
  'InteractionRequiredAuthError',
  'MsalUiRequiredException',
  'MsalClaimsChallengeException',
  'AuthenticationRequiredError',
  'AuthenticationRequiredException',
]);
/** MSAL.NET keeps these invalid_grant suberrors out of the UI-required path (§3). */
const GRANT_NOT_UI_SUBERRORS = new Set(['client_mismatch', 'protection_policy_required']);
const TRANSIENT_ERRORS = new Set(['temporarily_unavailable', 'server_error', 'request_timeout', 'service_not_available']);
const NETWORK_ERRORS = new Set(['network_error', 'no_network_connectivity', 'endpoints_resolution_error', 'managed_identity_unreachable_network', 'network_not_available']);
const CANCEL_ERRORS = new Set(['user_cancelled', 'user_canceled', 'authentication_canceled', 'authentication_cancelled', 'access_denied_by_user']);
const LOCAL_EXCEPTIONS = new Set(['ClientAuthError', 'ClientConfigurationError', 'BrowserAuthError', 'BrowserConfigurationAuthError', 'MsalClientException', 'ValueError']);

/** The categories an AADSTS code may refine each protocol error into (row 15). */
const ANY_SPECIFIC: readonly Category[] = [
  'interaction_required',
  'consent_required',
  'client_credential',
  'app_config',
  'tenant_or_account',
  'access_blocked',
  'user_credentials',
  'expired_grant',
  'clock_skew',
  'misuse',
];
const REFINABLE: Readonly<Record<string, readonly Category[]>> = {
  invalid_request: [...ANY_SPECIFIC, 'transient'],
  invalid_grant: ANY_SPECIFIC,
  invalid_client: ['client_credential', 'app_config', 'clock_skew', 'tenant_or_account', 'access_blocked', 'misuse'],
  unauthorized_client: ['app_config', 'access_blocked', 'tenant_or_account', 'consent_required', 'client_credential'],
  invalid_scope: ['app_config', 'consent_required', 'tenant_or_account', 'access_blocked', 'misuse'],
  invalid_resource: ['app_config', 'consent_required', 'tenant_or_account', 'access_blocked'],
  unsupported_grant_type: ['app_config', 'misuse'],
  access_denied: ['access_blocked', 'consent_required', 'tenant_or_account', 'user_credentials'],
  // Inside the interaction path only the kind of interaction may change.
  interaction: ['consent_required', 'user_credentials', 'interaction_required', 'expired_grant'],
};

/** The default app action for a category (CATEGORIES.md). */
export function actionFor(category: Category, actor: Actor): AppAction {
  switch (category) {
    case 'success':
      return 'none';
    case 'pending':
      return 'poll';
    case 'transient':
    case 'network':
      return 'retry';
    case 'throttled':
      return 'wait_and_retry';
    case 'interaction_required':
    case 'expired_grant':
    case 'user_credentials':
      return 'acquire_interactively';
    case 'claims_challenge':
      return 'acquire_with_claims';
    case 'consent_required':
      return actor === 'admin' ? 'stop' : 'acquire_interactively';
    case 'client_credential':
    case 'app_config':
    case 'misuse':
    case 'clock_skew':
      return 'fix_and_resubmit';
    case 'tenant_or_account':
      return actor === 'user' ? 'acquire_interactively' : 'stop';
    case 'access_blocked':
    case 'unknown':
      return 'stop';
  }
}

function decision(
  rule: RuleId,
  category: Category,
  actor: Actor,
  retryable: boolean,
  extra: Partial<Pick<Decision, 'appAction' | 'retryAfterSeconds' | 'entry' | 'info' | 'outcome'>> = {},
): Decision {
  return {
    rule,
    outcome: extra.outcome ?? (category === 'success' ? 'success' : category === 'pending' ? 'pending' : 'error'),
    category,
    appAction: extra.appAction ?? actionFor(category, actor),
    retryable,
    actor,
    retryAfterSeconds: extra.retryAfterSeconds ?? null,
    entry: extra.entry ?? null,
    info: extra.info ?? null,
  };
}

function fromInfo(rule: RuleId, info: OAuthErrorInfo, entry: CatalogEntry | null = null): Decision {
  return decision(rule, info.category, info.actor, info.retryable, { appAction: info.appAction, info, entry });
}

/**
 * AADSTS codes that only say "something failed while issuing the token" or "the request is invalid":
 * when a message carries one of these and a specific code, the specific one explains it.
 */
const GENERIC_CODES = new Set([50000, 90014, 900144, 90100, 50001, 7000112, 90002, 50058, 70002, 50012]);

/** The text after "AADSTS<code>:" in the description, up to the end of its sentence line. */
function codeMessage(description: string | null, code: number): string | null {
  if (!description) return null;
  const at = description.indexOf(`AADSTS${code}`);
  if (at < 0) return description;
  const rest = description.slice(at + String(code).length + 6, at + 800);
  const next = rest.search(/AADSTS\d{4,}|\r?\n|\\r\\n/);
  return next > 0 ? rest.slice(0, next) : rest;
}

/**
 * The entry that explains the failure: the first specific code (not a generic "token issuance failed")
 * that Auth Lens knows or can read from its message, else the first code's answer.
 */
function primaryEntry(f: Facts): CatalogEntry | null {
  if (f.aadsts.length === 0) return null;
  const codes = f.aadsts.slice(0, 6);
  const described = codes.map((code) => describeCode(code, { error: f.error, description: codeMessage(f.description, code) }));
  const specific = described.filter((e) => !GENERIC_CODES.has(Number(e.code)));
  const chosen = specific.find((e) => e.documented) ?? specific.find((e) => e.category !== 'unknown' && e.evidence !== undefined);
  if (chosen) return chosen;
  // Only broad codes: what their messages say is more telling than the codes themselves.
  for (const code of codes) {
    const fromWords = describeFromMessage(code, { error: f.error, description: codeMessage(f.description, code) });
    if (fromWords) return fromWords;
  }
  return described.find((e) => e.documented) ?? described[0]!;
}

/**
 * Use the code's entry when its category is one the protocol decision allows: a documented code, a
 * code seen in real use, or one whose message words say what happened (all three carry a category;
 * an unknown code whose message says nothing keeps the protocol decision).
 */
function refine(base: Decision, entry: CatalogEntry | null, allowed: readonly Category[]): Decision {
  if (!entry || entry.category === 'unknown' || (!entry.documented && entry.evidence === undefined) || !allowed.includes(entry.category) || entry.category === base.category) {
    return entry ? { ...base, entry } : base;
  }
  return {
    ...base,
    category: entry.category,
    actor: entry.actor,
    retryable: entry.retryable,
    appAction: actionFor(entry.category, entry.actor),
    entry,
  };
}

function cap(seconds: number | null): number | null {
  return seconds === null ? null : Math.min(Math.max(0, seconds), RETRY_AFTER_CAP_SECONDS);
}

function has(map: Readonly<Record<string, OAuthErrorInfo>>, key: string | null): OAuthErrorInfo | null {
  return key !== null && Object.prototype.hasOwnProperty.call(map, key) ? map[key]! : null;
}

function isInteractionRule(f: Facts, error: string | null, suberror: string | null): boolean {
  if (error && IR_ERRORS.has(error)) return true;
  if (suberror && IR_SUBERRORS.has(suberror)) return true;
  // A wrapper type says "interaction" only when the service's own error value does not say otherwise:
  // @azure/identity raises AuthenticationRequiredError around an invalid_client too.
  if (f.exceptionType && IR_EXCEPTIONS.has(f.exceptionType) && !(error && Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, error))) return true;
  if (f.description) {
    const d = f.description.length > 8192 ? f.description.slice(0, 8192) : f.description;
    for (const s of IR_DESCRIPTION_STRINGS) if (d.includes(s)) return true;
  }
  return false;
}

/** A decision from a library or API catalog entry: its category, actor and retry advice. */
function knownDecision(entry: CatalogEntry): Decision {
  const resource = ['graph', 'arm', 'key-vault', 'storage', 'data-services', 'www-authenticate'].includes(entry.vocabulary);
  return decision(resource ? 'resource_error' : 'library_error', entry.category, entry.actor, entry.retryable, {
    appAction: entry.appAction ?? actionFor(entry.category, entry.actor),
    entry,
  });
}

export function decide(f: Facts): Decision {
  const d = decideByRows(f);
  // A Retry-After on any failed answer still tells how long MSAL holds back the identical request.
  if (d.outcome === 'error' && d.retryAfterSeconds === null && f.retryAfterHeader !== null) {
    return { ...d, retryAfterSeconds: cap(f.retryAfterHeader) };
  }
  return d;
}

function decideByRows(f: Facts): Decision {
  const error = f.error ? f.error.toLowerCase() : null;
  const suberror = f.suberror ? f.suberror.toLowerCase() : null;
  const status = f.httpStatus;
  const entry = primaryEntry(f);
  const header = cap(f.retryAfterHeader);

  // 1
  if (f.success) return decision('success', 'success', 'none', false);
  if (f.deviceCode) return decision('device_code_started', 'pending', 'user', true);
  if (f.silentReturnedNone) return decision('silent_none', 'interaction_required', 'user', false);

  // 2
  if ((error && NETWORK_ERRORS.has(error)) || (f.networkError && status === null && !error && f.aadsts.length === 0)) {
    return decision('network', 'network', 'none', true);
  }

  // 3–7
  if (f.exceptionType === 'MsalThrottledUiRequiredException') {
    return decision('throttled_ui', 'throttled', 'developer', false, {
      appAction: 'acquire_interactively',
      retryAfterSeconds: header ?? UI_REQUIRED_THROTTLE_SECONDS,
    });
  }
  if (error === 'request_throttled' || f.exceptionType === 'MsalThrottledServiceException') {
    return decision('throttled_local', 'throttled', 'none', true, {
      retryAfterSeconds: header ?? DEFAULT_THROTTLE_SECONDS,
      info: OAUTH_ERRORS['request_throttled'] ?? null,
    });
  }
  if (f.aadsts.includes(50196)) {
    return decision('loop_detected', 'throttled', 'developer', false, {
      appAction: 'stop',
      retryAfterSeconds: header,
      entry: describeCode(50196, { error: f.error }),
    });
  }
  const isError = status === null || status < 200 || status >= 300;
  if (header !== null && isError && (status === 429 || (status !== null && status >= 500) || !error || TRANSIENT_ERRORS.has(error))) {
    return decision('retry_after', 'throttled', 'none', true, { retryAfterSeconds: header });
  }
  if (status === 429) {
    return decision('too_many_requests', 'throttled', 'none', true, { retryAfterSeconds: DEFAULT_THROTTLE_SECONDS });
  }

  // 8
  if (
    (error && TRANSIENT_ERRORS.has(error)) ||
    (status !== null && status >= 500 && status <= 599) ||
    status === 408 ||
    (f.isRetryable === true && !error?.includes('throttl'))
  ) {
    // A busy answer whose code says the tenant or app is being throttled (AADSTS90055): the libraries
    // hold the identical request back (Retry-After, else their 60 s window), so waiting is the answer.
    if (entry?.category === 'throttled') {
      return decision('retry_after', 'throttled', 'none', true, { retryAfterSeconds: header ?? DEFAULT_THROTTLE_SECONDS, entry });
    }
    return decision('transient', 'transient', 'none', true, { info: has(OAUTH_ERRORS, error), entry });
  }

  // 9
  if (error === 'authorization_pending') return fromInfo('pending', OAUTH_ERRORS['authorization_pending']!, entry);
  if (error === 'slow_down') {
    return { ...fromInfo('slow_down', OAUTH_ERRORS['slow_down']!, entry), retryAfterSeconds: SLOW_DOWN_SECONDS };
  }

  // 10–12
  const interaction = isInteractionRule(f, error, suberror);
  const grantUi = error === 'invalid_grant' && !(suberror && GRANT_NOT_UI_SUBERRORS.has(suberror));
  const challenged = f.challengeError?.toLowerCase() === 'insufficient_claims';
  if ((f.claims && (interaction || grantUi || challenged)) || f.exceptionType === 'MsalClaimsChallengeException' || challenged) {
    // An app-only request has no user to satisfy the challenge: the developer's code passes it back.
    return decision('claims_challenge', 'claims_challenge', f.appOnly ? 'developer' : 'user', false, { entry, retryAfterSeconds: header });
  }
  if (interaction) {
    const subInfo = has(OAUTH_SUBERRORS, suberror);
    // message_only: the page can only tell the user why access is refused (MSAL.NET MessageOnly), so
    // a code that names the block (Conditional Access, a disabled account) decides the category.
    if (suberror === 'message_only' && subInfo) return refine(fromInfo('interaction', subInfo), entry, ['access_blocked', 'tenant_or_account']);
    if (subInfo && IR_SUBERRORS.has(suberror!)) return fromInfo('interaction', subInfo, entry);
    const errInfo = has(OAUTH_ERRORS, error);
    const base = errInfo && IR_ERRORS.has(error!) ? fromInfo('interaction', errInfo) : decision('interaction', 'interaction_required', 'user', false, { info: errInfo });
    if (base.category === 'consent_required') return refine(base, entry, ['consent_required']);
    return refine(base, entry, REFINABLE['interaction']!);
  }
  if (error === 'invalid_grant') {
    const subInfo = has(OAUTH_SUBERRORS, suberror);
    // MSAL.NET does not treat client_mismatch as UI-required: the app redeems its own grant again.
    if (suberror === 'client_mismatch' && subInfo) return { ...fromInfo('invalid_grant', subInfo, entry), appAction: 'fix_and_resubmit' };
    if (subInfo) return fromInfo('invalid_grant', subInfo, entry);
    return refine(fromInfo('invalid_grant', OAUTH_ERRORS['invalid_grant']!), entry, REFINABLE['invalid_grant']!);
  }

  // 13
  if (error && CANCEL_ERRORS.has(error)) {
    return decision('user_cancelled', 'interaction_required', 'user', false);
  }
  // 13a: a library's or an API's own error code (or fixed message) that the catalog knows, when the
  // service's answer (an OAuth error value, an AADSTS code) has not already decided.
  const protocolAnswer = has(OAUTH_ERRORS, error) !== null || f.aadsts.length > 0;
  if (f.known && f.knownVia !== 'type' && f.source !== 'azure_identity' && !protocolAnswer) return knownDecision(f.known);
  if (f.exceptionType && LOCAL_EXCEPTIONS.has(f.exceptionType) && !has(OAUTH_ERRORS, error)) {
    return decision('local_misuse', 'misuse', 'developer', false);
  }

  // 14
  const challengeError = f.challengeError?.toLowerCase() ?? null;
  if (challengeError === 'invalid_token') return decision('resource_invalid_token', 'expired_grant', 'developer', false, { appAction: 'fix_and_resubmit' });
  if (challengeError === 'insufficient_scope') return decision('resource_insufficient_scope', 'consent_required', 'user', false);

  // 15
  const errInfo = has(OAUTH_ERRORS, error);
  if (errInfo) {
    const allowed = REFINABLE[error!] ?? [];
    // Without an AADSTS code, a library's or endpoint's own message (IMDS "Identity not found") explains it.
    const explaining = entry ?? (f.known && f.knownVia !== 'type' ? f.known : null);
    return refine({ ...fromInfo('oauth_error', errInfo), retryAfterSeconds: header }, explaining, allowed);
  }
  if (error === 'authorization_declined') return decision('oauth_error', 'access_blocked', 'user', false);
  if (error === 'user_null' || error === 'no_tokens_found' || error === 'no_account_in_silent_request') {
    return decision('interaction', 'interaction_required', 'user', false);
  }

  // 16
  if (f.toolSignInNeeded && f.aadsts.length === 0 && !error) return decision('tool_sign_in', 'interaction_required', 'user', false);
  if (f.credentialUnavailable) return decision('credentials_unavailable', 'app_config', 'developer', false);

  // 16a: Azure Identity's own messages, after its credential-chain rules.
  if (f.known && f.knownVia !== 'type' && !protocolAnswer) return knownDecision(f.known);

  // 17
  if (entry && entry.category !== 'unknown' && entry.category !== 'success') {
    return decision('code_only', entry.category, entry.actor, entry.retryable, { entry, retryAfterSeconds: header });
  }

  // 18: only the exception type is known (MsalServiceException, CredentialUnavailableError).
  if (f.known && !protocolAnswer && f.known.category !== 'unknown') return knownDecision(f.known);
  if (status === 401 && f.challenges.length > 0) return decision('resource_no_token', 'misuse', 'developer', false);
  if (status !== null && status >= 400 && status < 500) {
    if (status === 403) return decision('http_status', 'access_blocked', 'admin', false, { entry });
    return decision('http_status', 'misuse', 'developer', false, { entry });
  }

  // 19
  return decision('unknown', 'unknown', 'developer', false, { entry, retryAfterSeconds: header });
}
