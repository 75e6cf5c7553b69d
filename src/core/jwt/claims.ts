// Plain-words explanations of the claims and header fields found in Microsoft identity platform
// tokens. Each explainer sees the claim's value and the whole payload, so the sentence can speak
// about this token rather than about tokens in general. Browser-safe.

export const MSA_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Well-known first-party resources, by app id and by identifier URI. */
const KNOWN_RESOURCES: Record<string, string> = {
  [GRAPH_APP_ID]: 'Microsoft Graph',
  'https://graph.microsoft.com': 'Microsoft Graph',
  'https://graph.microsoft.com/': 'Microsoft Graph',
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': 'Azure Resource Manager',
  'https://management.azure.com': 'Azure Resource Manager',
  'https://management.azure.com/': 'Azure Resource Manager',
  'https://management.core.windows.net/': 'Azure Resource Manager (classic identifier)',
  'cfa8b339-82a2-471a-a3c9-0fc0be7a4093': 'Azure Key Vault',
  'https://vault.azure.net': 'Azure Key Vault',
  'e406a681-f3d4-42a8-90b6-c2b029497af1': 'Azure Storage',
  'https://storage.azure.com': 'Azure Storage',
  'https://storage.azure.com/': 'Azure Storage',
};

export function knownResourceName(aud: string): string | null {
  return KNOWN_RESOURCES[aud] ?? null;
}

export function isGraphAudience(aud: string | null): boolean {
  return aud !== null && knownResourceName(aud) === 'Microsoft Graph';
}

type Payload = Record<string, unknown>;
type Explainer = (value: unknown, payload: Payload) => string;

function str(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str);
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return [];
}

const CLIENT_AUTH: Record<string, string> = {
  '0': 'a public client (no secret or certificate: a desktop, mobile, CLI or single-page app)',
  '1': 'a confidential client that proved itself with a client secret',
  '2': 'a confidential client that proved itself with a certificate or signed assertion (including managed identity and federated credentials)',
};

function clientAuth(value: unknown): string {
  const how = CLIENT_AUTH[str(value)];
  return how
    ? `How the client application authenticated when it got this token: ${how}.`
    : `How the client application authenticated; the value ${str(value)} is not one Auth Lens knows (0 public, 1 secret, 2 certificate).`;
}

const AMR_WORDS: Record<string, string> = {
  pwd: 'password',
  rsa: 'a key such as Windows Hello or Authenticator',
  otp: 'a one-time code',
  fed: 'a federated identity provider',
  wia: 'Windows integrated authentication',
  mfa: 'multifactor authentication',
  ngcmfa: 'multifactor sign-in for a passwordless credential',
  wiaormfa: 'Windows integrated authentication or multifactor',
  none: 'no authentication',
  sms: 'a text-message code',
  tel: 'a phone call',
  pop: 'a proof-of-possession key',
  kba: 'knowledge-based answers',
  face: 'face recognition',
  fpt: 'fingerprint',
  hwk: 'a hardware key',
  swk: 'a software key',
  pin: 'a PIN',
  user: 'user presence',
};

function timeClaim(what: string): Explainer {
  return () => what;
}

/** Claim name → explainer. Keep sentences short and about what the reader should do with them. */
const CLAIMS: Record<string, Explainer> = {
  aud: (v) => {
    const aud = Array.isArray(v) ? str(v[0]) : str(v);
    const known = knownResourceName(aud);
    return (
      `Audience: who this token is for. Only ${known ? known : `the API identified by ${aud}`} should accept it; ` +
      'any other API must reject it. For an ID token this is the client id of the app that signed the user in.'
    );
  },
  iss: (v) => {
    const iss = str(v);
    if (iss.startsWith('https://sts.windows.net/')) return 'Issuer: the Entra tenant that minted the token, in the v1.0 form (sts.windows.net/{tenant}/). APIs compare it to the tenant(s) they trust.';
    if (/\/v2\.0\/?$/.test(iss)) return 'Issuer: the Entra tenant that minted the token, in the v2.0 form (login.microsoftonline.com/{tenant}/v2.0). APIs compare it to the tenant(s) they trust.';
    if (iss.includes('sts.windows.net') || iss.includes('login.microsoftonline.com')) return 'Issuer: the Entra tenant that minted the token.';
    return 'Issuer: the service that minted the token. It does not look like an Entra tenant URL, so Entra-specific rules may not apply.';
  },
  idp: (v) =>
    `Identity provider that actually authenticated the subject (${str(v)}). When it differs from the issuer, the user is a guest or came from a federated or personal-account provider.`,
  iat: timeClaim('Issued at: when Entra created this token.'),
  nbf: timeClaim('Not before: the token is not valid before this moment. A gap from "now" usually means clocks disagree.'),
  exp: timeClaim('Expires: APIs reject the token after this moment (allowing a few minutes of clock skew). MSAL refreshes it from its cache before then.'),
  auth_time: timeClaim('When the user last entered credentials. Apps that need a recent sign-in (for example before a sensitive action) compare this to now.'),
  appid: (v) => `Application (client) id of the app that requested this token (v1.0 tokens): ${str(v)}. Check it against the app registration you expected.`,
  azp: (v) => `Authorized party: application (client) id of the app that requested this token (v2.0 tokens): ${str(v)}.`,
  appidacr: clientAuth,
  azpacr: clientAuth,
  scp: (v) =>
    `Delegated permissions (scopes) the user and admin consented to and that this token carries: ${list(v).join(', ') || '(none)'}. ` +
    'An API checks these for calls made on behalf of a signed-in user. Its presence means a user is involved.',
  roles: (v) =>
    `App roles granted: ${list(v).join(', ') || '(none)'}. In an app-only token these are application permissions granted by an admin; ` +
    'in a delegated token they are roles assigned to the user for this API.',
  wids: () =>
    'Directory role template ids the user holds in the tenant (for example Global Administrator). These are tenant roles, not permissions on the API.',
  groups: (v) =>
    `Object ids of the groups the subject belongs to (${Array.isArray(v) ? v.length : 1} listed). Only emitted when the app registration asks for group claims.`,
  hasgroups: () =>
    'The subject is in too many groups to list in this token (implicit flow overage). Fetch the memberships from Microsoft Graph instead of trusting a missing groups claim.',
  _claim_names: (v) =>
    `Claims that were too large to include and must be fetched elsewhere: ${Object.keys(typeof v === 'object' && v ? v : {}).join(', ') || '(none)'}. ` +
    'For groups this is the "overage" case: call Microsoft Graph (memberOf / getMemberObjects) for the full list.',
  _claim_sources: () => 'Where the claims named in _claim_names can be fetched (a Graph endpoint). Use Graph with your own token rather than this URL.',
  oid: (v) =>
    `Object id of the subject in this tenant (${str(v)}): stable and unique per tenant. Together with tid it is the identifier to use for authorization and for keying user data.`,
  sub: (v, p) =>
    `Subject (${str(v)}): a stable identifier that is pairwise — unique to this user${p.oid === v ? ' (here equal to oid, which is typical of app-only tokens)' : ' and this application'}. ` +
    'Use it only within the same app; use oid+tid across apps.',
  tid: (v) =>
    str(v) === MSA_TENANT_ID
      ? `Tenant id ${str(v)}: the consumer tenant used for personal Microsoft accounts (outlook.com, live.com).`
      : `Tenant id (${str(v)}): the Entra directory the subject signed into, or the app's home tenant for app-only tokens.`,
  uti: () =>
    'Token identifier used internally by Entra to tie the token to its request; quote it (with the correlation id) when opening a support case.',
  ver: (v) =>
    str(v) === '1.0'
      ? 'Token format version 1.0. The version follows what the API accepts (accessTokenAcceptedVersion in its manifest), not the endpoint the client called.'
      : str(v) === '2.0'
        ? 'Token format version 2.0. The version follows what the API accepts (accessTokenAcceptedVersion in its manifest), not the endpoint the client called.'
        : `Token format version ${str(v)}.`,
  xms_cc: (v) =>
    `Client capabilities the app declared: ${list(v).join(', ')}. "cp1" means the app can handle claims challenges, so APIs may send it Continuous Access Evaluation challenges and longer-lived tokens.`,
  xms_ssm: () => 'Internal Entra session state marker; nothing for an app to act on.',
  acrs: (v) =>
    `Conditional Access authentication contexts satisfied by this sign-in: ${list(v).join(', ')}. APIs that protect sensitive actions with a context (such as c1) check for it and send a claims challenge when it is missing.`,
  amr: (v) => {
    const methods = list(v).map((m) => AMR_WORDS[m] ?? m);
    return `How the user proved who they are: ${methods.join(', ')}.`;
  },
  idtyp: (v) =>
    str(v) === 'app'
      ? 'Token type hint: "app" — an app-only token (client credentials); no user is involved.'
      : str(v) === 'user'
        ? 'Token type hint: "user" — a delegated token issued for a signed-in user.'
        : `Token type hint: ${str(v)} (Entra normally writes "app" or "user").`,
  upn: () =>
    'User principal name, for display. It can change (renames, domain changes) and can be reassigned, so never authorize or key data on it; use oid+tid.',
  preferred_username: () =>
    'The username the user typed or that represents them, for display only. It is mutable and not verified for every account type: never use it for authorization; use oid+tid.',
  unique_name: () => 'A human-readable name for the subject (v1.0 tokens), for display only. It can change; do not use it as an identifier.',
  email: () =>
    'An email address for the user, when one is known. It may be unverified and can be changed by the user or admin: display only, never an identifier.',
  name: () => 'Display name of the user, for showing in the UI. Not unique, not stable.',
  family_name: () => 'Last name of the user, as set in the directory. Display only.',
  given_name: () => 'First name of the user, as set in the directory. Display only.',
  nonce: () =>
    'A value the app sent in the sign-in request and that comes back in the ID token; the app checks it to prove the token answers its own request (protection against replay).',
  at_hash: () =>
    'Hash of the access token issued together with this ID token; lets the app check the two were issued together. Its presence marks an ID token.',
  c_hash: () =>
    'Hash of the authorization code issued together with this ID token (hybrid flow). Its presence marks an ID token.',
  sid: () => 'Session id of the user\'s sign-in session; used for front-channel sign-out.',
  aio: () => 'Internal Entra data used to reuse the token; opaque, nothing to act on.',
  rh: () => 'Internal Entra data used to revalidate the token; opaque, nothing to act on.',
  xms_tcdt: (v, _p) => `When the tenant was created (${str(v)} as a timestamp); Entra uses it internally.`,
  acr: (v) =>
    str(v) === '0'
      ? 'Authentication context class "0": the user session did not meet ISO/IEC 29115 level 1 (for example a persistent-cookie sign-in).'
      : `Authentication context class "${str(v)}" of the sign-in (v1.0 tokens).`,
  deviceid: () => 'Id of the device object in Entra the sign-in came from (the device is registered or joined).',
  ipaddr: () => 'IP address the user authenticated from. Personal data: take care when logging or sharing the token.',
  onprem_sid: () => 'Security identifier of the user in on-premises Active Directory (synchronised accounts); useful for legacy authorization.',
  login_hint: () =>
    'An opaque hint that identifies the user and session; pass it back as login_hint on a later request to sign the same user in without a picker.',
  tenant_region_scope: (v) => `Region of the tenant (${str(v)}).`,
  tenant_ctry: (v) => `Country of the tenant (${str(v)}).`,
  in_corp: () => 'The sign-in came from inside the corporate network (federated tenants).',
  pwd_exp: () => 'Seconds until the user\'s password expires.',
  pwd_url: () => 'Where the user can change their password.',
  verified_primary_email: () => 'Primary email addresses the directory has verified for the user.',
  verified_secondary_email: () => 'Secondary email addresses the directory has verified for the user.',
  signin_state: () => 'Extra state of the sign-in, such as a device that is compliant (dvc_cmp) or managed (dvc_mngd), or a sign-in that kept the session (kmsi).',
  ctry: () => 'Country the user is in, as a two-letter code.',
  fwd: () => 'IP address of the client when a proxy forwarded the request.',
  cnf: () => 'Confirmation key: the token is bound to a key (proof-of-possession); the caller must prove it holds that key.',
  xms_mirid: () => 'Resource id of the managed identity the token was issued to.',
  xms_az_rid: () => 'Azure resource id the managed identity token was requested for.',
  xms_idrel: () => 'Relation of the user to the tenant (member or guest), used internally.',
  xms_pdl: () => 'Preferred data location of the user (multi-geo tenants).',
  xms_pl: () => 'Preferred language of the user.',
  xms_tpl: () => 'Preferred language of the tenant.',
  jti: () => 'Unique id of this token, which lets a service detect replays.',
  typ: () => 'Type of the token as set by the issuer.',
  'x-ms-client-ip': () => 'Client IP address recorded by Entra.',
};

/** Header field name → explanation. */
const HEADER: Record<string, Explainer> = {
  typ: (v) => `Media type of the token: ${str(v)}. "JWT" for normal tokens; other values mark special-purpose tokens.`,
  alg: (v) =>
    str(v).toLowerCase() === 'none'
      ? 'Signing algorithm: "none" — the token is not signed at all. No API should accept it.'
      : `Signing algorithm: ${str(v)}. Entra signs with RS256; the API verifies with the tenant's public keys.`,
  kid: (v) => `Key id (${str(v)}): which of the issuer's published signing keys signed this token. Verifiers look it up in the tenant's JWKS.`,
  x5t: () => 'Thumbprint of the signing certificate; v1.0 tokens carry it alongside kid (same key).',
  nonce: () =>
    'A nonce in the header: Microsoft Graph tokens are altered after signing in a way only Graph understands, so nobody but Graph can verify their signature. This is expected, not a fault.',
  enc: (v) => `Content encryption algorithm of this encrypted token: ${str(v)}.`,
  zip: () => 'The content was compressed before encryption.',
  cty: (v) => `Content type of the protected content: ${str(v)} (a signed JWT inside an encrypted one).`,
  jku: () => 'URL of the key set the signer claims to use. Verifiers must not trust it blindly; use the tenant metadata instead.',
  x5c: () => 'Certificate chain embedded in the token; verifiers should still use the tenant\'s published keys.',
};

// Maps: a lookup per claim of every token, and a Map has no inherited keys to guard against.
const CLAIM_MAP = new Map(Object.entries(CLAIMS));
const HEADER_MAP = new Map(Object.entries(HEADER));

export function explainClaim(name: string, value: unknown, payload: Payload): { explanation: string; unknown: boolean } {
  const f = CLAIM_MAP.get(name);
  if (f) return { explanation: f(value, payload), unknown: false };
  if (name.startsWith('xms_')) return { explanation: 'A Microsoft-internal extension claim (xms_*); usually nothing for an app to act on.', unknown: true };
  return { explanation: 'A claim Auth Lens does not know: possibly an optional claim, a custom claim from a claims mapping policy, or a directory extension.', unknown: true };
}

export function explainHeader(name: string, value: unknown): { explanation: string; unknown: boolean } {
  const f = HEADER_MAP.get(name);
  if (f) return { explanation: f(value, {}), unknown: false };
  return { explanation: 'A header field Auth Lens does not know.', unknown: true };
}

/** Every claim name with a written explanation (tests check the list from the task is covered). */
export const KNOWN_CLAIMS: readonly string[] = Object.keys(CLAIMS);
export const KNOWN_HEADER_FIELDS: readonly string[] = Object.keys(HEADER);
export const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp', 'auth_time', 'xms_tcdt']);
