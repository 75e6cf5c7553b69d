// Signing keys for verification: read from a file the user gives (a JWKS, one JWK, PEM public keys or
// certificates), or found online from a token's issuer (OpenID metadata → jwks_uri) through an injected
// JSON getter, with an in-memory cache. Browser-safe: WebCrypto and atob only; the network is the
// caller's (src/core/jwt/key-fetch.ts in Node).
import { base64ToBytes, bytesToBase64, bytesToBase64url } from '../base64';
import type { JWK } from 'jose';
import { isTrustedKeyUrl, parseIssuer, type IssuerForm } from './issuers';

export type KeyMaterial = { jwk: JWK } | { spki: string } | { x509: string };

export interface KeyEntry {
  /** The key id, when the key has one (JWKS entries do; a bare PEM key does not). */
  kid: string | null;
  /** The SHA-1 certificate thumbprint (base64url), which Entra also uses as kid. */
  x5t: string | null;
  /** RSA, EC, OKP, oct, or what the JWK says. */
  kty: string;
  /** The algorithm the key is restricted to, when it says so. */
  alg: string | null;
  use: string | null;
  material: KeyMaterial;
}

export interface KeySet {
  /** Where the keys came from, for messages and `keySource` (a file name or the jwks_uri). */
  source: string;
  /** 'file' keys were given by the user; 'online' keys were published by the issuer. */
  origin: 'file' | 'online';
  keys: KeyEntry[];
}

// ---------------------------------------------------------------------------------------------
// Files

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;


function pem(label: string, der: Uint8Array): string {
  const b64 = bytesToBase64(der).replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function contains(haystack: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

// The algorithm identifiers of SubjectPublicKeyInfo, as DER (OID tag, length, value).
const OID_RSA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_RSA_PSS = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const OID_EC = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_ED25519 = [0x06, 0x03, 0x2b, 0x65, 0x70];

/** The key type inside a SubjectPublicKeyInfo or certificate, by its algorithm identifier. */
function ktyOfDer(der: Uint8Array): string {
  if (contains(der, OID_RSA) || contains(der, OID_RSA_PSS)) return 'RSA';
  if (contains(der, OID_EC)) return 'EC';
  if (contains(der, OID_ED25519)) return 'OKP';
  return 'unknown';
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A PKCS#1 RSAPublicKey wrapped as SubjectPublicKeyInfo, the form WebCrypto imports. */
function pkcs1ToSpki(pkcs1: Uint8Array): Uint8Array {
  const algorithm = [0x30, 0x0d, ...OID_RSA, 0x05, 0x00];
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00];
  const bodyLength = algorithm.length + bitString.length + pkcs1.length;
  return new Uint8Array([0x30, ...derLength(bodyLength), ...algorithm, ...bitString, ...pkcs1]);
}

async function sha1Thumbprint(der: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-1', der as Uint8Array<ArrayBuffer>);
  return bytesToBase64url(new Uint8Array(digest));
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function jwkEntry(jwk: Record<string, unknown>): KeyEntry {
  return {
    kid: str(jwk.kid),
    x5t: str(jwk.x5t),
    kty: str(jwk.kty) ?? 'unknown',
    alg: str(jwk.alg),
    use: str(jwk.use),
    material: { jwk: jwk as JWK },
  };
}

/** A JWK set never carries private parts for verification; refusing them keeps a pasted private key out of every output. */
function hasPrivateParts(jwk: Record<string, unknown>): boolean {
  return jwk.kty === 'oct' || ['d', 'p', 'q', 'dp', 'dq', 'qi'].some((k) => k in jwk);
}

/**
 * Reads a key file: a JWKS (`{"keys": […]}`), one JWK, or PEM blocks (PUBLIC KEY, RSA PUBLIC KEY,
 * CERTIFICATE; several may follow each other). Private keys and shared secrets are refused: verifying
 * never needs them. The error text never quotes the file's content.
 */
export async function parseKeyText(text: string, source: string): Promise<KeySet | { error: string }> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { error: 'it starts like JSON but is not valid JSON' };
    }
    const obj = json as Record<string, unknown>;
    const list = Array.isArray(obj.keys) ? obj.keys : typeof obj.kty === 'string' ? [obj] : null;
    if (!list) return { error: 'the JSON is neither a key set ({"keys": [...]}) nor a single JWK (no "kty")' };
    const keys: KeyEntry[] = [];
    for (const k of list) {
      if (!k || typeof k !== 'object') continue;
      const jwk = k as Record<string, unknown>;
      if (hasPrivateParts(jwk)) {
        return { error: 'it holds a private key or a shared secret; give only public keys (a JWKS as the issuer publishes it)' };
      }
      keys.push(jwkEntry(jwk));
    }
    return { source, origin: 'file', keys };
  }
  const keys: KeyEntry[] = [];
  for (const m of trimmed.matchAll(PEM_RE)) {
    const label = m[1]!;
    const der = base64ToBytes(m[2]!);
    if (!der) return { error: `its ${label} block is not valid base64` };
    if (label === 'CERTIFICATE') {
      keys.push({ kid: null, x5t: await sha1Thumbprint(der), kty: ktyOfDer(der), alg: null, use: null, material: { x509: pem('CERTIFICATE', der) } });
    } else if (label === 'PUBLIC KEY') {
      keys.push({ kid: null, x5t: null, kty: ktyOfDer(der), alg: null, use: null, material: { spki: pem('PUBLIC KEY', der) } });
    } else if (label === 'RSA PUBLIC KEY') {
      keys.push({ kid: null, x5t: null, kty: 'RSA', alg: null, use: null, material: { spki: pem('PUBLIC KEY', pkcs1ToSpki(der)) } });
    } else if (label.includes('PRIVATE KEY')) {
      return { error: 'it holds a private key; give the public key or the certificate (verifying never needs the private key)' };
    }
  }
  if (keys.length === 0) return { error: 'no key found: expected a JWKS or JWK (JSON), a PEM public key or a PEM certificate' };
  return { source, origin: 'file', keys };
}

// ---------------------------------------------------------------------------------------------
// Online

/** Fetches a URL and parses its JSON body; never throws. Injected: Node uses undici (key-fetch.ts), tests a stub. */
export type JsonGetter = (url: string) => Promise<{ ok: true; json: unknown } | { ok: false; error: string }>;

/**
 * Metadata and key sets by URL, kept for `ttlMs` (Entra asks relying parties to refresh keys daily).
 * A key id missing from a set older than `refreshAfterMs` triggers one fresh fetch: that is how a
 * rotation shows up, and the wait keeps a stream of unknown kids from hammering the issuer.
 */
export class KeyCache {
  private readonly entries = new Map<string, { value: unknown; fetchedAt: number }>();

  constructor(
    readonly ttlMs = 24 * 3600 * 1000,
    readonly refreshAfterMs = 5 * 60 * 1000,
  ) {}

  get(url: string, nowMs: number): { value: unknown; fetchedAt: number } | undefined {
    const e = this.entries.get(url);
    if (!e) return undefined;
    if (nowMs - e.fetchedAt >= this.ttlMs || nowMs < e.fetchedAt) {
      this.entries.delete(url);
      return undefined;
    }
    return e;
  }

  set(url: string, value: unknown, nowMs: number): void {
    this.entries.set(url, { value, fetchedAt: nowMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The process-wide cache used when the caller gives none. */
export const defaultKeyCache = new KeyCache();

export interface OnlineKeysOptions {
  getJson: JsonGetter;
  cache?: KeyCache;
  now?: Date;
}

/** One key set the issuer publishes, or why it could not be had. */
export type FetchedKeySet = { keys: KeySet; metadataIssuer: string | null; fetchedAt: number; metadataUrl: string } | { error: string; metadataUrl: string };

async function cachedJson(url: string, o: OnlineKeysOptions, fresh: boolean): Promise<{ json: unknown; fetchedAt: number } | { error: string }> {
  const cache = o.cache ?? defaultKeyCache;
  const nowMs = (o.now ?? new Date()).getTime();
  const hit = fresh ? undefined : cache.get(url, nowMs);
  if (hit) return { json: hit.value, fetchedAt: hit.fetchedAt };
  const r = await o.getJson(url);
  if (!r.ok) return { error: r.error };
  cache.set(url, r.json, nowMs);
  return { json: r.json, fetchedAt: nowMs };
}

/** Metadata → jwks_uri → key set, for one metadata URL. `fresh` skips the cache for the key set. */
export async function fetchKeySet(metadataUrl: string, o: OnlineKeysOptions, fresh = false): Promise<FetchedKeySet> {
  const meta = await cachedJson(metadataUrl, o, false);
  if ('error' in meta) return { error: `OpenID metadata ${metadataUrl}: ${meta.error}`, metadataUrl };
  const m = (meta.json ?? {}) as Record<string, unknown>;
  const jwksUri = str(m.jwks_uri);
  if (!jwksUri) return { error: `the OpenID metadata at ${metadataUrl} names no jwks_uri`, metadataUrl };
  if (!isTrustedKeyUrl(jwksUri)) {
    return { error: `the OpenID metadata at ${metadataUrl} points keys to ${jwksUri.slice(0, 120)}, which is not a Microsoft identity host; not fetched`, metadataUrl };
  }
  const set = await cachedJson(jwksUri, o, fresh);
  if ('error' in set) return { error: `key set ${jwksUri}: ${set.error}`, metadataUrl };
  const list = (set.json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return { error: `${jwksUri} is not a key set (no "keys" array)`, metadataUrl };
  const keys = list.filter((k): k is Record<string, unknown> => !!k && typeof k === 'object').map(jwkEntry);
  return { keys: { source: jwksUri, origin: 'online', keys }, metadataIssuer: str(m.issuer), fetchedAt: set.fetchedAt, metadataUrl };
}

/** Where an issuer's keys would be fetched from, or why they are not. */
export function issuerKeyLocations(iss: string | null, payload: Record<string, unknown> | null): IssuerForm | { notFetched: string } {
  if (!iss) return { notFetched: 'The token has no iss claim, so its issuer\'s keys cannot be found.' };
  const form = parseIssuer(iss, payload);
  if (form.metadataUrls.length === 0) return { notFetched: form.notFetched ?? 'No metadata location is known for this issuer.' };
  return form;
}
