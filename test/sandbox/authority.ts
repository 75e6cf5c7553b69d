// A local stand-in for Entra ID: a real OpenID Provider (oidc-provider) on 127.0.0.1 issuing real
// signed JWTs with Entra-like claims, fronted by a small layer that (a) translates Entra-style scopes
// ("api://x/.default") into resource indicators and (b) plays scripted failures with Entra-shaped
// bodies. TEST ONLY: secrets and keys here protect nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Provider, { errors as oidcErrors } from 'oidc-provider';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { APP_ROLE, DELEGATED_SCOPE, entraErrorBody, KNOWN_TENANTS, OIDC_SCOPES, SANDBOX_API, SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, SANDBOX_TENANT_ID, SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenarios';
import { entraMetadata, entraRoute, guidFrom, mapScopes, originReached, readBody, sendJson, serveRequests } from './entra';
import { startManagedIdentity, type ManagedIdentityEndpoints } from './managed-identity';
import type { Sandbox, SandboxClientInfo, SandboxOptions, SandboxRequest } from './types';
import { answerCors, entraClientInfo, entraScope, mintSpaCode, spaClientMetadata } from './spa';

// The module other files import the sandbox from; its pieces live in scenarios.ts, entra.ts and types.ts.
export {
  FIXTURES_DIR,
  SANDBOX_CERT_PATH,
  SANDBOX_KEY_PATH,
  SANDBOX_TLS_CERT_PATH,
  SANDBOX_TLS_KEY_PATH,
  SANDBOX_API,
  SANDBOX_TENANT_ID,
  SANDBOX_TENANT_DOMAIN,
  SCENARIO_NAMES,
  entraErrorBody,
  type ScenarioName,
} from './scenarios';
export { sandboxAppRegistrations, type Sandbox, type SandboxClientInfo, type SandboxOptions, type SandboxRequest } from './types';

let consoleFiltered = false;

/** oidc-provider prints development notices through console.info/warn; the sandbox is a dev tool by design. */
function quietProviderNotices(): void {
  if (consoleFiltered) return;
  consoleFiltered = true;
  for (const level of ['info', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider ')) return;
      original(...args);
    };
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (!options.verbose) quietProviderNotices();
  const host = options.host ?? '127.0.0.1';
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) : createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  const clientSecret = options.clientSecret ?? `sandbox-test-only-${randomBytes(12).toString('base64url')}`;
  const deviceInterval = options.deviceInterval ?? 1;

  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid: `sandbox-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };
  const verifyJwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: signingJwk.kid, alg: 'RS256', use: 'sig' }] });
  const clientCertJwk = await exportJWK(createPublicKey(readFileSync(SANDBOX_CERT_PATH, 'utf8')));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'sandbox-secret',
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: 'sandbox-cert',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...clientCertJwk, use: 'sig' }] },
      },
      {
        client_id: 'sandbox-public',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/'],
      },
      spaClientMetadata,
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => SANDBOX_API,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== SANDBOX_API) throw new oidcErrors.InvalidTarget();
          return {
            scope: `${DELEGATED_SCOPE} ${APP_ROLE}`,
            audience: SANDBOX_API,
            accessTokenTTL: 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: { DeviceCode: 600, AccessToken: 3600, ClientCredentials: 3600, RefreshToken: 86400, IdToken: 3600, Session: 3600, Interaction: 600, Grant: 86400 },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, name: `Sandbox user ${sub}`, preferred_username: `${sub}@sandbox.test`, email: `${sub}@sandbox.test` }),
    }),
    extraTokenClaims: (ctx, token) => {
      const requested = (ctx?.req as { authLensClaims?: Record<string, unknown> } | undefined)?.authLensClaims;
      const accessClaims = (requested?.access_token ?? {}) as Record<string, { value?: unknown; values?: unknown[] } | undefined>;
      const clientId = String(token.clientId);
      const appOnly = token.kind === 'ClientCredentials';
      const scopeList = String(token.scope ?? '')
        .split(' ')
        .filter((s) => s && !OIDC_SCOPES.has(s));
      const authMethod = ctx?.oidc?.client?.clientAuthMethod;
      const extra: Record<string, unknown> = {
        ver: '2.0',
        tid: SANDBOX_TENANT_ID,
        oid: appOnly ? guidFrom(`sp:${clientId}`) : guidFrom(`user:${String(token.accountId)}`),
        azp: clientId,
        appid: clientId,
        azpacr: authMethod === 'none' ? '0' : authMethod === 'private_key_jwt' ? '2' : '1',
      };
      if (appOnly) {
        extra.idtyp = 'app';
        extra.roles = scopeList;
      } else {
        extra.scp = scopeList.join(' ');
        extra.preferred_username = `${String(token.accountId)}@sandbox.test`;
        extra.name = `Sandbox user ${String(token.accountId)}`;
      }
      const xmsCc = accessClaims.xms_cc?.values;
      if (Array.isArray(xmsCc) && xmsCc.map(String).some((v) => v.toLowerCase() === 'cp1')) extra.xms_cc = ['cp1'];
      const acrs = accessClaims.acrs;
      if (acrs) {
        const values = acrs.values ?? (acrs.value !== undefined ? [acrs.value] : []);
        if (values.length > 0) extra.acrs = values.map(String);
      }
      return extra;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sandbox error</title><h1>${String(out.error)}</h1><p>${String(out.error_description ?? '')}</p>`;
    },
  });
  provider.proxy = false;

  // Answers tuned to look like Entra's: an interval on device authorization (oidc-provider sends
  // none), ext_expires_in on token answers, request ids on every response.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      if (ctx.path === '/device/auth' && typeof body.device_code === 'string') {
        body.interval = deviceInterval;
        body.message = `To sign in to the Auth Lens sandbox, open ${String(body.verification_uri)} and enter the code ${String(body.user_code)}.`;
        // Entra's v1 endpoint names it verification_url.
        if ((ctx.req as { authLensV1?: boolean }).authLensV1) body.verification_url = body.verification_uri;
      }
      if (ctx.path === '/token' && typeof body.access_token === 'string' && typeof body.expires_in === 'number') body.ext_expires_in = body.expires_in;
      // Entra names a delegated permission of an API other than Graph by its full URI in the answer's
      // scope; MSAL keys its token cache on that (a short name would never match the next request).
      if (ctx.path === '/token' && typeof body.scope === 'string') body.scope = entraScope(body.scope);
      // Entra adds client_info (the user's object id and tenant) when the client asks with client_info=1.
      if (ctx.path === '/token' && typeof body.id_token === 'string' && (ctx.req as { authLensClientInfo?: boolean }).authLensClientInfo) body.client_info = entraClientInfo(body.id_token);
    }
  });

  const counters = new Map<string, number>();
  const requests: SandboxRequest[] = [];
  const clientScenarios = new Map<string, ScenarioName>(Object.entries(options.scenarios ?? {}));
  const defaultRetryAfter = String(options.retryAfterSeconds ?? 2);
  const origin = issuer;
  // A tool whose hosts cannot be configured reaches the sandbox through a proxy that answers for Entra's
  // public name (test/conformance/entra-proxy.ts): its metadata then names that host, so every later
  // request goes the same way and the tool logs the URLs it logs against Entra.
  const originOf = (req: IncomingMessage): string => originReached(req.headers.host, origin);
  const managedIdentity: ManagedIdentityEndpoints | null = options.managedIdentity
    ? await startManagedIdentity({
        issuer,
        requests,
        retryAfterSeconds: options.retryAfterSeconds ?? 2,
        host,
        sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid!, typ: 'JWT' }).sign(privateKey),
      })
    : null;

  const callback = provider.callback();
  const stepUpClaims = Buffer.from(JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } })).toString('base64');

  async function resource(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const challenge = (extra: string) => `Bearer realm="", authorization_uri="${issuer}/auth", ${extra}`;
    if (!token) {
      sendJson(res, 401, { error: 'invalid_token', message: 'No bearer token.' }, { 'www-authenticate': challenge('error="invalid_token"') });
      return;
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, verifyJwks, { issuer, audience: SANDBOX_API }));
    } catch (error) {
      sendJson(res, 401, { error: 'invalid_token', message: (error as Error).message }, { 'www-authenticate': challenge('error="invalid_token"') });
      return;
    }
    if (path === '/api/stepup') {
      const acrs = Array.isArray(payload.acrs) ? payload.acrs.map(String) : [];
      if (!acrs.includes('c1')) {
        sendJson(
          res,
          401,
          { error: 'insufficient_claims', message: 'This resource needs authentication context c1.' },
          { 'www-authenticate': challenge(`error="insufficient_claims", claims="${stepUpClaims}"`) },
        );
        return;
      }
    }
    sendJson(res, 200, { ok: true, sub: payload.sub, tid: payload.tid, acrs: payload.acrs ?? null, xms_cc: payload.xms_cc ?? null });
  }

  serveRequests(server, handle);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const requestId = randomUUID();
    res.setHeader('x-ms-request-id', requestId);
    const sentRequestId = req.headers['client-request-id'];
    if (typeof sentRequestId === 'string') res.setHeader('client-request-id', sentRequestId);
    // Entra's error bodies name the client's client-request-id as their Correlation ID.
    const correlation = typeof sentRequestId === 'string' ? sentRequestId : randomUUID();
    res.setHeader('x-ms-ests-server', 'auth-lens-sandbox');

    const entry: SandboxRequest = { time: Date.now(), method: req.method ?? 'GET', path: url.pathname, scenario: null, clientId: null, grantType: null, status: null, retryAfter: null };
    requests.push(entry);
    res.once('finish', () => {
      entry.status = res.statusCode;
      const retryAfter = res.getHeader('retry-after');
      entry.retryAfter = retryAfter === undefined ? null : String(retryAfter);
    });
    if (entraRoute(url.pathname) && answerCors(req, res)) return;

    if (url.pathname.startsWith('/api/')) {
      await resource(req, res, url.pathname);
      return;
    }

    // Entra's own paths: /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/oauth2/v2.0/token, …
    let path = url.pathname;
    let v1 = false;
    const entra = entraRoute(url.pathname);
    if (entra) {
      if (entra.kind === 'instance') {
        // MSAL's instance discovery: this host is its own (only) alias.
        const host = url.host;
        const asked = url.searchParams.get('authorization_endpoint');
        let tenant = 'common';
        // Entra names the asked authority's own metadata; a host the sandbox cannot be reached by gets its own.
        let askedOrigin = originOf(req);
        try {
          if (asked) {
            tenant = new URL(asked).pathname.split('/')[1] || 'common';
            askedOrigin = originReached(new URL(asked).host, askedOrigin);
          }
        } catch {
          // keep common
        }
        sendJson(res, 200, {
          tenant_discovery_endpoint: `${askedOrigin}/${tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        });
        return;
      }
      if (!KNOWN_TENANTS.has(entra.tenant)) {
        sendJson(res, 400, entraErrorBody({ status: 400, error: 'invalid_tenant', code: 90002, text: `Tenant '${entra.tenant}' is not the sandbox directory.` }, correlation));
        return;
      }
      if (entra.kind === 'metadata') {
        sendJson(res, 200, entraMetadata(originOf(req), entra.tenant, entra.version), { 'cache-control': 'max-age=86400, private' });
        return;
      }
      v1 = entra.version === 'v1';
      path = { keys: '/jwks', token: '/token', devicecode: '/device/auth', authorize: '/auth', logout: '/session/end' }[entra.kind];
      (req as IncomingMessage & { authLensV1?: boolean }).authLensV1 = v1;
      url.pathname = path;
      req.url = `${path}${url.search}`;
    }

    const isToken = path === '/token' && req.method === 'POST';
    const isDeviceAuth = path === '/device/auth' && req.method === 'POST';
    const isAuthorize = path === '/auth' && req.method === 'GET';

    if (isToken || isDeviceAuth) {
      const raw = await readBody(req);
      const form = new URLSearchParams(raw);
      (req as IncomingMessage & { authLensClientInfo?: boolean }).authLensClientInfo = form.get('client_info') === '1';
      const clientId = form.get('client_id') ?? '';
      const headerScenario = req.headers['x-sandbox-scenario'];
      const scenario =
        (typeof headerScenario === 'string' ? headerScenario : null) ??
        url.searchParams.get('scenario') ??
        clientScenarios.get(clientId) ??
        (clientId.startsWith('scenario-') ? clientId.slice('scenario-'.length) : null);
      entry.scenario = scenario;
      entry.clientId = clientId || null;
      entry.grantType = isToken ? form.get('grant_type') : null;
      if (scenario !== null) {
        const spec = SCENARIOS[scenario as ScenarioName];
        if (!spec) {
          sendJson(res, 400, { error: 'invalid_request', error_description: `unknown sandbox scenario "${scenario}"; known: ${SCENARIO_NAMES.join(', ')}` });
          return;
        }
        if (isDeviceAuth && spec.at === 'token') {
          // The device authorization succeeds with a scripted code; polling it plays the failure.
          const verification = `${origin}/device`;
          const userCode = randomBytes(4).toString('hex').toUpperCase();
          sendJson(res, 200, {
            user_code: userCode,
            device_code: `scenario-${scenario}-${randomBytes(12).toString('base64url')}`,
            [v1 ? 'verification_url' : 'verification_uri']: verification,
            expires_in: 900,
            interval: deviceInterval,
            message: `To sign in to the Auth Lens sandbox, open ${verification} and enter the code ${userCode}.`,
          });
          return;
        }
        // `times=N` makes a scenario fail only the first N times (per `key`), then pass through.
        const times = Number(url.searchParams.get('times') ?? req.headers['x-sandbox-times'] ?? 'Infinity');
        const key = `${scenario}|${url.searchParams.get('key') ?? req.headers['x-sandbox-key'] ?? ''}`;
        const seen = counters.get(key) ?? 0;
        counters.set(key, seen + 1);
        if (seen < times) {
          const headers: Record<string, string> = {};
          if (spec.status === 429 || spec.status === 503) {
            const retryAfter = url.searchParams.get('retryAfter') ?? (req.headers['x-sandbox-retry-after'] as string | undefined) ?? (spec.status === 429 ? defaultRetryAfter : null);
            if (retryAfter !== null) {
              headers['retry-after'] = url.searchParams.get('retryAfterForm') === 'date' ? new Date(Date.now() + Number(retryAfter) * 1000).toUTCString() : retryAfter;
            }
          }
          sendJson(res, spec.status, entraErrorBody(spec, correlation), headers);
          return;
        }
      }
      // Entra reads the claims parameter itself; oidc-provider does not know access_token claims, so
      // the front layer takes it out and hands it to extraTokenClaims.
      const claimsText = form.get('claims');
      if (claimsText) {
        try {
          (req as IncomingMessage & { authLensClaims?: unknown }).authLensClaims = JSON.parse(claimsText);
        } catch {
          sendJson(res, 400, entraErrorBody({ status: 400, error: 'invalid_request', code: 90014, text: 'The claims parameter is not valid JSON.' }, correlation));
          return;
        }
        form.delete('claims');
      }
      const grantType = form.get('grant_type');
      const appOnly = grantType === 'client_credentials';
      // Entra's v1 endpoints take a resource instead of scopes.
      if (v1 && !form.has('scope') && form.has('resource')) form.set('scope', `${form.get('resource') ?? ''}/.default`);
      const needsMapping = isDeviceAuth || grantType === 'client_credentials' || grantType === 'refresh_token' || grantType === 'authorization_code' || grantType?.endsWith('device_code');
      if (needsMapping && form.has('scope')) {
        const mapped = mapScopes(form.get('scope') ?? '', appOnly);
        if (!mapped.ok) {
          sendJson(res, mapped.spec.status, entraErrorBody(mapped.spec, correlation));
          return;
        }
        if (grantType === 'authorization_code' || grantType?.endsWith('device_code')) form.delete('scope');
        else form.set('scope', mapped.scope);
        if (mapped.resource && !form.has('resource')) form.set('resource', mapped.resource);
      }
      if (isDeviceAuth && (form.get('scope') ?? '').includes('offline_access')) form.set('prompt', 'consent');
      (req as IncomingMessage & { body?: string }).body = form.toString();
      callback(req, res);
      return;
    }

    if (isAuthorize) {
      const clientId = url.searchParams.get('client_id') ?? '';
      entry.clientId = clientId || null;
      entry.scenario = clientId.startsWith('scenario-') ? clientId.slice(9) : null;
      const claimsText = url.searchParams.get('claims');
      if (claimsText) url.searchParams.delete('claims');
      const mapped = mapScopes(url.searchParams.get('scope') ?? undefined, false);
      if (!mapped.ok) {
        res.writeHead(mapped.spec.status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Sign-in error</title><p>AADSTS${mapped.spec.code ?? ''}: ${mapped.spec.text}</p>`);
        return;
      }
      url.searchParams.set('scope', mapped.scope);
      if (mapped.resource) url.searchParams.set('resource', mapped.resource);
      // Entra grants refresh tokens for offline_access without prompt=consent; oidc-provider needs it.
      if (mapped.scope.includes('offline_access') && !url.searchParams.has('prompt')) url.searchParams.set('prompt', 'consent');
      req.url = `${url.pathname}?${url.searchParams.toString()}`;
    }
    callback(req, res);
  }

  provider.on('server_error', (_ctx: unknown, error: unknown) => {
    if (options.verbose) console.error('sandbox server_error', error);
  });

  const clients: SandboxClientInfo[] = [
    { name: 'Sandbox client secret', clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [`${SANDBOX_API}/.default`], secretFrom: 'AUTH_LENS_CLIENT_SECRET' },
    {
      name: 'Sandbox certificate',
      clientId: 'sandbox-cert',
      flow: 'client_certificate',
      scopes: [`${SANDBOX_API}/.default`],
      certificate: { certPath: SANDBOX_CERT_PATH, keyPath: SANDBOX_KEY_PATH },
    },
    { name: 'Sandbox device code', clientId: 'sandbox-public', flow: 'device_code', scopes: [`${SANDBOX_API}/${DELEGATED_SCOPE}`] },
    { name: 'Sandbox browser sign-in', clientId: 'sandbox-public', flow: 'auth_code_pkce', scopes: [`${SANDBOX_API}/${DELEGATED_SCOPE}`], redirectUri: 'http://127.0.0.1/' },
    ...(['bad-secret', 'expired-secret', 'unknown-app', 'consent', 'mfa', 'ca-block'] as const).map(
      (name): SandboxClientInfo => ({
        name: `Sandbox scenario ${name} AADSTS${SCENARIOS[name].code}`,
        clientId: `scenario-${name}`,
        flow: 'client_credentials',
        scopes: [`${SANDBOX_API}/.default`],
        secretFrom: 'AUTH_LENS_CLIENT_SECRET',
      }),
    ),
  ];

  return {
    issuer,
    url: issuer,
    port,
    clientSecret,
    clients,
    resourceUrl: `${issuer}/api/me`,
    stepUpResourceUrl: `${issuer}/api/stepup`,
    requests,
    managedIdentity,
    authority: (tenant = SANDBOX_TENANT_ID) => `${issuer}/${tenant}`,
    spaCode: (account) => mintSpaCode(provider, account),
    setScenario: (clientId, scenario) => {
      if (scenario === null) clientScenarios.delete(clientId);
      else clientScenarios.set(clientId, scenario);
    },
    stop: () =>
      Promise.all([
        managedIdentity?.stop(),
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]).then(() => undefined),
  };
}

