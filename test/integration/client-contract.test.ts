// The token client's contract in detail: what goes on the wire (headers, claims parameter, client
// assertion), how settings are validated and authorities resolved, and proxy routing.
import { createHash, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { MockAgent } from 'undici';
import {
  buildClaimsParameter,
  createTokenClient,
  planAuthority,
  requestFingerprint,
  safeUrl,
  validateAppRegistration,
  type AppRegistration,
} from '../../src/core/client/index';
import { parseRetryAfter } from '../../src/core/classify/index';
import { SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, startFaultServer, startUntrustedTlsServer, type FaultServer } from '../sandbox/index';

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterAll(async () => {
  await fault?.stop();
});

describe('claims parameter (challenge merged with client capabilities)', () => {
  it('capabilities alone become access_token.xms_cc', () => {
    expect(buildClaimsParameter(undefined, ['cp1'])).toEqual({ ok: true, value: '{"access_token":{"xms_cc":{"values":["cp1"]}}}' });
  });

  it('a JSON challenge is deep-merged: its access_token members stay, xms_cc is added', () => {
    const challenge = '{"access_token":{"acrs":{"essential":true,"value":"c1"}},"id_token":{"auth_time":{"essential":true}}}';
    const result = buildClaimsParameter(challenge, ['cp1']);
    expect(result.ok).toBe(true);
    expect(JSON.parse((result as { value: string }).value)).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' }, xms_cc: { values: ['cp1'] } },
      id_token: { auth_time: { essential: true } },
    });
  });

  it('a base64 challenge from WWW-Authenticate is decoded first', () => {
    const json = '{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}';
    const result = buildClaimsParameter(Buffer.from(json).toString('base64'), []);
    expect(result).toEqual({ ok: true, value: json });
  });

  it('existing xms_cc values are kept and not duplicated', () => {
    const result = buildClaimsParameter('{"access_token":{"xms_cc":{"values":["cp1","x"]}}}', ['cp1', 'cp2']);
    expect(JSON.parse((result as { value: string }).value).access_token.xms_cc.values).toEqual(['cp1', 'x', 'cp2']);
  });

  it('nothing to send gives undefined; garbage gives a clear error', () => {
    expect(buildClaimsParameter('', undefined)).toEqual({ ok: true, value: undefined });
    const bad = buildClaimsParameter('not json %%%', ['cp1']);
    expect(bad.ok).toBe(false);
    expect((bad as { error: string }).error).toMatch(/neither JSON nor base64/);
    expect(buildClaimsParameter('[1,2]', []).ok).toBe(false);
  });
});

describe('settings validation', () => {
  const base = { clientId: '11111111-2222-3333-4444-555555555555', flow: 'client_credentials', tenant: 'contoso.onmicrosoft.com', scopes: ['https://graph.microsoft.com/.default'] };

  it('accepts GUID, domain and organizations tenants in every cloud', () => {
    for (const tenant of ['72f988bf-86f1-41af-91ab-2d7cd011db47', 'contoso.onmicrosoft.com', 'organizations']) {
      for (const cloud of ['public', 'usgov', 'china']) expect(validateAppRegistration({ ...base, tenant, cloud }).ok).toBe(true);
    }
  });

  it.each([
    [{ tenant: 'not a tenant!' }, /^tenant: tenant must be a GUID/],
    [{ tenant: 'common' }, /^tenant: client_credentials needs a specific tenant/],
    [{ clientId: '' }, /^clientId: clientId is required/],
    [{ scopes: [] }, /^scopes: scopes needs at least one scope/],
    [{ flow: 'password' }, /^flow:/],
    [{ tenant: undefined, authority: 'http://login.example.com/x' }, /^authority: authority must be an https URL/],
    [{ certificate: { certPath: 'a', keyPath: 'b', thumbprint: 'xyz' } }, /^certificate.thumbprint:/],
    [{ secret: 'x' }, /Unrecognized key/],
  ])('%o is refused with a field-named message', (change, message) => {
    const result = validateAppRegistration({ ...base, ...change });
    expect(result.ok).toBe(false);
    expect((result as { errors: string[] }).errors.some((e) => message.test(e))).toBe(true);
  });

  it('client_certificate needs a certificate and key, from files or from the caller', async () => {
    const client = createTokenClient({ env: {} });
    try {
      const settings = { ...base, flow: 'client_certificate' };
      expect(validateAppRegistration(settings).ok).toBe(true);
      const missing = await client.acquire({ settings });
      expect(missing.settingsErrors).toEqual([
        'settings.certificate.certPath: client_certificate needs the certificate: certificate.certPath (a PEM file) or credentials.certificatePem',
        'settings.certificate.keyPath: client_certificate needs the private key: certificate.keyPath (a PEM file) or credentials.privateKeyPem',
      ]);
      const onlyKey = await client.acquire({ settings: { ...settings, certificate: { certPath: SANDBOX_CERT_PATH } } });
      expect(onlyKey.settingsErrors).toHaveLength(1);
      expect(onlyKey.settingsErrors?.[0]).toMatch(/^settings.certificate.keyPath/);
    } finally {
      await client.close();
    }
  });

  it('hostile values (throwing getters, Proxies, huge strings, deep nesting) are refused with messages, never by throwing', () => {
    const throwing = Object.defineProperty({ ...base }, 'clientId', { enumerable: true, get: () => { throw new Error('boom'); } });
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { deep };
    const cases: [unknown, RegExp][] = [
      [throwing, /clientId: could not be read/],
      [{ ...base, name: trap }, /name: could not be read/],
      [trap, /could not be read/],
      [{ ...base, name: 'n'.repeat(1024 * 1024) }, /name: longer than 4096 characters/],
      [{ ...base, scopes: Array.from({ length: 10_000 }, () => 'a') }, /scopes: a list of 10000 items/],
      [{ ...base, endpoints: deep }, /nested more than/],
      [{ ...base, name: 1n }, /name: must be text/],
    ];
    for (const [input, message] of cases) {
      let result: ReturnType<typeof validateAppRegistration> | undefined;
      expect(() => (result = validateAppRegistration(input))).not.toThrow();
      expect(result!.ok).toBe(false);
      if (result && !result.ok) expect(result.errors.join('\n')).toMatch(message);
    }
    // A secret-looking value is never echoed in a length message.
    const long = validateAppRegistration({ ...base, name: `Abc~secret.${'s'.repeat(5000)}` });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors.join('\n')).not.toContain('Abc~secret');
    // "__proto__" stays a plain (refused) field instead of changing the copy.
    expect(validateAppRegistration(JSON.parse(`{"__proto__": {"x": 1}, "clientId": "a", "flow": "device_code", "scopes": ["s"]}`)).ok).toBe(false);
  });

  it('an invalid request is answered without sending anything, never by throwing', async () => {
    const client = createTokenClient({ env: {} });
    try {
      const hostile = new Proxy({}, { get: () => { throw new Error('getter'); } });
      const pem = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(20_000)}\n-----END CERTIFICATE-----`;
      // A long PEM is a legitimate credential: it passes the size limits and fails (later) on the missing key file only.
      const longPem = await client.acquire({ settings: { ...base, flow: 'client_certificate', tenant: 'contoso.onmicrosoft.com' }, credentials: { certificatePem: pem } });
      expect(longPem.settingsErrors?.join('\n')).toMatch(/keyPath/);
      expect(longPem.settingsErrors?.join('\n')).not.toMatch(/longer than/);
      for (const input of [null, 42, 'x', [], {}, hostile, { settings: hostile }, { settings: base, credentials: hostile }, { settings: { ...base, scopes: 'one' } }, { settings: base }]) {
        const result = await client.acquire(input);
        expect(result.classification.category).toBe('misuse');
        expect(result.settingsErrors?.length).toBeGreaterThan(0);
        expect(result.timeline.attempts).toHaveLength(0);
      }
    } finally {
      await client.close();
    }
  });
});

describe('authorities', () => {
  const plan = (settings: Partial<AppRegistration>) =>
    planAuthority({ clientId: 'c', flow: 'device_code', scopes: ['openid'], ...settings } as AppRegistration);

  it('national clouds and tenants map to the v2.0 endpoints', () => {
    expect(plan({ cloud: 'public', tenant: 'common' })).toMatchObject({ type: 'static', endpoints: { tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' } });
    expect(plan({ cloud: 'usgov', tenant: 'contoso.onmicrosoft.us' })).toMatchObject({
      endpoints: { tokenEndpoint: 'https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token', deviceAuthorizationEndpoint: 'https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/devicecode' },
    });
    expect(plan({ cloud: 'china', tenant: 'consumers' })).toMatchObject({ endpoints: { authorizationEndpoint: 'https://login.chinacloudapi.cn/consumers/oauth2/v2.0/authorize' } });
    expect(plan({ authority: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/' })).toMatchObject({
      endpoints: { kind: 'entra', tokenEndpoint: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token' },
    });
  });

  it('B2C keeps tenant and policy, and has no device code endpoint', () => {
    expect(plan({ authority: 'https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin' })).toMatchObject({
      endpoints: { kind: 'b2c', tokenEndpoint: 'https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin/oauth2/v2.0/token', deviceAuthorizationEndpoint: null },
    });
    expect(plan({ authority: 'https://contoso.b2clogin.com/contoso.onmicrosoft.com' })).toMatchObject({ type: 'invalid' });
  });

  it('External ID (CIAM) defaults the tenant from the host name', () => {
    expect(plan({ authority: 'https://contoso.ciamlogin.com/' })).toMatchObject({
      endpoints: { kind: 'ciam', tokenEndpoint: 'https://contoso.ciamlogin.com/contoso.onmicrosoft.com/oauth2/v2.0/token' },
    });
  });

  it('any other issuer is discovered', () => {
    expect(plan({ authority: 'https://accounts.example.com/realm/' })).toEqual({
      type: 'discover',
      authority: 'https://accounts.example.com/realm',
      discoveryUrl: 'https://accounts.example.com/realm/.well-known/openid-configuration',
      overrides: undefined,
    });
  });
});

describe('injected dispatcher (no network)', () => {
  it('an Entra national-cloud request goes to the v2.0 token endpoint of that cloud; the injected dispatcher stays open', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    let sentBody = '';
    mock
      .get('https://login.microsoftonline.us')
      .intercept({ path: '/contoso.onmicrosoft.us/oauth2/v2.0/token', method: 'POST' })
      .reply(200, (opts) => {
        sentBody = String(opts.body);
        return { token_type: 'Bearer', expires_in: 3599, access_token: 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.' };
      }, { headers: { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': 'mock-1' } })
      .times(2);
    const client = createTokenClient({ dispatcher: mock });
    try {
      const result = await client.acquire({
        settings: { cloud: 'usgov', tenant: 'contoso.onmicrosoft.us', clientId: 'gov-app', flow: 'client_credentials', scopes: ['https://graph.microsoft.us/.default'] },
        credentials: { clientSecret: 'gov-secret' },
      });
      expect(result.classification.category).toBe('success');
      expect(result.timeline.attempts).toHaveLength(1);
      expect(result.timeline.attempts[0]).toMatchObject({ url: 'https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token', requestIds: { 'x-ms-request-id': 'mock-1' } });
      expect(result.timeline.operation).toContain('injected dispatcher');
      const form = new URLSearchParams(sentBody);
      expect(Object.fromEntries(form)).toMatchObject({ grant_type: 'client_credentials', client_id: 'gov-app', client_secret: 'gov-secret', scope: 'https://graph.microsoft.us/.default' });
    } finally {
      await client.close();
    }
    // close() leaves a dispatcher it did not create alone.
    const again = createTokenClient({ dispatcher: mock });
    const second = await again.acquire({
      settings: { cloud: 'usgov', tenant: 'contoso.onmicrosoft.us', clientId: 'gov-app', flow: 'client_credentials', scopes: ['https://graph.microsoft.us/.default'] },
      credentials: { clientSecret: 'gov-secret' },
    });
    expect(second.classification.category).toBe('success');
    await again.close();
    await mock.close();
  });
});

describe('timeline URLs', () => {
  it('drop userinfo and fragments, mask sensitive query values, keep the rest readable', () => {
    expect(safeUrl('https://user:pw@login.example.com/t/oauth2/v2.0/authorize?client_id=app&state=s3cr3t&code_challenge=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F#frag')).toBe(
      'https://login.example.com/t/oauth2/v2.0/authorize?client_id=app&state=…&code_challenge=…&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F',
    );
    expect(safeUrl('https://x.example/token?client_secret=abc&scenario=throttle')).toBe('https://x.example/token?client_secret=…&scenario=throttle');
    expect(safeUrl('not a url')).toBe('(unparseable URL)');
  });
});

describe('policy helpers', () => {
  it('Retry-After: seconds, HTTP dates, nonsense; forms outside RFC 9110 are unreadable (the client reads it with the classifier\'s parser)', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    for (const value of ['1 2', '0.5', '-30', '2026-11-20 10:00', '+5', '5s', '']) expect(parseRetryAfter(value, now), value).toBeNull();
  });

  it('the throttle fingerprint ignores scope order and case, and separates clients and grants', () => {
    const a = requestFingerprint({ endpoint: 'https://x/t', clientId: 'app', scopes: ['b', 'A'], flow: 'client_credentials' });
    expect(requestFingerprint({ endpoint: 'https://x/t', clientId: 'APP', scopes: ['a', 'B'], flow: 'client_credentials' })).toBe(a);
    expect(requestFingerprint({ endpoint: 'https://x/t', clientId: 'other', scopes: ['a', 'b'], flow: 'client_credentials' })).not.toBe(a);
    expect(requestFingerprint({ endpoint: 'https://x/t', clientId: 'app', scopes: ['a', 'b'], flow: 'device_code' })).not.toBe(a);
  });
});

describe('what goes on the wire', () => {
  it('sends x-ms-lib-capability, a client-request-id, the Origin for SPA registrations, and claims with cp1', async () => {
    const key = `wire-${Date.now()}`;
    const client = createTokenClient({ env: {} });
    try {
      const result = await client.acquire({
        settings: {
          authority: `${fault.url}/issuer`,
          clientId: 'wire-app',
          flow: 'refresh_token',
          scopes: ['api://wire/read'],
          spaOrigin: 'http://localhost:3000/app',
          clientCapabilities: ['cp1'],
          endpoints: { token: fault.tokenUrl('ok', { key }) },
        },
        credentials: { refreshToken: 'wire-refresh-token-value' },
      });
      expect(result.classification.category).toBe('success');
      const sent = fault.lastRequest('ok', key)!;
      expect(sent.headers['x-ms-lib-capability']).toBe('retry-after, h429');
      expect(sent.headers['client-request-id']).toBe(result.timeline.attempts[0]!.requestIds['client-request-id']);
      expect(sent.headers.origin).toBe('http://localhost:3000');
      const form = new URLSearchParams(sent.body);
      expect(form.get('grant_type')).toBe('refresh_token');
      expect(form.get('claims')).toBe('{"access_token":{"xms_cc":{"values":["cp1"]}}}');
      expect(form.get('scope')!.split(' ')).toEqual(['api://wire/read', 'openid', 'profile', 'offline_access']);
      expect(JSON.stringify(result.timeline)).not.toContain('wire-refresh-token-value');
    } finally {
      await client.close();
    }
  });

  it.each(['RS256', 'PS256'] as const)('a %s client assertion: x5t#S256, aud = token endpoint, iss = sub = client id, jti, short exp', async (algorithm) => {
    const key = `assert-${algorithm}-${Date.now()}`;
    const tokenEndpoint = fault.tokenUrl('ok', { key });
    const client = createTokenClient({ env: {} });
    try {
      const result = await client.acquire({
        settings: {
          authority: `${fault.url}/issuer`,
          clientId: 'cert-app',
          flow: 'client_certificate',
          scopes: ['api://wire/.default'],
          certificate: { certPath: SANDBOX_CERT_PATH, keyPath: SANDBOX_KEY_PATH, algorithm },
          endpoints: { token: tokenEndpoint },
        },
      });
      expect(result.classification.category).toBe('success');
      const form = new URLSearchParams(fault.lastRequest('ok', key)!.body);
      expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(form.get('client_secret')).toBeNull();
      const assertion = form.get('client_assertion')!;
      const certPem = readFileSync(SANDBOX_CERT_PATH, 'utf8');
      const { payload, protectedHeader } = await jwtVerify(assertion, await importX509(certPem, algorithm), { audience: tokenEndpoint, issuer: 'cert-app', subject: 'cert-app' });
      expect(protectedHeader.alg).toBe(algorithm);
      const sha256 = createHash('sha256').update(new X509Certificate(certPem).raw).digest('base64url');
      expect(decodeProtectedHeader(assertion)['x5t#S256']).toBe(sha256);
      expect(typeof payload.jti).toBe('string');
      expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(600);
      expect(JSON.stringify(result.timeline)).not.toContain(assertion);
    } finally {
      await client.close();
    }
  });
});

describe('proxies', () => {
  let proxy: Server;
  let proxyUrl = '';
  let tunnels = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // A minimal CONNECT proxy, like a corporate forward proxy.
    proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, clientSocket: Socket, head: Buffer) => {
      tunnels += 1;
      const [host, port] = String(req.url).split(':');
      const upstream = connect(Number(port), host!, () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(clientSocket);
        clientSocket.pipe(upstream);
      });
      for (const s of [clientSocket, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });

  async function viaEnv(env: Record<string, string>) {
    const client = createTokenClient({ env });
    try {
      return await client.acquire({
        settings: { authority: `${fault.url}/issuer`, clientId: 'proxy-app', flow: 'client_credentials', scopes: ['api://p/.default'], endpoints: { token: fault.tokenUrl('ok') } },
        credentials: { clientSecret: 'proxy-secret' },
      });
    } finally {
      await client.close();
    }
  }

  it('HTTP_PROXY routes the request through the proxy, and the timeline says so', async () => {
    const before = tunnels;
    const result = await viaEnv({ HTTP_PROXY: proxyUrl });
    expect(result.classification.category).toBe('success');
    expect(tunnels).toBeGreaterThan(before);
    expect(result.timeline.operation).toContain(`proxy ${proxyUrl}`);
  });

  it('HTTPS_PROXY tunnels TLS, and a custom CA still applies inside the tunnel', async () => {
    const tls = await startUntrustedTlsServer();
    const before = tunnels;
    const client = createTokenClient({ env: { HTTPS_PROXY: proxyUrl }, ca: tls.caPem });
    try {
      const result = await client.acquire({
        settings: { authority: new URL(tls.url).origin, clientId: 'proxy-app', flow: 'client_credentials', scopes: ['api://p/.default'], endpoints: { token: tls.url } },
        credentials: { clientSecret: 'proxy-secret' },
      });
      expect(result.classification.category).toBe('success');
      expect(tunnels).toBeGreaterThan(before);
    } finally {
      await client.close();
      await tls.stop();
    }
  });

  it('NO_PROXY exempts matching hosts', async () => {
    const before = tunnels;
    const result = await viaEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
    expect(result.classification.category).toBe('success');
    expect(tunnels).toBe(before);
  });
});
