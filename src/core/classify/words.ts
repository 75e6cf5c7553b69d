// The pieces every sentence of advice is built from: who acts, one-sentence joins, short quotes, and
// the catalog's own pointers (an entry's documentation, an OAuth value's meaning as a step).
import type { Actor, CatalogEntry } from '../types';

export const ACTOR_LABEL: Record<Actor, string> = { developer: 'Developer', admin: 'Admin', user: 'User', none: 'Developer' };

/** The first sentence of a text, without its final period. */
export function firstSentence(text: string): string {
  const t = text.trim();
  let i = 0;
  for (;;) {
    const dot = t.indexOf('. ', i);
    if (dot < 0) break;
    const next = t.charCodeAt(dot + 2);
    if (next >= 65 && next <= 90) return t.slice(0, dot);
    i = dot + 2;
  }
  return trimPeriods(t);
}

/** Drop trailing periods and white space (a loop: a `[.\s]+$` regex rescans every run). */
export function trimPeriods(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c === 46 || c === 32 || c === 10 || c === 13 || c === 9) end--;
    else break;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** "Open the page" → "open the page"; words that are names or acronyms (B2C, MSAL, Graph API) keep their case. */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) && !/^[A-Z][a-z]+[A-Z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Join a main clause and optional parentheticals into exactly one sentence. */
export function sentence(main: string, ...notes: Array<string | null | undefined>): string {
  let s = trimPeriods(main.trim());
  for (const n of notes) if (n) s += ` (${n})`;
  return s + '.';
}

export function shortText(s: string, max: number): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

export function isAadsts(entry: CatalogEntry | null, code: number): boolean {
  return entry !== null && entry.vocabulary === 'aadsts' && entry.code === String(code);
}

/** The step that points to an entry's official page, or null when it has none. */
export function urlStep(entry: CatalogEntry): string | null {
  if (!entry.url) return null;
  return entry.vocabulary === 'aadsts'
    ? `Developer: Microsoft's current text for AADSTS${entry.code} is at ${entry.url}.`
    : `Developer: the official documentation for ${entry.code} is at ${entry.url}.`;
}

export function infoStep(actor: Actor, info: { summary: string }): string {
  return `${ACTOR_LABEL[actor]}: ${lowerFirst(info.summary)}`;
}
