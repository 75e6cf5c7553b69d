// The sandbox's record of the requests one run made, as a log fixture keeps it: each request's time
// after the first, method, endpoint (named by its path), grant, status and Retry-After.
import type { SandboxRequest } from '../sandbox/index';
import type { RecordedRequest } from './log-recording';

export function endpointOf(path: string): string {
  // IMDS's path holds /oauth2/token too; msal-node adds a trailing slash to both services' paths.
  if (/^\/metadata\/identity\/oauth2\/token\/?$|^\/msi\/token\/?$/.test(path)) return 'managed_identity';
  if (/\/oauth2\/(?:v2\.0\/)?token$/.test(path)) return 'token';
  if (/\/oauth2\/(?:v2\.0\/)?devicecode$/.test(path)) return 'devicecode';
  if (/\/oauth2\/(?:v2\.0\/)?authorize$/.test(path)) return 'authorize';
  if (/\.well-known\/openid-configuration$/.test(path)) return 'metadata';
  if (/\/discovery\/(?:v2\.0\/)?keys$/.test(path)) return 'keys';
  if (path.endsWith('/discovery/instance')) return 'instance';
  return path;
}

/** The requests the sandbox answered during one run; a browser's CORS preflight is named as such. */
export function recordedRequests(answered: readonly SandboxRequest[]): RecordedRequest[] {
  const t0 = answered[0]?.time ?? 0;
  return answered.map((q) => ({
    atMs: q.time - t0,
    method: q.method,
    endpoint: q.method === 'OPTIONS' ? 'preflight' : endpointOf(q.path),
    grantType: q.grantType,
    status: q.status,
    retryAfter: q.retryAfter,
  }));
}
