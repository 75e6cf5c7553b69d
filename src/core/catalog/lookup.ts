// The lookup view's search, here rather than in the panel so the panel, its tests and the webview
// fixtures all run the one function the product runs.
import type { CatalogEntry } from '../types';
import { describeCode } from './describe';
import { allEntries, searchCatalog } from './index';

/** The most entries the lookup view lists for one query. */
export const MAX_LOOKUP_RESULTS = 200;

/**
 * The lookup view's search (what the panel runs for each query): searchCatalog across every
 * vocabulary, the whole catalog's first page for an empty query, and for an AADSTS number Auth Lens
 * does not know, its honest "not in the list" entry first.
 */
export function searchEntries(query: string): CatalogEntry[] {
  const q = query.trim();
  if (!q) return allEntries().slice(0, MAX_LOOKUP_RESULTS);
  const found = searchCatalog(q, MAX_LOOKUP_RESULTS);
  const digits = /^(?:aadsts)?\s*(\d{1,9})$/i.exec(q)?.[1];
  if (digits && !found.some((e) => e.vocabulary === 'aadsts' && e.code === String(Number(digits)))) {
    return [describeCode(Number(digits)), ...found].slice(0, MAX_LOOKUP_RESULTS);
  }
  return found;
}
