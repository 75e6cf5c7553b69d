// A pasted token's text: what surrounds it is stripped, its segments are base64url-decoded and
// parsed as JSON, and text that is no JWT at all is named for what it looks like.
import { base64ToBytes } from '../base64';
import { B64URL, type Json } from './json';

export const B64_ANY = /^[A-Za-z0-9_\-+/]*={0,2}$/;

/**
 * Base64url bytes → text. `exact` is false when the bytes are not plain UTF-8 (a replacement
 * character or a byte-order mark appears): only then can the text differ from what jwt-decode
 * produces for the same segment, so the caller hands those tokens to jwt-decode.
 */
function bytesToText(segment: string): { text: string; exact: boolean } {
  const bytes = base64ToBytes(segment);
  if (!bytes) throw new Error('not base64url');
  // fatal: false replaces broken sequences, so a damaged claim still shows (as U+FFFD) instead of failing.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text, exact: !text.includes('\uFFFD') && !bom };
}

/** Base64url → text, with the failure reason when it is not decodable. */
export function decodeSegment(segment: string, name: string, urlSafe = false): { text: string; exact: boolean } | { problem: string } {
  if (segment.length === 0) return { problem: `The ${name} segment is empty.` };
  if (!urlSafe && !B64URL.test(segment)) {
    const bad = segment.match(/[^A-Za-z0-9_-]/)?.[0] ?? '?';
    const hint = bad === '+' || bad === '/' || bad === '=' ? ' (standard base64 instead of base64url: the token was re-encoded somewhere)' : '';
    return { problem: `The ${name} segment contains "${bad === ' ' ? 'a space' : bad}", which is not allowed in base64url${hint}.` };
  }
  if (segment.length % 4 === 1) return { problem: `The ${name} segment has an impossible base64url length (${segment.length}); the token was probably cut off or had characters removed.` };
  try {
    return bytesToText(segment);
  } catch {
    return { problem: `The ${name} segment is not valid base64url.` };
  }
}

export function parseJsonSegment(segment: string, name: string, urlSafe = false): { json: Json; exact: boolean } | { problem: string } {
  const decoded = decodeSegment(segment, name, urlSafe);
  if ('problem' in decoded) return decoded;
  try {
    const json: unknown = JSON.parse(decoded.text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problem: `The ${name} decodes to JSON but not to an object.` };
    return { json: json as Json, exact: decoded.exact };
  } catch {
    const looksCut = !decoded.text.trimEnd().endsWith('}');
    return {
      problem: looksCut
        ? `The ${name} decodes to JSON that stops short; the token was probably truncated when it was copied.`
        : `The ${name} does not decode to valid JSON; the token is damaged.`,
    };
  }
}

/** Strips what people paste around a token: quotes, "Bearer ", "Authorization:", line breaks. */
export function clean(input: string): { token: string; hadBearer: boolean; urlSafe: boolean } {
  let t = input.trim().replace(/^authorization\s*:\s*/i, '');
  let hadBearer = false;
  const bearer = /^bearer\s+/i.exec(t);
  if (bearer) {
    hadBearer = true;
    t = t.slice(bearer[0].length);
  }
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1).trim();
  // urlSafe: only base64url characters and dots remain, so the segments need no further character check.
  if (/^[A-Za-z0-9_\-.]+$/.test(t)) return { token: t, hadBearer, urlSafe: true };
  // Tokens wrapped over several lines in a terminal or an email come back with whitespace inside.
  if (/^[A-Za-z0-9_\-.\s]+$/.test(t)) return { token: t.replace(/\s+/g, ''), hadBearer, urlSafe: true };
  return { token: t, hadBearer, urlSafe: false };
}

export function explainOpaque(token: string): string {
  if (/^Ew[A-Za-z]/.test(token)) {
    return (
      'Not a JWT: this looks like a personal Microsoft account (MSA) access token, an opaque ticket only the target service can read. ' +
      'It is normal for consumer accounts; its contents cannot be decoded or checked locally.'
    );
  }
  if (/^\d\.A[A-Za-z0-9_-]/.test(token) || /^[01]\.A/.test(token)) {
    return 'Not a JWT: this looks like an Entra refresh token or authorization code, which are opaque by design and can only be redeemed at the token endpoint.';
  }
  if (B64_ANY.test(token) && token.length < 20) {
    return `Too short to be a token (${token.length} characters); access tokens are hundreds of characters long. Part of it may be missing.`;
  }
  if (B64_ANY.test(token)) {
    return 'Not a JWT: the text is not three base64url segments separated by dots. It may be an opaque token (only the issuing service can read it), a reference token, or a key rather than a token.';
  }
  return 'Not a token: the text contains characters that never appear in a JWT and is not three base64url segments separated by dots.';
}
