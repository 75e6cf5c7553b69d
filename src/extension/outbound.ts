// The last step before anything Auth Lens writes leaves the extension host (clipboard, report, panel
// message, and through the panel its saved state): redaction with the secrets this session knows, in
// every encoding redactSecrets tries. Markdown escaping changes the text (a secret `a.b` becomes
// `a\.b`, a JWT's dots are escaped), so redaction runs on the records *before* they are rendered, and
// once more on the rendered text. No vscode import, so the report tests run it directly.
import { buildReport, type ReportContext, type ReportSubject } from '../core/format/report';
import { redactSecrets } from '../core/redact';
import type { DecodedToken } from '../core/types';
import type { ShowMessage } from '../protocol';

/** `text` with tokens, credentials and every known secret (raw, base64, base64url, URL-encoded) removed. */
export function redactReport(text: string, knownSecrets: readonly string[]): string {
  return redactSecrets(text, knownSecrets);
}

/**
 * A copy of `value` with every string in it redacted (records are plain JSON data). Keys too: a
 * token's claim names come from whoever issued it, and a server can echo anything there.
 */
export function redactDeep<T>(value: T, knownSecrets: readonly string[], depth = 0): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, knownSecrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[redactSecrets(key, knownSecrets)] = redactDeep(item, knownSecrets, depth + 1);
  return out as T;
}

/** The support report for `subject`, redacted before and after rendering. */
export function buildRedactedReport(subject: ReportSubject, context: ReportContext, knownSecrets: readonly string[]): string {
  return redactReport(buildReport(redactDeep(subject, knownSecrets), context), knownSecrets);
}

/**
 * A decoded token with every string redacted except its display form (`redacted`: header and payload
 * as base64url, signature already removed), which the redactor would cut to a short prefix. That form
 * is kept only when the header and payload it encodes hold nothing the redactor would change: a known
 * secret inside a claim is invisible to the matcher once base64url-encoded at an arbitrary offset.
 */
export function redactDecodedToken(token: DecodedToken, knownSecrets: readonly string[]): DecodedToken {
  const { redacted, ...rest } = token;
  const clean = redactDeep(rest, knownSecrets);
  const claimsChanged = JSON.stringify([clean.header, clean.payload]) !== JSON.stringify([rest.header, rest.payload]);
  return { ...clean, redacted: claimsChanged ? '' : redacted };
}

/**
 * A panel message with everything that came from outside Auth Lens redacted: the webview keeps what it
 * is sent in its saved state, so this is the last point where a secret can be stopped. Catalog entries
 * (the lookup view) are Auth Lens's own text and pass as they are; token display forms are handled by
 * redactDecodedToken.
 */
export function redactShown(message: ShowMessage, knownSecrets: readonly string[]): ShowMessage {
  switch (message.view) {
    case 'lookup':
      return message;
    case 'response':
      return { ...message, classification: redactDeep(message.classification, knownSecrets), input: redactSecrets(message.input, knownSecrets), snippets: redactDeep(message.snippets, knownSecrets) };
    case 'timeline':
      return { ...message, timeline: redactDeep(message.timeline, knownSecrets), ...(message.token ? { token: redactDecodedToken(message.token, knownSecrets) } : {}) };
    case 'claims':
      return { ...message, token: redactDecodedToken(message.token, knownSecrets), ...(message.verification ? { verification: redactDeep(message.verification, knownSecrets) } : {}) };
    case 'compare':
      return { ...message, comparison: redactDeep(message.comparison, knownSecrets) };
    case 'tokenApi':
      return { ...message, diagnosis: redactDeep(message.diagnosis, knownSecrets), input: redactSecrets(message.input, knownSecrets) };
    case 'scan': {
      // Scanned tokens are display forms (signature removed) that the redactor would cut; they pass as they are.
      const { tokens, ...summary } = message.summary;
      return { ...message, summary: { ...redactDeep(summary, knownSecrets), tokens }, documentUri: redactSecrets(message.documentUri, knownSecrets), fileName: redactSecrets(message.fileName, knownSecrets) };
    }
  }
}

/** Characters of context read on each side of a selection, enough for a key and its separator. */
export const SELECTION_CONTEXT_CHARS = 4096;

/**
 * `selected` redacted as it reads in its document. Many secrets are recognised by the key in front of
 * them (`client_secret=`, `Password=`, a YAML key on the line above), and a selection of just the value
 * would pass unredacted on its own; a selection that ends inside a known secret holds only a piece of
 * it, which nothing would match. So the text around it (`before`: the previous line and the start of
 * the first line; `after`: the rest of the last line) is redacted with it, and only the selection's
 * part of the result is returned: it begins where the redacted `before` ends and ends where the
 * redacted `before + selected` ends, when those are how the whole begins. A secret that straddles an
 * edge leaves its marker in the result, never a piece of itself.
 */
export function redactInContext(before: string, selected: string, after: string, knownSecrets: readonly string[]): string {
  if (!before && !after) return redactSecrets(selected, knownSecrets);
  const full = before + selected + after;
  const redacted = redactSecrets(full, knownSecrets);
  if (redacted === full) return selected;
  const head = redactSecrets(before, knownSecrets);
  const start = redacted.startsWith(head) ? head.length : commonPrefix(redacted, full, before.length);
  const upTo = redactSecrets(before + selected, knownSecrets);
  const end = redacted.startsWith(upTo) && upTo.length >= start ? upTo.length : redacted.length - commonSuffix(redacted, full, Math.min(after.length, redacted.length - start));
  // Once more on its own: the cut may leave a shape the redactor reads differently than in context.
  return redactSecrets(redacted.slice(start, end), knownSecrets);
}

/** How many leading characters `a` and `b` share, at most `limit`. */
function commonPrefix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many trailing characters `a` and `b` share, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
