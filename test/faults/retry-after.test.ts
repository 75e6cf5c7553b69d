// Retry-After values a server (or a proxy) can send that are not RFC 9110 forms. The classifier
// ignores them (src/core/classify/http-text.ts parseRetryAfter: delta-seconds or an HTTP date only), so the
// classification says "429 without Retry-After, wait at least 60 s"; the token client must then not
// fire its remaining attempts back to back. The client reads the header with that same function; an
// earlier reader of its own took these with Date.parse ("1 2" is 2 January 2001) or as 0 (negatives)
// and retried with no pause at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenClient, type RetryPolicy } from '../../src/core/client/index';
import { startRawFaultServer, type RawFaultServer } from './raw-server';

const POLICY: Partial<RetryPolicy> = { attemptTimeoutMs: 1_500, maxRetryAfterWaitMs: 3_000, minRetryDelayMs: 200, maxAttempts: 6, throttleMemory: false };
let raw: RawFaultServer;

beforeAll(async () => {
  raw = await startRawFaultServer();
});
afterAll(async () => {
  await raw?.stop();
});

describe('429 with a Retry-After that is not delta-seconds or an HTTP date', () => {
  it.each(['Retry-After "1 2"', 'Retry-After local-time date', 'Retry-After fraction', 'Retry-After negative'])('%s: no back-to-back retries; timeline and classification agree', async (fault) => {
    const client = createTokenClient({ policy: POLICY, env: {} });
    try {
      const url = raw.url(fault);
      const result = await client.acquire({
        settings: { authority: `${new URL(url).origin}/ra`, clientId: 'ra-app', flow: 'client_credentials', scopes: ['api://ra/.default'], endpoints: { token: url } },
        credentials: { clientSecret: 'retry-after-test-secret-0123' },
      });
      const next = result.timeline.attempts.filter((a) => a.decision === 'wait' || a.decision === 'retry');
      for (const a of next) expect(a.waitMs, `attempt ${a.index + 1} (${a.reason})`).toBeGreaterThanOrEqual(POLICY.minRetryDelayMs!);
      // The header is unreadable, as the classifier says: the timeline must not invent a wait from it.
      expect(result.timeline.attempts[0]!.retryAfterSeconds).toBeNull();
    } finally {
      await client.close();
    }
  });
});
