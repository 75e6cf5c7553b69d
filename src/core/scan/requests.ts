// Token-endpoint interactions read back from an application's log: which requests went out and what each
// got back; ./request-verdicts judges them once the log is read (outcomes, waits, the patterns across
// them). The scanner hands this reader the lines it reads anyway (those with a pre-filter hit) and,
// while a request waits for its answer on later lines, the lines after it; ./dialects says what each
// line means.
import type { LogRequest, RequestFlag } from '../types';
import { authorityOfUrl, endpointOfUrl, readLine, type LineEvent } from './dialects/index';
import { managedIdentityMessage } from './managed-identity';
import { judgeRequests, type RequestTiming } from './request-verdicts';
import { timestampMs } from './patterns';

export interface RequestReaderOptions {
  /** Requests reconstructed (default 2000); later lines naming an identity endpoint are only counted, in a warning. */
  maxRequests?: number;
  /** Requests to one authority with gaps under burstMaxGapSeconds that make a loop (default 8). */
  burstMinRequests?: number;
  burstMaxGapSeconds?: number;
}

export interface RequestReader {
  /**
   * One line: `ownTime` is a time written at the line's start (null when it has none), `lastTime` the
   * latest time seen above it. Called for lines with a pre-filter hit and for every line while
   * following() is true. Returns what the dialects read on the line (valid until the next call), so
   * the scanner can count an error value or correlation id only a dialect recognises.
   */
  line(line: number, text: string, ownTime: string | null, lastTime: string | null): LineEvent | null;
  /** Whether the lines after `line` belong to a request still waiting for its answer. */
  following(line: number): boolean;
  /** Whether a failure text on `line` may belong to the last request (it is a few lines above). */
  near(line: number): boolean;
  /** Whether one of the last few requests failed and still lacks its AADSTS codes (a failure text far below may name it). */
  awaitsCodes(): boolean;
  /** False once the cap is reached: the scanner then stops handing lines over. */
  accepting(): boolean;
  /** A line naming an identity endpoint after the cap: counted for the warning. */
  countDropped(): void;
  finish(): { requests: LogRequest[]; flags: RequestFlag[]; warnings: string[] };
}

/** How many lines an answer may trail its request (azure-core's headers are a dozen lines). */
const ANSWER_LINES = 40;
/** Unrelated records in a row after which an awaited answer is taken as not logged. */
const FOLLOW_IDLE_RECORDS = 3;
/** How many lines a failure text ("Refresh failed. invalid_grant: …") may trail its request. */
const ERROR_LINES = 6;
const LINES_PER_REQUEST = 8;
/**
 * Requests looked back at for a failure text that names one by its correlation id: an app or a tool
 * often reports the error only after a stack trace (the Azure CLI's `ERROR: AADSTS… Correlation ID: …`
 * comes some thirty lines below MSAL's request line).
 */
const RECENT_REQUESTS = 8;
const AADSTS_RE = /AADSTS(\d{1,9})(?!\d)/g;
const ERROR_RE = /\berror["']?\s{0,4}[:=]\s{0,4}["']?([a-z][a-z0-9]{1,30}(?:_[a-z0-9]{1,30}){1,6})(?![A-Za-z0-9_])/;
const SUBERROR_RE = /\bsuberror["']?\s{0,4}[:=]\s{0,4}["']?([a-z][a-z0-9_]{1,40})/;

interface Open extends RequestTiming {
  req: LogRequest;
  /** The answer's status was read; the request stops being followed at the next line outside its answer. */
  answered: boolean;
  follow: boolean;
  /** Records in a row, since the last line that said anything about it, while its answer is awaited. */
  idle: number;
}

function msOf(ts: string | null): { ms: number | null; precise: boolean } {
  if (!ts) return { ms: null, precise: false };
  return { ms: timestampMs(ts), precise: /\d{2}:\d{2}:\d{2}[.,]\d/.test(ts) };
}

export function createRequestReader(options: RequestReaderOptions = {}): RequestReader {
  const maxRequests = options.maxRequests ?? 2000;
  const burstMin = Math.max(2, options.burstMinRequests ?? 8);
  const burstGapMs = (options.burstMaxGapSeconds ?? 30) * 1000;
  const requests: LogRequest[] = [];
  /** Per kept request, its times (a Date header read after the request line may set them). */
  const meta: Open[] = [];
  let dropped = 0;
  let open: Open | null = null;
  /** A network request line (urllib3, azure-core, msal-js) was seen: MSAL's failure lines can then be told apart from cache answers. */
  let networkLogged = false;
  let silentSince = -1;
  let nextCorrelation: string | null = null;
  /** Authorities whose last devicecode request opened a device-code sign-in: their token requests are polls. */
  const deviceFlows = new Set<string>();
  const interactiveLines: number[] = [];
  /** msal-browser's last interactive call (popup, redirect) and the authority of the OpenID configuration it fetched. */
  let interactiveCall: string | null = null;
  let msalAuthority: string | null = null;

  function add(req: LogRequest, time: { ms: number | null; precise: boolean }): Open {
    const o: Open = { req, ms: time.ms, precise: time.precise, answered: req.status !== null, follow: false, idle: 0, message: null };
    requests.push(req);
    meta.push(o);
    return o;
  }

  function touch(o: Open, line: number): void {
    const lines = o.req.lines;
    if (lines[lines.length - 1] !== line && lines.length < LINES_PER_REQUEST) lines.push(line);
  }

  function readFailure(o: Open, text: string): void {
    // A request answered with success has no failure: an error below it belongs to something else
    // (an API's 401 after the token was used).
    if (o.req.status !== null && o.req.status < 300) return;
    AADSTS_RE.lastIndex = 0;
    for (let m = AADSTS_RE.exec(text); m; m = AADSTS_RE.exec(text)) {
      const code = Number(m[1]);
      if (!o.req.aadsts.includes(code) && o.req.aadsts.length < 8) o.req.aadsts.push(code);
    }
    if (!o.req.error) o.req.error = ERROR_RE.exec(text)?.[1] ?? null;
    if (!o.req.suberror) o.req.suberror = SUBERROR_RE.exec(text)?.[1] ?? null;
    if (o.req.endpoint === 'managed_identity') o.message ??= managedIdentityMessage(text);
  }

  /**
   * How many lines after its request a failure text may still belong to it: a few, or for a failed
   * managed-identity request still unexplained, as far as its answer may trail (the SDKs quote the
   * endpoint's message in their own error lines, after azure-core's record).
   */
  function failureLines(o: Open): number {
    const unexplained = o.message === null || o.req.error === null;
    return o.req.endpoint === 'managed_identity' && o.req.status !== null && o.req.status >= 400 && unexplained ? ANSWER_LINES : ERROR_LINES;
  }

  /** A failed request (or one whose answer is not logged) that has a correlation id and no codes yet. */
  function codeless(r: LogRequest): boolean {
    return r.aadsts.length === 0 && r.correlationId !== null && !(r.status !== null && r.status < 300);
  }

  function awaitsCodes(): boolean {
    if (requests.length >= maxRequests) return false;
    for (let i = requests.length - 1; i >= 0 && i >= requests.length - RECENT_REQUESTS; i--) if (codeless(requests[i]!)) return true;
    return false;
  }

  /** A failure text naming one of the last few requests by its correlation id is that request's answer. */
  function readFailureByCorrelation(lineNo: number, text: string): void {
    let lower: string | null = null;
    for (let i = meta.length - 1; i >= 0 && i >= meta.length - RECENT_REQUESTS; i--) {
      const o = meta[i]!;
      if (!codeless(o.req)) continue;
      lower ??= text.toLowerCase();
      if (!lower.includes(o.req.correlationId!)) continue;
      readFailure(o, text);
      touch(o, lineNo);
      return;
    }
  }

  function newRequest(line: number, ev: LineEvent, endpoint: LogRequest['endpoint'], ownTime: string | null, lastTime: string | null): Open {
    const authority = ev.url ? authorityOfUrl(ev.url) : null;
    // Chromium's console lines carry no time, and the times around them are on lines the scanner need not
    // read: the last time it saw may be from long before.
    const time = ownTime ?? ev.time ?? (ev.dialect === 'browser-console' ? null : lastTime);
    const key = authority ?? '';
    if (endpoint === 'devicecode') deviceFlows.add(key);
    let grant: string | null = null;
    if (endpoint === 'token') {
      if (deviceFlows.has(key)) grant = 'device_code';
      else if (silentSince >= 0 && line - silentSince <= ANSWER_LINES) grant = 'refresh_token';
    }
    const correlationId = ev.correlationId ?? nextCorrelation;
    nextCorrelation = null;
    return add(
      {
        line,
        lines: [line],
        time,
        correlationId,
        requestId: ev.requestId,
        endpoint,
        method: ev.method,
        authority,
        grant,
        status: ev.status,
        error: ev.error,
        suberror: null,
        aadsts: [],
        retryAfterSeconds: ev.retryAfterSeconds,
        waitBeforeMs: null,
        outcome: 'unknown',
        category: null,
        source: 'network',
        dialect: ev.dialect ?? 'text',
      },
      msOf(time),
    );
  }

  let lastEvent: LineEvent | null = null;

  function line(lineNo: number, text: string, ownTime: string | null, lastTime: string | null): LineEvent | null {
    lastEvent = null;
    readRequestLine(lineNo, text, ownTime, lastTime);
    return lastEvent;
  }

  function readRequestLine(lineNo: number, text: string, ownTime: string | null, lastTime: string | null): void {
    if (requests.length >= maxRequests) {
      // Memory stays flat: past the cap, lines naming an identity endpoint are only counted.
      open = null;
      return;
    }
    const ev = readLine(text);
    lastEvent = ev;
    const o = open;
    if (o && o.follow && (!ev || (!ev.responsePart && ev.retryAfterSeconds === null && ev.requestId === null && ev.time === null && ev.url === null && ev.status === null && ev.method === null))) {
      // The first record outside the answer ends it; before the answer, a few unrelated records may
      // come between (a .NET console logger's category line, another thread), more mean it was not logged.
      const c = text.charCodeAt(0);
      if (!(c === 0x20 || c === 0x09 || c === 0x7d) && (o.answered || ++o.idle > FOLLOW_IDLE_RECORDS)) o.follow = false;
    } else if (o) o.idle = 0;
    if (text.includes('AADSTS')) readFailureByCorrelation(lineNo, text);
    if (!ev) {
      if (o && lineNo - o.req.line <= failureLines(o) && (text.includes('AADSTS') || text.includes('rror'))) {
        readFailure(o, text);
        touch(o, lineNo);
      }
      return;
    }
    if (ev.nextCorrelationId) nextCorrelation = ev.nextCorrelationId;
    if (ev.silent) silentSince = lineNo;
    if (ev.interactive) {
      interactiveLines.push(lineNo);
      interactiveCall = ev.correlationId;
    }
    if (ev.url) {
      const endpoint = endpointOfUrl(ev.url);
      if (!endpoint) {
        // Another service's request (azure-core logs every call): what follows is its answer, not ours.
        if (ev.dialect?.startsWith('azure-core') || ev.dialect?.endsWith('-net')) open = null;
        return;
      }
      networkLogged = true;
      if (endpoint === 'discovery' && ev.dialect === 'msal-js') msalAuthority = authorityOfUrl(ev.url);
      // The same request logged by two layers (msal-node's "Sending token request" and azure-core's
      // record; azure-core's policy and urllib3): one request, read from both.
      // (msal-browser's line and the browser's own for its failed fetch carry the same correlation id.)
      const otherCall = ev.dialect === 'browser-console' && o?.req.correlationId && ev.correlationId && o.req.correlationId !== ev.correlationId;
      if (o && !o.answered && o.req.endpoint === endpoint && o.req.dialect !== ev.dialect && lineNo - o.req.line <= ANSWER_LINES && !otherCall) {
        touch(o, lineNo);
        o.req.method ??= ev.method;
        o.req.correlationId ??= ev.correlationId;
        if (ev.status !== null) {
          o.req.status = ev.status;
          o.answered = true;
        }
        o.req.dialect = ev.dialect ?? o.req.dialect;
        o.follow ||= ev.awaitsResponse;
        return;
      }
      const next = newRequest(lineNo, ev, endpoint, ownTime, lastTime);
      next.follow = ev.awaitsResponse;
      readFailure(next, text);
      open = next;
      return;
    }
    if (ev.tokenGrant || (ev.stored && !(o && o.req.endpoint === 'token' && o.req.correlationId === ev.correlationId))) {
      // msal-browser names no URL: a request goes out after its "returning refresh token" or "auth code client
      // created" line (the browser's line for a failed fetch is merged above); a stored answer with no such
      // line before it is a popup's or redirect's code redemption.
      open = newRequest(lineNo, ev, 'token', ownTime, lastTime);
      open.req.grant = ev.tokenGrant ?? (ev.correlationId !== null && ev.correlationId === interactiveCall ? 'authorization_code' : null);
      open.req.method = 'POST';
      open.req.authority = msalAuthority;
      if (ev.stored) open.req.outcome = open.req.category = 'success';
      return;
    }
    if (ev.dialect === 'msal-dotnet' && ev.status !== null && (!o || lineNo - o.req.line > ANSWER_LINES || (o.answered && o.req.status !== ev.status))) {
      // MSAL.NET writes a failed answer's status with no request line of its own: the request it answers.
      open = newRequest(lineNo, ev, 'token', ownTime, lastTime);
      open.req.method = 'POST';
      readFailure(open, text);
      return;
    }
    if (!o) {
      if (ev.fromCache) {
        const req = newRequest(lineNo, ev, 'token', ownTime, lastTime);
        req.req.grant = 'refresh_token';
        readFailure(req, text);
        open = req;
      }
      return;
    }
    const near = lineNo - o.req.line <= ANSWER_LINES;
    if (ev.fromCache && (!networkLogged || o.req.error !== null || lineNo - o.req.line > ERROR_LINES)) {
      // MSAL Python's "Refresh failed" right after the request line is that request's answer. Without a
      // request line before it, in a log that has them, MSAL answered from its own memory (its HTTP
      // cache holds a failed refresh back); in a log without them, it is the only sign of the request.
      const req = newRequest(lineNo, ev, 'token', ownTime, lastTime);
      if (networkLogged) req.req.source = 'cache';
      req.req.grant = 'refresh_token';
      readFailure(req, text);
      open = req;
      return;
    }
    if (ev.fromCache) o.req.grant ??= 'refresh_token';
    if (!near) return;
    touch(o, lineNo);
    if (ev.status !== null && !o.answered) {
      o.req.status = ev.status;
      o.answered = true;
    } else if (ev.status !== null && o.answered && ev.dialect === 'msal-dotnet' && o.req.dialect !== 'msal-dotnet') {
      // MSAL.NET repeats the status of the answer already read from the HTTP layer.
    }
    if (ev.method) o.req.method ??= ev.method;
    if (ev.retryAfterSeconds !== null) o.req.retryAfterSeconds ??= ev.retryAfterSeconds;
    if (ev.requestId) o.req.requestId ??= ev.requestId;
    if (ev.correlationId) o.req.correlationId ??= ev.correlationId;
    if (ev.time && o.req.time === null) {
      o.req.time = ev.time;
      const t = msOf(ev.time);
      o.ms = t.ms;
      o.precise = t.precise;
    }
    readFailure(o, text);
    if (ev.error && !(o.req.status !== null && o.req.status < 300)) {
      o.req.error ??= ev.error;
      o.req.suberror ??= ev.suberror;
    }
    if (ev.stored && o.req.status === null && !o.req.error && (ev.correlationId === null || ev.correlationId === o.req.correlationId)) {
      // msal-browser stored the answer's tokens: a success, though no status was logged.
      o.req.outcome = 'success';
      o.req.category = 'success';
    }
  }

  function following(lineNo: number): boolean {
    const o = open;
    return o !== null && o.follow && lineNo - o.req.line < ANSWER_LINES;
  }

  function finish(): ReturnType<RequestReader['finish']> {
    const flags = judgeRequests(requests, meta, interactiveLines, { burstMin, burstGapMs });
    const warnings = dropped > 0 ? [`Only the first ${maxRequests} token requests were reconstructed; ${dropped} further line(s) naming an identity endpoint were counted but not read.`] : [];
    return { requests, flags, warnings };
  }

  function near(lineNo: number): boolean {
    return open !== null && lineNo - open.req.line <= failureLines(open) && requests.length < maxRequests;
  }

  return {
    line,
    following,
    near,
    awaitsCodes,
    accepting: () => requests.length < maxRequests,
    countDropped: () => {
      dropped++;
      open = null;
    },
    finish,
  };
}
