// The shared vocabulary of Auth Lens. Every surface (CLI, hover, panel, token client) speaks in
// these records; nothing here depends on who calls it.
import type { CatalogEntryData } from './catalog/schema';

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

/** The catalog's vocabularies: each is one JSON file, src/core/catalog/vocab/<id>.json, loaded on first use. */
export const VOCABULARIES = [
  'aadsts', // Entra's AADSTS codes (published list + codes seen in real use)
  'oauth', // OAuth 2.0 / Entra `error` and `suberror` values
  'msal-js', // msal-common, msal-browser, msal-node, msal-node-extensions, msal-react
  'msal-dotnet', // MSAL.NET MsalError constants, UI-required classifications, exception types
  'msal-python', // MSAL Python error values, fixed messages and exceptions
  'azure-identity', // Azure Identity for Python, JavaScript and .NET
  'managed-identity', // the managed identity endpoints (IMDS, App Service, Arc, …) and their answers
  'graph', // Microsoft Graph error codes
  'arm', // Azure Resource Manager error codes
  'key-vault', // Azure Key Vault
  'storage', // Azure Storage
  'data-services', // SQL, Cosmos DB, Service Bus, Event Hubs token errors
  'www-authenticate', // WWW-Authenticate challenge forms (RFC 6750 errors, insufficient_claims, …)
] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

export const WHO = ['developer', 'admin', 'user'] as const;
export type Who = (typeof WHO)[number];

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
  'resource_api',
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

/**
 * One catalog entry of any vocabulary (AADSTS code, OAuth value, library error, API error), written in
 * the project's own words. The shape is defined once, by the zod schema the data files are checked with.
 */
export type CatalogEntry = CatalogEntryData & { vocabulary: Vocabulary };
export type { FixStep } from './catalog/schema';

/** How an entry is named to a person: "AADSTS50076" for Entra codes, the value itself otherwise. */
export function entryLabel(entry: Pick<CatalogEntry, 'vocabulary' | 'code'>): string {
  return entry.vocabulary === 'aadsts' ? `AADSTS${entry.code}` : entry.code;
}

export function lookupUrl(code: number): string {
  return `https://login.microsoftonline.com/error?code=${code}`;
}

// ---------------------------------------------------------------------------------------------
// Tokens (src/core/jwt)

export type TokenKind = 'jwt' | 'jwe' | 'opaque' | 'invalid';

export interface ClaimExplanation {
  name: string;
  /** The claim value as JSON text (secrets never appear in claims; the raw token is never kept here). */
  value: string;
  /** Plain words: what this claim means, in this token. */
  explanation: string;
  /** For time claims: ISO date and relative time ("in 54 minutes", "3 hours ago"). */
  time?: { iso: string; relative: string };
  /** True for claims Auth Lens does not know. */
  unknown?: boolean;
}

export interface DecodedToken {
  kind: TokenKind;
  /** Why the token is opaque / invalid / encrypted, in plain words; null when it decoded cleanly. */
  problem: string | null;
  /** True when the input started with "Bearer ". */
  hadBearerPrefix: boolean;
  header: Record<string, unknown> | null;
  payload: Record<string, unknown> | null;
  tokenType: 'access' | 'id' | 'unknown';
  version: 'v1' | 'v2' | null;
  /** app-only (client credentials) vs delegated (a user is present); null when unknown. */
  appOnly: boolean | null;
  audience: string | null;
  appId: string | null;
  scopes: string[];
  roles: string[];
  tenantId: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  /** Seconds until expiry at decode time (negative when expired), null without exp. */
  expiresInSeconds: number | null;
  headerClaims: ClaimExplanation[];
  claims: ClaimExplanation[];
  warnings: string[];
  /** Signature status in words: not verified, Graph nonce token (only Graph can verify), none (alg none), etc. */
  signature: { present: boolean; status: 'unverified' | 'graph_nonce' | 'unsigned' | 'verified' | 'invalid'; note: string };
  /** The token with its signature replaced by a marker, safe to show. */
  redacted: string;
}

// ---------------------------------------------------------------------------------------------
// Log scanning (src/core/scan)

export interface ScanFinding {
  kind: 'aadsts' | 'error' | 'jwt' | 'correlation_id' | 'trace_id' | 'timestamp';
  /** The matched text (JWTs are redacted). */
  value: string;
  /** 1-based line of the text as decoded: exact for every input encoding (UTF-8, UTF-16, gzip). */
  line: number;
  /** 0-based, in bytes of the line's UTF-8 text. */
  column: number;
  /**
   * Byte offset of the match in the text as scanned (UTF-8): the offset in the file for a plain UTF-8
   * file (with or without a BOM); for UTF-16 or gzip input, the offset in the decoded text re-encoded
   * as UTF-8, which no byte of the file corresponds to (ScanInput.offsets says which).
   */
  offset: number;
}

export interface CodeCount {
  code: number;
  count: number;
  firstLine: number;
  lastLine: number;
  name: string | null;
  category: Category;
}

export interface ErrorValueCount {
  error: string;
  count: number;
  firstLine: number;
  lastLine: number;
  /**
   * Device-code polling (`authorization_pending`, `slow_down`): the sign-in is still in progress, not
   * failed. Set by the scanner on every value; absent from summaries made elsewhere.
   */
  pending?: boolean;
}

export interface CorrelationGroup {
  correlationId: string;
  lines: number[];
  codes: number[];
  errors: string[];
  traceIds: string[];
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  /** Every code and error value of the group is device-code polling (progress, not a failure). */
  pending?: boolean;
}

export interface BurstWarning {
  /** Line where the burst starts and ends. */
  firstLine: number;
  lastLine: number;
  requests: number;
  /** The window the requests fell in, in seconds. */
  windowSeconds: number;
  message: string;
}

/** What a token-endpoint interaction was for (discovery: OpenID metadata or instance discovery; managed_identity: IMDS and its kin). */
export type LogEndpoint = 'token' | 'devicecode' | 'authorize' | 'discovery' | 'managed_identity';

/** One token-endpoint interaction read from an application's log (src/core/scan/requests). */
export interface LogRequest {
  /** Line of the request (1-based); `lines` lists every line it was read from. */
  line: number;
  lines: number[];
  time: string | null;
  correlationId: string | null;
  /** x-ms-request-id of the answer, when logged. */
  requestId: string | null;
  endpoint: LogEndpoint;
  method: string | null;
  /** host/tenant, when the URL was logged. */
  authority: string | null;
  /** grant_type when visible, or inferred from the flow the library logged (device_code, refresh_token). */
  grant: string | null;
  status: number | null;
  error: string | null;
  suberror: string | null;
  aadsts: number[];
  retryAfterSeconds: number | null;
  /** Milliseconds since the previous request to the same authority, when both times are known. */
  waitBeforeMs: number | null;
  outcome: 'success' | 'failure' | 'pending' | 'throttled' | 'unknown';
  category: Category | null;
  /** 'cache': the library answered from its own memory; nothing went out (only where the library logs it). */
  source: 'network' | 'cache';
  /** The log dialect the request was read from. */
  dialect: string;
}

/** A pattern across requests: a retry sooner than Retry-After, a loop, a silent failure never followed by interaction. */
export interface RequestFlag {
  kind: 'retry_after_ignored' | 'request_loop' | 'no_interactive_fallback';
  line: number;
  lines: number[];
  message: string;
}

export interface ScanSummary {
  /** Bytes of UTF-8 text scanned: after gzip and UTF-16 decoding, without a byte-order mark (`input.bytesRead` counts what was read). */
  bytes: number;
  lines: number;
  codes: CodeCount[];
  errors: ErrorValueCount[];
  correlations: CorrelationGroup[];
  tokens: { line: number; redacted: string }[];
  bursts: BurstWarning[];
  /** Token-endpoint interactions reconstructed from the log, in log order (capped). */
  requests?: LogRequest[];
  requestFlags?: RequestFlag[];
  /** Set when input was not text (binary) or was cut short. */
  warnings: string[];
  /** How the input was read, when it came from a file or stream (src/core/scan/node). */
  input?: ScanInput;
}

/** How a file or stream was read as text before scanning. */
export interface ScanInput {
  /** Recognised by the byte-order mark; UTF-8 without one. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bom: boolean;
  /** 'gzip' when the input started with gzip's magic bytes (whatever its name) and was decompressed as it was read. */
  compression: 'gzip' | null;
  /** Bytes read from the file or stream as stored (compressed, UTF-16); `bytes` counts the UTF-8 text scanned. */
  bytesRead: number;
  /**
   * What finding offsets count. 'file': bytes of the file (plain UTF-8). 'decoded': bytes of the
   * decoded text as UTF-8 (UTF-16 or gzip input). Line numbers are exact either way.
   */
  offsets: 'file' | 'decoded';
}

// ---------------------------------------------------------------------------------------------
// Token client timeline (src/core/client)

export type AttemptDecision = 'retry' | 'wait' | 'stop' | 'done';

export interface TimelineAttempt {
  index: number; // 0-based
  /** ms since the start of the operation. */
  startMs: number;
  durationMs: number;
  method: string;
  /** URL without secrets (query secrets removed). */
  url: string;
  httpStatus: number | null;
  /** x-ms-request-id, client-request-id, x-ms-ests-server when the server sent them. */
  requestIds: Record<string, string>;
  retryAfterSeconds: number | null;
  /** What the client did next and why. */
  decision: AttemptDecision;
  reason: string;
  /** Wait before the next attempt in ms (0 when none). */
  waitMs: number;
  /** Network-level failure text (ECONNRESET, timeout, TLS) when there was no HTTP answer. */
  networkError: string | null;
  classification: Classification;
}

export interface Timeline {
  operation: string; // e.g. "client_credentials via https://login.microsoftonline.com/..."
  startedAt: string; // ISO
  totalMs: number;
  attempts: TimelineAttempt[];
  final: Classification;
  /** What the reader must know about the whole run that no single attempt says (TLS checks turned off by the environment). */
  notes?: string[];
}
