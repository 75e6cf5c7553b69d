// The scanner's counting and grouping state, with no bytes in sight: codes and error values counted,
// correlation groups with the codes, errors and trace ids that belong to them, device-code polling told
// from failures, and bursts of token requests for one client. The scanner (./scanner) calls it once per
// item it reads; tests drive it directly with lines and values.
import { lookupCode } from '../catalog/index';
import type { BurstWarning, CodeCount, CorrelationGroup, ErrorValueCount, ScanSummary } from '../types';
import { timestampMs } from './patterns';

export interface ScanStateOptions {
  /** Token requests for one client within this run count as a burst (default 8). */
  burstMinRequests?: number;
  /** Largest gap between two requests of one burst, in seconds (default 30). */
  burstMaxGapSeconds?: number;
  /** Without timestamps: largest gap in lines between two requests of one burst (default 40). */
  burstMaxGapLines?: number;
  /** Caps that keep memory flat (defaults: 1000 correlation groups, 1000 tokens, 500 codes/errors, 100 bursts). */
  maxCorrelations?: number;
  maxTokens?: number;
  maxCodes?: number;
  maxErrors?: number;
  maxBursts?: number;
}

const LINES_PER_GROUP = 50;
const IDS_PER_GROUP = 20;
/** How far (in lines) a code or error may sit before the correlation id that explains it. */
const ATTACH_BEFORE_LINES = 15;
/** How far (in lines) continuation lines of a record may follow its correlation id. */
const ATTACH_AFTER_LINES = 20;
const PENDING_CAP = 256;
/**
 * Device-code polling answers (RFC 8628 §3.5): the sign-in is under way on another device. The AADSTS
 * form (70016) is recognised by its catalog category, 'pending'.
 */
export const PENDING_ERRORS: ReadonlySet<string> = new Set(['authorization_pending', 'slow_down']);
/** How far (in lines) a polling answer may follow the token request it answers. */
const POLL_ANSWER_LINES = 10;

export interface PendingItem {
  line: number;
  code?: number;
  error?: string;
  traceId?: string;
  ts: string | null;
}

interface BurstRun {
  key: string;
  count: number;
  /** Requests of `count` that were device-code polls: progress, never a loop. */
  polls: number;
  /** A device-code request opened this run: every token request in it is a poll. */
  deviceFlow: boolean;
  firstLine: number;
  lastLine: number;
  firstMs: number | null;
  lastMs: number | null;
}


/** What the scanner tells the state, item by item. */
export interface ScanState {
  /** A new record starts on `line` (see recordLine). */
  startRecord(line: number): void;
  /** Counts a code; whether it is a device-code polling answer. */
  countCode(code: number, line: number): boolean;
  /** Counts an error value; whether it is a device-code polling answer. */
  countError(error: string, line: number): boolean;
  /** A code, error or trace id: attach to the correlation id on its line, nearby, or keep it pending. */
  relate(item: PendingItem, lineCorrelation: string | null): void;
  /** A correlation id on `line`: its group's key, or null when the group cap is reached. */
  correlationSeen(id: string, line: number, ts: string | null): string | null;
  /** A request to the token endpoint (`poll`: it names the device-code grant) or, with `deviceCode`, to the devicecode endpoint. */
  tokenRequest(key: string, line: number, ts: string | null, poll: boolean, deviceCode: boolean): void;
  /** A device-code polling answer (authorization_pending, slow_down, AADSTS70016) on `line`. */
  pollAnswer(line: number): void;
  addBurst(b: BurstWarning): void;
  addToken(line: number, redacted: string): void;
  /** Closes open bursts and returns the aggregates, with warnings for whatever a cap left out. */
  finish(): Pick<ScanSummary, 'codes' | 'errors' | 'correlations' | 'tokens' | 'bursts' | 'warnings'>;
}

export function createScanState(options: ScanStateOptions = {}): ScanState {
  const burstMin = Math.max(2, options.burstMinRequests ?? 8);
  const burstGapMs = (options.burstMaxGapSeconds ?? 30) * 1000;
  const burstGapLines = options.burstMaxGapLines ?? 40;
  const maxCorrelations = options.maxCorrelations ?? 1000;
  const maxTokens = options.maxTokens ?? 1000;
  const maxCodes = options.maxCodes ?? 500;
  const maxErrors = options.maxErrors ?? 500;
  const maxBursts = options.maxBursts ?? 100;

  const codes = new Map<number, CodeCount>();
  let codesOverflow = 0;
  const errors = new Map<string, ErrorValueCount>();
  let errorsOverflow = 0;
  const groups = new Map<string, CorrelationGroup>();
  let groupsOverflow = 0;
  const tokens: { line: number; redacted: string }[] = [];
  let tokensOverflow = 0;
  const bursts: BurstWarning[] = [];
  let burstsOverflow = 0;
  const runs = new Map<string, BurstRun>();
  // The last PENDING_CAP items not yet tied to a correlation id, oldest first, in a ring (once the
  // group cap is reached nothing clears it, and dropping the oldest must not cost a shift per item).
  const pending: (PendingItem | undefined)[] = new Array<PendingItem | undefined>(PENDING_CAP);
  let pendingHead = 0;
  let pendingCount = 0;
  let current: { id: string; line: number; record: number } | null = null;
  /**
   * First line of the current record: a line that does not start with whitespace or a closing
   * bracket (those continue a multi-line exception or JSON body). Codes, errors and ids are only
   * related across lines inside one record, so a failure is not pinned on a neighbour's id.
   */
  let recordLine = 0;

  function groupFor(key: string, line: number, ts: string | null): CorrelationGroup | null {
    let g = groups.get(key);
    if (!g) {
      if (groups.size >= maxCorrelations) {
        groupsOverflow++;
        return null;
      }
      g = { correlationId: key, lines: [], codes: [], errors: [], traceIds: [], firstTimestamp: null, lastTimestamp: null };
      groups.set(key, g);
    }
    addLine(g, line, ts);
    return g;
  }

  function addLine(g: CorrelationGroup, line: number, ts: string | null): void {
    if (g.lines[g.lines.length - 1] !== line && g.lines.length < LINES_PER_GROUP) g.lines.push(line);
    if (ts) {
      if (!g.firstTimestamp) g.firstTimestamp = ts;
      g.lastTimestamp = ts;
    }
  }

  function attach(g: CorrelationGroup, item: PendingItem): void {
    addLine(g, item.line, item.ts);
    if (item.code !== undefined && !g.codes.includes(item.code) && g.codes.length < IDS_PER_GROUP) g.codes.push(item.code);
    if (item.error !== undefined && !g.errors.includes(item.error) && g.errors.length < IDS_PER_GROUP) g.errors.push(item.error);
    if (item.traceId !== undefined && !g.traceIds.includes(item.traceId) && g.traceIds.length < IDS_PER_GROUP) g.traceIds.push(item.traceId);
  }

  function lineSorted(g: CorrelationGroup): void {
    g.lines = [...new Set(g.lines)].sort((a, b) => a - b);
  }

  /** A code, error or trace id: attach to the correlation id on its line, nearby, or keep it pending. */
  function relate(item: PendingItem, lineCorrelation: string | null): void {
    if (lineCorrelation) {
      const g = groups.get(lineCorrelation);
      if (g) attach(g, item);
      return;
    }
    if (current && current.record === recordLine && item.line - current.line <= ATTACH_AFTER_LINES) {
      const g = groups.get(current.id);
      if (g) attach(g, item);
      return;
    }
    if (pendingCount === PENDING_CAP) {
      pendingHead = (pendingHead + 1) % PENDING_CAP;
      pendingCount--;
    }
    pending[(pendingHead + pendingCount) % PENDING_CAP] = item;
    pendingCount++;
  }

  function correlationSeen(id: string, line: number, ts: string | null): string | null {
    const g = groupFor(id, line, ts);
    if (!g) return null;
    const key = g.correlationId;
    if (pendingCount) {
      const from = Math.max(recordLine, line - ATTACH_BEFORE_LINES);
      for (let k = 0; k < pendingCount; k++) {
        const item = pending[(pendingHead + k) % PENDING_CAP]!;
        if (item.line >= from) attach(g, item);
      }
      pending.fill(undefined);
      pendingHead = 0;
      pendingCount = 0;
      lineSorted(g);
    }
    current = { id: key, line, record: recordLine };
    return key;
  }

  /** Counts a code; whether it is a device-code polling answer. */
  function countCode(code: number, line: number): boolean {
    const c = codes.get(code);
    if (c) {
      c.count++;
      c.lastLine = line;
      return c.category === 'pending';
    }
    const entry = lookupCode(code);
    if (codes.size >= maxCodes) {
      codesOverflow++;
      return entry?.category === 'pending';
    }
    codes.set(code, { code, count: 1, firstLine: line, lastLine: line, name: entry?.name ?? null, category: entry?.category ?? 'unknown' });
    return entry?.category === 'pending';
  }

  /** Counts an error value; whether it is a device-code polling answer (read off its entry: no second lookup). */
  function countError(error: string, line: number): boolean {
    const e = errors.get(error);
    if (e) {
      e.count++;
      e.lastLine = line;
      return e.pending === true;
    }
    const pending = PENDING_ERRORS.has(error);
    if (errors.size >= maxErrors) errorsOverflow++;
    else errors.set(error, { error, count: 1, firstLine: line, lastLine: line, pending });
    return pending;
  }

  function addBurst(b: BurstWarning): void {
    if (bursts.length >= maxBursts) burstsOverflow++;
    else bursts.push(b);
  }

  function closeRun(run: BurstRun): void {
    // Device-code polls come every few seconds by design: only the other requests can make a loop.
    const requests = run.count - run.polls;
    if (requests < burstMin) return;
    const windowSeconds = run.firstMs !== null && run.lastMs !== null ? Math.max(0, Math.round((run.lastMs - run.firstMs) / 1000)) : 0;
    const span = run.firstMs !== null ? `within ${windowSeconds} s` : `within ${run.lastLine - run.firstLine + 1} lines`;
    addBurst({
      firstLine: run.firstLine,
      lastLine: run.lastLine,
      requests,
      windowSeconds,
      message:
        `${requests} token requests ${run.key ? `for ${run.key} ` : ''}${span} (lines ${run.firstLine}–${run.lastLine}${run.polls ? `; ${run.polls} device-code poll(s) not counted` : ''}): this looks like a loop. ` +
        'Reuse tokens from the MSAL cache until they expire instead of requesting new ones; Entra answers loops with AADSTS50196 and throttling.',
    });
  }

  /** The last token request, so a polling answer on the lines after it marks it as a poll. */
  let lastRequest: { run: BurstRun; line: number; poll: boolean } | null = null;

  /** Line of the last polling answer: one written before the endpoint on its line still marks the request. */
  let lastAnswerLine = -1;

  /** A device-code polling answer (authorization_pending, slow_down, AADSTS70016) on `line`. */
  function pollAnswer(line: number): void {
    lastAnswerLine = line;
    const r = lastRequest;
    if (!r || r.poll || line - r.line > POLL_ANSWER_LINES) return;
    r.poll = true;
    r.run.polls++;
  }

  let lastTsText: string | null = null;
  let lastTsMs: number | null = null;

  /**
   * A request to the token endpoint (`poll`: it names the device-code grant) or, with `deviceCode`,
   * to the devicecode endpoint, which starts a sign-in whose token requests are all polls.
   */
  function tokenRequest(key: string, line: number, ts: string | null, poll: boolean, deviceCode: boolean): void {
    if (ts !== lastTsText) {
      lastTsText = ts;
      lastTsMs = ts ? timestampMs(ts) : null;
    }
    const ms = lastTsMs;
    let run = runs.get(key);
    const close =
      run !== undefined &&
      (ms !== null && run.lastMs !== null ? ms - run.lastMs <= burstGapMs && ms >= run.lastMs - 1000 : line - run.lastLine <= burstGapLines);
    if (run && close) {
      run.lastLine = line;
      if (ms !== null) run.lastMs = ms;
    } else {
      if (run) closeRun(run);
      // Only a few clients matter; an unbounded set of keys would grow with the file.
      else if (runs.size >= 64) {
        const oldest = runs.keys().next().value;
        if (oldest !== undefined) {
          closeRun(runs.get(oldest)!);
          runs.delete(oldest);
        }
      }
      run = { key, count: 0, polls: 0, deviceFlow: false, firstLine: line, lastLine: line, firstMs: ms, lastMs: ms };
      runs.set(key, run);
    }
    if (deviceCode) {
      run.deviceFlow = true;
      return;
    }
    run.count++;
    const isPoll = poll || run.deviceFlow || lastAnswerLine === line;
    if (isPoll) run.polls++;
    lastRequest = { run, line, poll: isPoll };
  }

  function addToken(line: number, redacted: string): void {
    if (tokens.length < maxTokens) tokens.push({ line, redacted });
    else tokensOverflow++;
  }

  function finish(): ReturnType<ScanState['finish']> {
    for (const run of runs.values()) closeRun(run);
    runs.clear();
    const warnings: string[] = [];
    if (groupsOverflow > 0) warnings.push(`More than ${maxCorrelations} correlation IDs: ${groupsOverflow} further mention(s) were counted but not grouped.`);
    if (tokensOverflow > 0) warnings.push(`${tokensOverflow} more token(s) were found than are listed.`);
    if (codesOverflow > 0) warnings.push(`${codesOverflow} mention(s) of further AADSTS codes were not counted (over ${maxCodes} distinct codes).`);
    if (errorsOverflow > 0) warnings.push(`${errorsOverflow} mention(s) of further error values were not counted (over ${maxErrors} distinct values).`);
    if (burstsOverflow > 0) warnings.push(`${burstsOverflow} further burst warning(s) were not listed.`);
    for (const g of groups.values()) {
      lineSorted(g);
      g.pending = (g.codes.length > 0 || g.errors.length > 0) && g.codes.every((c) => codes.get(c)?.category === 'pending') && g.errors.every((e) => PENDING_ERRORS.has(e));
    }
    return {
      codes: [...codes.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine),
      errors: [...errors.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine),
      correlations: [...groups.values()],
      tokens,
      bursts: bursts.sort((a, b) => a.firstLine - b.firstLine),
      warnings,
    };
  }

  return {
    startRecord(line) {
      recordLine = line;
    },
    countCode,
    countError,
    relate,
    correlationSeen,
    tokenRequest,
    pollAnswer,
    addBurst,
    addToken,
    finish,
  };
}
