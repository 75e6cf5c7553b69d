// The incremental log scanner. Text arrives in chunks of any size; complete lines are scanned as one
// block and the unfinished last line is carried into the next chunk, so a match that straddles a chunk
// edge is found exactly as if the text had come in one piece.
//
// Speed: a pre-filter (./hits: a WebAssembly SIMD kernel, or a regex where WebAssembly is not allowed)
// lists where the literals of interest start in a block, with the line each is on, counting newlines
// on the way. The block stays bytes: prose mentions ("error rate", "stack trace") are dropped on the
// bytes, and only a line with a real candidate becomes a latin1 string (one char per byte), on which
// anchored, bounded regexes run. Memory is bounded: every list is capped.
import { lookupCode } from '../catalog/index';
import type { BurstWarning, CodeCount, CorrelationGroup, ErrorValueCount, ScanFinding, ScanSummary } from '../types';
import { TOKEN_MARKER } from '../redact';
import {
  CLIENT_ID_RE,
  CORRELATION_RE,
  isWordByte as isWordByteShared,
  jwtExtent,
  REQUEST_ID_RE,
  TIMESTAMP_RE,
  timestampMs,
  TOKEN_ENDPOINT_RE,
  TRACE_RE,
} from './patterns';
import { type BlockStats, type BlockView, findHitsJs, Hit, HIT_LENGTH, HIT_STRIDE, type HitFinder } from './hits';
import { createSimdHitFinder } from './simd';

// Module-local copies of the hit kinds: read through another module's exports (a getter or a live
// binding when the code runs unbundled, as under tsx or vitest), each hit would pay a lookup.
const H_AADSTS = Hit.Aadsts;
const H_ERROR = Hit.Error;
const H_JWT = Hit.Jwt;
const H_CORRELATION = Hit.Correlation;
const H_TRACE = Hit.Trace;
const H_REQUEST_ID = Hit.RequestId;
const H_TOKEN_ENDPOINT = Hit.TokenEndpoint;
const LENGTH_OF: readonly number[] = HIT_LENGTH;
const STRIDE = HIT_STRIDE;
// The same reason for the byte test called on every `error` hit.
const isWordByte = isWordByteShared;

export interface ScanOptions {
  /** Called for every finding, in file order (the summary keeps only aggregates). */
  onFinding?: (finding: ScanFinding) => void;
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
  /** A line with no newline longer than this is scanned in pieces (default 1 MiB). */
  maxLineBytes?: number;
  /**
   * Offset in the input of the first byte pushed, added to every finding's offset: a reader that
   * skipped a UTF-8 byte-order mark passes 3, so offsets stay offsets in the file.
   */
  startOffset?: number;
}

export interface Scanner {
  push(chunk: Uint8Array | string): void;
  end(): ScanSummary;
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
const PENDING_ERRORS: ReadonlySet<string> = new Set(['authorization_pending', 'slow_down']);
/** How far (in lines) a polling answer may follow the token request it answers. */
const POLL_ANSWER_LINES = 10;
const DEVICE_CODE_ENDPOINT_RE = /oauth2\/(?:v2\.0\/)?devicecode(?![A-Za-z0-9_])/y;
const TS_HEAD = 128;
const TIMESTAMP_AT = new RegExp(TIMESTAMP_RE.source, 'y');
const LINE_INSPECT = 4096;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** [a-z0-9] by byte: a table read is cheaper than two range tests in the loop over a value. */
const LOWER_ALNUM = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) LOWER_ALNUM[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) LOWER_ALNUM[c] = 1;

/** At `i`: an optional `"`, `'`, `\"` or `\'`; where it ends. */
function skipQuote(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 0x22 || c === 0x27) return i + 1;
  if (c === 0x5c && (b[i + 1] === 0x22 || b[i + 1] === 0x27)) return i + 2;
  return i;
}

/** At `i`: at most four spaces or tabs; where they end. */
function skipBlanks(b: Uint8Array, i: number): number {
  const stop = Math.min(i + 4, b.length);
  while (i < stop && (b[i] === 0x20 || b[i] === 0x09)) i++;
  return i;
}

/** End of the value found by the last successful errorValueAt. */
let errorValueEnd = 0;

/**
 * ERROR_VALUE_RE (./patterns) read from the bytes at `p`, which holds "[eE]rror": the start of the
 * value it captures (its end in errorValueEnd), or -1 when it does not match. Every hit of a hostile
 * `error=error=…` line runs this, so it makes no string and fails on the first byte that rules the
 * value out. The regex cannot backtrack into another reading (each optional part is followed by a
 * byte it cannot start with, and the value must end where its run of word bytes does), so a single
 * left-to-right pass gives exactly its answer; a test holds the two together.
 */
export function errorValueAt(b: Uint8Array, p: number): number {
  const n = b.length;
  let i = p + 5;
  if (i >= n) return -1;
  const c = b[i];
  if ((c === 0x43 || c === 0x63) && b[i + 1] === 0x6f && b[i + 2] === 0x64 && b[i + 3] === 0x65) i += 4;
  else if (c === 0x5f && b[i + 1] === 0x63 && b[i + 2] === 0x6f && b[i + 3] === 0x64 && b[i + 4] === 0x65) i += 5;
  i = skipBlanks(b, skipQuote(b, i));
  if (i >= n) return -1;
  const sep = b[i]!;
  if (sep !== 0x3a && sep !== 0x3d) return -1;
  i = skipQuote(b, skipBlanks(b, i + 1));
  if (i >= n) return -1;
  const start = i;
  const first = b[i]!;
  if (first < 0x61 || first > 0x7a) return -1;
  i++;
  while (i < n && LOWER_ALNUM[b[i]!] === 1) i++;
  // [a-z][a-z0-9]{1,30}
  if (i - start < 2 || i - start > 31) return -1;
  let parts = 0;
  while (i < n && b[i] === 0x5f) {
    const partStart = ++i;
    while (i < n && LOWER_ALNUM[b[i]!] === 1) i++;
    // (?:_[a-z0-9]{1,30}){1,6}
    if (i === partStart || i - partStart > 30 || ++parts > 6) return -1;
  }
  if (parts === 0) return -1;
  // (?![A-Za-z0-9_]): the run of lower-case parts stopped on something else; only an upper-case letter is left to rule out.
  if (i < n && b[i]! >= 0x41 && b[i]! <= 0x5a) return -1;
  errorValueEnd = i;
  return start;
}

/** After "trace" ending at `pos`: the `[ _-]?[iI][dD]` that TRACE_RE requires ("stack trace" is prose). */
function traceIdAhead(b: Uint8Array, pos: number): boolean {
  const c = b[pos];
  const i = c === 0x20 || c === 0x5f || c === 0x2d ? pos + 1 : pos;
  return i + 1 < b.length && (b[i]! | 0x20) === 0x69 && (b[i + 1]! | 0x20) === 0x64;
}

function isHexByte(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66));
}

/** Longest run CORRELATION_RE allows between "correlation" and the GUID: [ _-]?ID, \\", blanks, ':', blanks, \\", blanks. */
export const CORRELATION_GAP = 3 + 2 + 4 + 1 + 4 + 2 + 2;

/**
 * Whether a GUID's first group (8 hex digits and '-') can start within `gap` bytes of `from`: a
 * necessary condition for CORRELATION_RE, read on the bytes so a hostile run of "Correlation ID: "
 * with no id costs neither a regex call nor a string.
 */
export function guidStartNear(b: Uint8Array, from: number, gap: number): boolean {
  const stop = Math.min(b.length, from + gap + 9);
  let run = 0;
  for (let i = from; i < stop; i++) {
    const c = b[i]!;
    if (c === 0x2d && run >= 8) return true;
    run = isHexByte(c) ? run + 1 : 0;
  }
  return false;
}

/** Whether bytes [start, end) hold an upper-case hex digit (toLowerCase is a runtime call even on lower-case text). */
function hasUpperHex(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x41 && c <= 0x46) return true;
  }
  return false;
}

/** A GUID in lower case. */
function lowerHex(id: string): string {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0x41 && c <= 0x46) return id.toLowerCase();
  }
  return id;
}

interface PendingItem {
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

function isPathByte(c: number): boolean {
  return isWordByte(c) || c === 0x2e || c === 0x2d || c === 0x3a;
}

/** "host/tenant" in front of "/oauth2/" at `at` (the `o`), walking back at most 200 characters. */
function pathBefore(text: string, at: number, lineStart: number): string | undefined {
  if (text.charCodeAt(at - 1) !== 0x2f) return undefined;
  const limit = Math.max(lineStart, at - 200);
  let i = at - 2;
  while (i >= limit && isPathByte(text.charCodeAt(i))) i--;
  const tenant = text.slice(i + 1, at - 1);
  if (!tenant) return undefined;
  // A host in front (https://login.microsoftonline.com/tenant/oauth2/…) names the authority fully.
  if (text.charCodeAt(i) === 0x2f) {
    let j = i - 1;
    while (j >= limit && isPathByte(text.charCodeAt(j))) j--;
    const host = text.slice(j + 1, i);
    if (host && host.includes('.')) return `${host.replace(/:443$/, '')}/${tenant}`;
  }
  return tenant;
}

/**
 * The byte operations the scanner needs. The defaults work in any JavaScript runtime (and use Node's
 * Buffer when it is there, for speed); ./node installs Node's native UTF-8 validator on import.
 */
export interface BytePlatform {
  /** Random access to a block: latin1 strings of ranges and byte searches. */
  view(bytes: Uint8Array): BlockView;
  isUtf8(bytes: Uint8Array): boolean;
  /** The pre-filter (default: the SIMD kernel where WebAssembly compiles, else the portable regex finder). */
  findHits: HitFinder;
}

interface NodeBufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): {
    toString(encoding: 'latin1', start: number, end: number): string;
    indexOf(value: number, byteOffset: number): number;
    lastIndexOf(value: number, byteOffset: number): number;
  };
}

const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
const latin1Decoder = typeof TextDecoder === 'function' ? new TextDecoder('latin1') : null;
const utf8Strict = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { fatal: true }) : null;

function portableLatin1(b: Uint8Array): string {
  if (latin1Decoder) return latin1Decoder.decode(b);
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

function blockView(b: Uint8Array): BlockView {
  if (nodeBuffer) {
    // One Buffer over the same memory per block: memchr-speed searches, no copies until a string is asked for.
    const nb = nodeBuffer.from(b.buffer, b.byteOffset, b.byteLength);
    return {
      latin1: (start, end) => nb.toString('latin1', start, end),
      indexOfByte: (byte, from) => nb.indexOf(byte, from),
      lastIndexOfByte: (byte, from) => (from < 0 ? -1 : nb.lastIndexOf(byte, from)),
    };
  }
  return {
    latin1: (start, end) => portableLatin1(b.subarray(start, end)),
    indexOfByte: (byte, from) => b.indexOf(byte, from),
    lastIndexOfByte: (byte, from) => (from < 0 ? -1 : b.lastIndexOf(byte, from)),
  };
}

let simdFinder: HitFinder | null | undefined;
let simdBusy = false;

/**
 * The SIMD finder, compiled on first use (never at import, so loading the scanner stays cheap). Its
 * one kernel holds the batch being read; a scan started from inside a callback (an onFinding that
 * scans something else) must not overwrite it, so that one runs on the portable finder.
 */
export function defaultFindHits(block: Uint8Array, view: BlockView, onHits: (hits: Int32Array, count: number) => void): BlockStats {
  if (simdFinder === undefined) simdFinder = createSimdHitFinder();
  if (!simdFinder || simdBusy) return findHitsJs(block, view, onHits);
  simdBusy = true;
  try {
    return simdFinder(block, view, onHits);
  } finally {
    simdBusy = false;
  }
}

let platform: BytePlatform = {
  findHits: defaultFindHits,
  view: blockView,
  isUtf8: (b) => {
    if (!utf8Strict) return true;
    try {
      utf8Strict.decode(b);
      return true;
    } catch {
      return false;
    }
  },
};

export function setBytePlatform(p: Partial<BytePlatform>): void {
  platform = { ...platform, ...p };
}

const encoder = new TextEncoder();

function toBytes(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') return encoder.encode(chunk);
  return chunk instanceof Uint8Array ? chunk : new Uint8Array(0);
}

/** A copy of bytes [start, end): Node's Buffer#slice is a view, not a copy, so it is not used. */
function copyOf(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(b.subarray(start, end));
  return out;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function createScanner(options: ScanOptions = {}): Scanner {
  const burstMin = Math.max(2, options.burstMinRequests ?? 8);
  const burstGapMs = (options.burstMaxGapSeconds ?? 30) * 1000;
  const burstGapLines = options.burstMaxGapLines ?? 40;
  const maxCorrelations = options.maxCorrelations ?? 1000;
  const maxTokens = options.maxTokens ?? 1000;
  const maxCodes = options.maxCodes ?? 500;
  const maxErrors = options.maxErrors ?? 500;
  const maxBursts = options.maxBursts ?? 100;
  const maxLineBytes = Math.max(4096, options.maxLineBytes ?? 1024 * 1024);
  const onFinding = options.onFinding;

  let bytes = 0;
  /** Newlines seen in completed blocks. */
  let lineBase = 0;
  /** Byte offset in the file of the current block's start. */
  let blockOffset = Math.max(0, Math.floor(options.startOffset ?? 0)) || 0;
  let endedWithoutNewline = false;
  /** Bytes of an unfinished line were already scanned (an over-long line cut into pieces). */
  let midLine = false;
  let forcedSplits = 0;
  const carry: Uint8Array[] = [];
  let carryLen = 0;

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
  let lastTimestamp: string | null = null;

  let binaryBytes = 0;
  let binaryFirstOffset = -1;
  let invalidUtf8 = 0;
  let ended: ScanSummary | null = null;

  function emit(f: ScanFinding): void {
    if (!onFinding) return;
    try {
      onFinding(f);
    } catch {
      // A consumer's callback must not break the scan.
    }
  }

  function checkBinary(block: Uint8Array, stats: BlockStats): void {
    if (stats.firstNul >= 0 && binaryFirstOffset < 0) binaryFirstOffset = blockOffset + stats.firstNul;
    binaryBytes = Math.min(1_000_000, binaryBytes + stats.nuls);
    // Fast validation first; only blocks that fail are decoded to count the bad sequences.
    if (!platform.isUtf8(block)) {
      const decoded = new TextDecoder('utf-8').decode(block);
      let bad = 0;
      let p = decoded.indexOf('\ufffd');
      while (p >= 0) {
        bad++;
        p = decoded.indexOf('\ufffd', p + 1);
      }
      invalidUtf8 += bad;
    }
  }

  /** `key`: a correlation id in lower case. */
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

  /** Scans one block of complete lines (or a forced piece of an over-long line). */
  function scanBlock(buf: Uint8Array, complete: boolean): void {
    if (buf.length === 0) return;
    const view = platform.view(buf);

    // The pre-filter lists where the literals start, on which line and where that line starts; the
    // block's other lines are never looked at here. Only a line with a hit becomes a string, and
    // every offset below (`at`, `lineStart`) is relative to that string: the line.
    let line = lineBase + 1;
    let text = '';
    /** The line `text` holds (made on the first hit that needs it). */
    let textLine = -1;
    const lineStart = 0;
    /** Block offset of the current line. */
    let lineAbs = 0;
    const endOfLine = (): number => text.length;
    let lineKey = -1;
    let lineTs: string | null | undefined;
    let lineCorrelation: string | null = null;
    let jwtSkip = -1;
    // A line holds a handful of codes and errors at most: arrays beat sets, which reallocate on clear().
    const lineCodes: number[] = [];
    const lineErrors: string[] = [];
    let lineTokenRequest = false;
    const deferred: PendingItem[] = [];

    const finishLine = (): void => {
      if (deferred.length === 0) return;
      for (const item of deferred) relate(item, lineCorrelation);
      deferred.length = 0;
    };

    const timestampOfLine = (): string | null => {
      if (lineTs !== undefined) return lineTs;
      const end = endOfLine();
      const headEnd = Math.min(end, lineStart + TS_HEAD);
      let m: RegExpExecArray | null = null;
      // Most log lines carry their time near the start: try the sticky pattern only where an ISO
      // date can begin (4 digits and a dash) or right after a "[" (RFC 1123 dates in brackets).
      for (let i = lineStart; i < headEnd - 9 && !m; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5b && i === lineStart) {
          TIMESTAMP_AT.lastIndex = i + 1;
          m = TIMESTAMP_AT.exec(text);
        } else if (c >= 0x30 && c <= 0x39 && text.charCodeAt(i + 4) === 0x2d && (i === lineStart || !isDigit(text.charCodeAt(i - 1)))) {
          TIMESTAMP_AT.lastIndex = i;
          m = TIMESTAMP_AT.exec(text);
        }
      }
      if (!m) {
        // Error bodies carry their time as "timestamp": "…" or "Timestamp: …" further along the line.
        const k = text.indexOf('imestamp', lineStart);
        if (k >= 0 && k < end && k < lineStart + LINE_INSPECT) {
          TIMESTAMP_RE.lastIndex = 0;
          m = TIMESTAMP_RE.exec(text.slice(k, Math.min(end, k + 64)));
        }
      }
      lineTs = m ? (m[1] ?? m[2] ?? null) : null;
      if (lineTs) {
        lastTimestamp = lineTs;
        if (onFinding) {
          const col = text.indexOf(lineTs, lineStart) - lineStart;
          emit({ kind: 'timestamp', value: lineTs, line, column: col, offset: blockOffset + lineAbs + col });
        }
      } else lineTs = lastTimestamp;
      return lineTs;
    };

    /** Where the value of the `error` hit being handled starts in the block (see errorValueAt). */
    let errorStart = -1;
    // A line repeats its error value (`error: 'invalid_grant' … error: 'invalid_grant'`): the last
    // value's bytes are compared before a new string is made for them.
    let lastErrorStart = -1;
    let lastErrorLength = 0;
    let lastError = '';
    const errorString = (start: number, end: number): string => {
      const length = end - start;
      if (length === lastErrorLength && lastErrorStart >= 0) {
        let i = 0;
        while (i < length && buf[start + i] === buf[lastErrorStart + i]) i++;
        if (i === length) return lastError;
      }
      lastErrorStart = start;
      lastErrorLength = length;
      lastError = view.latin1(start, end);
      return lastError;
    };

    const hitAt = (at: number, kind: Hit): void => {
      // Prose mentions ("error rate", "stack trace") are the most common hits and are dropped on the
      // bytes, before their line is made a string.
      const abs = lineAbs + at;
      if (kind === H_ERROR) {
        if (at > 0 && isWordByte(buf[abs - 1]!) && buf[abs] !== 0x45) return;
        // Read on the bytes: prose ("error rate") and a key with no value (`error=error=…`) make no string.
        errorStart = errorValueAt(buf, abs);
        if (errorStart < 0) return;
      } else if (kind === H_TRACE) {
        if (!traceIdAhead(buf, abs + 5)) return;
      } else if (kind === H_CORRELATION) {
        if (!guidStartNear(buf, abs + 11, CORRELATION_GAP)) return;
      } else if (kind === H_AADSTS) {
        // AADSTS_RE needs a digit right after the letters.
        const d = buf[abs + 6];
        if (d === undefined || d < 0x30 || d > 0x39) return;
      }
      if (textLine !== line) {
        textLine = line;
        const nl = view.indexOfByte(0x0a, lineAbs);
        text = view.latin1(lineAbs, nl < 0 ? buf.length : nl);
      }
      const column = at - lineStart;
      const offset = blockOffset + lineAbs + at;
      // Findings are built only for a caller that asked for them (the summary needs none).
      switch (kind) {
        case H_AADSTS: {
          // AADSTS_RE read from the bytes: 1 to 9 digits, not followed by another digit.
          let code = 0;
          let n = 0;
          for (; n < 10; n++) {
            const d = buf[abs + 6 + n];
            if (d === undefined || d < 0x30 || d > 0x39) break;
            code = code * 10 + (d - 0x30);
          }
          if (n === 0 || n > 9) break;
          if (onFinding) emit({ kind: 'aadsts', value: `AADSTS${code}`, line, column, offset });
          if (lineCodes.includes(code)) break;
          lineCodes.push(code);
          if (countCode(code, line)) pollAnswer(line);
          const ts = timestampOfLine();
          deferred.push({ line, code, ts });
          if (code === 50196) {
            addBurst({
              firstLine: line,
              lastLine: line,
              requests: 0,
              windowSeconds: 0,
              message: `Line ${line}: Entra reported AADSTS50196 — it detected a loop of identical token requests from this client. Cache tokens and reuse them until they expire.`,
            });
          }
          break;
        }
        case H_ERROR: {
          const error = errorString(errorStart, errorValueEnd);
          if (onFinding) emit({ kind: 'error', value: error, line, column: errorStart - lineAbs - lineStart, offset });
          if (lineErrors.includes(error)) break;
          lineErrors.push(error);
          if (countError(error, line)) pollAnswer(line);
          deferred.push({ line, error, ts: timestampOfLine() });
          break;
        }
        case H_JWT: {
          if (at < jwtSkip) break;
          if (at > 0 && (isWordByte(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 0x2d)) {
            // Inside a longer base64 run: skip the whole run so hostile input stays linear.
            jwtSkip = jwtExtent(text, at).end;
            break;
          }
          const { end, ok } = jwtExtent(text, at);
          jwtSkip = end;
          if (!ok) break;
          const redacted = text.slice(at, at + 10) + TOKEN_MARKER;
          if (onFinding) emit({ kind: 'jwt', value: redacted, line, column, offset });
          if (tokens.length < maxTokens) tokens.push({ line, redacted });
          else tokensOverflow++;
          break;
        }
        case H_CORRELATION:
        case H_TRACE:
        case H_REQUEST_ID: {
          let m: RegExpExecArray | null;
          let isTrace = kind === H_TRACE;
          if (kind === H_REQUEST_ID) {
            REQUEST_ID_RE.lastIndex = at;
            m = REQUEST_ID_RE.exec(text);
            if (!m) break;
            const before = text.slice(Math.max(0, at - 7), at).toLowerCase();
            if (before.endsWith('client-')) isTrace = false;
            else if (before.endsWith('x-ms-')) isTrace = true;
            else break;
          } else {
            const re = kind === H_TRACE ? TRACE_RE : CORRELATION_RE;
            re.lastIndex = at;
            m = re.exec(text);
            if (!m) break;
          }
          if (!m[1]) break;
          // The id ends the match; most ids are lower case already, which the bytes tell cheaply.
          const id = hasUpperHex(buf, lineAbs + m.index + m[0].length - m[1].length, lineAbs + m.index + m[0].length) ? m[1].toLowerCase() : m[1];
          const ts = timestampOfLine();
          if (onFinding) emit({ kind: isTrace ? 'trace_id' : 'correlation_id', value: id, line, column, offset });
          if (isTrace) deferred.push({ line, traceId: id, ts });
          else if (lineCorrelation !== id) {
            const key = correlationSeen(id, line, ts);
            if (key && !lineCorrelation) lineCorrelation = key;
          }
          break;
        }
        case H_TOKEN_ENDPOINT: {
          if (lineTokenRequest) break;
          TOKEN_ENDPOINT_RE.lastIndex = at;
          let deviceCode = false;
          if (!TOKEN_ENDPOINT_RE.test(text)) {
            // Only other oauth2/ paths (authorize, logout, devicecode) get here: rare, so the regex is cheap.
            DEVICE_CODE_ENDPOINT_RE.lastIndex = at;
            if (!DEVICE_CODE_ENDPOINT_RE.test(text)) break;
            deviceCode = true;
          }
          lineTokenRequest = true;
          const end = endOfLine();
          const lineText = text.slice(lineStart, Math.min(end, lineStart + LINE_INSPECT));
          // The regex only where its literal is: most token lines name no client.
          const clientAt = lineText.indexOf('client_id');
          CLIENT_ID_RE.lastIndex = clientAt;
          const client = clientAt >= 0 ? CLIENT_ID_RE.exec(lineText)?.[1] : undefined;
          const tenant = client ? undefined : pathBefore(text, at, lineStart);
          const key = client ? `client ${lowerHex(client)}` : tenant ? `${tenant}` : '';
          // The device-code grant named on the line (grant_type=urn:ietf:params:oauth:grant-type:device_code).
          tokenRequest(key, line, timestampOfLine(), !deviceCode && lineText.includes('device_code'), deviceCode);
          break;
        }
      }
    };

    // Overlapping literals (`tracerror`) are all listed by the kernel; keep the leftmost of each run,
    // as a left-to-right regex scan does.
    let prevEnd = 0;
    const onHits = (hits: Int32Array, count: number): void => {
      const stop = count * STRIDE;
      for (let h = 0; h < stop; h += STRIDE) {
        const at = hits[h]!;
        if (at < prevEnd) continue;
        const kind = hits[h + 1]! as Hit;
        prevEnd = at + LENGTH_OF[kind]!;
        const hitLine = lineBase + 1 + hits[h + 2]!;
        if (hitLine !== lineKey) {
          if (lineKey >= 0) finishLine();
          line = hitLine;
          lineKey = line;
          lineAbs = hits[h + 3]! + 1;
          const first = buf[lineAbs];
          // Space, tab, `}`, `]`, `)` continue the record above; anything else starts a new one.
          if (!(first === 0x20 || first === 0x09 || first === 0x7d || first === 0x5d || first === 0x29)) recordLine = line;
          lineTs = undefined;
          lineCorrelation = null;
          jwtSkip = -1;
          // Setting an array's length is a runtime call: only when there is something to drop.
          if (lineCodes.length) lineCodes.length = 0;
          if (lineErrors.length) lineErrors.length = 0;
          lineTokenRequest = false;
        }
        // Hits inside a base64 run already skipped (hostile 'eyJeyJ…') cost no call.
        if (kind === H_JWT && at - lineAbs < jwtSkip) continue;
        hitAt(at - lineAbs, kind);
      }
    };
    const stats = platform.findHits(buf, view, onHits);
    if (lineKey >= 0) finishLine();
    lineBase += stats.newlines;
    checkBinary(buf, stats);
    blockOffset += buf.length;
    if (!complete) forcedSplits++;
    midLine = !complete || (midLine && buf[buf.length - 1] !== 0x0a);
  }

  function flushCarry(): Uint8Array {
    const whole = concat(carry, carryLen);
    carry.length = 0;
    carryLen = 0;
    return whole;
  }

  function pushUnsafe(chunk: Uint8Array | string): void {
    const buf = toBytes(chunk);
    if (buf.length === 0) return;
    bytes += buf.length;
    const view = platform.view(buf);
    const lastNl = view.lastIndexOfByte(0x0a, buf.length - 1);
    if (lastNl < 0) {
      // The bytes encoded from a string are ours already; a caller's buffer may be reused, so it is copied.
      carry.push(typeof chunk === 'string' ? buf : copyOf(buf, 0, buf.length));
      carryLen += buf.length;
      if (carryLen > maxLineBytes) scanBlock(flushCarry(), false);
      return;
    }
    let bulkStart = 0;
    if (carryLen > 0) {
      // Finish the carried line with this chunk's first line only, so the bulk of the chunk is
      // scanned in place instead of being copied behind the carry.
      const firstNl = view.indexOfByte(0x0a, 0);
      carry.push(buf.subarray(0, firstNl + 1));
      carryLen += firstNl + 1;
      scanBlock(flushCarry(), true);
      bulkStart = firstNl + 1;
    }
    if (lastNl >= bulkStart) scanBlock(buf.subarray(bulkStart, lastNl + 1), true);
    if (lastNl + 1 < buf.length) {
      // Copy: the caller may reuse its chunk buffer after push returns.
      const rest = copyOf(buf, lastNl + 1, buf.length);
      carry.push(rest);
      carryLen += rest.length;
    }
  }

  function summary(): ScanSummary {
    const warnings: string[] = [];
    if (binaryBytes > 0 || invalidUtf8 > bytes / 10) {
      warnings.push(
        `The input looks binary (NUL bytes or invalid UTF-8${binaryFirstOffset >= 0 ? `, first NUL at byte ${binaryFirstOffset}` : ''}); only its text parts were scanned.`,
      );
    } else if (invalidUtf8 > 0) {
      warnings.push(`${invalidUtf8} byte sequence(s) that are not valid UTF-8 were found; matching went on over the text around them.`);
    }
    if (forcedSplits > 0) warnings.push(`${forcedSplits} line(s) longer than ${maxLineBytes} bytes were scanned in pieces; a match across a piece boundary may be missed.`);
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
      bytes,
      lines: lineBase + (endedWithoutNewline || midLine ? 1 : 0),
      codes: [...codes.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine),
      errors: [...errors.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine),
      correlations: [...groups.values()],
      tokens,
      bursts: bursts.sort((a, b) => a.firstLine - b.firstLine),
      warnings,
    };
  }

  return {
    push(chunk) {
      if (ended) return;
      try {
        pushUnsafe(chunk);
      } catch {
        // Keep going: one odd chunk must not lose the rest of the file.
      }
    },
    end() {
      if (ended) return ended;
      try {
        if (carryLen > 0) {
          endedWithoutNewline = true;
          scanBlock(flushCarry(), true);
        }
        for (const run of runs.values()) closeRun(run);
        runs.clear();
        ended = summary();
      } catch {
        ended = { bytes, lines: lineBase, codes: [], errors: [], correlations: [], tokens: [], bursts: [], warnings: ['The scan stopped early because of unexpected input.'] };
      }
      return ended;
    },
  };
}

/** Scans a whole string at once. */
export function scanText(text: string, options?: ScanOptions): ScanSummary {
  const s = createScanner(options);
  s.push(typeof text === 'string' ? text : '');
  return s.end();
}
