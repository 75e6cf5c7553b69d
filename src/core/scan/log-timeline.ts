// A Retry timeline drawn from an application's log: the token requests read back from it (./requests)
// for one correlation id or a range of lines, as the attempts of the timeline the token client draws.
// A log gives when each request went out and what came back, not how long it took, so attempts are
// points on the time axis and the gaps between them are the app's waits.
import { classifyResponse } from '../classify/index';
import type { Classification, LogEndpoint, LogRequest, RequestFlag, Timeline, TimelineAttempt } from '../types';
import { timestampMs } from './patterns';

export interface LogTimelineChoice {
  /** Only the requests of this correlation id. */
  correlationId?: string | null;
  /** Only the requests on these lines (inclusive). */
  fromLine?: number;
  toLine?: number;
}

export interface LogTimeline {
  timeline: Timeline;
  /** The log line of each attempt, in order (for click-to-line). */
  lines: number[];
}

/** Attempts drawn at most (the panel's schema allows 1,000; a timeline of more is unreadable). */
export const MAX_LOG_ATTEMPTS = 200;

function classificationOf(r: LogRequest): Classification {
  const body = JSON.stringify({
    ...(r.error ? { error: r.error } : {}),
    ...(r.aadsts.length ? { error_codes: r.aadsts } : {}),
    ...(r.suberror ? { suberror: r.suberror } : {}),
    ...(r.correlationId ? { correlation_id: r.correlationId } : {}),
  });
  const headers: Record<string, string> = r.retryAfterSeconds !== null ? { 'retry-after': String(r.retryAfterSeconds) } : {};
  const c = classifyResponse({ status: r.status, headers, body: body === '{}' ? '' : body }, new Date(0), { grant: r.grant ?? undefined });
  // The log rarely has the answer's body: the reader's own verdict stands for the two outcomes it
  // judges from the status and the flow (a 2xx; a 400 while a device-code sign-in polls).
  if (r.outcome === 'success') return { ...c, outcome: 'success', category: 'success', retryable: false, summary: `The request succeeded (HTTP ${r.status}).` };
  if (r.outcome === 'pending') return { ...c, outcome: 'pending', category: 'pending', appAction: 'poll', summary: 'A device-code poll before the user finished signing in: progress, not a failure.' };
  return c;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** What each endpoint's request is, in the words a timeline row uses. */
const ENDPOINT_WORDS: Record<LogEndpoint, string> = {
  token: 'token request',
  devicecode: 'device code request',
  authorize: 'sign-in page',
  discovery: 'authority discovery',
  managed_identity: 'managed identity token request',
};

function reasonOf(r: LogRequest, next: LogRequest | undefined, gapMs: number | null): string {
  const asked = `${ENDPOINT_WORDS[r.endpoint]}${r.grant ? ` (${r.grant})` : ''}`;
  const what =
    r.source === 'cache'
      ? `Line ${r.line}, ${asked}: the library answered from its own memory; nothing was sent`
      : `Line ${r.line}, ${asked}: ${r.status !== null ? `HTTP ${r.status}` : 'the log shows no status'}${r.error ? ` (${r.error}${r.aadsts.length ? `, AADSTS${r.aadsts[0]}` : ''})` : ''}${r.retryAfterSeconds !== null ? `, Retry-After ${r.retryAfterSeconds} s` : ''}`;
  if (!next) return `${what}; no later request in this selection.`;
  if (gapMs === null) return `${what}; the next request is on line ${next.line} (the log gives no time to measure the wait).`;
  const short = r.retryAfterSeconds !== null && gapMs < r.retryAfterSeconds * 1000 ? ', sooner than Retry-After asked' : '';
  return `${what}; the app sent the next request ${seconds(gapMs)} later${short} (line ${next.line}).`;
}

export function selectLogRequests(requests: readonly LogRequest[], choice: LogTimelineChoice): LogRequest[] {
  const id = choice.correlationId?.toLowerCase() ?? null;
  return requests
    .filter((r) => (id ? r.correlationId === id : true) && (choice.fromLine === undefined || r.line >= choice.fromLine) && (choice.toLine === undefined || r.line <= choice.toLine))
    .slice(0, MAX_LOG_ATTEMPTS);
}

/** The timeline of the chosen requests, or null when the choice selects none. */
export function logTimeline(requests: readonly LogRequest[], choice: LogTimelineChoice, fileName: string, flags: readonly RequestFlag[] = []): LogTimeline | null {
  const chosen = selectLogRequests(requests, choice);
  if (chosen.length === 0) return null;
  const times = chosen.map((r) => (r.time ? timestampMs(r.time) : null));
  const base = times.find((t) => t !== null) ?? null;
  // A request whose time the log does not give sits where the one before it did.
  let lastStart = 0;
  const starts = times.map((t) => (lastStart = t !== null && base !== null ? Math.max(0, t - base) : lastStart));
  const attempts: TimelineAttempt[] = chosen.map((r, i) => {
    const next = chosen[i + 1];
    const gapMs = next && times[i] !== null && times[i + 1] !== null ? Math.max(0, times[i + 1]! - times[i]!) : null;
    const classification = classificationOf(r);
    const failed = r.outcome === 'failure' || r.outcome === 'throttled';
    const decision: TimelineAttempt['decision'] = !next ? (r.outcome === 'success' ? 'done' : 'stop') : r.outcome === 'success' ? 'done' : r.outcome === 'pending' || (failed && r.retryAfterSeconds !== null) ? 'wait' : 'retry';
    return {
      index: i,
      startMs: starts[i]!,
      durationMs: 0,
      method: r.method ?? (r.endpoint === 'discovery' ? 'GET' : 'POST'),
      url: `${r.authority ?? '(authority not logged)'} · ${r.endpoint}${r.grant ? ` (${r.grant})` : ''}`,
      httpStatus: r.status,
      requestIds: {
        ...(r.requestId ? { 'x-ms-request-id': r.requestId } : {}),
        ...(r.correlationId ? { 'client-request-id': r.correlationId } : {}),
        line: String(r.line),
      },
      retryAfterSeconds: r.retryAfterSeconds,
      decision,
      reason: reasonOf(r, next, gapMs),
      waitMs: gapMs ?? 0,
      networkError: r.status === null ? (r.source === 'cache' ? 'from the library cache' : 'status not logged') : null,
      classification,
    };
  });
  const last = attempts[attempts.length - 1]!;
  const lines = chosen.map((r) => r.line);
  const first = lines[0]!;
  const end = lines[lines.length - 1]!;
  const notes = flags.filter((f) => f.lines.some((l) => l >= first && l <= end)).map((f) => f.message).slice(0, 20);
  const what = choice.correlationId ? `correlation id ${choice.correlationId}` : `lines ${first}–${end}`;
  return {
    timeline: {
      operation: `${chosen.length} request(s) to identity endpoints read from ${fileName}, ${what}`,
      startedAt: chosen[0]!.time ?? `line ${first}`,
      totalMs: Math.max(last.startMs, 1),
      attempts,
      final: last.classification,
      ...(notes.length ? { notes } : {}),
    },
    lines,
  };
}
