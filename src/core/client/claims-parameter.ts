// Builds the `claims` request parameter: a claims challenge passed back (from a token-endpoint error
// body as JSON text, or base64 from a resource's WWW-Authenticate header) deep-merged with the
// client capabilities under `access_token.xms_cc` (docs/msal-behaviour.md §4).
import { base64ToText } from '../base64';

export type ClaimsResult = { ok: true; value: string | undefined } | { ok: false; error: string };

function decodeChallenge(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed);
  // WWW-Authenticate carries base64 (sometimes base64url, sometimes unpadded).
  const decoded = base64ToText(trimmed, true);
  if (decoded === null) throw new Error('not JSON and not base64');
  return JSON.parse(decoded);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

/** Returns the JSON text to send as `claims`, undefined when there is nothing to send; never throws. */
export function buildClaimsParameter(challenge: string | undefined | null, capabilities: readonly string[] | undefined): ClaimsResult {
  let merged: Record<string, unknown> = {};
  if (challenge && challenge.trim()) {
    let parsed: unknown;
    try {
      parsed = decodeChallenge(challenge);
    } catch {
      return { ok: false, error: 'the claims challenge is neither JSON nor base64-encoded JSON; pass the value exactly as the server sent it' };
    }
    if (!isPlainObject(parsed)) return { ok: false, error: 'the claims challenge must be a JSON object such as {"access_token":{...}}' };
    merged = parsed;
  }
  const caps = (capabilities ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
  if (caps.length > 0) {
    const accessToken = isPlainObject(merged.access_token) ? merged.access_token : {};
    const existing = isPlainObject(accessToken.xms_cc) && Array.isArray(accessToken.xms_cc.values) ? accessToken.xms_cc.values.map(String) : [];
    const values = [...existing, ...caps.filter((c) => !existing.includes(c))];
    merged = deepMerge(merged, { access_token: deepMerge(accessToken, { xms_cc: { values } }) });
  }
  return { ok: true, value: Object.keys(merged).length > 0 ? JSON.stringify(merged) : undefined };
}
