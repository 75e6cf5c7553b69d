// How a managed-identity endpoint's answer (IMDS, App Service and their kin) reads in a log. Their
// errors are not Entra's: IMDS answers `{"error":"invalid_request","error_description":"Identity not
// found"}` for an identity the host does not have, App Service `{"statusCode":400,"message":…}`, and
// azure-core's HTTP logging writes only the status, not the body. So the reader keeps the endpoint's
// own message when a later line of the log quotes it, and otherwise reads the status the way the
// managed-identity catalog (and the Azure SDKs) do: a 400 to a library's token request means the
// identity is not assigned to the host (the SDKs always send IMDS's Metadata header), 404/410 mean
// IMDS is updating, 5xx a failure worth retrying.
import { lookupValue, matchMessages } from '../catalog/index';
import type { Category } from '../types';

/** The endpoints' own messages that explain a failure (IMDS, App Service, and the SDKs' words for them). */
const MESSAGE_RE = /identity not found|has(?: not|n't) been assigned to this resource|unable to load the proper managed identity|required metadata header not specified|failed to retrieve token from the active directory|imds endpoint is updating|going through updates/i;

/** The endpoint's message on a line, or null: only a line that quotes one is kept. */
export function managedIdentityMessage(text: string): string | null {
  const m = MESSAGE_RE.exec(text);
  return m ? m[0] : null;
}

const STATUS_CODES: Record<number, string> = { 400: 'HTTP 400', 403: 'HTTP 403', 404: 'HTTP 404', 410: 'HTTP 410', 429: 'HTTP 429', 500: 'unknown', 502: 'HTTP 502/504', 504: 'HTTP 502/504' };

/**
 * The category of a failed managed-identity answer from what the log showed: the endpoint's message
 * when one was read, else its status (null: neither says more than the general classifier would).
 */
export function managedIdentityCategory(status: number | null, message: string | null): Category | null {
  if (message) {
    const entry = matchMessages(message, ['managed-identity'])[0];
    if (entry) return entry.category;
  }
  if (status === null) return null;
  const code = STATUS_CODES[status] ?? (status >= 500 && status < 600 ? 'unknown' : null);
  if (!code) return null;
  return lookupValue(code, ['managed-identity'])[0]?.category ?? null;
}
