// One logical request to the authority: sent, answered, read, and retried or waited on as the policy
// decides (nextStep), with every attempt recorded on the run's timeline.
import { randomUUID } from 'node:crypto';
import { redactSecrets } from '../redact';
import type { Classification } from '../types';
import { TLS_UNVERIFIED_NOTE, tlsVerificationDisabled, type ClientDispatcher, type HttpAttempt } from './dispatcher';
import { classifyAttempt, localClassification } from './outcome';
import { parseRetryAfter } from '../classify/http-text';
import { nextStep, sleep, type RetryPolicy } from './policy';
import { cancelledClassification, cut, safeUrl, type Run } from './timeline';

const REQUEST_ID_HEADERS = ['x-ms-request-id', 'client-request-id', 'x-ms-ests-server', 'x-request-id'];

/** What a good answer holds: a token, a device code, or any JSON object (discovery). */
export type Expect = 'token' | 'device' | 'json';

/** A step's own decision on an answer (the device-code poller turns "pending" into a wait). */
export interface FinalOverride {
  decision: 'wait' | 'stop' | 'done';
  reason: string;
  waitMs: number;
}

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Runs per attempt, so one-time values (client assertions with a fresh jti) are never replayed. */
  buildForm?: () => Promise<URLSearchParams>;
  extraHeaders?: Record<string, string>;
  expect: Expect;
  /** The client's own reading of a good answer that is not a token (discovery, device code start). */
  describeSuccess?: (json: Record<string, unknown>) => Classification;
  /** The timeline reason for a good answer, when the step is not a token request (discovery). */
  successReason?: string;
  /** Lets the device-code poller turn pending answers into waits. */
  onFinal?: (result: { attempt: HttpAttempt; json: Record<string, unknown> | null }) => FinalOverride | null;
}

export interface ExchangeResult {
  attempt: HttpAttempt;
  classification: Classification;
  json: Record<string, unknown> | null;
  /** True when the answer is what `expect` asked for. */
  ok: boolean;
  override: FinalOverride | null;
  cancelled: boolean;
}

export type Exchange = (run: Run, request: ExchangeRequest) => Promise<ExchangeResult>;

/**
 * The answer's request ids, redacted before they are cut: a broken or hostile server may echo what it
 * was sent, and a cut would leave a piece of a secret too short for the redactor to know.
 */
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

/** A status line arrived but the body did not (cut off, too large, too slow): the classifier cannot read half an answer. */
function cutShortClassification(attempt: HttpAttempt, status: number, policy: RetryPolicy): Classification {
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

/** A 2xx that is not what was asked for: no token can be read from it. */
function notWhatWasAsked(request: ExchangeRequest, json: Record<string, unknown> | null, contentType: string | null, status: number): { what: string; classification: Classification } {
  const what = json === null ? `a body that is not JSON${contentType ? ` (${contentType})` : ''}` : `JSON without ${request.expect === 'device' ? 'device_code' : 'access_token'}`;
  const classification = localClassification({
    category: 'unknown',
    httpStatus: status,
    summary: `The server answered HTTP ${status} with ${what}, so no token could be read from it.`,
    nextSteps: [
      'Check that the authority points at the identity provider itself and not at a proxy, portal or login page.',
      'If a corporate proxy sits in the path, check HTTPS_PROXY / NO_PROXY.',
    ],
  });
  return { what, classification };
}

/** Redirects are reported, never followed: credentials are never re-sent to another URL. */
function redirectClassification(attempt: HttpAttempt, status: number, secrets: readonly string[]): { location: string; classification: Classification } {
  const location = attempt.headers.location ? safeUrl(attempt.headers.location, secrets) : '(no Location header)';
  const classification = localClassification({
    category: 'app_config',
    httpStatus: status,
    summary: `The endpoint answered with a redirect (HTTP ${status} to ${location}); token endpoints never redirect, so the URL or a proxy in the path is wrong.`,
    nextSteps: ["Use the exact endpoint from the issuer's discovery document (no trailing redirects, https not http).", 'Check proxies and captive portals in the path.'],
  });
  return { location, classification };
}

/** The exchange function for one client: its dispatcher, policy and identifying headers. */
export function createExchange(http: ClientDispatcher, policy: RetryPolicy, baseHeaders: (requestId: string) => Record<string, string>): Exchange {
  return async function exchange(run, request) {
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
      let classification = attempt.networkError !== null && status !== null ? cutShortClassification(attempt, status, policy) : classifyAttempt(attempt, run.secrets);
      const contentType = attempt.headers['content-type']?.split(';')[0]?.trim() ?? null;
      const stopped = (reason: string, c: Classification): ExchangeResult => {
        run.record({ ...base, decision: 'stop', reason, waitMs: 0, classification: c });
        return { attempt, classification: c, json, ok: false, override: null, cancelled: false };
      };

      if (status !== null && status >= 200 && status < 300 && attempt.networkError === null) {
        const wanted = request.expect === 'token' ? typeof json?.access_token === 'string' : request.expect === 'device' ? typeof json?.device_code === 'string' : json !== null;
        if (!wanted) {
          const wrong = notWhatWasAsked(request, json, contentType, status);
          return stopped(`HTTP ${status} but ${wrong.what}`, wrong.classification);
        }
        if (request.describeSuccess && json) classification = request.describeSuccess(json);
        const labelled = contentType && contentType !== 'application/json' ? ` (JSON body, though labelled ${contentType})` : '';
        const reason = request.successReason ? `${request.successReason}${labelled}` : labelled ? `answer accepted${labelled}` : 'answer received';
        run.record({ ...base, decision: 'done', reason, waitMs: 0, classification });
        return { attempt, classification, json, ok: true, override: null, cancelled: false };
      }

      if (status !== null && status >= 300 && status < 400) {
        const redirect = redirectClassification(attempt, status, run.secrets);
        return stopped(`redirect to ${redirect.location} not followed (credentials are never re-sent to another URL)`, redirect.classification);
      }

      const override = request.onFinal?.({ attempt, json }) ?? null;
      if (override) {
        run.record({ ...base, decision: override.decision, reason: override.reason, waitMs: override.waitMs, classification });
        return { attempt, classification, json, ok: false, override, cancelled: false };
      }

      const step = nextStep(
        {
          status,
          retryAfterSeconds,
          networkKind: attempt.networkKind,
          networkError: attempt.networkError,
          answer: classification.error ?? classification.category,
          attemptsMade: run.attempts.length + 1,
          waitedMs: run.waitedMs,
          transientRetriesUsed: run.transientRetriesUsed,
          now: Date.now(),
        },
        policy,
      );
      if (step.decision === 'stop') return stopped(step.reason, classification);
      if (step.spendsTransientRetry) run.transientRetriesUsed += 1;
      run.record({ ...base, decision: step.decision, reason: step.reason, waitMs: step.waitMs, classification });
      const slept = await sleep(step.waitMs, run.signal);
      run.waitedMs += step.waitMs;
      if (!slept) {
        const cancelled = cancelledClassification();
        run.recordLocal({ method: request.method, url: safeUrl(request.url), reason: 'cancelled by the caller during the wait before the next attempt', classification: cancelled });
        return { attempt, classification: cancelled, json: null, ok: false, override: null, cancelled: true };
      }
    }
  };
}
