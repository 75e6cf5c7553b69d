// Managed-identity logs written by the real libraries against the sandbox's IMDS and App Service
// (scripts/record-logs.ts, scenarios managed-identity*): what Auth Lens reads from each, beyond the
// count/order/status/waits that scan-requests-recorded.test.ts holds for every recording.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCategories } from '../../src/cli/scan';
import { renderTimeline } from '../../src/cli/scan-timeline';
import { scanText } from '../../src/core/scan/index';
import { compareWithRecord, LOG_FIXTURES_DIR, type LogFixture } from '../conformance/log-recording';

function recording(library: string, scenario: string): { fixture: LogFixture; log: string } {
  const base = join(LOG_FIXTURES_DIR, library, scenario);
  return { fixture: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as LogFixture, log: readFileSync(`${base}.log`, 'utf8') };
}

const AZURE_IDENTITY = ['azure-identity-js', 'azure-identity-python'] as const;

describe('managed-identity logs from the real libraries', () => {
  for (const library of AZURE_IDENTITY) {
    describe(library, () => {
      it('App Service: the /msi/token request and its answer', () => {
        const { fixture, log } = recording(library, 'managed-identity');
        expect(fixture.requests.map((q) => `${q.method} ${q.endpoint} ${q.status}`)).toEqual(['GET managed_identity 200']);
        const reqs = scanText(log).requests ?? [];
        expect(reqs.map((r) => [r.endpoint, r.method, r.status, r.outcome])).toEqual([['managed_identity', 'GET', 200, 'success']]);
      });

      for (const [source, scenario] of [
        ['IMDS', 'managed-identity-throttle'],
        ['App Service', 'managed-identity-app-service-throttle'],
      ] as const) {
        it(`${source} throttling: two 429s with Retry-After 2 s, waited out, then the token`, () => {
          const { fixture, log } = recording(library, scenario);
          const reqs = (scanText(log).requests ?? []).filter((r) => r.source === 'network');
          expect(reqs.map((r) => [r.endpoint, r.status, r.retryAfterSeconds, r.outcome])).toEqual([
            ['managed_identity', 429, 2, 'throttled'],
            ['managed_identity', 429, 2, 'throttled'],
            ['managed_identity', 200, null, 'success'],
          ]);
          // The library honoured Retry-After: the sandbox saw each retry at least 2 s after the 429 before it.
          const at = fixture.requests.map((q) => q.atMs);
          expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(2000);
          expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2000);
          expect(scanText(log).requestFlags ?? []).toEqual([]);
          const c = compareWithRecord(reqs, fixture);
          expect(c.want).toHaveLength(3);
          expect(c.got).toEqual(c.want);
        });
      }

      it('IMDS "Identity not found": a failure of configuration (the identity is not on the host), not a malformed request', () => {
        const { fixture, log } = recording(library, 'managed-identity-not-found');
        const reqs = scanText(log).requests ?? [];
        expect(reqs.length).toBe(fixture.requests.length);
        for (const r of reqs) expect(r).toMatchObject({ endpoint: 'managed_identity', status: 400, outcome: 'failure', category: 'app_config' });
      });
    });
  }

  it('Azure Identity for Python asks IMDS once: after a 400 it marks managed identity unavailable; JavaScript asks again on the next call', () => {
    expect(recording('azure-identity-python', 'managed-identity-not-found').fixture.requests).toHaveLength(1);
    expect(recording('azure-identity-js', 'managed-identity-not-found').fixture.requests).toHaveLength(2);
    // Python quotes IMDS's answer in its traceback: the error value is read from it.
    const [py] = scanText(recording('azure-identity-python', 'managed-identity-not-found').log).requests ?? [];
    expect(py!.error).toBe('invalid_request');
  });

  it('IMDS failing with 500 twice: transient failures, then the token; each library waited by its own backoff (no Retry-After)', () => {
    for (const library of AZURE_IDENTITY) {
      const reqs = scanText(recording(library, 'managed-identity-unavailable').log).requests ?? [];
      expect(reqs.map((r) => [r.status, r.outcome, r.category])).toEqual([
        [500, 'failure', 'transient'],
        [500, 'failure', 'transient'],
        [200, 'success', 'success'],
      ]);
    }
    const gaps = (library: string) => {
      const at = recording(library, 'managed-identity-unavailable').fixture.requests.map((q) => q.atMs);
      return [at[1]! - at[0]!, at[2]! - at[1]!];
    };
    // azure-core for Python (IMDS: backoff factor 2): the first retry at once, the next after 4 s.
    const [py1, py2] = gaps('azure-identity-python');
    expect(py1).toBeLessThan(200);
    expect(py2).toBeGreaterThanOrEqual(4000);
    // @azure/core-rest-pipeline: exponential from 1 s with jitter (half to all of each step).
    const [js1, js2] = gaps('azure-identity-js');
    expect(js1).toBeGreaterThanOrEqual(500);
    expect(js1).toBeLessThan(1100);
    expect(js2).toBeGreaterThanOrEqual(1000);
    expect(js2).toBeLessThan(2100);
    // msal-node's IMDS policy: 1 s, then 2 s.
    const [node1, node2] = gaps('msal-node');
    expect(node1).toBeGreaterThanOrEqual(1000);
    expect(node1).toBeLessThan(1500);
    expect(node2).toBeGreaterThanOrEqual(2000);
    expect(node2).toBeLessThan(2500);
  });

  it('auth-lens scan --timeline: one row per request with its wait, status, outcome and Retry-After', () => {
    const { log } = recording('azure-identity-python', 'managed-identity-app-service-throttle');
    const rows = renderTimeline('mi.log', scanText(log), false).split('\n').filter((l) => l.includes('managed_identity'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/managed_identity\s+429\s+throttled\s+throttled\s+Retry-After 2 s/);
    expect(rows[1]).toMatch(/\+2\.0\d s\s+managed_identity\s+429/);
    expect(rows[2]).toMatch(/\+2\.0\d s\s+managed_identity\s+200\s+success/);
    const notFound = renderTimeline('mi.log', scanText(recording('azure-identity-python', 'managed-identity-not-found').log), false);
    expect(notFound).toMatch(/managed_identity\s+400\s+failure\s+app_config\s+invalid_request/);
  });

  it('auth-lens scan --fail-on matches a request\'s category where the log holds no code or error value (IMDS 400 in JavaScript)', () => {
    const summary = scanText(recording('azure-identity-js', 'managed-identity-not-found').log);
    expect(summary.codes).toEqual([]);
    const categories = scanCategories(summary);
    expect(categories.has('app_config')).toBe(true);
    expect(scanCategories(scanText(recording('azure-identity-js', 'managed-identity').log)).has('app_config')).toBe(false);
  });

  describe('msal-node alone: its managed-identity log names no request', () => {
    it('no URL and no status, so no request is reconstructed; only its retries leave a line each', () => {
      for (const scenario of ['managed-identity', 'managed-identity-throttle', 'managed-identity-not-found', 'managed-identity-app-service-throttle', 'managed-identity-unavailable']) {
        const { fixture, log } = recording('msal-node', scenario);
        expect(fixture.requests.length).toBeGreaterThan(0);
        expect(scanText(log).requests ?? []).toEqual([]);
      }
      const { fixture, log } = recording('msal-node', 'managed-identity-throttle');
      const retries = log.split('\n').filter((l) => /Retrying request in \d+ms \(retry attempt: \d+\)/.test(l));
      expect(retries).toHaveLength(fixture.requests.length - 1);
    });

    it('the CLI timeline says why it is empty', () => {
      const text = renderTimeline('mi.log', scanText(recording('msal-node', 'managed-identity-throttle').log), false);
      expect(text).toContain('0 request(s)');
      expect(text).toContain("msal-node's managed-identity client names no request at any level");
    });

    // What only the sandbox's record shows: msal-node retried sooner than the 429s asked. Its IMDS policy
    // backs off 1 s, 2 s, 4 s whatever the answer says; its App Service policy would wait out Retry-After,
    // but looks the header up as "Retry-After" in a map whose names are lower case, so waits its 1 s default.
    for (const [scenario, gaps] of [
      ['managed-identity-throttle', [1000, 2000]],
      ['managed-identity-app-service-throttle', [1000, 1000]],
    ] as const) {
      it(`${scenario}: msal-node retried after ${gaps.join(' ms and ')} ms although each 429 asked for 2 s`, () => {
        const { fixture, log } = recording('msal-node', scenario);
        expect(fixture.requests.map((q) => [q.status, q.retryAfter])).toEqual([
          [429, '2'],
          [429, '2'],
          [200, null],
        ]);
        gaps.forEach((gap, i) => {
          const seen = fixture.requests[i + 1]!.atMs - fixture.requests[i]!.atMs;
          expect(seen).toBeGreaterThanOrEqual(gap);
          expect(seen).toBeLessThan(Math.min(2000, gap) + 500);
        });
        expect(log.match(/Retrying request in \d+ms/g)).toEqual(gaps.map((g) => `Retrying request in ${g}ms`));
      });
    }
  });
});
