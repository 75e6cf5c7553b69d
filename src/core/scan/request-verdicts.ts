// What the requests read from a log (./requests) add up to, judged once the whole log is read: each
// request's outcome and category, the waits between requests to one authority, and the patterns across
// them (a retry sooner than Retry-After, a loop, a silent failure never followed by interaction).
import { classifyResponse } from '../classify/index';
import { lookupCode } from '../catalog/index';
import type { Category, LogRequest, RequestFlag } from '../types';
import { managedIdentityCategory } from './managed-identity';

/** What the reader knows about a request beyond the record itself. */
export interface RequestTiming {
  /** Milliseconds of the request's time, and whether that time has sub-second precision. */
  ms: number | null;
  precise: boolean;
  /** A managed-identity endpoint's own message about a failure (IMDS's "Identity not found"), when quoted. */
  message: string | null;
}

const PENDING_ERRORS = new Set(['authorization_pending', 'slow_down']);
const INTERACTION_CATEGORIES: ReadonlySet<Category> = new Set(['interaction_required', 'claims_challenge', 'consent_required', 'expired_grant']);

/**
 * Sets each request's outcome, category and wait, and returns the flags across them, in line order.
 * `meta[i]` belongs to `requests[i]`; `interactiveLines` are the lines where the app asked for a user.
 */
export function judgeRequests(
  requests: LogRequest[],
  meta: readonly RequestTiming[],
  interactiveLines: readonly number[],
  loops: { burstMin: number; burstGapMs: number },
): RequestFlag[] {
  heldBack(requests);
  classifyAll(requests, meta);
  const flags = waitsAndFlags(requests, meta, loops.burstMin, loops.burstGapMs);
  silentFallback(requests, interactiveLines, flags);
  return flags.sort((a, b) => a.line - b.line);
}

function classifyAll(requests: LogRequest[], meta: readonly RequestTiming[]): void {
  const memo = new Map<string, Category>();
  requests.forEach((r, i) => {
    const codes = r.aadsts;
    const pendingCode = codes.some((c) => lookupCode(c)?.category === 'pending');
    if (r.status !== null && r.status >= 200 && r.status < 300) {
      r.outcome = 'success';
      r.category = 'success';
    } else if ((r.error && PENDING_ERRORS.has(r.error)) || pendingCode || (r.grant === 'device_code' && r.status === 400 && !r.error && codes.length === 0)) {
      // A device-code poll before the user finished: progress (RFC 8628 §3.5).
      r.outcome = 'pending';
      r.category = 'pending';
    } else if (r.endpoint === 'managed_identity' && (meta[i]!.message !== null || (!r.error && codes.length === 0)) && managedIdentityCategory(r.status, meta[i]!.message)) {
      // The endpoint's own message, or its status when the log shows no more (./managed-identity).
      const category = managedIdentityCategory(r.status, meta[i]!.message)!;
      r.category = category;
      r.outcome = category === 'throttled' || r.status === 429 ? 'throttled' : 'failure';
    } else if (r.status !== null || r.error || codes.length) {
      const key = `${r.status}|${r.error}|${r.suberror}|${codes.join(',')}|${r.retryAfterSeconds}|${r.grant}`;
      let category = memo.get(key);
      if (!category) {
        const body = JSON.stringify({ ...(r.error ? { error: r.error } : {}), ...(codes.length ? { error_codes: codes } : {}), ...(r.suberror ? { suberror: r.suberror } : {}) });
        const headers: Record<string, string> = r.retryAfterSeconds !== null ? { 'retry-after': String(r.retryAfterSeconds) } : {};
        category = classifyResponse({ status: r.status, headers, body }, new Date(0), { grant: r.grant ?? undefined }).category;
        memo.set(key, category);
      }
      r.category = category;
      r.outcome = category === 'throttled' || r.status === 429 ? 'throttled' : 'failure';
    }
  });
}

function waitsAndFlags(requests: LogRequest[], meta: readonly RequestTiming[], burstMin: number, burstGapMs: number): RequestFlag[] {
  const flags: RequestFlag[] = [];
  const last = new Map<string, number>();
  const runs = new Map<string, number[]>();
  const closeRun = (key: string): void => {
    const run = runs.get(key);
    runs.delete(key);
    if (!run || run.length < burstMin) return;
    const first = requests[run[0]!]!;
    const end = requests[run[run.length - 1]!]!;
    flags.push({
      kind: 'request_loop',
      line: first.line,
      lines: run.map((i) => requests[i]!.line).slice(0, 20),
      message: `${run.length} token requests to ${key || 'the same authority'} between lines ${first.line} and ${end.line}, each within ${burstGapMs / 1000} s of the one before: the app is asking again instead of reusing the token it got. Keep one MSAL app object and let it serve tokens from its cache; Entra answers loops with AADSTS50196 and throttling.`,
    });
  };
  requests.forEach((r, i) => {
    if (r.source !== 'network') return;
    const key = r.authority ?? '';
    const prevIndex = last.get(key);
    last.set(key, i);
    const prev = prevIndex === undefined ? undefined : requests[prevIndex];
    const mine = meta[i]!;
    const theirs = prevIndex === undefined ? undefined : meta[prevIndex];
    if (prev && mine.ms !== null && theirs && theirs.ms !== null) r.waitBeforeMs = mine.ms - theirs.ms;
    // Loops: token requests that are not device-code polls, close together.
    if (r.endpoint === 'token' && r.outcome !== 'pending') {
      const run = runs.get(key);
      const lastOfRun = run ? requests[run[run.length - 1]!] : undefined;
      if (run && lastOfRun && r.waitBeforeMs !== null && r.waitBeforeMs <= burstGapMs && prev === lastOfRun) run.push(i);
      else {
        closeRun(key);
        runs.set(key, [i]);
      }
    }
    if (prev && prev.retryAfterSeconds !== null && r.waitBeforeMs !== null && r.endpoint === prev.endpoint) {
      // A time without fractions of a second may be off by up to one second each way.
      const slack = mine.precise && theirs!.precise ? 50 : 1000;
      if (r.waitBeforeMs + slack < prev.retryAfterSeconds * 1000) {
        flags.push({
          kind: 'retry_after_ignored',
          line: r.line,
          lines: [prev.line, r.line],
          message: `Line ${r.line}: the request went out ${(r.waitBeforeMs / 1000).toFixed(1)} s after the answer on line ${prev.line}, which asked for ${prev.retryAfterSeconds} s (Retry-After). Wait at least that long before retrying; requests sent sooner are refused and extend the throttling.`,
        });
      }
    }
  });
  for (const key of [...runs.keys()]) closeRun(key);
  return flags;
}

function silentFallback(requests: readonly LogRequest[], interactiveLines: readonly number[], flags: RequestFlag[]): void {
  const failed = requests.filter((r) => r.grant === 'refresh_token' && r.category !== null && INTERACTION_CATEGORIES.has(r.category));
  if (failed.length === 0) return;
  const first = failed[0]!;
  const interactiveAfter =
    interactiveLines.some((l) => l > first.line) ||
    requests.some((r) => r.line > first.line && (r.endpoint === 'authorize' || r.endpoint === 'devicecode' || r.grant === 'authorization_code' || r.grant === 'device_code'));
  if (interactiveAfter) return;
  flags.push({
    kind: 'no_interactive_fallback',
    line: first.line,
    lines: failed.map((r) => r.line).slice(0, 20),
    message: `Line ${first.line}: a silent token request failed because the user must sign in again (${first.error ?? 'error'}${first.aadsts.length ? `, AADSTS${first.aadsts[0]}` : ''})${failed.length > 1 ? `, and ${failed.length - 1} more silent attempt(s) failed the same way` : ''}, but the log shows no interactive sign-in afterwards. Catch the interaction-required error and call the interactive method (or device code) instead of retrying silently.`,
  });
}

/**
 * msal-node writes "Sending token request" before its own throttling check, so in a log where
 * azure-core also records every request (Azure Identity for JavaScript), a "Sending" line with no
 * record after it is a request msal-node held back.
 */
function heldBack(requests: readonly LogRequest[]): void {
  if (requests.some((r) => r.dialect === 'azure-core-js')) for (const r of requests) if (r.dialect === 'msal-js' && r.status === null) r.source = 'cache';
  // msal-browser logs "returning refresh token" before its throttling check as well: in a console that
  // shows the browser's lines for failed fetches, a request with neither such a line nor a stored
  // answer was held back by msal-browser (or never answered: a fetch blocked before any status).
  if (requests.some((r) => r.dialect === 'browser-console')) {
    for (const r of requests) if (r.dialect === 'msal-js' && r.grant !== null && r.status === null && r.outcome !== 'success') r.source = 'cache';
  }
}
