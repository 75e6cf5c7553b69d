// What every pass of the redactor shares: the span it reports, character classes, runs of value
// characters and the rule for a value wrapped over several lines. No Node-only APIs (the webview and
// the extension host use the redactor too).

/** What a hidden value was, so a message can say what something looked like without showing it. */
export type SecretKind =
  | 'token'
  | 'refresh token'
  | 'client secret'
  | 'client assertion'
  | 'authorization code'
  | 'code verifier'
  | 'password'
  | 'private key'
  | 'key'
  | 'signature'
  | 'credential'
  | 'secret';

export interface Span {
  start: number;
  end: number;
  replacement: string;
  kind: SecretKind;
  /** How many characters of the input the replacement shows at its start (a token's prefix). */
  kept?: number;
}

/** What a redacted JWT/JWE looks like: a short recognisable prefix plus this marker. */
export const TOKEN_MARKER = '…[redacted token]';
/** What a redacted secret value looks like. */
export const SECRET_MARKER = '[redacted]';
/** How much of a JWT stays in front of TOKEN_MARKER: enough to tell tokens apart, never a claim. */
export const TOKEN_PREFIX_CHARS = 10;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
export function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}
export function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
export function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}
export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Whether text[at - 1] continues a word ([A-Za-z0-9_-], and '.' when `dot`): then no name starts at `at`. */
export function wordBefore(text: string, at: number, dot: boolean): boolean {
  if (at === 0) return false;
  const c = text.charCodeAt(at - 1);
  return isAlnum(c) || c === 0x5f || c === 0x2d || (dot && c === 0x2e);
}

/** Characters that end an unquoted value (form-encoded, header, log `key=value`). */
export function isValueEnd(ch: number): boolean {
  // & space tab CR LF , ; } ) ] " ' < >
  return (
    ch === 0x26 || ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a || ch === 0x2c || ch === 0x3b ||
    ch === 0x7d || ch === 0x29 || ch === 0x5d || ch === 0x22 || ch === 0x27 || ch === 0x3c || ch === 0x3e
  );
}

// Runs of value characters, read by the regex engine (a native loop) from a given position.
export const JWT_RUN_RE = /[A-Za-z0-9_.-]*/y;
export const CREDENTIAL_RUN_RE = /[A-Za-z0-9_.+/=~%-]*/y;
/** Every character any run above (or an opaque token) can hold: what a safe cut must not split. */
export const ANY_RUN_RE = /[A-Za-z0-9_.+/=~*!$%-]*/y;

/** Where the run of `run`'s characters that starts at `from` ends. */
export function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  run.test(text);
  return run.lastIndex;
}

/** A wrapped line is at least this long: nobody wraps a token at fewer columns. */
export const MIN_WRAP_COLUMNS = 16;

/** A character that may follow a wrapped value on its last line: the end of its quote, pair or object. */
function closesValue(c: number): boolean {
  // " ' & ; , } ) ] > \
  return c === 0x22 || c === 0x27 || c === 0x26 || c === 0x3b || c === 0x2c || c === 0x7d || c === 0x29 || c === 0x5d || c === 0x3e || c === 0x5c;
}

/**
 * A value wrapped over several lines (terminal, e-mail, fixed-width logs, a pasted config) goes on at
 * the next line when its piece on this line, [pieceStart, pieceEnd), fills the line up to the line
 * break and the next line starts with run characters that end at that line's end or at what closes a
 * value (a quote, `&`, `;`, `,`, a bracket), or that look random themselves (the rest of a secret
 * wrapped in the middle of a command line). A next line whose run is a word or an id followed by a
 * blank is a new line of text ("INFO next request"), not the rest of the value. Returns where that
 * next line starts, or -1.
 */
export function continuation(run: RegExp, text: string, pieceStart: number, pieceEnd: number): number {
  if (pieceEnd - pieceStart < MIN_WRAP_COLUMNS) return -1;
  let j = pieceEnd;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) !== 0x0a) return -1;
  j++;
  const k = runEnd(run, text, j);
  if (k === j) return -1;
  const c = text.charCodeAt(k);
  const lineEnds = k >= text.length || c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) === 0x0a);
  return lineEnds || closesValue(c) || (isBlank(c) && k - j >= 8 && looksRandom(text, j, k, 0.3)) ? j : -1;
}

/** The end of a run that may be wrapped over several lines. */
export function wrappedRunEnd(run: RegExp, text: string, start: number): number {
  let pieceStart = start;
  for (;;) {
    const pieceEnd = runEnd(run, text, pieceStart);
    const next = continuation(run, text, pieceStart, pieceEnd);
    if (next < 0) return pieceEnd;
    pieceStart = next;
  }
}

/**
 * How often the character class (upper, lower, digit) changes along text[start, end), per letter or
 * digit: random keys and secrets change class about 0.6 of the time, words, identifiers, paths and
 * hex ids far less. Other characters are skipped.
 */
export function classChanges(text: string, start: number, end: number): { rate: number; upper: boolean; lower: boolean; digit: boolean } {
  let last = 0;
  let changes = 0;
  let count = 0;
  let upper = false;
  let lower = false;
  let digit = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const cls = isUpper(c) ? 1 : isLower(c) ? 2 : isDigit(c) ? 3 : 0;
    if (cls === 0) continue;
    if (cls === 1) upper = true;
    else if (cls === 2) lower = true;
    else digit = true;
    if (last !== 0 && cls !== last) changes++;
    last = cls;
    count++;
  }
  return { rate: count > 1 ? changes / (count - 1) : 0, upper, lower, digit };
}

/** Random enough to be a key: every class present and the class changes at least this often. */
export const RANDOM_RATE = 0.4;

export function looksRandom(text: string, start: number, end: number, rate = RANDOM_RATE): boolean {
  const c = classChanges(text, start, end);
  return c.upper && c.lower && c.digit && c.rate >= rate;
}
