// The messages between the extension host and the inspection panel, one union per direction.
// Both sides parse everything they receive with these schemas and drop what fails: the webview is
// a separate trust zone (it renders log text and token claims), so neither side trusts the other's
// shapes. The schemas mirror the records in src/core/types.ts; the `satisfies` checks below keep
// the two in step. Runs in Node and in the browser.
import * as z from 'zod';
import {
  ACTORS,
  APP_ACTIONS,
  CATEGORIES,
  SOURCES,
  VOCABULARIES,
  WHO,
  type CatalogEntry,
  type Classification,
  type DecodedToken,
  type ScanSummary,
  type Timeline,
} from './core/types';
import { ApiDiagnosisFields, TokenComparisonSchema, VerificationSchema } from './protocol-tokens';


/** Largest host → webview message, measured as JSON text length. Big log scans must be trimmed by the host. */
export const MAX_HOST_MESSAGE_CHARS = 4 * 1024 * 1024;
/** Largest webview → host message, measured as JSON text length. */
export const MAX_WEBVIEW_MESSAGE_CHARS = 128 * 1024;

const SHORT = 1_000;
const TEXT = 20_000;
const LONG = 1_000_000;

const shortText = z.string().max(SHORT);
const text = z.string().max(TEXT);
const nullableShort = shortText.nullable();

// ---------------------------------------------------------------------------------------------
// Records from src/core/types.ts

export const CategorySchema = z.enum(CATEGORIES);
export const AppActionSchema = z.enum(APP_ACTIONS);
export const ActorSchema = z.enum(ACTORS);
export const SourceSchema = z.enum(SOURCES);

export const ClassificationSchema = z.object({
  outcome: z.enum(['success', 'error', 'pending']),
  category: CategorySchema,
  appAction: AppActionSchema,
  retryable: z.boolean(),
  retryAfterSeconds: z.number().finite().nonnegative().nullable(),
  actor: ActorSchema,
  error: nullableShort,
  suberror: nullableShort,
  aadsts: z.array(z.number().int().nonnegative()).max(100),
  correlationId: nullableShort,
  traceId: nullableShort,
  timestamp: nullableShort,
  httpStatus: z.number().int().min(0).max(999).nullable(),
  claimsChallenge: text.nullable(),
  source: SourceSchema,
  summary: text,
  nextSteps: z.array(text).max(100),
});

export const CatalogEntrySchema = z.object({
  vocabulary: z.enum(VOCABULARIES),
  code: shortText,
  aliases: z.array(shortText).max(50).optional(),
  name: nullableShort,
  source: shortText,
  errorType: shortText.optional(),
  patterns: z.array(shortText).max(20).optional(),
  summary: text,
  causes: z.array(text).max(100),
  fixes: z.array(z.object({ text, who: z.enum(WHO) })).max(100),
  category: CategorySchema,
  actor: ActorSchema,
  appAction: AppActionSchema.optional(),
  retryable: z.boolean(),
  url: z.string().max(2_000).nullable(),
  documented: z.boolean(),
  evidence: text.optional(),
});

export const ClaimExplanationSchema = z.object({
  name: shortText,
  value: text,
  explanation: text,
  time: z.object({ iso: shortText, relative: shortText }).optional(),
  unknown: z.boolean().optional(),
});

export const DecodedTokenSchema = z.object({
  kind: z.enum(['jwt', 'jwe', 'opaque', 'invalid']),
  problem: text.nullable(),
  hadBearerPrefix: z.boolean(),
  header: z.record(z.string(), z.unknown()).nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  tokenType: z.enum(['access', 'id', 'unknown']),
  version: z.enum(['v1', 'v2']).nullable(),
  appOnly: z.boolean().nullable(),
  audience: nullableShort,
  appId: nullableShort,
  scopes: z.array(shortText).max(500),
  roles: z.array(shortText).max(500),
  tenantId: nullableShort,
  issuedAt: nullableShort,
  expiresAt: nullableShort,
  expiresInSeconds: z.number().finite().nullable(),
  headerClaims: z.array(ClaimExplanationSchema).max(200),
  claims: z.array(ClaimExplanationSchema).max(500),
  warnings: z.array(text).max(100),
  signature: z.object({
    present: z.boolean(),
    status: z.enum(['unverified', 'graph_nonce', 'unsigned', 'verified', 'invalid']),
    note: text,
  }),
  redacted: z.string().max(LONG),
});

const lineNumber = z.number().int().min(1);

/** A token request read back from a log (src/core/scan/requests). */
export const LogRequestSchema = z.object({
  line: lineNumber,
  lines: z.array(lineNumber).max(50),
  time: nullableShort,
  correlationId: nullableShort,
  requestId: nullableShort,
  endpoint: z.enum(['token', 'devicecode', 'authorize', 'discovery', 'managed_identity']),
  method: nullableShort,
  authority: nullableShort,
  grant: nullableShort,
  status: z.number().int().min(0).max(999).nullable(),
  error: nullableShort,
  suberror: nullableShort,
  aadsts: z.array(z.number().int().nonnegative()).max(50),
  retryAfterSeconds: z.number().finite().nonnegative().nullable(),
  waitBeforeMs: z.number().finite().nullable(),
  outcome: z.enum(['success', 'failure', 'pending', 'throttled', 'unknown']),
  category: CategorySchema.nullable(),
  source: z.enum(['network', 'cache']),
  dialect: shortText,
});

export const RequestFlagSchema = z.object({
  kind: z.enum(['retry_after_ignored', 'request_loop', 'no_interactive_fallback']),
  line: lineNumber,
  lines: z.array(lineNumber).max(50),
  message: text,
});

export const ScanSummarySchema = z.object({
  bytes: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  codes: z.array(
    z.object({
      code: z.number().int().nonnegative(),
      count: z.number().int().nonnegative(),
      firstLine: lineNumber,
      lastLine: lineNumber,
      name: nullableShort,
      category: CategorySchema,
    }),
  ),
  errors: z.array(
    z.object({ error: shortText, count: z.number().int().nonnegative(), firstLine: lineNumber, lastLine: lineNumber, pending: z.boolean().optional() }),
  ),
  correlations: z.array(
    z.object({
      correlationId: shortText,
      lines: z.array(lineNumber),
      codes: z.array(z.number().int().nonnegative()),
      errors: z.array(shortText),
      traceIds: z.array(shortText),
      firstTimestamp: nullableShort,
      lastTimestamp: nullableShort,
      pending: z.boolean().optional(),
    }),
  ),
  tokens: z.array(z.object({ line: lineNumber, redacted: text })),
  bursts: z.array(
    z.object({
      firstLine: lineNumber,
      lastLine: lineNumber,
      requests: z.number().int().nonnegative(),
      windowSeconds: z.number().finite().nonnegative(),
      message: text,
    }),
  ),
  requests: z.array(LogRequestSchema).max(5_000).optional(),
  requestFlags: z.array(RequestFlagSchema).max(500).optional(),
  warnings: z.array(text).max(100),
  input: z
    .object({
      encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
      bom: z.boolean(),
      compression: z.literal('gzip').nullable(),
      bytesRead: z.number().int().nonnegative(),
      offsets: z.enum(['file', 'decoded']),
    })
    .optional(),
});

export const TimelineAttemptSchema = z.object({
  index: z.number().int().nonnegative(),
  startMs: z.number().finite().nonnegative(),
  durationMs: z.number().finite().nonnegative(),
  method: shortText,
  url: z.string().max(4_000),
  httpStatus: z.number().int().min(0).max(999).nullable(),
  requestIds: z.record(shortText, shortText),
  retryAfterSeconds: z.number().finite().nonnegative().nullable(),
  decision: z.enum(['retry', 'wait', 'stop', 'done']),
  reason: text,
  waitMs: z.number().finite().nonnegative(),
  networkError: nullableShort,
  classification: ClassificationSchema,
});

export const TimelineSchema = z.object({
  operation: z.string().max(4_000),
  startedAt: shortText,
  totalMs: z.number().finite().nonnegative(),
  attempts: z.array(TimelineAttemptSchema).max(1_000),
  final: ClassificationSchema,
  notes: z.array(text).max(20).optional(),
});

// Compile-time proof that the schemas produce exactly the shared records (fails to type-check on drift).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: [
  Same<z.infer<typeof ClassificationSchema>, Classification>,
  Same<z.infer<typeof CatalogEntrySchema>, CatalogEntry>,
  Same<z.infer<typeof DecodedTokenSchema>, DecodedToken>,
  Same<z.infer<typeof ScanSummarySchema>, ScanSummary>,
  Same<z.infer<typeof TimelineSchema>, Timeline>,
] = [true, true, true, true, true];
void schemaMatchesTypes;

// ---------------------------------------------------------------------------------------------
// Host → webview

export const VIEWS = ['response', 'lookup', 'timeline', 'claims', 'scan', 'compare', 'tokenApi'] as const;
export type PanelView = (typeof VIEWS)[number];
export const PanelViewSchema = z.enum(VIEWS);

export const CodeSnippetSchema = z.object({
  /** Display name of the language or library, e.g. "MSAL Python", "msal-node", "MSAL.NET". */
  language: shortText,
  code: text,
});
export type CodeSnippet = z.infer<typeof CodeSnippetSchema>;

const show = z.literal('show');

export const ShowMessageSchema = z.discriminatedUnion('view', [
  z.object({
    type: show,
    view: z.literal('response'),
    classification: ClassificationSchema,
    /** The input the classification came from, already redacted by the host. */
    input: z.string().max(LONG),
    snippets: z.array(CodeSnippetSchema).max(20),
  }),
  z.object({
    type: show,
    view: z.literal('lookup'),
    /** Search results to list. */
    entries: z.array(CatalogEntrySchema).max(1_000).optional(),
    /** The entry to open in the detail view. */
    selected: CatalogEntrySchema.optional(),
  }),
  z.object({
    type: show,
    view: z.literal('timeline'),
    timeline: TimelineSchema,
    token: DecodedTokenSchema.optional(),
    /** A timeline read from a scanned log: each attempt's line, for click-to-line (documentUri as in the scan view). */
    log: z.object({ documentUri: z.string().max(8_000), fileName: shortText, lines: z.array(lineNumber).max(1_000) }).optional(),
  }),
  z.object({ type: show, view: z.literal('claims'), token: DecodedTokenSchema, verification: VerificationSchema.optional() }),
  z.object({
    type: show,
    view: z.literal('scan'),
    summary: ScanSummarySchema,
    /** Passed back unchanged in `revealLine`. */
    documentUri: z.string().max(8_000),
    fileName: shortText,
  }),
  z.object({ type: show, view: z.literal('compare'), comparison: TokenComparisonSchema }),
  z.object({
    type: show,
    view: z.literal('tokenApi'),
    diagnosis: z.object({ ...ApiDiagnosisFields, classification: ClassificationSchema }),
    /** The pasted answer (and request), already redacted by the host. */
    input: z.string().max(LONG),
  }),
]);
export type ShowMessage = z.infer<typeof ShowMessageSchema>;

export const HostMessageSchema = z.discriminatedUnion('type', [
  ShowMessageSchema,
  z.object({ type: z.literal('lookupResults'), query: shortText, entries: z.array(CatalogEntrySchema).max(1_000) }),
  z.object({ type: z.literal('error'), message: text }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Webview → host

const ALLOWED_EXTERNAL_HOSTS = ['login.microsoftonline.com', 'learn.microsoft.com'];

/** True only for plain https links to the AADSTS error page or Microsoft Learn (no credentials, no port). */
export function isAllowedExternalUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2_000) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    ALLOWED_EXTERNAL_HOSTS.includes(url.hostname) &&
    // Reject look-alikes such as "https://learn.microsoft.com@evil" that URL parsing would already catch,
    // and backslash tricks some parsers treat as path separators.
    !value.includes('\\')
  );
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** The longest token the panel's forms send; decodeToken reads no more. */
export const MAX_TOKEN_CHARS = 64 * 1024;

export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** `line` is 1-based, as in ScanSummary. */
  z.object({ type: z.literal('revealLine'), documentUri: z.string().max(8_000), line: lineNumber }),
  z.object({ type: z.literal('lookup'), query: z.string().max(200) }),
  z.object({ type: z.literal('selectCode'), vocabulary: z.enum(VOCABULARIES), code: shortText, name: nullableShort.optional() }),
  z.object({ type: z.literal('copy'), text: z.string().max(100_000) }),
  z.object({
    type: z.literal('openExternal'),
    url: z.string().refine(isAllowedExternalUrl, 'Only https links to login.microsoftonline.com or learn.microsoft.com may be opened.'),
  }),
  z.object({ type: z.literal('switchView'), view: PanelViewSchema }),
  /** Draw the token requests of a scanned log on the Retry timeline: one correlation id, or a range of lines. */
  z.object({
    type: z.literal('showLogTimeline'),
    documentUri: z.string().max(8_000),
    correlationId: shortText.nullable(),
    fromLine: lineNumber.optional(),
    toLine: lineNumber.optional(),
  }),
  z.object({ type: z.literal('log'), level: z.enum(LOG_LEVELS), message: z.string().max(4_000) }),
  /** The panel's Compare tokens form: two tokens, each as pasted (a "Bearer " prefix is fine). */
  z.object({ type: z.literal('compareTokens'), a: z.string().min(1).max(MAX_TOKEN_CHARS), b: z.string().min(1).max(MAX_TOKEN_CHARS) }),
  /** The panel's Token vs API form: the API's answer (with its request, if pasted) and, optionally, the token sent. */
  z.object({ type: z.literal('diagnoseApi'), text: z.string().min(1).max(100_000), token: z.string().max(MAX_TOKEN_CHARS).optional() }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Parsing

/** JSON text length of a value, or undefined when it cannot be serialised (cycles, BigInt, throwing getters). */
export function messageSize(value: unknown): number | undefined {
  try {
    const json = JSON.stringify(value);
    return typeof json === 'string' ? json.length : undefined;
  } catch {
    return undefined;
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, maxChars: number): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const size = messageSize(value);
  if (size === undefined || size > maxChars) return undefined;
  try {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  } catch {
    // safeParse does not throw on bad data, but a hostile object (a Proxy, throwing getters) could.
    return undefined;
  }
}

/** A message from the host, or undefined when it is malformed, unknown or oversized. Never throws. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  return parseWith(HostMessageSchema, value, MAX_HOST_MESSAGE_CHARS);
}

/** A message from the webview, or undefined when it is malformed, unknown or oversized. Never throws. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  return parseWith(WebviewMessageSchema, value, MAX_WEBVIEW_MESSAGE_CHARS);
}

/** Why a message was dropped, in words safe to log (no message content). Never throws. */
export function describeRejectedMessage(value: unknown, maxChars: number = MAX_HOST_MESSAGE_CHARS): string {
  if (typeof value !== 'object' || value === null) return `message is not an object (${value === null ? 'null' : typeof value})`;
  const size = messageSize(value);
  if (size === undefined) return 'message cannot be serialised';
  if (size > maxChars) return `message is too large (${size} characters, limit ${maxChars})`;
  let type: unknown;
  try {
    type = (value as { type?: unknown }).type;
  } catch {
    return 'message cannot be read';
  }
  const typeText = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : `(${typeof type})`;
  return `message of type ${typeText} does not match the protocol`;
}
