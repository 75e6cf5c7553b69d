// Input generators shared by the property tests (`npm test`) and the long fuzz runner
// (`npm run fuzz`). Three families: text built from the fragments parsers key on (so random inputs hit
// the interesting branches instead of dying at the first byte), mutations of realistic seeds, and raw
// unicode / binary noise. Every value is made up; nothing here is a real secret or tenant.
import fc from 'fast-check';
import { SEEDS } from './seeds';

/** The fragments the classifier, scanner, decoder and redactor look for, plus their near misses. */
export const FRAGMENTS: readonly string[] = [
  'AADSTS', 'AADSTS50076', 'AADSTS7000215', 'AADSTS99999999999', 'AADSTS-1', '50076', '700082',
  '"', "'", '\\', '\\"', "\\'", '\\\\', '=', '==', ':', ': ', ',', ', ', ';', ' ', '\t', '\r\n', '\n', '\r', '\\r\\n', '\\n',
  '{', '}', '[', ']', '(', ')', '{"', "{'", '"}', "'}", '<', '>', '&', '%', '%22', '%3D', '+', '/', '-', '_', '.', '..', '...',
  'eyJ', 'eyJhbGciOiJSUzI1NiJ9', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0', 'eyJzdWIiOiJ4In0', '.eyJ', 'Ew', '0.A', '1.AR',
  'Bearer ', 'bearer', 'Basic ', 'Negotiate ', 'Authorization: ', 'authorization=', 'Cookie: ', 'Set-Cookie: ',
  'error', 'error=', 'error: ', '"error":', "'error': ", 'errorCode', 'error_codes', 'error_description', 'suberror',
  'invalid_grant', 'interaction_required', 'invalid_client', 'temporarily_unavailable', 'slow_down', 'authorization_pending',
  'consent_required', 'login_required', 'basic_action', 'bad_token', 'insufficient_claims',
  'access_token', 'refresh_token', 'id_token', 'client_secret', 'client_assertion', 'code=', 'password=', 'device_code',
  'claims', 'claims="', 'xms_cc', 'cp1', 'realm=""', 'realm', 'authorization_uri=', 'error_description="', 'WWW-Authenticate: ',
  'Retry-After: ', 'Retry-After: 120', 'Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994',
  'HTTP/1.1 ', 'HTTP/1.1 429 Too Many Requests', 'HTTP/2 401', '< HTTP/1.1 400', 'Content-Type: application/json',
  'Trace ID: ', 'Correlation ID: ', 'correlation_id', 'correlationId', 'trace_id', 'Timestamp: ', 'timestamp',
  '2026-11-20 09:15:13Z', '2026-11-20T09:15:14.949Z', '2026-11-20 09:14:04.199 +00:00',
  '0bdb8a49-2d7b-4a2b-9f5b-0b8f6f1d2c3e', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff', 'GUID-',
  'MsalServiceException', 'MsalUiRequiredException', 'Microsoft.Identity.Client.', 'ErrorCode: ', 'StatusCode: ',
  'InteractionRequiredAuthError', 'ServerError', 'BrowserAuthError', 'AuthError', 'ClientAuthError', 'Error(s): ', ' - Description: ',
  'ClientAuthenticationError', 'CredentialUnavailableError', 'azure.identity', 'msal', 'ValueError', 'Traceback',
  'None', 'True', 'False', 'null', 'true', 'false', 'NaN', 'Infinity', '-0', '1e999', '0x1F', "u'", "b'", "r'", '"""', "'''",
  'oauth2/v2.0/token', 'oauth2/token', 'https://login.microsoftonline.com/', 'client_id=',
  '\u0000', '\u0007', '\u00a0', '\u2028', '\u200b', '\ufeff', 'é', '日本', '😀', '\ud800', '\udfff', '\u001b[31m',
  '<script>alert(1)</script>', 'javascript:alert(1)', '<img src=x onerror=alert(1)>', '](javascript:x)', '`', '```', '*', '#',
];

/** Text assembled from fragments and random characters: the shape of hostile or damaged log text. */
export function fragmentText(maxParts = 40): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.nat({ max: 99_999_999 }).map(String) },
    { weight: 1, arbitrary: fc.uuid() },
  );
  return fc.array(part, { maxLength: maxParts }).map((parts) => parts.join(''));
}

// ---------------------------------------------------------------------------------------------
// Mutations of realistic inputs

type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; len: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'swap'; at: number; len: number }
  | { op: 'flip'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fragmentText(4) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }), times: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat() }),
);

export function applyMutation(text: string, m: Mutation): string {
  const n = text.length;
  const at = n === 0 ? 0 : m.at % (n + 1);
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicate': {
      const piece = text.slice(at, at + m.len);
      return text.slice(0, at) + piece.repeat(m.times + 1) + text.slice(at + m.len);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'swap': {
      // Moves a span to the end: breaks nesting and pairing without changing the alphabet.
      const piece = text.slice(at, at + m.len);
      return text.slice(0, at) + text.slice(at + m.len) + piece;
    }
    case 'flip': {
      if (n === 0) return text;
      const c = text.charCodeAt(at % n);
      return text.slice(0, at % n) + String.fromCharCode(c ^ 0x20) + text.slice((at % n) + 1);
    }
  }
}

/** A seed (an MSAL result, a token response, an HTTP transcript, a log line) with 0–6 random edits. */
export function mutatedSeed(seeds: readonly string[] = SEEDS): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 6 }))
    .map(([seed, ms]) => ms.reduce(applyMutation, seed));
}

/** Everything a parser might be handed as text. */
export function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fragmentText() },
    { weight: 4, arbitrary: mutatedSeed() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('{', '[', '"', "'", '\\', '}', ']', ',', ':', '='), maxLength: 300 }) },
  );
}

/** An object whose every property read throws (fast-check itself may still print it). */
function hostileProxy(): object {
  return new Proxy(
    {},
    {
      // Data reads throw; what fast-check needs to print the value does not.
      get: (target, key) => {
        if (key === fc.toStringMethod) return () => 'HostileProxy';
        if (typeof key === 'symbol' || key === 'toString' || key === 'valueOf' || key === 'constructor') return Reflect.get(target, key) as unknown;
        throw new Error('hostile getter');
      },
    },
  );
}

/** Values that are not what a typed API expects: what a JS caller, a webview or settings.json can send. */
export function anyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }),
    hostileText(),
    fc.constantFrom(undefined, null, NaN, -0, Infinity, Symbol('x') as unknown, () => 1, hostileProxy()),
  );
}

/** A token-shaped string: base64url JSON segments that may or may not decode, with damage. */
export function tokenLike(): fc.Arbitrary<string> {
  const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
  const jsonish = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom('alg', 'typ', 'kid', 'enc', 'x5t', 'nonce', 'zip'), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.stringify(o)),
    fc.dictionary(
      fc.constantFrom('aud', 'iss', 'iat', 'nbf', 'exp', 'tid', 'oid', 'sub', 'appid', 'azp', 'scp', 'roles', 'ver', 'idtyp', 'xms_cc', 'wids', 'groups', 'upn', 'amr', 'acrs', 'name', 'unique_name', 'auth_time'),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.double(), fc.string()),
    ).map((o) => JSON.stringify(o)),
    fc.string(),
  );
  const segment = fc.oneof({ weight: 4, arbitrary: jsonish.map(b64url) }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'AZaz09-_+/=. '.split('')), maxLength: 30 }) });
  const joined = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
  const wrapped = fc.tuple(fc.constantFrom('', 'Bearer ', 'bearer  ', 'Authorization: Bearer ', '"', "'", ' \n'), joined, fc.constantFrom('', '"', "'", '\n', '\r\n ')).map(([a, b, c]) => a + b + c);
  return fc.tuple(wrapped, fc.array(mutation, { maxLength: 3 })).map(([t, ms]) => ms.reduce(applyMutation, t));
}

/**
 * Splits text into 1–12 chunks at random points. Surrogate pairs are kept whole: a string chunk is
 * encoded on its own, so half a pair is a lone surrogate there (callers with text of unknown edges
 * push bytes, which byteChunks covers).
 */
export function chunkings(text: string): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.nat({ max: Math.max(0, text.length) }), { maxLength: 12 }).map((cuts) => {
    const isLow = (i: number): boolean => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    const points = [...new Set(cuts.map((c) => (isLow(c) ? c - 1 : c)))].sort((a, b) => a - b);
    const out: string[] = [];
    let prev = 0;
    for (const p of points) {
      out.push(text.slice(prev, p));
      prev = p;
    }
    out.push(text.slice(prev));
    return out;
  });
}

/** Splits bytes into chunks at random points (UTF-8 sequences and CRLF pairs may be split). */
export function byteChunks(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}
