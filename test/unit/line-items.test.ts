// Terminal and debug-console detection: what a line offers as links, without VS Code.
import { describe, expect, it } from 'vitest';
import { lookupValue } from '../../src/core/catalog/index';
import { findLineItems, mayHaveLineItems } from '../../src/core/scan/line-items';

const isCode = (word: string) => lookupValue(word).length > 0;
const JWT = `eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.${Buffer.from(JSON.stringify({ aud: 'api://x', tid: 't' })).toString('base64url')}.c2ln`;

describe('findLineItems', () => {
  it('finds an msal-node error line: the OAuth value, the AADSTS code, the ids', () => {
    const line =
      'InteractionRequiredAuthError: invalid_grant: AADSTS50076: Due to a configuration change made by your administrator. Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 Correlation ID: 11111111-2222-3333-4444-555555555555 Timestamp: 2026-12-04 10:00:00Z';
    const items = findLineItems(line, { isCode });
    expect(items.map((i) => [i.kind, i.value])).toEqual([
      ['code', 'invalid_grant'],
      ['aadsts', 'AADSTS50076'],
      ['correlation_id', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'],
      ['correlation_id', '11111111-2222-3333-4444-555555555555'],
    ]);
    const code = items.find((i) => i.kind === 'aadsts')!;
    expect(line.slice(code.start, code.end)).toBe('AADSTS50076');
    expect(code.code).toBe(50076);
  });

  it('links library codes only when a vocabulary knows them', () => {
    const line = 'BrowserAuthError: interaction_in_progress: Interaction is currently in progress. my_variable SomeClassName';
    // Error class names are not codes of any vocabulary, so only the code is a link.
    expect(findLineItems(line, { isCode }).map((i) => i.value)).toEqual(['interaction_in_progress']);
    expect(findLineItems('Graph said AuthorizationFailed here', { isCode }).map((i) => i.value)).toEqual(['AuthorizationFailed']);
    // Without a catalog check no word is offered at all.
    expect(findLineItems(line).map((i) => i.value)).toEqual([]);
  });

  it('finds a JWT as one item and nothing inside it', () => {
    const items = findLineItems(`Authorization: Bearer ${JWT} sent`, { isCode });
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe('jwt');
    expect(items[0]!.value).toBe(JWT);
  });

  it('reads only the first 4 KB of a line and returns at most 16 items', () => {
    const late = `${'x'.repeat(5000)} AADSTS50076`;
    expect(findLineItems(late, { isCode })).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `AADSTS${50000 + i}`).join(' ');
    expect(findLineItems(many)).toHaveLength(16);
  });

  it('costs the same on hostile input (long runs of capitals, underscores, dots)', () => {
    for (const hostile of ['A'.repeat(4000), `Ab${'C'.repeat(3000)}_`, `a${'_b'.repeat(2000)}`, `eyJ${'.eyJ'.repeat(1000)}`, 'Ab'.repeat(2000)]) {
      expect(() => findLineItems(hostile, { isCode })).not.toThrow();
    }
  });

  it('has a cheap pre-check that lets plain lines through without work', () => {
    expect(mayHaveLineItems('npm run build finished in 2.1s')).toBe(false);
    expect(mayHaveLineItems('error: AADSTS7000215 bad secret')).toBe(true);
    expect(mayHaveLineItems('invalid_client')).toBe(true);
  });
});
