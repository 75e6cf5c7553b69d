// Byte-level helpers of the scanner: reading values on the bytes without making strings, the block
// views (Node's Buffer where there is one), the platform hooks ./node fills in, and the chunk plumbing.
import { isWordByte } from './patterns';
import { type BlockStats, type BlockView, findHitsJs, type HitFinder } from './hits';
import { createSimdHitFinder } from './simd';

export function isDigit(c: number): boolean {
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

/** End of the value found by the last successful errorValueAt, in slot 0 (a shared array: a live `let` binding costs a getter per read when unbundled). */
export const errorValueEnd = new Int32Array(1);

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
  errorValueEnd[0] = i;
  return start;
}

/** After "trace" ending at `pos`: the `[ _-]?[iI][dD]` that TRACE_RE requires ("stack trace" is prose). */
export function traceIdAhead(b: Uint8Array, pos: number): boolean {
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
export function hasUpperHex(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x41 && c <= 0x46) return true;
  }
  return false;
}

/** A GUID in lower case. */
export function lowerHex(id: string): string {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0x41 && c <= 0x46) return id.toLowerCase();
  }
  return id;
}
function isPathByte(c: number): boolean {
  return isWordByte(c) || c === 0x2e || c === 0x2d || c === 0x3a;
}

/** "host/tenant" in front of "/oauth2/" at `at` (the `o`), walking back at most 200 characters. */
export function pathBefore(text: string, at: number, lineStart: number): string | undefined {
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

/** Byte sequences of `block` that are not UTF-8: validated fast, decoded to count only when invalid. */
export function invalidUtf8Sequences(block: Uint8Array): number {
  if (platform.isUtf8(block)) return 0;
  const decoded = new TextDecoder('utf-8').decode(block);
  let bad = 0;
  for (let p = decoded.indexOf('\ufffd'); p >= 0; p = decoded.indexOf('\ufffd', p + 1)) bad++;
  return bad;
}

/** The byte operations in use (read once per block). */
export function bytePlatform(): BytePlatform {
  return platform;
}

export function setBytePlatform(p: Partial<BytePlatform>): void {
  platform = { ...platform, ...p };
}

const encoder = new TextEncoder();

export function toBytes(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') return encoder.encode(chunk);
  return chunk instanceof Uint8Array ? chunk : new Uint8Array(0);
}

/** A copy of bytes [start, end): Node's Buffer#slice is a view, not a copy, so it is not used. */
export function copyOf(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(b.subarray(start, end));
  return out;
}

export function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
