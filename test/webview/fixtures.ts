// Messages the panel tests send, built from the real core functions: the classifier and its MSAL
// snippets, token decoding, log scanning, catalog lookup and search. Only the retry timeline is
// hand-written (the token client needs a live authority), shaped like what the client records.
import { lookupCode } from '../../src/core/catalog/index';
import { searchEntries } from '../../src/core/catalog/lookup';
import { classify, classifyResponse, claimsSnippets } from '../../src/core/classify/index';
import { decodeToken } from '../../src/core/jwt/decode';
import { redactSecrets } from '../../src/core/redact';
import { createScanner } from '../../src/core/scan/scanner';
import type { Classification, DecodedToken, Timeline, TimelineAttempt } from '../../src/core/types';
import type { CodeSnippet, HostMessage, ShowMessage } from '../../src/protocol';

/** Strings that would run code if the panel ever turned data into markup or links. */
export const SCRIPT_TEXT = "<script>window.__pwned = 'script'</script>";
export const IMG_TEXT = '<img src=x onerror="window.__pwned = \'img\'">';
export const JS_URL = "javascript:window.__pwned='url'";

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '0f3c9a6e-1b2d-4c5e-8f70-a1b2c3d4e5f6';
export const SIGNATURE = 'c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1iZS1zaG93bi1vci1zYXZlZA';

/** A made-up v2 delegated access token for Graph with a hostile display name. */
export function makeJwt(expiresInSeconds = 3_000): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'test-key-1' };
  const payload = {
    aud: '00000003-0000-0000-c000-000000000000',
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    iat: now - 600,
    nbf: now - 600,
    exp: now + expiresInSeconds,
    azp: CLIENT_ID,
    name: `${SCRIPT_TEXT} ${IMG_TEXT}`,
    preferred_username: JS_URL,
    oid: '6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    scp: 'User.Read Mail.Read',
    tid: TENANT,
    ver: '2.0',
    xms_custom: 'something Auth Lens has never heard of',
  };
  return `${b64url(header)}.${b64url(payload)}.${SIGNATURE}`;
}

export const RAW_TOKEN = makeJwt();
export const DECODED: DecodedToken = decodeToken(`Bearer ${RAW_TOKEN}`);

export const CLAIMS_CHALLENGE = '{"access_token":{"capolids":{"essential":true,"values":["c1a6e0f2-0000-4000-8000-000000000001"]}}}';

export const CORRELATION_ID = '4b1c6a2e-5d3f-4e8a-9b7c-1d2e3f4a5b6c';

/** An MSAL Python log line with a claims challenge, and hostile text in its description. */
export const LOG_LINE = `2026-11-24 06:12:44,118 ERROR msal: {"error": "invalid_grant", "error_description": ${JSON.stringify(`AADSTS50076: Due to a configuration change ${SCRIPT_TEXT} ${IMG_TEXT} see ${JS_URL}`)}, "error_codes": [50076], "suberror": "basic_action", "correlation_id": "${CORRELATION_ID}", "claims": ${JSON.stringify(CLAIMS_CHALLENGE)}}`;

export const CLASSIFICATION: Classification = classify(LOG_LINE);
export const SNIPPETS: CodeSnippet[] = claimsSnippets(CLASSIFICATION.claimsChallenge ?? CLAIMS_CHALLENGE).map((s) => ({ language: s.library, code: s.code }));

export const RESPONSE: ShowMessage = {
  type: 'show',
  view: 'response',
  classification: CLASSIFICATION,
  input: redactSecrets(LOG_LINE.slice(LOG_LINE.indexOf('{'))),
  snippets: SNIPPETS,
};

const entry50076 = lookupCode(50076);
if (!entry50076) throw new Error('catalog has no entry for 50076');
export const ENTRY = entry50076;
export const SEARCH_QUERY = 'consent';
// What the panel's host answers for this query (the function it runs).
export const SEARCH_RESULTS = searchEntries(SEARCH_QUERY);

export const LOOKUP: ShowMessage = { type: 'show', view: 'lookup', entries: [ENTRY], selected: ENTRY };
export const LOOKUP_RESULTS: HostMessage = { type: 'lookupResults', query: SEARCH_QUERY, entries: SEARCH_RESULTS };

const ATTEMPT_BODIES: Record<number, string> = {
  200: '{"token_type":"Bearer","expires_in":3599,"access_token":"[redacted]"}',
  429: '{"error":"temporarily_unavailable","error_description":"AADSTS50196: The server terminated an operation because it encountered a client request loop.","error_codes":[50196]}',
  503: '{"error":"temporarily_unavailable","error_description":"AADSTS90033: A transient error has occurred. Please try again.","error_codes":[90033]}',
};

/** What the real classifier says about each answer the token client got. */
function attemptClassification(status: number | null): Classification {
  if (status === null) return classifyResponse({ status: null, headers: {}, body: '', networkError: 'ECONNRESET' });
  return classifyResponse({
    status,
    headers: status === 429 ? { 'retry-after': '2', 'content-type': 'application/json' } : { 'content-type': 'application/json' },
    body: ATTEMPT_BODIES[status] ?? '',
  });
}

/** A client-credentials run: throttled and failing attempts with waits, then success. */
export function makeTimeline(count: number): Timeline {
  const attempts: TimelineAttempt[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const status = last ? 200 : i % 5 === 3 ? null : i % 2 === 0 ? 429 : 503;
    const durationMs = 120 + ((i * 37) % 300);
    const waitMs = last ? 0 : status === 429 ? 2_000 : 400 * Math.min(8, 2 ** (i % 4));
    attempts.push({
      index: i,
      startMs: t,
      durationMs,
      method: 'POST',
      url: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
      httpStatus: status,
      requestIds: status === null ? {} : { 'x-ms-request-id': `0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`, 'client-request-id': `1111111${i}-aaaa-4bbb-8ccc-dddddddddddd` },
      retryAfterSeconds: status === 429 ? 2 : null,
      decision: last ? 'done' : status === 429 ? 'wait' : 'retry',
      reason: last ? 'Token received.' : status === 429 ? 'The server sent Retry-After: 2; waiting that long.' : status === null ? 'Connection reset; retrying with back-off.' : 'Server error 503; retrying with back-off.',
      waitMs,
      networkError: status === null ? 'ECONNRESET' : null,
      classification: attemptClassification(status),
    });
    t += durationMs + waitMs;
  }
  return {
    operation: `client_credentials via https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
    startedAt: '2026-11-24T06:10:00.000Z',
    totalMs: t,
    attempts,
    final: attemptClassification(200),
  };
}

export function timelineMessage(count: number, withToken = false): ShowMessage {
  return { type: 'show', view: 'timeline', timeline: makeTimeline(count), ...(withToken ? { token: DECODED } : {}) };
}

export const CLAIMS: ShowMessage = { type: 'show', view: 'claims', token: DECODED };

/** A small MSAL log with throttling, a consent error, correlation ids and a leaked token. */
export function makeLog(): string {
  const lines: string[] = [];
  const corr = ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002', 'a1b2c3d4-0000-4000-8000-000000000003'];
  for (let i = 0; i < 12; i++) {
    const ts = `2026-11-24T06:00:${String(i * 2).padStart(2, '0')}.000Z`;
    lines.push(`${ts} INFO POST https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token client_id=${CLIENT_ID}`);
    lines.push(
      `${ts} ERROR {"error": "temporarily_unavailable", "error_description": "AADSTS50196: The server terminated an operation because it encountered a client request loop.", "error_codes": [50196], "correlation_id": "${corr[i % 3]}"}`,
    );
  }
  lines.push(`2026-11-24T06:01:00.000Z ERROR {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided.", "correlation_id": "${corr[0]}"}`);
  lines.push(`2026-11-24T06:01:05.000Z WARN user log says ${SCRIPT_TEXT} and ${JS_URL}`);
  lines.push(`2026-11-24T06:01:09.000Z DEBUG Authorization: Bearer ${RAW_TOKEN}`);
  lines.push(`2026-11-24T06:01:10.000Z ERROR {"error": "consent_required", "error_description": "AADSTS65001: The user or administrator has not consented.", "correlation_id": "${corr[2]}"}`);
  return lines.join('\n') + '\n';
}

export function scanMessage(): ShowMessage {
  const scanner = createScanner();
  scanner.push(makeLog());
  const summary = scanner.end();
  return { type: 'show', view: 'scan', summary, documentUri: 'file:///work/logs/app.log', fileName: `app.log ${SCRIPT_TEXT}` };
}
