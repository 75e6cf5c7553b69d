// The Explain quick pick's items for what has been typed so far: catalog entries of every vocabulary
// (code, name, error value, words of the summary), best first, and a "Classify" item when the text
// reads like a pasted error rather than a code. No vscode import, so the choices are unit-tested.
import type { MsalLogString } from '../core/catalog/msal-log-strings';
import { entryLabel, type CatalogEntry } from '../core/types';

export type ExplainAction = { kind: 'entry'; entry: CatalogEntry } | { kind: 'classify'; text: string } | { kind: 'logString'; logString: MsalLogString };

export interface ExplainItem {
  label: string;
  description?: string;
  detail?: string;
  /** The quick pick must not filter again: the catalog search already decided what matches. */
  alwaysShow: true;
  action: ExplainAction;
}

export interface ExplainSearch {
  search(query: string, limit: number): CatalogEntry[];
  /** The entry for an AADSTS number, including the honest "not in the published list" one. */
  describeCode(code: number): CatalogEntry;
  /** msal-browser 5's own log message for a six-character minified code, when its table has it. */
  logString?(code: string): MsalLogString | undefined;
}

/** Results listed while typing; the panel's lookup view lists more. */
export const MAX_EXPLAIN_ITEMS = 30;
/** Longest query sent to the catalog search; longer text is a paste and goes to Classify. */
const MAX_QUERY_CHARS = 120;
const MAX_DETAIL_CHARS = 180;

/** True when the text is more than a code or a few words: a log line, a JSON body, an exception. */
export function looksPasted(text: string): boolean {
  const t = text.trim();
  if (t.length > MAX_QUERY_CHARS || /[\r\n]/.test(t)) return true;
  // A few search words never carry braces, quotes or key/value separators with words around them.
  return /[{}"']/.test(t) || (/[:=]/.test(t) && t.split(/\s+/).length >= 3);
}

/** "50076", "AADSTS50076", "aadsts 50076" → 50076. */
export function codeNumber(text: string): number | undefined {
  const match = /^\s*(?:aadsts\s*)?(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function entryItem(entry: CatalogEntry): ExplainItem {
  const about = [entry.name, entry.vocabulary === 'aadsts' ? null : entry.source].filter((part): part is string => !!part);
  return {
    label: entryLabel(entry),
    ...(about.length ? { description: about.join(' · ') } : {}),
    detail: clip(entry.summary, MAX_DETAIL_CHARS),
    alwaysShow: true,
    action: { kind: 'entry', entry },
  };
}

/** A minified msal-browser log code: the library's message, labelled as msal-browser's, not a catalog entry. */
function logStringItem(logString: MsalLogString): ExplainItem {
  return {
    label: logString.code,
    description: `${logString.packageName} ${logString.version} log message (${logString.level})`,
    detail: clip(`\u201c${logString.message}\u201d`, MAX_DETAIL_CHARS),
    alwaysShow: true,
    action: { kind: 'logString', logString },
  };
}

function classifyItem(text: string, matched: boolean): ExplainItem {
  return {
    label: '$(search) Classify this text',
    description: matched ? 'read it as an error response or log line' : 'no code or value matches; read it as an error response or log line',
    detail: clip(text, MAX_DETAIL_CHARS),
    alwaysShow: true,
    action: { kind: 'classify', text },
  };
}

/**
 * Items for `query`: nothing for blank input; Classify first for a paste (with any codes the search
 * still finds after it); otherwise the matching entries, and Classify last so a sentence that names
 * no code still has somewhere to go.
 */
export function explainItems(query: string, catalog: ExplainSearch): ExplainItem[] {
  const text = typeof query === 'string' ? query : '';
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (looksPasted(text)) return [classifyItem(text, false)];
  const entries = catalog.search(trimmed, MAX_EXPLAIN_ITEMS);
  const code = codeNumber(trimmed);
  if (code !== undefined && !entries.some((e) => e.vocabulary === 'aadsts' && Number(e.code) === code)) {
    entries.unshift(catalog.describeCode(code));
  }
  const items = entries.slice(0, MAX_EXPLAIN_ITEMS).map(entryItem);
  const logString = /^[0-9a-zA-Z]{6}$/.test(trimmed) ? catalog.logString?.(trimmed) : undefined;
  if (logString) items.unshift(logStringItem(logString));
  // A number is always a code; words that match nothing (or only loosely) may be an error message.
  if (code === undefined) items.push(classifyItem(text, items.length > 0));
  return items;
}
