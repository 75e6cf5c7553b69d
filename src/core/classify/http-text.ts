// HTTP pieces the classifier needs: Retry-After, WWW-Authenticate challenges (claims challenges live
// there), and a tolerant reader for a pasted response ("HTTP/1.1 401 ..." + headers + body).
// Everything is hand-written scanning over char codes: no regex with nested quantifiers, so hostile
// input (long runs of quotes, backslashes, '=') stays linear.
import { base64ToText } from '../base64';

export interface Challenge {
  /** The auth scheme as written, e.g. "Bearer". Compare case-insensitively. */
  scheme: string;
  /** Parameter names lower-cased (they are case-insensitive); values unquoted and unescaped. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when the challenge has one instead of parameters. */
  token68?: string;
}

export type HeaderMap = Record<string, string | string[] | undefined>;

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/**
 * Retry-After as seconds from `now`: delta-seconds ("120") or an HTTP date in any of the three RFC 9110
 * forms (IMF-fixdate, RFC 850, asctime — all GMT). A date in the past gives 0. Null when unreadable
 * ("1 2", "0.5", "-30", a local-time date), which the token client's policy treats as no Retry-After.
 * The classifier and the token client both read it here, so a timeline and its classification agree.
 * Huge values are returned as sent; the policy never sleeps past its wait budget.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (v.length === 0 || v.length > 100) return null;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : null;
  }
  const when = parseHttpDate(v);
  const nowMs = now instanceof Date ? now.getTime() : NaN;
  if (when === null || Number.isNaN(nowMs)) return null;
  return Math.max(0, Math.ceil((when - nowMs) / 1000));
}

/** Milliseconds since the epoch for an HTTP date, or null. Always GMT, never local time. */
export function parseHttpDate(v: string): number | null {
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT   RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  let m = /^[A-Za-z]{3,9}, (\d{1,2})[ -]([A-Za-z]{3})[ -](\d{2}|\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:GMT|UTC|\+0000)$/.exec(v);
  if (m) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    return utc(year, m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  // asctime: Sun Nov  6 08:49:37 1994
  m = /^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(v);
  if (m) return utc(Number(m[6]), m[1]!, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return null;
}

function utc(year: number, mon: string, day: number, h: number, mi: number, s: number): number | null {
  const month = MONTHS[mon.toLowerCase()];
  if (month === undefined || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return null;
  return Date.UTC(year, month, day, h, mi, s);
}

function isTokenChar(c: number): boolean {
  // RFC 9110 tchar
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 33 || c === 35 || c === 36 || c === 37 || c === 38 || c === 39 || c === 42 || c === 43 ||
    c === 45 || c === 46 || c === 94 || c === 95 || c === 96 || c === 124 || c === 126
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Read every challenge from one or more WWW-Authenticate values. Tolerant: parameters in any order,
 * quoted or bare values, escaped quotes, empty or missing realm, several challenges per header,
 * unterminated quotes (read to the end). Never throws.
 */
export function parseWwwAuthenticate(values: string[]): Challenge[] {
  const out: Challenge[] = [];
  if (!Array.isArray(values)) return out;
  for (const value of values) {
    if (typeof value === 'string' && value.length > 0) parseOneHeader(value.length > 65536 ? value.slice(0, 65536) : value, out);
    if (out.length >= MAX_CHALLENGES) break;
  }
  return out;
}

/** Real responses carry a handful of challenges; more is noise and only costs time. */
const MAX_CHALLENGES = 64;
/** Real responses carry a few dozen headers; past this many the rest is skipped, not parsed. */
const MAX_HEADER_LINES = 512;

function parseOneHeader(s: string, out: Challenge[]): void {
  let pos = 0;
  const n = s.length;
  const skipSpaces = (): void => {
    while (pos < n && isSpace(s.charCodeAt(pos))) pos++;
  };
  const readToken = (): string => {
    const start = pos;
    while (pos < n && isTokenChar(s.charCodeAt(pos))) pos++;
    return s.slice(start, pos);
  };

  while (pos < n) {
    // Between challenges: skip separators; anything else that is not a token is noise.
    while (pos < n && (isSpace(s.charCodeAt(pos)) || s.charCodeAt(pos) === 44)) pos++;
    if (pos >= n) break;
    const scheme = readToken();
    if (!scheme) {
      pos++;
      continue;
    }
    if (out.length >= MAX_CHALLENGES) return;
    const challenge: Challenge = { scheme, params: {} };
    out.push(challenge);
    skipSpaces();

    // token68: a run of token68 chars followed by optional '=' padding, then end or comma.
    const t68 = tryToken68(s, pos);
    if (t68 !== null) {
      challenge.token68 = s.slice(pos, t68);
      pos = t68;
      continue;
    }

    // auth-params until something that starts a new challenge.
    for (;;) {
      skipSpaces();
      if (pos >= n) break;
      if (s.charCodeAt(pos) === 44) {
        // After a comma: "name =" continues this challenge; anything else starts a new one.
        let p = pos;
        while (p < n && (s.charCodeAt(p) === 44 || isSpace(s.charCodeAt(p)))) p++;
        let q = p;
        while (q < n && isTokenChar(s.charCodeAt(q))) q++;
        let r = q;
        while (r < n && isSpace(s.charCodeAt(r))) r++;
        pos = p;
        if (!(q > p && r < n && s.charCodeAt(r) === 61)) break;
      }
      const nameStart = pos;
      const name = readToken().toLowerCase();
      skipSpaces();
      if (!name || s.charCodeAt(pos) !== 61) {
        if (!name) {
          // Stray character inside the parameter list (e.g. a quote with no name): skip it.
          pos = nameStart + 1;
          continue;
        }
        // A bare word: the start of the next challenge written without a comma.
        pos = nameStart;
        break;
      }
      pos++; // '='
      skipSpaces();
      let value: string;
      if (s.charCodeAt(pos) === 34) {
        pos++;
        let buf = '';
        let chunk = pos;
        while (pos < n) {
          const c = s.charCodeAt(pos);
          if (c === 34) break;
          if (c === 92 && pos + 1 < n) {
            buf += s.slice(chunk, pos) + s[pos + 1];
            pos += 2;
            chunk = pos;
            continue;
          }
          pos++;
        }
        buf += s.slice(chunk, pos);
        if (pos < n) pos++; // closing quote
        value = buf;
      } else {
        // Bare value: tolerate URLs and base64 ('/', ':', '='), stop at comma or space.
        const start = pos;
        while (pos < n && s.charCodeAt(pos) !== 44 && !isSpace(s.charCodeAt(pos))) pos++;
        value = s.slice(start, pos);
      }
      if (!Object.prototype.hasOwnProperty.call(challenge.params, name)) {
        if (name === '__proto__') {
          Object.defineProperty(challenge.params, name, { value, enumerable: true, writable: true, configurable: true });
        } else challenge.params[name] = value;
      }
    }
  }
}

/** End offset of a token68 at `pos` (followed by end or comma), or null when it is not one. */
function tryToken68(s: string, pos: number): number | null {
  const n = s.length;
  let p = pos;
  while (p < n) {
    const c = s.charCodeAt(p);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47;
    if (!ok) break;
    p++;
  }
  if (p === pos) return null;
  let eq = p;
  while (eq < n && s.charCodeAt(eq) === 61) eq++;
  let q = eq;
  while (q < n && isSpace(s.charCodeAt(q))) q++;
  if (q < n && s.charCodeAt(q) !== 44) return null; // something else follows: a parameter
  if (eq === p) {
    // No padding: a lone word followed by end/comma is a token68 only if the next thing is not "=".
    return p;
  }
  return eq;
}

/**
 * The decoded claims JSON from the first Bearer/PoP challenge whose error is "insufficient_claims".
 * `claims` is base64 or base64url; a value that is already JSON is accepted as is. Null otherwise.
 */
export function claimsFromChallenges(challenges: Challenge[]): string | null {
  if (!Array.isArray(challenges)) return null;
  for (const ch of challenges) {
    if (!ch || typeof ch !== 'object' || !ch.params) continue;
    const error = ch.params['error'];
    const claims = ch.params['claims'];
    if (typeof error !== 'string' || error.trim().toLowerCase() !== 'insufficient_claims') continue;
    if (typeof claims !== 'string' || claims.trim() === '') continue;
    const raw = claims.trim();
    const text = raw.startsWith('{') ? raw : base64ToText(raw);
    if (text !== null && isJsonObjectText(text)) return text;
  }
  return null;
}

function isJsonObjectText(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Every value of a header (case-insensitive name), flattened. */
export function headerValues(headers: HeaderMap | undefined, name: string): string[] {
  if (!headers || typeof headers !== 'object') return [];
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== lower) continue;
    const v = headers[key];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const item of v) if (typeof item === 'string') out.push(item);
  }
  return out;
}

export interface ParsedHttpMessage {
  status: number | null;
  headers: Record<string, string[]>;
  body: string;
}

/**
 * Read a pasted HTTP response: status line, headers, blank line, body. Accepts CRLF or LF, curl's
 * "< " prefixes, and an interim "100 Continue" before the real status. Null when there is no status line.
 */
export function parseHttpMessage(text: string): ParsedHttpMessage | null {
  let pos = 0;
  const n = text.length;
  let status: number | null = null;
  let headers: Record<string, string[]> = {};
  for (;;) {
    while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
    if (text.startsWith('< ', pos)) pos += 2;
    if (!text.startsWith('HTTP/', pos)) break;
    const lineEnd = indexOfLineEnd(text, pos);
    const line = text.slice(pos, lineEnd);
    const m = /^HTTP\/[0-9.]{1,3} +(\d{3})/.exec(line);
    if (!m) return null;
    status = Number(m[1]);
    headers = {};
    pos = nextLine(text, lineEnd);
    // Headers until an empty line.
    let lastName: string | null = null;
    for (let lines = 0; pos < n; lines++) {
      if (lines >= MAX_HEADER_LINES) {
        pos = skipToBlankLine(text, pos);
        break;
      }
      const end = indexOfLineEnd(text, pos);
      let line2 = text.slice(pos, end);
      if (line2.startsWith('< ')) line2 = line2.slice(2);
      else if (line2 === '<') line2 = '';
      pos = nextLine(text, end);
      if (line2.trim() === '') break;
      // A folded header (obsolete in HTTP/1.1 but what loggers and people write): an indented line
      // continues the value above it.
      if ((line2.charCodeAt(0) === 32 || line2.charCodeAt(0) === 9) && lastName !== null) {
        const values = headers[lastName]!;
        values[values.length - 1] += ' ' + line2.trim();
        continue;
      }
      const colon = line2.indexOf(':');
      if (colon <= 0) continue;
      const name = line2.slice(0, colon).trim().toLowerCase();
      const value = line2.slice(colon + 1).trim();
      if (name === '__proto__') continue;
      (headers[name] ??= []).push(value);
      lastName = name;
    }
    // An interim 1xx answer is followed by the real one.
    if (status >= 100 && status < 200 && text.startsWith('HTTP/', skipBlank(text, pos))) continue;
    break;
  }
  if (status === null) return null;
  return { status, headers, body: text.slice(pos) };
}

/** The offset just after the first empty line at or after `pos` (or the end). */
function skipToBlankLine(text: string, pos: number): number {
  const crlf = text.indexOf('\r\n\r\n', pos);
  const lf = text.indexOf('\n\n', pos);
  if (crlf < 0 && lf < 0) return text.length;
  if (lf < 0 || (crlf >= 0 && crlf < lf)) return crlf + 4;
  return lf + 2;
}

function skipBlank(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

function indexOfLineEnd(text: string, pos: number): number {
  const i = text.indexOf('\n', pos);
  const end = i < 0 ? text.length : i;
  return end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLine(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13) lineEnd++;
  if (text.charCodeAt(lineEnd) === 10) lineEnd++;
  return lineEnd;
}
