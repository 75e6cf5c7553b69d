// One HTTP attempt through undici: pooled keep-alive dispatcher, per-attempt timeout, caller
// cancellation, a response size cap, and no redirect following (a redirect on a token endpoint is a
// misconfiguration worth reporting, and following it could send the secret somewhere else).
import { Agent, Client, EnvHttpProxyAgent, Pool, type buildConnector, type Dispatcher, request } from 'undici';

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

export function createDispatcher(options: DispatcherOptions = {}, tunnelTimeoutMs: number = DEFAULT_TUNNEL_TIMEOUT_MS): OwnedDispatcher {
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
      dispatcher: new EnvHttpProxyAgent({
        httpProxy,
        httpsProxy,
        noProxy,
        keepAliveTimeout,
        connect,
        ...(connect ? { requestTls: connect } : {}),
        factory: guardedTunnelFactory(tunnelTimeoutMs),
      }),
      owned: true,
      route: `proxy ${redactUrlCredentials(httpsProxy ?? httpProxy ?? '')}${noProxy ? ` (NO_PROXY=${noProxy})` : ''}`,
    };
  }
  return { dispatcher: new Agent({ keepAliveTimeout, connect }), owned: true, route: 'direct' };
}

const DEFAULT_TUNNEL_TIMEOUT_MS = 30_000;

/** The token client's dispatcher, replaced when it leaves a request stuck. */
export interface ClientDispatcher {
  /** "direct" or "proxy <url>", as in OwnedDispatcher. */
  readonly route: string;
  /** sendOnce on the current dispatcher. */
  send(options: SendOptions): Promise<HttpAttempt>;
  /** Destroys every dispatcher the client built. */
  close(): Promise<void>;
}

interface Lease extends OwnedDispatcher {
  inFlight: number;
  retired: boolean;
}

/**
 * A dispatcher that kept a request it was told to give up (a connection that never comes) would keep
 * it, and whatever it is doing for it, until it is destroyed. Such a dispatcher is retired: later
 * requests get a fresh one, and the old one is destroyed once the requests still running on it have
 * ended (each ends by its own deadline). Injected dispatchers belong to the caller and are left alone.
 */
export function createClientDispatcher(options: DispatcherOptions, attemptTimeoutMs: number): ClientDispatcher {
  const build = (): Lease => ({ ...createDispatcher(options, attemptTimeoutMs), inFlight: 0, retired: false });
  let current = build();
  const retired = new Set<Lease>();
  let closed = false;
  const destroy = (lease: Lease) => (lease.owned ? lease.dispatcher.destroy().catch(() => undefined) : Promise.resolve());
  return {
    route: current.route,
    async send(sendOptions) {
      const lease = current;
      lease.inFlight += 1;
      const attempt = await sendOnce(lease.dispatcher, sendOptions);
      lease.inFlight -= 1;
      if (attempt.abandoned && lease.owned && !lease.retired && !closed) {
        lease.retired = true;
        retired.add(lease);
        current = build();
      }
      if (lease.retired && lease.inFlight === 0 && retired.delete(lease)) void destroy(lease);
      return attempt;
    },
    async close() {
      closed = true;
      const all = [current, ...retired];
      retired.clear();
      await Promise.all(all.map(destroy));
    },
  };
}

/** A tunnel through the proxy that was not opened: the proxy hung up on the CONNECT or never answered it. */
class TunnelError extends Error {
  readonly code = 'ERR_PROXY_TUNNEL';
  constructor(
    message: string,
    readonly kind: 'closed' | 'timeout',
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

// Codes undici takes for a passing socket problem: it keeps the request queued and reconnects at once.
const RECONNECTING_CODES = new Set(['UND_ERR_SOCKET', 'UND_ERR_INFO']);

/**
 * The pools behind a proxy, with a guard on the tunnel each connection opens. undici reconnects at once,
 * for as long as a request waits, when a tunnel fails with a socket error (100,000+ connections in 20 s
 * to a proxy that closes every CONNECT), and waits minutes on a CONNECT nobody answers. The guard turns
 * both into an error that ends the requests waiting for that connection, so each attempt opens one
 * connection at most and the retry policy decides what comes next.
 */
function guardedTunnelFactory(timeoutMs: number): (origin: string | URL, opts: object) => Dispatcher {
  return (origin, opts) => {
    const given = opts as { connect?: unknown; connections?: number | null };
    const connect = typeof given.connect === 'function' ? guardTunnel(given.connect as buildConnector.connector, timeoutMs) : given.connect;
    const poolOptions = { ...opts, connect } as Pool.Options;
    // The same choice undici's own factory makes.
    return given.connections === 1 ? new Client(origin, poolOptions) : new Pool(origin, poolOptions);
  };
}

function guardTunnel(open: buildConnector.connector, timeoutMs: number): buildConnector.connector {
  return (options, callback) => {
    // The proxy agent passes this signal to its CONNECT request, so a tunnel given up on is closed too.
    const controller = new AbortController();
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      const error = new TunnelError(`the proxy did not answer CONNECT within ${timeoutMs} ms`, 'timeout', null);
      controller.abort(error);
      callback(error, null);
    }, timeoutMs);
    // The timer must not keep a CLI process alive after its run ended.
    timer.unref();
    const done: buildConnector.Callback = (...[error, socket]) => {
      if (settled) {
        socket?.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (!error) callback(null, socket);
      else {
        const code = (error as { code?: unknown }).code;
        callback(typeof code === 'string' && RECONNECTING_CODES.has(code) ? new TunnelError(`the proxy closed the connection instead of opening a tunnel (${code}: ${error.message})`, 'closed', error) : error, null);
      }
    };
    try {
      open({ ...options, signal: controller.signal } as buildConnector.Options, done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), null);
    }
  };
}

/**
 * Node skips certificate checks on every TLS connection of the process when NODE_TLS_REJECT_UNAUTHORIZED
 * is "0" (its exact test). The client does not override the user's choice, but it must not let an
 * unchecked answer pass for a checked one.
 */
export function tlsVerificationDisabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
}

export const TLS_UNVERIFIED_NOTE =
  'TLS certificate verification is disabled by the environment (NODE_TLS_REJECT_UNAUTHORIZED=0): the https answers in this run were accepted ' +
  "without checking the server's certificate, so any server, even one with a self-signed certificate, could have answered as this authority. " +
  'Unset the variable; to trust a test authority, give its CA certificate instead (auth-lens token --ca FILE, or NODE_EXTRA_CA_CERTS).';

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
  /** True when the dispatcher still held the request after it was given up on (timeout or cancel). */
  abandoned?: boolean;
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

/** How long a given-up request may take to come back from the dispatcher before it counts as stuck. */
const ABANDON_GRACE_MS = 100;

/**
 * Sends one request; never throws. Network trouble comes back as `networkError`. The attempt ends by
 * its own deadline or the caller's cancel whatever the dispatcher does: undici only applies an abort
 * once a connection exists, so a request waiting on a connection that never comes would wait forever.
 */
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
  let onStop: () => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onStop = () => reject(controller.signal.reason);
    if (controller.signal.aborted) onStop();
    else controller.signal.addEventListener('abort', onStop, { once: true });
  });

  let status: number | null = null;
  let headers: Record<string, string> = {};
  let settled = false;
  const exchange = (async (): Promise<HttpAttempt> => {
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
    // An answer that arrives after the attempt was given up on is not read.
    if (controller.signal.aborted) {
      response.body.destroy();
      throw controller.signal.reason;
    }
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
  })();
  const settle = () => {
    settled = true;
  };
  exchange.then(settle, settle);
  try {
    return await Promise.race([exchange, stopped]);
  } catch (error) {
    if (controller.signal.aborted && !settled) await Promise.race([exchange.catch(() => undefined), delay(ABANDON_GRACE_MS)]);
    const abandoned = controller.signal.aborted && !settled;
    if (timedOut) return { ...done(`no complete answer within ${options.timeoutMs} ms (attempt timeout)`, 'timeout', ''), abandoned };
    if (options.signal?.aborted) return { ...done('cancelled by the caller', 'cancelled', ''), abandoned };
    const { text, kind } = describeNetworkError(error);
    return done(status === null ? text : `${text} (after the status line arrived: the body was cut off)`, status === null ? kind : 'closed', '');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    controller.signal.removeEventListener('abort', onStop);
  }

  function done(networkError: string | null, networkKind: NetworkErrorKind | null, body: string): HttpAttempt {
    return { status, headers, body, networkError, networkKind, durationMs: Math.round(performance.now() - started) };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
  if (error instanceof TunnelError) return { text: error.message, kind: error.kind };
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
