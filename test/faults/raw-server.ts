// A token endpoint that speaks raw TCP, for the faults an ordinary HTTP server cannot produce: broken
// status lines, header floods, slow headers, gzip bombs, informational answers, garbage Retry-After
// values, deeply nested or wrongly typed JSON. Each fault is a function of the socket. TEST ONLY.
import { createServer, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

type Fault = (socket: Socket) => void;

function answer(status: string, headers: Record<string, string>, body: string | Buffer): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const head = [`HTTP/1.1 ${status}`, ...Object.entries({ 'content-length': String(b.length), connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), b]);
}

const json = { 'content-type': 'application/json' };
const error429 = JSON.stringify({ error: 'temporarily_unavailable', error_description: 'AADSTS90055: slow down.', error_codes: [90055] });

function retryAfter(value: string): Fault {
  return (s) => s.end(answer('429 Too Many Requests', { ...json, 'retry-after': value }, error429));
}

function slowly(s: Socket, bytes: Buffer, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (s.destroyed || i >= bytes.length) {
      clearInterval(timer);
      if (!s.destroyed) s.end();
      return;
    }
    s.write(bytes.subarray(i, i + 1));
    i++;
  }, everyMs);
  s.on('close', () => clearInterval(timer));
}

export const RAW_FAULTS: Record<string, Fault> = {
  'garbage instead of HTTP': (s) => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'),
  'binary noise': (s) => s.end(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))),
  'status 999': (s) => s.end(answer('999 Whatever', json, '{}')),
  'status line only, then close': (s) => s.end('HTTP/1.1 200 OK\r\n'),
  'close before any byte': (s) => s.end(),
  'header flood (64 KB of headers)': (s) => s.end(answer('200 OK', Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`x-h${i}`, 'v'.repeat(30)])), '{}')),
  'headers sent one byte every 50 ms': (s) => slowly(s, answer('200 OK', json, '{"access_token":"x"}'), 50),
  'gzip bomb (1 KB → 64 MB)': (s) => s.end(answer('200 OK', { ...json, 'content-encoding': 'gzip' }, gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)))),
  'invalid gzip': (s) => s.end(answer('200 OK', { ...json, 'content-encoding': 'gzip' }, 'not gzip at all')),
  'broken chunked encoding': (s) => s.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'),
  'content-length and chunked together': (s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'),
  '103 Early Hints, then an error': (s) => s.end(Buffer.concat([Buffer.from('HTTP/1.1 103 Early Hints\r\nlink: </x>; rel=preload\r\n\r\n'), answer('400 Bad Request', json, JSON.stringify({ error: 'invalid_grant', error_codes: [50076] }))])),
  'deeply nested JSON (200)': (s) => s.end(answer('200 OK', json, '['.repeat(200_000) + ']'.repeat(200_000))),
  'deeply nested JSON (400)': (s) => s.end(answer('400 Bad Request', json, '{"error":'.repeat(50_000) + '1' + '}'.repeat(50_000))),
  'token of the wrong type': (s) => s.end(answer('200 OK', json, JSON.stringify({ token_type: 'Bearer', access_token: { not: 'a string' }, expires_in: 'soon', refresh_token: 42 }))),
  'token with negative and huge lifetimes': (s) => s.end(answer('200 OK', json, JSON.stringify({ token_type: 'pop', access_token: 'opaque-token-value-1234567890', expires_in: -5, ext_expires_in: 1e300 }))),
  'JSON null body': (s) => s.end(answer('200 OK', json, 'null')),
  'error body with a JWT and a secret in it': (s) => s.end(answer('400 Bad Request', json, JSON.stringify({ error: 'invalid_request', error_description: 'AADSTS900144: echo client_secret=raw-fault-secret-value-0123 and eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWZhdWx0LXByb2Jl' }))),
  'Retry-After "1 2"': retryAfter('1 2'),
  'Retry-After negative': retryAfter('-30'),
  'Retry-After 20 digits': retryAfter('99999999999999999999'),
  'Retry-After date in the past': retryAfter('Thu, 01 Jan 1970 00:00:00 GMT'),
  'Retry-After local-time date': retryAfter('2026-11-20 10:00'),
  'Retry-After fraction': retryAfter('0.5'),
  'two Retry-After headers': (s) => s.end(`HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\nretry-after: 7200\r\ncontent-type: application/json\r\ncontent-length: ${error429.length}\r\nconnection: close\r\n\r\n${error429}`),
  'WWW-Authenticate flood': (s) => s.end(answer('401 Unauthorized', { ...json, 'www-authenticate': `Bearer ${'a="b", '.repeat(1500)}claims="${'e'.repeat(2000)}"` }, '{"error":"invalid_token"}')),
};

export interface RawFaultServer {
  url(fault: string): string;
  hits(fault: string): number;
  stop(): Promise<void>;
}

/** Starts the server on 127.0.0.1. The fault is chosen by the request path: /<index in RAW_FAULTS>. */
export async function startRawFaultServer(): Promise<RawFaultServer> {
  const names = Object.keys(RAW_FAULTS);
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const path = /^[A-Z]+ \/(\d+)/.exec(head)?.[1];
      const name = path === undefined ? undefined : names[Number(path)];
      if (!name) {
        socket.end(answer('404 Not Found', {}, 'no such fault'));
        return;
      }
      counts.set(name, (counts.get(name) ?? 0) + 1);
      // Answer after the request body arrived (or at once: the body is small and the client does not wait for us).
      RAW_FAULTS[name]!(socket);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (fault) => `http://127.0.0.1:${port}/${names.indexOf(fault)}`,
    hits: (fault) => counts.get(fault) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
