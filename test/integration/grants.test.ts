// Every grant of the token client against the sandbox authority (a real OpenID provider on
// 127.0.0.1), including the user step of device code and auth code + PKCE done through the
// provider's own pages, the claims-challenge round trip and the Entra-shaped failure scenarios.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { request } from 'undici';
import { createTokenClient, validateAppRegistration, type TokenClient, type TokenResult } from '../../src/core/client/index';
import { classifyResponse } from '../../src/core/classify/index';
import { runTokenCommand } from '../../src/cli/token';
import { memoryIo as fakeIo } from '../fixtures/cli-io';
import { extensionRegistrations } from '../../scripts/lib/registrations';
import { validateRegistrations } from '../../src/extension/settings';
import { SANDBOX_API, SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, SANDBOX_TENANT_ID, completeUserStep, sandboxAppRegistrations, startSandbox, type Sandbox } from '../sandbox/index';

let sandbox: Sandbox;
let client: TokenClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = createTokenClient();
});

afterAll(async () => {
  await client?.close();
  await sandbox?.stop();
});

const appScope = [`${SANDBOX_API}/.default`];
const userScope = [`${SANDBOX_API}/Sandbox.Read`];

/** Tokens and secrets must never appear in what the client reports. */
function expectNoSecrets(result: TokenResult, secrets: (string | undefined)[]): void {
  const report = JSON.stringify({ classification: result.classification, timeline: result.timeline, settingsErrors: result.settingsErrors });
  for (const secret of secrets) if (secret) expect(report).not.toContain(secret);
  for (const token of [result.tokens?.accessToken, result.tokens?.idToken, result.tokens?.refreshToken]) if (token) expect(report).not.toContain(token);
}

async function deviceCodeLogin(login = 'alex', extra: Record<string, unknown> = {}): Promise<TokenResult> {
  let userStep: Promise<unknown> | undefined;
  const result = await client.acquire(
    { settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'device_code', scopes: userScope, ...extra } },
    {
      onDeviceCode: (info) => {
        expect(info.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
        userStep = completeUserStep(info.verificationUriComplete ?? info.verificationUri, { login, userCode: info.userCode });
      },
    },
  );
  await userStep;
  return result;
}

describe('grants against the sandbox authority', () => {
  it('client credentials with a secret: a JWT with Entra-like app-only claims, and a complete timeline', async () => {
    const result = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: appScope },
      credentials: { clientSecret: sandbox.clientSecret },
    });
    expect(result.classification.outcome).toBe('success');
    expect(result.tokens?.accessToken).toBeTruthy();
    const claims = decodeJwt(result.tokens!.accessToken);
    expect(claims).toMatchObject({ tid: SANDBOX_TENANT_ID, azp: 'sandbox-secret', appid: 'sandbox-secret', azpacr: '1', idtyp: 'app', ver: '2.0', aud: SANDBOX_API, iss: sandbox.issuer });
    expect(claims.roles).toEqual(['Sandbox.Read.All']);
    expect(claims.xms_cc).toBeUndefined();
    const [discovery, token] = result.timeline.attempts;
    expect(discovery).toMatchObject({ method: 'GET', httpStatus: 200, decision: 'done' });
    // Discovery is a finished step, not a token attempt still waiting for something.
    expect(discovery!.reason).toMatch(/^discovery/);
    expect(discovery!.classification).toMatchObject({ outcome: 'success', category: 'success', appAction: 'none' });
    expect(token).toMatchObject({ method: 'POST', httpStatus: 200, decision: 'done', url: `${sandbox.issuer}/token` });
    expect(token!.requestIds['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(token!.requestIds['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.timeline.final.category).toBe('success');
    expectNoSecrets(result, [sandbox.clientSecret]);
  });

  it('client capabilities cp1 travel in the claims parameter and come back as xms_cc', async () => {
    const result = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: appScope, clientCapabilities: ['cp1'] },
      credentials: { clientSecret: sandbox.clientSecret },
    });
    expect(result.tokens).toBeDefined();
    expect(decodeJwt(result.tokens!.accessToken).xms_cc).toEqual(['cp1']);
  });

  it.each(['RS256', 'PS256'] as const)('client certificate (%s assertion with x5t#S256)', async (algorithm) => {
    const result = await client.acquire({
      settings: {
        authority: sandbox.issuer,
        clientId: 'sandbox-cert',
        flow: 'client_certificate',
        scopes: appScope,
        certificate: { certPath: SANDBOX_CERT_PATH, keyPath: SANDBOX_KEY_PATH, algorithm },
      },
    });
    expect(result.classification.category).toBe('success');
    const claims = decodeJwt(result.tokens!.accessToken);
    expect(claims).toMatchObject({ azp: 'sandbox-cert', azpacr: '2', roles: ['Sandbox.Read.All'] });
  });

  it('client certificate from PEM texts the caller holds (as the extension does from secret storage)', async () => {
    const { readFileSync } = await import('node:fs');
    const result = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: 'sandbox-cert', flow: 'client_certificate', scopes: appScope },
      credentials: { certificatePem: readFileSync(SANDBOX_CERT_PATH, 'utf8'), privateKeyPem: readFileSync(SANDBOX_KEY_PATH, 'utf8') },
    });
    expect(result.classification.category).toBe('success');
    expect(decodeJwt(result.tokens!.accessToken).azpacr).toBe('2');
  });

  it('client certificate with a key that does not match the certificate is refused before sending', async () => {
    const before = sandbox.requests.length;
    const result = await client.acquire({
      settings: {
        authority: sandbox.issuer,
        clientId: 'sandbox-cert',
        flow: 'client_certificate',
        scopes: appScope,
        certificate: { certPath: SANDBOX_CERT_PATH, keyPath: SANDBOX_KEY_PATH.replace('sandbox-client-key', 'other-key') },
      },
    });
    expect(result.classification.category).toBe('misuse');
    expect(result.settingsErrors?.[0]).toMatch(/does not belong to the certificate/);
    // Discovery may have been cached already; no token request went out.
    expect(sandbox.requests.slice(before).filter((r) => r.path === '/token')).toHaveLength(0);
  });

  it('device code: user code callback, pending polls, then tokens with a refresh token', async () => {
    const result = await deviceCodeLogin('alex');
    expect(result.classification.category).toBe('success');
    expect(result.tokens?.refreshToken).toBeTruthy();
    expect(result.tokens?.idToken).toBeTruthy();
    const claims = decodeJwt(result.tokens!.accessToken);
    expect(claims).toMatchObject({ sub: 'alex', scp: 'Sandbox.Read', azpacr: '0', tid: SANDBOX_TENANT_ID });
    const attempts = result.timeline.attempts;
    const start = attempts.find((a) => a.url.endsWith('/device/auth'));
    expect(start).toMatchObject({ httpStatus: 200, decision: 'done' });
    expect(start!.classification.category).toBe('pending');
    expect(attempts.at(-1)).toMatchObject({ httpStatus: 200, decision: 'done' });
    for (const poll of attempts.filter((a) => a.decision === 'wait')) expect(poll.reason).toMatch(/authorization_pending|slow_down/);
    expectNoSecrets(result, []);
  });

  it('auth code + PKCE through a loopback redirect on 127.0.0.1, then refresh token', async () => {
    let authorizeUrl = '';
    let userStep: Promise<{ finalStatus: number; finalHtml: string }> | undefined;
    const result = await client.acquire(
      { settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'auth_code_pkce', scopes: userScope, redirectUri: 'http://127.0.0.1/' } },
      {
        openBrowser: (url) => {
          authorizeUrl = url;
          const redirect = new URL(url).searchParams.get('redirect_uri')!;
          userStep = completeUserStep(url, { login: 'bea', stopAtPrefix: redirect });
        },
      },
    );
    const landing = await userStep!;
    expect(landing.finalStatus).toBe(200);
    expect(landing.finalHtml).toMatch(/Signed in/);
    const params = new URL(authorizeUrl).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(params.get('redirect_uri')!).hostname).toBe('127.0.0.1');
    expect(result.classification.category).toBe('success');
    expect(decodeJwt(result.tokens!.accessToken)).toMatchObject({ sub: 'bea', scp: 'Sandbox.Read' });
    expect(decodeJwt(result.tokens!.idToken!).sub).toBe('bea');
    // The loopback listener is gone: the redirect URI no longer answers.
    await expect(request(params.get('redirect_uri')!)).rejects.toThrow();

    const refreshed = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'refresh_token', scopes: userScope },
      credentials: { refreshToken: result.tokens!.refreshToken },
    });
    expect(refreshed.classification.category).toBe('success');
    expect(decodeJwt(refreshed.tokens!.accessToken).sub).toBe('bea');
    expectNoSecrets(refreshed, [result.tokens!.refreshToken]);
  });

  it('a redirect carrying the wrong state is refused and the sign-in keeps waiting for the real one', async () => {
    let listenerUrl = '';
    const controller = new AbortController();
    const pending = client.acquire(
      { settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'auth_code_pkce', scopes: userScope, redirectUri: 'http://127.0.0.1/' } },
      {
        signal: controller.signal,
        openBrowser: (url) => {
          listenerUrl = new URL(url).searchParams.get('redirect_uri')!;
        },
      },
    );
    await expect.poll(() => listenerUrl).not.toBe('');
    const forged = await request(`${listenerUrl}?code=forged&state=wrong`);
    expect(forged.statusCode).toBe(400);
    await forged.body.text();
    controller.abort();
    const result = await pending;
    expect(result.cancelled).toBe(true);
    expect(result.tokens).toBeUndefined();
  });

  it('claims challenge round trip: 401 insufficient_claims, pass the claims back, the resource accepts the new token', async () => {
    const first = await deviceCodeLogin('chris', { clientCapabilities: ['cp1'] });
    expect(first.tokens).toBeDefined();
    const denied = await request(sandbox.stepUpResourceUrl, { headers: { authorization: `Bearer ${first.tokens!.accessToken}` } });
    const deniedBody = await denied.body.text();
    expect(denied.statusCode).toBe(401);
    const wwwAuthenticate = String(denied.headers['www-authenticate']);
    expect(wwwAuthenticate).toContain('error="insufficient_claims"');
    const classified = classifyResponse({ status: 401, headers: { 'www-authenticate': wwwAuthenticate }, body: deniedBody }, new Date());
    expect(classified.category).toBe('claims_challenge');
    expect(classified.claimsChallenge).toBeTruthy();
    // The challenge goes back as given (base64 from the header); the client merges cp1 into access_token.
    const base64 = /claims="([^"]+)"/.exec(wwwAuthenticate)![1]!;
    const second = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: 'sandbox-public', flow: 'refresh_token', scopes: userScope, clientCapabilities: ['cp1'] },
      credentials: { refreshToken: first.tokens!.refreshToken, claimsChallenge: base64 },
    });
    expect(second.classification.category).toBe('success');
    const claims = decodeJwt(second.tokens!.accessToken);
    expect(claims.acrs).toEqual(['c1']);
    expect(claims.xms_cc).toEqual(['cp1']);
    const allowed = await request(sandbox.stepUpResourceUrl, { headers: { authorization: `Bearer ${second.tokens!.accessToken}` } });
    expect(allowed.statusCode).toBe(200);
    expect(await allowed.body.json()).toMatchObject({ ok: true, acrs: ['c1'] });
  });

  it('access tokens verify against the sandbox JWKS with its RS256 key', async () => {
    const result = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: appScope },
      credentials: { clientSecret: sandbox.clientSecret },
    });
    expect(decodeProtectedHeader(result.tokens!.accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const ok = await request(sandbox.resourceUrl, { headers: { authorization: `Bearer ${result.tokens!.accessToken}` } });
    expect(ok.statusCode).toBe(200);
    await ok.body.text();
    const tampered = result.tokens!.accessToken.slice(0, -4) + 'AAAA';
    const bad = await request(sandbox.resourceUrl, { headers: { authorization: `Bearer ${tampered}` } });
    expect(bad.statusCode).toBe(401);
    await bad.body.text();
  });
});

describe('Entra-shaped failure scenarios of the sandbox', () => {
  const cases: { scenario: string; code: number; status: number; categories: string[] }[] = [
    { scenario: 'bad-secret', code: 7000215, status: 401, categories: ['client_credential'] },
    { scenario: 'expired-secret', code: 7000222, status: 401, categories: ['client_credential'] },
    { scenario: 'unknown-app', code: 700016, status: 400, categories: ['app_config'] },
    { scenario: 'wrong-redirect', code: 50011, status: 400, categories: ['app_config'] },
    { scenario: 'invalid-scope', code: 70011, status: 400, categories: ['app_config'] },
    { scenario: 'consent', code: 65001, status: 400, categories: ['consent_required'] },
    { scenario: 'mfa', code: 50076, status: 400, categories: ['claims_challenge', 'interaction_required'] },
    { scenario: 'ca-block', code: 53003, status: 400, categories: ['access_blocked'] },
    { scenario: 'expired-refresh', code: 700082, status: 400, categories: ['expired_grant', 'interaction_required'] },
  ];
  it.each(cases)('$scenario → AADSTS$code, stopped after one attempt', async ({ scenario, code, status, categories }) => {
    const result = await client.acquire({
      settings: { authority: sandbox.issuer, clientId: `scenario-${scenario}`, flow: 'client_credentials', scopes: appScope },
      credentials: { clientSecret: 'test-only-not-a-secret' },
    });
    expect(result.tokens).toBeUndefined();
    expect(result.classification.aadsts).toContain(code);
    expect(result.classification.httpStatus).toBe(status);
    expect(categories).toContain(result.classification.category);
    expect(result.classification.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const tokenAttempts = result.timeline.attempts.filter((a) => a.method === 'POST');
    expect(tokenAttempts).toHaveLength(1);
    expect(tokenAttempts[0]!.decision).toBe('stop');
    if (scenario === 'mfa') expect(result.classification.claimsChallenge).toContain('capolids');
  });

  it('scenarios can also be chosen per request, by header or by query; the body is shaped like Entra\'s', async () => {
    for (const [headers, query] of [
      [{ 'x-sandbox-scenario': 'ca-block' }, ''],
      [{}, '?scenario=ca-block'],
    ] as const) {
      const response = await request(`${sandbox.issuer}/token${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-secret', client_secret: sandbox.clientSecret, scope: appScope[0]! }).toString(),
      });
      expect(response.statusCode).toBe(400);
      const body = (await response.body.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [53003], error_uri: 'https://login.microsoftonline.com/error?code=53003' });
      expect(String(body.error_description)).toMatch(/^AADSTS53003: .+ Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('429 with Retry-After once, then success (the client waits, then retries)', async () => {
    const key = `k${Date.now()}`;
    const result = await client.acquire({
      settings: {
        authority: sandbox.issuer,
        clientId: 'sandbox-secret',
        flow: 'client_credentials',
        scopes: appScope,
        endpoints: { token: `${sandbox.issuer}/token?scenario=throttle&times=1&retryAfter=1&key=${key}` },
      },
      credentials: { clientSecret: sandbox.clientSecret },
    });
    expect(result.classification.category).toBe('success');
    const [first, second] = result.timeline.attempts;
    expect(first).toMatchObject({ httpStatus: 429, decision: 'wait', retryAfterSeconds: 1, waitMs: 1000 });
    expect(first!.classification.category).toBe('throttled');
    expect(second).toMatchObject({ httpStatus: 200, decision: 'done' });
  });

  it('503 once, then success after one retry', async () => {
    const key = `k${Date.now()}`;
    const result = await client.acquire({
      settings: {
        authority: sandbox.issuer,
        clientId: 'sandbox-secret',
        flow: 'client_credentials',
        scopes: appScope,
        endpoints: { token: `${sandbox.issuer}/token?scenario=unavailable&times=1&key=${key}` },
      },
      credentials: { clientSecret: sandbox.clientSecret },
    });
    expect(result.classification.category).toBe('success');
    expect(result.timeline.attempts.map((a) => [a.httpStatus, a.decision])).toEqual([
      [503, 'retry'],
      [200, 'done'],
    ]);
  });
});

describe('settings and the CLI', () => {
  it('the printed VS Code registrations validate against the settings schema', () => {
    for (const entry of sandboxAppRegistrations(sandbox)) {
      const checked = validateAppRegistration(entry);
      expect(checked.ok, JSON.stringify(checked)).toBe(true);
    }
  });

  it("the extension's own settings validator accepts every sandbox client, under the name the sandbox gives it", () => {
    const printed = extensionRegistrations(sandbox);
    expect(printed.problems).toEqual([]);
    // No renaming needed: the names people see in the CLI profiles are the names VS Code keys secrets by.
    expect(printed.entries.map((e) => e.name)).toEqual(sandbox.clients.map((c) => c.name));
    const checked = validateRegistrations(printed.entries);
    expect(checked.problems).toEqual([]);
    expect(checked.valid).toHaveLength(sandbox.clients.length);
  });

  it('auth-lens token --json acquires with the secret from the environment and prints no token or secret', async () => {
    const io = fakeIo({ AUTH_LENS_CLIENT_SECRET: sandbox.clientSecret });
    const code = await runTokenCommand(
      ['--authority', sandbox.issuer, '--client-id', 'sandbox-secret', '--flow', 'client_credentials', '--scope', appScope[0]!, '--capabilities', 'cp1', '--json'],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.classification.category).toBe('success');
    expect(out.token.payload.xms_cc).toEqual(['cp1']);
    expect(out.token.redacted).not.toMatch(/\.[A-Za-z0-9_-]{40,}$/);
    expect(io.out).not.toContain(sandbox.clientSecret);
    expect(out.timeline.attempts.length).toBeGreaterThanOrEqual(1);
  });

  it('auth-lens token reads the secret from stdin, prints text, and exits 4 on a failed acquisition', async () => {
    const io = fakeIo({}, 'wrong-secret-from-stdin\n');
    const code = await runTokenCommand(
      ['--authority', sandbox.issuer, '--client-id', 'scenario-bad-secret', '--flow', 'client_credentials', '--scope', appScope[0]!, '--secret-stdin'],
      io,
    );
    expect(code).toBe(4);
    expect(io.out).toContain('AADSTS7000215');
    expect(io.out).toContain('Timeline');
    expect(io.out).not.toContain('wrong-secret-from-stdin');
  });

  it('auth-lens token --flow device_code shows the code on stderr and finishes when the user signs in', async () => {
    let userStep: Promise<unknown> | undefined;
    const io = fakeIo({});
    const stderr = io.stderr.bind(io);
    io.stderr = (text: string) => {
      stderr(text);
      const match = /open (\S+) and enter the code ([A-Z-]+)/.exec(text);
      if (match && !userStep) userStep = completeUserStep(`${match[1]}?user_code=${match[2]}`, { login: 'dana' });
    };
    const code = await runTokenCommand(['--authority', sandbox.issuer, '--client-id', 'sandbox-public', '--flow', 'device_code', '--scope', userScope[0]!, '--json'], io);
    await userStep;
    expect(code).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.token.payload.sub).toBe('dana');
    expect(out.refreshTokenIssued).toBe(true);
    expect(io.out).not.toMatch(/"refresh_token"|"refreshToken"\s*:\s*"/);
  });

  it('auth-lens token refuses --secret on the command line and names the alternatives', async () => {
    const io = fakeIo({});
    const code = await runTokenCommand(['--flow', 'client_credentials', '--secret=hunter2'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/--secret is refused/);
    expect(io.err).toMatch(/--secret-stdin/);
    expect(io.err).not.toContain('hunter2');
  });

  it('auth-lens token with a --profile list and --name; missing files exit 3', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'auth-lens-token-'));
    const file = join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ 'authLens.appRegistrations': sandboxAppRegistrations(sandbox) }));
    const io = fakeIo({});
    const code = await runTokenCommand(['--profile', file, '--name', 'Sandbox certificate', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out).token.payload.azpacr).toBe('2');
    // The same entries as VS Code gets them (certificatePath, key from --key).
    const vscodeFile = join(dir, 'vscode-settings.json');
    await writeFile(vscodeFile, JSON.stringify({ 'authLens.appRegistrations': extensionRegistrations(sandbox).entries }));
    const fromVsCode = fakeIo({});
    expect(await runTokenCommand(['--profile', vscodeFile, '--name', 'Sandbox certificate', '--key', SANDBOX_KEY_PATH, '--json'], fromVsCode)).toBe(0);
    expect(JSON.parse(fromVsCode.out).classification.category).toBe('success');
    const missing = fakeIo({});
    expect(await runTokenCommand(['--profile', join(dir, 'nope.json')], missing)).toBe(3);
    expect(missing.err).toMatch(/no such file/);
  });
});
