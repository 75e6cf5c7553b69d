// Markdown rendering shared by hover, report and panel: escaping, code spans and fences that cannot
// be broken out of, classification and token rendering.
import { describe, expect, it } from 'vitest';
import { commandUri, escapeMarkdown } from '../../src/core/format/escape';
import { parseHoverCommandArgs } from '../../src/core/format/hover';
import { relativeSeconds } from '../../src/core/format/labels';
import { fenced, formatCatalogEntry, formatClassification, formatDecodedToken, inlineCode } from '../../src/core/format/markdown';
import { describeCode } from '../../src/core/catalog/describe';
import { decodeToken } from '../../src/core/jwt/decode';
import type { Classification } from '../../src/core/types';

export function classification(overrides: Partial<Classification> = {}): Classification {
  return {
    outcome: 'error',
    category: 'claims_challenge',
    appAction: 'acquire_with_claims',
    retryable: false,
    retryAfterSeconds: null,
    actor: 'user',
    error: 'interaction_required',
    suberror: null,
    aadsts: [50076],
    correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd',
    traceId: '0000aaaa-11bb-cccc-dd22-eeeeee333333',
    timestamp: '2026-11-24 06:00:00Z',
    httpStatus: 400,
    claimsChallenge: '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}',
    source: 'token_endpoint_json',
    summary: 'The user must complete MFA.',
    nextSteps: ['Drop the cached token.', 'Pass the claims back:\n```python\napp.acquire_token_interactive(scopes, claims_challenge=claims)\n```'],
    ...overrides,
  };
}

describe('escapeMarkdown', () => {
  it('neutralises HTML, links, emphasis, code and theme icons', () => {
    const out = escapeMarkdown('<a href="x">[y](javascript:z)</a> *b* `c` $(d) # e | f');
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toContain('](');
    expect(out).toContain('\\*b\\*');
    expect(out).toContain('\\`c\\`');
    expect(out).toContain('\\$\\(d\\)');
    expect(out).toContain('\\#');
    expect(out).toContain('\\|');
  });

  it('removes line breaks, control and bidi characters, and cuts long text', () => {
    expect(escapeMarkdown('a\nb\r\nc\td')).toBe('a b c d');
    expect(escapeMarkdown('x\u202Ey\u0007z')).toBe('xyz');
    const long = escapeMarkdown('a'.repeat(1000), 10);
    expect(long).toBe('aaaaaaaaaa\u2026');
  });

  it('accepts non-strings without throwing', () => {
    expect(escapeMarkdown(undefined)).toBe('');
    expect(escapeMarkdown(42)).toBe('42');
  });
});

describe('code spans and fences', () => {
  it('inlineCode cannot be closed by a backtick or split by a newline', () => {
    const out = inlineCode('a`b\nc');
    expect(out).not.toContain('`');
    expect(out).not.toContain('\n');
  });

  it('fenced uses a fence longer than any backtick run inside', () => {
    const out = fenced('x ``` y ```` z', 'json');
    const fence = out.split('\n')[0]!.replace('json', '');
    expect(fence.length).toBe(5);
    expect(out.endsWith('\n' + fence)).toBe(true);
  });

  it('fenced keeps only letters in the language tag', () => {
    expect(fenced('x', 'js"><script>').split('\n')[0]).toBe('```jsscript');
  });
});

describe('command links', () => {
  it('round-trip their arguments and reject anything else', () => {
    const uri = commandUri('authLens.openInPanel', [{ kind: 'code', code: 50076 }]);
    expect(uri).toMatch(/^command:authLens\.openInPanel\?%5B/);
    const [arg] = JSON.parse(decodeURIComponent(uri.split('?')[1]!)) as unknown[];
    expect(parseHoverCommandArgs(arg)).toEqual({ kind: 'code', code: 50076 });
    expect(parseHoverCommandArgs({ kind: 'code', code: -1 })).toBeUndefined();
    expect(parseHoverCommandArgs({ kind: 'error', error: 'Robert"); drop' })).toBeUndefined();
    expect(parseHoverCommandArgs({ kind: 'token', uri: 'file:///x', line: 1, start: 5, end: 2 })).toBeUndefined();
    expect(parseHoverCommandArgs('code')).toBeUndefined();
    expect(parseHoverCommandArgs(null)).toBeUndefined();
  });
});

describe('formatCatalogEntry', () => {
  it('renders title, summary, category, fixes and the lookup', () => {
    const entry = describeCode(700016);
    const md = formatCatalogEntry(entry, { includeCauses: true, onlineLookup: true });
    expect(md).toContain('AADSTS700016');
    expect(md).toContain('*What to do*');
    expect(md).toContain(`](${entry.url}`);
    expect(md.match(/^\d+\. /gm)?.length).toBe(entry.fixes.length);
  });

  it('limits fixes when asked and says how many more there are', () => {
    const entry = { ...describeCode(700016), fixes: ['one', 'two', 'three', 'four'].map((text) => ({ text, who: 'developer' as const })) };
    const md = formatCatalogEntry(entry, { maxFixes: 2 });
    expect(md).toContain('1. Developer\\: one');
    expect(md).not.toContain('3. three');
    expect(md).toContain('2 more steps');
  });
});

describe('formatClassification', () => {
  it('shows the verdict, identifiers, claims challenge and steps with their snippets fenced', () => {
    const md = formatClassification(classification());
    expect(md).toContain('**Failed: Claims challenge**');
    expect(md).toContain('Correlation ID: `aaaa0000-bb11-2222-33cc-444444dddddd`');
    expect(md).toContain('Trace ID: `0000aaaa-11bb-cccc-dd22-eeeeee333333`');
    expect(md).toContain('HTTP status: 400');
    expect(md).toContain('"acrs"');
    expect(md).toContain('   ```\n   app.acquire_token_interactive(scopes, claims_challenge=claims)\n   ```');
    expect(md).toContain('1. Drop the cached token\\.');
  });

  it('omits identifiers that are absent', () => {
    const md = formatClassification(classification({ correlationId: null, traceId: null, timestamp: null, claimsChallenge: null, aadsts: [] }));
    expect(md).not.toContain('Correlation ID');
    expect(md).not.toContain('Official lookup');
  });
});

describe('formatDecodedToken', () => {
  it('explains opaque tokens instead of failing', () => {
    const token = decodeToken('EwBwA8l6BAAUs5+HQn0N+h2FxWzLS31ZgQVuHsYAAc1rZ2WrzXA5');
    const md = formatDecodedToken(token);
    expect(md).toMatch(/^\*\*(Opaque token|Not a readable token)/);
    expect(md).not.toContain('EwBwA8l6BAAUs5');
  });

  it('lists every claim with its meaning on request', () => {
    const payload = Buffer.from(JSON.stringify({ aud: 'api://x', exp: 4102444800, tid: 't', scp: 'a b' })).toString('base64url');
    const token = decodeToken(`eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${payload}.c2ln`);
    const md = formatDecodedToken(token, { allClaims: true, now: new Date('2026-01-01T00:00:00Z') });
    expect(md).toContain('| Claim | Value | Meaning |');
    expect(md).toContain('| `aud` |');
    expect(md).toContain('| `scp` |');
  });
});

describe('relativeSeconds', () => {
  it('words past and future times', () => {
    expect(relativeSeconds(30)).toBe('in 30 seconds');
    expect(relativeSeconds(-3600)).toBe('60 minutes ago');
    expect(relativeSeconds(7200)).toBe('in 2 hours');
    expect(relativeSeconds(-86400 * 3)).toBe('3 days ago');
    expect(relativeSeconds(Number.NaN)).toBe('unknown');
  });
});
