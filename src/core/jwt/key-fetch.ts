// The network side of online key lookups, in Node: one GET through undici with a timeout and a size
// cap, proxies from the environment, no redirects. verify.ts takes the getter as a parameter, so tests
// and other hosts can inject their own. Node-only (excluded from the webview build's type check).
import type { Dispatcher } from 'undici';
import { createDispatcher, sendOnce } from '../client/dispatcher';
import type { JsonGetter } from './keys';

export interface HttpGetterOptions {
  /** Per request, headers and body together. */
  timeoutMs?: number;
  /** OpenID metadata and key sets are a few KB; anything past this is not one. */
  maxBytes?: number;
  /** Use this dispatcher (tests inject one); otherwise one is built from the environment's proxy settings. */
  dispatcher?: Dispatcher;
  env?: Record<string, string | undefined>;
}

export interface HttpGetter {
  getJson: JsonGetter;
  /** Closes the connections it opened (a dispatcher given by the caller is left open). */
  close(): Promise<void>;
}

export const DEFAULT_KEY_FETCH_TIMEOUT_MS = 10_000;

export function createHttpGetter(options: HttpGetterOptions = {}): HttpGetter {
  const { dispatcher, owned } = createDispatcher({ dispatcher: options.dispatcher, env: options.env });
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEY_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const getJson: JsonGetter = async (url) => {
    const r = await sendOnce(dispatcher, { method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs, maxBytes });
    if (r.networkError) return { ok: false, error: r.networkError };
    if (r.status !== 200) return { ok: false, error: `HTTP ${r.status}${r.status !== null && r.status >= 300 && r.status < 400 ? ' (a redirect, not followed)' : ''}` };
    try {
      return { ok: true, json: JSON.parse(r.body) as unknown };
    } catch {
      return { ok: false, error: 'the answer is not JSON' };
    }
  };
  // destroy, not close: a request still stuck on a connection must not keep the process alive.
  return { getJson, close: async () => (owned ? dispatcher.destroy().catch(() => undefined) : undefined) };
}
