// Liveness of the token client's loops, device-code polling, cancellation and cleanup against the
// misbehaving server on 127.0.0.1 (HTTP and network faults are in faults.test.ts). Bounds are
// liveness limits, far above the expected times, not speed measurements.
import { describe, expect, it } from 'vitest';
import { createTokenClient, type TokenResult } from '../../src/core/client/index';
import { startFaultServer } from '../sandbox/index';
import { clients, expectCompleteTimeline, fault, newClient, request, timed, url, useFaultServer } from './fault-client';

useFaultServer();

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
