// Logs written by the real libraries against the sandbox (scripts/record-logs.ts): the requests Auth
// Lens reconstructs from each log must be the requests the sandbox answered (OpenID discovery included,
// JWKS fetches aside), in count, order, endpoint, status (where the library logs it) and the waits
// between them, within the tolerance compareWithRecord explains (100 ms where the log has milliseconds,
// 1.1 s where it has whole seconds).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/redact';
import { scanText } from '../../src/core/scan/index';
import { compareWithRecord, LOG_FIXTURES_DIR, type LogFixture } from '../conformance/log-recording';

interface Recorded {
  name: string;
  fixture: LogFixture;
  log: string;
}

function recordings(): Recorded[] {
  const out: Recorded[] = [];
  for (const library of readdirSync(LOG_FIXTURES_DIR)) {
    for (const file of readdirSync(join(LOG_FIXTURES_DIR, library))) {
      if (!file.endsWith('.json')) continue;
      const fixture = JSON.parse(readFileSync(join(LOG_FIXTURES_DIR, library, file), 'utf8')) as LogFixture;
      out.push({ name: `${library}/${fixture.scenario}`, fixture, log: readFileSync(join(LOG_FIXTURES_DIR, library, file.replace(/\.json$/, '.log')), 'utf8') });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * msal-node alone logs the OpenID discovery it is about to fetch and "Sending token request" for client
 * credentials, and nothing else about the exchange: no status, no device-code or refresh-token request,
 * and it writes "Sending" before its own throttling check (so a request it then holds back looks sent).
 * These recordings keep what it logs; the tests below say exactly where it falls short of the record.
 */
const MSAL_NODE_ALONE = 'msal-node';

/**
 * msal-browser 5 (recorded in Chromium) logs no status and its sandbox record holds the browser's own
 * page loads (a popup's sign-in pages, a hidden iframe's authorize): scan-msal-browser.test.ts holds its
 * token requests to the record, with the status where the console shows one.
 */
const MSAL_BROWSER = 'msal-browser';
const ALONE = new Set([MSAL_NODE_ALONE, MSAL_BROWSER]);

/** The Azure CLI's --debug lines carry no time: the waits between its requests cannot be read, and none is made up. */
const UNTIMED = new Set(['azure-cli']);

const all = recordings();

describe('requests reconstructed from real library logs equal the sandbox record', () => {
  it('has recordings from every library, including 429 + Retry-After and device-code scenarios', () => {
    const names = all.map((r) => r.name);
    for (const library of ['msal-python', 'msal-node', 'azure-identity-js', 'azure-identity-python']) {
      expect(names).toContain(`${library}/throttle`);
      expect(names).toContain(`${library}/device-pending`);
    }
    expect(all.length).toBeGreaterThanOrEqual(14);
  });

  for (const { name, fixture, log } of all.filter((r) => !ALONE.has(r.fixture.library))) {
    it(`${name}: count, order, endpoint, status and waits`, () => {
      const requests = scanText(log).requests ?? [];
      const c = compareWithRecord(requests, fixture);
      expect(c.want.length).toBeGreaterThan(0);
      expect(c.got).toEqual(c.want);
      if (UNTIMED.has(fixture.library)) {
        expect(requests.every((r) => r.time === null && r.waitBeforeMs === null)).toBe(true);
        expect(c.waits.length).toBeGreaterThan(0);
      } else {
        for (const [i, w] of c.waits.entries()) {
          expect(w.got, `wait before request ${i + 2}`).not.toBeNull();
          expect(Math.abs(w.got! - w.want), `wait before request ${i + 2}: log ${w.got} ms, sandbox ${w.want} ms`).toBeLessThanOrEqual(w.tolerance);
        }
      }
      if (c.retryAfter) expect(c.retryAfter.got).toEqual(c.retryAfter.want);
    });
  }

  it('throttling: every 429 reads as throttled; device-code polls read as pending, never as failures', () => {
    for (const { fixture, log } of all.filter((r) => r.fixture.library !== MSAL_NODE_ALONE)) {
      const reqs = (scanText(log).requests ?? []).filter((r) => r.source === 'network');
      for (const r of reqs.filter((q) => q.status === 429)) expect(r.outcome).toBe('throttled');
      if (fixture.scenario === 'device-pending') {
        const polls = reqs.filter((r) => r.endpoint === 'token');
        expect(polls.length).toBeGreaterThan(0);
        expect(polls.every((r) => r.outcome === 'pending' && r.grant === 'device_code')).toBe(true);
      }
    }
  });

  it('libraries that honour Retry-After are not flagged; a held-back repeat is told apart from a request', () => {
    for (const { name, log } of all) {
      const flags = scanText(log).requestFlags ?? [];
      expect(flags.filter((f) => f.kind === 'retry_after_ignored'), name).toEqual([]);
    }
    const identityJs = all.find((r) => r.name === 'azure-identity-js/throttle')!;
    const held = (scanText(identityJs.log).requests ?? []).filter((r) => r.source === 'cache');
    // The second getToken call: msal-node logged "Sending token request", azure-core recorded nothing.
    expect(held).toHaveLength(1);
    const python = all.find((r) => r.name === 'msal-python/expired-refresh')!;
    const py = scanText(python.log).requests ?? [];
    expect(py.map((r) => `${r.endpoint} ${r.source} ${r.error} ${r.aadsts.join(',')}`)).toEqual(['discovery network null ', 'token network invalid_grant 700082', 'token cache invalid_grant 700082']);
  });

  it('a silent refresh that needs the user, with no interactive sign-in after it, is flagged', () => {
    const python = all.find((r) => r.name === 'msal-python/expired-refresh')!;
    const flags = scanText(python.log).requestFlags ?? [];
    expect(flags.map((f) => f.kind)).toEqual(['no_interactive_fallback']);
    const device = all.find((r) => r.name === 'msal-python/device-pending')!;
    expect(scanText(device.log).requestFlags ?? []).toEqual([]);
  });

  describe('the Azure CLI (az login --debug)', () => {
    const az = (scenario: string) => all.find((r) => r.name === `azure-cli/${scenario}`)!;
    it('takes the failure az prints after its stack trace as the answer of the request with the same correlation id', () => {
      const cases: [string, number, string][] = [
        ['bad-secret', 7000215, 'client_credential'],
        ['throttle', 90055, 'throttled'],
      ];
      for (const [scenario, code, category] of cases) {
        const { log } = az(scenario);
        const [req] = (scanText(log).requests ?? []).filter((r) => r.endpoint === 'token');
        expect(req, scenario).toBeDefined();
        // The first line naming the code (the exception's, then az's ERROR line) is far below MSAL's
        // request line: only the correlation id ties them together.
        const failureLine = log.split('\n').findIndex((l) => l.includes(`AADSTS${code}`)) + 1;
        expect(failureLine - req!.line, scenario).toBeGreaterThan(20);
        expect(log.split('\n')[failureLine - 1]).toContain(req!.correlationId!);
        expect(req!.aadsts, scenario).toEqual([code]);
        expect(req!.category, scenario).toBe(category);
        expect(req!.lines, scenario).toContain(failureLine);
      }
    });
    it('leaves a failure naming another correlation id to the counts', () => {
      const { log } = az('bad-secret');
      const [req] = (scanText(log).requests ?? []).filter((r) => r.endpoint === 'token');
      const other = log.split('\n').map((l) => (l.includes('AADSTS') ? l.replaceAll(req!.correlationId!, '00000000-1111-4222-8333-444444444444') : l)).join('\n');
      const summary = scanText(other);
      expect(summary.requests!.find((r) => r.endpoint === 'token')!.aadsts).toEqual([]);
      expect(summary.codes.map((c) => c.code)).toContain(7000215);
    });
    it('hides the client secret az --debug prints in its argument list', () => {
      const { log } = az('bad-secret');
      const secret = /'-p', '([^']+)'/.exec(log)?.[1];
      expect(secret?.length).toBeGreaterThan(8);
      expect(redactSecrets(log)).not.toContain(secret!);
      expect(redactSecrets(log)).toContain("'-p', '[redacted");
    });
  });

  describe('msal-node alone: what its log says and what it cannot', () => {
    const node = (scenario: string) => all.find((r) => r.name === `msal-node/${scenario}`)!;
    const endpoints = (lines: string[]) => lines.map((l) => l.split(' ')[0]);
    it('client credentials: the discovery, then one request per "Sending token request"; no status; waits within a second', () => {
      const { fixture, log } = node('bad-secret');
      const got = scanText(log).requests ?? [];
      const c = compareWithRecord(got, fixture);
      expect(endpoints(c.got)).toEqual(['discovery', 'token', 'token']);
      expect(endpoints(c.got)).toEqual(endpoints(c.want));
      expect(got.every((r) => r.status === null && r.correlationId !== null)).toBe(true);
      for (const w of c.waits) expect(Math.abs(w.got! - w.want)).toBeLessThanOrEqual(w.tolerance);
    });
    it('throttle: one "Sending" line more than the sandbox saw (msal-node held the repeat back after logging it)', () => {
      const c = compareWithRecord(scanText(node('throttle').log).requests ?? [], node('throttle').fixture);
      expect(endpoints(c.want)).toEqual(['discovery', 'token', 'token']);
      expect(endpoints(c.got)).toEqual(['discovery', 'token', 'token', 'token']);
    });
    it('device code and refresh token: msal-node logs the discovery and no request after it', () => {
      for (const scenario of ['device-pending', 'expired-refresh']) {
        const { fixture, log } = node(scenario);
        const c = compareWithRecord(scanText(log).requests ?? [], fixture);
        expect(endpoints(c.want).slice(1)).toContain('token');
        expect(c.got).toEqual(['discovery null']);
        expect(endpoints(c.want)[0]).toBe('discovery');
      }
    });
  });
});
