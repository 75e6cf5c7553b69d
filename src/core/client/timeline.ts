// One acquisition's record: every attempt as the timeline shows it, the secrets seen on the way (so
// nothing recorded can hold them) and the result that closes it.
import { redactSecrets } from '../redact';
import type { Classification, Timeline, TimelineAttempt } from '../types';
import type { AcquireOptions, TokenResult } from './client-types';
import { localClassification } from './outcome';

// Query parameters whose values may be secret or one-time (or just noise, like PKCE values).
const SENSITIVE_QUERY = /secret|token|code|assertion|pass|pwd|sig|key|state|nonce|verifier|challenge|claims|session|auth/i;

/** `text` at most `max` characters long, an ellipsis marking a cut. Redact before cutting, never after. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

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

export class Run {
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

  /** A step that sent nothing (a local answer, a cancelled wait, the browser's part of a sign-in). */
  recordLocal(entry: {
    method: 'GET' | 'POST';
    url: string;
    reason: string;
    classification: Classification;
    decision?: 'done' | 'stop';
    startMs?: number;
    durationMs?: number;
    retryAfterSeconds?: number | null;
  }): TimelineAttempt {
    return this.record({
      startMs: entry.startMs ?? this.elapsed(),
      durationMs: entry.durationMs ?? 0,
      method: entry.method,
      url: entry.url,
      httpStatus: null,
      requestIds: {},
      retryAfterSeconds: entry.retryAfterSeconds ?? null,
      decision: entry.decision ?? 'stop',
      reason: entry.reason,
      waitMs: 0,
      networkError: null,
      classification: entry.classification,
    });
  }

  /** The last attempt's record gets the client's own reading (discovery problems the classifier cannot know). */
  patchLast(classification: Classification, reason?: string): void {
    const last = this.attempts[this.attempts.length - 1];
    if (!last) return;
    last.classification = classification;
    if (last.decision === 'done') last.decision = 'stop';
    if (reason) last.reason = reason;
  }

  timeline(final: Classification): Timeline {
    const timeline: Timeline = { operation: this.operation, startedAt: this.startedAt, totalMs: this.elapsed(), attempts: [...this.attempts], final };
    if (this.notes.size) timeline.notes = [...this.notes];
    return timeline;
  }

  finish(classification: Classification, extra: Partial<TokenResult> = {}): TokenResult {
    return { classification, timeline: this.timeline(classification), ...extra };
  }
}

export function cancelledClassification(): Classification {
  return localClassification({
    category: 'unknown',
    appAction: 'stop',
    actor: 'user',
    summary: 'The request was cancelled before an answer arrived; nothing was concluded about the app registration.',
    nextSteps: ['Run the request again when ready.'],
  });
}

/** Nothing was sent: the request's settings do not hold together. */
export function settingsFailure(operation: string, errors: string[], options: AcquireOptions): TokenResult {
  const classification = localClassification({
    category: 'misuse',
    summary: `The request was not sent because its settings are invalid: ${errors[0] ?? 'unknown problem'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`,
    nextSteps: errors,
  });
  return new Run(operation, options).finish(classification, { settingsErrors: errors });
}
