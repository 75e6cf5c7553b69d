// Fuzz properties of the classifier's public face (`classify`, `classifyResponse`).
// Kept apart from properties.ts so the list of classifier promises reads in one place.
import fc from 'fast-check';
import { classify, classifyResponse } from '../../src/core/classify';
import { ClassificationSchema } from '../../src/protocol';
import { SOURCES, type Classification } from '../../src/core/types';
import { anyValue, fragmentText, hostileText, mutatedSeed } from './arbitraries';
import { fail, prop, type FuzzProperty } from './harness';
import { pyRepr } from './pyrepr-writer';

const NOW = new Date('2026-11-20T09:15:00Z');
const SIGNATURE = 'c2lnbmF0dXJlLWNsYXNzaWZ5LXByb2Jl';
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9jbGFzc2lmeSIsImV4cCI6MTcwMDAwMzYwMH0.' + SIGNATURE;
const SECRET = 'Kq8~fuzzSecretValue.0123456789';

function checkRecord(c: Classification, input: unknown): void {
  const parsed = ClassificationSchema.safeParse(c);
  if (!parsed.success) fail('classification rejected by ClassificationSchema', { input: String(input).slice(0, 200), issues: parsed.error.issues.slice(0, 3) });
  if (c.summary.trim().length === 0) fail('empty summary', String(input).slice(0, 200));
  const all = JSON.stringify(c);
  if (all.includes(SIGNATURE)) fail('classification carries a JWT signature', String(input).slice(0, 300));
  if (all.includes(SECRET)) fail('classification carries a client secret', String(input).slice(0, 300));
}

const headerValue = fc.oneof(hostileText(), fc.array(hostileText(), { maxLength: 3 }), anyValue());
const headers = fc.dictionary(
  fc.oneof(fc.constantFrom('retry-after', 'Retry-After', 'www-authenticate', 'WWW-Authenticate', 'content-type', 'x-ms-request-id', 'client-request-id', 'set-cookie', '__proto__'), fc.string()),
  headerValue,
  { maxKeys: 5 },
);
// Statuses a caller can really hand over (undici never reports more than three digits); negative and 1000+ are in findings.test.ts.
const status = fc.oneof(fc.constantFrom(200, 400, 401, 403, 429, 500, 502, 503, 504), fc.integer({ min: 0, max: 999 }), anyValue().filter((v) => !Number.isInteger(v)));

// Plain log text: no other codes, no object or HTTP start that would make another reader take over.
const noCodes = fragmentText(12).map((s) => s.replace(/AADSTS/gi, 'aad').replace(/HTTP\//gi, 'http ').replace(/[{[\r\n\u0000]/g, ' '));

// One failure, written in each shape the classifier reads: the same facts must come out of every one.
const failureFacts = fc.record({
  error: fc.constantFrom('invalid_grant', 'invalid_client', 'interaction_required', 'unauthorized_client', 'invalid_scope', 'consent_required', 'temporarily_unavailable', 'invalid_request'),
  code: fc.constantFrom(50076, 7000215, 700016, 65001, 70011, 53003, 700082, 90055, 50196, 90033, 50011, 7000222),
  correlation: fc.uuid(),
  trace: fc.uuid(),
  words: fc.string({ unit: fc.constantFrom(...'abc xyz.,'.split('')), maxLength: 40 }),
});
type FailureFacts = { error: string; code: number; correlation: string; trace: string; words: string };

const SHAPES: Record<string, { source: string; write(f: FailureFacts): string }> = {
  json: { source: 'token_endpoint_json', write: (f) => JSON.stringify(bodyOf(f)) },
  python: { source: 'msal_python', write: (f) => pyRepr(bodyOf(f)) },
  'msal-js': { source: 'msal_js', write: (f) => `ServerError: ${f.error}: AADSTS${f.code}: ${f.words} Trace ID: ${f.trace} Correlation ID: ${f.correlation} Timestamp: 2026-11-20 09:15:08Z` },
  dotnet: {
    source: 'msal_dotnet',
    write: (f) =>
      `Microsoft.Identity.Client.MsalServiceException: AADSTS${f.code}: ${f.words} Trace ID: ${f.trace} Correlation ID: ${f.correlation} Timestamp: 2026-11-20 09:15:08Z\n   ErrorCode: ${f.error}\n   StatusCode: 400\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync()`,
  },
  http: { source: 'http_response', write: (f) => `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nx-ms-request-id: ${f.trace}\r\n\r\n${JSON.stringify(bodyOf(f))}` },
};

function bodyOf(f: FailureFacts): { [k: string]: string | number[] } {
  return {
    error: f.error,
    error_description: `AADSTS${f.code}: ${f.words} Trace ID: ${f.trace} Correlation ID: ${f.correlation} Timestamp: 2026-11-20 09:15:08Z`,
    error_codes: [f.code],
    timestamp: '2026-11-20 09:15:08Z',
    trace_id: f.trace,
    correlation_id: f.correlation,
  };
}

export const CLASSIFIER_PROPERTIES: FuzzProperty[] = [
  prop('classify: the same failure written as JSON, Python repr, msal-js, MSAL.NET or HTTP gives the same facts', fc.tuple(failureFacts, fc.constantFrom(...Object.keys(SHAPES))), ([f, shape]) => {
    const { source, write } = SHAPES[shape]!;
    const text = write(f);
    const c = classify(text, NOW);
    const got = { source: c.source, error: c.error, code: c.aadsts.includes(f.code), correlationId: c.correlationId?.toLowerCase(), traceId: c.traceId?.toLowerCase(), outcome: c.outcome };
    const want = { source, error: f.error, code: true, correlationId: f.correlation, traceId: f.trace, outcome: 'error' };
    if (JSON.stringify(got) !== JSON.stringify(want)) fail(`${shape}: facts differ`, { text, got, want });
  }),
  prop('classify: never throws; record fits the protocol; no secret or signature survives', fc.tuple(fc.oneof(hostileText(), mutatedSeed()), fc.constantFrom('', ` Authorization: Bearer ${JWT}`, ` client_secret=${SECRET}&`, ` {"access_token": "${JWT}"}`, ` 'refresh_token': '${JWT}'`)), ([text, extra]) => {
    const input = text + extra;
    checkRecord(classify(input, NOW), input);
  }, 2),
  prop('classify: non-text inputs get a record, not a throw', anyValue(), (v) => {
    const c = classify(v as string, NOW);
    checkRecord(c, v);
    if (!(SOURCES as readonly string[]).includes(c.source)) fail('unknown shape', c.source);
  }),
  prop('classify: an AADSTS code in a log line is always reported', fc.tuple(noCodes, fc.integer({ min: 10_000, max: 9_999_999 }), noCodes), ([before, code, after]) => {
    const text = `${before} AADSTS${code}: something failed ${after}`;
    const c = classify(text, NOW);
    if (!c.aadsts.includes(code)) fail('code not reported', { text, aadsts: c.aadsts, source: c.source });
  }),
  prop('classifyResponse: never throws; record fits the protocol', fc.record({ status, headers, body: fc.oneof(hostileText(), mutatedSeed(), anyValue()), networkError: fc.oneof(fc.constant(undefined), fc.constant(null), hostileText()) }), (r) => {
    const c = classifyResponse(r as Parameters<typeof classifyResponse>[0], NOW);
    checkRecord(c, r);
    if (typeof r.status === 'number' && Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 && !r.networkError && c.httpStatus !== r.status) {
      fail('httpStatus lost', { status: r.status, got: c.httpStatus });
    }
  }, 2),
  prop('classifyResponse: 429/503 with Retry-After seconds or a date waits that long (up to the cap)', fc.tuple(fc.constantFrom(429, 503), fc.integer({ min: 1, max: 3600 }), fc.boolean()), ([code, seconds, asDate]) => {
    const value = asDate ? new Date(NOW.getTime() + seconds * 1000).toUTCString() : String(seconds);
    const c = classifyResponse({ status: code, headers: { 'retry-after': value }, body: '' }, NOW);
    if (c.retryAfterSeconds !== seconds) fail('Retry-After not honoured', { code, value, got: c.retryAfterSeconds });
    if (!c.retryable) fail('throttled answer not retryable', { code, value });
  }),
  prop('classifyResponse: a claims challenge in WWW-Authenticate comes back decoded', fc.tuple(
    fc.dictionary(fc.constantFrom('access_token', 'id_token'), fc.dictionary(fc.constantFrom('nbf', 'acrs', 'xms_cc', 'capolids'), fc.record({ essential: fc.boolean(), value: fc.string({ maxLength: 12 }) }), { minKeys: 1, maxKeys: 2 }), { minKeys: 1, maxKeys: 2 }),
    fc.constantFrom('Bearer realm="", ', 'Bearer ', 'PoP realm="x", ', 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", '),
  ), ([claims, lead]) => {
    const b64 = Buffer.from(JSON.stringify(claims)).toString('base64');
    const c = classifyResponse({ status: 401, headers: { 'www-authenticate': `${lead}error="insufficient_claims", claims="${b64}"` }, body: '' }, NOW);
    if (c.claimsChallenge === null) fail('claims challenge lost', { lead, claims });
    let got: unknown;
    try {
      got = JSON.parse(c.claimsChallenge);
    } catch {
      fail('claims challenge is not JSON', c.claimsChallenge);
    }
    if (JSON.stringify(got) !== JSON.stringify(claims)) fail('claims challenge changed', { want: claims, got });
    if (c.category !== 'claims_challenge') fail('not classified as a claims challenge', c.category);
  }),
];
