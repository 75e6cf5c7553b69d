// A misbehaving proxy in HTTPS_PROXY: one that closes every connection as soon as it accepts it, one
// that accepts and never answers CONNECT. undici alone reconnected to the first in a tight loop
// (100,000+ connections in 20 s) and waited on the second forever, and neither the attempt's time
// limit nor cancellation ended the run. Bounds here are liveness limits with wide margins for a busy
// machine, not speed measurements; the 1 s after a cancel is the promise the client makes.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../src/cli/token';
import { createTokenClient, type RetryPolicy, type TokenClient, type TokenResult } from '../../src/core/client/index';
import { buildCli, fakeCliIo, type BuiltCli } from './cli-process';

type ProxyMode = 'close' | 'silent';

interface BadProxy {
  url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Connections still open. */
  open(): number;
  stop(): Promise<void>;
}

async function startBadProxy(mode: ProxyMode): Promise<BadProxy> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    if (mode === 'close') {
      socket.destroy();
      return;
    }
    // Reads the CONNECT request and never answers it.
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    open: () => sockets.size,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const proxies: BadProxy[] = [];
const clients: TokenClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(proxies.splice(0).map((p) => p.stop()));
});

async function proxy(mode: ProxyMode): Promise<BadProxy> {
  const p = await startBadProxy(mode);
  proxies.push(p);
  return p;
}

// The authority is never reached (every request goes to the proxy), so the host need not exist.
const AUTHORITY = 'https://login.example.invalid/contoso.onmicrosoft.com';
const TOKEN_URL = `${AUTHORITY}/oauth2/v2.0/token`;
const REQUEST = {
  settings: { authority: AUTHORITY, clientId: 'proxy-app', flow: 'client_credentials' as const, scopes: ['api://proxy/.default'], endpoints: { token: TOKEN_URL } },
  credentials: { clientSecret: 'proxy-test-secret-0123456789' },
};

function client(options: { policy: Partial<RetryPolicy>; env?: Record<string, string>; dispatcher?: Dispatcher }): TokenClient {
  const c = createTokenClient({ env: options.env ?? {}, policy: options.policy, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
  clients.push(c);
  return c;
}

const TIMED_OUT = Symbol('still running');

/** The work's result, or TIMED_OUT when it has not ended within `ms` (a failing test, not a hung one). */
async function within<T>(ms: number, work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}

function ended<T>(value: T | typeof TIMED_OUT): T {
  expect(value, 'the run did not end').not.toBe(TIMED_OUT);
  return value as T;
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a run, cancels it once the proxy has been reached, and returns how long the run took to end after the cancel. */
async function cancelAfterConnect(c: TokenClient, p: BadProxy): Promise<{ result: TokenResult; afterAbortMs: number }> {
  const controller = new AbortController();
  const running = c.acquire(REQUEST, { signal: controller.signal });
  await until(() => p.connections() > 0);
  await new Promise((r) => setTimeout(r, 200));
  const abortedAt = performance.now();
  controller.abort();
  const result = ended(await within(10_000, running));
  return { result, afterAbortMs: performance.now() - abortedAt };
}

// A wide margin over a time limit, for a loaded 2-core machine.
const MARGIN_MS = 3_000;

/**
 * A run through the proxy with short limits and no cancel: one transient retry (the default policy),
 * then a stop; each attempt a network failure within its limit, and one connection per attempt at most.
 */
async function expectEndsByItself(mode: ProxyMode, attemptTimeoutMs: number) {
  const p = await proxy(mode);
  const c = client({ env: { HTTPS_PROXY: p.url }, policy: { attemptTimeoutMs, minRetryDelayMs: 100, throttleMemory: false } });
  const result = ended(await within(20_000, c.acquire(REQUEST)));
  const attempts = result.timeline.attempts;
  expect(attempts.map((a) => a.decision)).toEqual(['retry', 'stop']);
  for (const a of attempts) {
    expect(a.httpStatus).toBeNull();
    expect(a.durationMs).toBeLessThan(attemptTimeoutMs + MARGIN_MS);
  }
  expect(result.classification.category).toBe('network');
  expect(result.timeline.operation).toContain(`proxy ${p.url}`);
  // Before: a reconnect loop of tens of thousands of connections a second to the closing proxy.
  expect(p.connections()).toBeLessThanOrEqual(attempts.length);
  return { p, c, attempts };
}

describe('HTTPS_PROXY that closes every connection at once', () => {
  it('each attempt ends with a network error naming the proxy, one connection per attempt, and the run ends', async () => {
    const { p, c, attempts } = await expectEndsByItself('close', 2_000);
    for (const a of attempts) expect(a.networkError).toMatch(/proxy closed the connection/);
    const afterRun = p.connections();
    await c.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(p.connections()).toBe(afterRun);
  });

  it('a cancel ends the run within 1 s and leaves no reconnect loop behind', async () => {
    const p = await proxy('close');
    // Long limits: only the cancel can end this run soon.
    const c = client({ env: { HTTPS_PROXY: p.url }, policy: { attemptTimeoutMs: 60_000, minRetryDelayMs: 60_000, throttleMemory: false } });
    const { result, afterAbortMs } = await cancelAfterConnect(c, p);
    expect(result.cancelled).toBe(true);
    expect(afterAbortMs).toBeLessThan(1_000);
    expect(p.connections()).toBeLessThanOrEqual(4);
    const afterCancel = p.connections();
    await new Promise((r) => setTimeout(r, 300));
    expect(p.connections()).toBe(afterCancel);
  });
});

describe('HTTPS_PROXY that never answers CONNECT', () => {
  it('each attempt ends by its own time limit, and the connections stay few', async () => {
    const { attempts } = await expectEndsByItself('silent', 1_500);
    for (const a of attempts) {
      expect(a.networkError).toMatch(/1500 ms/);
      expect(a.durationMs).toBeGreaterThanOrEqual(1_400);
    }
  });

  it('a cancel ends the run within 1 s, and the stuck connection to the proxy is closed', async () => {
    const p = await proxy('silent');
    const c = client({ env: { HTTPS_PROXY: p.url }, policy: { attemptTimeoutMs: 60_000, throttleMemory: false } });
    const { result, afterAbortMs } = await cancelAfterConnect(c, p);
    expect(result.cancelled).toBe(true);
    expect(result.timeline.attempts.at(-1)).toMatchObject({ decision: 'stop', networkError: 'cancelled' });
    expect(afterAbortMs).toBeLessThan(1_000);
    expect(p.connections()).toBe(1);
    // The abandoned CONNECT does not linger until the 60 s limit.
    await until(() => p.open() === 0, 5_000);
    // The client stays usable after it replaced its stuck dispatcher: the next run reaches the proxy again.
    const next = ended(await within(10_000, c.acquire(REQUEST, { signal: AbortSignal.timeout(500) })));
    expect(next.cancelled).toBe(true);
    expect(p.connections()).toBe(2);
  });
});

describe('an injected dispatcher that never hands the request back', () => {
  /** Accepts every request and never calls the handler: no connect, no answer, no error. */
  class BlackHole extends Dispatcher {
    dispatched = 0;
    override dispatch(): boolean {
      this.dispatched += 1;
      return true;
    }
  }

  it('the attempt still ends by its time limit, and a cancel within 1 s', async () => {
    const hole = new BlackHole();
    const c = client({ dispatcher: hole, policy: { attemptTimeoutMs: 1_000, transientRetries: 0, throttleMemory: false } });
    const result = ended(await within(20_000, c.acquire(REQUEST)));
    expect(result.timeline.attempts).toHaveLength(1);
    expect(result.timeline.attempts[0]!.networkError).toMatch(/1000 ms/);
    expect(result.timeline.attempts[0]!.durationMs).toBeLessThan(1_000 + MARGIN_MS);

    const slow = client({ dispatcher: hole, policy: { attemptTimeoutMs: 60_000, throttleMemory: false } });
    const controller = new AbortController();
    const running = slow.acquire(REQUEST, { signal: controller.signal });
    await until(() => hole.dispatched === 2);
    const abortedAt = performance.now();
    controller.abort();
    const cancelled = ended(await within(10_000, running));
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(cancelled.cancelled).toBe(true);
  });
});

describe('auth-lens token through such a proxy', () => {
  const args = ['--authority', AUTHORITY, '--client-id', '11111111-2222-3333-4444-555555555555', '--flow', 'client_credentials', '--scope', 'api://proxy/.default', '--token-endpoint', TOKEN_URL];
  let tmp = '';
  let cli: BuiltCli;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'auth-lens-proxy-'));
    cli = await buildCli(tmp);
  }, 60_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(['close', 'silent'] as const)('proxy that is %s: --timeout 1 ends the command with exit 4 and a timeline', async (mode) => {
    const p = await proxy(mode);
    const io = fakeCliIo({ HTTPS_PROXY: p.url, AUTH_LENS_CLIENT_SECRET: 'proxy-test-secret-0123456789' });
    const code = ended(await within(25_000, runTokenCommand([...args, '--timeout', '1'], io)));
    expect(code, io.err).toBe(4);
    expect(io.out).toContain('Timeline');
    expect(io.out).toContain(`proxy ${p.url}`);
    expect(p.connections()).toBeLessThanOrEqual(4);
  });

  it.each(['close', 'silent'] as const)('proxy that is %s: Ctrl+C ends the process', async (mode) => {
    const p = await proxy(mode);
    let interruptedAt = 0;
    const r = await cli.run(['token', ...args, '--timeout', '60'], {
      env: { HTTPS_PROXY: p.url, AUTH_LENS_CLIENT_SECRET: 'proxy-test-secret-0123456789' },
      killAfterMs: 20_000,
      onSpawn: (child) => {
        void until(() => p.connections() > 0, 15_000).then(
          () => {
            interruptedAt = performance.now();
            child.kill('SIGINT');
          },
          () => undefined,
        );
      },
    });
    // Killed by the 20 s guard means Ctrl+C did not end it (code null, signal SIGKILL).
    expect(r.signal, r.stderr).toBeNull();
    expect(interruptedAt).toBeGreaterThan(0);
    // Process exit included; generous for a loaded machine.
    expect(performance.now() - interruptedAt).toBeLessThan(5_000);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/cancelled/);
    expect(p.connections()).toBeLessThanOrEqual(4);
  });
});
