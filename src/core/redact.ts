// Removes tokens and secrets from text before it is logged, shown or written to a report.
// Every pass is a single left-to-right scan (regexes here either always match greedily from a literal
// anchor or are bounded), so the cost stays linear in the input, whatever the input looks like.
// Runs in Node and in the browser: no Node-only APIs.

/** What a redacted JWT/JWE looks like: a short recognisable prefix plus this marker. */
export const TOKEN_MARKER = '…[redacted token]';
/** What a redacted secret value looks like. */
export const SECRET_MARKER = '[redacted]';

const TOKEN_PREFIX_CHARS = 10;

/** Keys whose values are secrets in JSON, Python repr, form-encoded and header shapes. */
const SECRET_KEYS = [
  'client_secret',
  'client_assertion',
  'refresh_token',
  'access_token',
  'id_token',
  'device_code',
  'assertion',
  'password',
  'passwd',
  'code',
];

// The key, optionally followed by a quote (also the escaped quotes of JSON embedded in a JSON string),
// then `:` or `=`. The key must stand alone (`error_code`, `error_codes` and `authcode` stay out): that
// is checked on the character before the match (wordBefore) rather than by a lookbehind, so the regex
// starts with its literal keys and the engine skips ahead quickly.
const KEY_RE = new RegExp(
  `(${SECRET_KEYS.join('|')})(?:\\\\?["'])?[ \\t]{0,8}[:=][ \\t]{0,8}`,
  'gi',
);

const AUTH_HEADER_RE =
  /(?:proxy-)?authorization(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}(?:\\?["'])?[ \t]{0,8}(?:(bearer|basic|negotiate|ntlm|pop|digest|mac)[ \t]{1,8})?/gi;
const BARE_SCHEME_RE = /(bearer|basic)[ \t]{1,8}(?=[A-Za-z0-9+/_~.-]{12})/gi;
const COOKIE_LINE_RE = /[^\r\n]*/y;
const COOKIE_DQ_RE = /[^\r\n"]*/y;
const COOKIE_SQ_RE = /[^\r\n']*/y;
const COOKIE_RE = /(?:set-)?cookie(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}/gi;

/** Whether text[at - 1] continues a word ([A-Za-z0-9_-], and '.' when `dot`): then no name starts at `at`. */
function wordBefore(text: string, at: number, dot: boolean): boolean {
  if (at === 0) return false;
  const c = text.charCodeAt(at - 1);
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || (dot && c === 0x2e)
  );
}

/** Characters that end an unquoted value (form-encoded, header, log `key=value`). */
function isValueEnd(ch: number): boolean {
  // & space tab CR LF , ; } ) ] " ' < >
  return (
    ch === 0x26 || ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a || ch === 0x2c || ch === 0x3b ||
    ch === 0x7d || ch === 0x29 || ch === 0x5d || ch === 0x22 || ch === 0x27 || ch === 0x3c || ch === 0x3e
  );
}

interface Span {
  start: number;
  end: number;
  replacement: string;
  /** How many characters of the input the replacement shows at its start (a token's prefix). */
  kept?: number;
}

/** Where a value that starts at `pos` ends: quoted (JSON, repr, escaped JSON) or unquoted. */
function valueSpan(text: string, pos: number): { start: number; end: number; quoted: boolean } {
  const n = text.length;
  let quote = '';
  if (text.startsWith('\\"', pos) || text.startsWith("\\'", pos)) quote = text.slice(pos, pos + 2);
  else if (text[pos] === '"' || text[pos] === "'") quote = text[pos]!;
  if (quote) {
    const start = pos + quote.length;
    let i = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) break;
      if (quote.length === 1) {
        if (c === 0x5c) {
          i += 2;
          continue;
        }
        if (text[i] === quote) break;
      } else if (c === 0x5c && text.startsWith(quote, i)) break;
      i++;
    }
    return { start, end: Math.min(i, n), quoted: true };
  }
  let i = pos;
  while (i < n && !isValueEnd(text.charCodeAt(i))) i++;
  return { start: pos, end: i, quoted: false };
}

/** An API's error code under a `code` key: capitalised words of letters, joined or underscored; an authorization code always has digits. */
const ERROR_CODE_WORDS = /^[A-Z][a-z]+(?:_?[A-Z][a-z]*)+$/;
const KEEP_VALUES = new Set(['null', 'none', 'true', 'false', 'undefined', '']);
const MAX_KEEP_VALUE = 9;

/** Whether text[start, end) is all ASCII digits; stops at the first other character. */
function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The longest text KEY_RE can match: an escaped-quoted key, up to 8 blanks, the separator, 8 blanks. */
const KEY_REACH = Math.max(...SECRET_KEYS.map((k) => k.length)) + 2 * 2 + 8 + 1 + 8;

/** Whether `:` or `=` follows at `pos` after at most 8 blanks. */
function separatorAfter(text: string, pos: number): boolean {
  for (let i = pos, limit = Math.min(text.length, pos + 9); i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0x3d) return true;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return false;
}

function keySpans(text: string, out: Span[]): void {
  KEY_RE.lastIndex = 0;
  // Where the last unquoted value scan started and ended: [unquotedFrom, unquotedTo) holds no value-end
  // character, so a key found inside it shares its end and the run is never scanned twice.
  let unquotedFrom = -1;
  let unquotedTo = -1;
  let m: RegExpExecArray | null;
  while ((m = KEY_RE.exec(text))) {
    if (wordBefore(text, m.index, true)) continue;
    const key = m[1]!.toLowerCase();
    const valueAt = m.index + m[0].length;
    // `"access_token": {` is a claims-request object (structure, not a secret): leave it alone.
    const first = text.charCodeAt(valueAt);
    if (first === 0x7b || first === 0x5b) continue;
    let v: { start: number; end: number; quoted: boolean };
    if (valueAt >= unquotedFrom && valueAt < unquotedTo) v = { start: valueAt, end: unquotedTo, quoted: false };
    else {
      v = valueSpan(text, valueAt);
      if (!v.quoted) {
        unquotedFrom = v.start;
        unquotedTo = v.end;
      }
    }
    // Only short values are read as a whole: a long one shared by many glued keys must cost O(1) here.
    const length = v.end - v.start;
    if (length <= MAX_KEEP_VALUE && KEEP_VALUES.has(text.slice(v.start, v.end).toLowerCase())) continue;
    // `code` also names HTTP and error codes; an authorization code is long, so short values stay, and so
    // do API error codes (AuthorizationFailed, Authorization_RequestDenied): words of letters, no digits.
    if (key === 'code' && (length < 16 || allDigits(text, v.start, v.end) || (length <= 80 && ERROR_CODE_WORDS.test(text.slice(v.start, v.end))))) continue;
    // A token value keeps its short prefix so people can still tell which token it was.
    if (text.startsWith('eyJ', v.start)) {
      const kept = Math.min(length, TOKEN_PREFIX_CHARS);
      out.push({ start: v.start, end: v.end, replacement: text.slice(v.start, v.start + kept) + TOKEN_MARKER, kept });
    } else out.push({ start: v.start, end: v.end, replacement: SECRET_MARKER });
    // A quoted value is hidden whole, keys inside it included, so scanning resumes after it. An unquoted
    // value ends at a space or separator, and a key glued inside it ("password=pw/client_secret: X")
    // has its own value past that end: scanning goes on right after this key.
    // Only a key ending within KEY_REACH of the value's end can have a value beyond it, so the rest
    // of the value is skipped either way and every character is read a bounded number of times.
    // A quoted "value" followed by its own separator was really the next key (`password= 'client_secret':
    // 'X'`): scanning resumes at it, so that key's value is found too. Its text is read once more at most.
    const resume = v.quoted ? (separatorAfter(text, v.end + 1) ? valueAt : v.end) : v.end - KEY_REACH;
    if (KEY_RE.lastIndex < resume) KEY_RE.lastIndex = resume;
  }
}

// Runs of token characters, read by the regex engine (a native loop) from a given position.
const JWT_RUN_RE = /[A-Za-z0-9_.-]*/y;
const CREDENTIAL_RUN_RE = /[A-Za-z0-9_.+/=~-]*/y;

/** Where the run of `run`'s characters that starts at `from` ends. */
function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  run.test(text);
  return run.lastIndex;
}

/** A wrapped line is at least this long: nobody wraps a token at fewer columns. */
const MIN_WRAP_COLUMNS = 16;

/**
 * A token wrapped over several lines (terminal, e-mail, fixed-width logs) goes on at the next line when
 * its piece on this line, [pieceStart, pieceEnd), fills the line up to the line break and the next line
 * holds nothing but run characters. Returns where that next line starts, or -1.
 */
function continuation(run: RegExp, text: string, pieceStart: number, pieceEnd: number): number {
  if (pieceEnd - pieceStart < MIN_WRAP_COLUMNS) return -1;
  let j = pieceEnd;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) !== 0x0a) return -1;
  j++;
  const k = runEnd(run, text, j);
  if (k === j) return -1;
  const c = text.charCodeAt(k);
  const lineEnds = k >= text.length || c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) === 0x0a);
  return lineEnds ? j : -1;
}

/** The end of a run that may be wrapped over several lines. */
function wrappedRunEnd(run: RegExp, text: string, start: number): number {
  let pieceStart = start;
  for (;;) {
    const pieceEnd = runEnd(run, text, pieceStart);
    const next = continuation(run, text, pieceStart, pieceEnd);
    if (next < 0) return pieceEnd;
    pieceStart = next;
  }
}

/**
 * JWTs and JWEs: a base64url JSON header (always `eyJ`), then dot-separated base64url segments.
 * indexOf finds each `eyJ`, the run of token characters from there is read once (across line breaks
 * when the token was wrapped), and the token starts at the first segment that is a plausible header
 * followed by a payload — so junk glued in front ("eyJ.", a short segment) cannot hide the token.
 */
function jwtSpans(text: string, out: Span[]): void {
  const n = text.length;
  // The next '.' at or after the current position; only ever moves forward, so finding dots is linear.
  let nextDot = -1;
  let from = 0;
  for (;;) {
    const at = text.indexOf('eyJ', from);
    if (at < 0) return;
    let tokenStart = -1;
    let headerStart = -1;
    let segStart = at;
    let segLen = 0;
    let pieceStart = at;
    let end: number;
    for (;;) {
      const pieceEnd = runEnd(JWT_RUN_RE, text, pieceStart);
      let p = pieceStart;
      while (tokenStart < 0) {
        if (nextDot < p) {
          nextDot = text.indexOf('.', p);
          if (nextDot < 0) nextDot = n;
        }
        if (nextDot >= pieceEnd) {
          segLen += pieceEnd - p;
          break;
        }
        segLen += nextDot - p;
        // A header alone (`eyJhbGciOi`) is harmless; a token needs at least header.payload.
        if (headerStart >= 0 && segLen >= 4) tokenStart = headerStart;
        else {
          headerStart = segLen >= 8 && text.startsWith('eyJ', segStart) ? segStart : -1;
          segStart = nextDot + 1;
          segLen = 0;
          p = nextDot + 1;
        }
      }
      const next = continuation(JWT_RUN_RE, text, pieceStart, pieceEnd);
      if (next < 0) {
        end = pieceEnd;
        break;
      }
      pieceStart = next;
    }
    if (tokenStart < 0 && headerStart >= 0 && segLen >= 4) tokenStart = headerStart;
    if (tokenStart >= 0) {
      const kept = Math.min(end - tokenStart, TOKEN_PREFIX_CHARS);
      out.push({ start: tokenStart, end, replacement: text.slice(tokenStart, tokenStart + kept) + TOKEN_MARKER, kept });
    }
    from = Math.max(end, at + 3);
  }
}

function headerSpans(text: string, out: Span[]): void {
  AUTH_HEADER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AUTH_HEADER_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    let i = m.index + m[0].length;
    const start = i;
    // A long credential that fills its line may go on over the next lines (a wrapped header).
    i = wrappedRunEnd(CREDENTIAL_RUN_RE, text, start);
    if (i > start) out.push({ start, end: i, replacement: SECRET_MARKER });
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
    if (value.length >= 16 && /\d/.test(value) && !/=[^=]/.test(value)) out.push({ start, end: i, replacement: SECRET_MARKER });
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
    const i = runEnd(rest, text, start);
    if (i > start) out.push({ start, end: i, replacement: SECRET_MARKER });
    if (COOKIE_RE.lastIndex < i) COOKIE_RE.lastIndex = i;
  }
}

function utf8Base64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The forms an extra secret can appear in: as is, base64, base64url, URL- and form-encoded. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    const b64 = utf8Base64(secret);
    forms.add(b64);
    forms.add(b64.replace(/=+$/, ''));
    forms.add(b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    const url = encodeURIComponent(secret);
    forms.add(url);
    forms.add(url.replace(/%20/g, '+'));
    // Some encoders also escape the characters encodeURIComponent leaves alone.
    forms.add(url.replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()));
  } catch {
    // A lone surrogate cannot be encoded; the raw form is still matched.
  }
  // Very short forms would blank out ordinary words; they are not worth hiding at that cost.
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

function extraSpans(text: string, extraSecrets: readonly string[], out: Span[]): void {
  for (const secret of extraSecrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue;
    for (const form of secretForms(secret)) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(form, from);
        if (at < 0) break;
        out.push({ start: at, end: at + form.length, replacement: SECRET_MARKER });
        from = at + form.length;
      }
    }
  }
}

/**
 * Something every span above needs, in one case-insensitive scan: the start of a JWT (eyJ), a secret
 * key's ending (…code, …token, …assertion, …secret, password, passwd) or a header name followed by
 * its separator exactly as KEY_RE, AUTH_HEADER_RE and COOKIE_RE spell it, or an auth scheme followed
 * by a blank (BARE_SCHEME_RE). Each of those regexes can only match where this one does, so a text
 * without a match holds nothing to redact and the four separate scans are skipped. Most texts the
 * classifier writes (summaries, next steps) are like that.
 */
const MAYBE_SECRET_RE =
  /eyJ|(?:code|token|assertion|secret|password|passwd|authorization|cookie)(?:\\?["'])?[ \t]{0,8}[:=]|(?:bearer|basic)[ \t]/i;

/**
 * Whether redactSecrets could change this text at all: false means it would return it unchanged.
 * Lets a caller check only the part of a sentence that came from the input, when the fixed rest
 * is known to hold nothing (and to complete nothing) the check looks for.
 */
export function mayHoldSecret(text: string): boolean {
  return typeof text === 'string' && text.length > 0 && MAYBE_SECRET_RE.test(text);
}

/** Applies spans; where spans overlap, the union is replaced once (the earliest span's marker wins). */
function apply(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    const first = spans[i]!;
    let end = first.end;
    let j = i + 1;
    while (j < spans.length && spans[j]!.start < end) {
      end = Math.max(end, spans[j]!.end);
      j++;
    }
    // A token's shown prefix must not reveal the start of another secret inside it: cut it there.
    let replacement = first.replacement;
    if (first.kept && j > i + 1 && spans[i + 1]!.start - first.start < first.kept) {
      replacement = text.slice(first.start, spans[i + 1]!.start) + replacement.slice(first.kept);
    }
    out += text.slice(pos, first.start) + replacement;
    pos = end;
    i = j;
  }
  return out + text.slice(pos);
}

/**
 * Replaces JWTs/JWEs, OAuth secrets (client_secret, client_assertion, refresh/access/id tokens,
 * authorization codes, passwords), Authorization and Cookie header values, and any `extraSecrets`
 * (raw, base64 and URL-encoded) in `text`. Never throws: if something goes wrong the whole text is
 * withheld rather than risking a leak.
 */
export function redactSecrets(text: string, extraSecrets?: readonly string[]): string {
  try {
    if (typeof text !== 'string') return '';
    if (text.length === 0) return text;
    const extra = Array.isArray(extraSecrets) && extraSecrets.length > 0;
    if (!extra && !MAYBE_SECRET_RE.test(text)) return text;
    const spans: Span[] = [];
    if (extra) extraSpans(text, extraSecrets!, spans);
    keySpans(text, spans);
    headerSpans(text, spans);
    jwtSpans(text, spans);
    return apply(text, spans);
  } catch {
    return '[text withheld: it could not be checked for secrets]';
  }
}

export interface RedactTokenOptions {
  /** Hide everything but the length (for places where even claims must not show). */
  full?: boolean;
}

/**
 * One token in a showable form. For a JWT the header and payload stay (they are only base64 JSON,
 * and the claims are what people need to see) and the signature is replaced; a JWE keeps only its
 * header; anything else keeps a short prefix.
 */
export function redactToken(token: string, options: RedactTokenOptions = {}): string {
  try {
    if (typeof token !== 'string') return '[redacted token]';
    let t = token.trim();
    if ((t.charCodeAt(0) | 0x20) === 0x62) t = t.replace(/^bearer\s+/i, '');
    if (options.full) return `[redacted token, ${t.length} chars]`;
    // Most tokens are a JWS: find its two dots without splitting the whole text.
    if (t.startsWith('eyJ')) {
      const a = t.indexOf('.');
      const b = a < 0 ? -1 : t.indexOf('.', a + 1);
      if (b > 0 && t.indexOf('.', b + 1) < 0) return b + 1 < t.length ? `${t.slice(0, b)}.[signature redacted]` : t.slice(0, b + 1);
    }
    const parts = t.split('.');
    if (parts.length === 3 && parts[0]!.startsWith('eyJ')) {
      return parts[2] ? `${parts[0]}.${parts[1]}.[signature redacted]` : `${parts[0]}.${parts[1]}.`;
    }
    if (parts.length === 5 && parts[0]!.startsWith('eyJ')) {
      return `${parts[0]}.[encrypted key, content and tag redacted]`;
    }
    if (t.length <= TOKEN_PREFIX_CHARS) return '[redacted token]';
    return t.slice(0, TOKEN_PREFIX_CHARS) + TOKEN_MARKER;
  } catch {
    return '[redacted token]';
  }
}
