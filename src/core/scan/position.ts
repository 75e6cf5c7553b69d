// What auth item sits under a cursor: the hover's question. Only a bounded window around the column
// is inspected, so the cost is the same on a 100-character line and on a 100-MB one.
import { ERROR_VALUE_RE, GUID_SRC, isB64UrlByte, isWordByte, jwtExtent } from './patterns';

export interface PositionItem {
  kind: 'aadsts' | 'error' | 'jwt' | 'correlation_id';
  /** The matched text (the full token for `jwt`: callers decode it and must show only a redacted form). */
  value: string;
  /** AADSTS number for `aadsts`. */
  code?: number;
  /** 0-based columns in `lineText`, end exclusive. */
  start: number;
  end: number;
}

/** Half the inspected window: at most 4 KB around the column. */
const HALF_WINDOW = 2048;

const AADSTS_G = /AADSTS(\d{1,9})(?!\d)/g;
const CORRELATION_G = new RegExp(`[cC]orrelation(?:[ _-]?[iI][dD])?["']?[ \\t]{0,4}[:=]?[ \\t]{0,4}["']?(${GUID_SRC})`, 'g');

/** The AADSTS code, OAuth error value (in an `error` context), JWT or correlation id under `column`, or null. */
export function findAtPosition(lineText: string, column: number): PositionItem | null {
  try {
    if (typeof lineText !== 'string' || !Number.isFinite(column) || column < 0 || column > lineText.length) return null;
    const from = Math.max(0, column - HALF_WINDOW);
    const window = lineText.slice(from, Math.min(lineText.length, column + HALF_WINDOW));
    const col = column - from;
    const covers = (s: number, e: number): boolean => col >= s && col <= e;

    AADSTS_G.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = AADSTS_G.exec(window))) {
      if (m.index > col) break;
      if (covers(m.index, m.index + m[0].length)) {
        return { kind: 'aadsts', value: m[0], code: Number(m[1]), start: from + m.index, end: from + m.index + m[0].length };
      }
    }

    // JWT: walk back over base64url characters and dots to the token start.
    let s = col;
    while (s > 0 && (isB64UrlByte(window.charCodeAt(s - 1)) || window.charCodeAt(s - 1) === 0x2e)) s--;
    let e = window.indexOf('eyJ', s);
    while (e >= 0 && e <= col) {
      if (e === 0 || !isB64UrlByte(window.charCodeAt(e - 1))) {
        const { end, ok } = jwtExtent(window, e, HALF_WINDOW * 2);
        if (ok && covers(e, end)) return { kind: 'jwt', value: window.slice(e, end), start: from + e, end: from + end };
        if (end > col) break;
        e = window.indexOf('eyJ', Math.max(end, e + 3));
      } else e = window.indexOf('eyJ', e + 3);
    }

    // Error value in context: the word under the cursor (or the `error` key itself) names an OAuth error.
    let w = col;
    while (w > 0 && (isWordByte(window.charCodeAt(w - 1)))) w--;
    const searchFrom = Math.max(0, w - 40);
    let r = window.indexOf('rror', searchFrom);
    while (r >= 0 && r - 1 <= col) {
      const at = r - 1;
      if (at >= 0 && (!isWordByte(window.charCodeAt(at - 1) || 0x20) || window.charCodeAt(at) === 0x45 || at === 0)) {
        ERROR_VALUE_RE.lastIndex = at;
        const em = ERROR_VALUE_RE.exec(window);
        if (em && covers(at, em.index + em[0].length)) {
          const vEnd = em.index + em[0].length;
          const vStart = vEnd - em[1]!.length;
          return { kind: 'error', value: em[1]!, start: from + vStart, end: from + vEnd };
        }
      }
      r = window.indexOf('rror', r + 4);
    }

    CORRELATION_G.lastIndex = 0;
    const cStart = Math.max(0, col - 80);
    CORRELATION_G.lastIndex = cStart;
    while ((m = CORRELATION_G.exec(window))) {
      if (m.index > col) break;
      if (covers(m.index, m.index + m[0].length)) {
        const idEnd = m.index + m[0].length;
        return { kind: 'correlation_id', value: m[1]!.toLowerCase(), start: from + idEnd - 36, end: from + idEnd };
      }
    }
    return null;
  } catch {
    return null;
  }
}
