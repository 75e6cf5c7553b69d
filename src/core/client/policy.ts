// The retry / throttle policy in one place. Defaults follow what MSAL does (docs/msal-behaviour.md §5):
// one retry on 5xx and timeouts after max(1 s, Retry-After); 429 honours Retry-After up to a cap;
// repeated identical failing requests are answered locally while throttled.
import { createHash } from 'node:crypto';
import type { NetworkErrorKind } from './dispatcher';

export interface RetryPolicy {
  /** Per-attempt limit covering connect, headers and body. */
  attemptTimeoutMs: number;
  /** Retries after a 5xx, a timeout or a dropped connection. */
  transientRetries: number;
  /** Smallest wait before a transient retry. */
  minRetryDelayMs: number;
  /** Longest total time we will sleep for Retry-After within one acquisition; beyond it we stop and say when to come back. */
  maxRetryAfterWaitMs: number;
  /** Hard cap on attempts per acquisition (device-code polls excluded). */
  maxAttempts: number;
  /** Response bodies larger than this are not read. */
  maxResponseBytes: number;
  /** Throttle memory: Retry-After values are capped at this many seconds. */
  throttleCapSeconds: number;
  /** Throttle memory: how long a 429/5xx without Retry-After blocks the same request. */
  throttleDefaultSeconds: number;
  /** Turn the local throttle memory off (tests of the wire behaviour). */
  throttleMemory: boolean;
}

export const DEFAULT_POLICY: Readonly<RetryPolicy> = Object.freeze({
  attemptTimeoutMs: 30_000,
  transientRetries: 1,
  minRetryDelayMs: 1_000,
  maxRetryAfterWaitMs: 60_000,
  maxAttempts: 10,
  maxResponseBytes: 1024 * 1024,
  throttleCapSeconds: 3_600,
  throttleDefaultSeconds: 60,
  throttleMemory: true,
});

export const MAX_TIMER_MS = 24 * 3600 * 1000;

export function resolvePolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  const merged = { ...DEFAULT_POLICY, ...(overrides ?? {}) };
  // Guard against nonsense values instead of throwing: the policy comes from settings.
  // Timers beyond 2^31-1 ms fire at once in Node; a day is already far beyond any sensible wait.
  const nonNegative = (value: number, fallback: number) => (Number.isFinite(value) && value >= 0 ? Math.min(value, MAX_TIMER_MS) : fallback);
  return {
    attemptTimeoutMs: Math.max(1, nonNegative(merged.attemptTimeoutMs, DEFAULT_POLICY.attemptTimeoutMs)),
    transientRetries: Math.floor(nonNegative(merged.transientRetries, DEFAULT_POLICY.transientRetries)),
    minRetryDelayMs: nonNegative(merged.minRetryDelayMs, DEFAULT_POLICY.minRetryDelayMs),
    maxRetryAfterWaitMs: nonNegative(merged.maxRetryAfterWaitMs, DEFAULT_POLICY.maxRetryAfterWaitMs),
    maxAttempts: Math.max(1, Math.floor(nonNegative(merged.maxAttempts, DEFAULT_POLICY.maxAttempts))),
    maxResponseBytes: Math.max(1, nonNegative(merged.maxResponseBytes, DEFAULT_POLICY.maxResponseBytes)),
    throttleCapSeconds: nonNegative(merged.throttleCapSeconds, DEFAULT_POLICY.throttleCapSeconds),
    throttleDefaultSeconds: nonNegative(merged.throttleDefaultSeconds, DEFAULT_POLICY.throttleDefaultSeconds),
    throttleMemory: merged.throttleMemory !== false,
  };
}

/** "Come back at" as an ISO time; far-future values (a Retry-After of centuries) are clamped so Date never overflows. */
export function comeBackAt(delayMs: number, now: number = Date.now()): string {
  const MAX_DATE_MS = 8.64e15;
  const at = Math.min(now + Math.max(0, Number.isFinite(delayMs) ? delayMs : 0), MAX_DATE_MS);
  return new Date(at).toISOString();
}

export interface ThrottleEntry {
  until: number;
  status: number | null;
  retryAfterSeconds: number | null;
  reason: string;
}

/**
 * Remembers requests the server pushed back on. The key is a fingerprint of what makes two requests
 * "the same" (authority, client, scopes, grant) — never a secret, so the memory is safe to keep.
 */
export class ThrottleMemory {
  private readonly entries = new Map<string, ThrottleEntry>();
  constructor(private readonly maxEntries = 1_000) {}

  check(fingerprint: string, now: number = Date.now()): ThrottleEntry | null {
    const entry = this.entries.get(fingerprint);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(fingerprint);
      return null;
    }
    return entry;
  }

  remember(fingerprint: string, entry: ThrottleEntry): void {
    if (this.entries.size >= this.maxEntries) this.prune(Date.now());
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(fingerprint, entry);
  }

  forget(fingerprint: string): void {
    this.entries.delete(fingerprint);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
  }
}

/**
 * How long the throttle memory blocks a request after this answer, in seconds (0 = not at all).
 * Any Retry-After counts (capped); 429 and 5xx without one block for the default.
 */
export function throttleSecondsFor(status: number | null, retryAfterSeconds: number | null, policy: RetryPolicy): number {
  if (retryAfterSeconds !== null) return Math.min(retryAfterSeconds, policy.throttleCapSeconds);
  if (status === 429 || (status !== null && status >= 500 && status <= 599)) return policy.throttleDefaultSeconds;
  return 0;
}

export function requestFingerprint(parts: { endpoint: string; clientId: string; scopes: readonly string[]; flow: string }): string {
  const normalized = JSON.stringify([
    parts.endpoint.toLowerCase(),
    parts.clientId.toLowerCase(),
    [...parts.scopes].map((s) => s.toLowerCase()).sort(),
    parts.flow,
  ]);
  return createHash('sha256').update(normalized).digest('hex').slice(0, 32);
}

/** A sleep that ends at once when the signal aborts and leaves no timer behind. Resolves false when cancelled. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  ms = Math.min(ms, MAX_TIMER_MS);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** "850 ms", "2.5 s": waits and limits as the timeline states them. */
export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** What one attempt ended with, as far as the retry decision cares. */
export interface AttemptFacts {
  /** HTTP status, or null when no answer arrived. */
  status: number | null;
  retryAfterSeconds: number | null;
  /** Why no (complete) answer arrived, as the dispatcher names it. */
  networkKind: NetworkErrorKind | null;
  /** The dispatcher's sentence for it. */
  networkError: string | null;
  /** The answer's error value or category, for the reason when it is not retried. */
  answer: string;
  /** Attempts made so far in this acquisition, this one included. */
  attemptsMade: number;
  /** Time already slept for Retry-After and retries in this acquisition. */
  waitedMs: number;
  transientRetriesUsed: number;
  /** The clock, for "come back at". */
  now: number;
}

export interface NextStep {
  decision: 'retry' | 'wait' | 'stop';
  waitMs: number;
  /** The timeline's sentence for the decision. */
  reason: string;
  /** True when this step spends one of the policy's transient retries. */
  spendsTransientRetry: boolean;
}

/**
 * The retry decision after an answer that is neither a success nor a redirect: 429 with Retry-After
 * waits within the wait budget; 5xx, 408, timeouts and dropped connections (and 429 without
 * Retry-After) get the policy's transient retries after max(minimum delay, Retry-After); anything
 * else would get the same answer again, so it stops. Pure: the caller sleeps and counts.
 */
export function nextStep(attempt: AttemptFacts, policy: RetryPolicy): NextStep {
  const { status, retryAfterSeconds } = attempt;
  const nextAttemptAllowed = attempt.attemptsMade < policy.maxAttempts;
  const budgetLeft = policy.maxRetryAfterWaitMs - attempt.waitedMs;
  const stop = (reason: string): NextStep => ({ decision: 'stop', waitMs: 0, reason, spendsTransientRetry: false });
  const transientKind = attempt.networkKind === 'timeout' || attempt.networkKind === 'reset' || attempt.networkKind === 'closed';
  // 408 is the server saying the request timed out: treated like our own timeout.
  const is5xx = status !== null && ((status >= 500 && status <= 599) || status === 408) && attempt.networkKind !== 'too_large';

  if (status === 429 && retryAfterSeconds !== null) {
    const wantMs = retryAfterSeconds * 1000;
    const comeBack = comeBackAt(wantMs, attempt.now);
    if (!nextAttemptAllowed) return stop(`throttled (429); attempt limit of ${policy.maxAttempts} reached; try again after ${comeBack}`);
    if (wantMs > budgetLeft) {
      return stop(
        `throttled (429); Retry-After asks for ${retryAfterSeconds} s, beyond the ${seconds(policy.maxRetryAfterWaitMs)} this client waits in total (${seconds(attempt.waitedMs)} used); try again after ${comeBack}`,
      );
    }
    return { decision: 'wait', waitMs: wantMs, reason: `throttled (429); honouring Retry-After: waiting ${retryAfterSeconds} s`, spendsTransientRetry: false };
  }
  if (is5xx || transientKind || (status === 429 && retryAfterSeconds === null)) {
    const what = attempt.networkError ?? `HTTP ${status}`;
    const wantMs = Math.max(policy.minRetryDelayMs, (retryAfterSeconds ?? 0) * 1000);
    if (attempt.transientRetriesUsed >= policy.transientRetries) {
      return stop(`${what}; the ${policy.transientRetries === 1 ? 'one retry was' : `${policy.transientRetries} retries were`} already used`);
    }
    if (!nextAttemptAllowed) return stop(`${what}; attempt limit of ${policy.maxAttempts} reached`);
    if (retryAfterSeconds !== null && wantMs > budgetLeft) {
      return stop(`${what}; Retry-After asks for ${retryAfterSeconds} s, beyond the ${seconds(policy.maxRetryAfterWaitMs)} wait limit; try again after ${comeBackAt(wantMs, attempt.now)}`);
    }
    return {
      decision: 'retry',
      waitMs: wantMs,
      reason: `${what}; retrying once after ${seconds(wantMs)}${retryAfterSeconds !== null ? ' (Retry-After)' : ''}`,
      spendsTransientRetry: true,
    };
  }
  if (attempt.networkError !== null) return stop(`${attempt.networkError}; not retried (the same request would fail the same way)`);
  return stop(`HTTP ${status ?? '?'}: ${attempt.answer}; a retry would get the same answer`);
}
