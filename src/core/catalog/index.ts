// The catalog: every code, value and name a developer meets, one JSON file per vocabulary under
// ./vocab, explained in the project's own words. A vocabulary's file is only read (and its index
// built) when a lookup first needs it, so a hover on an AADSTS code never parses the MSAL.NET list.
import type { CatalogEntry } from '../types';
export { entryLabel } from '../types';
import { VOCABULARIES, type Vocabulary } from '../types';
import type { VocabularyFile } from './schema';

export { VOCABULARIES, type Vocabulary } from '../types';

// A require() inside a function is what lets esbuild (and Node) evaluate each vocabulary's JSON only on
// first use; a static import would load every file with the module. Declared here because the
// webview's type check has no Node types (the webview itself never loads the catalog).
declare const require: (id: string) => unknown;
function readVocabulary(v: Vocabulary): VocabularyFile {
  return readJson(v) as VocabularyFile;
}

function readJson(v: Vocabulary): unknown {
  switch (v) {
    case 'aadsts':
      return require('./vocab/aadsts.json');
    case 'oauth':
      return require('./vocab/oauth.json');
    case 'msal-js':
      return require('./vocab/msal-js.json');
    case 'msal-dotnet':
      return require('./vocab/msal-dotnet.json');
    case 'msal-python':
      return require('./vocab/msal-python.json');
    case 'azure-identity':
      return require('./vocab/azure-identity.json');
    case 'managed-identity':
      return require('./vocab/managed-identity.json');
    case 'graph':
      return require('./vocab/graph.json');
    case 'arm':
      return require('./vocab/arm.json');
    case 'key-vault':
      return require('./vocab/key-vault.json');
    case 'storage':
      return require('./vocab/storage.json');
    case 'data-services':
      return require('./vocab/data-services.json');
    case 'www-authenticate':
      return require('./vocab/www-authenticate.json');
  }
}

interface Loaded {
  entries: CatalogEntry[];
  /** Lower-cased code, aliases and name → entries (a value can mean different things in two libraries). */
  byKey: Map<string, CatalogEntry[]>;
}

const loaded = new Map<Vocabulary, Loaded>();

function load(v: Vocabulary): Loaded {
  let l = loaded.get(v);
  if (!l) {
    const file = readVocabulary(v);
    const entries = file.entries.map((e): CatalogEntry => ({ vocabulary: v, ...e }));
    const byKey = new Map<string, CatalogEntry[]>();
    for (const e of entries) {
      for (const key of new Set([e.code, ...(e.aliases ?? []), ...(e.name ? [e.name] : [])].map((k) => k.toLowerCase()))) {
        const list = byKey.get(key);
        if (list) list.push(e);
        else byKey.set(key, [e]);
      }
    }
    l = { entries, byKey };
    loaded.set(v, l);
  }
  return l;
}

/** Every entry of one vocabulary, in file order. */
export function vocabularyEntries(v: Vocabulary): readonly CatalogEntry[] {
  return load(v).entries;
}

/** The entry for an AADSTS number (published, or seen in real use and marked documented: false). */
export function lookupCode(code: number): CatalogEntry | undefined {
  if (!Number.isSafeInteger(code) || code < 0) return undefined;
  return load('aadsts').byKey.get(String(code))?.[0];
}

/** Every AADSTS entry, in code order. */
export function allEntries(): CatalogEntry[] {
  return [...load('aadsts').entries].sort((a, b) => Number(a.code) - Number(b.code));
}

/**
 * Entries whose code or alias is exactly `value` (any case) in the given vocabularies (all by
 * default). "AADSTS50076" and "50076" both find the AADSTS entry.
 */
export function lookupValue(value: string, vocabularies: readonly Vocabulary[] = VOCABULARIES): CatalogEntry[] {
  if (typeof value !== 'string') return [];
  const key = value.trim().toLowerCase();
  if (!key || key.length > 120) return [];
  const out: CatalogEntry[] = [];
  const digits = /^(?:aadsts)?(\d{1,9})$/.exec(key);
  for (const v of vocabularies) {
    const hit = load(v).byKey.get(v === 'aadsts' && digits ? String(Number(digits[1])) : key);
    if (hit) out.push(...hit);
  }
  return out;
}

/** Only the first part of a long text is searched for fixed library messages: that is where they sit. */
const PATTERN_WINDOW = 64 * 1024;

/**
 * Entries whose fixed-message fragments occur in `text` (for errors that carry no code), longest
 * fragment first so the most specific message wins.
 */
export function matchMessages(text: string, vocabularies: readonly Vocabulary[] = VOCABULARIES): CatalogEntry[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const lower = (text.length > PATTERN_WINDOW ? text.slice(0, PATTERN_WINDOW) : text).toLowerCase();
  const hits: { entry: CatalogEntry; length: number }[] = [];
  for (const v of vocabularies) {
    for (const e of load(v).entries) {
      let best = 0;
      for (const p of e.patterns ?? []) if (p.length > best && lower.includes(p)) best = p.length;
      if (best > 0) hits.push({ entry: e, length: best });
    }
  }
  return hits.sort((a, b) => b.length - a.length).map((h) => h.entry);
}

interface Searchable {
  entry: CatalogEntry;
  keys: string[];
  name: string;
  summary: string;
}
let searchable: Searchable[] | undefined;

function scoreTerm(term: string, item: Searchable): number {
  let best = 0;
  for (const k of item.keys) {
    if (k === term) return 100;
    if (k.startsWith(term)) best = Math.max(best, 80 - Math.min(30, k.length - term.length));
    else if (k.includes(term)) best = Math.max(best, 45);
  }
  if (best > 0) return best;
  if (item.name === term) return 90;
  if (item.name.startsWith(term)) return 70;
  if (item.name.includes(term)) return 55;
  const at = item.summary.indexOf(term);
  if (at >= 0) return at === 0 || !/[a-z0-9]/.test(item.summary[at - 1]!) ? 30 : 15;
  return 0;
}

/**
 * Every vocabulary searched at once, for the panel's lookup and the Explain quick pick: every word of
 * `query` must match a code, alias, name or summary word. Best first, at most `limit`.
 */
export function searchCatalog(query: string, limit = 20): CatalogEntry[] {
  if (typeof query !== 'string') return [];
  const max = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 20;
  const terms = query
    .toLowerCase()
    .slice(0, 200)
    .split(/\s+/)
    .map((t) => t.replace(/^aadsts(?=\d)/, ''))
    .filter((t) => t.length > 0);
  if (terms.length === 0 || max === 0) return [];
  searchable ??= VOCABULARIES.flatMap((v) =>
    load(v).entries.map((entry) => ({
      entry,
      keys: [entry.code, ...(entry.aliases ?? [])].map((k) => k.toLowerCase()),
      name: (entry.name ?? '').toLowerCase(),
      summary: entry.summary.toLowerCase(),
    })),
  );
  const hits: { entry: CatalogEntry; score: number; order: number }[] = [];
  searchable.forEach((item, order) => {
    let score = 0;
    for (const t of terms) {
      const s = scoreTerm(t, item);
      if (s === 0) return;
      score += s;
    }
    hits.push({ entry: item.entry, score, order });
  });
  hits.sort((a, b) => b.score - a.score || a.order - b.order);
  return hits.slice(0, max).map((h) => h.entry);
}
