// Verifies a token's signature and makes the checks an API makes before it trusts the claims: expiry
// and not-before with clock skew, audience, issuer against the tenant (v1 and v2 forms), version,
// tenant. Keys come from a file the user gave or, only when online lookups are allowed, from the
// issuer's OpenID metadata (keys.ts). Never throws: every failure is a status with its reason.
// Browser-safe (jose over WebCrypto); the network is injected.
import { compactVerify, importJWK, importSPKI, importX509, type KeyInput } from 'jose';
import type { DecodedToken } from '../types';
import { knownResourceName, MSA_TENANT_ID } from './claims';
import { CLOCK_SKEW_SECONDS, decodeToken } from './decode';
import { clean } from './segments';
import { expectedIssuers, GUID_RE, parseIssuer, type IssuerForm } from './issuers';
import { defaultKeyCache, fetchKeySet, issuerKeyLocations, type JsonGetter, type KeyCache, type KeyEntry, type KeySet } from './keys';
import { isoString, numericDate, relativeTime } from './time';

export type SignatureStatus = 'valid' | 'invalid' | 'key_not_found' | 'alg_not_allowed' | 'unverifiable';

export interface SignatureCheck {
  status: SignatureStatus;
  /** The header's alg, as the token states it. */
  alg: string | null;
  /** The header's kid (or x5t when it has no kid). */
  kid: string | null;
  /** Where the key that decided came from: a file name or a jwks_uri; null when no key was used. */
  keySource: string | null;
  reason: string;
}

export type ValidationCheckName = 'exp' | 'nbf' | 'aud' | 'iss' | 'ver' | 'tid';

export interface ValidationCheck {
  check: ValidationCheckName;
  /** true passed, false an API would refuse the token, null not checked (with the reason in detail). */
  ok: boolean | null;
  detail: string;
}

export interface VerifyOptions {
  now?: Date;
  /** Keys the user gave (parseKeyText); used instead of any online lookup. */
  keys?: KeySet | null;
  /** Allow fetching the issuer's metadata and keys through getJson. */
  online?: boolean;
  getJson?: JsonGetter;
  cache?: KeyCache;
  /** The audiences the API accepts (its App ID URI and/or client id). */
  audience?: string[];
  /** The tenant the API belongs to (a GUID), for the iss and tid checks. */
  tenant?: string;
  /** Clock skew the time checks allow; 5 minutes, as Microsoft's token validation libraries do. */
  clockSkewSeconds?: number;
}

export interface Verification {
  decoded: DecodedToken;
  signature: SignatureCheck;
  validation: ValidationCheck[];
}

export const DEFAULT_CLOCK_SKEW_SECONDS = CLOCK_SKEW_SECONDS;

/** Asymmetric algorithms a JWS may be verified with, and the key type each needs. */
const ALLOWED_ALGS: Record<string, string> = {
  RS256: 'RSA', RS384: 'RSA', RS512: 'RSA', PS256: 'RSA', PS384: 'RSA', PS512: 'RSA',
  ES256: 'EC', ES384: 'EC', ES512: 'EC', EdDSA: 'OKP', Ed25519: 'OKP',
};

type Json = Record<string, unknown>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function quoteList(items: string[], max = 4): string {
  const shown = items.slice(0, max).map((k) => `"${k}"`).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** Verifies the token (signature, then the claims checks) and explains each outcome. */
export async function verifyToken(text: string, options: VerifyOptions = {}): Promise<Verification> {
  const now = options.now && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
  const decoded = decodeToken(text, now);
  let signature: SignatureCheck;
  let metadataIssuer: string | null = null;
  try {
    const r = await checkSignature(text, decoded, { ...options, now });
    signature = r.signature;
    metadataIssuer = r.metadataIssuer;
  } catch (error) {
    // Only a bug gets here; the reason stays generic so nothing of the token leaks through a message.
    signature = { status: 'unverifiable', alg: str(decoded.header?.alg), kid: str(decoded.header?.kid), keySource: null, reason: `Verification failed unexpectedly (${(error as Error)?.name ?? 'error'}).` };
  }
  const validation = decoded.payload ? validate(decoded.payload, { ...options, now }, metadataIssuer) : [];
  return { decoded, signature, validation };
}

// ---------------------------------------------------------------------------------------------
// Signature

interface Candidate {
  key: KeyEntry;
  set: KeySet;
}

function keyMatches(k: KeyEntry, kid: string | null, x5t: string | null): boolean {
  // Entra's kid is the certificate thumbprint, so kid and x5t are compared both ways.
  const ids = [k.kid, k.x5t].filter((v): v is string => v !== null);
  return (kid !== null && ids.includes(kid)) || (x5t !== null && ids.includes(x5t));
}

function describeKey(k: KeyEntry): string {
  return k.kid ? `kid "${k.kid}"` : k.x5t ? `certificate with thumbprint (x5t) "${k.x5t}"` : 'the key';
}

interface SignatureContext extends VerifyOptions {
  now: Date;
}

async function checkSignature(text: string, d: DecodedToken, o: SignatureContext): Promise<{ signature: SignatureCheck; metadataIssuer: string | null }> {
  const header = (d.header ?? {}) as Json;
  const alg = str(header.alg);
  const kid = str(header.kid);
  const x5t = str(header.x5t);
  const base = { alg, kid: kid ?? x5t, keySource: null };
  const done = (status: SignatureStatus, reason: string, keySource: string | null = null, metadataIssuer: string | null = null) => ({
    signature: { ...base, status, reason, keySource },
    metadataIssuer,
  });

  if (d.kind === 'opaque') return done('unverifiable', `Cannot be verified here: ${d.problem ?? 'the token is opaque.'}`);
  if (d.kind === 'jwe') {
    return done('unverifiable', 'Encrypted token (JWE): its claims and inner signature can only be read by the recipient holding the decryption key; there is nothing to verify here.');
  }
  if (!d.header || !d.payload) return done('unverifiable', `Not a readable token: ${d.problem ?? 'the header or claims cannot be read.'}`);

  if (alg === null || alg.toLowerCase() === 'none') {
    return done(
      'alg_not_allowed',
      `REFUSED: the header says alg "${alg ?? '(missing)'}", so the token is unsigned and anyone could have written its claims. ` +
        'An API must never accept it; Entra never issues unsigned tokens.',
    );
  }
  // A Graph token is refused before anything else is looked at: no key can verify it outside Graph.
  if (header.nonce !== undefined && !/^HS/i.test(alg)) {
    return done(
      'unverifiable',
      'Cannot be verified here: the header carries a nonce, which marks a token for Microsoft Graph (or another Microsoft API). ' +
        'Such a token is signed over a hashed nonce that only Graph can check, so verifying it anywhere else fails by design. ' +
        'Only Graph validates Graph tokens; if your own API must validate the token, request one for your API\'s scope.',
    );
  }

  const wanted = ALLOWED_ALGS[alg];
  const hmac = /^HS\d+$/i.test(alg);
  if (!wanted && !hmac) {
    return done('alg_not_allowed', `REFUSED: alg "${alg}" is not an algorithm tokens are verified with here (${Object.keys(ALLOWED_ALGS).join(', ')}); Entra signs with RS256.`);
  }
  // The keys are looked up for HMAC tokens too: the refusal names the public key the token was aimed at.
  const lookup = await findKeys(d, o, kid, x5t);
  if (!wanted) return done('alg_not_allowed', hmacRefusal(alg, kid, lookup), lookup.kind === 'sets' ? lookup.sets[0]?.source ?? null : null);
  if (lookup.kind === 'none') return done('unverifiable', lookup.reason);

  const { sets, metadataIssuer, errors } = lookup;
  const usable = sets.flatMap((set) => set.keys.filter((k) => k.use !== 'enc').map((key): Candidate => ({ key, set })));
  let candidates = kid || x5t ? usable.filter((c) => keyMatches(c.key, kid, x5t)) : usable;
  // A key the user gave without a kid (a PEM key or certificate) is tried when no key carries the token's
  // id; keys with other kids are not, as an API matching by kid would not use them either.
  const loose = candidates.length === 0 && usable.some((c) => c.set.origin === 'file' && c.key.kid === null);
  if (loose) candidates = usable.filter((c) => c.set.origin === 'file' && c.key.kid === null);
  if (candidates.length === 0) return done('key_not_found', keyNotFoundReason(kid ?? x5t, sets, errors, d), sets.map((s) => s.source).join(', '), metadataIssuer);

  const wrongType: string[] = [];
  let failed: Candidate | null = null;
  for (const c of candidates) {
    if (c.key.kty !== wanted || (c.key.alg !== null && c.key.alg !== alg)) {
      wrongType.push(`${describeKey(c.key)} is ${c.key.alg ? `for ${c.key.alg}` : `an ${c.key.kty} key`}`);
      continue;
    }
    const outcome = await verifyWith(clean(text).token, c.key, alg);
    if (outcome === 'valid') {
      const note = loose && (kid || x5t) ? ` The token names key "${kid ?? x5t}"; this key carries no such id but verified it.` : '';
      return done('valid', `Signature verified with ${describeKey(c.key)} from ${c.set.source}.${note}`, c.set.source, metadataIssuer);
    }
    if (outcome === 'invalid') failed ??= c;
    else wrongType.push(`${describeKey(c.key)} could not be used (${outcome})`);
  }
  if (failed) {
    if (loose && (failed.key.kid !== null || failed.key.x5t !== null)) {
      const held = candidates.map((c) => describeKey(c.key)).join(', ');
      return done(
        'key_not_found',
        `The token names ${kid ? `kid "${kid}"` : 'no key id'}; ${failed.set.source} holds ${held}, and none of its keys verifies the token: it was signed with another key.`,
        failed.set.source,
        metadataIssuer,
      );
    }
    return done(
      'invalid',
      `The signature does not match ${describeKey(failed.key)} from ${failed.set.source}: the header or claims were changed after the token was signed ` +
        `(or the signature belongs to another token)${failed.key.kid === null && failed.key.x5t === null ? ', or the token was signed with a different key' : ''}. An API answers 401 invalid_token.`,
      failed.set.source,
      metadataIssuer,
    );
  }
  return done(
    'alg_not_allowed',
    `REFUSED: the token says alg "${alg}" (an ${wanted} algorithm) but ${wrongType.join('; ')}. A key is only used with the algorithm it was made for.`,
    candidates[0]!.set.source,
    metadataIssuer,
  );
}

function hmacRefusal(alg: string, kid: string | null, lookup: KeyLookup): string {
  const matched = lookup.kind === 'sets' ? lookup.sets.flatMap((s) => s.keys.map((key) => ({ key, set: s }))).find((c) => kid !== null && keyMatches(c.key, kid, null)) : undefined;
  const single = lookup.kind === 'sets' && lookup.sets.length === 1 && lookup.sets[0]!.keys.length === 1 ? { key: lookup.sets[0]!.keys[0]!, set: lookup.sets[0]! } : undefined;
  const known = matched ?? single;
  const against = known && known.key.kty !== 'oct' ? ` against ${describeKey(known.key)}, an ${known.key.kty} public key from ${known.set.source}` : '';
  return (
    `REFUSED: alg "${alg}" is a shared-secret (HMAC) algorithm presented${against || ' where the issuer signs with public keys'}. ` +
    'This is the algorithm-confusion attack: a verifier that used the public key as the HMAC secret would accept claims anyone can forge, ' +
    'because the public key is public. Entra signs tokens with RSA keys (RS256) only.'
  );
}

/** Verifies with one key: 'valid', 'invalid' (bad signature), or why the key could not be used. */
async function verifyWith(token: string, key: KeyEntry, alg: string): Promise<'valid' | 'invalid' | string> {
  let imported: KeyInput;
  try {
    const m = key.material;
    if ('jwk' in m) {
      const x5c = (m.jwk as { x5c?: unknown }).x5c;
      // Some publishers list only the certificate chain; the first certificate holds the key.
      const certOnly = !m.jwk.n && !m.jwk.x && Array.isArray(x5c) && typeof x5c[0] === 'string';
      imported = certOnly
        ? await importX509(`-----BEGIN CERTIFICATE-----\n${String(x5c[0])}\n-----END CERTIFICATE-----`, alg)
        : await importJWK({ ...m.jwk, alg: undefined, x5c: undefined, use: undefined, key_ops: undefined }, alg);
    } else if ('spki' in m) imported = await importSPKI(m.spki, alg);
    else imported = await importX509(m.x509, alg);
  } catch (error) {
    return `not importable for ${alg}: ${(error as Error).message.split('\n')[0]!.slice(0, 120)}`;
  }
  try {
    await compactVerify(token, imported, { algorithms: [alg] });
    return 'valid';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'invalid';
    return `${code ?? 'error'}: ${(error as Error).message.split('\n')[0]!.slice(0, 120)}`;
  }
}

type KeyLookup = { kind: 'sets'; sets: KeySet[]; errors: string[]; metadataIssuer: string | null; form: IssuerForm | null } | { kind: 'none'; reason: string };

async function findKeys(d: DecodedToken, o: SignatureContext, kid: string | null, x5t: string | null): Promise<KeyLookup> {
  if (o.keys) return { kind: 'sets', sets: [o.keys], errors: [], metadataIssuer: null, form: null };
  if (!o.online) {
    return {
      kind: 'none',
      reason:
        'Cannot be verified here: no keys to check against. Give the issuer\'s keys as a file (a JWKS, a PEM public key or a certificate), ' +
        'or allow online lookups so the keys are fetched from the issuer\'s OpenID metadata.',
    };
  }
  if (!o.getJson) return { kind: 'none', reason: 'Cannot be verified here: online lookups are allowed but no network access was provided.' };
  const payload = d.payload as Json;
  const where = issuerKeyLocations(str(payload.iss), payload);
  if (!('metadataUrls' in where)) return { kind: 'none', reason: `Cannot be verified here: ${where.notFetched}` };
  const cache = o.cache ?? defaultKeyCache;
  const fetchOptions = { getJson: o.getJson, cache, now: o.now };
  const sets: KeySet[] = [];
  const errors: string[] = [];
  let metadataIssuer: string | null = null;
  for (const url of where.metadataUrls) {
    let r = await fetchKeySet(url, fetchOptions);
    const has = (keys: KeySet) => (kid || x5t ? keys.keys.some((k) => keyMatches(k, kid, x5t)) : keys.keys.length > 0);
    if ('keys' in r && !has(r.keys) && o.now.getTime() - r.fetchedAt >= cache.refreshAfterMs) {
      // A cached set without the kid may predate a rotation: fetch it once more.
      const fresh = await fetchKeySet(url, fetchOptions, true);
      if ('keys' in fresh) r = fresh;
    }
    if ('error' in r) {
      errors.push(r.error);
      continue;
    }
    sets.push(r.keys);
    metadataIssuer ??= r.metadataIssuer;
    if (has(r.keys)) {
      metadataIssuer = r.metadataIssuer;
      break;
    }
  }
  if (sets.length === 0) return { kind: 'none', reason: `Cannot be verified here: the issuer's keys could not be fetched (${errors.join('; ')}).` };
  return { kind: 'sets', sets, errors, metadataIssuer, form: where };
}

function keyNotFoundReason(kid: string | null, sets: KeySet[], errors: string[], d: DecodedToken): string {
  const ids = sets.flatMap((s) => s.keys.map((k) => k.kid ?? k.x5t).filter((v): v is string => v !== null));
  const where = sets.map((s) => `${s.source}: ${s.keys.length} key${s.keys.length === 1 ? '' : 's'}`).join('; ');
  const what = kid ? `kid "${kid}"` : 'the token\'s key';
  let reason =
    sets.length === 1 ? `${what} is not in the key set (${where}).` : `${what} is present in no key set checked (${where}).`;
  if (ids.length > 0) {
    reason +=
      ` The set${sets.length === 1 ? ' has other keys' : 's have other keys'} (${quoteList(ids)}), so the key looks rotated: the token was signed with a key ` +
      'the issuer no longer publishes (an old or cached token), or by another issuer or cloud. Get a new token; if a fresh one fails the same way, ' +
      'the token and these keys come from different authorities.';
  } else {
    reason += ' The key set holds no keys at all, so nothing can be verified against it.';
  }
  const online = sets.some((s) => s.origin === 'online');
  const payload = (d.payload ?? {}) as Json;
  if (online && GUID_RE.test(str(payload.aud) ?? '')) {
    reason += ` If the app ${str(payload.aud)} has its own signing key (a claims-mapping policy), its keys are at the jwks_uri with ?appid=${str(payload.aud)}.`;
  }
  if (errors.length) reason += ` Not reachable: ${errors.join('; ')}.`;
  return reason;
}

// ---------------------------------------------------------------------------------------------
// Claims checks

/** The claims checks alone, without the signature: what the Token vs API diagnosis needs. */
export function validateClaims(payload: Json, options: Pick<VerifyOptions, 'audience' | 'tenant' | 'clockSkewSeconds'> & { now: Date }): ValidationCheck[] {
  return validate(payload, options, null);
}

function validate(p: Json, o: SignatureContext, metadataIssuer: string | null): ValidationCheck[] {
  const skew = o.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const iss = str(p.iss);
  const form = iss ? parseIssuer(iss, p) : null;
  return [timeCheck('exp', p, o.now, skew), timeCheck('nbf', p, o.now, skew), audCheck(p, o.audience ?? []), issCheck(p, form, o.tenant ?? null, metadataIssuer), verCheck(p, form), tidCheck(p, form, o.tenant ?? null)];
}

function timeCheck(check: 'exp' | 'nbf', p: Json, now: Date, skew: number): ValidationCheck {
  const date = numericDate(p[check]);
  const skewText = `${Math.round(skew / 60)}-minute clock-skew allowance`;
  if (!date) {
    return check === 'exp'
      ? { check, ok: false, detail: 'No usable exp claim: APIs refuse tokens without an expiry.' }
      : { check, ok: true, detail: 'No nbf claim: the token is valid from its issue time.' };
  }
  const at = `${isoString(date)} (${relativeTime(date, now)})`;
  const delta = (date.getTime() - now.getTime()) / 1000;
  if (check === 'exp') {
    if (delta >= 0) return { check, ok: true, detail: `Expires ${at}.` };
    if (-delta <= skew) return { check, ok: true, detail: `Expired ${at}, still inside the ${skewText}: APIs accept it for a few minutes more at most. Get a new token.` };
    return { check, ok: false, detail: `Expired ${at}, beyond the ${skewText}: an API answers 401 (token expired). Get a new token (MSAL does this from its cache or refresh token).` };
  }
  if (delta <= 0) return { check, ok: true, detail: `Valid since ${at}.` };
  if (delta <= skew) return { check, ok: true, detail: `Valid from ${at}, inside the ${skewText}.` };
  return { check, ok: false, detail: `Not valid until ${at}, beyond the ${skewText}: this machine's clock or the issuer's is wrong. An API answers 401 until then.` };
}

function audiences(p: Json): string[] {
  if (Array.isArray(p.aud)) return p.aud.filter((a): a is string => typeof a === 'string');
  const a = str(p.aud);
  return a ? [a] : [];
}

function audName(aud: string): string {
  const name = knownResourceName(aud);
  return name ? `${aud} (${name})` : aud;
}

function audCheck(p: Json, expected: string[]): ValidationCheck {
  const auds = audiences(p);
  if (auds.length === 0) return { check: 'aud', ok: false, detail: 'No aud claim: the token names no API, and every API refuses it.' };
  const shown = auds.map(audName).join(', ');
  if (expected.length === 0) return { check: 'aud', ok: null, detail: `Not checked (no expected audience given). The token is for ${shown}.` };
  const hit = auds.find((a) => expected.includes(a));
  if (hit) return { check: 'aud', ok: true, detail: `aud ${audName(hit)} is an audience the API accepts.` };
  const a = auds[0]!;
  const e = expected[0]!;
  const trim = (s: string) => s.replace(/\/+$/, '');
  let hint = '';
  if (auds.some((x) => expected.some((y) => trim(x) === trim(y)))) {
    hint = ' They differ only by a trailing slash: v1.0 tokens for Azure services carry it (https://management.azure.com/); the comparison is exact, so accept both forms.';
  } else if (auds.some((x) => expected.some((y) => x.toLowerCase() === y.toLowerCase()))) {
    hint = ' They differ only in letter case; the comparison is exact.';
  } else if (GUID_RE.test(a) !== GUID_RE.test(e)) {
    hint = ' v2.0 tokens carry the API\'s application (client) ID as aud and v1.0 tokens its App ID URI: if both name the same app, accept both forms.';
  } else if (knownResourceName(a)) {
    hint = ` The client asked for a token for ${knownResourceName(a)}, not for this API: request the API's own scope (e.g. ${GUID_RE.test(e) ? `api://${e}` : trim(e)}/.default).`;
  }
  return { check: 'aud', ok: false, detail: `aud is ${shown}, the API expects ${expected.join(' or ')}: it answers 401 (wrong audience).${hint}` };
}

const FORM_WORDS: Record<string, string> = {
  'entra-v1': 'v1.0 issuer',
  'entra-v2': 'v2.0 issuer',
  b2c: 'Azure AD B2C issuer',
  'external-id': 'External ID issuer',
  loopback: 'local test authority',
  other: 'issuer',
};

function issCheck(p: Json, form: IssuerForm | null, tenant: string | null, metadataIssuer: string | null): ValidationCheck {
  const iss = str(p.iss);
  if (!iss || !form) return { check: 'iss', ok: false, detail: 'No iss claim: an API cannot tell who issued the token and refuses it.' };
  const tid = str(p.tid);
  const problems: string[] = [];
  if (metadataIssuer) {
    const expected = tid ? metadataIssuer.replace('{tenantid}', tid) : metadataIssuer;
    if (expected !== iss) problems.push(`the issuer's OpenID metadata names ${expected}, so validation against it fails`);
  }
  const entra = form.kind === 'entra-v1' || form.kind === 'entra-v2' || form.kind === 'external-id';
  if (entra && tid && form.tenant && form.tenant.toLowerCase() !== tid.toLowerCase()) problems.push(`iss names tenant ${form.tenant} but tid is ${tid}`);
  if (tenant && form.tenant && form.tenant.toLowerCase() !== tenant.toLowerCase()) {
    problems.push(
      `the API belongs to tenant ${tenant} and accepts ${expectedIssuers(form, tenant).join(' or ')}; this token comes from tenant ${form.tenant} ` +
        '(a user or app of another tenant; multi-tenant APIs must allow that tenant explicitly)',
    );
  }
  const what = `${FORM_WORDS[form.kind]}${form.tenant ? ` of tenant ${form.tenant}` : ''}${form.cloud && form.cloud !== 'public' ? ` (${form.cloud === 'usgov' ? 'US Government' : 'China'} cloud)` : ''}`;
  if (problems.length) return { check: 'iss', ok: false, detail: `${iss} is the ${what}, but ${problems.join('; ')}.` };
  if (metadataIssuer) return { check: 'iss', ok: true, detail: `${iss}, the ${what}, as the issuer's OpenID metadata names it.` };
  if (form.kind === 'other') return { check: 'iss', ok: null, detail: `${iss} is not a Microsoft issuer form; compared with nothing (no metadata was read).` };
  return { check: 'iss', ok: true, detail: `${iss}: the ${what}${tenant ? ', the API\'s own tenant' : ''}.` };
}

function verCheck(p: Json, form: IssuerForm | null): ValidationCheck {
  const ver = str(p.ver);
  const decides = 'The API\'s app registration picks the version (accessTokenAcceptedVersion in its manifest), not the client.';
  if (!ver) return { check: 'ver', ok: null, detail: `No ver claim${form && form.kind.startsWith('entra') ? `; the issuer form says ${form.kind === 'entra-v1' ? 'v1.0' : 'v2.0'}` : ''}.` };
  if (ver !== '1.0' && ver !== '2.0') return { check: 'ver', ok: false, detail: `ver "${ver}" is neither 1.0 nor 2.0.` };
  const formVersion = form?.kind === 'entra-v1' ? '1.0' : form?.kind === 'entra-v2' ? '2.0' : null;
  if (formVersion && formVersion !== ver) {
    return {
      check: 'ver',
      ok: false,
      detail: `ver ${ver} but the issuer is in the v${formVersion} form: an API that validates the issuer of one version refuses the other. ${decides}`,
    };
  }
  const formNote = form?.kind === 'b2c' ? ' (B2C tokens say 1.0 with a v2.0-style issuer)' : formVersion ? ' with the matching issuer form' : '';
  const other = ver === '1.0' ? 'v2.0' : 'v1.0';
  return { check: 'ver', ok: true, detail: `v${ver} token${formNote}; an API that expects ${other} issuers refuses it. ${decides}` };
}

function tidCheck(p: Json, form: IssuerForm | null, tenant: string | null): ValidationCheck {
  const tid = str(p.tid);
  if (!tid) {
    if (form?.kind === 'b2c') return { check: 'tid', ok: null, detail: 'No tid claim: B2C tokens carry the tenant in the issuer instead.' };
    if (form && (form.kind === 'entra-v1' || form.kind === 'entra-v2')) return { check: 'tid', ok: false, detail: 'No tid claim, which Entra tokens always carry: an API that checks the tenant refuses it.' };
    return { check: 'tid', ok: null, detail: 'No tid claim.' };
  }
  if (!GUID_RE.test(tid)) return { check: 'tid', ok: false, detail: `tid "${tid.slice(0, 60)}" is not a tenant id (a GUID).` };
  if (tenant && tenant.toLowerCase() !== tid.toLowerCase()) {
    return {
      check: 'tid',
      ok: false,
      detail:
        `Issued by tenant ${tid}, the API expects tenant ${tenant}${tid === MSA_TENANT_ID ? ' (this one is the consumer tenant: a personal Microsoft account)' : ''}. ` +
        'A guest must get the token from the resource tenant\'s authority (…/{tenant id}), not from /common or their home tenant.',
    };
  }
  const msa = tid === MSA_TENANT_ID ? ' (the consumer tenant: a personal Microsoft account)' : '';
  return { check: 'tid', ok: true, detail: `Tenant ${tid}${msa}${tenant ? ', the API\'s own tenant' : ''}.` };
}
