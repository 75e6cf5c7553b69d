// One HTTP attempt through undici: pooled keep-alive dispatcher, per-attempt timeout, caller
// cancellation, a response size cap, and no redirect following (a redirect on a token endpoint is a
// misconfiguration worth reporting, and following it could send the secret somewhere else).
import { Agent, EnvHttpProxyAgent, type Dispatcher, request } from 'undici';

export interface DispatcherOptions {
  /** Use this dispatcher instead of building one (tests inject MockAgent or a custom Agent). */
  dispatcher?: Dispatcher;
  /** Extra trusted CA certificates (PEM). Replaces the default trust store for this client. */
  ca?: string | string[];
  /** Keep-alive for pooled sockets. */
  keepAliveTimeoutMs?: number;
  /** Environment used for proxy settings (HTTPS_PROXY / HTTP_PROXY / NO_PROXY). Defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export interface OwnedDispatcher {
  dispatcher: Dispatcher;
  /** True when the client built it and must close it. */
  owned: boolean;
  /** "direct" or "proxy <url>" — shown in timelines so a proxy in the path is visible. */
  route: string;
}

export function createDispatcher(options: DispatcherOptions = {}): OwnedDispatcher {
  if (options.dispatcher) return { dispatcher: options.dispatcher, owned: false, route: 'injected dispatcher' };
  const env = options.env ?? process.env;
  const connect = options.ca ? { ca: options.ca } : undefined;
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 4_000;
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  if (httpsProxy || httpProxy) {
    const noProxy = env.NO_PROXY ?? env.no_proxy;
    return {
      // `connect` covers direct (NO_PROXY) connections; `requestTls` the TLS session inside a CONNECT tunnel.
      dispatcher: new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy, keepAliveTimeout, connect, ...(connect ? { requestTls: connect } : {}) }),
      owned: true,
      route: `proxy ${redactUrlCredentials(httpsProxy ?? httpProxy ?? '')}${noProxy ? ` (NO_PROXY=${noProxy})` : ''}`,
    };
  }
  return { dispatcher: new Agent({ keepAliveTimeout, connect }), owned: true, route: 'direct' };
}

function redactUrlCredentials(value: string): string {
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = url.username ? '***' : '';
      url.password = url.password ? '***' : '';
    }
    return url.toString();
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export type NetworkErrorKind = 'timeout' | 'reset' | 'closed' | 'refused' | 'dns' | 'tls' | 'too_large' | 'cancelled' | 'other';

export interface HttpAttempt {
  status: number | null;
  /** Lower-case header names; repeated headers joined with ", " (WWW-Authenticate keeps each value on its own line). */
  headers: Record<string, string>;
  body: string;
  networkError: string | null;
  networkKind: NetworkErrorKind | null;
  durationMs: number;
}

export interface SendOptions {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

/** Sends one request; never throws. Network trouble comes back as `networkError`. */
export async function sendOnce(dispatcher: Dispatcher, options: SendOptions): Promise<HttpAttempt> {
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('attempt timeout'));
  }, options.timeoutMs);
  const onCallerAbort = () => controller.abort(new Error('cancelled'));
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let status: number | null = null;
  let headers: Record<string, string> = {};
  try {
    const response = await request(options.url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      dispatcher,
      signal: controller.signal,
      // Timeouts are ours (per attempt, covering headers and body); undici's own stay as backstops.
      headersTimeout: options.timeoutMs + 1_000,
      bodyTimeout: options.timeoutMs + 1_000,
    });
    status = response.statusCode;
    headers = flattenHeaders(response.headers);
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.body.destroy();
      return done(`response body of ${declared} bytes is larger than the ${options.maxBytes}-byte limit; it was not read`, 'too_large', '');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) {
        response.body.destroy();
        return done(`response body exceeded the ${options.maxBytes}-byte limit; reading stopped`, 'too_large', '');
      }
      chunks.push(chunk);
    }
    return done(null, null, Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    if (timedOut) return done(`no complete answer within ${options.timeoutMs} ms (attempt timeout)`, 'timeout', '');
    if (options.signal?.aborted) return done('cancelled by the caller', 'cancelled', '');
    const { text, kind } = describeNetworkError(error);
    return done(status === null ? text : `${text} (after the status line arrived: the body was cut off)`, status === null ? kind : 'closed', '');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }

  function done(networkError: string | null, networkKind: NetworkErrorKind | null, body: string): HttpAttempt {
    return { status, headers, body, networkError, networkKind, durationMs: Math.round(performance.now() - started) };
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    // WWW-Authenticate values contain commas themselves; keep separate challenges on separate lines.
    out[key] = Array.isArray(value) ? value.join(key === 'www-authenticate' ? '\n' : ', ') : value;
  }
  return out;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** Turns undici / Node socket errors into one line of text and a kind the retry policy understands. */
export function describeNetworkError(error: unknown): { text: string; kind: NetworkErrorKind } {
  const chain: { code?: string; message?: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (typeof current === 'object') {
      const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
      chain.push({ code: typeof e.code === 'string' ? e.code : undefined, message: typeof e.message === 'string' ? e.message : undefined });
      // AggregateError (happy-eyeballs tried several addresses) keeps the real errors in `errors`.
      current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
    } else break;
  }
  const codes = chain.map((c) => c.code).filter((c): c is string => !!c);
  const message = chain.map((c) => c.message).find((m) => !!m) ?? String(error);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) return { text: `DNS lookup failed (${codes.join(', ')}): the host name does not resolve`, kind: 'dns' };
  if (has('ECONNREFUSED')) return { text: 'connection refused (ECONNREFUSED): nothing listens on that host and port', kind: 'refused' };
  const tls = codes.find((c) => TLS_CODES.has(c) || c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL'));
  if (tls) return { text: `TLS handshake failed (${tls}): ${message}`, kind: 'tls' };
  if (/certificate|self[- ]signed/i.test(message)) return { text: `TLS handshake failed: ${message}`, kind: 'tls' };
  if (has('ECONNRESET', 'EPIPE')) return { text: `connection reset by the peer (${codes.join(', ')})`, kind: 'reset' };
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) return { text: `timed out (${codes.join(', ')})`, kind: 'timeout' };
  if (has('UND_ERR_SOCKET', 'UND_ERR_CLOSED')) return { text: `the server closed the connection before a full answer (${codes.join(', ')}: ${message})`, kind: 'closed' };
  if (has('EHOSTUNREACH', 'ENETUNREACH')) return { text: `host unreachable (${codes.join(', ')})`, kind: 'refused' };
  return { text: codes.length ? `${codes[0]}: ${message}` : message, kind: 'other' };
}
