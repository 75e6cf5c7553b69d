// The loopback redirect listener of auth code + PKCE, under hostile and late requests. The grants
// tests cover the happy path and one wrong state; these cover what an attacker on the same machine,
// a stale browser tab or a slow user can do: a second redirect, a redirect after the time limit,
// other methods and paths, reflected text, and other interfaces than 127.0.0.1.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackListener, type LoopbackListener } from '../../src/core/client/loopback';

const open: LoopbackListener[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

async function listener(options: { state?: string; path?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LoopbackListener> {
  const l = await startLoopbackListener({ state: options.state ?? 'the-state-0123456789', path: options.path, timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal });
  open.push(l);
  return l;
}

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; text: string } | { error: string }> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(5_000) });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return { error: cause?.code ?? (e as Error).message };
  }
}

/** True when a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 only: not on ::1, not on any other interface of this machine', async () => {
    const l = await listener();
    expect(new URL(l.redirectUri).hostname).toBe('127.0.0.1');
    expect(await accepts('127.0.0.1', l.port)).toBe(true);
    expect(await accepts('::1', l.port)).toBe(false);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const address of others) expect(await accepts(address, l.port), address).toBe(false);
  });

  it('refuses a wrong, missing or repeated-but-wrong state and keeps waiting for the real redirect', async () => {
    const l = await listener({ state: 'S1' });
    for (const query of ['?code=c&state=wrong', '?code=c', '?code=c&state=', '?code=c&state=s1', '?code=c&state=wrong&state=S1', '?code=c&STATE=S1']) {
      const r = await get(l.redirectUri + query);
      expect(r, query).toMatchObject({ status: 400 });
    }
    const ok = await get(`${l.redirectUri}?code=the-code&state=S1`);
    expect(ok).toMatchObject({ status: 200 });
    await expect(l.result).resolves.toEqual({ kind: 'code', code: 'the-code' });
  });

  it('accepts exactly one redirect: a second one, even with the right state, gets nothing', async () => {
    const l = await listener({ state: 'S2' });
    expect(await get(`${l.redirectUri}?code=first&state=S2`)).toMatchObject({ status: 200 });
    const second = await get(`${l.redirectUri}?code=second&state=S2`);
    // The server is closed after the first answer: the connection is refused (or, if a kept-alive
    // socket raced the close, answered 404). Either way the second code is never taken.
    if ('status' in second) expect(second.status).toBe(404);
    else expect(second.error).toMatch(/ECONNREFUSED|ECONNRESET|other side closed|fetch failed/);
    await expect(l.result).resolves.toEqual({ kind: 'code', code: 'first' });
  });

  it('after its time limit it has stopped listening and reports a timeout', async () => {
    const l = await listener({ state: 'S3', timeoutMs: 150 });
    await expect(l.result).resolves.toEqual({ kind: 'timeout' });
    expect(await accepts('127.0.0.1', l.port)).toBe(false);
    const late = await get(`${l.redirectUri}?code=late&state=S3`);
    expect('error' in late).toBe(true);
  });

  it('cancellation closes it; an already-aborted signal never opens it', async () => {
    const controller = new AbortController();
    const l = await listener({ signal: controller.signal });
    controller.abort();
    await expect(l.result).resolves.toEqual({ kind: 'cancelled' });
    expect(await accepts('127.0.0.1', l.port)).toBe(false);
    await expect(startLoopbackListener({ state: 's', timeoutMs: 1_000, signal: AbortSignal.abort() })).rejects.toThrow(/cancel/);
  });

  it('answers only GET on its own path; other methods and paths do not consume the one redirect', async () => {
    const l = await listener({ state: 'S4', path: '/cb' });
    expect(l.redirectUri).toMatch(/\/cb$/);
    const base = l.redirectUri.replace(/\/cb$/, '');
    expect(await get(`${base}/?code=c&state=S4`)).toMatchObject({ status: 404 });
    expect(await get(`${base}/cb/?code=c&state=S4`)).toMatchObject({ status: 404 });
    expect(await get(`${base}/CB?code=c&state=S4`)).toMatchObject({ status: 404 });
    expect(await get(`${l.redirectUri}?code=c&state=S4`, { method: 'POST', body: 'code=c&state=S4' })).toMatchObject({ status: 404 });
    expect(await get(`${l.redirectUri}?code=c&state=S4`, { method: 'HEAD' })).toMatchObject({ status: 404 });
    expect(await get(`${l.redirectUri}?code=real&state=S4`)).toMatchObject({ status: 200 });
    await expect(l.result).resolves.toEqual({ kind: 'code', code: 'real' });
  });

  it('an error redirect is reported; the text it carries is escaped in the page, never markup', async () => {
    const l = await listener({ state: 'S5' });
    const error = '<script>alert(1)</script>';
    const r = await get(`${l.redirectUri}?error=${encodeURIComponent(error)}&error_description=${encodeURIComponent('<img src=x onerror=alert(2)>')}&state=S5`);
    expect(r).toMatchObject({ status: 200 });
    const text = (r as { text: string }).text;
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).toContain('&#60;script&#62;');
    await expect(l.result).resolves.toMatchObject({ kind: 'error', error, errorDescription: '<img src=x onerror=alert(2)>' });
  });

  it('a request target that is not a URL path (//, http://[, absolute forms) gets an error answer, not an uncaught exception', async () => {
    const l = await listener({ state: 'S6' });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    // vitest installs its own handler; ours records what would crash the CLI or the extension host.
    process.prependListener('uncaughtException', onUncaught);
    try {
      for (const target of ['//', 'http://[', 'http://a:b:c/', '*']) {
        const raw = await rawRequest(l.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
        expect(raw, target).toMatch(/^HTTP\/1\.1 (400|404) /);
      }
    } finally {
      process.removeListener('uncaughtException', onUncaught);
    }
    expect(uncaught.map(String)).toEqual([]);
    expect(await get(`${l.redirectUri}?code=after&state=S6`)).toMatchObject({ status: 200 });
    await expect(l.result).resolves.toEqual({ kind: 'code', code: 'after' });
  });

  it('a huge request line is refused without resolving the sign-in', async () => {
    const l = await listener({ state: 'S7' });
    const huge = await get(`${l.redirectUri}?state=wrong&code=${'x'.repeat(64 * 1024)}`);
    if ('status' in huge) expect([400, 431]).toContain(huge.status);
    expect(await get(`${l.redirectUri}?code=ok&state=S7`)).toMatchObject({ status: 200 });
    await expect(l.result).resolves.toEqual({ kind: 'code', code: 'ok' });
  });
});

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(text));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
    socket.setTimeout(2_000, () => socket.destroy());
  });
}
