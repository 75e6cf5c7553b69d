// Shared set-up of the fault tests (faults.test.ts, fault-flows.test.ts): one misbehaving server per
// test file, token clients that are all closed afterwards, and the timeline check every fault shares.
import { afterAll, beforeAll, expect } from 'vitest';
import { createTokenClient, type RetryPolicy, type TokenClient, type TokenResult } from '../../src/core/client/index';
import { startFaultServer, type FaultName, type FaultServer } from '../sandbox/index';

export let fault: FaultServer;
/** Clients the tests made; closed after the file. */
export const clients: TokenClient[] = [];
export const SECRET = 'fault-test-secret-value-0123456789';

/** Starts the fault server before the calling test file and closes it and every client after. */
export function useFaultServer(): void {
  beforeAll(async () => {
    fault = await startFaultServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fault?.stop();
  });
}

export function newClient(policy: Partial<RetryPolicy> = {}, extra: { ca?: string } = {}): TokenClient {
  const client = createTokenClient({ policy: { attemptTimeoutMs: 2_000, ...policy }, env: {}, ...extra });
  clients.push(client);
  return client;
}

export function request(tokenUrl: string, authority = `${fault.url}/fault`) {
  return {
    settings: { authority, clientId: 'fault-app', flow: 'client_credentials' as const, scopes: ['api://fault/.default'], endpoints: { token: tokenUrl } },
    credentials: { clientSecret: SECRET },
  };
}

export function url(name: FaultName, query: Record<string, string> = {}): string {
  return fault.tokenUrl(name, { key: `${name}-${Math.random().toString(36).slice(2)}`, ...query });
}

/** Every attempt is fully described, indices run in order, and the last decision ends the operation. */
export function expectCompleteTimeline(result: TokenResult): void {
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

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}
