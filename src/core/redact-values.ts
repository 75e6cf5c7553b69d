// Where the value after a secret's key starts and ends, in every way configs, logs, connection strings
// and command lines write one (quoted, unquoted, on the next line, wrapped), and whether it looks like a
// credential, a variable reference or something already masked.
import * as chars from './redact-text';
import { CREDENTIAL_RUN_RE, SECRET_MARKER, TOKEN_MARKER, TOKEN_PREFIX_CHARS, type SecretKind, type Span } from './redact-text';
// The helpers are read off the module once: a hot loop calling an imported function pays a
// module-namespace read per call under some loaders (vitest's, which measures the liveness bound).
const { continuation, isBlank, isDigit, isLower, isUpper, isValueEnd, runEnd } = chars;

/** Keys are read back at most this far from their last word. */
export const MAX_KEY = 64;

export const KEEP_VALUES = new Set(['null', 'none', 'true', 'false', 'undefined', '']);
/** A value someone already masked (********, REDACTED, <redacted>, xxx): shown as it was. */
export const MASKED_RE = /^(?:\*{3,}|x{3,}|X{3,}|\.{3}|…|<?redacted>?|\[redacted\]|<hidden>|hidden)$/i;

export function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}

/** Whether an AADSTS code starts at `at` (in any letter case). */
function aadstsAt(text: string, at: number): boolean {
  const word = 'aadsts';
  for (let i = 0; i < 6; i++) if ((text.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** Whether text[start, end) is all ASCII digits; stops at the first other character. */
export function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * What a weak key's value must look like to be hidden: one word of 8 or more characters with letters
 * and digits, not a URL and not an AADSTS code. Only the start is read: a long value costs O(1) here.
 */
export function credentialShaped(text: string, start: number, end: number): boolean {
  if (end - start < 8) return false;
  const limit = Math.min(end, start + 256);
  let digit = false;
  let letter = false;
  // A Windows path (C:\Users\…) is where something is, not a credential.
  if (text.charCodeAt(start + 1) === 0x3a && (text.charCodeAt(start + 2) === 0x5c || text.charCodeAt(start + 2) === 0x2f)) return false;
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === 0x0a || c === 0x0d) return false;
    if (isDigit(c)) digit = true;
    else if (isUpper(c) || isLower(c)) letter = true;
    else if (c === 0x3a && text.startsWith('//', i + 1)) return false;
  }
  return digit && letter && !aadstsAt(text, start);
}

/** `$SECRET`, `${CLIENT_SECRET}`, `$env:SECRET`, `%PASSWORD%`: a script names where the secret is, not the secret. */
const VARIABLE_RE = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?\}?|%[A-Za-z_][A-Za-z0-9_]*%)$/;

export function variableReference(text: string, start: number, end: number): boolean {
  return end - start <= 64 && (text.charCodeAt(start) === 0x24 || text.charCodeAt(start) === 0x25) && VARIABLE_RE.test(text.slice(start, end));
}

/**
 * credentialShaped for the unquoted values of one run of value characters (no blank inside), read
 * once however many glued keys share the run: the next digit, letter and `://` at or after a value's
 * start only move forward as the values' starts do.
 */
export class RunShape {
  private runEnd = -1;
  private lastStart = -1;
  private nextDigit = -1;
  private nextLetter = -1;
  private nextUrl = -1;

  shaped(text: string, start: number, end: number): boolean {
    // Another run (or, in the same run, an earlier start, which the forward pointers cannot serve).
    if (end !== this.runEnd || start < this.lastStart) {
      this.runEnd = end;
      this.nextDigit = this.nextLetter = start - 1;
      if (start < this.lastStart) this.nextUrl = start - 1;
    }
    this.lastStart = start;
    if (end - start < 8) return false;
    if (text.charCodeAt(start + 1) === 0x3a && (text.charCodeAt(start + 2) === 0x5c || text.charCodeAt(start + 2) === 0x2f)) return false;
    if (aadstsAt(text, start)) return false;
    const limit = Math.min(end, start + 256);
    if (this.nextDigit < start) {
      let i = start;
      while (i < end && !isDigit(text.charCodeAt(i))) i++;
      this.nextDigit = i;
    }
    if (this.nextLetter < start) {
      let i = start;
      while (i < end && !isLetter(text.charCodeAt(i))) i++;
      this.nextLetter = i;
    }
    // Unlike the others this one is found by indexOf across runs: values start further on each time.
    if (this.nextUrl < start) {
      const at = text.indexOf('://', start);
      this.nextUrl = at < 0 ? text.length : at;
    }
    return this.nextDigit < limit && this.nextLetter < limit && this.nextUrl >= limit;
  }
}

export interface Value {
  start: number;
  end: number;
  quoted: boolean;
  /** Length of the closing quote (0 when unquoted or never closed). */
  close: number;
}

/**
 * A value inside a connection string (`…;Password=two words;…`, ODBC's `Pwd={a;b}`): it runs to the
 * next `;` (or its closing brace), spaces included, so no part of a password with a space survives.
 * Only a key right after a `;` whose value ends at a `;` before another `Key=` is read this way.
 */
export function connectionStringValue(text: string, keyStart: number, valueAt: number): Value | null {
  let before = keyStart - 1;
  while (before >= 0 && before > keyStart - 8 && isBlank(text.charCodeAt(before))) before--;
  if (text.charCodeAt(before) !== 0x3b) return null;
  const braced = text.charCodeAt(valueAt) === 0x7b;
  const start = braced ? valueAt + 1 : valueAt;
  const q = text.charCodeAt(valueAt);
  if (q === 0x22 || q === 0x27) return null;
  // Bounded: a brace never closed must not make every key after it read far ahead.
  for (let i = start, limit = Math.min(text.length, valueAt + (braced ? 128 : 256)); i < limit; i++) {
    const c = text.charCodeAt(i);
    // Cut at the line's end (a wrapped terminal or log line): the value is hidden to there and,
    // as an unclosed value, on over the lines it was wrapped onto.
    if (c === 0x0a || c === 0x0d) return i > start ? { start, end: i, quoted: true, close: 0 } : null;
    if (braced) {
      // ODBC braces: `}}` is an escaped brace inside the value.
      if (c !== 0x7d) continue;
      if (text.charCodeAt(i + 1) === 0x7d) i++;
      else return { start, end: i, quoted: true, close: 1 };
    } else {
      if (c === 0x22 || c === 0x27) return null;
      if (c !== 0x3b) continue;
      // The value ends at a `;` that another `Key=` pair (or the string's end) follows.
      const next = /^[ \t]*(?:[A-Za-z][A-Za-z ]{0,30}=|["'\r\n]|$)/.test(text.slice(i + 1, i + 34));
      return i > start && next ? { start, end: i, quoted: true, close: 1 } : null;
    }
  }
  return null;
}

/**
 * Where a value that starts at `pos` ends. Quoted values may be JSON inside JSON: a quote after k
 * backslashes (k = 1, 3, 7) closes only at the same k backslashes and quote; with k = 0, the usual
 * escapes apply. A quoted value stops at its line's end; an unquoted one at a value end.
 */
export function valueSpan(text: string, pos: number): Value {
  const n = text.length;
  let k = 0;
  while (k < 8 && text.charCodeAt(pos + k) === 0x5c) k++;
  const q = text.charCodeAt(pos + k);
  if ((q === 0x22 || q === 0x27) && (k === 0 || k === 1 || k === 3 || k === 7)) {
    const start = pos + k + 1;
    let backslashes = 0;
    for (let i = start; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) return { start, end: text.charCodeAt(i - 1) === 0x0d ? i - 1 : i, quoted: true, close: 0 };
      if (c === 0x5c) {
        backslashes++;
        continue;
      }
      if (c === q && (k === 0 ? backslashes % 2 === 0 : backslashes === k)) return { start, end: i - k, quoted: true, close: k + 1 };
      backslashes = 0;
    }
    return { start, end: n, quoted: true, close: 0 };
  }
  // Inside a JSON string an escaped line break, tab or quote ends an unquoted value as the real one would.
  let i = pos;
  while (i < n && !isValueEnd(text.charCodeAt(i)) && !escapedEnd(text, i)) i++;
  return { start: pos, end: i, quoted: false, close: 0 };
}

/** `\n`, `\r`, `\t` or `\"` at `i`: how JSON writes what ends a value. */
function escapedEnd(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 0x5c) return false;
  const e = text.charCodeAt(i + 1);
  return e === 0x6e || e === 0x72 || e === 0x74 || e === 0x22;
}

/** Whether `:` or `=` follows at `pos` after at most 8 blanks. */
export function separatorAfter(text: string, pos: number): boolean {
  for (let i = pos, limit = Math.min(text.length, pos + 9); i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0x3d) return true;
    if (!isBlank(c)) return false;
  }
  return false;
}

/** A line break at `i`: a real one (LF, CRLF) or, inside a JSON string, an escaped one (\n, \r\n). Its length, or 0. */
function lineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x0a) return 1;
  if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? 2 : 0;
  if (c === 0x5c) {
    if (text.startsWith('\\n', i)) return 2;
    if (text.startsWith('\\r\\n', i)) return 4;
  }
  return 0;
}

/** How far the key's line is indented: the blanks (and a YAML `- ` item marker) before it, back to a line start. */
function indentOf(text: string, keyStart: number): number {
  let i = keyStart;
  while (i > 0 && keyStart - i < MAX_KEY && (isBlank(text.charCodeAt(i - 1)) || (text.charCodeAt(i - 1) === 0x2d && i < keyStart))) i--;
  return keyStart - i;
}

/**
 * A YAML value that starts on the line after its key (`clientSecret:` then an indented value, or a
 * block scalar `password: |`): the indented lines below the key, as far as they are indented more than
 * the key. `pos` is just after the separator and its blanks. Returns null when the key has its value on
 * its own line. Reads each line once.
 */
export function nextLineValue(text: string, pos: number, keyStart: number): { start: number; end: number; lastLine: number; block: boolean } | null {
  let i = pos;
  let block = false;
  const c = text.charCodeAt(i);
  if (c === 0x7c || c === 0x3e) {
    // | > with chomping and indentation indicators: |-, >+, |2
    block = true;
    i++;
    while (i < pos + 4 && (text.charCodeAt(i) === 0x2d || text.charCodeAt(i) === 0x2b || isDigit(text.charCodeAt(i)))) i++;
    while (isBlank(text.charCodeAt(i))) i++;
  }
  let br = lineBreakAt(text, i);
  if (br === 0) return null;
  const indent = indentOf(text, keyStart);
  let start = -1;
  let end = -1;
  let lastLine = -1;
  for (;;) {
    const lineStart = i + br;
    let j = lineStart;
    while (isBlank(text.charCodeAt(j))) j++;
    const blankLine = lineBreakAt(text, j) > 0 || j >= text.length;
    if (!blankLine && j - lineStart <= indent) break;
    let k = j;
    // In a JSON string an unescaped quote ends the text (and with it the value).
    while (k < text.length && lineBreakAt(text, k) === 0 && !(k > j && text.charCodeAt(k) === 0x22 && text.charCodeAt(k - 1) !== 0x5c)) k++;
    if (!blankLine) {
      if (start < 0) start = j;
      end = k;
      lastLine = j;
    }
    // A plain value is one line; a block scalar goes on while lines stay indented.
    if ((!block && start >= 0) || k >= text.length) break;
    br = lineBreakAt(text, k);
    if (br === 0) break;
    i = k;
  }
  return start < 0 ? null : { start, end, lastLine, block };
}

/** The end of an unquoted (or unclosed) value whose last piece may be wrapped onto following lines. */
export function wrappedValueEnd(text: string, start: number, end: number): number {
  let pieceStart = start;
  let pieceEnd = end;
  for (;;) {
    const next = continuation(CREDENTIAL_RUN_RE, text, pieceStart, pieceEnd);
    if (next < 0) return pieceEnd;
    pieceStart = next;
    pieceEnd = runEnd(CREDENTIAL_RUN_RE, text, next);
  }
}

export function tokenSpan(text: string, start: number, end: number, kind: SecretKind): Span {
  // A JWT keeps its short prefix so people can still tell which token it was.
  if (text.startsWith('eyJ', start)) {
    const kept = Math.min(end - start, TOKEN_PREFIX_CHARS);
    return { start, end, replacement: text.slice(start, start + kept) + TOKEN_MARKER, kept, kind };
  }
  return { start, end, replacement: SECRET_MARKER, kind };
}
