// The verdicts on requests read from a log, tested on records alone (no log text): outcomes and
// categories, waits per authority, and the flags across requests.
import { describe, expect, it } from 'vitest';
import type { LogRequest } from '../../src/core/types';
import { judgeRequests, type RequestTiming } from '../../src/core/scan/request-verdicts';

const LOOPS = { burstMin: 3, burstGapMs: 30_000 };

function request(line: number, over: Partial<LogRequest> = {}): LogRequest {
  return {
    line,
    lines: [line],
    time: null,
    correlationId: null,
    requestId: null,
    endpoint: 'token',
    method: 'POST',
    authority: 'login.microsoftonline.com/contoso',
    grant: 'client_credentials',
    status: 200,
    error: null,
    suberror: null,
    aadsts: [],
    retryAfterSeconds: null,
    waitBeforeMs: null,
    outcome: 'unknown',
    category: null,
    source: 'network',
    dialect: 'msal-python',
    ...over,
  };
}

const at = (ms: number): RequestTiming => ({ ms, precise: true, message: null });

describe('judgeRequests', () => {
  it('judges each request: success, throttled, a device-code poll as pending, a refused secret', () => {
    const requests = [
      request(1),
      request(2, { status: 429, retryAfterSeconds: 5 }),
      request(3, { grant: 'device_code', status: 400, error: 'authorization_pending' }),
      request(4, { status: 401, error: 'invalid_client', aadsts: [7000215] }),
    ];
    judgeRequests(requests, requests.map((_, i) => at(i * 100_000)), [], LOOPS);
    expect(requests.map((r) => `${r.outcome}/${r.category}`)).toEqual(['success/success', 'throttled/throttled', 'pending/pending', 'failure/client_credential']);
  });

  it('measures waits per authority and flags a retry sooner than Retry-After', () => {
    const requests = [
      request(1, { status: 429, retryAfterSeconds: 5 }),
      request(2, { authority: 'login.microsoftonline.com/other' }),
      request(3, { status: 200 }),
    ];
    const flags = judgeRequests(requests, [at(0), at(500), at(1_200)], [], LOOPS);
    expect(requests.map((r) => r.waitBeforeMs)).toEqual([null, null, 1_200]);
    expect(flags.map((f) => [f.kind, f.lines])).toEqual([['retry_after_ignored', [1, 3]]]);
  });

  it('flags a loop of token requests to one authority, and not one broken by a long gap', () => {
    const loop = [1, 2, 3].map((line) => request(line));
    expect(judgeRequests(loop, [at(0), at(1_000), at(2_000)], [], LOOPS).map((f) => f.kind)).toEqual(['request_loop']);
    const spread = [1, 2, 3].map((line) => request(line));
    expect(judgeRequests(spread, [at(0), at(60_000), at(120_000)], [], LOOPS)).toEqual([]);
  });

  it('flags a silent refresh that needs the user only when no interactive sign-in follows it', () => {
    const refused = () => [request(10, { grant: 'refresh_token', status: 400, error: 'invalid_grant', aadsts: [700082] })];
    expect(judgeRequests(refused(), [at(0)], [], LOOPS).map((f) => f.kind)).toEqual(['no_interactive_fallback']);
    expect(judgeRequests(refused(), [at(0)], [12], LOOPS)).toEqual([]);
  });
});
