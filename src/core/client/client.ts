// The token client's wiring: validate the request, answer locally while the same request is
// throttled, find the endpoints, run the grant and remember throttling. The grants (grants/), the
// request with its retry decision (request.ts, policy.ts nextStep), discovery and the timeline
// each live in their own module.
import type { Flow } from './registration';
import type { AcquireOptions, TokenClient, TokenClientOptions, TokenResult, TokenSet } from './client-types';
import type { Endpoints } from './authority';
import { buildClaimsParameter } from './claims-parameter';
import { authorityLabel, resolveEndpoints } from './discovery';
import { createExchange, type ExchangeResult } from './request';
import { authCode } from './grants/auth-code';
import { clientCertificate } from './grants/client-certificate';
import { clientCredentials } from './grants/client-credentials';
import type { Grant } from './grants/context';
import { deviceCode } from './grants/device-code';
import { refreshToken } from './grants/refresh-token';
import { createClientDispatcher } from './dispatcher';
import { localClassification } from './outcome';
import { ThrottleMemory, requestFingerprint, resolvePolicy, throttleSecondsFor, type RetryPolicy } from './policy';
import { validateTokenRequest, type Credentials } from './registration';
import { Run, settingsFailure } from './timeline';

export type { AcquireOptions, DeviceCodeInfo, TokenClient, TokenClientOptions, TokenResult, TokenSet } from './client-types';
export { safeUrl } from './timeline';

const GRANTS: Record<Flow, Grant> = {
  client_credentials: clientCredentials,
  client_certificate: clientCertificate,
  refresh_token: refreshToken,
  device_code: deviceCode,
  auth_code_pkce: authCode,
};

const DELEGATED_DEFAULTS = ['openid', 'profile', 'offline_access'];

function withDelegatedDefaults(scopes: string[]): string[] {
  const out = [...scopes];
  for (const scope of DELEGATED_DEFAULTS) if (!out.some((s) => s.toLowerCase() === scope)) out.push(scope);
  return out;
}

function missingCredential(flow: Flow, credentials: Credentials): string | null {
  if (flow === 'client_credentials' && !credentials.clientSecret) {
    return 'credentials.clientSecret: client_credentials needs a client secret (from an environment variable, stdin or secret storage)';
  }
  if (flow === 'refresh_token' && !credentials.refreshToken) return 'credentials.refreshToken: refresh_token needs a refresh token';
  return null;
}

function tokensFrom(json: Record<string, unknown>, scopes: string[]): TokenSet {
  const str = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
  const expires = Number(json.expires_in);
  return {
    accessToken: str('access_token') ?? '',
    idToken: str('id_token'),
    refreshToken: str('refresh_token'),
    expiresIn: Number.isFinite(expires) ? expires : 0,
    scope: str('scope') ?? scopes.join(' '),
    tokenType: str('token_type') ?? 'Bearer',
  };
}

/** The throttle memory's local answer: nothing is sent while the same request is pushed back. */
function answeredLocally(run: Run, entry: { until: number; status: number | null; reason: string }): TokenResult {
  const remaining = Math.max(1, Math.ceil((entry.until - Date.now()) / 1000));
  const until = new Date(entry.until).toISOString();
  const classification = localClassification({
    category: 'throttled',
    retryable: true,
    retryAfterSeconds: remaining,
    actor: 'none',
    httpStatus: entry.status,
    summary: `Not sent: this same request was throttled ${entry.reason}; the client answers locally for ${remaining} more seconds instead of adding load.`,
    nextSteps: [`Try again after ${until}.`, 'Cache tokens instead of requesting the same one in a loop.'],
  });
  run.recordLocal({
    startMs: 0,
    method: 'POST',
    url: '(not sent)',
    retryAfterSeconds: remaining,
    reason: `answered locally by the throttle memory (blocked until ${until}); no request was sent`,
    classification,
  });
  return run.finish(classification);
}

/** After a failed acquisition the server pushed back on, the same request is answered locally for a while. */
function rememberThrottle(throttle: ThrottleMemory, policy: RetryPolicy, fingerprint: string, result: TokenResult): TokenResult {
  if (!policy.throttleMemory || result.cancelled || result.tokens) return result;
  const last = result.timeline.attempts[result.timeline.attempts.length - 1];
  if (!last || last.httpStatus === null) return result;
  const blockSeconds = throttleSecondsFor(last.httpStatus, last.retryAfterSeconds, policy);
  if (blockSeconds > 0) {
    throttle.remember(fingerprint, {
      until: Date.now() + blockSeconds * 1000,
      status: last.httpStatus,
      retryAfterSeconds: last.retryAfterSeconds,
      reason: `at ${new Date().toISOString()} (HTTP ${last.httpStatus}${last.retryAfterSeconds !== null ? `, Retry-After ${last.retryAfterSeconds} s` : ''})`,
    });
  }
  return result;
}

export function createTokenClient(options: TokenClientOptions = {}): TokenClient {
  const policy = resolvePolicy(options.policy);
  const http = createClientDispatcher(options, policy.attemptTimeoutMs);
  const throttle = new ThrottleMemory();
  const discoveryCache = new Map<string, Endpoints>();
  const clientName = options.clientName ?? 'auth-lens';
  const clientVersion = options.clientVersion ?? '0.1.0';
  const exchange = createExchange(http, policy, (requestId) => ({
    accept: 'application/json',
    'x-ms-lib-capability': 'retry-after, h429',
    'client-request-id': requestId,
    'return-client-request-id': 'true',
    'x-client-sku': clientName,
    'x-client-ver': clientVersion,
  }));
  let closed = false;

  async function acquireInner(input: unknown, acquireOptions: AcquireOptions): Promise<TokenResult> {
    if (closed) return settingsFailure('token request', ['the token client was closed; create a new one'], acquireOptions);
    const parsed = validateTokenRequest(input);
    if (!parsed.ok) return settingsFailure('token request', parsed.errors, acquireOptions);
    const { settings, credentials } = parsed.value;
    const flow = settings.flow;
    const run = new Run(`${flow} via ${settings.authority ?? authorityLabel(settings)} (${http.route})`, acquireOptions);
    for (const secret of [credentials.clientSecret, credentials.refreshToken]) if (secret) run.secrets.push(secret);

    const missing = missingCredential(flow, credentials);
    if (missing) return settingsFailure(run.operation, [missing], acquireOptions);
    const claims = buildClaimsParameter(credentials.claimsChallenge, settings.clientCapabilities);
    if (!claims.ok) return settingsFailure(run.operation, [`claimsChallenge: ${claims.error}`], acquireOptions);

    const scopes = flow === 'client_credentials' || flow === 'client_certificate' ? settings.scopes : withDelegatedDefaults(settings.scopes);
    // What makes two requests "the same" for the throttle memory: where they go, not who they carry.
    const fingerprint = requestFingerprint({ endpoint: `${authorityLabel(settings)}|${settings.endpoints?.token ?? ''}`, clientId: settings.clientId, scopes, flow });
    const throttled = policy.throttleMemory ? throttle.check(fingerprint) : null;
    if (throttled) return answeredLocally(run, throttled);
    const remember = (result: TokenResult) => rememberThrottle(throttle, policy, fingerprint, result);

    const resolved = await resolveEndpoints(run, settings, exchange, discoveryCache);
    if ('result' in resolved) return remember(resolved.result);
    const endpoints = resolved.endpoints;
    const grant = await GRANTS[flow]({ run, settings, credentials, endpoints, scopes, claims: claims.value, exchange, loopbackTimeoutMs: options.loopbackTimeoutMs ?? 300_000 });
    if ('result' in grant) return remember({ ...grant.result, endpoints });
    const outcome: ExchangeResult = grant.outcome;
    if (outcome.cancelled) return run.finish(outcome.classification, { cancelled: true, endpoints });
    if (outcome.ok && outcome.json) {
      throttle.forget(fingerprint);
      return run.finish(outcome.classification, { tokens: tokensFrom(outcome.json, scopes), endpoints });
    }
    return remember(run.finish(outcome.classification, { endpoints }));
  }

  return {
    async acquire(input, acquireOptions = {}) {
      try {
        return await acquireInner(input, acquireOptions);
      } catch (error) {
        // Last line of defence: the public API never throws. Secrets are not in `error` (we never build messages from them).
        const classification = localClassification({
          category: 'unknown',
          summary: `The token client failed unexpectedly: ${error instanceof Error ? error.message : String(error)}.`,
        });
        return new Run('token request', acquireOptions).finish(classification);
      }
    },
    clearThrottle: () => throttle.clear(),
    close: async () => {
      if (closed) return;
      closed = true;
      throttle.clear();
      discoveryCache.clear();
      await http.close();
    },
  };
}
