// Liveness of the token client against a misbehaving server on 127.0.0.1: every failure mode ends
// within a (generous) bound, with a classified outcome and a complete timeline. Bounds are liveness
// limits, far above the expected times, not speed measurements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenClient, type RetryPolicy, type TokenClient, type TokenResult } from '../../src/core/client/index';
import { startFaultServer, startUntrustedTlsServer, unusedPort, type FaultName, type FaultServer } from '../sandbox/index';

let fault: FaultServer;
const clients: TokenClient[] = [];
const SECRET = 'fault-test-secret-value-0123456789';

beforeAll(async () => {
  fault = await startFaultServer();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await fault?.stop();
});

function newClient(policy: Partial<RetryPolicy> = {}, extra: { ca?: string } = {}): TokenClient {
  const client = createTokenClient({ policy: { attemptTimeoutMs: 2_000, ...policy }, env: {}, ...extra });
  clients.push(client);
  return client;
}

function request(tokenUrl: string, authority = `${fault.url}/fault`) {
  return {
    settings: { authority, clientId: 'fault-app', flow: 'client_credentials' as const, scopes: ['api://fault/.default'], endpoints: { token: tokenUrl } },
    credentials: { clientSecret: SECRET },
  };
}

function url(name: FaultName, query: Record<string, string> = {}): string {
  return fault.tokenUrl(name, { key: `${name}-${Math.random().toString(36).slice(2)}`, ...query });
}

/** Every attempt is fully described, indices run in order, and the last decision ends the operation. */
function expectCompleteTimeline(result: TokenResult): void {
  const { timeline } = result;
  expect(timeline.attempts.length).toBeGreaterThan(0);
  expect(timeline.final).toEqual(result.classification);
  expect(Number.isNaN(Date.parse(timeline.startedAt))).toBe(false);
  timeline.attempts.forEach((attempt, i) => {
    expect(attempt.index).toBe(i);
    expect(attempt.method).toMatch(/^(GET|POST)$/);
    expect(attempt.url.length).toBeGreaterThan(0);
    expect(attempt.reason.length).toBeGreaterThan(0);
    expect(attempt.classification.summary.length).toBeGreaterThan(0);
    expect(attempt.startMs).toBeGreaterThanOrEqual(0);
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    // Only the last attempt may stop; earlier ones retry, wait, or finish a step (discovery, device code start).
    if (i < timeline.attempts.length - 1) expect(['retry', 'wait', 'done']).toContain(attempt.decision);
  });
  expect(['stop', 'done']).toContain(timeline.attempts.at(-1)!.decision);
  const text = JSON.stringify(timeline);
  expect(text).not.toContain(SECRET);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

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

describe('loops and device-code polling', () => {
  it('1,000 back-to-back 429s with Retry-After 0 end at the attempt limit', async () => {
    const target = url('status', { code: '429', ra: '0' });
    const key = new URL(target).searchParams.get('key')!;
    const { value: result, ms } = await timed(() =>
      newClient({ maxAttempts: 1_000, maxRetryAfterWaitMs: 1_000, throttleMemory: false }).acquire(request(target)),
    );
    expectCompleteTimeline(result);
    expect(result.timeline.attempts).toHaveLength(1_000);
    expect(fault.hits('status', key)).toBe(1_000);
    expect(result.timeline.attempts.at(-1)!.reason).toMatch(/attempt limit of 1000/);
    expect(result.classification.category).toBe('throttled');
    expect(ms).toBeLessThan(30_000);
  });

  it('1,000 identical requests after a 429: one reaches the server, the throttle memory answers the rest', async () => {
    const client = newClient({ maxRetryAfterWaitMs: 0 });
    const target = url('status', { code: '429', ra: '5' });
    const key = new URL(target).searchParams.get('key')!;
    const { value: results, ms } = await timed(async () => {
      const out: TokenResult[] = [];
      for (let i = 0; i < 1_000; i += 1) out.push(await client.acquire(request(target)));
      return out;
    });
    expect(fault.hits('status', key)).toBe(1);
    expect(results.every((r) => r.classification.category === 'throttled')).toBe(true);
    expect(results.slice(1).every((r) => r.timeline.attempts[0]!.reason.includes('answered locally'))).toBe(true);
    expect(ms).toBeLessThan(20_000);
  });

  it('device code: authorization_pending, slow_down (+5 s), then success', async () => {
    const seq = url('device-seq', { seq: 'pending,slow_down,ok' });
    const shown: string[] = [];
    const { value: result, ms } = await timed(() =>
      newClient().acquire(
        {
          settings: {
            authority: `${fault.url}/fault`,
            clientId: 'fault-device',
            flow: 'device_code',
            scopes: ['api://fault/read'],
            endpoints: { token: seq, deviceAuthorization: url('device-auth', { interval: '0' }) },
          },
        },
        { onDeviceCode: (info) => void shown.push(info.userCode) },
      ),
    );
    expectCompleteTimeline(result);
    expect(shown).toEqual(['FAULT-CODE']);
    expect(result.classification.category).toBe('success');
    const polls = result.timeline.attempts.slice(1);
    expect(polls.map((a) => [a.decision, a.waitMs])).toEqual([
      ['wait', 0],
      ['wait', 5_000],
      ['done', 0],
    ]);
    expect(polls[1]!.reason).toMatch(/slow_down/);
    expect(JSON.stringify(result.timeline)).not.toContain('fault-device-code-secret');
    expect(ms).toBeLessThan(15_000);
  });

  it.each([
    ['expired_token', /expired/],
    ['access_denied', /declined|refused/],
  ] as const)('device code: %s stops polling', async (answer, reason) => {
    const result = await newClient().acquire(
      {
        settings: {
          authority: `${fault.url}/fault`,
          clientId: 'fault-device',
          flow: 'device_code',
          scopes: ['api://fault/read'],
          endpoints: { token: url('device-seq', { seq: `pending,${answer}` }), deviceAuthorization: url('device-auth', { interval: '0' }) },
        },
      },
      { onDeviceCode: () => undefined },
    );
    expectCompleteTimeline(result);
    expect(result.tokens).toBeUndefined();
    expect(result.timeline.attempts.at(-1)!.reason).toMatch(reason);
    expect(result.classification.error).toBe(answer);
  });
});

describe('cancellation and cleanup', () => {
  it('cancelling while the device-code flow waits for the user stops polling at once', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = newClient().acquire(
      {
        settings: {
          authority: `${fault.url}/fault`,
          clientId: 'fault-device',
          flow: 'device_code',
          scopes: ['api://fault/read'],
          endpoints: { token: url('device-seq', { seq: 'pending' }), deviceAuthorization: url('device-auth', { interval: '20' }) },
        },
      },
      { signal: controller.signal, onDeviceCode: () => void setTimeout(() => controller.abort(), 200) },
    );
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(5_000);
    expectCompleteTimeline(result);
    expect(result.cancelled).toBe(true);
    expect(result.timeline.attempts.at(-1)!.reason).toMatch(/cancelled by the caller while waiting for the user/);
  });

  it('auth code + PKCE: an error sent back to the loopback redirect is classified and stops the flow', async () => {
    let landing: Promise<{ statusCode: number; body: string }> | undefined;
    const result = await newClient().acquire(
      { settings: { authority: fault.issuerUrl('ok'), clientId: 'fault-public', flow: 'auth_code_pkce', scopes: ['api://fault/read'] } },
      {
        openBrowser: (authorizeUrl) => {
          const params = new URL(authorizeUrl).searchParams;
          const back = new URL(params.get('redirect_uri')!);
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', 'AADSTS65004: The user declined to consent to access the app.');
          back.searchParams.set('state', params.get('state')!);
          landing = fetch(back).then(async (r) => ({ statusCode: r.status, body: await r.text() }));
        },
      },
    );
    expectCompleteTimeline(result);
    expect((await landing!).body).toMatch(/did not complete/);
    expect(result.classification.error).toBe('access_denied');
    expect(result.classification.aadsts).toContain(65004);
    expect(result.timeline.attempts.at(-1)!.reason).toMatch(/authorize step answered access_denied/);
    expect(result.timeline.attempts.filter((a) => a.method === 'POST')).toHaveLength(0);
  });

  it('auth code + PKCE gives up when the browser never comes back (time-limited listener)', async () => {
    let redirectUri = '';
    const client = createTokenClient({ env: {}, loopbackTimeoutMs: 300 });
    clients.push(client);
    const { value: result, ms } = await timed(() =>
      client.acquire(
        { settings: { authority: fault.issuerUrl('ok'), clientId: 'fault-public', flow: 'auth_code_pkce', scopes: ['api://fault/read'] } },
        { openBrowser: (authorizeUrl) => void (redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri')!) },
      ),
    );
    expectCompleteTimeline(result);
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(result.classification.category).toBe('interaction_required');
    expect(result.timeline.attempts.at(-1)!.reason).toMatch(/no redirect arrived/);
    expect(ms).toBeLessThan(5_000);
  });

  it('cancelling during a Retry-After sleep stops at once', async () => {
    const client = newClient({ maxRetryAfterWaitMs: 60_000 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = client.acquire(request(url('status', { code: '429', ra: '30' })), { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(5_000);
    expectCompleteTimeline(result);
    expect(result.cancelled).toBe(true);
    expect(result.timeline.attempts.at(-1)!.reason).toMatch(/cancelled .* during the wait/);
  });

  it('cancelling a hanging request stops at once', async () => {
    const client = newClient({ attemptTimeoutMs: 30_000 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = client.acquire(request(url('hang')), { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(5_000);
    expectCompleteTimeline(result);
    expect(result.cancelled).toBe(true);
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.timeline.attempts[0]!.networkError).toBe('cancelled');
  });

  it('an already-aborted signal sends nothing', async () => {
    const target = url('ok');
    const key = new URL(target).searchParams.get('key')!;
    const result = await newClient().acquire(request(target), { signal: AbortSignal.abort() });
    expect(result.cancelled).toBe(true);
    expect(fault.hits('ok', key)).toBe(0);
  });

  it('no timers or sockets are left behind after close', async () => {
    const count = (name: string) => process.getActiveResourcesInfo().filter((r) => r === name).length;
    const own = await startFaultServer();
    const baseline = { timeouts: count('Timeout'), sockets: count('TCPSocketWrap'), servers: count('TCPServerWrap') };
    const client = createTokenClient({ policy: { attemptTimeoutMs: 400, minRetryDelayMs: 50, maxRetryAfterWaitMs: 60_000 }, env: {} });
    const ctl = new AbortController();
    const sleeping = client.acquire(request(own.tokenUrl('status', { code: '429', ra: '30' })), { signal: ctl.signal });
    const hanging = client.acquire(request(own.tokenUrl('hang')));
    await client.acquire(request(own.tokenUrl('ok')));
    setTimeout(() => ctl.abort(), 100);
    await Promise.all([sleeping, hanging]);
    await client.close();
    await own.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(count('Timeout')).toBeLessThanOrEqual(baseline.timeouts);
    expect(count('TCPSocketWrap')).toBeLessThanOrEqual(baseline.sockets);
    expect(count('TCPServerWrap')).toBeLessThan(baseline.servers);
    const after = await client.acquire(request(own.tokenUrl('ok')));
    expect(after.settingsErrors?.[0]).toMatch(/closed/);
  });
});
