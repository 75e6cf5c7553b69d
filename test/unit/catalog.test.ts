// The catalog as data: every vocabulary file against the one schema, coverage of the public reference
// lists (the published AADSTS codes; the library and API codes of client-and-resource-errors.json,
// looked up the way `auth-lens explain --json` does), wording that is the project's own, the codes seen
// in real use beyond the published list, and the lookups the product runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCode, OAUTH_ERRORS } from '../../src/core/catalog/describe';
import { allEntries, entryLabel, lookupCode, lookupValue, matchMessages, searchCatalog, vocabularyEntries } from '../../src/core/catalog/index';
import { MAX_LOOKUP_RESULTS, searchEntries } from '../../src/core/catalog/lookup';
import { vocabularyFileSchema } from '../../src/core/catalog/schema';
import { runExplain } from '../../src/cli/explain';
import { CATEGORIES, lookupUrl, VOCABULARIES, type CatalogEntry } from '../../src/core/types';

const root = resolve(__dirname, '../..');
const vocabDir = resolve(root, 'src/core/catalog/vocab');

/** The shared copy beside the repo when present (kept current by the project), else the copy in test/fixtures. */
function reference<T>(name: string): T {
  const shared = resolve(root, '../shared/reference', name);
  return JSON.parse(readFileSync(existsSync(shared) ? shared : resolve(root, 'test/fixtures', name), 'utf8')) as T;
}

interface AadstsRow {
  code: number;
  name: string | null;
  description: string;
}
interface ClientRow {
  source: string;
  code: string;
  value: string;
  message: string;
  meaning: string;
}

const aadstsRows = reference<{ codes: AadstsRow[] }>('entra-error-codes.json').codes;
const clientRows = reference<ClientRow[]>('client-and-resource-errors.json');
const published = new Set(aadstsRows.map((r) => r.code));

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 0);
}

function runs(text: string, n = 6): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** Runs made of identifiers (code names, protocol tokens, GUID parts) and at most one plain word may repeat the reference. */
function ordinary(run: string): boolean {
  return run.split(' ').filter((w) => !/[_0-9]/.test(w)).length >= 2;
}

function entryTexts(e: CatalogEntry): string[] {
  return [e.summary, ...e.causes, ...e.fixes.map((f) => f.text)];
}

describe('vocabulary files', () => {
  const files = readdirSync(vocabDir).filter((f) => f.endsWith('.json'));

  it('there is one file per vocabulary, and nothing else', () => {
    expect(files.sort()).toEqual(VOCABULARIES.map((v) => `${v}.json`).sort());
  });

  it.each(files)('%s matches the schema, names its own vocabulary and says where undocumented entries come from', (file) => {
    const parsed = vocabularyFileSchema.safeParse(JSON.parse(readFileSync(resolve(vocabDir, file), 'utf8')));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    if (!parsed.success) return;
    expect(`${parsed.data.vocabulary}.json`).toBe(file);
    expect(parsed.data.entries.filter((e) => !e.documented && !e.evidence).map((e) => e.code)).toEqual([]);
  });
});

describe('AADSTS codes', () => {
  it('every published code has a documented entry with its reference name and lookup URL', () => {
    // The list repeats 50147; the first row names it.
    const firstRows = aadstsRows.filter((row, i) => aadstsRows.findIndex((r) => r.code === row.code) === i);
    const wrong = firstRows.filter((row) => {
      const entry = lookupCode(row.code);
      return !entry || !entry.documented || entry.name !== row.name || entry.url !== lookupUrl(row.code);
    });
    expect(wrong.map((r) => r.code)).toEqual([]);
  });

  it('at least 100 codes seen in real use beyond the published list, each with its evidence', () => {
    const extra = vocabularyEntries('aadsts').filter((e) => !published.has(Number(e.code)));
    expect(extra.length).toBeGreaterThanOrEqual(100);
    for (const e of extra) {
      expect(e.documented, e.code).toBe(false);
      expect(e.evidence?.length ?? 0, e.code).toBeGreaterThan(10);
      expect(e.url).toBe(lookupUrl(Number(e.code)));
    }
  });

  it('no AADSTS code is listed twice', () => {
    const codes = vocabularyEntries('aadsts').map((e) => e.code);
    expect(codes.length).toBe(new Set(codes).size);
  });

  it('no published entry repeats a 6-word run of its reference description', () => {
    const offenders: string[] = [];
    for (const row of aadstsRows) {
      const entry = lookupCode(row.code);
      if (!entry) continue;
      const ref = new Set(runs(row.description));
      for (const t of entryTexts(entry)) for (const r of runs(t)) if (ref.has(r) && ordinary(r)) offenders.push(`${row.code}: ${r}`);
    }
    expect(offenders).toEqual([]);
  });
});

/** What a developer would paste for a reference row: its value, or the code when the value is a placeholder. */
function pasteable(row: ClientRow): string[] {
  const keys: string[] = [];
  const value = row.value.replace(/\s*\(type\)$/, '').trim();
  if (value && value !== '(type)') keys.push(value);
  const code = row.code.replace(/^(HTTP\s+)?\d{3}\s+/, '').trim();
  if (code && !/^HTTP \d{3}$/.test(row.code)) keys.push(code);
  return keys;
}

async function explainJson(value: string): Promise<CatalogEntry[] | null> {
  let out = '';
  // A value no vocabulary knows is a usage error (status 2), reported on stderr.
  const status = await runExplain([value, '--json'], { stdout: (s: string) => (out += s), stderr: () => undefined, color: false } as never);
  return status === 0 ? (JSON.parse(out) as CatalogEntry[]) : null;
}

describe('library and API codes (client-and-resource-errors.json)', () => {
  it('explain --json gives a documented entry for at least 95% of the reference values', async () => {
    const missing: string[] = [];
    let explained = 0;
    for (const row of clientRows) {
      let found = false;
      for (const key of pasteable(row)) {
        const entries = await explainJson(key);
        if (entries?.some((e) => e.documented)) {
          found = true;
          explained++;
          break;
        }
      }
      // A value that is a whole message ("Access token validation failure. Invalid audience.") is
      // recognised by the classifier through the entry's message fragments instead.
      if (!found && matchMessages(row.value).some((e) => e.documented)) found = true;
      if (!found) missing.push(`${row.source} | ${row.code} | ${row.value}`);
    }
    const share = explained / clientRows.length;
    console.info(
      `reference values: ${explained}/${clientRows.length} (${(share * 100).toFixed(1)}%) explained by explain --json; ` +
        `${clientRows.length - missing.length}/${clientRows.length} with message fragments too`,
    );
    if (missing.length) console.info(`without either:\n  ${missing.join('\n  ')}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
    expect(missing).toEqual([]);
  }, 60_000);

  it('no library or API entry repeats a 6-word run of the reference messages or meanings', () => {
    const ref = new Set(clientRows.flatMap((r) => [...runs(r.message), ...runs(r.meaning)]).filter(ordinary));
    const offenders: string[] = [];
    for (const v of VOCABULARIES) {
      if (v === 'aadsts') continue;
      for (const e of vocabularyEntries(v)) for (const t of entryTexts(e)) for (const r of runs(t)) if (ref.has(r)) offenders.push(`${v} ${e.code}: ${r}`);
    }
    expect(offenders).toEqual([]);
  });

  it('message fragments are lower-case, so they match the lower-cased text they are searched in', () => {
    const bad = VOCABULARIES.flatMap((v) => vocabularyEntries(v).flatMap((e) => (e.patterns ?? []).filter((p) => p !== p.toLowerCase()).map((p) => `${e.code}: ${p}`)));
    expect(bad).toEqual([]);
  });
});

describe('lookups', () => {
  it('lookupValue finds a value in every vocabulary that uses it, in any case and with or without AADSTS', () => {
    expect(lookupValue('interaction_in_progress').map((e) => e.vocabulary)).toContain('msal-js');
    expect(lookupValue('INTERACTION_IN_PROGRESS').length).toBeGreaterThan(0);
    expect(lookupValue('AADSTS50076')[0]?.code).toBe('50076');
    expect(lookupValue('50076')[0]?.vocabulary).toBe('aadsts');
    expect(lookupValue('AuthorizationFailed').map((e) => e.vocabulary)).toContain('arm');
    expect(lookupValue('MultipleTokensMatchedError').map((e) => e.code)).toContain('multiple_matching_tokens_detected');
    expect(lookupValue('UserStrongAuthClientAuthNRequired')[0]?.code).toBe('50076');
    expect(lookupValue('no-such-value-anywhere')).toEqual([]);
  });

  it('allEntries lists the AADSTS codes in code order', () => {
    const codes = allEntries().map((e) => Number(e.code));
    for (let i = 1; i < codes.length; i++) expect(codes[i]).toBeGreaterThan(codes[i - 1]!);
  });

  it('searchCatalog searches every vocabulary: codes, prefixes, names and summary words', () => {
    expect(searchCatalog('50011', 5)[0]?.code).toBe('50011');
    expect(searchCatalog('AADSTS50011', 5)[0]?.code).toBe('50011');
    expect(searchCatalog('interaction_in_progress', 5)[0]?.code).toBe('interaction_in_progress');
    expect(searchCatalog('AuthorizationFailed', 5).some((e) => e.vocabulary === 'arm')).toBe(true);
    const byPrefix = searchCatalog('5005', 50).filter((e) => e.vocabulary === 'aadsts');
    expect(byPrefix.length).toBeGreaterThan(1);
    expect(searchCatalog('redirect', 50).some((e) => e.code === '50011')).toBe(true);
    expect(searchCatalog('', 5)).toEqual([]);
    expect(searchCatalog('zzzz-no-such-thing', 5)).toEqual([]);
  });

  it('the lookup view\'s search (searchEntries, what the panel runs) lists the catalog for no query and explains unknown AADSTS numbers', () => {
    expect(searchEntries('   ').map(entryLabel)).toEqual(allEntries().slice(0, MAX_LOOKUP_RESULTS).map(entryLabel));
    expect(searchEntries('AADSTS 50076')[0]?.code).toBe('50076');
    // A number no list has: its own honest entry comes first, before anything the words matched.
    const unknown = searchEntries('AADSTS9999999');
    expect(unknown[0]).toMatchObject({ vocabulary: 'aadsts', code: '9999999', documented: false });
    // A known number is not listed twice.
    expect(searchEntries('50076').filter((e) => e.vocabulary === 'aadsts' && e.code === '50076')).toHaveLength(1);
    expect(searchEntries('consent')).toEqual(searchCatalog('consent', MAX_LOOKUP_RESULTS));
    expect(searchEntries('zzzz-no-such-thing')).toEqual([]);
  });

  it('matchMessages recognises a fixed library message without a code', () => {
    expect(matchMessages("ValueError: state mismatch: 1234 vs 5678").map((e) => e.vocabulary)).toContain('msal-python');
    expect(matchMessages('nothing to see here')).toEqual([]);
  });
});

describe('describeCode', () => {
  it('returns a copy of the catalog entry for known codes', () => {
    const entry = describeCode(50011);
    expect(entry).toEqual(lookupCode(50011));
    expect(entry).not.toBe(lookupCode(50011));
    expect(entry.documented).toBe(true);
  });

  it('says plainly when a code is not in the published list and its message says nothing', () => {
    const code = 99999991;
    const entry = describeCode(code);
    expect(entry.documented).toBe(false);
    expect(entry.category).toBe('unknown');
    expect(entry.url).toBe(lookupUrl(code));
    expect(entry.summary).toMatch(/not in Microsoft.s published list/);
    const fixes = entry.fixes.map((f) => f.text).join(' ');
    expect(fixes).toContain(lookupUrl(code));
    expect(fixes).toMatch(/Sign-in logs/);
  });

  it.each([
    ['The user account {EUII Hidden} has been deleted from the directory.', 'tenant_or_account'],
    ['Device is required to be compliant to access this resource.', 'access_blocked'],
    ['Access has been blocked by Conditional Access policies.', 'access_blocked'],
    ['The provided client secret keys for app are expired.', 'client_credential'],
    ['Due to a configuration change made by your administrator you must use multi-factor authentication.', 'interaction_required'],
    ['The refresh token has expired due to inactivity.', 'expired_grant'],
  ])('infers the category of an unknown code from its message: "%s" → %s', (message, category) => {
    const entry = describeCode(88888883, { error: 'invalid_grant', description: `AADSTS88888883: ${message}` });
    expect(entry.category).toBe(category);
    expect(entry.documented).toBe(false);
    expect(entry.summary).toMatch(/inferred/);
  });

  const byError: [string, string, boolean][] = [
    ['invalid_client', 'client_credential', false],
    ['interaction_required', 'interaction_required', false],
    ['consent_required', 'consent_required', false],
    ['invalid_grant', 'expired_grant', false],
    ['invalid_scope', 'app_config', false],
    ['temporarily_unavailable', 'transient', true],
    ['authorization_pending', 'pending', true],
    ['something_else', 'unknown', false],
  ];
  it.each(byError)('without message words, error=%s gives the category %s', (error, category, retryable) => {
    const entry = describeCode(88888881, { error });
    expect(entry.category).toBe(category);
    expect(entry.retryable).toBe(retryable);
  });

  it.each([-1, Number.NaN, 1e300, 3.5])('answers an unknown entry for the impossible code %s', (code) => {
    const entry = describeCode(code, { error: 'invalid_client' });
    expect(entry.documented).toBe(false);
    expect(entry.summary).toMatch(/not a valid AADSTS code/);
  });

  it('never throws, for any number and any context', () => {
    const context = fc.option(
      fc.record({ error: fc.option(fc.oneof(fc.string(), fc.constantFrom(...Object.keys(OAUTH_ERRORS)))), description: fc.option(fc.string()) }, { requiredKeys: [] }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.maxSafeInteger()), context, (code, ctx) => {
        const entry = describeCode(code, ctx);
        expect(entry.summary.length).toBeGreaterThan(0);
        expect(entry.fixes.length).toBeGreaterThan(0);
        expect(CATEGORIES).toContain(entry.category);
      }),
      { numRuns: 300 },
    );
  });
});
