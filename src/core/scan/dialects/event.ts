// What a log dialect reads off one line. Every dialect fills the fields it recognises into one shared
// event (a line of Azure Identity for JavaScript carries msal-node's prefix inside it, so two dialects
// may speak about the same line); ../requests turns the events into requests.
import type { LogEndpoint } from '../../types';

export interface LineEvent {
  /** The dialect that recognised the line's request or response facts. */
  dialect: string | null;
  /** A request going out: its URL (the library logged it as sent). */
  url: string | null;
  method: string | null;
  /** The request's answer is written on the lines that follow (azure-core's multi-line records). */
  awaitsResponse: boolean;
  status: number | null;
  retryAfterSeconds: number | null;
  requestId: string | null;
  correlationId: string | null;
  /** A time the dialect read inside the line (msal-node's prefix, a Date header), for lines that start with none. */
  time: string | null;
  error: string | null;
  suberror: string | null;
  /** The line belongs to a response being written (a header block's opening line). */
  responsePart: boolean;
  /** The library says it is attempting a token silently (from its cache or a refresh token). */
  silent: boolean;
  /** The library says the app asked for a user's interaction (interactive, device code, redirect or popup). */
  interactive: boolean;
  /** The library answered an attempt from its own memory: no request went out. */
  fromCache: boolean;
  /** A correlation id the library generated for the next request (MSAL Python's telemetry). */
  nextCorrelationId: string | null;
  /** A token request with this grant goes out now, by a line that names no URL (msal-browser's minified messages). */
  tokenGrant: string | null;
  /** The library stored the token answer: the request it answered succeeded (msal-browser, which logs no status). */
  stored: boolean;
}

export function emptyEvent(): LineEvent {
  return {
    dialect: null,
    url: null,
    method: null,
    awaitsResponse: false,
    status: null,
    retryAfterSeconds: null,
    requestId: null,
    correlationId: null,
    time: null,
    error: null,
    suberror: null,
    responsePart: false,
    silent: false,
    interactive: false,
    fromCache: false,
    nextCorrelationId: null,
    tokenGrant: null,
    stored: false,
  };
}

/** A dialect: reads one line (as a string) into `ev`; true when it recognised something. */
export type Dialect = (text: string, ev: LineEvent) => boolean;

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
export const GUID_SOURCE = GUID.source;

/** Which identity endpoint a URL names, or null when it names none. */
export function endpointOfUrl(url: string): LogEndpoint | null {
  // The path only: instance discovery carries an authorize URL in its query.
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (/\/oauth2\/(?:v2\.0\/)?token(?![A-Za-z0-9_])/.test(path)) return /\/metadata\/identity\/oauth2\/token/.test(path) ? 'managed_identity' : 'token';
  if (/\/oauth2\/(?:v2\.0\/)?devicecode(?![A-Za-z0-9_])/.test(path)) return 'devicecode';
  if (/\/oauth2\/(?:v2\.0\/)?authorize(?![A-Za-z0-9_])/.test(path)) return 'authorize';
  if (/\/\.well-known\/openid-configuration|\/discovery\/instance(?![A-Za-z0-9_])/.test(path)) return 'discovery';
  if (/\/msi\/token|\/metadata\/identity\//i.test(path)) return 'managed_identity';
  return null;
}

/** "host/tenant" of an identity URL (IMDS and relative paths give just what is there). */
export function authorityOfUrl(url: string): string | null {
  // Instance discovery asks about the authority its query names: its request counts with that authority's.
  const asked = url.includes('/discovery/instance') ? /[?&]authorization_endpoint=([^&\s"']+)/.exec(url) : null;
  if (asked) {
    let inner: string | null = null;
    try {
      inner = decodeURIComponent(asked[1]!);
    } catch {
      // A malformed escape: the URL's own authority below.
    }
    const authority = inner?.startsWith('http') ? authorityOfUrl(inner) : null;
    if (authority) return authority;
  }
  const m = /^(?:https?:\/\/([^/\s"']+))?\/([^/\s"'?]+)\//.exec(url);
  if (!m) return null;
  const host = m[1]?.replace(/:443$/, '');
  return host ? `${host}/${m[2]}` : m[2]!;
}

/** A Retry-After value in seconds (delta-seconds only; an HTTP date is left to the classifier). */
export function retryAfterSeconds(value: string): number | null {
  const v = value.trim();
  return /^\d{1,6}$/.test(v) ? Number(v) : null;
}
