// The last step before anything Auth Lens writes leaves the editor (clipboard, report): redaction
// with the secrets this session knows, in every encoding redactSecrets tries. Markdown escaping
// changes the text (a secret `a.b` becomes `a\.b`, a JWT's dots are escaped), so redaction runs on
// the records *before* they are rendered, and once more on the rendered text. No vscode import, so
// the report tests run it directly.
import { buildReport, type ReportContext, type ReportSubject } from '../core/format/report';
import { redactSecrets } from '../core/redact';

/** `text` with tokens, credentials and every known secret (raw, base64, base64url, URL-encoded) removed. */
export function redactReport(text: string, knownSecrets: readonly string[]): string {
  return redactSecrets(text, knownSecrets);
}

/** A copy of `value` with every string in it redacted (records are plain JSON data). */
export function redactDeep<T>(value: T, knownSecrets: readonly string[], depth = 0): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, knownSecrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactDeep(item, knownSecrets, depth + 1);
  return out as T;
}

/** The support report for `subject`, redacted before and after rendering. */
export function buildRedactedReport(subject: ReportSubject, context: ReportContext, knownSecrets: readonly string[]): string {
  return redactReport(buildReport(redactDeep(subject, knownSecrets), context), knownSecrets);
}
