// Anchored patterns shared by the log scanner and the hover lookup. Every quantifier is bounded so a
// match attempt costs O(1) whatever the surrounding text, which keeps both linear on hostile input.

export const GUID_SRC = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** At the `e`/`E` of `error`: `"error": "x_y"`, `'error': 'x_y'`, `error=x_y`, `ErrorCode: x_y`, `ServerError: x_y`. */
export const ERROR_VALUE_RE = /[eE]rror(?:Code|_code|code)?(?:\\?["'])?[ \t]{0,4}[:=][ \t]{0,4}(?:\\?["'])?([a-z][a-z0-9]{1,30}(?:_[a-z0-9]{1,30}){1,6})(?![A-Za-z0-9_])/y;

/** At the `c`/`C` of `correlation`: `Correlation ID: g`, `"correlation_id": "g"`, `correlationId=g`, `x-ms-correlation-id: g`. */
export const CORRELATION_RE = new RegExp(
  `[cC]orrelation(?:[ _-]?[iI][dD])?(?:\\\\?["'\\]])?[ \\t]{0,4}[:=]?[ \\t]{0,4}(?:\\\\?["'\\[])?[ \\t]{0,2}(${GUID_SRC})`,
  'y',
);

/** At the `t`/`T` of `trace`: `Trace ID: g`, `"trace_id": "g"`, `traceId=g`. A bare "stack trace" never matches. */
export const TRACE_RE = new RegExp(
  `[tT]race[ _-]?[iI][dD](?:\\\\?["'\\]])?[ \\t]{0,4}[:=][ \\t]{0,4}(?:\\\\?["'\\[])?[ \\t]{0,2}(${GUID_SRC})`,
  'y',
);

/** At the `r` of `request-id`: the value of client-request-id (correlation) or x-ms-request-id (trace). */
export const REQUEST_ID_RE = new RegExp(`request-id(?:["'])?[ \\t]{0,4}[:=][ \\t]{0,4}(?:["'])?(${GUID_SRC})`, 'iy');

/** At the `A` of `AADSTS`: the code digits. */
export const AADSTS_RE = /AADSTS(\d{1,9})(?!\d)/y;

/** ISO 8601 (with `T` or a space, optional fraction and zone) or an RFC 1123 date (`Tue, 24 Nov 2026 06:00:00 GMT`). */
export const TIMESTAMP_RE =
  /(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)|([A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)/g;

/** At the `o` of `oauth2/`: a token endpoint path. */
export const TOKEN_ENDPOINT_RE = /oauth2\/(?:v2\.0\/)?token(?![A-Za-z0-9_])/y;

export const CLIENT_ID_RE = new RegExp(`client_id(?:["'])?[ \\t]{0,4}[:=][ \\t]{0,4}(?:["'])?(${GUID_SRC})`, 'g');

export function isWordByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

export function isB64UrlByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

/**
 * The end of a JWT/JWE candidate starting at `start` (which holds `eyJ`), and whether it has the shape of
 * one (2 or 4 dots, non-trivial header and payload). Scans at most `limit` characters.
 */
export function jwtExtent(text: string, start: number, limit = 64 * 1024): { end: number; ok: boolean } {
  const max = Math.min(text.length, start + limit);
  let i = start;
  let dots = 0;
  let segStart = start;
  // Only the first two segments' lengths decide: a list of every segment would grow with a hostile
  // run of dots ('eyJ.eyJ.…') and cost an allocation per dot.
  let header = 0;
  let payload = 0;
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      // A dot that ends the token (e.g. end of a sentence) is only a separator if more token follows.
      if (i + 1 >= max || !isB64UrlByte(text.charCodeAt(i + 1))) {
        if (dots < 2) {
          if (dots === 0) header = i - segStart;
          else payload = i - segStart;
          dots++;
          i++;
          segStart = i;
          continue;
        }
        break;
      }
      if (dots === 0) header = i - segStart;
      else if (dots === 1) payload = i - segStart;
      dots++;
      segStart = i + 1;
    } else if (!isB64UrlByte(c)) break;
    i++;
  }
  if (dots === 0) header = i - segStart;
  else if (dots === 1) payload = i - segStart;
  const ok = (dots === 2 || dots === 4) && header >= 10 && payload >= 4;
  return { end: i, ok };
}

function digits(t: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = t.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The common ISO shapes read by hand (Date.parse is slow enough to show on a profile of a log full
 * of token requests), or undefined for anything this does not handle, which then goes to Date.parse.
 * Only dates whose meaning is beyond doubt are taken: year ≥ 1000, day ≤ 28, no leap seconds, a
 * fraction of at least 3 digits, zone Z, none or ±hh:mm.
 */
function isoMsFast(t: string): number | undefined {
  if (t.length < 19 || t.charCodeAt(4) !== 0x2d || t.charCodeAt(7) !== 0x2d || t.charCodeAt(13) !== 0x3a || t.charCodeAt(16) !== 0x3a) return undefined;
  const sep = t.charCodeAt(10);
  if (sep !== 0x54 && sep !== 0x20) return undefined;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  const h = digits(t, 11, 2);
  const mi = digits(t, 14, 2);
  const s = digits(t, 17, 2);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > 28 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined;
  let i = 19;
  let ms = 0;
  const f = t.charCodeAt(i);
  if (f === 0x2e || f === 0x2c) {
    ms = digits(t, i + 1, 3);
    if (ms < 0) return undefined;
    i += 4;
    while (i < t.length && t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
  }
  let offsetMin = 0;
  if (i < t.length) {
    const z = t.charCodeAt(i);
    if (z === 0x5a && i + 1 === t.length) offsetMin = 0;
    else if ((z === 0x2b || z === 0x2d) && i + 6 === t.length && t.charCodeAt(i + 3) === 0x3a) {
      const oh = digits(t, i + 1, 2);
      const om = digits(t, i + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
      offsetMin = (z === 0x2d ? -1 : 1) * (oh * 60 + om);
    } else return undefined;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
}

/** Milliseconds since epoch for a timestamp found by TIMESTAMP_RE; zone-less times are read as UTC. */
export function timestampMs(ts: string): number | null {
  const fast = isoMsFast(ts);
  return fast !== undefined ? fast : timestampMsParsed(ts);
}

/** timestampMs through Date.parse, for every shape (exported so tests can hold the fast path to it). */
export function timestampMsParsed(ts: string): number | null {
  let t = ts;
  if (/^\d{4}-/.test(t)) {
    t = t.replace(' ', 'T').replace(',', '.');
    // Date.parse accepts at most millisecond precision reliably.
    t = t.replace(/\.(\d{3})\d+/, '.$1');
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(t)) t += 'Z';
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}
