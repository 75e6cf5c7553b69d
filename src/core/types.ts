// The shared vocabulary of Auth Lens. Every surface (CLI, hover, panel, token client) speaks in
// these records; nothing here depends on who calls it.

export const CATEGORIES = [
  'success',
  'pending',
  'transient',
  'throttled',
  'interaction_required',
  'claims_challenge',
  'consent_required',
  'client_credential',
  'app_config',
  'tenant_or_account',
  'access_blocked',
  'user_credentials',
  'expired_grant',
  'clock_skew',
  'network',
  'misuse',
  'unknown',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const APP_ACTIONS = [
  'none',
  'retry',
  'wait_and_retry',
  'poll',
  'acquire_interactively',
  'acquire_with_claims',
  'fix_and_resubmit',
  'stop',
] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

export const ACTORS = ['developer', 'admin', 'user', 'none'] as const;
export type Actor = (typeof ACTORS)[number];

export type Outcome = 'success' | 'error' | 'pending';

/** Which input shape the classifier recognised. */
export const SOURCES = [
  'msal_python',
  'token_endpoint_json',
  'msal_js',
  'msal_dotnet',
  'azure_identity',
  'http_response',
  'log_line',
  'token_client',
  'unknown',
] as const;
export type Source = (typeof SOURCES)[number];

/** The one normalized record of an auth outcome. The CLI's `--json` prints exactly these fields. */
export interface Classification {
  outcome: Outcome;
  category: Category;
  appAction: AppAction;
  retryable: boolean;
  /** Seconds to wait before the next attempt, from Retry-After or a throttling rule; null when none applies. */
  retryAfterSeconds: number | null;
  actor: Actor;
  error: string | null;
  suberror: string | null;
  aadsts: number[];
  correlationId: string | null;
  traceId: string | null;
  timestamp: string | null;
  httpStatus: number | null;
  /** The decoded claims challenge (JSON text) to pass back to MSAL, or null. */
  claimsChallenge: string | null;
  source: Source;
  /** One sentence. */
  summary: string;
  /** Ordered steps; for claims challenges and interaction-required results they include MSAL Python, msal-node and MSAL.NET snippets. */
  nextSteps: string[];
}

/** One AADSTS catalog entry, written in the project's own words. */
export interface CatalogEntry {
  code: number;
  /** The PascalCase name where the reference has one. */
  name: string | null;
  summary: string;
  causes: string[];
  fixes: string[];
  category: Category;
  actor: Actor;
  retryable: boolean;
  /** https://login.microsoftonline.com/error?code=N */
  url: string;
  /** False for codes that are not in the published list. */
  documented: boolean;
}

export function lookupUrl(code: number): string {
  return `https://login.microsoftonline.com/error?code=${code}`;
}
