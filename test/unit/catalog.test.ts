// The AADSTS catalog against the public reference list: coverage, names, shape, and a check that no
// entry reuses the reference's wording. Also lookups and describeCode for codes outside the list.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OAUTH_ERRORS, OAUTH_SUBERRORS, describeCode } from '../../src/core/catalog/describe';
import { allEntries, lookupCode, searchCatalog } from '../../src/core/catalog/index';
import { CATALOG_PART_1 } from '../../src/core/catalog/data/part1';
import { CATALOG_PART_2 } from '../../src/core/catalog/data/part2';
import { ACTORS, APP_ACTIONS, CATEGORIES, type CatalogEntry, lookupUrl } from '../../src/core/types';

interface ReferenceRow {
  code: number;
  name: string | null;
  description: string;
}

// Prefer the shared copy beside the repo (kept current by the project); a clean clone falls back to the
// CC BY 4.0 copy in test/fixtures, whose "meta" block names source and licence.
function loadReference(): ReferenceRow[] {
  const repoRoot = resolve(__dirname, '../..');
  const shared = resolve(repoRoot, '../shared/reference/entra-error-codes.json');
  const fixture = resolve(repoRoot, 'test/fixtures/entra-error-codes.json');
  const path = existsSync(shared) ? shared : fixture;
  const json = JSON.parse(readFileSync(path, 'utf8')) as { codes: ReferenceRow[] };
  return json.codes;
}

const reference = loadReference();
// The list repeats some codes (50147 twice); the catalog has one entry per code, first row wins.
const uniqueRows: ReferenceRow[] = [];
{
  const seen = new Set<number>();
  for (const row of reference) {
    if (!seen.has(row.code)) {
      seen.add(row.code);
      uniqueRows.push(row);
    }
  }
}
const PART_1_SIZE = 173;

// ---------------------------------------------------------------------------------------------
// Text overlap

/** Lowercased words; apostrophes are dropped inside words, other punctuation splits. Markup and links go first. */
function words(text: string): string[] {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ') // keep markdown link text, drop the target
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 0);
}

/**
 * Words that may legitimately repeat the reference: the code's own PascalCase name split into words,
 * and identifiers the reference quotes (`...`, '...', {...}) or that look like protocol tokens
 * (contain an underscore or a digit, e.g. code_verifier, id_token, x5t). A 6-word run is allowed only
 * when every one of its words is such a token; any ordinary English word in the run makes it count.
 * This is strict: even common phrasing like "the user must sign in again" would fail if the reference
 * used the same six words in a row.
 */
function exemptTokens(row: ReferenceRow): Set<string> {
  const exempt = new Set<string>();
  if (row.name) {
    exempt.add(row.name.toLowerCase());
    for (const part of row.name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) exempt.add(part.toLowerCase());
  }
  for (const m of row.description.matchAll(/`([^`]+)`|'([^'\s]+)'|\{([^}]+)\}/g)) {
    for (const w of words(m[1] ?? m[2] ?? m[3] ?? '')) exempt.add(w);
  }
  for (const w of words(row.description)) if (/[_0-9]/.test(w)) exempt.add(w);
  return exempt;
}

function ngrams(tokens: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Copied 6-word runs, and the longest run of reference words found in any single field. */
function overlap(entry: CatalogEntry, row: ReferenceRow): { copied: string[]; longest: number; longestRun: string } {
  const refTokens = words(row.description);
  const exempt = exemptTokens(row);
  const refGrams = new Set(ngrams(refTokens, 6));
  const copied: string[] = [];
  let longest = 0;
  let longestRun = '';
  // Fields are checked one by one so a run cannot straddle the end of one sentence and the start of the next field.
  for (const field of [entry.summary, ...entry.causes, ...entry.fixes]) {
    const t = words(field);
    for (const g of ngrams(t, 6)) {
      if (refGrams.has(g) && !g.split(' ').every((w) => exempt.has(w))) copied.push(g);
    }
    // Longest common contiguous run (for the report); small inputs, so the quadratic scan is fine.
    for (let i = 0; i < t.length; i++) {
      for (let j = 0; j < refTokens.length; j++) {
        let k = 0;
        while (i + k < t.length && j + k < refTokens.length && t[i + k] === refTokens[j + k]) k++;
        if (k > longest) {
          longest = k;
          longestRun = t.slice(i, i + k).join(' ');
        }
      }
    }
  }
  return { copied, longest, longestRun };
}

// ---------------------------------------------------------------------------------------------

describe('catalog coverage against the reference list', () => {
  it('has one entry for every unique reference code, and nothing else', () => {
    const catalogCodes = allEntries().map((e) => e.code);
    const missing = uniqueRows.filter((r) => !lookupCode(r.code)).map((r) => r.code);
    expect(missing).toEqual([]);
    const referenceCodes = new Set(uniqueRows.map((r) => r.code));
    expect(catalogCodes.filter((c) => !referenceCodes.has(c))).toEqual([]);
    expect(catalogCodes.length).toBe(uniqueRows.length);
  });

  it('part 1 holds the first 173 unique codes in reference order; part 2 holds the rest', () => {
    expect(CATALOG_PART_1.map((s) => s.code)).toEqual(uniqueRows.slice(0, PART_1_SIZE).map((r) => r.code));
    expect(CATALOG_PART_2.map((s) => s.code).sort((a, b) => a - b)).toEqual(
      uniqueRows
        .slice(PART_1_SIZE)
        .map((r) => r.code)
        .sort((a, b) => a - b),
    );
  });

  it('never lists a code twice across the two parts', () => {
    const codes = [...CATALOG_PART_1, ...CATALOG_PART_2].map((s) => s.code);
    expect(codes.length).toBe(new Set(codes).size);
  });

  it.each(uniqueRows.map((r) => [r.code, r] as const))('AADSTS%i is complete and well-formed', (code, row) => {
    const entry = lookupCode(code);
    expect(entry, `missing ${code}`).toBeDefined();
    if (!entry) return;
    expect(entry.name).toBe(row.name);
    expect(entry.documented).toBe(true);
    expect(entry.url).toBe(`https://login.microsoftonline.com/error?code=${code}`);
    expect(entry.summary.trim().length).toBeGreaterThan(20);
    expect(entry.causes.length).toBeGreaterThanOrEqual(1);
    expect(entry.causes.length).toBeLessThanOrEqual(3);
    expect(entry.fixes.length).toBeGreaterThanOrEqual(1);
    expect(entry.fixes.length).toBeLessThanOrEqual(4);
    for (const s of [...entry.causes, ...entry.fixes]) expect(s.trim().length).toBeGreaterThan(5);
    expect(CATEGORIES).toContain(entry.category);
    expect(ACTORS).toContain(entry.actor);
    expect(typeof entry.retryable).toBe('boolean');
    // Categories that only make sense for the classifier or with no HTTP answer never appear in the catalog.
    expect(['success', 'network']).not.toContain(entry.category);
  });
});

describe('catalog wording is the project\u2019s own', () => {
  it('no entry repeats a 6-word run of its reference description', () => {
    const offenders: string[] = [];
    const report: { code: number; longest: number; run: string }[] = [];
    for (const row of uniqueRows) {
      const entry = lookupCode(row.code);
      if (!entry) continue; // coverage is asserted above
      const { copied, longest, longestRun } = overlap(entry, row);
      if (copied.length > 0) offenders.push(`${row.code}: ${copied.join(' / ')}`);
      report.push({ code: row.code, longest, run: longestRun });
    }
    report.sort((a, b) => b.longest - a.longest);
    // Printed so the worst (still allowed) overlaps can be reviewed by a person.
    console.info(
      'catalog overlap, longest shared word runs:\n' +
        report
          .slice(0, 8)
          .map((r) => `  ${r.code}: ${r.longest} words "${r.run}"`)
          .join('\n'),
    );
    expect(offenders).toEqual([]);
  });

  it('the overlap check does catch a copied sentence', () => {
    const row = uniqueRows.find((r) => r.code === 50011);
    expect(row).toBeDefined();
    if (!row) return;
    const base = lookupCode(50011);
    expect(base).toBeDefined();
    if (!base) return;
    const copiedSentence = row.description.split(' - ')[1] ?? row.description;
    const faked: CatalogEntry = { ...base, summary: copiedSentence };
    expect(overlap(faked, row).copied.length).toBeGreaterThan(0);
  });

  it('the overlap check ignores runs made only of the code name and identifiers', () => {
    const row: ReferenceRow = {
      code: 1,
      name: 'InvalidCodeChallengeMethodInvalidSize',
      description: 'InvalidCodeChallengeMethodInvalidSize - Invalid code challenge method invalid size here.',
    };
    const entry = {
      ...describeCode(1),
      summary: 'Invalid code challenge method invalid size: the parameter length is wrong.',
    };
    expect(overlap(entry, row).copied).toEqual([]);
  });
});

describe('lookups', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lookupCode reads from a Map keyed by code', () => {
    lookupCode(50011); // build the map first
    const get = vi.spyOn(Map.prototype, 'get');
    const entry = lookupCode(70011);
    expect(get).toHaveBeenCalledWith(70011);
    expect(get).toHaveBeenCalledTimes(1);
    expect(entry?.code).toBe(70011);
  });

  it('lookupCode returns undefined for codes outside the list', () => {
    expect(lookupCode(1)).toBeUndefined();
    expect(lookupCode(-50011)).toBeUndefined();
    expect(lookupCode(Number.NaN)).toBeUndefined();
  });

  it('allEntries is sorted by code with no repeats', () => {
    const codes = allEntries().map((e) => e.code);
    for (let i = 1; i < codes.length; i++) expect(codes[i]).toBeGreaterThan(codes[i - 1] ?? -1);
  });

  it('searchCatalog finds by code prefix, name and summary words, best match first', () => {
    expect(searchCatalog('50011', 5)[0]?.code).toBe(50011);
    expect(searchCatalog('AADSTS50011', 5)[0]?.code).toBe(50011);
    expect(searchCatalog('invalidreplyto', 5)[0]?.code).toBe(50011);
    const byPrefix = searchCatalog('5005', 50).map((e) => e.code);
    expect(byPrefix.length).toBeGreaterThan(1);
    for (const c of byPrefix.slice(0, 3)) expect(String(c).startsWith('5005')).toBe(true);
    expect(searchCatalog('redirect', 20).some((e) => e.code === 50011)).toBe(true);
    expect(searchCatalog('', 5)).toEqual([]);
    expect(searchCatalog('zzzz-no-such-thing', 5)).toEqual([]);
    expect(searchCatalog('sign', 3).length).toBe(3);
  });
});

describe('describeCode', () => {
  it('returns the catalog entry for documented codes', () => {
    const entry = describeCode(50011);
    expect(entry).toEqual(lookupCode(50011));
    expect(entry.documented).toBe(true);
  });

  it('says plainly when a code is not in the published list', () => {
    const code = 99999991;
    expect(lookupCode(code)).toBeUndefined();
    const entry = describeCode(code);
    expect(entry.documented).toBe(false);
    expect(entry.name).toBeNull();
    expect(entry.category).toBe('unknown');
    expect(entry.url).toBe(lookupUrl(code));
    expect(entry.summary).toMatch(/not in Microsoft.s published list/);
    expect(entry.fixes.join(' ')).toContain(lookupUrl(code));
    expect(entry.fixes.join(' ')).toMatch(/Sign-in logs/);
    expect(entry.fixes.join(' ')).toMatch(/correlation ID/);
  });

  const expected: [string, string, boolean][] = [
    ['invalid_client', 'client_credential', false],
    ['interaction_required', 'interaction_required', false],
    ['login_required', 'interaction_required', false],
    ['consent_required', 'consent_required', false],
    ['invalid_grant', 'expired_grant', false],
    ['invalid_scope', 'app_config', false],
    ['invalid_resource', 'app_config', false],
    ['unauthorized_client', 'app_config', false],
    ['invalid_request', 'misuse', false],
    ['temporarily_unavailable', 'transient', true],
    ['server_error', 'transient', true],
    ['access_denied', 'access_blocked', false],
    ['authorization_pending', 'pending', true],
    ['slow_down', 'pending', true],
    ['expired_token', 'expired_grant', false],
    ['something_else', 'unknown', false],
  ];
  it.each(expected)('infers from error=%s the category %s', (error, category, retryable) => {
    const entry = describeCode(88888881, { error });
    expect(entry.category).toBe(category);
    expect(entry.retryable).toBe(retryable);
    expect(entry.documented).toBe(false);
    if (category !== 'unknown') expect(entry.fixes.join(' ')).toContain(error);
  });

  it('finds the error value inside a description when error is absent', () => {
    const entry = describeCode(88888882, { description: 'invalid_grant: AADSTS88888882: something went wrong' });
    expect(entry.category).toBe('expired_grant');
    expect(describeCode(88888882, { error: null, description: null }).category).toBe('unknown');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 1e300, 3.5, Number.MAX_SAFE_INTEGER + 2])(
    'answers an unknown entry for the impossible code %s',
    (code) => {
      const entry = describeCode(code, { error: 'invalid_client' });
      expect(entry.documented).toBe(false);
      expect(entry.summary).toMatch(/not a valid AADSTS code/);
      expect(entry.url.startsWith('https://login.microsoftonline.com/error')).toBe(true);
    },
  );

  it('never throws, for any number and any context', () => {
    const context = fc.option(
      fc.record(
        {
          error: fc.option(fc.oneof(fc.string(), fc.constantFrom(...Object.keys(OAUTH_ERRORS)))),
          description: fc.option(fc.string()),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.maxSafeInteger()), context, (code, ctx) => {
        const entry = describeCode(code, ctx);
        expect(typeof entry.summary).toBe('string');
        expect(entry.summary.length).toBeGreaterThan(0);
        expect(entry.fixes.length).toBeGreaterThan(0);
        expect(CATEGORIES).toContain(entry.category);
        expect(entry.url.startsWith('https://login.microsoftonline.com/error')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('OAuth error explanations', () => {
  const errors = [
    'invalid_request', 'invalid_grant', 'unauthorized_client', 'invalid_client', 'unsupported_grant_type',
    'invalid_resource', 'invalid_scope', 'interaction_required', 'consent_required', 'login_required',
    'temporarily_unavailable', 'server_error', 'authorization_pending', 'slow_down', 'expired_token',
    'access_denied', 'request_throttled', 'bad_token',
  ];
  const suberrors = [
    'basic_action', 'additional_action', 'message_only', 'user_password_expired', 'consent_required',
    'client_mismatch', 'protection_policy_required', 'token_expired',
  ];
  it.each(errors.map((e) => [e, OAUTH_ERRORS] as const).concat(suberrors.map((e) => [e, OAUTH_SUBERRORS] as const)))(
    '%s is explained with a valid category, actor and app action',
    (value, table) => {
      const info = table[value];
      expect(info).toBeDefined();
      if (!info) return;
      expect(info.summary.length).toBeGreaterThan(20);
      expect(CATEGORIES).toContain(info.category);
      expect(ACTORS).toContain(info.actor);
      expect(APP_ACTIONS).toContain(info.appAction);
    },
  );
});
