// The loopback redirect listener for authorization code + PKCE: 127.0.0.1 only, a random port,
// exactly one accepted request, state checked, time-limited, and a small page telling the user
// they can go back to the editor.
import { createServer, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function randomState(): string {
  return randomBytes(16).toString('base64url');
}

export type LoopbackOutcome =
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: string; errorDescription: string | null; errorCodes: string | null; claims: string | null }
  | { kind: 'timeout' }
  | { kind: 'cancelled' };

export interface LoopbackListener {
  /** The redirect URI to send in the authorize and token requests. */
  redirectUri: string;
  port: number;
  /** Resolves once with the first valid redirect, a timeout or cancellation; closes the server. */
  result: Promise<LoopbackOutcome>;
  close(): void;
}

function page(title: string, text: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:3rem;max-width:40rem}h1{font-size:1.3rem}</style></head>
<body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`;
}

/**
 * Starts the listener. `path` comes from the configured redirect URI (default "/"); the port is
 * always chosen by the OS, as Entra ignores the port of loopback redirect URIs.
 */
export function startLoopbackListener(options: {
  state: string;
  path?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** "localhost" when the registration's redirect URI says localhost; we still listen on 127.0.0.1 only. */
  hostName?: '127.0.0.1' | 'localhost';
}): Promise<LoopbackListener> {
  const path = options.path && options.path.startsWith('/') ? options.path : '/';
  return new Promise((resolveListener, rejectListener) => {
    let settle: (outcome: LoopbackOutcome) => void = () => undefined;
    const result = new Promise<LoopbackOutcome>((resolve) => {
      settle = resolve;
    });
    let finished = false;
    const server: Server = createServer((req, res) => {
      if (!URL.canParse(req.url ?? '/', 'http://127.0.0.1')) return void res.writeHead(400, { connection: 'close' }).end('Bad request');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (finished || req.method !== 'GET' || url.pathname !== path) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Not found');
        return;
      }
      const params = url.searchParams;
      if (params.get('state') !== options.state) {
        // A request without our state is not the redirect we wait for (or a forged one): refuse it and keep waiting.
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(
          page('Sign-in answer rejected', 'The state value did not match the sign-in Auth Lens started. You can close this tab.'),
        );
        return;
      }
      const code = params.get('code');
      const error = params.get('error');
      let outcome: LoopbackOutcome;
      if (code) {
        outcome = { kind: 'code', code };
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(
          page('Signed in', 'Auth Lens received the sign-in answer. You can close this tab and return to your editor.'),
        );
      } else {
        outcome = {
          kind: 'error',
          error: error ?? 'invalid_request',
          errorDescription: params.get('error_description'),
          errorCodes: params.get('error_codes'),
          claims: params.get('claims'),
        };
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(
          page('Sign-in did not complete', `The identity provider answered "${error ?? 'no code'}". Return to your editor to see what it means.`),
        );
      }
      finish(outcome);
    });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs);
    const onAbort = () => finish({ kind: 'cancelled' });
    function finish(outcome: LoopbackOutcome) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      server.close();
      server.closeAllConnections();
      settle(outcome);
    }
    if (options.signal?.aborted) {
      finished = true;
      clearTimeout(timer);
      rejectListener(new Error('cancelled'));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    server.on('error', (error) => {
      if (!finished) {
        finished = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        rejectListener(error);
      }
    });
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      const host = options.hostName ?? '127.0.0.1';
      resolveListener({
        redirectUri: `http://${host}:${port}${path}`,
        port,
        result,
        close: () => finish({ kind: 'cancelled' }),
      });
    });
  });
}
