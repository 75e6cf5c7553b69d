// Property tests: whatever the input, classify never throws, always returns a well-formed record,
// and finishes in time linear in the input. The time bound is deliberately generous (200 ms per MB,
// never less than 100 ms): it exists to catch catastrophic backtracking, not to measure speed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classify,
  classifyResponse,
  parsePythonRepr,
  parseRetryAfter,
  parseWwwAuthenticate,
} from '../../src/core/classify/index';
import { ACTORS, APP_ACTIONS, CATEGORIES, type Classification, SOURCES } from '../../src/core/types';

const DIR = join(__dirname, '..', 'fixtures', 'classify');
const FIXTURES = readdirSync(DIR)
  .sort()
  .map((name) => readFileSync(join(DIR, name), 'utf8'));
const NOW = new Date('2024-05-01T10:00:00Z');
const MB = 1024 * 1024;
const MS_PER_MB = 200;
const MIN_BOUND_MS = 100;

function expectWellFormed(c: Classification): void {
  expect(CATEGORIES).toContain(c.category);
  expect(APP_ACTIONS).toContain(c.appAction);
  expect(ACTORS).toContain(c.actor);
  expect(SOURCES).toContain(c.source);
  expect(['success', 'error', 'pending']).toContain(c.outcome);
  expect(typeof c.retryable).toBe('boolean');
  if (c.retryAfterSeconds !== null) {
    expect(Number.isInteger(c.retryAfterSeconds)).toBe(true);
    expect(c.retryAfterSeconds).toBeGreaterThanOrEqual(0);
    expect(c.retryAfterSeconds).toBeLessThanOrEqual(3600);
  }
  for (const code of c.aadsts) expect(Number.isSafeInteger(code) && code >= 0).toBe(true);
  expect(c.aadsts.length).toBeLessThanOrEqual(32);
  for (const v of [c.error, c.suberror, c.correlationId, c.traceId, c.timestamp, c.claimsChallenge]) {
    expect(v === null || typeof v === 'string').toBe(true);
  }
  if (c.claimsChallenge !== null) expect(() => JSON.parse(c.claimsChallenge!)).not.toThrow();
  expect(c.httpStatus === null || (Number.isInteger(c.httpStatus) && c.httpStatus >= 100 && c.httpStatus <= 599)).toBe(true);
  expect(typeof c.summary).toBe('string');
  expect(c.summary.length).toBeGreaterThan(0);
  expect(c.summary.endsWith('.')).toBe(true);
  expect(Array.isArray(c.nextSteps) && c.nextSteps.length > 0 && c.nextSteps.every((s) => typeof s === 'string')).toBe(true);
}

/**
 * Classify and check both shape and the time bound. The machine is shared, so a slow run is measured
 * again (up to three times, keeping the fastest): a scheduler hiccup passes, backtracking does not.
 */
function classifyTimed(text: string): Classification {
  const bound = Math.max(MIN_BOUND_MS, (Math.min(text.length, 2 * MB) / MB) * MS_PER_MB);
  let c: Classification | undefined;
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= bound; attempt++) {
    const t0 = performance.now();
    c = classify(text, NOW);
    best = Math.min(best, performance.now() - t0);
  }
  expect(best, `${best.toFixed(1)} ms for ${text.length} chars`).toBeLessThan(bound);
  if (!c) throw new Error('classify did not run');
  expectWellFormed(c);
  return c;
}

// Compile the classifier's hot paths before anything is timed.
for (const text of FIXTURES) classify(text, NOW);

const MUTATION_CHARS = ['"', "'", '\\', '=', '{', '}', '[', ']', ':', ',', '\n', '\u0000', 'AADSTS', '\\u', '\\x'];

const mutatedFixture = fc
  .record({
    index: fc.nat({ max: FIXTURES.length - 1 }),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    inserts: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), what: fc.constantFrom(...MUTATION_CHARS), times: fc.integer({ min: 1, max: 50 }) }), {
      maxLength: 6,
    }),
  })
  .map(({ index, cut, inserts }) => {
    let text = FIXTURES[index]!;
    for (const ins of inserts) {
      const at = Math.floor(ins.at * text.length);
      text = text.slice(0, at) + ins.what.repeat(ins.times) + text.slice(at);
    }
    return text.slice(0, Math.max(1, Math.floor(cut * text.length) + 1));
  });

describe('classify properties', () => {
  it('never throws and returns valid enums on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (s) => {
        classifyTimed(s);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on strings built from the tokens the parsers look for', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      "'error': ",
      '"error": ',
      "'invalid_grant'",
      'AADSTS50076',
      'Trace ID: ',
      'Correlation ID: ',
      'claims: ',
      'HTTP/1.1 401 Unauthorized\n',
      'WWW-Authenticate: Bearer error="insufficient_claims", claims="',
      'Retry-After: ',
      'MsalUiRequiredException',
      'ServerError: ',
      'DefaultAzureCredential failed to retrieve a token from the included credentials.\n',
      '\tEnvironmentCredential: ',
      'ResponseBody: ',
      'Error(s): ',
      '\\',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '1',
      'True',
      'None',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        classifyTimed(parts.join(''));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated fixtures (truncated, with quotes, backslashes and = inserted)', () => {
    fc.assert(
      fc.property(mutatedFixture, (text) => {
        expect(SOURCES).toContain(classifyTimed(text).source);
      }),
      { numRuns: 300 },
    );
  });

  it('finishes on adversarial inputs', () => {
    const adversarial = fc.constantFrom(
      (n: number) => 'AADSTS'.repeat(n),
      (n: number) => 'AADSTS5'.repeat(n),
      (n: number) => '"'.repeat(n),
      (n: number) => "'".repeat(n),
      (n: number) => '\\'.repeat(n),
      (n: number) => '='.repeat(n),
      (n: number) => '{'.repeat(n) + '}'.repeat(n),
      (n: number) => '['.repeat(n),
      (n: number) => "{'a': ".repeat(n),
      (n: number) => '{"error":'.repeat(n),
      (n: number) => 'Trace ID: '.repeat(n),
      (n: number) => 'error='.repeat(n),
      (n: number) => 'claims: {'.repeat(n),
      (n: number) => 'Msal'.repeat(n),
      (n: number) => 'HTTP/1.1 401 X\nWWW-Authenticate: Bearer ' + 'a="\\",'.repeat(n),
      (n: number) => 'HTTP/1.1 200 OK\n' + 'x: y\n'.repeat(n),
      (n: number) => 'DefaultAzureCredential failed to retrieve a token from the included credentials.\n' + '\tEnvironmentCredential: unavailable\n'.repeat(n),
      (n: number) => 'ServerError: ' + 'a'.repeat(n),
      (n: number) => '{' + "'k': ".repeat(n),
      (n: number) => '(' + 'a_b'.repeat(n),
    );
    fc.assert(
      fc.property(adversarial, fc.integer({ min: 1, max: 100_000 }), (make, n) => {
        classifyTimed(make(n));
      }),
      { numRuns: 60 },
    );
    // The named worst cases at full size, once each.
    for (const text of ['AADSTS'.repeat(100_000), '"'.repeat(1_000_000), '\\'.repeat(1_000_000), '='.repeat(1_000_000), '{'.repeat(200_000) + '}'.repeat(200_000)]) {
      classifyTimed(text);
    }
  });

  it('treats inputs over the cap like their first 2 MB', () => {
    const head = FIXTURES[0]!;
    const c = classifyTimed(head + ' '.repeat(2 * MB + 10));
    expect(c.summary).toContain('first 2 MB');
  });
});

describe('parser properties', () => {
  it('parseWwwAuthenticate, parsePythonRepr and parseRetryAfter never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(Array.isArray(parseWwwAuthenticate([s, s]))).toBe(true);
        const r = parsePythonRepr(s);
        expect(typeof r.ok).toBe('boolean');
        const ra = parseRetryAfter(s, NOW);
        expect(ra === null || (Number.isInteger(ra) && ra >= 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('parsePythonRepr reads back what a Python-style repr writer produces', () => {
    const py = (v: unknown): string => {
      if (v === null) return 'None';
      if (v === true) return 'True';
      if (v === false) return 'False';
      if (typeof v === 'number') return String(v);
      if (typeof v === 'string') return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r') + "'";
      if (Array.isArray(v)) return '[' + v.map(py).join(', ') + ']';
      return '{' + Object.entries(v as object).map(([k, x]) => `${py(k)}: ${py(x)}`).join(', ') + '}';
    };
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.string({ maxLength: 20 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__'), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(parsePythonRepr(py(v))).toEqual({ ok: true, value: v });
      }),
      { numRuns: 300 },
    );
  });

  it('classifyResponse never throws on arbitrary answers', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -1, max: 1000 })),
        fc.dictionary(fc.constantFrom('retry-after', 'Retry-After', 'www-authenticate', 'WWW-Authenticate', 'x'), fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }))),
        fc.string({ maxLength: 300 }),
        fc.option(fc.string({ maxLength: 40 })),
        (status, headers, body, networkError) => {
          const c = classifyResponse({ status, headers, body, networkError }, NOW);
          expectWellFormed(c);
          expect(c.source).toBe('http_response');
        },
      ),
      { numRuns: 300 },
    );
  });
});
