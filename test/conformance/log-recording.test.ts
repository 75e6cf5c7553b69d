// Live: the real libraries write their logs against the sandbox now, and the requests Auth Lens reads
// back from each log equal the sandbox's record of what it answered (the recorded fixtures in
// test/fixtures/logs are checked the same way in test/unit/scan-requests-recorded.test.ts; this catches
// drift in a library's log format or in the sandbox).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/scan/index';
import { type SandboxHandle, startConformanceSandbox } from './harness';
import { compareBrowserRecord } from './browser-recording';
import { compareWithRecord, type LogLibrary, logLibraryAvailability, type LogScenario, recordLog } from './log-recording';

const LIVE: [LogLibrary, LogScenario][] = [
  ['msal-python', 'throttle'],
  ['msal-python', 'instance-discovery'],
  ['azure-identity-python', 'device-pending'],
  ['azure-identity-js', 'throttle'],
  ['msal-browser', 'throttle'],
  ['msal-browser', 'popup'],
  ['azure-cli', 'bad-secret'],
  // Managed identity: IMDS throttling (Python waits out Retry-After), IMDS not knowing the identity (JS asks twice).
  ['azure-identity-python', 'managed-identity-throttle'],
  ['azure-identity-js', 'managed-identity-not-found'],
];

describe('live library logs read back as the sandbox answered them', () => {
  let handle: SandboxHandle | undefined;
  const results = new Map<string, Awaited<ReturnType<typeof recordLog>> | string>();

  beforeAll(async () => {
    handle = await startConformanceSandbox();
    // One after another: the record of each run is what the sandbox answered while it ran.
    for (const [library, scenario] of LIVE) {
      const available = await logLibraryAvailability(library);
      results.set(`${library}/${scenario}`, available.available ? await recordLog(handle, library, scenario) : `not installed: ${available.reason}`);
    }
  }, 120_000);

  afterAll(async () => {
    await handle?.stop();
  });

  for (const [library, scenario] of LIVE) {
    it(`${library} × ${scenario}`, () => {
      const recorded = results.get(`${library}/${scenario}`);
      if (typeof recorded === 'string') throw new Error(`${library}: ${recorded}`);
      expect(recorded).not.toBeNull();
      const requests = scanText(recorded!.log).requests ?? [];
      if (library === 'msal-browser') {
        // msal-browser logs no status: a failure's comes from the browser's line, a success shows as a stored answer.
        const b = compareBrowserRecord(requests, recorded!.fixture);
        expect(b.want.length).toBeGreaterThan(1);
        expect(b.got).toEqual(b.want);
        for (const w of b.waits) expect(Math.abs((w.got ?? Number.NaN) - w.want), `log ${w.got} ms, sandbox ${w.want} ms`).toBeLessThanOrEqual(w.tolerance);
        return;
      }
      const c = compareWithRecord(requests, recorded!.fixture);
      // az login makes one token request; the libraries' scenarios make several.
      expect(c.want.length).toBeGreaterThan(library === 'azure-cli' ? 0 : 1);
      expect(c.got).toEqual(c.want);
      if (library === 'azure-cli') {
        // Its --debug lines carry no time (UNTIMED in scan-requests-recorded.test.ts): no wait is read, none made up.
        expect(requests.every((r) => r.time === null && r.waitBeforeMs === null)).toBe(true);
      } else {
        for (const w of c.waits) expect(Math.abs((w.got ?? Number.NaN) - w.want), `log ${w.got} ms, sandbox ${w.want} ms`).toBeLessThanOrEqual(w.tolerance);
      }
      if (c.retryAfter) expect(c.retryAfter.got).toEqual(c.retryAfter.want);
    });
  }
});
