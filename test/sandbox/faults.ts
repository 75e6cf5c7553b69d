// A misbehaving "token endpoint" on 127.0.0.1 for liveness tests of the token client. Each path is one
// failure mode; query parameters tune it. TEST ONLY.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { FIXTURES_DIR } from './authority';

export const FAULT_NAMES = [
  'ok',
  'status',
  'reset',
  'hang',
  'slow-body',
  'truncated-json',
  'html-proxy',
  'huge',
  'huge-declared',
  'redirect',
  'wrong-type',
  'json-as-text',
  'close-mid-body',
  'device-auth',
  'device-seq',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export interface FaultServer {
  /** http://127.0.0.1:port */
  url: string;
  /** Token-endpoint URL for a fault, e.g. tokenUrl('status', { code: '429', ra: '1' }). */
  tokenUrl(name: FaultName, query?: Record<string, string>): string;
  issuerUrl(kind: 'ok' | 'not-json' | 'no-token-endpoint' | 'issuer-mismatch' | 'missing'): string;
  /** Headers and form body of the last request to a path (tests check what the client sent). */
  lastRequest(name: FaultName, key?: string): { headers: Record<string, string | string[] | undefined>; body: string } | null;
  /** Number of requests each path received. */
  hits(name: FaultName, key?: string): number;
  stop(): Promise<void>;
}

/** A syntactically valid (unsigned-looking) JWT so success paths have something to decode. */
export function fakeAccessToken(): string {
  const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'fault' })}.${enc({ aud: 'api://fault', iss: 'http://127.0.0.1/fault', iat: now, nbf: now, exp: now + 3600, tid: '00000000-0000-4000-8000-000000000000', ver: '2.0', roles: ['Fault.Read'] })}.c2lnbmF0dXJl`;
}

function tokenBody(): string {
  return JSON.stringify({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: fakeAccessToken() });
}

function entraError(code: number, error: string, text: string): string {
  const ts = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: 11111111-2222-4333-8444-555555555555 Correlation ID: 66666666-7777-4888-9999-000000000000 Timestamp: ${ts}`,
    error_codes: [code],
    timestamp: ts,
    trace_id: '11111111-2222-4333-8444-555555555555',
    correlation_id: '66666666-7777-4888-9999-000000000000',
  });
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.on('data', () => undefined);
    req.on('end', () => resolve());
    req.on('error', () => resolve());
  });
}

export async function startFaultServer(): Promise<FaultServer> {
  const counts = new Map<string, number>();
  const lastHeaders = new Map<string, Record<string, string | string[] | undefined>>();
  const lastBodies = new Map<string, string>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const discovery = /^\/d\/([a-z-]+)\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (discovery) {
      await drain(req);
      discoveryDocument(discovery[1]!, res);
      return;
    }
    const name = url.pathname.replace(/^\/t\//, '') as FaultName;
    const key = `${name}|${url.searchParams.get('key') ?? ''}`;
    const seen = counts.get(key) ?? 0;
    counts.set(key, seen + 1);
    lastHeaders.set(key, { ...req.headers });
    lastBodies.set(key, await readAll(req));
    const q = (k: string) => url.searchParams.get(k);
    // `times=N&then=ok`: fail the first N requests, then answer with a token.
    const times = Number(q('times') ?? 'Infinity');
    if (seen >= times && q('then') === 'ok') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(tokenBody());
      return;
    }
    switch (name) {
      case 'ok':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': 'fault-ok' }).end(tokenBody());
        return;
      case 'status': {
        const code = Number(q('code') ?? '503');
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': `fault-${code}-${seen}` };
        const ra = q('ra');
        if (ra !== null) headers['retry-after'] = q('form') === 'date' ? new Date(Date.now() + Number(ra) * 1000).toUTCString() : ra;
        const body =
          code === 429
            ? entraError(90055, 'temporarily_unavailable', 'Too many requests; slow down.')
            : code >= 500
              ? entraError(90033, 'temporarily_unavailable', 'The service is briefly unavailable.')
              : entraError(Number(q('aadsts') ?? '7000215'), q('error') ?? 'invalid_client', 'The fault server refused this request.');
        res.writeHead(code, headers).end(body);
        return;
      }
      case 'reset':
        // An RST instead of an answer, like a middlebox killing the connection.
        req.socket.resetAndDestroy();
        return;
      case 'hang':
        // Never answers; the socket stays open until the client gives up or the server stops.
        return;
      case 'slow-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"token_type":"Bearer",');
        const timer = setInterval(() => {
          if (res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
            return;
          }
          res.write(' ');
        }, 200);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'truncated-json': {
        const status = Number(q('code') ?? '200');
        const text = status === 200 ? '{"token_type":"Bearer","expires_in":3600,"access_token":"eyJhbGciOi' : '{"error":"invalid_client","error_description":"AADSTS7000215: The secret';
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
        return;
      }
      case 'html-proxy':
        res
          .writeHead(502, { 'content-type': 'text/html', server: 'corporate-proxy/1.0' })
          .end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream server.</p></body></html>');
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const total = Number(q('bytes') ?? String(8 * 1024 * 1024));
        const pump = () => {
          while (sent < total && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case 'huge-declared':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
        res.write('{');
        // The client should refuse on the declared length alone; close once it hangs up.
        return;
      case 'redirect':
        res.writeHead(302, { location: 'https://login.example.invalid/elsewhere/token?client_secret=should-not-leak' }).end();
        return;
      case 'wrong-type':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><form action="/login">Please sign in to the network</form></body></html>');
        return;
      case 'json-as-text':
        res.writeHead(200, { 'content-type': 'text/plain' }).end(tokenBody());
        return;
      case 'close-mid-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' });
        res.write('{"token_type":"Bearer","access_token":"eyJ');
        setImmediate(() => req.socket.destroy());
        return;
      case 'device-auth':
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            device_code: 'fault-device-code-secret',
            user_code: 'FAULT-CODE',
            verification_uri: 'http://127.0.0.1/device',
            expires_in: Number(q('expires') ?? '600'),
            interval: Number(q('interval') ?? '0'),
            message: 'Enter FAULT-CODE at http://127.0.0.1/device',
          }),
        );
        return;
      case 'device-seq': {
        // seq=pending,slow_down,ok : the n-th poll gets the n-th answer (the last one repeats).
        const seq = (q('seq') ?? 'pending,ok').split(',');
        const step = seq[Math.min(seen, seq.length - 1)] ?? 'ok';
        if (step === 'ok') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(tokenBody());
          return;
        }
        const error = step === 'pending' ? 'authorization_pending' : step;
        const code = { authorization_pending: 70016, slow_down: 70016, expired_token: 70019, access_denied: 70020 }[error] ?? 70016;
        res.writeHead(400, { 'content-type': 'application/json' }).end(entraError(code, error, `Device code polling answer: ${error}.`));
        return;
      }
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`unknown fault ${name}`);
    }
  }

  /** Discovery documents for issuers at /d/<kind>: ok, not-json, no-token-endpoint, issuer-mismatch. */
  function discoveryDocument(kind: string, res: ServerResponse): void {
    const issuer = `${base}/d/${kind}`;
    switch (kind) {
      case 'ok':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, token_endpoint: `${base}/t/ok`, authorization_endpoint: `${issuer}/authorize` }));
        return;
      case 'not-json':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to the corporate portal</body></html>');
        return;
      case 'no-token-endpoint':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize` }));
        return;
      case 'issuer-mismatch':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: 'https://someone-else.example/', token_endpoint: `${base}/t/ok` }));
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such issuer');
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    /** Issuer URL whose discovery document behaves as `kind`. */
    issuerUrl: (kind: 'ok' | 'not-json' | 'no-token-endpoint' | 'issuer-mismatch' | 'missing') => `${base}/d/${kind}`,
    tokenUrl: (name, query) => {
      const u = new URL(`${base}/t/${name}`);
      for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
      return u.toString();
    },
    hits: (name, key) => counts.get(`${name}|${key ?? ''}`) ?? 0,
    lastRequest: (name, key) => {
      const k = `${name}|${key ?? ''}`;
      const headers = lastHeaders.get(k);
      return headers ? { headers, body: lastBodies.get(k) ?? '' } : null;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TLS server whose certificate the client does not trust (self-signed test fixture). */
export async function startUntrustedTlsServer(): Promise<{ url: string; caPem: string; stop(): Promise<void> }> {
  const cert = readFileSync(join(FIXTURES_DIR, 'tls-cert.pem'), 'utf8');
  const key = readFileSync(join(FIXTURES_DIR, 'tls-key.pem'), 'utf8');
  const server: HttpsServer = createTlsServer({ cert, key }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(tokenBody());
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Handshake failures are the point of this server; keep them out of the test output.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/token`,
    caPem: cert,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, read, released). */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
