// The token client: every grant Auth Lens can try, one retry/throttle policy, and a timeline of every
// attempt. Tokens go back to the caller only; timelines, classifications and errors never hold them.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Classification, Timeline, TimelineAttempt } from '../types';
import { loadCertificate, signClientAssertion, type LoadedCertificate } from './assertion';
import { parseDiscovery, planAuthority, type Endpoints } from './authority';
import { buildClaimsParameter } from './claims';
import { TLS_UNVERIFIED_NOTE, createClientDispatcher, tlsVerificationDisabled, type DispatcherOptions, type HttpAttempt } from './http';
import { createPkcePair, randomState, startLoopbackListener } from './loopback';
import { classifyAttempt, localClassification } from './outcome';
import { redactSecrets } from '../redact';
import {
  MAX_TIMER_MS,
  ThrottleMemory,
  comeBackAt,
  parseRetryAfter,
  requestFingerprint,
  resolvePolicy,
  sleep,
  throttleSecondsFor,
  type RetryPolicy,
} from './policy';
import { validateTokenRequest, type AppRegistration, type Credentials, type Flow } from './settings';

export interface TokenClientOptions extends DispatcherOptions {
  policy?: Partial<RetryPolicy>;
  /** How long the loopback listener waits for the browser to come back (auth code + PKCE). */
  loopbackTimeoutMs?: number;
  /** Sent as x-client-sku / x-client-ver. */
  clientName?: string;
  clientVersion?: string;
}

export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  /** The server's own instruction text, when it sent one. */
  message: string | null;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Called after each attempt is recorded (live timelines). */
  onAttempt?: (attempt: TimelineAttempt) => void;
  /** Device code: show the user code and where to enter it. */
  onDeviceCode?: (info: DeviceCodeInfo) => void | Promise<void>;
  /** Auth code + PKCE: open the authorize URL in a browser. */
  openBrowser?: (url: string) => void | Promise<void>;
}

export interface TokenSet {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
  tokenType: string;
}

export interface TokenResult {
  classification: Classification;
  timeline: Timeline;
  tokens?: TokenSet;
  /** True when the caller's AbortSignal ended the operation. */
  cancelled?: boolean;
  /** Field-named problems when the request did not validate (nothing was sent). */
  settingsErrors?: string[];
  /** The endpoints used, when they were resolved. */
  endpoints?: Endpoints;
}

export interface TokenClient {
  acquire(request: unknown, options?: AcquireOptions): Promise<TokenResult>;
  /** Forget local throttling state (e.g. after the user changed the registration). */
  clearThrottle(): void;
  /** Closes pooled connections; the client cannot be used afterwards. */
  close(): Promise<void>;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DELEGATED_DEFAULTS = ['openid', 'profile', 'offline_access'];
const REQUEST_ID_HEADERS = ['x-ms-request-id', 'client-request-id', 'x-ms-ests-server', 'x-request-id'];

// Query parameters whose values may be secret or one-time (or just noise, like PKCE values).
const SENSITIVE_QUERY = /secret|token|code|assertion|pass|pwd|sig|key|state|nonce|verifier|challenge|claims|session|auth/i;

/**
 * Removes userinfo, the fragment and sensitive query values from a URL; timelines and logs only get
 * this form. Other values are redacted (with the run's known secrets) before they are cut, so a cut
 * never leaves a piece of an echoed secret too short to recognise.
 */
export function safeUrl(value: string, secrets: readonly string[] = []): string {
  try {
    const url = new URL(value);
    const query = [...url.searchParams]
      .map(([key, val]) => `${encodeURIComponent(key)}=${SENSITIVE_QUERY.test(key) ? '…' : cut(encodeURIComponent(redactSecrets(val, secrets)), 100)}`)
      .join('&');
    return `${url.protocol}//${url.host}${url.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

type Expect = 'token' | 'device' | 'json';

interface FinalOverride {
  decision: 'wait' | 'stop' | 'done';
  reason: string;
  waitMs: number;
}

interface ExchangeResult {
  attempt: HttpAttempt;
  classification: Classification;
  json: Record<string, unknown> | null;
  /** True when the answer is what `expect` asked for. */
  ok: boolean;
  override: FinalOverride | null;
  cancelled: boolean;
}

class Run {
  readonly started = performance.now();
  readonly startedAt = new Date().toISOString();
  readonly attempts: TimelineAttempt[] = [];
  readonly secrets: string[] = [];
  readonly notes = new Set<string>();
  waitedMs = 0;
  transientRetriesUsed = 0;

  constructor(
    readonly operation: string,
    readonly options: AcquireOptions,
  ) {}

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  get cancelled(): boolean {
    return this.options.signal?.aborted === true;
  }

  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  record(entry: Omit<TimelineAttempt, 'index'>): TimelineAttempt {
    const attempt: TimelineAttempt = { index: this.attempts.length, ...entry };
    this.attempts.push(attempt);
    try {
      this.options.onAttempt?.(attempt);
    } catch {
      // A failing observer must not break the acquisition.
    }
    return attempt;
  }

  timeline(final: Classification): Timeline {
    const timeline: Timeline = { operation: this.operation, startedAt: this.startedAt, totalMs: this.elapsed(), attempts: [...this.attempts], final };
    if (this.notes.size) timeline.notes = [...this.notes];
    return timeline;
  }
}

/**
 * The answer's request ids, redacted before they are cut: a broken or hostile server may echo what it
 * was sent, and a cut would leave a piece of a secret too short for the redactor to know.
 */
function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function requestIdsOf(attempt: HttpAttempt, sentId: string, secrets: readonly string[]): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const name of REQUEST_ID_HEADERS) {
    const value = attempt.headers[name];
    if (!value) continue;
    ids[name] = cut(redactSecrets(value, secrets), 200);
  }
  if (!ids['client-request-id']) ids['client-request-id'] = sentId;
  return ids;
}

function parseJsonObject(body: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(body) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

export function createTokenClient(options: TokenClientOptions = {}): TokenClient {
  const policy = resolvePolicy(options.policy);
  const http = createClientDispatcher(options, policy.attemptTimeoutMs);
  const route = http.route;
  const throttle = new ThrottleMemory();
  const discoveryCache = new Map<string, Endpoints>();
  const clientName = options.clientName ?? 'auth-lens';
  const clientVersion = options.clientVersion ?? '0.1.0';
  let closed = false;

  function baseHeaders(requestId: string): Record<string, string> {
    return {
      accept: 'application/json',
      'x-ms-lib-capability': 'retry-after, h429',
      'client-request-id': requestId,
      'return-client-request-id': 'true',
      'x-client-sku': clientName,
      'x-client-ver': clientVersion,
    };
  }

  /**
   * Sends one logical request, applying the retry policy, and records every attempt. `buildForm`
   * runs per attempt so one-time values (client assertions with a fresh jti) are never replayed.
   */
  async function exchange(
    run: Run,
    request: {
      method: 'GET' | 'POST';
      url: string;
      buildForm?: () => Promise<URLSearchParams>;
      extraHeaders?: Record<string, string>;
      expect: Expect;
      /** The client's own reading of a good answer that is not a token (discovery, device code start). */
      describeSuccess?: (json: Record<string, unknown>) => Classification;
      /** The timeline reason for a good answer, when the step is not a token request (discovery). */
      successReason?: string;
      /** Lets the device-code poller turn pending answers into waits. */
      onFinal?: (result: { attempt: HttpAttempt; json: Record<string, unknown> | null }) => FinalOverride | null;
    },
  ): Promise<ExchangeResult> {
    for (;;) {
      const requestId = randomUUID();
      const startMs = run.elapsed();
      let body: string | undefined;
      const headers = { ...baseHeaders(requestId), ...(request.extraHeaders ?? {}) };
      if (request.buildForm) {
        const form = await request.buildForm();
        body = form.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded;charset=utf-8';
      }
      const attempt = await http.send({
        method: request.method,
        url: request.url,
        headers,
        body,
        timeoutMs: policy.attemptTimeoutMs,
        maxBytes: policy.maxResponseBytes,
        signal: run.signal,
      });
      // An answer came over TLS that nobody checked: the success (or error) below is not the authority's word.
      if (attempt.status !== null && request.url.startsWith('https:') && tlsVerificationDisabled()) run.notes.add(TLS_UNVERIFIED_NOTE);
      const retryAfterSeconds = parseRetryAfter(attempt.headers['retry-after']);
      const base = {
        startMs,
        durationMs: attempt.durationMs,
        method: request.method,
        url: safeUrl(request.url),
        httpStatus: attempt.status,
        requestIds: requestIdsOf(attempt, requestId, run.secrets),
        retryAfterSeconds,
        networkError: attempt.networkError,
      };

      if (attempt.networkKind === 'cancelled' || run.cancelled) {
        const classification = cancelledClassification();
        run.record({ ...base, decision: 'stop', reason: 'cancelled by the caller while waiting for the answer', waitMs: 0, networkError: 'cancelled', classification });
        return { attempt, classification, json: null, ok: false, override: null, cancelled: true };
      }

      const json = attempt.networkError === null ? parseJsonObject(attempt.body) : null;
      const status = attempt.status;
      let classification =
        attempt.networkError !== null && status !== null ? cutShortClassification(attempt, status) : classifyAttempt(attempt, run.secrets);
      const contentType = attempt.headers['content-type']?.split(';')[0]?.trim() ?? null;

      // 2xx: is it what we asked for?
      if (status !== null && status >= 200 && status < 300 && attempt.networkError === null) {
        const wanted =
          request.expect === 'token' ? typeof json?.access_token === 'string' : request.expect === 'device' ? typeof json?.device_code === 'string' : json !== null;
        if (wanted) {
          if (request.describeSuccess && json) classification = request.describeSuccess(json);
          const labelled = contentType && contentType !== 'application/json' ? ` (JSON body, though labelled ${contentType})` : '';
          const reason = request.successReason ? `${request.successReason}${labelled}` : labelled ? `answer accepted${labelled}` : 'answer received';
          run.record({ ...base, decision: 'done', reason, waitMs: 0, classification });
          return { attempt, classification, json, ok: true, override: null, cancelled: false };
        }
        const what = json === null ? `a body that is not JSON${contentType ? ` (${contentType})` : ''}` : `JSON without ${request.expect === 'device' ? 'device_code' : 'access_token'}`;
        classification = localClassification({
          category: 'unknown',
          httpStatus: status,
          summary: `The server answered HTTP ${status} with ${what}, so no token could be read from it.`,
          nextSteps: [
            'Check that the authority points at the identity provider itself and not at a proxy, portal or login page.',
            'If a corporate proxy sits in the path, check HTTPS_PROXY / NO_PROXY.',
          ],
        });
        run.record({ ...base, decision: 'stop', reason: `HTTP ${status} but ${what}`, waitMs: 0, classification });
        return { attempt, classification, json, ok: false, override: null, cancelled: false };
      }

      // Redirects are reported, never followed.
      if (status !== null && status >= 300 && status < 400) {
        const location = attempt.headers.location ? safeUrl(attempt.headers.location, run.secrets) : '(no Location header)';
        classification = localClassification({
          category: 'app_config',
          httpStatus: status,
          summary: `The endpoint answered with a redirect (HTTP ${status} to ${location}); token endpoints never redirect, so the URL or a proxy in the path is wrong.`,
          nextSteps: ['Use the exact endpoint from the issuer\'s discovery document (no trailing redirects, https not http).', 'Check proxies and captive portals in the path.'],
        });
        run.record({ ...base, decision: 'stop', reason: `redirect to ${location} not followed (credentials are never re-sent to another URL)`, waitMs: 0, classification });
        return { attempt, classification, json, ok: false, override: null, cancelled: false };
      }

      const override = request.onFinal?.({ attempt, json }) ?? null;
      if (override) {
        run.record({ ...base, decision: override.decision, reason: override.reason, waitMs: override.waitMs, classification });
        return { attempt, classification, json, ok: false, override, cancelled: false };
      }

      const nextAttemptAllowed = run.attempts.length + 1 < policy.maxAttempts;
      const budgetLeft = policy.maxRetryAfterWaitMs - run.waitedMs;
      let decision: 'retry' | 'wait' | 'stop' = 'stop';
      let reason: string;
      let waitMs = 0;
      const transientKind = attempt.networkKind === 'timeout' || attempt.networkKind === 'reset' || attempt.networkKind === 'closed';
      // 408 is the server saying the request timed out: treated like our own timeout.
      const is5xx = status !== null && ((status >= 500 && status <= 599) || status === 408) && attempt.networkKind !== 'too_large';

      if (status === 429 && retryAfterSeconds !== null) {
        const wantMs = retryAfterSeconds * 1000;
        const comeBack = comeBackAt(wantMs);
        if (!nextAttemptAllowed) reason = `throttled (429); attempt limit of ${policy.maxAttempts} reached; try again after ${comeBack}`;
        else if (wantMs > budgetLeft) {
          reason = `throttled (429); Retry-After asks for ${retryAfterSeconds} s, beyond the ${seconds(policy.maxRetryAfterWaitMs)} this client waits in total (${seconds(run.waitedMs)} used); try again after ${comeBack}`;
        } else {
          decision = 'wait';
          waitMs = wantMs;
          reason = `throttled (429); honouring Retry-After: waiting ${retryAfterSeconds} s`;
        }
      } else if (is5xx || transientKind || (status === 429 && retryAfterSeconds === null)) {
        const what = attempt.networkError ?? `HTTP ${status}`;
        const wantMs = Math.max(policy.minRetryDelayMs, (retryAfterSeconds ?? 0) * 1000);
        if (run.transientRetriesUsed >= policy.transientRetries) {
          reason = `${what}; the ${policy.transientRetries === 1 ? 'one retry was' : `${policy.transientRetries} retries were`} already used`;
        } else if (!nextAttemptAllowed) {
          reason = `${what}; attempt limit of ${policy.maxAttempts} reached`;
        } else if (retryAfterSeconds !== null && wantMs > budgetLeft) {
          reason = `${what}; Retry-After asks for ${retryAfterSeconds} s, beyond the ${seconds(policy.maxRetryAfterWaitMs)} wait limit; try again after ${comeBackAt(wantMs)}`;
        } else {
          decision = 'retry';
          waitMs = wantMs;
          run.transientRetriesUsed += 1;
          reason = `${what}; retrying once after ${seconds(wantMs)}${retryAfterSeconds !== null ? ' (Retry-After)' : ''}`;
        }
      } else if (attempt.networkError !== null) {
        reason = `${attempt.networkError}; not retried (the same request would fail the same way)`;
      } else {
        reason = `HTTP ${status ?? '?'}: ${classification.error ?? classification.category}; a retry would get the same answer`;
      }

      run.record({ ...base, decision, reason, waitMs, classification });
      if (decision === 'stop') return { attempt, classification, json, ok: false, override: null, cancelled: false };
      const slept = await sleep(waitMs, run.signal);
      run.waitedMs += waitMs;
      if (!slept) {
        const cancelled = cancelledClassification();
        run.record({
          startMs: run.elapsed(),
          durationMs: 0,
          method: request.method,
          url: safeUrl(request.url),
          httpStatus: null,
          requestIds: {},
          retryAfterSeconds: null,
          decision: 'stop',
          reason: 'cancelled by the caller during the wait before the next attempt',
          waitMs: 0,
          networkError: null,
          classification: cancelled,
        });
        return { attempt, classification: cancelled, json: null, ok: false, override: null, cancelled: true };
      }
    }
  }

  /** A status line arrived but the body did not (cut off, too large, too slow): the classifier cannot read half an answer. */
  function cutShortClassification(attempt: HttpAttempt, status: number): Classification {
    if (attempt.networkKind === 'too_large') {
      return localClassification({
        category: 'unknown',
        httpStatus: status,
        summary: `The server answered HTTP ${status} with a body larger than ${policy.maxResponseBytes} bytes, which was not read; token answers are a few kilobytes, so something other than the identity provider is answering.`,
        nextSteps: ['Check that the token endpoint URL is right and that no proxy or portal answers in its place.'],
      });
    }
    return localClassification({
      category: 'network',
      retryable: true,
      httpStatus: status,
      summary: `The server answered HTTP ${status} but the body did not arrive in full: ${attempt.networkError ?? 'the connection ended'}.`,
      nextSteps: ['Retry shortly; if it keeps happening, look for a proxy or load balancer cutting connections.'],
    });
  }

  function cancelledClassification(): Classification {
    return localClassification({
      category: 'unknown',
      appAction: 'stop',
      actor: 'user',
      summary: 'The request was cancelled before an answer arrived; nothing was concluded about the app registration.',
      nextSteps: ['Run the request again when ready.'],
    });
  }

  function settingsFailure(operation: string, errors: string[], runOptions: AcquireOptions): TokenResult {
    const run = new Run(operation, runOptions);
    const classification = localClassification({
      category: 'misuse',
      summary: `The request was not sent because its settings are invalid: ${errors[0] ?? 'unknown problem'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`,
      nextSteps: errors,
    });
    return { classification, timeline: run.timeline(classification), settingsErrors: errors };
  }

  function finish(run: Run, classification: Classification, extra: Partial<TokenResult> = {}): TokenResult {
    return { classification, timeline: run.timeline(classification), ...extra };
  }

  async function resolveEndpoints(run: Run, settings: AppRegistration): Promise<{ endpoints: Endpoints } | { result: TokenResult }> {
    const plan = planAuthority(settings);
    if (plan.type === 'invalid') {
      return { result: finish(run, localClassification({ category: 'misuse', summary: `The authority is not usable: ${plan.error}.`, nextSteps: [plan.error] })) };
    }
    if (plan.type === 'static') return { endpoints: plan.endpoints };
    const cached = discoveryCache.get(plan.authority);
    if (cached) return { endpoints: applyDiscoveryOverrides(cached, plan.overrides) };
    const outcome = await exchange(
      run,
      {
        method: 'GET',
        url: plan.discoveryUrl,
        expect: 'json',
        // A finished step, not a token attempt still waiting: it reads as done, with "discovery" as its reason.
        describeSuccess: (doc) =>
          localClassification({
            category: 'success',
            actor: 'none',
            appAction: 'none',
            httpStatus: 200,
            summary: `The issuer's discovery document was read (token endpoint ${typeof doc.token_endpoint === 'string' ? safeUrl(doc.token_endpoint) : 'missing'}); this step finds the endpoints and requests no token.`,
          }),
        successReason: 'discovery: OpenID configuration read',
      },
    );
    if (outcome.cancelled) return { result: finish(run, outcome.classification, { cancelled: true }) };
    const { attempt } = outcome;
    if (attempt.networkError !== null || attempt.status === null) {
      const classification = localClassification({
        category: 'network',
        retryable: attempt.networkKind !== 'dns' && attempt.networkKind !== 'tls',
        actor: 'developer',
        summary: `The issuer's discovery document at ${safeUrl(plan.discoveryUrl)} could not be fetched: ${attempt.networkError ?? 'no answer'}.`,
        nextSteps: ['Check the authority URL, DNS and network access from this machine (and HTTPS_PROXY / NO_PROXY if a proxy is required).'],
      });
      patchLast(run, classification);
      return { result: finish(run, classification) };
    }
    const parsed = parseDiscovery(plan.authority, attempt.status, attempt.body, attempt.headers['content-type'], plan.overrides);
    if (!parsed.ok) {
      const classification = localClassification({
        category: 'app_config',
        httpStatus: attempt.status,
        summary: `OpenID Connect discovery failed (${parsed.problem.replace(/_/g, ' ')}): ${parsed.message}.`,
        nextSteps: [parsed.message],
      });
      patchLast(run, classification, `discovery failed: ${parsed.problem.replace(/_/g, ' ')}`);
      return { result: finish(run, classification) };
    }
    discoveryCache.set(plan.authority, parsed.endpoints);
    return { endpoints: parsed.endpoints };
  }

  function applyDiscoveryOverrides(endpoints: Endpoints, overrides: AppRegistration['endpoints']): Endpoints {
    if (!overrides) return endpoints;
    return {
      ...endpoints,
      tokenEndpoint: overrides.token ?? endpoints.tokenEndpoint,
      deviceAuthorizationEndpoint: overrides.deviceAuthorization ?? endpoints.deviceAuthorizationEndpoint,
      authorizationEndpoint: overrides.authorization ?? endpoints.authorizationEndpoint,
    };
  }

  /** The last attempt's record gets the client's own reading (discovery problems the classifier cannot know). */
  function patchLast(run: Run, classification: Classification, reason?: string): void {
    const last = run.attempts[run.attempts.length - 1];
    if (!last) return;
    last.classification = classification;
    if (last.decision === 'done') last.decision = 'stop';
    if (reason) last.reason = reason;
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

  async function readCertificate(settings: AppRegistration, credentials: Credentials): Promise<{ ok: true; value: LoadedCertificate } | { ok: false; error: string }> {
    let certPem = credentials.certificatePem;
    let keyPem = credentials.privateKeyPem;
    try {
      if (!certPem && settings.certificate?.certPath) certPem = await readFile(settings.certificate.certPath, 'utf8');
    } catch (error) {
      return { ok: false, error: `certificate.certPath could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${settings.certificate?.certPath}` };
    }
    try {
      if (!keyPem && settings.certificate?.keyPath) keyPem = await readFile(settings.certificate.keyPath, 'utf8');
    } catch (error) {
      return { ok: false, error: `certificate.keyPath could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${settings.certificate?.keyPath}` };
    }
    if (!certPem || !keyPem) return { ok: false, error: 'client_certificate needs a PEM certificate and a PEM private key' };
    return loadCertificate(certPem, keyPem, settings.certificate?.thumbprint);
  }

  async function acquire(input: unknown, acquireOptions: AcquireOptions = {}): Promise<TokenResult> {
    try {
      return await acquireInner(input, acquireOptions);
    } catch (error) {
      // Last line of defence: the public API never throws. Secrets are not in `error` (we never build messages from them).
      const run = new Run('token request', acquireOptions);
      const classification = localClassification({
        category: 'unknown',
        summary: `The token client failed unexpectedly: ${error instanceof Error ? error.message : String(error)}.`,
      });
      return finish(run, classification);
    }
  }

  async function acquireInner(input: unknown, acquireOptions: AcquireOptions): Promise<TokenResult> {
    if (closed) {
      return settingsFailure('token request', ['the token client was closed; create a new one'], acquireOptions);
    }
    const parsed = validateTokenRequest(input);
    if (!parsed.ok) return settingsFailure('token request', parsed.errors, acquireOptions);
    const { settings, credentials } = parsed.value;
    const flow: Flow = settings.flow;
    // What makes two requests "the same" for the throttle memory: where they go, not who they carry.
    const authorityLabel = `${planLabel(settings)}|${settings.endpoints?.token ?? ''}`;
    const run = new Run(`${flow} via ${settings.authority ?? planLabel(settings)} (${route})`, acquireOptions);
    for (const secret of [credentials.clientSecret, credentials.refreshToken]) if (secret) run.secrets.push(secret);

    const missing = missingCredential(flow, credentials);
    if (missing) return settingsFailure(run.operation, [missing], acquireOptions);

    const claims = buildClaimsParameter(credentials.claimsChallenge, settings.clientCapabilities);
    if (!claims.ok) return settingsFailure(run.operation, [`claimsChallenge: ${claims.error}`], acquireOptions);

    const scopes = flow === 'client_credentials' || flow === 'client_certificate' ? settings.scopes : withDelegatedDefaults(settings.scopes);
    const fingerprint = requestFingerprint({ endpoint: authorityLabel, clientId: settings.clientId, scopes, flow });

    if (policy.throttleMemory) {
      const entry = throttle.check(fingerprint);
      if (entry) {
        const remaining = Math.max(1, Math.ceil((entry.until - Date.now()) / 1000));
        const classification = localClassification({
          category: 'throttled',
          retryable: true,
          retryAfterSeconds: remaining,
          actor: 'none',
          httpStatus: entry.status,
          summary: `Not sent: this same request was throttled ${entry.reason}; the client answers locally for ${remaining} more seconds instead of adding load.`,
          nextSteps: [`Try again after ${new Date(entry.until).toISOString()}.`, 'Cache tokens instead of requesting the same one in a loop.'],
        });
        run.record({
          startMs: 0,
          durationMs: 0,
          method: 'POST',
          url: '(not sent)',
          httpStatus: null,
          requestIds: {},
          retryAfterSeconds: remaining,
          decision: 'stop',
          reason: `answered locally by the throttle memory (blocked until ${new Date(entry.until).toISOString()}); no request was sent`,
          waitMs: 0,
          networkError: null,
          classification,
        });
        return finish(run, classification);
      }
    }

    const resolved = await resolveEndpoints(run, settings);
    if ('result' in resolved) return rememberThrottle(resolved.result);
    const endpoints = resolved.endpoints;

    const commonForm = (): URLSearchParams => {
      const form = new URLSearchParams();
      form.set('client_id', settings.clientId);
      form.set('scope', scopes.join(' '));
      if (claims.value) form.set('claims', claims.value);
      return form;
    };
    const withClientAuth = (form: URLSearchParams): URLSearchParams => {
      if (credentials.clientSecret) form.set('client_secret', credentials.clientSecret);
      return form;
    };
    const spaHeaders: Record<string, string> = settings.spaOrigin ? { origin: new URL(settings.spaOrigin).origin } : {};

    let outcome: ExchangeResult;
    switch (flow) {
      case 'client_credentials':
        outcome = await exchange(
          run,
          {
            method: 'POST',
            url: endpoints.tokenEndpoint,
            expect: 'token',
            buildForm: async () => {
              const form = withClientAuth(commonForm());
              form.set('grant_type', 'client_credentials');
              return form;
            },
          },
        );
        break;
      case 'client_certificate': {
        const cert = await readCertificate(settings, credentials);
        if (!cert.ok) return settingsFailure(run.operation, [`certificate: ${cert.error}`], acquireOptions);
        outcome = await exchange(
          run,
          {
            method: 'POST',
            url: endpoints.tokenEndpoint,
            expect: 'token',
            buildForm: async () => {
              const assertion = await signClientAssertion({
                certificate: cert.value,
                clientId: settings.clientId,
                audience: endpoints.tokenEndpoint,
                algorithm: settings.certificate?.algorithm,
              });
              run.secrets.push(assertion);
              const form = commonForm();
              form.set('grant_type', 'client_credentials');
              form.set('client_assertion_type', ASSERTION_TYPE);
              form.set('client_assertion', assertion);
              return form;
            },
          },
        );
        break;
      }
      case 'refresh_token':
        outcome = await exchange(
          run,
          {
            method: 'POST',
            url: endpoints.tokenEndpoint,
            expect: 'token',
            extraHeaders: spaHeaders,
            buildForm: async () => {
              const form = withClientAuth(commonForm());
              form.set('grant_type', 'refresh_token');
              form.set('refresh_token', credentials.refreshToken ?? '');
              return form;
            },
          },
        );
        break;
      case 'device_code': {
        const result = await deviceCode(run, settings, endpoints, commonForm, withClientAuth);
        if ('result' in result) return rememberThrottle({ ...result.result, endpoints });
        outcome = result.outcome;
        break;
      }
      case 'auth_code_pkce': {
        const result = await authCode(run, settings, endpoints, scopes, claims.value, commonForm, withClientAuth, spaHeaders);
        if ('result' in result) return rememberThrottle({ ...result.result, endpoints });
        outcome = result.outcome;
        break;
      }
    }

    if (outcome.cancelled) return finish(run, outcome.classification, { cancelled: true, endpoints });
    if (outcome.ok && outcome.json) {
      throttle.forget(fingerprint);
      return finish(run, outcome.classification, { tokens: tokensFrom(outcome.json, scopes), endpoints });
    }
    return rememberThrottle(finish(run, outcome.classification, { endpoints }));

    function rememberThrottle(result: TokenResult): TokenResult {
      if (!policy.throttleMemory || result.cancelled || result.tokens) return result;
      const last = result.timeline.attempts[result.timeline.attempts.length - 1];
      if (!last || last.httpStatus === null) return result;
      const blockSeconds = throttleSecondsFor(last.httpStatus, last.retryAfterSeconds, policy);
      if (blockSeconds > 0) {
        const until = Date.now() + blockSeconds * 1000;
        throttle.remember(fingerprint, {
          until,
          status: last.httpStatus,
          retryAfterSeconds: last.retryAfterSeconds,
          reason: `at ${new Date().toISOString()} (HTTP ${last.httpStatus}${last.retryAfterSeconds !== null ? `, Retry-After ${last.retryAfterSeconds} s` : ''})`,
        });
      }
      return result;
    }
  }

  async function deviceCode(
    run: Run,
    settings: AppRegistration,
    endpoints: Endpoints,
    commonForm: () => URLSearchParams,
    withClientAuth: (form: URLSearchParams) => URLSearchParams,
  ): Promise<{ outcome: ExchangeResult } | { result: TokenResult }> {
    if (!endpoints.deviceAuthorizationEndpoint) {
      return {
        result: finish(
          run,
          localClassification({
            category: 'app_config',
            summary: `This authority (${endpoints.kind}) offers no device authorization endpoint, so the device code flow cannot be used with it.`,
            nextSteps: ['Use auth_code_pkce instead, or configure endpoints.deviceAuthorization for an OpenID Connect issuer that has one.'],
          }),
        ),
      };
    }
    if (!run.options.onDeviceCode) {
      return { result: settingsFailure(run.operation, ['device_code needs an onDeviceCode callback to show the user code'], run.options) };
    }
    const start = await exchange(
      run,
      {
        method: 'POST',
        url: endpoints.deviceAuthorizationEndpoint,
        expect: 'device',
        buildForm: async () => commonForm(),
        describeSuccess: (answer) =>
          localClassification({
            category: 'pending',
            actor: 'user',
            appAction: 'poll',
            httpStatus: 200,
            summary: `A device code was issued; the user must enter it at ${String(answer.verification_uri ?? answer.verification_url ?? 'the verification page')} within ${String(answer.expires_in ?? '?')} seconds.`,
          }),
      },
    );
    if (!start.ok || !start.json) return { outcome: start };
    const json = start.json;
    const deviceCodeValue = String(json.device_code);
    run.secrets.push(deviceCodeValue);
    const expiresIn = Number(json.expires_in) > 0 ? Number(json.expires_in) : 900;
    // RFC 8628 default is 5 s; an absurd interval is capped rather than trusted.
    let intervalSeconds = Number(json.interval) >= 0 && json.interval !== undefined ? Math.min(Number(json.interval), 600) : 5;
    const info: DeviceCodeInfo = {
      userCode: String(json.user_code ?? ''),
      verificationUri: String(json.verification_uri ?? json.verification_url ?? ''),
      verificationUriComplete: typeof json.verification_uri_complete === 'string' ? json.verification_uri_complete : null,
      message: typeof json.message === 'string' ? json.message : null,
      expiresInSeconds: expiresIn,
      intervalSeconds,
    };
    try {
      // Not awaited for the polling: the callback may keep a prompt open while we poll.
      void Promise.resolve(run.options.onDeviceCode?.(info)).catch(() => undefined);
    } catch {
      // The caller's display problem is not a protocol failure.
    }
    const deadline = Date.now() + expiresIn * 1000;
    for (;;) {
      const poll = await exchange(
        run,
        {
          method: 'POST',
          url: endpoints.tokenEndpoint,
          expect: 'token',
          buildForm: async () => {
            const form = withClientAuth(new URLSearchParams());
            form.set('client_id', settings.clientId);
            form.set('grant_type', DEVICE_GRANT);
            form.set('device_code', deviceCodeValue);
            return form;
          },
          onFinal: ({ json: answer }) => {
            const error = typeof answer?.error === 'string' ? answer.error : null;
            const left = deadline - Date.now();
            if (error === 'authorization_pending' || error === 'slow_down') {
              if (error === 'slow_down') intervalSeconds += 5;
              const waitMs = intervalSeconds * 1000;
              if (left <= waitMs) return { decision: 'stop', reason: `${error}; the device code expires before the next poll`, waitMs: 0 };
              return {
                decision: 'wait',
                reason: error === 'slow_down' ? `slow_down: polling interval raised by 5 s to ${intervalSeconds} s` : `authorization_pending: the user has not finished; polling again in ${intervalSeconds} s`,
                waitMs,
              };
            }
            if (error === 'expired_token') return { decision: 'stop', reason: 'expired_token: the device code expired; start again', waitMs: 0 };
            if (error === 'access_denied') return { decision: 'stop', reason: 'access_denied: the user declined or a policy refused the sign-in', waitMs: 0 };
            return null;
          },
        },
      );
      if (poll.ok || poll.cancelled || !poll.override || poll.override.decision !== 'wait') {
        if (poll.override?.decision === 'stop' && poll.classification.category === 'pending') {
          const expired = localClassification({
            category: 'expired_grant',
            appAction: 'acquire_interactively',
            actor: 'user',
            summary: 'The device code expired before the user finished signing in.',
            nextSteps: ['Start the device code flow again and complete the sign-in within the time shown.'],
          });
          patchLast(run, expired);
          return { outcome: { ...poll, classification: expired } };
        }
        return { outcome: poll };
      }
      const slept = await sleep(poll.override.waitMs, run.signal);
      if (!slept) {
        const cancelled = cancelledClassification();
        run.record({
          startMs: run.elapsed(),
          durationMs: 0,
          method: 'POST',
          url: safeUrl(endpoints.tokenEndpoint),
          httpStatus: null,
          requestIds: {},
          retryAfterSeconds: null,
          decision: 'stop',
          reason: 'cancelled by the caller while waiting for the user to sign in',
          waitMs: 0,
          networkError: null,
          classification: cancelled,
        });
        return { outcome: { ...poll, classification: cancelled, cancelled: true } };
      }
    }
  }

  async function authCode(
    run: Run,
    settings: AppRegistration,
    endpoints: Endpoints,
    scopes: string[],
    claimsValue: string | undefined,
    commonForm: () => URLSearchParams,
    withClientAuth: (form: URLSearchParams) => URLSearchParams,
    spaHeaders: Record<string, string>,
  ): Promise<{ outcome: ExchangeResult } | { result: TokenResult }> {
    if (!endpoints.authorizationEndpoint) {
      return {
        result: finish(run, localClassification({ category: 'app_config', summary: 'This authority has no authorization endpoint, so the authorization code flow cannot be used.' })),
      };
    }
    const openBrowser = run.options.openBrowser;
    if (!openBrowser) return { result: settingsFailure(run.operation, ['auth_code_pkce needs an openBrowser callback'], run.options) };
    const configured = settings.redirectUri ? new URL(settings.redirectUri) : null;
    if (configured && !(configured.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(configured.hostname))) {
      return {
        result: settingsFailure(run.operation, [`redirectUri: ${settings.redirectUri} is not a loopback URI; Auth Lens listens on http://127.0.0.1 or http://localhost (any port)`], run.options),
      };
    }
    const pkce = createPkcePair();
    const state = randomState();
    run.secrets.push(pkce.verifier);
    let listener;
    try {
      listener = await startLoopbackListener({
        state,
        path: configured?.pathname ?? '/',
        timeoutMs: Math.min(Math.max(options.loopbackTimeoutMs ?? 300_000, 1), MAX_TIMER_MS),
        signal: run.signal,
        hostName: configured?.hostname === 'localhost' ? 'localhost' : '127.0.0.1',
      });
    } catch (error) {
      if (run.cancelled) return { result: finish(run, cancelledClassification(), { cancelled: true }) };
      return { result: finish(run, localClassification({ category: 'misuse', summary: `The loopback listener could not start: ${(error as Error).message}.` })) };
    }
    const authorize = new URL(endpoints.authorizationEndpoint);
    authorize.searchParams.set('client_id', settings.clientId);
    authorize.searchParams.set('response_type', 'code');
    authorize.searchParams.set('redirect_uri', listener.redirectUri);
    authorize.searchParams.set('scope', scopes.join(' '));
    authorize.searchParams.set('state', state);
    authorize.searchParams.set('code_challenge', pkce.challenge);
    authorize.searchParams.set('code_challenge_method', 'S256');
    authorize.searchParams.set('response_mode', 'query');
    if (claimsValue) authorize.searchParams.set('claims', claimsValue);
    const startMs = run.elapsed();
    try {
      await openBrowser(authorize.toString());
    } catch (error) {
      listener.close();
      return { result: finish(run, localClassification({ category: 'misuse', summary: `The browser could not be opened: ${(error as Error).message}.` })) };
    }
    const answer = await listener.result;
    const browserAttempt = (classification: Classification, decision: 'done' | 'stop', reason: string) =>
      run.record({
        startMs,
        durationMs: run.elapsed() - startMs,
        method: 'GET',
        url: safeUrl(authorize.toString()),
        httpStatus: null,
        requestIds: {},
        retryAfterSeconds: null,
        decision,
        reason,
        waitMs: 0,
        networkError: null,
        classification,
      });
    if (answer.kind === 'cancelled') {
      const c = cancelledClassification();
      browserAttempt(c, 'stop', 'cancelled by the caller while waiting for the browser sign-in');
      return { result: finish(run, c, { cancelled: true }) };
    }
    if (answer.kind === 'timeout') {
      const c = localClassification({
        category: 'interaction_required',
        actor: 'user',
        summary: `The browser sign-in did not come back within ${seconds(options.loopbackTimeoutMs ?? 300_000)}.`,
        nextSteps: ['Run the request again and finish the sign-in in the browser window that opens.'],
      });
      browserAttempt(c, 'stop', 'no redirect arrived at the loopback listener before the time limit');
      return { result: finish(run, c) };
    }
    if (answer.kind === 'error') {
      // The authorize endpoint's error travels in the redirect; classify it like a token-endpoint body.
      const body = JSON.stringify({
        error: answer.error,
        error_description: answer.errorDescription ?? undefined,
        error_codes: answer.errorCodes ? answer.errorCodes.split(/[,\s]+/).map(Number).filter(Number.isFinite) : undefined,
        claims: answer.claims ?? undefined,
      });
      const c = classifyAttempt({ status: 400, headers: { 'content-type': 'application/json' }, body, networkError: null, networkKind: null, durationMs: 0 }, run.secrets);
      browserAttempt(c, 'stop', `the authorize step answered ${answer.error}`);
      return { result: finish(run, c) };
    }
    const code = answer.code;
    run.secrets.push(code);
    browserAttempt(localClassification({ category: 'pending', actor: 'none', appAction: 'none', summary: 'The browser sign-in returned an authorization code.' }), 'done', 'authorization code received on the loopback redirect (state matched)');
    const outcome = await exchange(
      run,
      {
        method: 'POST',
        url: endpoints.tokenEndpoint,
        expect: 'token',
        extraHeaders: spaHeaders,
        buildForm: async () => {
          const form = withClientAuth(commonForm());
          form.set('grant_type', 'authorization_code');
          form.set('code', code);
          form.set('redirect_uri', listener.redirectUri);
          form.set('code_verifier', pkce.verifier);
          return form;
        },
      },
    );
    return { outcome };
  }

  return {
    acquire,
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

function planLabel(settings: AppRegistration): string {
  const plan = planAuthority(settings);
  return plan.type === 'static' ? plan.endpoints.authority : plan.type === 'discover' ? plan.authority : 'an invalid authority';
}

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
