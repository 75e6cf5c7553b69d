import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, classifyResponse } from '../../src/core/classify/index';
import type { Classification } from '../../src/core/types';

const DIR = join(__dirname, '..', 'fixtures', 'classify');
const NOW = new Date('2024-05-01T10:00:00Z');
const TRACE = '5a1e3b9c-7d2f-4e8a-b6c1-0f9e8d7c6b5a';
const CORR = 'c4d2e6f8-1a3b-4c5d-9e7f-2b4d6f8a0c1e';
const TS = '2024-05-01 10:00:00Z';

function fixture(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

type Expected = Omit<Classification, 'outcome' | 'summary' | 'nextSteps'>;

const BASE: Expected = {
  category: 'unknown',
  appAction: 'stop',
  retryable: false,
  retryAfterSeconds: null,
  actor: 'developer',
  error: null,
  suberror: null,
  aadsts: [],
  correlationId: null,
  traceId: null,
  timestamp: null,
  httpStatus: null,
  claimsChallenge: null,
  source: 'unknown',
};

/**
 * What a fixture must classify as (test/fixtures/classify/expected.json): the record's fields (those
 * left out must be BASE's), and patterns its summary and steps must (or must not) match.
 */
interface Expectation extends Partial<Expected> {
  about: string;
  summary?: string[];
  /** Each must match at least one step. */
  steps?: string[];
  notSteps?: string[];
  firstStep?: string;
  /** Each must match exactly one step. */
  stepsOnce?: string[];
  /** The library-specific advice the record must carry. */
  advice?: 'interactive' | 'claims';
}

function check(name: string, spec: Expectation): Classification {
  const { about: _about, summary, steps, notSteps, firstStep, stepsOnce, advice, ...expected } = spec;
  const text = fixture(name);
  const c = classify(text, NOW);
  const want = { ...BASE, ...expected };
  const got: Expected = {
    category: c.category,
    appAction: c.appAction,
    retryable: c.retryable,
    retryAfterSeconds: c.retryAfterSeconds,
    actor: c.actor,
    error: c.error,
    suberror: c.suberror,
    aadsts: c.aadsts,
    correlationId: c.correlationId,
    traceId: c.traceId,
    timestamp: c.timestamp,
    httpStatus: c.httpStatus,
    claimsChallenge: c.claimsChallenge,
    source: c.source,
  };
  expect(got).toEqual(want);
  // Shared promises of every record.
  expect(c.summary.endsWith('.')).toBe(true);
  expect(c.summary).not.toContain('\n');
  expect(c.summary).not.toMatch(/\. [A-Z]/); // one sentence
  expect(c.nextSteps.length).toBeGreaterThan(0);
  // Every step names who acts.
  for (const step of c.nextSteps) expect(step).toMatch(/^(Developer|User|Admin|Note)\b/);
  expect(c.outcome).toBe(c.category === 'success' ? 'success' : c.category === 'pending' ? 'pending' : 'error');
  // The token itself never appears in the record.
  expect(JSON.stringify(c)).not.toMatch(/eyJ0eXAi|0\.AXoA-made-up/);

  for (const pattern of summary ?? []) expect(c.summary).toMatch(new RegExp(pattern));
  for (const pattern of steps ?? []) expect(c.nextSteps, pattern).toContainEqual(expect.stringMatching(new RegExp(pattern)));
  for (const text of notSteps ?? []) expect(c.nextSteps.join('\n')).not.toContain(text);
  if (firstStep) expect(c.nextSteps[0]).toMatch(new RegExp(firstStep));
  for (const pattern of stepsOnce ?? []) expect(c.nextSteps.filter((s) => new RegExp(pattern).test(s)), pattern).toHaveLength(1);
  if (advice === 'interactive') expectInteractiveAdvice(c);
  if (advice === 'claims') expectClaimsAdvice(c);
  return c;
}

/** The interactive call of the library the input came from comes first; another library's is left out. */
function expectInteractiveAdvice(c: Classification): void {
  const steps = c.nextSteps.join('\n');
  const python = steps.includes('acquire_token_interactive');
  const js = /acquireToken(?:Interactive|Redirect|Popup)\b/.test(steps);
  const dotnet = steps.includes('AcquireTokenInteractive');
  if (c.source === 'msal_python') expect([python, js, dotnet]).toEqual([true, false, false]);
  else if (c.source === 'msal_dotnet') expect([python, js, dotnet]).toEqual([false, false, true]);
  else if (c.source === 'msal_js') expect([python, js, dotnet]).toEqual([false, true, false]);
  else expect([python, js, dotnet]).toEqual([true, true, true]);
}

/** How to pass the claims back, in the input's library first (every library's when the input does not say). */
function expectClaimsAdvice(c: Classification): void {
  const steps = c.nextSteps.join('\n');
  const python = steps.includes('claims_challenge=');
  const dotnet = steps.includes('.WithClaims(');
  const js = /acquireToken(?:Interactive|Redirect|ByClientCredential)\(\{ scopes, claims/.test(steps);
  if (c.source === 'msal_python') expect([python, js]).toEqual([true, false]);
  else if (c.source === 'msal_dotnet') expect([python, dotnet, js]).toEqual([false, true, false]);
  else if (c.source === 'msal_js') expect([python, dotnet, js]).toEqual([false, false, true]);
  else expect([python, dotnet, js]).toEqual([true, true, true]);
  expect(steps).toContain('cp1');
  if (c.claimsChallenge) expect(steps).toContain(c.claimsChallenge);
}

const ACRS = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';

describe('every failure shape, from fixture files (test/fixtures/classify/expected.json)', () => {
  const expected = JSON.parse(fixture('expected.json')) as Record<string, Expectation>;
  const files = readdirSync(DIR).filter((f) => f !== 'expected.json');
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(Object.keys(expected).sort()).toEqual(files.sort());
  });
  for (const [name, spec] of Object.entries(expected)) it(`${name}: ${spec.about}`, () => void check(name, spec));
});

describe('HTTP responses', () => {
  it('reads the response out of curl -v output', () => {
    const text = [
      '*   Trying 20.190.160.1:443...',
      '> POST /contoso.onmicrosoft.com/oauth2/v2.0/token HTTP/2',
      '> Host: login.microsoftonline.com',
      '>',
      '< HTTP/2 400',
      '< content-type: application/json; charset=utf-8',
      `< client-request-id: ${CORR}`,
      '<',
      '{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}',
    ].join('\n');
    const c = classify(text, NOW);
    expect(c).toMatchObject({ source: 'http_response', httpStatus: 400, error: 'invalid_client', category: 'client_credential', correlationId: CORR });
    expect(c.aadsts).toEqual([7000215]);
  });

  it('reads a WWW-Authenticate header logged on its own line', () => {
    const claims = Buffer.from(ACRS).toString('base64');
    const c = classify(`2024-05-01 10:00:00 WARN graph call failed; WWW-Authenticate: Bearer realm="", error="insufficient_claims", claims="${claims}"`, NOW);
    expect(c).toMatchObject({ category: 'claims_challenge', claimsChallenge: ACRS, error: 'insufficient_claims' });
  });
});

describe('classifyResponse (token client answers)', () => {
  it('classifies a network failure', () => {
    const c = classifyResponse({ status: null, headers: {}, body: '', networkError: 'connect ECONNREFUSED 127.0.0.1:443' }, NOW);
    expect(c).toMatchObject({ category: 'network', appAction: 'retry', retryable: true, actor: 'none', httpStatus: null, source: 'http_response' });
    expect(c.summary).toContain('ECONNREFUSED');
  });

  it('reads Retry-After and WWW-Authenticate from array headers with any name case', () => {
    const c = classifyResponse(
      { status: 503, headers: { 'Retry-After': ['7'], 'content-type': 'application/json' }, body: '{"error":"temporarily_unavailable"}' },
      NOW,
    );
    expect(c).toMatchObject({ category: 'throttled', retryAfterSeconds: 7, httpStatus: 503, error: 'temporarily_unavailable' });
    const claims = Buffer.from(ACRS).toString('base64');
    const d = classifyResponse(
      { status: 401, headers: { 'www-authenticate': [`Bearer error="insufficient_claims", claims="${claims}"`] }, body: '' },
      NOW,
    );
    expect(d).toMatchObject({ category: 'claims_challenge', claimsChallenge: ACRS });
  });

  it('caps Retry-After at 3600 s as the libraries do', () => {
    const c = classifyResponse({ status: 429, headers: { 'retry-after': '86400' }, body: '' }, NOW);
    expect(c.retryAfterSeconds).toBe(3600);
  });

  it('reads a success body redacted by the client', () => {
    const c = classifyResponse({ status: 200, headers: {}, body: '{"token_type":"Bearer","expires_in":3599,"access_token":"[redacted]"}' }, NOW);
    expect(c).toMatchObject({ category: 'success', outcome: 'success', httpStatus: 200 });
  });

  it('never throws on nonsense input', () => {
    const bad = [null, undefined, {}, { status: 'x', headers: null, body: 42 }, { status: 400, headers: { 'retry-after': [1, 2] }, body: '{' }];
    for (const r of bad) {
      const c = classifyResponse(r as never, NOW);
      expect(typeof c.summary).toBe('string');
    }
  });
});

describe('smaller rules', () => {
  it("reads MSAL Python's bare None from acquire_token_silent as sign-in needed", () => {
    const c = classify('None\n', NOW);
    expect(c).toMatchObject({ category: 'interaction_required', appAction: 'acquire_interactively', actor: 'user', source: 'msal_python' });
    expectInteractiveAdvice(c);
  });

  it('asks for az login again when AzureCliCredential fails with an expired grant', () => {
    const text = [
      'azure.core.exceptions.ClientAuthenticationError: DefaultAzureCredential failed to retrieve a token from the included credentials.',
      'Attempted credentials:',
      '\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.',
      `\tAzureCliCredential: ERROR: AADSTS700082: The refresh token has expired due to inactivity. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: ${TS}`,
    ].join('\n');
    const c = classify(text, NOW);
    expect(c).toMatchObject({ category: 'expired_grant', aadsts: [700082], source: 'azure_identity', correlationId: CORR });
    expect(c.nextSteps.join('\n')).toContain('run az login again');
  });

  it('reports Retry-After on a failed answer even when it does not decide the category', () => {
    const c = classifyResponse(
      { status: 400, headers: { 'retry-after': '30' }, body: '{"error":"invalid_grant","error_codes":[700082]}' },
      NOW,
    );
    expect(c).toMatchObject({ category: 'expired_grant', retryAfterSeconds: 30 });
  });

  it('keeps interaction_required + a non-interaction code in the interactive path', () => {
    const c = classify('{"error":"interaction_required","error_description":"AADSTS53000: Device is not in required device state.","error_codes":[53000]}', NOW);
    expect(c).toMatchObject({ category: 'interaction_required', appAction: 'acquire_interactively', aadsts: [53000] });
    expect(c.summary).toMatch(/^AADSTS53000: /);
  });

  it('refines invalid_client with a clock-skew code but not with an unrelated category', () => {
    const skew = classify('{"error":"invalid_client","error_codes":[500133]}', NOW);
    expect(skew.category).toBe('clock_skew');
    const mfa = classify('{"error":"invalid_client","error_codes":[50076]}', NOW);
    expect(mfa.category).toBe('client_credential');
  });

  it('applies the MSAL.js description rule when error and suberror say nothing', () => {
    const c = classify('{"error":"unknown_thing","error_description":"silent call failed: login_required"}', NOW);
    expect(c.category).toBe('interaction_required');
  });
});

describe('input edge cases', () => {
  it('says what is wrong with empty or binary input', () => {
    expect(classify('', NOW).summary).toContain('empty');
    expect(classify('   \n\t ', NOW).summary).toContain('empty');
    expect(classify('\u0000\u0001\u0002binary', NOW).summary).toContain('binary');
    expect(classify(42 as never, NOW).summary).toContain('not text');
  });

  it('reads only the first 2 MB of a huge input and says so', () => {
    const big = fixture('te-invalid-grant-700082.json') + ' '.repeat(3 * 1024 * 1024);
    const c = classify(big, NOW);
    expect(c.category).toBe('expired_grant');
    expect(c.summary).toContain('first 2 MB');
    expect(c.nextSteps[0]).toMatch(/^Note: the input was \d+ characters long/);
  });

  it('reads a truncated Python dict from its text', () => {
    const text = fixture('py-invalid-grant-700082.txt');
    const c = classify(text.slice(0, text.indexOf("'error_codes'")), NOW);
    expect(c).toMatchObject({ source: 'msal_python', error: 'invalid_grant', category: 'expired_grant' });
    expect(c.aadsts).toEqual([700082]);
  });

  it('points a pasted token to the decoder without echoing it', () => {
    const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJlLXNlY3JldA';
    const c = classify(`Bearer ${token}`, NOW);
    expect(c).toMatchObject({ category: 'unknown', source: 'unknown' });
    expect(c.summary).toContain('token decoder');
    expect(JSON.stringify(c)).not.toContain('c2lnbmF0dXJlLXNlY3JldA');
  });

  it('reads JSON followed by other log text', () => {
    const c = classify('{"error":"invalid_grant","error_codes":[700082],"ok":true,"n":null} (while refreshing)', NOW);
    expect(c).toMatchObject({ error: 'invalid_grant', aadsts: [700082], category: 'expired_grant', source: 'token_endpoint_json' });
  });

  it('reports unknown honestly', () => {
    const c = classify('hello world', NOW);
    expect(c).toMatchObject({ category: 'unknown', appAction: 'stop', source: 'unknown' });
    expect(c.summary).toContain('found no error value');
  });
});

describe('claims challenge to an app-only (client credentials) request', () => {
  const CAE = '{"access_token":{"nbf":{"essential":true,"value":"1714557600"}}}';
  const www = {
    status: 401,
    headers: { 'www-authenticate': `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(CAE).toString('base64')}"` },
    body: '',
  };

  function expectAppOnlyAdvice(c: Classification): void {
    expect(c.category).toBe('claims_challenge');
    expect(c.appAction).toBe('acquire_with_claims');
    expect(c.actor).toBe('developer');
    expect(c.summary).toMatch(/app-only \(client credentials\)/);
    expect(c.summary).not.toMatch(/sign in again|the user/i);
    const steps = c.nextSteps.join('\n');
    expect(steps).toContain('acquire_token_for_client(scopes, claims_challenge=claims)');
    expect(steps).toContain('acquireTokenByClientCredential({ scopes, claims })');
    expect(steps).toContain('AcquireTokenForClient(scopes).WithClaims(claims)');
    expect(steps).not.toMatch(/acquire_token_interactive|acquireTokenInteractive|AcquireTokenInteractive|^User:/m);
    if (c.claimsChallenge) expect(steps).toContain(c.claimsChallenge);
  }

  it('follows the token client\'s grant hint', () => {
    expectAppOnlyAdvice(classifyResponse(www, NOW, { grant: 'client_credentials' }));
    expectAppOnlyAdvice(classifyResponse(www, NOW, { grant: 'client_certificate' }));
    // Without the hint (or with a delegated flow) the answer is the interactive one.
    for (const c of [classifyResponse(www, NOW), classifyResponse(www, NOW, { grant: 'device_code' })]) {
      expect(c.actor).toBe('user');
      expect(c.summary).toMatch(/sign in again/);
      expect(c.nextSteps.join('\n')).toContain('acquire_token_interactive');
    }
  });

  it('reads the app-only request from the text', () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["8a3f1e52-9c7d-4b2a-a1e6-3d5f7b9c2e40"]}}}';
    const result = `{'error': 'interaction_required', 'error_description': 'AADSTS50076: policy', 'claims': '${claims}'}`;
    for (const lead of [
      'result = app.acquire_token_for_client(scopes=["api://orders/.default"])',
      'POST /oauth2/v2.0/token grant_type=client_credentials&client_id=11111111-2222-3333-4444-555555555555',
      'token claims: {"aud": "api://orders", "appidacr": "1", "roles": ["Orders.Read"]}',
    ]) {
      expectAppOnlyAdvice(classify(`${lead}\n${result}`, NOW));
    }
    const delegated = classify(`token claims: {"appidacr": "1", "scp": "Orders.Read"}\n${result}`, NOW);
    expect(delegated.actor).toBe('user');
    expect(classify(result, NOW).nextSteps.join('\n')).toContain('acquire_token_interactive');
  });

  it('ignores a grant hint that is not a string', () => {
    expect(classifyResponse(www, NOW, { grant: 42 as unknown as string }).actor).toBe('user');
    expect(classifyResponse(www, NOW, null as unknown as { grant?: string }).actor).toBe('user');
  });
});

describe('classify: fields copied from the input keep only values of their own shape', () => {
  const fragments = ['c4d2e6f8', '-', 'Bearer', ' ', 'token', '=', ':', 'eyJhbGciOiJIUzI1NiJ9', 'abc123DEF456ghi789', 'basic', 'x'];
  const value = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 8 }).map((p) => `q${p.join('')}q`);
  it('the sign-in-log step quotes the correlation ID only when it is an id, and the same one as the field', () => {
    fc.assert(
      fc.property(value, (id) => {
        const c = classify(JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS50126: bad.', correlation_id: id }), NOW);
        const steps = c.nextSteps.filter((s) => s.startsWith('Admin: open Microsoft Entra'));
        if (/^[0-9A-Za-z-]{8,64}$/.test(id)) {
          expect(c.correlationId).toBe(id);
          expect(steps.join('\n')).toContain(id);
        } else {
          expect(c.correlationId).toBeNull();
          expect(steps).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('hides a token given as the correlation ID', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2ln';
    const c = classify(JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS50126: bad.', correlation_id: `Bearer ${jwt}` }), NOW);
    expect(JSON.stringify(c)).not.toContain('c2lnbmF0dXJlc2lnbmF0dXJlc2ln');
  });
  it('drops an error, suberror or timestamp that is not shaped like one', () => {
    const c = classify(
      JSON.stringify({ error: 'weird thing client_secret=abcDEF123456ghiJKL789', suberror: 'see https://evil.example', timestamp: 'Kq8~abcdefghijklmnopqrstuvwxyz0123456789', error_description: 'AADSTS50126: bad.' }),
      NOW,
    );
    expect([c.error, c.suberror, c.timestamp]).toEqual([null, null, null]);
    expect(JSON.stringify(c)).not.toContain('abcDEF123456ghiJKL789');
    expect(JSON.stringify(c)).not.toContain('Kq8~abcdefghijklmnop');
    const ok = classify(JSON.stringify({ error: 'invalid_grant', suberror: 'bad_token', timestamp: '2024-05-01 10:00:00Z', error_description: 'AADSTS50126: bad.' }), NOW);
    expect([ok.error, ok.suberror, ok.timestamp]).toEqual(['invalid_grant', 'bad_token', '2024-05-01 10:00:00Z']);
  });
});

describe('classify: the same input twice', () => {
  it('gives the same record, and hides a secret quoted in the input', () => {
    const input = JSON.stringify({ error: 'weird_thing', error_description: 'client_secret=abcDEF123456ghiJKL789 no code here' });
    const first = classify(input, NOW);
    expect(classify(input, NOW)).toEqual(first);
    expect(JSON.stringify(first)).not.toContain('abcDEF123456ghiJKL789');
  });
});
