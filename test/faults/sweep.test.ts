// Faults beyond test/integration/faults.test.ts: raw-socket answers no HTTP server library produces
// (see raw-server.ts), and cancellation at random moments of every fault of the shared fault server.
// For each: the acquisition ends within its bound, never throws, its timeline and classification fit
// the panel protocol, nothing secret is in them, no promise rejection goes unhandled, and once the
// clients are closed no timer or socket is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenClient, type RetryPolicy, type TokenClient, type TokenResult } from '../../src/core/client/index';
import { ClassificationSchema, TimelineSchema } from '../../src/protocol';
import { startFaultServer, type FaultName, type FaultServer } from '../sandbox/index';
import { RAW_FAULTS, startRawFaultServer, type RawFaultServer } from './raw-server';

const SECRET = 'sweep-client-secret~value.0123456789';
const POLICY: Partial<RetryPolicy> = { attemptTimeoutMs: 1_500, maxRetryAfterWaitMs: 3_000, minRetryDelayMs: 50, maxAttempts: 4, throttleMemory: false, maxResponseBytes: 256 * 1024 };
/** Longest any run may take: every attempt timing out plus the longest allowed wait, with room for a loaded machine. */
const BOUND_MS = 4 * 1_500 + 3_000 + 10_000;

let raw: RawFaultServer;
let shared: FaultServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const count = (name: string) => process.getActiveResourcesInfo().filter((r) => r === name).length;
let baseline = { timeouts: 0, sockets: 0 };
let injected = 0;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  baseline = { timeouts: count('Timeout'), sockets: count('TCPSocketWrap') };
  raw = await startRawFaultServer();
  shared = await startFaultServer();
});

afterAll(async () => {
  await raw?.stop();
  await shared?.stop();
  // Give closed sockets a tick to be released before the next file's baseline.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);
  console.log(`faults injected by test/faults: ${injected}`);
});

function request(tokenUrl: string) {
  const origin = new URL(tokenUrl).origin;
  return {
    settings: { authority: `${origin}/sweep`, clientId: 'sweep-app', flow: 'client_credentials' as const, scopes: ['api://sweep/.default'], endpoints: { token: tokenUrl } },
    credentials: { clientSecret: SECRET },
  };
}

function expectSound(result: TokenResult, ms: number): void {
  expect(ms).toBeLessThan(BOUND_MS);
  expect(TimelineSchema.safeParse(result.timeline).error?.issues ?? []).toEqual([]);
  expect(ClassificationSchema.safeParse(result.classification).error?.issues ?? []).toEqual([]);
  expect(result.timeline.attempts.length).toBeGreaterThan(0);
  expect(result.timeline.attempts.length).toBeLessThanOrEqual(POLICY.maxAttempts!);
  expect(result.timeline.final).toEqual(result.classification);
  expect(['stop', 'done']).toContain(result.timeline.attempts.at(-1)!.decision);
  const text = JSON.stringify(result);
  for (const secret of [SECRET, encodeURIComponent(SECRET), 'raw-fault-secret-value-0123', 'c2lnbmF0dXJlLWZhdWx0LXByb2Jl']) expect(text).not.toContain(secret);
  expect(unhandled).toEqual([]);
}

async function acquire(client: TokenClient, url: string, signal?: AbortSignal): Promise<{ result: TokenResult; ms: number }> {
  injected++;
  const started = performance.now();
  const result = await client.acquire(request(url), signal ? { signal } : {});
  return { result, ms: performance.now() - started };
}

describe('raw-socket faults', () => {
  for (const name of Object.keys(RAW_FAULTS)) {
    it(name, async () => {
      const client = createTokenClient({ policy: POLICY, env: {} });
      try {
        const { result, ms } = await acquire(client, raw.url(name));
        expectSound(result, ms);
        expect(raw.hits(name)).toBeGreaterThan(0);
        // None of these answers carries a usable token.
        if (result.tokens) expect(typeof result.tokens.accessToken).toBe('string');
        if (name.startsWith('Retry-After') || name === 'two Retry-After headers') {
          // A throttling answer whatever its header says: the wait must be finite, non-negative and within the limit.
          for (const a of result.timeline.attempts) {
            expect(a.waitMs).toBeGreaterThanOrEqual(0);
            expect(a.waitMs).toBeLessThanOrEqual(POLICY.maxRetryAfterWaitMs!);
          }
        }
      } finally {
        await client.close();
      }
    }, BOUND_MS + 5_000);
  }
});

describe('cancellation at random moments of every shared fault', () => {
  const faults: [FaultName, Record<string, string>][] = [
    ['status', { code: '429', ra: '2' }],
    ['status', { code: '503' }],
    ['hang', {}],
    ['slow-body', {}],
    ['huge', {}],
    ['huge-declared', {}],
    ['reset', {}],
    ['close-mid-body', {}],
    ['truncated-json', {}],
    ['html-proxy', {}],
    ['ok', {}],
  ];
  // Deterministic "random" delays: before the request, during connect, mid-answer, mid-wait.
  const delays = [0, 1, 7, 40, 180, 700];
  for (const [fault, query] of faults) {
    it(`${fault} ${new URLSearchParams(query).toString()}`, async () => {
      const client = createTokenClient({ policy: POLICY, env: {} });
      try {
        const runs = delays.map(async (delay, i) => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), delay);
          const { result, ms } = await acquire(client, shared.tokenUrl(fault, { key: `${fault}-${i}-${Math.random().toString(36).slice(2)}`, ...query }), controller.signal);
          clearTimeout(timer);
          return { result, ms, delay };
        });
        for (const { result, ms, delay } of await Promise.all(runs)) {
          expectSound(result, ms);
          // A cancelled run says so and stops promptly; a finished one had already ended before the abort.
          if (result.cancelled) expect(ms - delay).toBeLessThan(3_000);
        }
      } finally {
        await client.close();
      }
    }, BOUND_MS + 5_000);
  }

  it('a signal aborted while many requests are in flight on one client cancels all of them', async () => {
    const client = createTokenClient({ policy: { ...POLICY, attemptTimeoutMs: 30_000 }, env: {} });
    try {
      const controller = new AbortController();
      const runs = Array.from({ length: 50 }, (_, i) => acquire(client, shared.tokenUrl('hang', { key: `many-${i}` }), controller.signal));
      setTimeout(() => controller.abort(), 100);
      const done = await Promise.all(runs);
      for (const { result, ms } of done) {
        expect(result.cancelled).toBe(true);
        expectSound(result, ms);
      }
    } finally {
      await client.close();
    }
  }, 30_000);
});

describe('after every fault', () => {
  it('no timer or socket is left behind once the clients are closed', async () => {
    await raw.stop();
    await shared.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(count('Timeout')).toBeLessThanOrEqual(baseline.timeouts);
    expect(count('TCPSocketWrap')).toBeLessThanOrEqual(baseline.sockets);
    expect(unhandled).toEqual([]);
    // Restart so afterAll's stop has something to stop (stop is idempotent on a closed server otherwise).
    raw = await startRawFaultServer();
    shared = await startFaultServer();
  });
});
