// The retry / throttle policy in one place. Defaults follow what MSAL does (msal-error-semantics §5):
// one retry on 5xx and timeouts after max(1 s, Retry-After); 429 honours Retry-After up to a cap;
// repeated identical failing requests are answered locally while throttled.
import { createHash } from 'node:crypto';
import { parseRetryAfter as parseHttpRetryAfter } from '../classify/http';

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

/**
 * Retry-After as seconds, read by the classifier's parser so the timeline and the classification
 * always agree: delta-seconds or an RFC 9110 HTTP date (GMT) only. Anything else ("1 2", "0.5", "-30",
 * a local-time date) is unreadable and gives null, which the policy treats as "no Retry-After" and
 * therefore waits at least the minimum retry delay instead of retrying back to back.
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | null {
  if (typeof value !== 'string') return null;
  // Huge values are kept as the server sent them (the classifier reports the same number); the policy
  // never sleeps beyond its wait budget and sleep() caps timers, so nothing downstream trusts them blindly.
  return parseHttpRetryAfter(value, new Date(now));
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
