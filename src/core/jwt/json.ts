// Small readers for token JSON, shared by the decoder and its checks.

/** A decoded header or payload. */
export type Json = Record<string, unknown>;

/** Only these characters appear in a base64url segment. */
export const B64URL = /^[A-Za-z0-9_-]*$/;

export function asString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(' ').filter(Boolean);
  return [];
}
