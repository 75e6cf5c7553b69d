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

// The key, optionally quoted (also the escaped quotes of JSON embedded in a JSON string), then `:` or `=`.
// Lookbehind keeps `error_code`, `error_codes` and `authcode` out; `code` must stand alone.
const KEY_RE = new RegExp(
  `(?<![A-Za-z0-9_.-])(?:\\\\?["'])?(${SECRET_KEYS.join('|')})(?:\\\\?["'])?[ \\t]{0,8}[:=][ \\t]{0,8}`,
  'gi',
);

// A JWT or JWE: base64url JSON header (always starts `eyJ`), then dot-separated base64url segments.
// Greedy and always successful once anchored, so a failed candidate never causes a rescan.
const JWT_RE = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g;

const AUTH_HEADER_RE =
  /(?<![A-Za-z0-9_-])(?:proxy-)?authorization(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}(?:\\?["'])?[ \t]{0,8}(?:(bearer|basic|negotiate|ntlm|pop|digest|mac)[ \t]{1,8})?/gi;
const BARE_SCHEME_RE = /(?<![A-Za-z0-9_-])(bearer|basic)[ \t]{1,8}(?=[A-Za-z0-9+/_~.-]{12})/gi;
const COOKIE_RE = /(?<![A-Za-z0-9_-])(?:set-)?cookie(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}/gi;

/** Characters that end an unquoted value (form-encoded, header, log `key=value`). */
function isValueEnd(ch: number): boolean {
  // & space tab CR LF , ; } ) ] " ' < >
  return (
    ch === 0x26 || ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a || ch === 0x2c || ch === 0x3b ||
    ch === 0x7d || ch === 0x29 || ch === 0x5d || ch === 0x22 || ch === 0x27 || ch === 0x3c || ch === 0x3e
  );
}

function isTokenChar(ch: number): boolean {
  return (
    (ch >= 0x30 && ch <= 0x39) || (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a) ||
    ch === 0x2d || ch === 0x5f || ch === 0x2e || ch === 0x2b || ch === 0x2f || ch === 0x3d || ch === 0x7e
  );
}

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** Where a value that starts at `pos` ends: quoted (JSON, repr, escaped JSON) or unquoted. */
function valueSpan(text: string, pos: number): { start: number; end: number } {
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
    return { start, end: Math.min(i, n) };
  }
  let i = pos;
  while (i < n && !isValueEnd(text.charCodeAt(i))) i++;
  return { start: pos, end: i };
}

const KEEP_VALUES = new Set(['null', 'none', 'true', 'false', 'undefined', '']);

function keySpans(text: string, out: Span[]): void {
  KEY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_RE.exec(text))) {
    const key = m[1]!.toLowerCase();
    const valueAt = m.index + m[0].length;
    // `"access_token": {` is a claims-request object (structure, not a secret): leave it alone.
    const first = text.charCodeAt(valueAt);
    if (first === 0x7b || first === 0x5b) continue;
    const v = valueSpan(text, valueAt);
    const value = text.slice(v.start, v.end);
    if (KEEP_VALUES.has(value.toLowerCase())) continue;
    // `code` also names HTTP and error codes; an authorization code is long, so short values stay.
    if (key === 'code' && (value.length < 16 || /^\d+$/.test(value))) continue;
    // A token value keeps its short prefix so people can still tell which token it was.
    const replacement = value.startsWith('eyJ') ? value.slice(0, TOKEN_PREFIX_CHARS) + TOKEN_MARKER : SECRET_MARKER;
    out.push({ start: v.start, end: v.end, replacement });
    if (KEY_RE.lastIndex < v.end) KEY_RE.lastIndex = v.end;
  }
}

function jwtSpans(text: string, out: Span[]): void {
  JWT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = JWT_RE.exec(text))) {
    const candidate = m[0];
    const parts = candidate.split('.');
    // A header alone (`eyJhbGciOi`) is harmless; a token needs at least header.payload.
    if (parts.length >= 2 && parts[0]!.length >= 8 && parts[1]!.length >= 4) {
      out.push({ start: m.index, end: m.index + candidate.length, replacement: candidate.slice(0, TOKEN_PREFIX_CHARS) + TOKEN_MARKER });
    }
  }
}

function headerSpans(text: string, out: Span[]): void {
  AUTH_HEADER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AUTH_HEADER_RE.exec(text))) {
    let i = m.index + m[0].length;
    const start = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
    if (i > start) out.push({ start, end: i, replacement: SECRET_MARKER });
    if (AUTH_HEADER_RE.lastIndex < i) AUTH_HEADER_RE.lastIndex = i;
  }
  BARE_SCHEME_RE.lastIndex = 0;
  while ((m = BARE_SCHEME_RE.exec(text))) {
    let i = m.index + m[0].length;
    const start = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
    // Prose ("Basic authentication failed", "Bearer authorization_uri=…") must survive: a credential
    // is long and carries digits, with `=` only as trailing padding.
    const value = text.slice(start, i);
    if (value.length >= 16 && /\d/.test(value) && !/=[^=]/.test(value)) out.push({ start, end: i, replacement: SECRET_MARKER });
    if (BARE_SCHEME_RE.lastIndex < i) BARE_SCHEME_RE.lastIndex = i;
  }
  COOKIE_RE.lastIndex = 0;
  while ((m = COOKIE_RE.exec(text))) {
    const pos = m.index + m[0].length;
    let start = pos;
    let i = pos;
    let quote = '';
    if (text[i] === '"' || text[i] === "'") {
      quote = text[i]!;
      start = ++i;
    }
    // A cookie header runs to the end of its line (or its closing quote): every pair in it is sensitive.
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\n' || c === '\r' || (quote && c === quote)) break;
      i++;
    }
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
    out += text.slice(pos, first.start) + first.replacement;
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
export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  try {
    if (typeof text !== 'string') return '';
    if (text.length === 0) return text;
    const spans: Span[] = [];
    extraSpans(text, Array.isArray(extraSecrets) ? extraSecrets : [], spans);
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
    const t = token.trim().replace(/^bearer\s+/i, '');
    if (options.full) return `[redacted token, ${t.length} chars]`;
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
