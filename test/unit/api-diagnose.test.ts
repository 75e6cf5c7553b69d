// Token vs API: every API refusal in test/fixtures/api-answers (<name>.txt the pasted answer, with or
// without its request; <name>.token.json the token that was sent, signed here with jose; <name>.expected.json
// what the diagnosis must say) is diagnosed, and nothing of the token but its claims reaches the result.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseApiAnswer, type ApiDiagnosis } from '../../src/core/api/diagnose';
import { readExchange } from '../../src/core/api/exchange';
import { adviceFileSchema, PROBLEM_IDS } from '../../src/core/api/schema';
import { ADVICE } from '../../src/core/api/signals';
import { lookupValue } from '../../src/core/catalog/index';
import type { Vocabulary } from '../../src/core/types';

const DIR = join(__dirname, '../fixtures/api-answers');
const NOW = new Date('2026-11-20T10:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

interface TokenSpec {
  in: 'request' | 'given';
  header?: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Seconds relative to NOW. */
  times: Record<'iat' | 'nbf' | 'exp', number>;
}

interface Expected {
  api: string;
  errorCode?: string;
  problem: string;
  summaryIncludes?: string[];
  stepsInclude?: string[];
  findings: Record<string, boolean | null>;
  claimsChallenge?: boolean;
}

let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
beforeAll(async () => {
  ({ privateKey } = await generateKeyPair('RS256'));
});

async function signToken(spec: TokenSpec): Promise<string> {
  const times = Object.fromEntries(Object.entries(spec.times).map(([k, v]) => [k, NOW_S + v]));
  return new SignJWT({ ...spec.claims, ...times }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'test-kid', ...spec.header }).sign(privateKey);
}

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();

async function run(name: string): Promise<{ result: ApiDiagnosis; token: string | null; expected: Expected }> {
  let text = readFileSync(join(DIR, `${name}.txt`), 'utf8');
  const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
  const specPath = join(DIR, `${name}.token.json`);
  const spec = existsSync(specPath) ? (JSON.parse(readFileSync(specPath, 'utf8')) as TokenSpec) : null;
  const token = spec ? await signToken(spec) : null;
  if (spec?.in === 'request') {
    expect(text, `${name}: a request token goes into the pasted Authorization header`).toContain('{{TOKEN}}');
    text = text.replace('{{TOKEN}}', token!);
  }
  const result = diagnoseApiAnswer(text, { now: NOW, token: spec?.in === 'given' ? token : null });
  return { result, token, expected };
}

describe('API rejection cases (test/fixtures/api-answers)', () => {
  it('has at least 12 cases over Graph, ARM, Key Vault, Storage and a custom API, with and without the token', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const apis = new Set(cases.map((c) => (JSON.parse(readFileSync(join(DIR, `${c}.expected.json`), 'utf8')) as Expected).api));
    expect([...apis].sort()).toEqual(['arm', 'custom', 'graph', 'key-vault', 'storage']);
    const withToken = cases.filter((c) => existsSync(join(DIR, `${c}.token.json`)));
    expect(withToken.length).toBeGreaterThanOrEqual(6);
    expect(cases.length - withToken.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', async (name) => {
    const { result, token, expected } = await run(name);
    expect(result.api.id).toBe(expected.api);
    expect(result.problem).toBe(expected.problem);
    if (expected.errorCode) expect(result.errorCode).toBe(expected.errorCode);
    const problem = ADVICE.problems.find((p) => p.id === expected.problem)!;
    expect(result.title).toBe(problem.title);
    for (const s of expected.summaryIncludes ?? []) expect(result.summary).toContain(s);
    const steps = result.steps.map((s) => s.text).join('\n');
    for (const s of expected.stepsInclude ?? []) expect(steps).toContain(s);
    // Every placeholder was filled, every step says who acts.
    expect(result.summary + steps).not.toMatch(/\{[A-Za-z]+\}/);
    expect(result.steps.length).toBeGreaterThan(0);
    for (const step of result.steps) expect(['developer', 'admin', 'user']).toContain(step.who);
    for (const [check, ok] of Object.entries(expected.findings)) {
      const finding = result.tokenFindings.find((f) => f.check === check);
      expect(finding, `${name}: finding ${check}`).toBeDefined();
      expect(finding!.ok, `${name}: ${check}: ${finding!.detail}`).toBe(ok);
    }
    if (token) {
      expect(result.tokenSource).toBe(JSON.parse(readFileSync(join(DIR, `${name}.token.json`), 'utf8')).in);
      expect(result.tokenFindings.length).toBeGreaterThan(2);
      // Neither the token nor its signature appears anywhere in the result.
      const all = JSON.stringify(result);
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.split('.')[2]!);
      expect(all).not.toContain(token.split('.')[1]!.slice(0, 40));
    } else {
      expect(result.tokenSource).toBeNull();
      expect(result.tokenFindings).toEqual([]);
    }
    if (expected.claimsChallenge) expect(result.classification.claimsChallenge).toMatch(/^\{"access_token"/);
  });
});

describe('refusals the fixtures do not cover', () => {
  it('a token whose validity starts in the future is not yet valid, whatever the answer calls it', async () => {
    const token = await signToken({ in: 'given', claims: { aud: 'api://orders', iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0', tid: '00000000-0000-0000-0000-0000000000aa', scp: 'Orders.Read', ver: '2.0', azp: 'c' }, times: { iat: 1200, nbf: 1200, exp: 4800 } });
    const r = diagnoseApiAnswer('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n', { now: NOW, token });
    expect(r.problem).toBe('not_yet_valid');
    expect(r.summary).toContain('in 20 minutes');
    expect(r.tokenFindings.find((f) => f.check === 'nbf')?.ok).toBe(false);
  });

  it('an IdentityModel signature failure without the token is a signature problem; with a Graph token it is the Graph token', async () => {
    const answer = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="IDX10503: Signature validation failed. Token does not have a kid."\n';
    expect(diagnoseApiAnswer(answer, { now: NOW }).problem).toBe('bad_signature');
    const graph = await signToken({ in: 'given', header: { nonce: 'n' }, claims: { aud: 'https://graph.microsoft.com', iss: 'https://sts.windows.net/00000000-0000-0000-0000-0000000000aa/', tid: '00000000-0000-0000-0000-0000000000aa', scp: 'User.Read', ver: '1.0' }, times: { iat: -60, nbf: -60, exp: 3000 } });
    expect(diagnoseApiAnswer(answer, { now: NOW, token: graph }).problem).toBe('graph_token_elsewhere');
  });

  it('a 403 is about permissions even when the token checked later has expired since', async () => {
    const token = await signToken({ in: 'given', claims: { aud: 'api://orders', iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0', tid: '00000000-0000-0000-0000-0000000000aa', scp: 'Orders.Read', ver: '2.0', azp: 'c' }, times: { iat: -9000, nbf: -9000, exp: -5400 } });
    const r = diagnoseApiAnswer('HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error="insufficient_scope", scope="Orders.Write"\n', { now: NOW, token });
    expect(r.problem).toBe('scope_missing');
    expect(r.tokenFindings.find((f) => f.check === 'exp')?.ok).toBe(false);
  });

  it('an answer that names no known problem, without a token, asks for the token', () => {
    const r = diagnoseApiAnswer('HTTP/1.1 401 Unauthorized\nContent-Length: 0\n', { now: NOW });
    expect(r.problem).toBe('unrecognised');
    expect(r.summary).toContain('HTTP 401');
    expect(r.steps.map((s) => s.text).join(' ')).toContain('token that was sent');
  });
});

describe('the advice data', () => {
  it('matches its schema, has one entry per problem, and names real catalog entries', () => {
    const parsed = adviceFileSchema.safeParse(ADVICE);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(ADVICE.problems.map((p) => p.id).sort()).toEqual([...PROBLEM_IDS].sort());
    for (const p of ADVICE.problems) {
      for (const key of p.entries) {
        const [vocabulary, ...rest] = key.split(':');
        const whole = rest.join(':');
        const found = lookupValue(whole, [vocabulary as Vocabulary]).concat(
          rest.length > 1 ? lookupValue(rest[0]!, [vocabulary as Vocabulary]).filter((e) => `${e.code}:${e.name}` === whole) : [],
        );
        expect(found.length, `${p.id}: ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('every API but "your API" has a .default scope and the audiences a token for it carries', () => {
    for (const api of ADVICE.apis.filter((a) => a.id !== 'custom')) {
      expect(api.scope).toMatch(/^https:\/\/[a-z.]+\/\.default$/);
      expect(api.audiences.some((a) => /^[0-9a-f-]{36}$/.test(a))).toBe(true);
    }
  });
});

describe('reading a pasted exchange', () => {
  it('takes the token from the request, the host from a Host header, and the answer from its status line', () => {
    const ex = readExchange('> GET /v1.0/me HTTP/2\n> Host: graph.microsoft.com\n> Authorization: Bearer eyJhbGciOi.eyJhdWQi.c2ln\n>\n< HTTP/2 401\n< www-authenticate: Bearer error="invalid_token"\n');
    expect(ex).toMatchObject({ method: 'GET', host: 'graph.microsoft.com', url: 'https://graph.microsoft.com/v1.0/me', token: 'eyJhbGciOi.eyJhdWQi.c2ln', requestWithoutToken: false });
    expect(ex.response.startsWith('< HTTP/2 401')).toBe(true);
  });

  it('reads a curl command line, and an answer pasted alone', () => {
    const curl = readExchange(`curl -s -H "Authorization: Bearer eyJ0eXAi.eyJhdWQi.c2ln" https://management.azure.com/subscriptions?api-version=2022-12-01\nHTTP/1.1 401 Unauthorized\n`);
    expect(curl).toMatchObject({ method: 'GET', host: 'management.azure.com', token: 'eyJ0eXAi.eyJhdWQi.c2ln' });
    const alone = readExchange('{"error":{"code":"AuthorizationFailed","message":"x"}}');
    expect(alone).toMatchObject({ method: null, host: null, token: null, requestWithoutToken: false });
  });

  it('never throws, whatever the input', () => {
    for (const input of ['', 'HTTP/1.1', '\u0000\u0001', 'GET', 'Authorization: Bearer', 'x'.repeat(100_000), undefined as unknown as string]) {
      const r = diagnoseApiAnswer(input, { now: NOW });
      expect(PROBLEM_IDS).toContain(r.problem);
    }
  });
});

describe('other clouds', () => {
  it('a US Government Graph or Key Vault answer asks for that cloud\'s scope, and its tokens pass the audience check', async () => {
    const token = await signToken({ in: 'request', claims: { aud: 'https://graph.microsoft.us', iss: 'https://login.microsoftonline.us/00000000-0000-0000-0000-0000000000aa/v2.0', tid: '00000000-0000-0000-0000-0000000000aa', scp: 'User.Read', ver: '2.0', azp: 'c' }, times: { iat: -60, nbf: -60, exp: 3000 } });
    const graph = diagnoseApiAnswer(`GET https://graph.microsoft.us/v1.0/users HTTP/1.1\nAuthorization: Bearer ${token}\n\nHTTP/1.1 403 Forbidden\n\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`, { now: NOW });
    expect(graph.api.scope).toBe('https://graph.microsoft.us/.default');
    expect(graph.tokenFindings.find((f) => f.check === 'aud')?.ok).toBe(true);
    expect(graph.problem).toBe('scope_missing');
    const vault = diagnoseApiAnswer('GET https://kv1.vault.usgovcloudapi.net/secrets/a HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\n\n{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}', { now: NOW });
    expect(vault.problem).toBe('no_token');
    expect(vault.steps.map((s) => s.text).join(' ')).toContain('https://vault.usgovcloudapi.net/.default');
  });
});
