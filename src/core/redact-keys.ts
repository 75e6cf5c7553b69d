// The redactor's passes that find a secret by what names it: a key whose last word says "secret"
// (client_secret, clientSecret, ClientSecret, CLIENT_SECRET, client-secret, X-MS-TOKEN-AAD-REFRESH-TOKEN,
// AccountKey, sig, code_verifier, …) in every way configs, logs, command lines and headers write a pair,
// and the Authorization and Cookie headers. Each pass is one left-to-right scan from a literal anchor.
import * as chars from './redact-text';
import { CREDENTIAL_RUN_RE, MIN_WRAP_COLUMNS, SECRET_MARKER, TOKEN_MARKER, TOKEN_PREFIX_CHARS, type SecretKind, type Span } from './redact-text';
// The helpers are read off the module once: a hot loop calling an imported function pays a
// module-namespace read per call under some loaders (vitest's, which measures the liveness bound).
const { continuation, isAlnum, isBlank, isDigit, isLower, isUpper, isValueEnd, looksRandom, runEnd, wordBefore, wrappedRunEnd } = chars;


/**
 * The last word of a secret's key, in any letter case, as the regex anchor: the key's other words are
 * read backwards from there (so `clientSecret`, `AZURE_CLIENT_SECRET` and `--client-secret` all start at
 * "secret"). After it: an optional quote (with the backslashes of JSON inside JSON, up to three levels),
 * blanks, and a separator: `:` `=` `=>` `:=`, `(` before a quoted argument (WithClientSecret("…")), or
 * only blanks after a command-line flag (--client-secret VALUE).
 */
export const KEY_WORDS = '(?:secret|password)[_.-]?(?:text|value)|pass(?:word|wd|phrase)?|pwd|secrets?|token|key|sig(?:nature)?|assertion|verifier|code|credentials?';
const KEY_RE = new RegExp(`(?:${KEY_WORDS})(?=(?:\\\\{0,7}["'])?[ \\t]{0,8}[:=(]|[ \\t])`, 'gi');
/** The longest text KEY_RE can match. */
const KEY_REACH = 14 + 8 + 8 + 2 + 8;
/** Keys are read back at most this far from their last word. */
const MAX_KEY = 64;

/** Characters of a key: letters, digits, `_`, `-` and `.` (AzureAd.ClientSecret, spring.datasource.password). */
function isKeyChar(c: number): boolean {
  return isAlnum(c) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/** The words of a key, lower-cased: split at `_`, `-`, `.` and where camelCase or PascalCase starts a word. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 0x5f;
    if (c === 0x5f || c === 0x2d || c === 0x2e) {
      if (start >= 0) words.push(key.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start >= 0 && isUpper(c)) {
      const prev = key.charCodeAt(i - 1);
      // fooBar, foo2Bar → a new word at B; SASToken, XMLHttp → a new word at the last capital before lower case.
      if (isLower(prev) || isDigit(prev) || (isUpper(prev) && i + 1 < key.length && isLower(key.charCodeAt(i + 1)))) {
        words.push(key.slice(start, i).toLowerCase());
        start = i;
      }
    }
    if (start < 0) start = i;
  }
  return words;
}

/**
 * The words of the key [keyStart, suffixStart + suffix). The anchor word is one word when it starts
 * one (after a separator, at a camelCase boundary, or the key's start), whatever its letter case
 * (PaSsWoRd); otherwise it is the tail of a longer word (clientsecret, monkey).
 */
function wordsOf(text: string, keyStart: number, suffixStart: number, suffix: string): string[] {
  const prev = text.charCodeAt(suffixStart - 1);
  const first = suffix.charCodeAt(0);
  const next = suffix.charCodeAt(1);
  const boundary =
    suffixStart === keyStart ||
    prev === 0x5f || prev === 0x2d || prev === 0x2e ||
    (isUpper(first) && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next))));
  if (!boundary) return keyWords(text.slice(keyStart, suffixStart + suffix.length));
  const lower = suffix.toLowerCase();
  // The compound anchors (secretText, password_value) are two words; every other anchor is one.
  let last = [lower];
  if (lower.length > 5 && (lower.endsWith('text') || lower.endsWith('value'))) {
    const flat = lower.replace(/[_.-]/g, '');
    const cut = flat.endsWith('text') ? flat.length - 4 : flat.length - 5;
    last = [flat.slice(0, cut), flat.slice(cut)];
  }
  return suffixStart === keyStart ? last : [...keyWords(text.slice(keyStart, suffixStart)), ...last];
}

type Strength = 'strong' | 'weak' | 'code';

/** Words before `token` that name a cursor, not a credential (paging, cancellation). */
const CURSOR_WORDS = new Set(['next', 'page', 'paging', 'continuation', 'skip', 'cancellation', 'sync', 'delta', 'resume', 'change', 'request']);
/**
 * First words that make a key an operation's name (GetSecret, Get-MsalToken, acquireTokenByUsernamePassword,
 * get-access-token): followed by `:` that is an error message's subject, so only a credential-shaped
 * value is hidden. Called with a quoted argument (setPassword("…")), it is still a secret.
 */
const OPERATION_VERBS = new Set([
  'get', 'set', 'list', 'create', 'delete', 'update', 'fetch', 'read', 'load', 'add', 'remove', 'rotate', 'regenerate', 'purge',
  'recover', 'backup', 'restore', 'acquire', 'validate', 'verify', 'parse', 'decode', 'generate', 'retrieve', 'save', 'store', 'find', 'handle',
]);
/** Words before `key` that name a record's key, not a secret one. */
const RECORD_KEY_WORDS = new Set(['public', 'partition', 'row', 'sort', 'cache', 'foreign', 'idempotency', 'routing', 'lookup', 'unique', 'composite', 'hash', 'dedup', 'registry', 'map', 'dictionary', 'object']);

/**
 * How sure a key is about its value. Strong keys hide any value; weak ones (`token`, `key` or
 * `signature` alone, a word merely ending in one of them) hide only a credential-shaped value, so prose
 * such as "Failed to acquire token: interaction_required" stays readable. `code` alone hides only
 * authorization-code-like values (long, not a number).
 */
function strengthOf(words: string[]): { strength: Strength; kind: SecretKind } | null {
  const w = words[words.length - 1] ?? '';
  const p = words.length > 1 ? words[words.length - 2]! : '';
  // .NET assembly names: PublicKeyToken=31bf3856ad364e35 is a public key's hash.
  if (w === 'token' && p === 'key' && words[words.length - 3] === 'public') return null;
  switch (w) {
    case 'secret':
      return { strength: 'strong', kind: words.includes('client') || words.length === 1 ? 'client secret' : 'secret' };
    case 'password':
    case 'passwd':
    case 'pwd':
    case 'passphrase':
      return { strength: 'strong', kind: 'password' };
    case 'pass':
      return p ? null : { strength: 'weak', kind: 'password' };
    case 'secrets':
      return { strength: 'weak', kind: 'secret' };
    case 'token':
      if (CURSOR_WORDS.has(p)) return null;
      return { strength: p ? 'strong' : 'weak', kind: p === 'refresh' ? 'refresh token' : 'token' };
    case 'key':
      if (RECORD_KEY_WORDS.has(p)) return null;
      return { strength: p ? 'strong' : 'weak', kind: 'key' };
    case 'sig':
      return { strength: p ? 'weak' : 'strong', kind: 'signature' };
    case 'signature':
      return { strength: 'weak', kind: 'signature' };
    case 'assertion':
      return { strength: 'strong', kind: 'client assertion' };
    case 'verifier':
      return { strength: 'strong', kind: 'code verifier' };
    case 'code':
      if (words.length === 1) return { strength: 'code', kind: 'authorization code' };
      return p === 'device' || p === 'auth' || p === 'authorization' ? { strength: 'strong', kind: 'authorization code' } : null;
    case 'credential':
      return { strength: p === 'client' ? 'strong' : 'weak', kind: 'credential' };
    case 'credentials':
      return { strength: 'weak', kind: 'credential' };
    case 'text':
    case 'value':
      return p === 'secret' || p === 'password' ? { strength: 'strong', kind: p === 'secret' ? 'client secret' : 'password' } : null;
  }
  // One word that merely ends in the anchor: clientsecret, AZURE_CLIENTSECRET, accountkey, monkey.
  if (/(?:secret|password|passwd)$|(?:secret|password)(?:text|value)$/.test(w)) return { strength: 'strong', kind: w.includes('secret') ? 'client secret' : 'password' };
  if (/(?:assertion|verifier)$/.test(w)) return { strength: 'strong', kind: w.endsWith('verifier') ? 'code verifier' : 'client assertion' };
  if (/(?:token|key|pwd|credentials?|signature|secrets)$/.test(w)) return { strength: 'weak', kind: w.endsWith('token') ? 'token' : w.endsWith('key') ? 'key' : 'secret' };
  return null;
}

const KEEP_VALUES = new Set(['null', 'none', 'true', 'false', 'undefined', '']);
/** A value someone already masked (********, REDACTED, <redacted>, xxx): shown as it was. */
const MASKED_RE = /^(?:\*{3,}|x{3,}|X{3,}|\.{3}|…|<?redacted>?|\[redacted\]|<hidden>|hidden)$/i;

function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}

/** Whether an AADSTS code starts at `at` (in any letter case). */
function aadstsAt(text: string, at: number): boolean {
  const word = 'aadsts';
  for (let i = 0; i < 6; i++) if ((text.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** Whether text[start, end) is all ASCII digits; stops at the first other character. */
function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * What a weak key's value must look like to be hidden: one word of 8 or more characters with letters
 * and digits, not a URL and not an AADSTS code. Only the start is read: a long value costs O(1) here.
 */
function credentialShaped(text: string, start: number, end: number): boolean {
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

function variableReference(text: string, start: number, end: number): boolean {
  return end - start <= 64 && (text.charCodeAt(start) === 0x24 || text.charCodeAt(start) === 0x25) && VARIABLE_RE.test(text.slice(start, end));
}

/**
 * credentialShaped for the unquoted values of one run of value characters (no blank inside), read
 * once however many glued keys share the run: the next digit, letter and `://` at or after a value's
 * start only move forward as the values' starts do.
 */
class RunShape {
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

interface Value {
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
function connectionStringValue(text: string, keyStart: number, valueAt: number): Value | null {
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
function valueSpan(text: string, pos: number): Value {
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
function separatorAfter(text: string, pos: number): boolean {
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
function nextLineValue(text: string, pos: number, keyStart: number): { start: number; end: number; lastLine: number; block: boolean } | null {
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
function wrappedValueEnd(text: string, start: number, end: number): number {
  let pieceStart = start;
  let pieceEnd = end;
  for (;;) {
    const next = continuation(CREDENTIAL_RUN_RE, text, pieceStart, pieceEnd);
    if (next < 0) return pieceEnd;
    pieceStart = next;
    pieceEnd = runEnd(CREDENTIAL_RUN_RE, text, next);
  }
}

function tokenSpan(text: string, start: number, end: number, kind: SecretKind): Span {
  // A JWT keeps its short prefix so people can still tell which token it was.
  if (text.startsWith('eyJ', start)) {
    const kept = Math.min(end - start, TOKEN_PREFIX_CHARS);
    return { start, end, replacement: text.slice(start, start + kept) + TOKEN_MARKER, kept, kind };
  }
  return { start, end, replacement: SECRET_MARKER, kind };
}

/** Secrets after their key: JSON, Python repr, form and query strings, headers, env files, YAML, config code, command-line flags. */
export function keySpans(text: string, out: Span[]): void {
  KEY_RE.lastIndex = 0;
  // Where the last unquoted value scan started and ended: [unquotedFrom, unquotedTo) holds no value-end
  // character, so a key found inside it shares its end and the run is never scanned twice.
  let unquotedFrom = -1;
  let unquotedTo = -1;
  const runShape = new RunShape();
  // Where the previous match ended: keys are read back no further, so no character is read back twice.
  let floor = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_RE.exec(text))) {
    // The anchor word is the match; its quote, blanks and separator follow (the lookahead saw them).
    const suffix = m[0];
    const suffixEnd = m.index + suffix.length;
    // A closing quote, with the backslashes of JSON inside JSON before it.
    let i = suffixEnd;
    while (i - suffixEnd < 7 && text.charCodeAt(i) === 0x5c) i++;
    let quote: string | undefined;
    const q = text.charCodeAt(i);
    if (q === 0x22 || q === 0x27) quote = text.slice(suffixEnd, ++i);
    else i = suffixEnd;
    const blanksFrom = i;
    while (i - blanksFrom < 8 && isBlank(text.charCodeAt(i))) i++;
    let sep: string | undefined;
    const c = text.charCodeAt(i);
    if (c === 0x3d) sep = text.charCodeAt(i + 1) === 0x3e ? '=>' : '=';
    else if (c === 0x3a) sep = text.charCodeAt(i + 1) === 0x3d ? ':=' : ':';
    else if (c === 0x28) sep = '(';
    if (sep !== undefined) {
      i += sep.length;
      const sepEnd = i;
      while (i - sepEnd < 8 && isBlank(text.charCodeAt(i))) i++;
    }
    const valueAt = i;
    KEY_RE.lastIndex = Math.max(KEY_RE.lastIndex, valueAt);
    let keyStart = m.index;
    const limit = Math.max(floor, m.index - MAX_KEY);
    while (keyStart > limit && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
    floor = valueAt;
    // A flag starts a word of a command line: --client-secret, -ClientSecret (PowerShell).
    const flag = text.charCodeAt(keyStart) === 0x2d && (keyStart === 0 || /[\s"']/.test(text[keyStart - 1]!)) && /^--?[A-Za-z]/.test(text.slice(keyStart, keyStart + 3));
    // Without a separator only a flag takes the next word as its value (--client-secret VALUE).
    if (sep === undefined && (!flag || quote !== undefined || valueAt === suffixEnd)) continue;
    const words = wordsOf(text, keyStart, m.index, suffix);
    const found = strengthOf(words);
    if (!found) continue;
    const rule = sep !== '(' && words.length > 1 && OPERATION_VERBS.has(words[0]!) && found.strength === 'strong' ? { ...found, strength: 'weak' as const } : found;

    let v: Value;
    const yaml = sep === ':' ? nextLineValue(text, valueAt, keyStart) : null;
    if (yaml) {
      // A plain value on the next line is one word; a block (a key, a certificate) is hidden whole.
      if (!yaml.block && /\s/.test(text.slice(yaml.start, Math.min(yaml.end, yaml.start + 256)).trim())) continue;
      v = { start: yaml.start, end: yaml.end, quoted: true, close: 0 };
    } else {
      // `"access_token": {` is a claims-request object (structure, not a secret): leave it alone.
      const connection = sep === '=' ? connectionStringValue(text, keyStart, valueAt) : null;
      const first = text.charCodeAt(valueAt);
      if (connection) v = connection;
      else if (first === 0x7b || first === 0x5b) continue;
      else if (valueAt >= unquotedFrom && valueAt < unquotedTo) v = { start: valueAt, end: unquotedTo, quoted: false, close: 0 };
      else {
        v = valueSpan(text, valueAt);
        if (!v.quoted) {
          unquotedFrom = v.start;
          unquotedTo = v.end;
        }
      }
      // A call takes a quoted argument; a name there is a variable (WithClientSecret(secret)).
      if (sep === '(' && !v.quoted) continue;
    }

    // Whether the value is hidden. A value left alone is scanned on like any other text, so a key inside
    // it is still found; only what is read here is bounded (a value's first characters).
    const length = v.end - v.start;
    if (length <= 16) {
      const value = text.slice(v.start, v.end);
      // "set signPopToken=true." ends a sentence: the value is `true`.
      if (KEEP_VALUES.has(value.toLowerCase().replace(/\.$/, '')) || MASKED_RE.test(value)) continue;
    }
    if (flag && sep === undefined) {
      if (text.charCodeAt(v.start) === 0x2d) continue;
      // -newkey rsa:2048: only a strong name (--client-secret) or a random value makes a flag's argument secret.
      if (rule.strength !== 'strong' && !looksRandom(text, v.start, Math.min(v.end, v.start + 256), 0.3)) continue;
    }
    // A sentence, not a config line: a generic word inside one ("Invalid or null password: password
    // doesn't exist") or a value that the sentence goes on after ("clientCredentialsToken: received
    // HTTP status 401"). Its value must look like a credential. A key at a line's start is config (YAML).
    const prose =
      sep === ':' &&
      !v.quoted &&
      ((words.length === 1 && keyStart > 1 && isBlank(text.charCodeAt(keyStart - 1)) && isLetter(text.charCodeAt(keyStart - 2))) ||
        (isBlank(text.charCodeAt(v.end)) && isLetter(text.charCodeAt(v.end + 1))));
    const gated = rule.strength === 'weak' || rule.strength === 'code' || prose;
    if (gated && !(v.quoted ? credentialShaped(text, v.start, v.end) : runShape.shaped(text, v.start, v.end))) continue;
    // `code` also names HTTP and error codes (400, InvalidAuthenticationToken, Authorization_RequestDenied);
    // an authorization code is long and mixes letters and digits.
    if (rule.strength === 'code' && length < 16) continue;
    if (variableReference(text, v.start, v.end)) continue;

    // Hidden: to its end, also where it was wrapped onto the next lines (a terminal, a pasted config).
    let end: number;
    let resume: number;
    if (yaml) {
      end = wrappedValueEnd(text, Math.max(yaml.start, yaml.lastLine), yaml.end);
      resume = end;
    } else {
      end = !v.quoted || v.close === 0 ? wrappedValueEnd(text, v.start, v.end) : v.end;
      // A quoted value is hidden whole, keys inside it included, so scanning resumes after it. An
      // unquoted value ends at a space or separator, and a key glued inside it ("password=pw/client_secret: X")
      // has its own value past that end: only a key ending within KEY_REACH of the end can, so scanning
      // resumes there and every character is read a bounded number of times. A quoted "value" followed
      // by its own separator was really the next key (`password= 'client_secret': 'X'`): scanning
      // resumes at it, so that key's value is found too.
      resume = v.quoted && v.close > 0 ? (separatorAfter(text, v.end + v.close) ? valueAt : v.end) : end - KEY_REACH;
    }
    if (KEY_RE.lastIndex < resume) KEY_RE.lastIndex = resume;
    out.push(tokenSpan(text, v.start, end, rule.kind));
  }
}

/** Short command-line flags that take a password: `-p VALUE` (az login, sqlcmd -P), `-u user:pass` and `--user user:pass` (curl). */
const SHORT_FLAG_RE = /(?:^|[ \t\n])(-[pPu]|--user)[ \t]+/g;

/** Whether the command around `at` (one line, up to `;`, `&&` or `|`) names a user or is sshpass. */
function passwordCommandLine(text: string, at: number): boolean {
  let from = at;
  while (from > 0 && at - from < 512 && !COMMAND_END.has(text.charCodeAt(from - 1))) from--;
  let to = at;
  while (to < text.length && to - at < 512 && !COMMAND_END.has(text.charCodeAt(to))) to++;
  return /(?:^|[\s"'])(?:-[uU]|--user(?:name)?)[ \t=]|\bsshpass[ \t]/.test(text.slice(from, to));
}

// Line end, `;`, `&` and `|`: where one command of a shell line ends.
const COMMAND_END = new Set([0x0a, 0x0d, 0x3b, 0x26, 0x7c]);

export function flagSpans(text: string, out: Span[]): void {
  SHORT_FLAG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SHORT_FLAG_RE.exec(text))) {
    const v = valueSpan(text, m.index + m[0].length);
    if (v.end <= v.start || text.charCodeAt(v.start) === 0x2d) continue;
    if (variableReference(text, v.start, v.end)) continue;
    if (m[1] === '-p' || m[1] === '-P') {
      // `ssh -p 2222`, `-p 8080:80`: a port, not a password.
      if (allDigits(text, v.start, v.end) || /^\d+:\d+$/.test(text.slice(v.start, Math.min(v.end, v.start + 16)))) continue;
      // `mkdir -p dir`, `cp -p a b`: -p is a password only beside a user name (az login -u, docker
      // login -u, sqlcmd -U), after sshpass, or when its value looks random.
      if (!passwordCommandLine(text, m.index) && !looksRandom(text, v.start, Math.min(v.end, v.start + 256), 0.3)) continue;
      out.push({ start: v.start, end: wrappedValueEnd(text, v.start, v.end), replacement: SECRET_MARKER, kind: 'password' });
    } else {
      const colon = text.indexOf(':', v.start);
      if (colon >= 0 && colon + 1 < v.end) out.push({ start: colon + 1, end: wrappedValueEnd(text, colon + 1, v.end), replacement: SECRET_MARKER, kind: 'password' });
    }
    if (SHORT_FLAG_RE.lastIndex < v.end) SHORT_FLAG_RE.lastIndex = v.end;
  }
}

const AUTH_HEADER_RE =
  /(?:proxy-)?authorization(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}(?:\\?["'])?[ \t]{0,8}(?:(bearer|basic|negotiate|ntlm|pop|digest|mac)[ \t]{1,8})?/gi;
const BARE_SCHEME_RE = /(bearer|basic)[ \t]{1,8}(?=[A-Za-z0-9+/_~.-]{12})/gi;
const COOKIE_LINE_RE = /[^\r\n]*/y;
const COOKIE_DQ_RE = /[^\r\n"]*/y;
const COOKIE_SQ_RE = /[^\r\n']*/y;
const COOKIE_RE = /(?:set-)?cookie(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}/gi;

/** Authorization and Proxy-Authorization values, a bare "Bearer <credential>", and Cookie / Set-Cookie lines. */
export function headerSpans(text: string, out: Span[]): void {
  AUTH_HEADER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AUTH_HEADER_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    const start = m.index + m[0].length;
    // A long credential that fills its line may go on over the next lines (a wrapped header).
    const i = wrappedRunEnd(CREDENTIAL_RUN_RE, text, start);
    if (i > start && !MASKED_RE.test(text.slice(start, Math.min(i, start + 16)))) out.push({ start, end: i, replacement: SECRET_MARKER, kind: 'credential' });
    if (AUTH_HEADER_RE.lastIndex < i) AUTH_HEADER_RE.lastIndex = i;
  }
  BARE_SCHEME_RE.lastIndex = 0;
  while ((m = BARE_SCHEME_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    const start = m.index + m[0].length;
    const i = runEnd(CREDENTIAL_RUN_RE, text, start);
    // Prose ("Basic authentication failed", "Bearer authorization_uri=…") must survive: a credential
    // is long and carries digits, with `=` only as trailing padding.
    const value = text.slice(start, i);
    if (value.length >= 16 && /\d/.test(value) && !/=[^=]/.test(value)) out.push({ start, end: i, replacement: SECRET_MARKER, kind: 'credential' });
    if (BARE_SCHEME_RE.lastIndex < i) BARE_SCHEME_RE.lastIndex = i;
  }
  COOKIE_RE.lastIndex = 0;
  while ((m = COOKIE_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    let start = m.index + m[0].length;
    const q = text.charCodeAt(start);
    // A cookie header runs to the end of its line (or its closing quote): every pair in it is sensitive.
    const rest = q === 0x22 ? COOKIE_DQ_RE : q === 0x27 ? COOKIE_SQ_RE : COOKIE_LINE_RE;
    if (rest !== COOKIE_LINE_RE) start++;
    let i = runEnd(rest, text, start);
    // A long cookie value cut at the line's end goes on at the next line (a wrapped header).
    let piece = i;
    while (piece > start && i - piece < MIN_WRAP_COLUMNS && runEnd(CREDENTIAL_RUN_RE, text, piece - 1) > piece - 1) piece--;
    if (rest === COOKIE_LINE_RE) i = wrappedValueEnd(text, piece, i);
    if (i > start && !MASKED_RE.test(text.slice(start, Math.min(i, start + 16)))) out.push({ start, end: i, replacement: SECRET_MARKER, kind: 'credential' });
    if (COOKIE_RE.lastIndex < i) COOKIE_RE.lastIndex = i;
  }
}
