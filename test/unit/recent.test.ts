// Recent failures and tokens for the Auth Lens view: dedup, counts, sources, caps, no token kept.
import { describe, expect, it } from 'vitest';
import { FailureLog, TokenLog, summarizeToken, type FailureInput } from '../../src/extension/recent';
import { decodeToken } from '../../src/core/jwt/decode';

const failure = (key: string, source: FailureInput['source'] = 'terminal'): FailureInput => ({
  key,
  label: key,
  title: 't',
  source,
  target: { kind: 'entry', vocabulary: 'oauth', code: key },
});

describe('FailureLog', () => {
  it('counts a failure seen again instead of listing it twice, newest first, case-blind', () => {
    const log = new FailureLog();
    let changes = 0;
    log.onChange(() => changes++);
    expect(log.record(failure('AADSTS50076'), 1).isNew).toBe(true);
    expect(log.record(failure('invalid_client', 'debug console'), 2).isNew).toBe(true);
    const again = log.record(failure('aadsts50076', 'classify'), 3);
    expect(again.isNew).toBe(false);
    expect(again.newSource).toBe(true);
    expect(log.record(failure('AADSTS50076', 'classify'), 4).newSource).toBe(false);
    expect(again.failure.count).toBe(2);
    expect(again.failure.sources).toEqual(['terminal', 'classify']);
    expect(again.failure.firstSeen).toBe(1);
    expect(log.list().map((f) => f.key)).toEqual(['AADSTS50076', 'invalid_client']);
    expect(changes).toBe(4);
  });

  it('keeps only the newest failures', () => {
    const log = new FailureLog(3);
    for (const k of ['a', 'b', 'c', 'd']) log.record(failure(k));
    expect(log.list().map((f) => f.key)).toEqual(['d', 'c', 'b']);
    expect(log.has('a')).toBe(false);
    // A failure that fell off is new again.
    expect(log.record(failure('a')).isNew).toBe(true);
  });
});

describe('TokenLog', () => {
  it('keeps claims summaries only, newest first, capped', () => {
    const jwt = `eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.${Buffer.from(JSON.stringify({ aud: 'api://orders', tid: 'tenant-1', scp: 'Orders.Read', ver: '2.0', exp: 4102444800 })).toString('base64url')}.c2ln`;
    const summary = summarizeToken(decodeToken(jwt), 'decoded', 5);
    expect(summary).toMatchObject({ audience: 'api://orders', scopes: ['Orders.Read'], origin: 'decoded', at: 5 });
    expect(JSON.stringify(summary)).not.toContain('eyJ');
    const tokens = new TokenLog(2);
    for (const origin of ['a', 'b', 'c']) tokens.record({ ...summary, origin });
    expect(tokens.list().map((t) => t.origin)).toEqual(['c', 'b']);
  });
});
