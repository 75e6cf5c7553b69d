// Bridges one HTTP attempt to the shared classifier, and builds the classifications the client makes
// on its own (cancellation, local throttling, discovery and settings problems) in the same shape.
import { classifyResponse } from '../classify/index';
import { redactSecrets } from '../redact';
import type { Category, Classification } from '../types';
import type { HttpAttempt } from './dispatcher';

const ACTION_FOR: Record<Category, Classification['appAction']> = {
  success: 'none',
  pending: 'poll',
  transient: 'retry',
  throttled: 'wait_and_retry',
  interaction_required: 'acquire_interactively',
  claims_challenge: 'acquire_with_claims',
  consent_required: 'acquire_interactively',
  client_credential: 'fix_and_resubmit',
  app_config: 'fix_and_resubmit',
  tenant_or_account: 'stop',
  access_blocked: 'stop',
  user_credentials: 'stop',
  expired_grant: 'acquire_interactively',
  clock_skew: 'fix_and_resubmit',
  network: 'retry',
  misuse: 'fix_and_resubmit',
  unknown: 'stop',
};

/** A classification the client decides itself (no server answer to classify). */
export function localClassification(options: {
  category: Category;
  summary: string;
  nextSteps?: string[];
  retryable?: boolean;
  retryAfterSeconds?: number | null;
  actor?: Classification['actor'];
  appAction?: Classification['appAction'];
  httpStatus?: number | null;
  error?: string | null;
}): Classification {
  return {
    outcome: options.category === 'success' ? 'success' : options.category === 'pending' ? 'pending' : 'error',
    category: options.category,
    appAction: options.appAction ?? ACTION_FOR[options.category],
    retryable: options.retryable ?? false,
    retryAfterSeconds: options.retryAfterSeconds ?? null,
    actor: options.actor ?? (options.category === 'network' || options.category === 'transient' ? 'none' : 'developer'),
    error: options.error ?? null,
    suberror: null,
    aadsts: [],
    correlationId: null,
    traceId: null,
    timestamp: null,
    httpStatus: options.httpStatus ?? null,
    claimsChallenge: null,
    source: 'token_client',
    summary: options.summary,
    nextSteps: options.nextSteps ?? [],
  };
}

const TOKEN_FIELDS = ['access_token', 'id_token', 'refresh_token', 'device_code'];

/** Replaces token values in a success body so the classifier (and anything it echoes) never sees them. */
export function withoutTokens(body: string): string {
  if (!body.includes('_token') && !body.includes('device_code')) return body;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
    const copy: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
    for (const field of TOKEN_FIELDS) if (typeof copy[field] === 'string') copy[field] = '[redacted]';
    return JSON.stringify(copy);
  } catch {
    return body;
  }
}

/** Classifies one attempt through the shared classifier; never throws. */
export function classifyAttempt(attempt: HttpAttempt, secrets: readonly string[], now: Date = new Date()): Classification {
  const body = redactSecrets(withoutTokens(attempt.body), secrets);
  try {
    const result = classifyResponse(
      { status: attempt.status, headers: attempt.headers, body, networkError: attempt.networkError },
      now,
    );
    return { ...result, source: 'token_client' };
  } catch (error) {
    // The classifier must not take the client down with it; say what we know.
    const network = attempt.networkError !== null;
    return localClassification({
      category: network ? 'network' : attempt.status !== null && attempt.status >= 500 ? 'transient' : 'unknown',
      summary: network
        ? `No usable answer arrived: ${attempt.networkError}.`
        : `The server answered HTTP ${attempt.status ?? 'without a status'} and the answer could not be classified (${error instanceof Error ? error.message : String(error)}).`,
      httpStatus: attempt.status,
      retryable: network,
    });
  }
}
