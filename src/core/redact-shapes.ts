// The redactor's passes that find a secret by its shape, with no key to name it: JWTs, PEM private keys,
// Entra client secrets (`Kq8~…`), refresh tokens and authorization codes (`0.A…`, `1.A…`, `M.C…`),
// credentials in a URL's userinfo, and text that hides a secret under an encoding (URL-encoded, base64)
// or is a random key itself. Each pass is one left-to-right scan from a literal anchor or a bounded run.
import * as chars from './redact-text';
import { CREDENTIAL_RUN_RE, JWT_RUN_RE, MIN_WRAP_COLUMNS, SECRET_MARKER, TOKEN_MARKER, TOKEN_PREFIX_CHARS, type Span } from './redact-text';
// The helpers are read off the module once: a hot loop calling an imported function pays a
// module-namespace read per call under some loaders (vitest's, which measures the liveness bound).
const { continuation, isBlank, isDigit, looksRandom, classChanges, runEnd, wrappedRunEnd } = chars;


/** Finds every span in a decoded text (`depth` counts the encodings already taken off). */
export type FindSpans = (text: string, depth: number) => Span[];

/**
 * JWTs and JWEs: a base64url JSON header (always `eyJ`), then dot-separated base64url segments.
 * indexOf finds each `eyJ`, the run of token characters from there is read once (across line breaks
 * when the token was wrapped), and the token starts at the first segment that is a plausible header
 * followed by a payload — so junk glued in front ("eyJ.", a short segment) cannot hide the token.
 */
export function jwtSpans(text: string, out: Span[]): void {
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
      out.push({ start: tokenStart, end, replacement: text.slice(tokenStart, tokenStart + kept) + TOKEN_MARKER, kept, kind: 'token' });
    }
    from = Math.max(end, at + 3);
  }
}

const BASE64_BODY_RE = /[A-Za-z0-9+/=]*/y;

/** Blanks and line breaks between the lines of a PEM body, real or escaped in a JSON string (\n, \\n). */
function pemSeparatorEnd(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (c === 0x5c) {
      let j = i;
      while (text.charCodeAt(j) === 0x5c && j - i < 8) j++;
      const e = text.charCodeAt(j);
      if (j > i && (e === 0x6e || e === 0x72 || e === 0x74)) {
        i = j + 1;
        continue;
      }
    }
    return i;
  }
}

/** `Proc-Type: 4,ENCRYPTED` and `DEK-Info: …` lines of a traditional encrypted key: part of the body. */
const PEM_HEADER_RE = /(?:Proc-Type|DEK-Info|Comment):[^\r\n\\]*/y;

/**
 * PEM private keys (PKCS#1, PKCS#8, encrypted, EC, OpenSSH, PGP): the body between the BEGIN and END
 * lines, laid out on lines, on one line, or escaped inside a JSON string. The markers stay, so a reader
 * still sees that a key was there. A key cut short (no END line) is hidden as far as its body goes.
 */
export function pemSpans(text: string, out: Span[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('-----BEGIN ', from);
    if (at < 0) return;
    const labelStart = at + 11;
    const close = text.indexOf('-----', labelStart);
    if (close < 0) return;
    from = close + 5;
    if (close - labelStart > 64 || !text.slice(labelStart, close).includes('PRIVATE KEY')) continue;
    let start = -1;
    let end = -1;
    let i = from;
    for (;;) {
      i = pemSeparatorEnd(text, i);
      PEM_HEADER_RE.lastIndex = i;
      if (PEM_HEADER_RE.test(text)) {
        if (start < 0) start = i;
        i = end = PEM_HEADER_RE.lastIndex;
        continue;
      }
      const k = runEnd(BASE64_BODY_RE, text, i);
      if (k === i) break;
      if (start < 0) start = i;
      i = end = k;
    }
    if (start >= 0) out.push({ start, end, replacement: SECRET_MARKER, kind: 'private key' });
    from = Math.max(from, end);
  }
}

const TILDE_RUN_RE = /[A-Za-z0-9_.~-]*/y;

function isTildeRunChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x7e || c === 0x2d;
}

/**
 * Entra client secrets: 40 characters of [A-Za-z0-9_.~-] with `Q~` after the first four (and the older
 * shapes with a `~` inside). A run holding a `~` is a secret when it is at least 20 characters long and
 * random-looking (version strings and paths with a `~` are not).
 */
export function tildeSpans(text: string, out: Span[]): void {
  let from = 0;
  let floor = 0;
  for (;;) {
    const at = text.indexOf('~', from);
    if (at < 0) return;
    let start = at;
    while (start > floor && isTildeRunChar(text.charCodeAt(start - 1))) start--;
    const runStop = runEnd(TILDE_RUN_RE, text, at);
    floor = from = runStop + 1;
    const entraShape = at - start === 5 && text.charCodeAt(at - 1) === 0x51 && isDigit(text.charCodeAt(at - 2)) && runStop - start >= 34;
    if (at > start && runStop - start >= 20 && (entraShape || looksRandom(text, start, runStop, 0.3))) {
      let end = runStop;
      for (let piece = start; ; ) {
        const next = continuation(CREDENTIAL_RUN_RE, text, piece, end);
        if (next < 0) break;
        piece = next;
        end = runEnd(CREDENTIAL_RUN_RE, text, next);
      }
      out.push({ start, end, replacement: SECRET_MARKER, kind: 'client secret' });
      floor = from = Math.max(from, end);
    }
  }
}

const OPAQUE_RE = /[01]\.A[A-Za-z0-9_-]|M\.[CR]\d/g;
const OPAQUE_RUN_RE = /[A-Za-z0-9_.*!$-]*/y;

/**
 * Entra refresh tokens and authorization codes (`0.A…`, `1.A…`) and Microsoft-account ones (`M.C…`,
 * `M.R…`): long, random, and nothing else in a log starts that way. The first characters stay to say
 * which kind it was.
 */
export function opaqueTokenSpans(text: string, out: Span[]): void {
  OPAQUE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPAQUE_RE.exec(text))) {
    const start = m.index;
    // Glued to a longer word or number ("v1.AB", "10.AX"): not the start of a token.
    if (start > 0 && runEnd(OPAQUE_RUN_RE, text, start - 1) > start - 1) continue;
    const stop = runEnd(OPAQUE_RUN_RE, text, start);
    if (stop - start >= 40 && looksRandom(text, start + 2, stop, 0.3)) {
      const end = Math.max(stop, wrappedRunEnd(OPAQUE_RUN_RE, text, start));
      out.push({ start, end, replacement: text.slice(start, start + 3) + TOKEN_MARKER, kept: 3, kind: 'refresh token' });
      if (OPAQUE_RE.lastIndex < end) OPAQUE_RE.lastIndex = end;
    } else if (OPAQUE_RE.lastIndex < stop) OPAQUE_RE.lastIndex = stop;
  }
}

/** Characters that end a URL's authority (where userinfo can be). */
function endsAuthority(c: number): boolean {
  // / ? # blank CR LF " ' < > \ `
  return c === 0x2f || c === 0x3f || c === 0x23 || isBlank(c) || c === 0x0a || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x5c || c === 0x60;
}

/** `scheme://user:password@host`: the password; `https://TOKEN@host`: a token used as the user name. */
export function userinfoSpans(text: string, out: Span[]): void {
  const n = text.length;
  let from = 0;
  for (;;) {
    const at = text.indexOf('://', from);
    if (at < 0) return;
    const a = at + 3;
    let i = a;
    let colon = -1;
    let lastAt = -1;
    let piece = a;
    while (i < n) {
      const c = text.charCodeAt(i);
      if ((c === 0x0a || c === 0x0d) && lastAt < 0 && i - piece >= MIN_WRAP_COLUMNS) {
        // A long authority cut at the line's end (a wrapped URL) goes on at the next line.
        i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
        piece = i;
        continue;
      }
      if (endsAuthority(c)) break;
      if (c === 0x40) lastAt = i;
      else if (c === 0x3a && colon < 0) colon = i;
      i++;
    }
    from = Math.max(i, a);
    if (lastAt <= a) continue;
    if (colon >= a && colon < lastAt - 1) out.push({ start: colon + 1, end: lastAt, replacement: SECRET_MARKER, kind: 'password' });
    else if (colon < 0 || colon > lastAt) {
      if (lastAt - a >= 16 && looksRandom(text, a, lastAt, 0.3)) out.push({ start: a, end: lastAt, replacement: SECRET_MARKER, kind: 'token' });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Encoded text: decoded (once per level, up to a fixed depth) and searched again.

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * Characters that end a URL-encoded run: blanks, line breaks, `"`, angle brackets, backticks, which
 * an encoder always escapes. Not `'`, `!`, `*`, `(` or `)`: encodeURIComponent leaves those as they are.
 */
function endsEncodedRun(c: number): boolean {
  return isBlank(c) || c === 0x0a || c === 0x0d || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
}

/** Code units to a string natively (ignoreBOM: a decoded U+FEFF is text like any other). */
const utf16 = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le', { ignoreBOM: true }) : null;

/**
 * URL-encoded text (`client_secret%3D…`, `%7B%22clientSecret%22%3A…`, a redirect URL inside a query):
 * the run around each `%XX` is decoded (ASCII escapes only, which is every character that gives a
 * secret its structure), searched, and what is found there is mapped back to the encoded characters.
 */
export function percentSpans(text: string, out: Span[], depth: number, find: FindSpans): void {
  const n = text.length;
  let from = 0;
  let floor = 0;
  for (;;) {
    const at = text.indexOf('%', from);
    if (at < 0) return;
    if (hexValue(text.charCodeAt(at + 1)) < 0 || hexValue(text.charCodeAt(at + 2)) < 0) {
      from = at + 1;
      continue;
    }
    let start = at;
    while (start > floor && !endsEncodedRun(text.charCodeAt(start - 1))) start--;
    let stop = at;
    while (stop < n && !endsEncodedRun(text.charCodeAt(stop))) stop++;
    floor = from = stop;
    // The decoded text as UTF-16 code units, and where each one came from in the input.
    const units = new Uint16Array(stop - start);
    const map = new Int32Array(stop - start + 1);
    let d = 0;
    let changed = false;
    for (let i = start; i < stop; ) {
      map[d] = i;
      const hi = text.charCodeAt(i) === 0x25 ? hexValue(text.charCodeAt(i + 1)) : -1;
      const lo = hi >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
      if (lo >= 0 && hi < 8) {
        units[d++] = hi * 16 + lo;
        changed = true;
        i += 3;
      } else units[d++] = text.charCodeAt(i++);
    }
    map[d] = stop;
    if (!changed) continue;
    let decoded = '';
    if (utf16) decoded = utf16.decode(units.subarray(0, d));
    else for (let i = 0; i < d; i += 8192) decoded += String.fromCharCode(...units.subarray(i, Math.min(d, i + 8192)));
    for (const s of find(decoded, depth + 1)) {
      out.push({ start: map[s.start]!, end: map[s.end]!, replacement: s.kept ? SECRET_MARKER : s.replacement, kind: s.kind });
    }
  }
}

/**
 * base64 or base64url, at least 24 characters (18 bytes), with `=` padding. The lookbehind lets a
 * match start only where a run starts, so a short run is tried once, not at each of its characters.
 */
const BASE64_RE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
const BASE64_LINE_RE = /[A-Za-z0-9+/_=-]*/y;

const B64_VALUES = (() => {
  const v = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) v[alphabet.charCodeAt(i)] = i;
  v[0x2d] = 62; // -
  v[0x5f] = 63; // _
  return v;
})();

/** The bytes of base64 text in [start, end), skipping line breaks and padding. */
function decodeBase64(text: string, start: number, end: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(((end - start) * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_VALUES[c]! : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, n);
}

const utf8 = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { fatal: true }) : null;

/** The bytes as text when they are printable UTF-8 (a config, JSON, a connection string), else null. */
function asText(bytes: Uint8Array): string | null {
  if (!utf8) return null;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c < 0xa0)) control++;
  }
  return control * 50 > text.length ? null : text;
}

/** Whether a run has letters of both cases and a digit: what any base64 of 18 bytes or more has. */
export function mixedRun(text: string, start: number, end: number): boolean {
  const c = classChanges(text, start, Math.min(end, start + 4096));
  return c.upper && c.lower && c.digit;
}

/** Spans as sorted, disjoint [start, end) intervals. */
export function merge(spans: readonly Span[]): [number, number][] {
  const sorted = spans.map((s) => [s.start, s.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of sorted) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push(iv);
  }
  return merged;
}

/**
 * Whether a run has the shape of an identifier (correlation, trace and request ids: at most 64 of
 * [0-9A-Za-z-]), which the classifier quotes as such. Such a run is hidden only when something else
 * says it is secret (its key, a `~`, a token prefix); a key has `=` padding, `+`, `/` or `_`, or is longer.
 */
function identifierShaped(text: string, start: number, end: number): boolean {
  if (end - start > 64) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d || c === 0x2b || c === 0x2f || c === 0x5f) return false;
  }
  return true;
}

/** Runs decoded as text are searched again only this far: longer ones are judged by their shape. */
const MAX_DECODED = 1 << 20;

/**
 * base64 runs: decoded; text (a config, a connection string, JSON) is searched again and the whole run
 * hidden when it holds a secret; binary is hidden when the run looks random (a storage or function
 * key, a signature, an old-style client secret). Runs already inside a span are skipped, and a run
 * wrapped over lines (MIME, PEM-like) is read to its end.
 */
export function base64Spans(text: string, out: Span[], depth: number, find: FindSpans | null): void {
  // What earlier passes found, as sorted disjoint intervals: a run that touches one is not decoded
  // again (it is a JWT's segment, a PEM body, a keyed value), and runs come in order, so one pointer
  // walks them.
  const found = merge(out);
  let f = 0;
  BASE64_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BASE64_RE.exec(text))) {
    const start = m.index;
    const stop = start + m[0].length;
    while (f < found.length && found[f]![1] <= start) f++;
    if ((f < found.length && found[f]![0] < stop) || !mixedRun(text, start, stop)) continue;
    const end = wrappedRunEnd(BASE64_LINE_RE, text, start);
    if (BASE64_RE.lastIndex < end) BASE64_RE.lastIndex = end;
    const decoded = end - start <= (MAX_DECODED * 4) / 3 ? asText(decodeBase64(text, start, end)) : null;
    if (decoded !== null) {
      if (!find) continue;
      // The search below runs this pass again on the decoded text, which moves BASE64_RE on.
      const resume = BASE64_RE.lastIndex;
      const inner = find(decoded, depth + 1);
      BASE64_RE.lastIndex = resume;
      if (inner.length > 0) out.push({ start, end, replacement: SECRET_MARKER, kind: inner[0]!.kind });
    } else if (!identifierShaped(text, start, end) && looksRandom(text, start, Math.min(end, start + 4096))) {
      out.push({ start, end, replacement: SECRET_MARKER, kind: 'key' });
    }
  }
}
