// Conformance: the real libraries are the oracle. (a) Every recorded fixture (test/fixtures/conformance)
// holds what a library printed and what it did; Auth Lens's classify() of that output must agree with
// the library's behaviour. (b) Where the libraries are installed, a few scenarios run live against the
// sandbox and must match their fixtures' shape and behaviour, so drift in a library or the sandbox shows.
// Re-record with `npx tsx scripts/record-conformance.ts` (writes the fixtures and TABLE.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify/index';
import { retryAfterVisible } from './agreement';
import {
  CONFORMANCE_SCENARIOS,
  FIXTURES_DIR,
  LIBRARIES,
  REPO_ROOT,
  SYSTEM_PYTHON,
  fixturePath,
  outputShape,
  runConformance,
  startConformanceSandbox,
  toFixture,
  type ConformanceFixture,
  type ConformanceScenario,
  type Library,
  type SandboxHandle,
} from './harness';

function loadFixtures(): ConformanceFixture[] {
  const out: ConformanceFixture[] = [];
  for (const library of LIBRARIES) {
    const dir = join(FIXTURES_DIR, library);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      out.push(JSON.parse(readFileSync(join(dir, file), 'utf8')) as ConformanceFixture);
    }
  }
  return out;
}

const fixtures = loadFixtures();
const name = (f: ConformanceFixture) => `${f.library} × ${f.scenario}`;

describe('conformance fixtures', () => {
  it('every library has a fixture for every scenario it can play', () => {
    const have = new Set(fixtures.map((f) => `${f.library}/${f.scenario}`));
    const missing: string[] = [];
    for (const library of LIBRARIES) {
      for (const scenario of CONFORMANCE_SCENARIOS) {
        if (library === 'azure-identity-js' && scenario === 'expired-refresh') continue; // no such credential
        if (!have.has(`${library}/${scenario}`)) missing.push(`${library}/${scenario}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('each fixture records real requests and an expectation drawn from them', () => {
    for (const f of fixtures) {
      expect(f.requests.count, name(f)).toBeGreaterThan(0);
      expect(f.requests.perCall.length, name(f)).toBeGreaterThan(0);
      expect(f.output.length, name(f)).toBeGreaterThan(0);
      expect(f.version, name(f)).toMatch(/^\d+\.\d+/);
    }
  });
});

describe('Auth Lens agrees with what the library did', () => {
  describe.each(fixtures.map((f) => [name(f), f] as const))('%s', (_label, f) => {
    const e = f.expect;
    const c = classify(f.output);

    it(`retryable: the library ${e.retryable ? 'treats it as temporary' : 'does not retry it'} (${e.retriedByLibrary ? 'it retried by itself' : e.repeatReachedServer === false ? 'it held an identical repeat back' : 'no retry'})`, () => {
      expect(c.retryable, `classify said ${c.category}/${c.appAction}`).toBe(e.retryable);
    });

    if (e.interactionRequired !== null) {
      it(`interaction ${e.interactionRequired ? 'needed' : 'not needed'} (${e.interactionEvidence}) ⇔ appAction acquire_interactively/acquire_with_claims`, () => {
        const interactive = c.appAction === 'acquire_interactively' || c.appAction === 'acquire_with_claims';
        expect(interactive, `classify said ${c.category}/${c.appAction}`).toBe(e.interactionRequired);
      });
    }

    if (e.claims !== null) {
      it('the library surfaced claims ⇒ claims_challenge with the same claims', () => {
        expect(c.category).toBe('claims_challenge');
        expect(c.claimsChallenge).not.toBeNull();
        expect(JSON.parse(c.claimsChallenge!)).toEqual(JSON.parse(e.claims!));
      });
    }

    if (e.throttled) {
      it(`the library honoured Retry-After ${e.retryAfterSeconds} s ⇒ throttled with that wait`, () => {
        expect(c.category, `classify said ${c.category}/${c.appAction}`).toBe('throttled');
        if (retryAfterVisible(f.output, e.retryAfterSeconds)) {
          expect(c.retryAfterSeconds).toBe(e.retryAfterSeconds);
        } else {
          // The output does not carry the header the library read, so no reader can know the value; Auth
          // Lens must still tell the app to wait rather than retry at once.
          expect(c.retryAfterSeconds, 'a wait, since the library waited').not.toBeNull();
          expect(c.retryAfterSeconds!).toBeGreaterThan(0);
        }
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Live: the libraries on this machine, against the sandbox, compared with the fixtures.

/** One live scenario per library at least: a client-credential failure, a claims/interaction case, and the
 * throttling waits (msal-node holds the repeat back for Retry-After). */
const LIVE: [Library, ConformanceScenario][] = [
  ['msal-python', 'bad-secret'],
  ['msal-python', 'mfa'],
  ['msal-node', 'mfa'],
  ['msal-node', 'throttle'],
  ['azure-identity-js', 'bad-secret'],
  ['azure-identity-js', 'consent'],
];

function installed(library: Library): string | null {
  if (library === 'msal-python') {
    if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} is missing`;
    const r = spawnSync(SYSTEM_PYTHON, ['-c', 'import msal, requests'], { encoding: 'utf8', timeout: 30_000 });
    return r.status === 0 ? null : 'python3-msal is not installed (bash scripts/ensure-test-deps.sh)';
  }
  const pkg = library === 'msal-node' ? '@azure/msal-node' : '@azure/identity';
  return existsSync(join(REPO_ROOT, 'node_modules', ...pkg.split('/'), 'package.json')) ? null : `${pkg} is not installed (npm ci)`;
}

const missingWhy = new Map(LIBRARIES.map((l) => [l, installed(l)] as const));
const liveRuns = LIVE.filter(([l]) => missingWhy.get(l) === null);

describe('live runs match the fixtures (drift)', () => {
  let handle: SandboxHandle | undefined;
  const live = new Map<string, ConformanceFixture>();

  beforeAll(async () => {
    if (liveRuns.length === 0) return;
    handle = await startConformanceSandbox();
    // Libraries run side by side; each library's scenarios one after another.
    const byLibrary = new Map<Library, ConformanceScenario[]>();
    for (const [l, s] of liveRuns) byLibrary.set(l, [...(byLibrary.get(l) ?? []), s]);
    await Promise.all(
      [...byLibrary].map(async ([library, scenarios]) => {
        for (const scenario of scenarios) {
          const run = await runConformance(handle!, library, scenario);
          if (run) live.set(`${library}/${scenario}`, toFixture(run));
        }
      }),
    );
  }, 90_000);

  afterAll(async () => {
    await handle?.stop();
  });

  for (const library of LIBRARIES) {
    const why = missingWhy.get(library);
    if (why) it.skip(`${library}: not installed here — ${why}`, () => {});
  }

  describe.each(liveRuns.map(([l, s]) => [`${l} × ${s}`, l, s] as const))('%s', (_label, library, scenario) => {
    const recorded = (): ConformanceFixture => JSON.parse(readFileSync(fixturePath(library, scenario), 'utf8')) as ConformanceFixture;

    it('prints the same shape as the fixture (ids, times and ports aside)', () => {
      const now = live.get(`${library}/${scenario}`);
      expect(now, 'the live run produced a result').toBeDefined();
      const then = recorded();
      expect(now!.version, 're-record: npx tsx scripts/record-conformance.ts').toBe(then.version);
      expect(outputShape(now!.output)).toBe(outputShape(then.output));
      expect(now!.error?.name ?? null).toBe(then.error?.name ?? null);
    });

    it('does the same (requests, waits, error type, claims) as the fixture says', () => {
      const now = live.get(`${library}/${scenario}`)!;
      const then = recorded();
      expect(now.expect).toEqual(then.expect);
      expect(now.requests.perCall.map((c) => c.statuses)).toEqual(then.requests.perCall.map((c) => c.statuses));
    });

    it('Auth Lens reads the live output as it reads the fixture', () => {
      const now = classify(live.get(`${library}/${scenario}`)!.output);
      const then = classify(recorded().output);
      expect([now.category, now.appAction, now.retryable, now.retryAfterSeconds, now.claimsChallenge]).toEqual([
        then.category,
        then.appAction,
        then.retryable,
        then.retryAfterSeconds,
        then.claimsChallenge,
      ]);
    });
  });
});
