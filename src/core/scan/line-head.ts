// What the scanner reads at the head of a line, or just after a hit, without a regex where a byte test
// will do: the time a line is written at, and whether "status" is an HTTP status.
import { isDigit } from './bytes';
import { TIMESTAMP_RE } from './patterns';

/** How far into a line its time is looked for. */
const TS_HEAD = 128;
const TIMESTAMP_AT = new RegExp(TIMESTAMP_RE.source, 'y');
/** How much of a line is read for what follows a hit on it. */
export const LINE_INSPECT = 4096;

/** After "status" at `i`: what an HTTP status is written with (`:`, `=`, a quote, `Code`, `_code`, ` code`, ` 429`). */
export function statusAhead(b: Uint8Array, i: number): boolean {
  const c = b[i];
  if (c === 0x3a || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x43 || c === 0x5f) return true;
  if (c !== 0x20) return false;
  const d = b[i + 1];
  return d !== undefined && ((d | 0x20) === 0x63 || (d >= 0x30 && d <= 0x39));
}

/** The time written on a line: near its start (ISO, or RFC 1123 in brackets) or after "timestamp" further along. */
export function headTimestamp(text: string): string | null {
  const end = text.length;
  const headEnd = Math.min(end, TS_HEAD);
  let m: RegExpExecArray | null = null;
  // Most log lines carry their time near the start: try the sticky pattern only where an ISO
  // date can begin (4 digits and a dash) or right after a "[" (RFC 1123 dates in brackets).
  for (let i = 0; i < headEnd - 9 && !m; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b && i === 0) {
      TIMESTAMP_AT.lastIndex = i + 1;
      m = TIMESTAMP_AT.exec(text);
    } else if (c >= 0x30 && c <= 0x39 && text.charCodeAt(i + 4) === 0x2d && (i === 0 || !isDigit(text.charCodeAt(i - 1)))) {
      TIMESTAMP_AT.lastIndex = i;
      m = TIMESTAMP_AT.exec(text);
    }
  }
  if (!m) {
    // Error bodies carry their time as "timestamp": "…" or "Timestamp: …" further along the line.
    const k = text.indexOf('imestamp');
    if (k >= 0 && k < LINE_INSPECT) {
      TIMESTAMP_RE.lastIndex = 0;
      m = TIMESTAMP_RE.exec(text.slice(k, Math.min(end, k + 64)));
    }
  }
  return m ? (m[1] ?? m[2] ?? null) : null;
}
