// The Explain quick pick's choices, computed from the real catalog without VS Code.
import { describe, expect, it } from 'vitest';
import { describeCode } from '../../src/core/catalog/describe';
import { searchCatalog } from '../../src/core/catalog/index';
import { lookupMsalLogString } from '../../src/core/catalog/msal-log-strings';
import { codeNumber, explainItems, looksPasted, MAX_EXPLAIN_ITEMS } from '../../src/extension/explain-items';

const catalog = { search: searchCatalog, describeCode: (code: number) => describeCode(code) };
const labels = (query: string) => explainItems(query, catalog).map((i) => i.label);

describe('Explain quick pick items', () => {
  it('finds library and OAuth values by typing them', () => {
    expect(labels('interaction_in_progress')[0]).toBe('interaction_in_progress');
    expect(labels('invalid_grant')[0]).toBe('invalid_grant');
    // While typing: a prefix already lists the value.
    expect(labels('interaction_in')).toContain('interaction_in_progress');
  });

  it('lists an AADSTS code typed with or without its prefix first, known or not', () => {
    expect(labels('50076')[0]).toBe('AADSTS50076');
    expect(labels('AADSTS50076')[0]).toBe('AADSTS50076');
    const unknown = explainItems('987654321', catalog)[0]!;
    expect(unknown.label).toBe('AADSTS987654321');
    expect(unknown.action.kind).toBe('entry');
    // A number never falls through to Classify.
    expect(explainItems('50076', catalog).some((i) => i.action.kind === 'classify')).toBe(false);
  });

  it('searches words of names and summaries across vocabularies, capped', () => {
    const items = explainItems('consent', catalog);
    expect(items.length).toBeGreaterThan(3);
    expect(items.filter((i) => i.action.kind === 'entry').length).toBeLessThanOrEqual(MAX_EXPLAIN_ITEMS);
    const vocabularies = new Set(items.flatMap((i) => (i.action.kind === 'entry' ? [i.action.entry.vocabulary] : [])));
    expect(vocabularies.size).toBeGreaterThan(1);
    // Every item is shown as given: the quick pick must not hide summary-word matches by label.
    expect(items.every((i) => i.alwaysShow)).toBe(true);
  });

  it('sends pasted errors to Classify, and offers Classify for words that match nothing', () => {
    const pasted = '{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change"}';
    const items = explainItems(pasted, catalog);
    expect(items).toHaveLength(1);
    expect(items[0]!.action).toEqual({ kind: 'classify', text: pasted });
    const nothing = explainItems('qqqzzz wwwxxx', catalog);
    expect(nothing.map((i) => i.action.kind)).toEqual(['classify']);
    expect(nothing[0]!.description).toMatch(/no code/);
    expect(explainItems('   ', catalog)).toEqual([]);
  });

  it('tells codes from pastes', () => {
    expect(codeNumber(' aadsts 50076 ')).toBe(50076);
    expect(codeNumber('50076x')).toBeUndefined();
    expect(looksPasted('invalid_grant')).toBe(false);
    expect(looksPasted('admin consent')).toBe(false);
    expect(looksPasted('MsalUiRequiredException: AADSTS50076: Due to a configuration change')).toBe(true);
    expect(looksPasted('line one\nline two')).toBe(true);
  });

  it("lists an msal-browser minified log code first, as the library's message, only when given that table", () => {
    const withLogs = { ...catalog, logString: lookupMsalLogString };
    const [first] = explainItems('0x1c4s', withLogs);
    expect(first).toMatchObject({ label: '0x1c4s', detail: '\u201cacquireTokenSilent called\u201d' });
    expect(first!.description).toMatch(/^@azure\/msal-browser \d+\.\d+\.\d+ log message \(verbose\)$/);
    expect(first!.action).toMatchObject({ kind: 'logString', logString: { code: '0x1c4s', packageName: '@azure/msal-browser' } });
    expect(explainItems('0x1c4s', catalog).some((i) => i.action.kind === 'logString')).toBe(false);
    expect(explainItems('zz99zz', withLogs).some((i) => i.action.kind === 'logString')).toBe(false);
  });
});
