// Liveness of the token client against a misbehaving server on 127.0.0.1: every failure mode ends
// within a (generous) bound, with a classified outcome and a complete timeline. Bounds are liveness
// limits, far above the expected times, not speed measurements.
import { describe, expect, it } from 'vitest';
import { startUntrustedTlsServer, unusedPort } from '../sandbox/index';
import { expectCompleteTimeline, fault, newClient, request, SECRET, timed, url, useFaultServer } from './fault-client';

useFaultServer();

describe('HTTP status faults', () => {
  it('429 with Retry-After in seconds: waits that long, then succeeds', async () => {
    const { value: result, ms } = await timed(() => newClient().acquire(request(url('status', { code: '429', ra: '1', times: '1', then: 'ok' }))));
    expectCompleteTimeline(result);
    expect(result.classification.category).toBe('success');
    expect(result.timeline.attempts[0]).toMatchObject({ httpStatus: 429, decision: 'wait', retryAfterSeconds: 1, waitMs: 1000 });
    expect(result.timeline.attempts[0]!.classification.category).toBe('throttled');
    expect(ms).toBeLessThan(10_000);
  });

  it('408 Request Timeout is retried once like a timeout; onAttempt sees every attempt as it happens', async () => {
    const seen: string[] = [];
    const result = await newClient({ minRetryDelayMs: 50 }).acquire(request(url('status', { code: '408', times: '1', then: 'ok' })), {
      onAttempt: (attempt) => seen.push(`${attempt.index}:${attempt.httpStatus}:${attempt.decision}`),
    });
    expectCompleteTimeline(result);
    expect(result.classification.category).toBe('success');
    expect(seen).toEqual(['0:408:retry', '1:200:done']);
  });

  it('429 with Retry-After as an HTTP date: the date is turned into seconds', async () => {
    const { value: result, ms } = await timed(() => newClient().acquire(request(url('status', { code: '429', ra: '2', form: 'date', times: '1', then: 'ok' }))));
    expectCompleteTimeline(result);
    expect(result.classification.category).toBe('success');
    const first = result.timeline.attempts[0]!;
    expect(first.httpStatus).toBe(429);
    // The date is whole seconds and the clock moves on, so the value lands in 0..2 (2 requested).
    expect(first.retryAfterSeconds).not.toBeNull();
    expect(first.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(first.waitMs).toBe(first.retryAfterSeconds! * 1000);
    expect(ms).toBeLessThan(10_000);
  });

  it.each(['1 2', '0.5', '-30', '2026-11-20 10:00'])('429 with an unreadable Retry-After %j: treated as absent, no back-to-back retry, timeline and classification agree', async (ra) => {
    const result = await newClient({ minRetryDelayMs: 150, throttleMemory: false }).acquire(request(url('status', { code: '429', ra, times: '1', then: 'ok' })));
    expectCompleteTimeline(result);
    expect(result.classification.category).toBe('success');
    const first = result.timeline.attempts[0]!;
    expect(first).toMatchObject({ httpStatus: 429, decision: 'retry', retryAfterSeconds: null, waitMs: 150 });
    expect(first.classification.category).toBe('throttled');
    // The classification read the same header the same way: no Retry-After taken from it.
    expect(first.reason).not.toMatch(/Retry-After/);
  });

  it('429 asking for longer than the wait limit: stops at once, says when to come back, then answers locally', async () => {
    const client = newClient({ maxRetryAfterWaitMs: 5_000 });
    const target = url('status', { code: '429', ra: '120' });
    const { value: result, ms } = await timed(() => client.acquire(request(target)));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.classification.category).toBe('throttled');
    expect(result.classification.retryAfterSeconds).toBe(120);
    expect(result.timeline.attempts[0]!.reason).toMatch(/try again after \d{4}-\d\d-\d\dT/);
    expect(ms).toBeLessThan(5_000);

    const key = new URL(target).searchParams.get('key')!;
    const hitsBefore = fault.hits('status', key);
    const local = await client.acquire(request(target));
    expectCompleteTimeline(local);
    expect(fault.hits('status', key)).toBe(hitsBefore);
    expect(local.classification.category).toBe('throttled');
    expect(local.classification.retryAfterSeconds).toBeGreaterThan(100);
    expect(local.timeline.attempts[0]!.reason).toMatch(/answered locally/);
    expect(local.timeline.attempts[0]!.httpStatus).toBeNull();
  });

  it('503 without Retry-After: one retry after 1 s, then stop; the same request is then held back for 60 s', async () => {
    const client = newClient();
    const target = url('status', { code: '503' });
    const { value: result, ms } = await timed(() => client.acquire(request(target)));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts.map((a) => [a.httpStatus, a.decision, a.waitMs])).toEqual([
      [503, 'retry', 1000],
      [503, 'stop', 0],
    ]);
    expect(result.classification.category).toBe('transient');
    expect(ms).toBeLessThan(10_000);
    const local = await client.acquire(request(target));
    expect(local.classification.category).toBe('throttled');
    expect(local.classification.retryAfterSeconds).toBeGreaterThan(55);
    expect(local.classification.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('503 with a Retry-After beyond the wait limit is not retried', async () => {
    const result = await newClient({ maxRetryAfterWaitMs: 2_000 }).acquire(request(url('status', { code: '503', ra: '30' })));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.timeline.attempts[0]!.reason).toMatch(/beyond the .* wait limit/);
  });

  it('an HTML error page from a proxy (502) is retried once and reported', async () => {
    const { value: result, ms } = await timed(() => newClient({ minRetryDelayMs: 100 }).acquire(request(url('html-proxy'))));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(2);
    expect(result.classification.httpStatus).toBe(502);
    expect(result.classification.outcome).toBe('error');
    expect(result.tokens).toBeUndefined();
    expect(ms).toBeLessThan(10_000);
  });

  it('a redirect is reported and not followed; its query is not copied into the timeline', async () => {
    const result = await newClient().acquire(request(url('redirect')));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.classification.category).toBe('app_config');
    expect(result.timeline.attempts[0]!.reason).toMatch(/not followed/);
    expect(JSON.stringify(result.timeline)).not.toContain('should-not-leak');
  });

  it('an HTML login page with 200 (wrong content type) gives no token and says why', async () => {
    const result = await newClient().acquire(request(url('wrong-type')));
    expectCompleteTimeline(result);
    expect(result.tokens).toBeUndefined();
    expect(result.classification.summary).toMatch(/not JSON \(text\/html\)/);
  });

  it('a token answer labelled text/plain is accepted, with a note', async () => {
    const result = await newClient().acquire(request(url('json-as-text')));
    expectCompleteTimeline(result);
    expect(result.tokens?.accessToken).toMatch(/^eyJ/);
    expect(result.timeline.attempts[0]!.reason).toMatch(/labelled text\/plain/);
  });

  it('truncated JSON (200 and 400) ends with a classified error, not an exception', async () => {
    for (const code of ['200', '400']) {
      const result = await newClient().acquire(request(url('truncated-json', { code })));
      expectCompleteTimeline(result);
      expect(result.tokens).toBeUndefined();
      expect(result.classification.outcome).toBe('error');
      expect(result.timeline.attempts).toHaveLength(1);
    }
  });

  it('a huge body (chunked, and declared by Content-Length) is cut at the size limit', async () => {
    for (const name of ['huge', 'huge-declared'] as const) {
      const { value: result, ms } = await timed(() => newClient({ maxResponseBytes: 256 * 1024 }).acquire(request(url(name))));
      expectCompleteTimeline(result);
      expect(result.tokens).toBeUndefined();
      expect(result.timeline.attempts[0]!.networkError).toMatch(/262144-byte limit/);
      expect(result.classification.summary).toMatch(/larger than 262144 bytes/);
      expect(result.timeline.attempts).toHaveLength(1);
      expect(ms).toBeLessThan(10_000);
    }
  });
});

describe('network faults', () => {
  it('connection reset: retried once, then a network classification', async () => {
    const { value: result, ms } = await timed(() => newClient({ minRetryDelayMs: 100 }).acquire(request(url('reset'))));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(2);
    expect(result.timeline.attempts[0]!.networkError).toMatch(/reset|closed/i);
    expect(result.classification.category).toBe('network');
    expect(ms).toBeLessThan(10_000);
  });

  it('a server that never answers: each attempt ends at the attempt timeout', async () => {
    const { value: result, ms } = await timed(() => newClient({ attemptTimeoutMs: 600, minRetryDelayMs: 100 }).acquire(request(url('hang'))));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(2);
    for (const attempt of result.timeline.attempts) expect(attempt.networkError).toMatch(/600 ms \(attempt timeout\)/);
    expect(result.classification.category).toBe('network');
    expect(ms).toBeLessThan(10_000);
  });

  it('a slow body (headers, then a byte at a time) ends at the attempt timeout', async () => {
    const { value: result, ms } = await timed(() => newClient({ attemptTimeoutMs: 700, minRetryDelayMs: 100 }).acquire(request(url('slow-body'))));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts[0]!.networkError).toMatch(/attempt timeout/);
    expect(result.tokens).toBeUndefined();
    expect(result.classification.category).toBe('network');
    expect(ms).toBeLessThan(10_000);
  });

  it('a server that closes mid-body: retried once, then a network classification', async () => {
    const result = await newClient({ minRetryDelayMs: 100 }).acquire(request(url('close-mid-body')));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(2);
    expect(result.timeline.attempts[0]!.networkError).toMatch(/closed|cut off|reset/i);
    expect(result.tokens).toBeUndefined();
    expect(result.classification.category).toBe('network');
    expect(result.classification.summary).toMatch(/did not arrive in full/);
  });

  it('an unreachable port: connection refused, not retried', async () => {
    const port = await unusedPort();
    const { value: result, ms } = await timed(() => newClient().acquire(request(`http://127.0.0.1:${port}/token`, `http://127.0.0.1:${port}`)));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.timeline.attempts[0]!.networkError).toMatch(/ECONNREFUSED/);
    expect(result.classification.category).toBe('network');
    expect(ms).toBeLessThan(10_000);
  });

  it('DNS failure (.invalid host): reported as such, not retried', async () => {
    const { value: result, ms } = await timed(() => newClient({ attemptTimeoutMs: 8_000 }).acquire(request('https://login.auth-lens.invalid/tenant/oauth2/v2.0/token', 'https://login.auth-lens.invalid/tenant')));
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.timeline.attempts[0]!.networkError).toMatch(/DNS|ENOTFOUND|EAI_AGAIN|timeout/);
    expect(result.classification.category).toBe('network');
    expect(ms).toBeLessThan(20_000);
  });

  it('TLS with an untrusted self-signed certificate fails the handshake; trusting its CA makes it work', async () => {
    const tls = await startUntrustedTlsServer();
    try {
      const authority = new URL(tls.url).origin;
      const refused = await newClient().acquire(request(tls.url, authority));
      expectCompleteTimeline(refused);
      expect(refused.timeline.attempts).toHaveLength(1);
      expect(refused.timeline.attempts[0]!.networkError).toMatch(/TLS|certificate/i);
      expect(refused.classification.category).toBe('network');
      const trusted = await newClient({}, { ca: tls.caPem }).acquire(request(tls.url, authority));
      expect(trusted.classification.category).toBe('success');
    } finally {
      await tls.stop();
    }
  });
});

describe('discovery problems', () => {
  function discoveryRequest(authority: string) {
    return { settings: { authority, clientId: 'fault-app', flow: 'client_credentials' as const, scopes: ['api://fault/.default'] }, credentials: { clientSecret: SECRET } };
  }

  it('a good discovery document is used (and cached per issuer)', async () => {
    const client = newClient();
    const first = await client.acquire(discoveryRequest(fault.issuerUrl('ok')));
    expect(first.classification.category).toBe('success');
    expect(first.timeline.attempts.map((a) => a.method)).toEqual(['GET', 'POST']);
    const second = await client.acquire(discoveryRequest(fault.issuerUrl('ok')));
    expect(second.timeline.attempts.map((a) => a.method)).toEqual(['POST']);
  });

  it.each([
    ['not-json', /not JSON/],
    ['no-token-endpoint', /no token_endpoint/],
    ['issuer-mismatch', /names issuer https:\/\/someone-else\.example\//],
    ['missing', /HTTP 404/],
  ] as const)('%s gets its own message', async (kind, message) => {
    const result = await newClient().acquire(discoveryRequest(fault.issuerUrl(kind)));
    expectCompleteTimeline(result);
    expect(result.classification.category).toBe('app_config');
    expect(result.classification.summary).toMatch(message);
  });

  it('an unreachable issuer is a network problem naming the discovery URL', async () => {
    const port = await unusedPort();
    const result = await newClient().acquire(discoveryRequest(`http://127.0.0.1:${port}/issuer`));
    expectCompleteTimeline(result);
    expect(result.classification.category).toBe('network');
    expect(result.classification.summary).toContain('/.well-known/openid-configuration');
  });
});
