// Small linear scanners over log text: AADSTS numbers, labelled ids ("Trace ID: ..."), `key: value`
// pairs in the many spellings the libraries print. All are indexOf loops with hard caps on how many
// occurrences they look at, so adversarial input (100k "AADSTS", endless quotes) stays cheap.
import { readQuotedAt } from './pyrepr';

/** At most this many distinct AADSTS codes are kept per input. */
export const MAX_CODES = 32;
/** How many occurrences of one label are tried before giving up. */
const MAX_TRIES = 16;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}

function isHexOrDash(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 45;
}

/** Add the AADSTS numbers in `text` (in order of appearance, de-duplicated) to `into`. */
export function collectAadsts(text: string, into: number[]): void {
  let from = 0;
  let scanned = 0;
  for (;;) {
    const i = text.indexOf('AADSTS', from);
    if (i < 0 || into.length >= MAX_CODES) return;
    let p = i + 6;
    const start = p;
    while (p < text.length && p - start < 10 && isDigit(text.charCodeAt(p))) p++;
    if (p - start >= 4 && p - start <= 9 && !isDigit(text.charCodeAt(p))) {
      const code = Number(text.slice(start, p));
      if (!into.includes(code)) into.push(code);
    }
    from = p > i + 6 ? p : i + 6;
    // Beyond a generous number of hits the rest adds nothing but time.
    if (++scanned > 4096) return;
  }
}

/** Skip separators between a label and its value: spaces, ':', '=', quotes, '>'. */
function skipSeparators(text: string, p: number): number {
  const limit = Math.min(text.length, p + 8);
  while (p < limit) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9 || c === 58 || c === 61 || c === 34 || c === 39 || c === 62) p++;
    else break;
  }
  return p;
}

/**
 * An id after "<anchor> id", "<anchor>_id", "<anchor>-id" or "<anchor>id" (trace, correlation):
 * one pass over the text for every spelling, instead of one pass per spelling.
 */
export function idAfter(
  text: string,
  lower: string,
  anchor: string,
  reader: (text: string, p: number) => string | null = readGuid,
): string | null {
  let from = 0;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const i = lower.indexOf(anchor, from);
    if (i < 0) return null;
    from = i + anchor.length;
    let p = from;
    const c = lower.charCodeAt(p);
    if (c === 32 || c === 95 || c === 45) p++;
    if (lower.charCodeAt(p) !== 105 /* i */ || lower.charCodeAt(p + 1) !== 100 /* d */ || isWordChar(lower.charCodeAt(p + 2))) continue;
    const value = reader(text, skipSeparators(text, p + 2));
    if (value) return value;
  }
  return null;
}

/** The values of the `error` family of keys, found in one pass over the occurrences of "error". */
export interface ErrorKeys {
  error: string | null;
  errorCode: string | null;
  suberror: string | null;
  errorCodes: string | null;
}

const MAX_ERROR_TRIES = 64;

export function errorKeys(text: string, lower: string, accept: (value: string) => boolean): ErrorKeys {
  const out: ErrorKeys = { error: null, errorCode: null, suberror: null, errorCodes: null };
  let from = 0;
  for (let tries = 0; tries < MAX_ERROR_TRIES; tries++) {
    const i = lower.indexOf('error', from);
    if (i < 0) break;
    from = i + 5;
    let key: keyof ErrorKeys;
    let end = i + 5;
    if (i >= 3 && lower.startsWith('sub', i - 3) && !(i > 3 && isWordChar(lower.charCodeAt(i - 4)))) key = 'suberror';
    else if (i > 0 && isWordChar(lower.charCodeAt(i - 1))) continue;
    else if (lower.startsWith('code', end) && !isWordChar(lower.charCodeAt(end + 4))) {
      key = 'errorCode';
      end += 4;
    } else if (lower.startsWith('_codes', end)) {
      key = 'errorCodes';
      end += 6;
    } else if (lower.startsWith(' code', end) && !isWordChar(lower.charCodeAt(end + 5))) {
      key = 'errorCode';
      end += 5;
    } else key = 'error';
    if (out[key] !== null || isWordChar(lower.charCodeAt(end))) continue;
    const value = valueAfterKey(text, end);
    if (value !== null && (key === 'errorCodes' || accept(value))) out[key] = value;
    if (out.error && out.errorCode && out.suberror && out.errorCodes) break;
  }
  return out;
}

/** The word after `key` ends at `p`: optional closing quote, ':' or '=', optional opening quote. */
function valueAfterKey(text: string, p: number): string | null {
  if (text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39) p++;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  const sep = text.charCodeAt(p);
  if (sep !== 58 && sep !== 61) return null;
  p++;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  if (text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39 || text.charCodeAt(p) === 91) p++;
  const start = p;
  while (p < text.length && p - start < 80) {
    const c = text.charCodeAt(p);
    if (isWordChar(c) || c === 46 || c === 45) p++;
    else break;
  }
  return p > start ? text.slice(start, p) : null;
}

/** An HTTP status after "status", "statuscode", "status_code" or "status code", in one pass. */
export function statusAfter(text: string, lower: string): number | null {
  let from = 0;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const i = lower.indexOf('status', from);
    if (i < 0) return null;
    from = i + 6;
    if (i > 0 && isWordChar(lower.charCodeAt(i - 1))) continue;
    let end = i + 6;
    if (lower.startsWith('code', end)) end += 4;
    else if (lower.startsWith('_code', end) || lower.startsWith(' code', end)) end += 5;
    if (isWordChar(lower.charCodeAt(end))) continue;
    const value = valueAfterKey(text, end);
    if (value !== null && /^\d{3}$/.test(value)) {
      const n = Number(value);
      if (n >= 100 && n <= 599) return n;
    }
  }
  return null;
}

/** A GUID-like id (32–36 hex/dash chars) at `p`, or null. */
export function readGuid(text: string, p: number): string | null {
  const start = p;
  while (p < text.length && p - start < 40 && isHexOrDash(text.charCodeAt(p))) p++;
  const len = p - start;
  if (len < 32 || len > 36) return null;
  return text.slice(start, p);
}

/** A timestamp like "2024-05-01 10:00:00Z" or ISO text at `p`, or null. */
export function readTimestamp(text: string, p: number): string | null {
  const start = p;
  if (!isDigit(text.charCodeAt(p))) return null;
  while (p < text.length && p - start < 40) {
    const c = text.charCodeAt(p);
    if (isDigit(c) || c === 45 || c === 58 || c === 32 || c === 84 || c === 90 || c === 46 || c === 43 || c === 47) p++;
    else break;
  }
  let value = text.slice(start, p);
  // "… 10:00:00Z - Description:" leaves a trailing " -".
  value = value.replace(/[\s-]+$/, '');
  return value.length >= 10 ? value : null;
}

/**
 * The first readable value after any of `labels` (matched case-insensitively through `lower`, the
 * lower-cased text). `reader` decides what a value looks like.
 */
export function labelled(
  text: string,
  lower: string,
  labels: readonly string[],
  reader: (text: string, p: number) => string | null,
): string | null {
  for (const label of labels) {
    let from = 0;
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const i = lower.indexOf(label, from);
      if (i < 0) break;
      const value = reader(text, skipSeparators(text, i + label.length));
      if (value) return value;
      from = i + label.length;
    }
  }
  return null;
}

/**
 * A word value for a key, in any of the spellings logs use: `"key": "v"`, `'key': 'v'`, `key=v`,
 * `key: 'v'`, `Key: v`. The key must stand alone (so "error" does not match "suberror" or
 * "error_description"). Keys are given lower-case.
 */
export function keyedWord(
  text: string,
  lower: string,
  key: string,
  accept: (value: string) => boolean = () => true,
): string | null {
  let from = 0;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const i = lower.indexOf(key, from);
    if (i < 0) return null;
    from = i + key.length;
    const before = i > 0 ? lower.charCodeAt(i - 1) : 32;
    if (isWordChar(before)) continue;
    let p = i + key.length;
    if (lower.charCodeAt(p) === 34 || lower.charCodeAt(p) === 39) p++;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    const sep = text.charCodeAt(p);
    if (sep !== 58 && sep !== 61) continue;
    p++;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    if (text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39) p++;
    const start = p;
    while (p < text.length && p - start < 80) {
      const c = text.charCodeAt(p);
      if (isWordChar(c) || c === 46 || c === 45) p++;
      else break;
    }
    if (p > start) {
      const value = text.slice(start, p);
      if (accept(value)) return value;
    }
  }
  return null;
}

/**
 * The text of a balanced {...} starting at `start` (which must be '{'), aware of quoted strings
 * (either quote) and escapes. Null when it does not close within `cap` characters.
 */
export function balancedObject(text: string, start: number, cap = 262144): string | null {
  if (text.charCodeAt(start) !== 123) return null;
  let depth = 0;
  let quote = 0;
  const end = Math.min(text.length, start + cap);
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (quote) {
      if (c === 92) p++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return text.slice(start, p + 1);
    }
  }
  return null;
}

/** True when `text` is a JSON object. */
export function jsonObjectOrNull(text: string): Record<string, unknown> | null {
  // A JSON object ends with '}': checking first spares JSON.parse (and its exception) on the rest.
  let end = text.length - 1;
  while (end > 0 && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 10 || text.charCodeAt(end) === 13 || text.charCodeAt(end) === 9)) end--;
  if (text.charCodeAt(end) !== 125) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A claims value written after a `claims` key in free text: a quoted string (JSON-escaped or not)
 * or a bare {...}. Returned only when it is a JSON object.
 */
export function claimsInText(text: string, lower: string): string | null {
  let from = 0;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const i = lower.indexOf('claims', from);
    if (i < 0) return null;
    from = i + 6;
    if (i > 0 && (isWordChar(lower.charCodeAt(i - 1)) || lower.charCodeAt(i - 1) === 45)) continue;
    let p = i + 6;
    if (text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39) p++;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    const sep = text.charCodeAt(p);
    if (sep !== 58 && sep !== 61) continue;
    p++;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    const c = text.charCodeAt(p);
    let candidate: string | null = null;
    if (c === 34 || c === 39) candidate = readQuotedAt(text, p)?.value ?? null;
    else if (c === 123) candidate = balancedObject(text, p, 65536);
    if (candidate && candidate.trimStart().startsWith('{') && jsonObjectOrNull(candidate)) return candidate;
  }
  return null;
}

/** The rest of the line after a label (for Retry-After), trimmed of quotes and separators. */
export function restOfLine(text: string, lower: string, label: string): string | null {
  const i = lower.indexOf(label);
  if (i < 0) return null;
  let p = i + label.length;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 58 || text.charCodeAt(p) === 61 || text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39)) p++;
  let end = p;
  while (end < text.length && end - p < 64 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13 && text.charCodeAt(end) !== 34 && text.charCodeAt(end) !== 39) end++;
  const value = text.slice(p, end).replace(/[\s,;]+$/, '');
  return value || null;
}
