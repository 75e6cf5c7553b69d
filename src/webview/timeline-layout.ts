// Geometry of the retry timeline, kept apart from the DOM so it can be reasoned about (and tested)
// on its own. One row per attempt: labels sit in fixed columns left and right of the chart, so they
// never overlap whether there is one attempt or twenty; the time axis is linear and its ticks are
// spaced by the available width.
import type { AttemptDecision, Timeline, TimelineAttempt } from '../core/types';

export const ROW_HEIGHT = 28;
export const BAR_HEIGHT = 14;
export const AXIS_HEIGHT = 26;
export const LABEL_WIDTH = 128;
export const DECISION_WIDTH = 150;
export const MIN_BAR_WIDTH = 4;
export const MIN_WIDTH = 420;
const TICK_SPACING = 90;
const CHAR_WIDTH = 6.6;

export type AttemptTone = 'ok' | 'wait' | 'error' | 'network';

export interface AttemptRow {
  attempt: TimelineAttempt;
  y: number;
  barX: number;
  barWidth: number;
  waitX: number;
  waitWidth: number;
  /** Text drawn inside the wait gap, or null when it would not fit. */
  waitLabel: string | null;
  label: string;
  status: string;
  tone: AttemptTone;
  decision: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  chartX: number;
  chartWidth: number;
  endMs: number;
  ticks: { x: number; label: string }[];
  rows: AttemptRow[];
}

/** "850 ms", "2.4 s", "1 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

export function attemptStatus(attempt: TimelineAttempt): string {
  if (attempt.httpStatus !== null) return `HTTP ${attempt.httpStatus}`;
  if (attempt.networkError) return attempt.networkError.length > 14 ? `${attempt.networkError.slice(0, 13)}…` : attempt.networkError;
  return 'no answer';
}

export function attemptTone(attempt: TimelineAttempt): AttemptTone {
  const status = attempt.httpStatus;
  if (status === null) return 'network';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429 || status >= 500 || attempt.classification.category === 'pending') return 'wait';
  return 'error';
}

const DECISION_WORDS: Record<AttemptDecision, string> = { retry: 'retry', wait: 'wait', stop: 'stop', done: 'done' };

export function decisionText(attempt: TimelineAttempt): string {
  const word = DECISION_WORDS[attempt.decision] ?? attempt.decision;
  return attempt.waitMs > 0 && attempt.decision !== 'done' && attempt.decision !== 'stop' ? `${word} after ${formatDuration(attempt.waitMs)}` : word;
}

function niceStep(rangeMs: number, maxTicks: number): number {
  const raw = rangeMs / Math.max(1, maxTicks);
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const factor of [1, 2, 5, 10]) {
    if (magnitude * factor >= raw) return magnitude * factor;
  }
  return magnitude * 10;
}

export function layoutTimeline(timeline: Timeline, availableWidth: number): TimelineLayout {
  const width = Math.max(MIN_WIDTH, Math.floor(availableWidth));
  const chartX = LABEL_WIDTH;
  const chartWidth = width - LABEL_WIDTH - DECISION_WIDTH - 8;
  const ends = timeline.attempts.map((a) => a.startMs + a.durationMs + a.waitMs);
  const endMs = Math.max(1, timeline.totalMs, ...ends);
  const scale = chartWidth / endMs;
  const x = (ms: number): number => chartX + Math.min(chartWidth, Math.max(0, ms * scale));

  const step = niceStep(endMs, Math.floor(chartWidth / TICK_SPACING));
  const ticks: TimelineLayout['ticks'] = [];
  for (let ms = 0; ms <= endMs + step / 1000 && ticks.length < 50; ms += step) {
    ticks.push({ x: x(ms), label: formatDuration(ms) });
  }

  const rows = timeline.attempts.map((attempt, i): AttemptRow => {
    const chartEnd = chartX + chartWidth;
    const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(chartWidth, attempt.durationMs * scale));
    // A very short last attempt still gets its minimum width: pull it left rather than past the edge.
    const barX = Math.min(x(attempt.startMs), chartEnd - barWidth);
    const waitX = barX + barWidth;
    const waitWidth = attempt.waitMs > 0 ? Math.max(0, Math.min(chartEnd - waitX, attempt.waitMs * scale)) : 0;
    const waitText = attempt.retryAfterSeconds !== null ? `Retry-After ${attempt.retryAfterSeconds} s` : `wait ${formatDuration(attempt.waitMs)}`;
    return {
      attempt,
      y: AXIS_HEIGHT + i * ROW_HEIGHT,
      barX,
      barWidth,
      waitX,
      waitWidth,
      waitLabel: waitWidth >= waitText.length * CHAR_WIDTH + 8 ? waitText : null,
      label: `#${attempt.index + 1}`,
      status: attemptStatus(attempt),
      tone: attemptTone(attempt),
      decision: decisionText(attempt),
    };
  });

  return { width, height: AXIS_HEIGHT + rows.length * ROW_HEIGHT + 6, chartX, chartWidth, endMs, ticks, rows };
}
