// Base64 and base64url in one place, browser-safe (atob/btoa, no Buffer): claims challenges, token
// segments, key files and the claims parameter all read and write it through these.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of base64 or base64url text, padded or not, line breaks and blanks ignored; null when it
 * is empty or not base64.
 */
export function base64ToBytes(text: string): Uint8Array | null {
  const cleaned = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (cleaned.length === 0 || !BASE64.test(cleaned)) return null;
  const unpadded = cleaned.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(unpadded + '==='.slice(0, (4 - (unpadded.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The UTF-8 text of base64 or base64url; null when it is not base64 or, unless `lenient`, not
 * UTF-8. Lenient decoding shows broken sequences as U+FFFD instead.
 */
export function base64ToText(text: string, lenient = false): string | null {
  const bytes = base64ToBytes(text);
  if (!bytes) return null;
  try {
    return new TextDecoder('utf-8', { fatal: !lenient }).decode(bytes);
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/** Base64url without padding, as JOSE writes thumbprints and segments. */
export function bytesToBase64url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
