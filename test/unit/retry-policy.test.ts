// The retry decision as a pure function: what the token client does after each kind of answer.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, nextStep, resolvePolicy, type AttemptFacts } from '../../src/core/client/policy';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const policy = resolvePolicy({});

function facts(change: Partial<AttemptFacts>): AttemptFacts {
  return { status: 400, retryAfterSeconds: null, networkKind: null, networkError: null, answer: 'invalid_grant', attemptsMade: 1, waitedMs: 0, transientRetriesUsed: 0, now: NOW, ...change };
}

describe('nextStep', () => {
  it('a 4xx error stops: the same request would get the same answer', () => {
    expect(nextStep(facts({}), policy)).toEqual({ decision: 'stop', waitMs: 0, reason: 'HTTP 400: invalid_grant; a retry would get the same answer', spendsTransientRetry: false });
  });

  it('429 with Retry-After waits that long while the wait budget lasts, then stops and says when to come back', () => {
    expect(nextStep(facts({ status: 429, retryAfterSeconds: 3 }), policy)).toMatchObject({ decision: 'wait', waitMs: 3000, spendsTransientRetry: false });
    const over = nextStep(facts({ status: 429, retryAfterSeconds: 30, waitedMs: DEFAULT_POLICY.maxRetryAfterWaitMs - 10_000 }), policy);
    expect(over.decision).toBe('stop');
    expect(over.reason).toContain(`try again after ${new Date(NOW + 30_000).toISOString()}`);
    expect(nextStep(facts({ status: 429, retryAfterSeconds: 1, attemptsMade: policy.maxAttempts }), policy).reason).toMatch(/attempt limit of 10 reached/);
  });

  it('5xx, 408, timeouts and dropped connections get one retry after at least the minimum delay', () => {
    for (const change of [{ status: 503 }, { status: 408 }, { status: null, networkKind: 'timeout' as const, networkError: 'timed out' }, { status: null, networkKind: 'reset' as const, networkError: 'reset' }]) {
      const step = nextStep(facts(change), policy);
      expect(step, JSON.stringify(change)).toMatchObject({ decision: 'retry', waitMs: policy.minRetryDelayMs, spendsTransientRetry: true });
      expect(nextStep(facts({ ...change, transientRetriesUsed: 1 }), policy)).toMatchObject({ decision: 'stop', reason: expect.stringMatching(/the one retry was already used$/) });
    }
    // Retry-After on a 503 lengthens the wait, within the budget.
    expect(nextStep(facts({ status: 503, retryAfterSeconds: 7 }), policy)).toMatchObject({ decision: 'retry', waitMs: 7000, reason: expect.stringMatching(/\(Retry-After\)$/) });
    expect(nextStep(facts({ status: 503, retryAfterSeconds: 600 }), policy).decision).toBe('stop');
  });

  it('429 without Retry-After is retried like a transient failure; a refused connection or an oversized body is not', () => {
    expect(nextStep(facts({ status: 429 }), policy)).toMatchObject({ decision: 'retry', waitMs: policy.minRetryDelayMs });
    expect(nextStep(facts({ status: null, networkKind: 'refused', networkError: 'connection refused' }), policy)).toMatchObject({
      decision: 'stop',
      reason: 'connection refused; not retried (the same request would fail the same way)',
    });
    expect(nextStep(facts({ status: 502, networkKind: 'too_large', networkError: 'body too large' }), policy).decision).toBe('stop');
  });

  it('follows the policy it is given', () => {
    const patient = resolvePolicy({ transientRetries: 3, minRetryDelayMs: 250 });
    expect(nextStep(facts({ status: 500, transientRetriesUsed: 2 }), patient)).toMatchObject({ decision: 'retry', waitMs: 250 });
    expect(nextStep(facts({ status: 500, transientRetriesUsed: 3 }), patient).reason).toMatch(/the 3 retries were already used/);
  });
});
