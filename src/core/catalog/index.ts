// The AADSTS catalog: every published code explained in the project's own words, looked up in O(1).
// The entry data is only turned into a map on the first lookup, so importing this module is cheap.
import { type Actor, type CatalogEntry, type Category, lookupUrl } from '../types';
import { CATALOG_PART_1 } from './data/part1';
import { CATALOG_PART_2 } from './data/part2';

/** How an entry is written in the data files; `url` and `documented` are added on load. */
export interface CatalogSeed {
  code: number;
  name: string | null;
  summary: string;
  causes: string[];
  fixes: string[];
  category: Category;
  actor: Actor;
  retryable: boolean;
}

let byCode: Map<number, CatalogEntry> | undefined;

function load(): Map<number, CatalogEntry> {
  if (!byCode) {
    byCode = new Map();
    for (const seed of [...CATALOG_PART_1, ...CATALOG_PART_2]) {
      byCode.set(seed.code, { ...seed, url: lookupUrl(seed.code), documented: true });
    }
  }
  return byCode;
}

/** The documented entry for a code, or undefined when the code is not in the published list. */
export function lookupCode(code: number): CatalogEntry | undefined {
  return load().get(code);
}

/** Every documented entry, in code order. */
export function allEntries(): CatalogEntry[] {
  return [...load().values()].sort((a, b) => a.code - b.code);
}

// Lowercased search fields, built once alongside the map so each keystroke in the panel's search box
// only scans 345 short strings.
let searchable: { entry: CatalogEntry; code: string; name: string; summary: string }[] | undefined;

function scoreTerm(term: string, wordStart: RegExp, item: { code: string; name: string; summary: string }): number {
  if (/^\d+$/.test(term)) {
    if (item.code === term) return 100;
    if (item.code.startsWith(term)) return 80 - (item.code.length - term.length);
    if (item.code.includes(term)) return 40;
    return 0;
  }
  if (item.name === term) return 90;
  if (item.name.startsWith(term)) return 70;
  if (item.name.includes(term)) return 55;
  if (wordStart.test(item.summary)) return 30;
  if (item.summary.includes(term)) return 15;
  return 0;
}

/**
 * Entries matching every word of `query` by code (exact, prefix, substring; "AADSTS" is ignored),
 * name or summary, best first, at most `limit`. Empty or unusable input gives an empty list.
 */
export function searchCatalog(query: string, limit = 20): CatalogEntry[] {
  if (typeof query !== 'string') return [];
  const max = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 20;
  const terms = query
    .toLowerCase()
    .slice(0, 200)
    .split(/\s+/)
    .map((t) => t.replace(/^aadsts/, ''))
    .filter((t) => t.length > 0);
  if (terms.length === 0 || max === 0) return [];
  searchable ??= allEntries().map((entry) => ({
    entry,
    code: String(entry.code),
    name: (entry.name ?? '').toLowerCase(),
    summary: entry.summary.toLowerCase(),
  }));
  // One regex per term, not per entry: "does a summary word start with this term".
  const wordStarts = terms.map((t) => new RegExp(`\\b${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const hits: { entry: CatalogEntry; score: number }[] = [];
  for (const item of searchable) {
    let score = 0;
    for (let i = 0; i < terms.length; i++) {
      const s = scoreTerm(terms[i] ?? '', wordStarts[i] ?? /$^/, item);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) hits.push({ entry: item.entry, score });
  }
  hits.sort((a, b) => b.score - a.score || a.entry.code - b.entry.code);
  return hits.slice(0, max).map((h) => h.entry);
}
