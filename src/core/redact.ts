// Removes tokens and secrets from text before it is logged, shown or written to a report, and says what
// a value looked like where it must not be shown. Secrets are found two ways: by the key that names
// them, in any case and separator (redact-keys.ts), and by their shape when nothing names them
// (redact-shapes.ts), including inside URL-encoded and base64 text, decoded up to two levels deep.
// Every pass is a single left-to-right scan (regexes here either always match greedily from a literal
// anchor or are bounded), so the cost stays linear in the input, whatever the input looks like.
// Runs in Node and in the browser: no Node-only APIs.
import { argvSpans, flagSpans, headerSpans, KEY_WORDS, keySpans } from './redact-keys';
import { base64Spans, jwtSpans, opaqueTokenSpans, pemSpans, percentSpans, tildeSpans, userinfoSpans } from './redact-shapes';
import { looksRandom, SECRET_MARKER, TOKEN_MARKER, TOKEN_PREFIX_CHARS, type SecretKind, type Span } from './redact-text';

export { SECRET_MARKER, TOKEN_MARKER, type SecretKind };


/** Encodings taken off before searching again: URL-encoded base64 of a config is two. */
const MAX_DEPTH = 2;

function utf8Base64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The forms an extra secret can appear in: as is, JSON-escaped, base64, base64url, URL- and form-encoded. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  // A secret holding a quote, a backslash or a control character is written escaped inside JSON.
  forms.add(JSON.stringify(secret).slice(1, -1));
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

/**
 * The forms of a list of extra secrets, held only as long as the caller holds the list itself (a token
 * run redacts every header and body with the same list, and adds to it as it learns new secrets).
 */
const FORMS = new WeakMap<readonly string[], { secrets: string[]; forms: string[] }>();

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function formsOf(extraSecrets: readonly string[]): string[] {
  const known = FORMS.get(extraSecrets);
  // The list may have changed since (a run pushes its PKCE verifier, then the code): compare it whole.
  if (known && sameItems(known.secrets, extraSecrets)) return known.forms;
  const forms: string[] = [];
  for (const secret of extraSecrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue;
    for (const form of secretForms(secret)) forms.push(form);
  }
  FORMS.set(extraSecrets, { secrets: [...extraSecrets], forms });
  return forms;
}

function extraSpans(text: string, extraSecrets: readonly string[], out: Span[]): void {
  for (const form of formsOf(extraSecrets)) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(form, from);
      if (at < 0) break;
      out.push({ start: at, end: at + form.length, replacement: SECRET_MARKER, kind: 'secret' });
      from = at + form.length;
    }
  }
}

/** Characters of a base64 run: 1 upper, 2 lower, 3 digit, 4 `+ / _ -`, 0 anything else. */
const RUN_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0x41; c <= 0x5a; c++) t[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = 2;
  for (let c = 0x30; c <= 0x39; c++) t[c] = 3;
  for (const c of '+/_-') t[c.charCodeAt(0)] = 4;
  return t;
})();

/** A key's last word (as KEY_RE and the header regexes spell them) ending a text. */
const KEY_TAIL_RE = new RegExp(`(?:${KEY_WORDS}|authorization|cookie)$`, 'i');
const SCHEME_TAIL_RE = /(?:bearer|basic)$/i;
/** Sticky: tried at one `:` only (unanchored, a failed try would search the rest of the text at every `:`). */
const USERINFO_RE = /:\/\/[^/?#\t "'<>\\`@]*@/y;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** The last three letters of text[.., end), lower-cased, as one number (0 when they are not all letters). */
function tail3(text: string, end: number): number {
  if (end < 3 || end > text.length) return 0;
  let key = 0;
  for (let i = end - 3; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return 0;
    key = (key << 8) | c;
  }
  return key;
}

const tailOf = (word: string): number => tail3(word, word.length);
/** How every word KEY_TAIL_RE knows ends: a cheap test before the regex. */
const KEY_TAILS = new Set(
  ['secret', 'secrets', 'password', 'passwd', 'passphrase', 'pass', 'pwd', 'token', 'key', 'sig', 'signature', 'assertion', 'verifier', 'code', 'credential', 'credentials', 'text', 'value', 'authorization', 'cookie'].map(tailOf),
);
const SCHEME_TAILS = new Set(['bearer', 'basic'].map(tailOf));

/** Whether the text before `end` ends with a key word (KEY_TAIL_RE), checked by its last letters first. */
function keyWordEnds(text: string, end: number): boolean {
  return KEY_TAILS.has(tail3(text, end)) && KEY_TAIL_RE.test(text.slice(Math.max(0, end - 16), end));
}

/** Whether a key's last word ends just before the separator at `at` (after blanks, and a quote with its backslashes). */
function keyBefore(text: string, at: number): boolean {
  let i = at;
  for (let n = 0; n < 8 && i > 0 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09); n++) i--;
  if (keyWordEnds(text, i)) return true;
  const q = i > 0 ? text.charCodeAt(i - 1) : 0;
  if (q !== 0x22 && q !== 0x27) return false;
  i--;
  for (let n = 0; n < 7 && i > 0 && text.charCodeAt(i - 1) === 0x5c; n++) i--;
  return keyWordEnds(text, i);
}

/** The character at `i`, or 0 outside the text (a read past either end would make optimized code bail out). */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
}

/** The base64-run class of a character code (RUN_CLASS), 0 for anything outside ASCII. */
function runClass(c: number): number {
  return c < 128 ? RUN_CLASS[c]! : 0;
}

/** At a character maybeSecret stops at (: = ( - . % and a blank after bearer/basic): whether a pass has something to look at. */
function triggered(text: string, i: number, c: number): boolean {
  switch (c) {
    case 0x3a: // :
      if (text.startsWith('//', i + 1)) {
        USERINFO_RE.lastIndex = i;
        if (USERINFO_RE.test(text)) return true;
      }
      return keyBefore(text, i);
    case 0x3d: // =
    case 0x28: // (
      return keyBefore(text, i);
    case 0x20:
    case 0x09:
      return SCHEME_TAILS.has(tail3(text, i)) && SCHEME_TAIL_RE.test(text.slice(Math.max(0, i - 6), i));
    case 0x2d: {
      // -  a flag (-p, --client-secret) after a blank or a quote, or a PEM BEGIN line
      const b = i === 0 ? 0x20 : text.charCodeAt(i - 1);
      if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x22 || b === 0x27 || (b > 0x7f && /\s/.test(text[i - 1]!))) {
        const l = codeAt(text, codeAt(text, i + 1) === 0x2d ? i + 2 : i + 1) | 0x20;
        if (l >= 0x61 && l <= 0x7a) return true;
      }
      return text.startsWith('----BEGIN ', i + 1);
    }
    case 0x2e: {
      // .  0.A… 1.A… (Entra) and M.C…/M.R… (Microsoft account) refresh tokens and codes
      const p = codeAt(text, i - 1);
      const a = codeAt(text, i + 1);
      if ((p === 0x30 || p === 0x31) && a === 0x41 && runClass(codeAt(text, i + 2)) !== 0) return true;
      return p === 0x4d && (a === 0x43 || a === 0x52) && runClass(codeAt(text, i + 2)) === 3;
    }
    case 0x25: // %
      return isHex(codeAt(text, i + 1)) && isHex(codeAt(text, i + 2));
  }
  return false;
}

/** Characters at which maybeSecret looks around (besides `e` and `~`, checked inline). */
const TRIGGER = (() => {
  const t = new Uint8Array(128);
  for (const c of ':=( \t-.%') t[c.charCodeAt(0)] = 1;
  return t;
})();

/**
 * Something one of the passes needs, found in one pass over the characters: the start of a JWT (eyJ);
 * the last word of a secret key or header before its separator (`:` `=` `(`); a command-line flag (a
 * dash and a letter after a blank or a quote); an auth scheme and a blank; a PEM BEGIN line; a `~`
 * (Entra secrets); the start of a refresh token; a URL with userinfo; a `%XX` escape; a run of 24 or
 * more base64 characters with both letter cases and a digit in its first 4096. Each pass can only
 * find something where one of these is, so a text without any holds nothing to redact and the passes
 * are skipped. Most texts the classifier writes (summaries, next steps) are like that.
 */
function maybeSecret(text: string): boolean {
  const n = text.length;
  let runLength = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? RUN_CLASS[c]! : 0;
    if (k !== 0) {
      if (runLength < 4096) seen |= (1 << k) & 0b1110;
      runLength++;
      // e of eyJ
      if (c === 0x65 && i + 2 < n && text.charCodeAt(i + 1) === 0x79 && text.charCodeAt(i + 2) === 0x4a) return true;
      if (k !== 4) continue;
    } else {
      if (runLength >= 24 && seen === 0b1110) return true;
      runLength = 0;
      seen = 0;
      if (c === 0x7e) return true;
    }
    if (c < 128 && TRIGGER[c] !== 0) {
      // A blank is only worth a look after the r of bearer or the c of basic.
      if (c === 0x20 || c === 0x09) {
        const p = i > 0 ? text.charCodeAt(i - 1) | 0x20 : 0;
        if (p !== 0x72 && p !== 0x63) continue;
      }
      if (triggered(text, i, c)) return true;
    }
  }
  return runLength >= 24 && seen === 0b1110;
}

/**
 * Whether redactSecrets could change this text at all: false means it would return it unchanged.
 * Lets a caller check only the part of a sentence that came from the input, when the fixed rest
 * is known to hold nothing (and to complete nothing) the check looks for.
 */
export function mayHoldSecret(text: string): boolean {
  return typeof text === 'string' && text.length > 0 && maybeSecret(text);
}

/** Every span of `text`; `depth` counts the encodings already taken off (0 for the input itself). */
function findSpans(text: string, depth: number, extraSecrets?: readonly string[]): Span[] {
  const spans: Span[] = [];
  const extra = Array.isArray(extraSecrets) && extraSecrets.length > 0;
  if (extra) extraSpans(text, extraSecrets, spans);
  // With known secrets every pass runs, which is also how the tests check the pre-scan misses nothing.
  if (!extra && !maybeSecret(text)) return spans;
  keySpans(text, spans);
  flagSpans(text, spans);
  argvSpans(text, spans);
  headerSpans(text, spans);
  jwtSpans(text, spans);
  pemSpans(text, spans);
  tildeSpans(text, spans);
  opaqueTokenSpans(text, spans);
  userinfoSpans(text, spans);
  const deeper = depth < MAX_DEPTH ? (inner: string, d: number) => findSpans(inner, d) : null;
  if (deeper) percentSpans(text, spans, depth, deeper);
  base64Spans(text, spans, depth, deeper);
  return spans;
}

/** Spans and their text, for the streaming redactor (redact-stream.ts). */
export function spansOf(text: string, extraSecrets?: readonly string[]): Span[] {
  return findSpans(text, 0, extraSecrets);
}

/**
 * Applies spans; where spans overlap, the union is replaced once (the earliest span's marker wins).
 * Returns the text and how many places were replaced.
 */
export function applySpans(text: string, spans: Span[]): { text: string; count: number } {
  if (spans.length === 0) return { text, count: 0 };
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let i = 0;
  let count = 0;
  while (i < spans.length) {
    const first = spans[i]!;
    let end = first.end;
    let j = i + 1;
    while (j < spans.length && spans[j]!.start < end) {
      end = Math.max(end, spans[j]!.end);
      j++;
    }
    // A token's shown prefix must not reveal the start of another secret inside it: cut it there.
    // The same token found by two passes (a keyed value and the JWT pass) starts where it does.
    let replacement = first.replacement;
    if (first.kept) {
      for (let k = i + 1; k < j && spans[k]!.start - first.start < first.kept; k++) {
        const inner = spans[k]!;
        if (inner.start === first.start && inner.kept) continue;
        replacement = text.slice(first.start, inner.start) + replacement.slice(first.kept);
        break;
      }
    }
    out += text.slice(pos, first.start) + replacement;
    pos = end;
    i = j;
    count++;
  }
  return { text: out + text.slice(pos), count };
}

/**
 * Short texts recently found to hold nothing to redact. The classifier writes the same sentences
 * again and again (a code's explanation, its next steps); a hash lookup is far cheaper than reading
 * them again. Only texts with no secret are kept, and only a bounded number.
 */
const CLEAN = new Set<string>();
const MAX_CLEAN = 2048;
const MAX_CLEAN_CHARS = 2048;

/** What a text withheld whole looks like: redaction failed, so nothing of it is shown. */
export const WITHHELD = '[text withheld: it could not be checked for secrets]';

/**
 * Replaces tokens and secrets in `text`: values of secret keys (client secrets, passwords, tokens,
 * keys, signatures, assertions, code verifiers, authorization codes) in any key style, Authorization
 * and Cookie values, JWTs, PEM private keys, Entra client secrets, refresh tokens, URL userinfo,
 * random keys, the same inside URL-encoded and base64 text, and any `extraSecrets` (raw, JSON-escaped,
 * base64 and URL-encoded). Never throws: if something goes wrong the whole text is withheld rather
 * than risking a leak.
 */
export function redactSecrets(text: string, extraSecrets?: readonly string[]): string {
  try {
    if (typeof text !== 'string') return '';
    if (text.length === 0) return text;
    const plain = !(Array.isArray(extraSecrets) && extraSecrets.length > 0) && text.length <= MAX_CLEAN_CHARS;
    if (plain && CLEAN.has(text)) return text;
    const out = applySpans(text, findSpans(text, 0, extraSecrets)).text;
    if (plain && out === text) {
      if (CLEAN.size >= MAX_CLEAN) CLEAN.clear();
      CLEAN.add(text);
    }
    return out;
  } catch {
    return WITHHELD;
  }
}

const ARTICLE_AN = /^[aeiou]/;

/**
 * What kind of secret `text` holds or is, or null when it looks like none: for messages that must say
 * what an argument looked like without showing it ("an argument that looks like a client secret").
 * Besides everything redactSecrets finds, a bare random-looking word of 16 or more characters counts.
 */
export function secretKind(text: string): SecretKind | null {
  try {
    if (typeof text !== 'string' || text.length === 0) return null;
    let best: Span | null = null;
    for (const s of findSpans(text, 0)) if (!best || s.end - s.start > best.end - best.start) best = s;
    if (best) return best.kind;
    const t = text.trim();
    return t.length >= 16 && !/\s/.test(t) && looksRandom(t, 0, t.length) ? 'secret' : null;
  } catch {
    return 'secret';
  }
}

/** "a client secret", "an authorization code". */
export function withArticle(kind: SecretKind): string {
  return `${ARTICLE_AN.test(kind) ? 'an' : 'a'} ${kind}`;
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
