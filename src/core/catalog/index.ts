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
