// Everything Auth Lens can explain on one line of terminal or debug-console output: AADSTS codes,
// error codes and values (checked against the catalog by the caller), correlation and trace ids, and
// JWTs. Only the first few KB of a line are read and every pattern is bounded, so the cost per line
// is fixed however long or hostile the output is.
import { GUID_SRC, isB64UrlByte, jwtExtent } from './patterns';

export type LineItemKind = 'aadsts' | 'code' | 'correlation_id' | 'jwt';

export interface LineItem {
  kind: LineItemKind;
  /** The matched text; for `jwt` the whole token, which callers must never show or log as it is. */
  value: string;
  /** The AADSTS number, for `aadsts`. */
  code?: number;
  /** 0-based columns on the line, end exclusive. */
  start: number;
  end: number;
}

export interface LineItemOptions {
  /** Is this word an error code or value some vocabulary defines? Words are offered only when it says yes. */
  isCode?: (word: string) => boolean;
  /** Characters of the line read (default 4096). */
  maxChars?: number;
  /** Items returned at most (default 16). */
  maxItems?: number;
}

const DEFAULT_MAX_CHARS = 4096;
const DEFAULT_MAX_ITEMS = 16;
/** Longest JWT accepted when one starts inside the window; real Entra tokens are a few KB. */
const MAX_JWT_CHARS = 16 * 1024;

const AADSTS_G = /AADSTS(\d{1,9})(?!\d)/g;
const ID_G = new RegExp(`(?:[cC]orrelation|[tT]race|[rR]equest)(?:[ _-]?[iI][dD])?["'\\]]?[ \\t]{0,4}[:=]?[ \\t]{0,4}["'\\[]?[ \\t]{0,2}(${GUID_SRC})`, 'g');
/**
 * Candidate code words: snake_case (`invalid_grant`, `interaction_in_progress`) or names of two or
 * more capitalised parts (`AuthorizationFailed`, `MsalUiRequiredException`), 6 to 80 characters.
 */
const WORD_G = /(?<![A-Za-z0-9_])(?:[A-Za-z][A-Za-z0-9]{0,39}(?:_[A-Za-z0-9]{1,40}){1,8}|[A-Z][a-z0-9]{1,30}(?:[A-Z][a-z0-9]{0,30}){1,6})(?![A-Za-z0-9_])/g;
/** Words that are code-shaped but say nothing on their own. */
const TOO_COMMON = new Set(['error', 'exception', 'valueerror', 'runtimeerror', 'typeerror', 'keyerror', 'referenceerror', 'syntaxerror', 'unauthorized', 'forbidden']);

/** The items on `line`, left to right, without overlaps; never throws. */
export function findLineItems(line: string, options: LineItemOptions = {}): LineItem[] {
  if (typeof line !== 'string' || line.length === 0) return [];
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const window = line.length > maxChars ? line.slice(0, maxChars) : line;
  const found: LineItem[] = [];
  try {
    for (const m of window.matchAll(AADSTS_G)) {
      found.push({ kind: 'aadsts', value: m[0], code: Number(m[1]), start: m.index, end: m.index + m[0].length });
      if (found.length >= maxItems) break;
    }
    for (let at = window.indexOf('eyJ'); at >= 0 && found.length < maxItems * 2; ) {
      if (at > 0 && isB64UrlByte(window.charCodeAt(at - 1))) {
        at = window.indexOf('eyJ', at + 3);
        continue;
      }
      // The token may run past the window: its extent is read from the line, up to a real token's size.
      const { end, ok } = jwtExtent(line, at, MAX_JWT_CHARS);
      if (ok) found.push({ kind: 'jwt', value: line.slice(at, end), start: at, end });
      at = window.indexOf('eyJ', Math.max(end, at + 3));
    }
    for (const m of window.matchAll(ID_G)) {
      const id = m[1]!;
      const start = m.index + m[0].length - id.length;
      found.push({ kind: 'correlation_id', value: id, start, end: start + id.length });
      if (found.length >= maxItems * 3) break;
    }
    if (options.isCode) {
      let words = 0;
      for (const m of window.matchAll(WORD_G)) {
        // Bounded by the window; the catalog check is a map lookup per word.
        if (++words > 200) break;
        const word = m[0];
        if (word.length < 6 || word.length > 80 || /^AADSTS\d/.test(word) || TOO_COMMON.has(word.toLowerCase())) continue;
        if (!options.isCode(word)) continue;
        found.push({ kind: 'code', value: word, start: m.index, end: m.index + word.length });
      }
    }
  } catch {
    // A failure here must not cost the terminal or the debug session anything: offer what was found.
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const items: LineItem[] = [];
  let lastEnd = -1;
  for (const item of found) {
    if (item.start < lastEnd) continue;
    items.push(item);
    lastEnd = item.end;
    if (items.length >= maxItems) break;
  }
  return items;
}

/** Cheap test before any work: can this text hold anything findLineItems reports? */
export function mayHaveLineItems(text: string, maxChars = DEFAULT_MAX_CHARS): boolean {
  return /AADSTS|eyJ|[a-z0-9]_[a-z]|[a-z][A-Z]|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-/.test(text.length > maxChars ? text.slice(0, maxChars) : text);
}
