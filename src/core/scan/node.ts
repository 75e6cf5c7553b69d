// Reading a log for the scanner, Node only: files of any size, pipes, FIFOs, process substitution
// (`<(cmd)`) and stdin, gzip-compressed or not, in UTF-8 (with or without a byte-order mark) or in
// UTF-16LE/BE with a BOM (what Windows PowerShell's `>` writes). Input is read in fixed-size chunks and
// never held whole, so memory stays flat in the size of the log.
//
// Decoding lives here, not in the scanner: plain UTF-8 files reach the scanner's byte loop untouched
// (the fast path), and only UTF-16 or gzip input pays for a conversion. UTF-16 is transcoded to
// UTF-8 into a reused buffer, so the scanner sees bytes as it does for any other log.
import { isUtf8 } from 'node:buffer';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { ScanInput, ScanSummary } from '../types';
import { createScanner, type ScanOptions, setBytePlatform } from './scanner';

// Node validates UTF-8 natively (SIMD), far faster than a strict TextDecoder pass.
setBytePlatform({ isUtf8: (b) => isUtf8(b) });

export interface ScanFileOptions extends ScanOptions {
  signal?: AbortSignal;
  /** Read size in bytes (default 1 MiB: fits the cache next to the scanner's own working set). */
  chunkSize?: number;
  /**
   * Called after every read with the bytes read so far (as stored: compressed bytes for gzip) and
   * awaited, so a caller can report progress and yield to its event loop between chunks.
   */
  onProgress?: (bytesRead: number) => void | Promise<void>;
}

/** Thrown (as the only rejection) when the file cannot be opened or read; the message is one clear line. */
export class ScanInputError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ScanInputError';
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function describeFsError(path: string, err: unknown): ScanInputError {
  const code = errorCode(err);
  const reason =
    code === 'ENOENT' ? 'no such file' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'EISDIR' ? 'it is a directory' :
    code === 'ABORT_ERR' ? 'cancelled' :
    err instanceof Error ? err.message : 'read failed';
  return new ScanInputError(`cannot read ${path}: ${reason}`, code);
}

const cancelled = (): ScanInputError => new ScanInputError('scan cancelled', 'ABORT_ERR');

/**
 * A device or pipe (/dev/zero, /dev/urandom, a disk image piped in) may never end. Once this much of
 * such an input has been read and every read held NUL bytes, it is not a log: stop and say so.
 * Regular files are always read to their end, since their size bounds the work.
 */
const ENDLESS_BINARY_LIMIT = 16 * 1024 * 1024;

/** Tracks whether an unbounded input has shown only binary reads so far (judged on the text the scanner gets). */
function binaryGuard(): { seen(chunk: Uint8Array | string): boolean; note(): string } {
  let bytes = 0;
  let allBinary = true;
  return {
    seen(chunk) {
      bytes += chunk.length;
      if (allBinary) allBinary = typeof chunk === 'string' ? chunk.includes('\0') : chunk.indexOf(0) !== -1;
      return allBinary && bytes >= ENDLESS_BINARY_LIMIT;
    },
    note: () =>
      `Stopped after ${Math.round(bytes / (1024 * 1024))} MB: this input is not a regular file and is not text (every read held NUL bytes), so it may never end.`,
  };
}

// ---------------------------------------------------------------------------------------------
// What the first bytes say

/** gzip's magic (1f 8b) and its only compression method, deflate (08). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

/** The text encoding a byte-order mark names, and the mark's length; UTF-8 when there is none. */
export function textEncodingOf(head: Uint8Array): { encoding: ScanInput['encoding']; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  // FF FE 00 00 is UTF-32LE's mark, not UTF-16's: left to the scanner, which calls its NULs binary.
  if (head[0] === 0xff && head[1] === 0xfe && !(head[2] === 0 && head[3] === 0)) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Enough bytes to tell gzip and every byte-order mark apart. */
const HEAD_BYTES = 4;

// ---------------------------------------------------------------------------------------------
// Sources of chunks

type Chunk = Uint8Array | string;

/**
 * Reads an open file, FIFO or pipe in fixed-size chunks into two reused buffers: while the caller
 * works on one chunk, the next read fills the other (the copy out of the page cache runs on libuv's
 * thread pool), so reading costs almost no wall time and allocates nothing per read. The caller must
 * be done with a chunk when it asks for the next. Regular files are read by position; anything else
 * (a pipe from `<(cmd)`, a FIFO, a terminal) from its current position, since a positional read
 * there fails with ESPIPE.
 */
async function* readHandle(handle: FileHandle, positional: boolean, chunkSize: number): AsyncGenerator<Uint8Array> {
  const buffers = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)];
  let position = 0;
  let which = 0;
  const readInto = (buf: Buffer): Promise<number> => handle.read(buf, 0, chunkSize, positional ? position : null).then((r) => r.bytesRead);
  let pending = readInto(buffers[0]!);
  try {
    for (;;) {
      const bytesRead = await pending;
      if (bytesRead === 0) return;
      const current = buffers[which]!;
      position += bytesRead;
      which ^= 1;
      pending = readInto(buffers[which]!);
      yield current.subarray(0, bytesRead);
    }
  } finally {
    // Never close the file under a read that is still running.
    await pending.catch(() => undefined);
  }
}

/** Counts what a source yields, honours the abort signal and reports progress; its failures become ScanInputError. */
async function* counted(source: AsyncIterable<Chunk>, read: { bytes: number }, options: ScanFileOptions, describe: (err: unknown) => ScanInputError): AsyncGenerator<Chunk> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw cancelled();
  const it = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Chunk>;
      try {
        next = await it.next();
      } catch (err) {
        throw err instanceof ScanInputError ? err : describe(err);
      }
      if (signal?.aborted) throw cancelled();
      if (next.done) return;
      const chunk = next.value;
      read.bytes += chunk.length;
      if (onProgress) await onProgress(read.bytes);
      yield chunk;
    }
  } finally {
    await it.return?.();
  }
}

/** The first chunk, or the first chunks joined (copied) until there are HEAD_BYTES; null for an empty source. */
async function takeHead(it: AsyncIterator<Chunk>): Promise<Chunk | null> {
  const first = await it.next();
  if (first.done) return null;
  let head = first.value;
  if (typeof head === 'string' || head.length >= HEAD_BYTES) return head;
  // A pipe may hand over a byte or two at first; later reads may reuse the buffer, so copy.
  const parts: Uint8Array[] = [Uint8Array.from(head)];
  let length = head.length;
  while (length < HEAD_BYTES) {
    const next = await it.next();
    if (next.done) break;
    const bytes = typeof next.value === 'string' ? Buffer.from(next.value) : Uint8Array.from(next.value);
    parts.push(bytes);
    length += bytes.length;
  }
  head = Buffer.concat(parts, length);
  return head;
}

async function* prepend(head: Chunk, rest: AsyncIterator<Chunk>): AsyncGenerator<Chunk> {
  try {
    yield head;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/**
 * Decompresses gzip (every member of a concatenated file) as it is read. zlib may hold on to input
 * chunks, so each is copied out of the reader's reused buffers first. A truncated or corrupt stream
 * ends the text there and calls `corrupt` with zlib's reason; a failing read rejects.
 */
async function* gunzip(source: AsyncIterable<Chunk>, corrupt: (reason: string) => void): AsyncGenerator<Uint8Array> {
  let readFailure: unknown;
  async function* copies(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of source) yield Buffer.from(chunk);
    } catch (err) {
      readFailure = err;
      throw err;
    }
  }
  // One chunk in flight: memory stays at a few chunks whatever the ratio.
  const input = Readable.from(copies(), { highWaterMark: 1 });
  // Output in 64 KiB pieces: each is garbage once scanned, and smaller pieces leave the collector less slack.
  const z = createGunzip({ chunkSize: 64 * 1024 });
  input.on('error', (err) => z.destroy(err));
  input.pipe(z);
  try {
    for await (const out of z as AsyncIterable<Buffer>) yield out;
  } catch (err) {
    if (readFailure !== undefined) throw readFailure;
    const code = errorCode(err);
    if (!code?.startsWith('Z_')) throw err;
    corrupt(err instanceof Error ? err.message : code);
  } finally {
    input.destroy();
    z.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// UTF-16 to UTF-8

interface Utf16ToUtf8 {
  /**
   * The UTF-8 bytes of the next bytes' text, in a buffer the next call reuses (a code unit or
   * surrogate pair cut by a chunk edge waits for the rest).
   */
  write(chunk: Uint8Array): Uint8Array;
  end(): Uint8Array;
  /** Unpaired surrogates seen: random bytes read as UTF-16 are full of them. */
  unpaired: number;
}

/**
 * UTF-16 bytes decoded to one string at a time: strings this small die young (a cheap scavenge),
 * where a string per 1 MiB read would sit in large-object space until a full GC, so memory would
 * grow with the input.
 */
const UTF16_SLICE = 64 * 1024;

const isWellFormed = (s: string): boolean => (s as { isWellFormed?: () => boolean }).isWellFormed?.() ?? true;

function countUnpaired(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else n++;
    } else if (c >= 0xdc00 && c <= 0xdfff) n++;
  }
  return n;
}

function utf16ToUtf8(bigEndian: boolean): Utf16ToUtf8 {
  // Node's native decoder keeps a split code unit or surrogate pair for the next chunk.
  const decoder = new StringDecoder('utf16le');
  const encoder = new TextEncoder();
  let out = new Uint8Array(0);
  /** Big-endian input is swapped into little-endian here, with a byte left over from the last chunk. */
  let swapped = Buffer.alloc(0);
  let odd: number | null = null;
  const toLittleEndian = (chunk: Uint8Array): Buffer => {
    if (!bigEndian) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const total = chunk.length + (odd === null ? 0 : 1);
    if (swapped.length < total) swapped = Buffer.allocUnsafe(total);
    let at = 0;
    if (odd !== null) swapped[at++] = odd;
    swapped.set(chunk, at);
    odd = total % 2 ? swapped[total - 1]! : null;
    return swapped.subarray(0, total - (total % 2)).swap16();
  };
  const self: Utf16ToUtf8 = {
    unpaired: 0,
    write(chunk) {
      const le = toLittleEndian(chunk);
      // A code unit becomes at most 3 bytes (a pair 4 for 2 units); one unit may be held from the last call.
      const need = (le.length >> 1) * 3 + 8;
      if (out.length < need) out = new Uint8Array(need);
      let at = 0;
      for (let i = 0; i < le.length; i += UTF16_SLICE) {
        const text = decoder.write(le.subarray(i, Math.min(le.length, i + UTF16_SLICE)));
        if (!isWellFormed(text)) self.unpaired += countUnpaired(text);
        at += encoder.encodeInto(text, out.subarray(at)).written;
      }
      return out.subarray(0, at);
    },
    end: () => encoder.encode(decoder.end()),
  };
  return self;
}

// ---------------------------------------------------------------------------------------------
// The pipeline: source → (gunzip) → (UTF-16 → text) → scanner

/** Scans chunks as read from a file or stream; `endless`: the input has no size that bounds the work. */
async function scanChunks(source: AsyncIterable<Chunk>, read: { bytes: number }, options: ScanFileOptions, endless: boolean): Promise<ScanSummary> {
  const raw = source[Symbol.asyncIterator]();
  let it: AsyncIterator<Chunk> = raw;
  let compression: ScanInput['compression'] = null;
  let corruptGzip: string | null = null;
  try {
    let head = await takeHead(it);
    if (head !== null && typeof head !== 'string' && isGzip(head)) {
      compression = 'gzip';
      it = gunzip(prepend(head, it), (reason) => (corruptGzip = reason))[Symbol.asyncIterator]();
      head = await takeHead(it);
    }
    const sniffed = head === null || typeof head === 'string' ? null : textEncodingOf(head);
    const encoding = sniffed?.encoding ?? 'utf-8';
    let bomLength = sniffed?.bomLength ?? 0;
    if (typeof head === 'string' && head.charCodeAt(0) === 0xfeff) {
      // Text handed over as strings was decoded already; its BOM is 3 bytes once encoded as UTF-8.
      head = head.slice(1);
      bomLength = 3;
    }
    if (bomLength && head !== null && typeof head !== 'string') head = head.subarray(bomLength);
    // A UTF-8 BOM is 3 bytes of the text: offsets past it stay offsets in the file (or decompressed stream).
    const scanner = createScanner({ ...options, startOffset: encoding === 'utf-8' ? bomLength : 0 });
    const utf16 = encoding === 'utf-8' ? null : utf16ToUtf8(encoding === 'utf-16be');
    const guard = endless ? binaryGuard() : null;
    let stopped = false;
    const feed = (chunk: Chunk): boolean => {
      const text = utf16 && typeof chunk !== 'string' ? utf16.write(chunk) : chunk;
      // The scanner copies whatever it keeps (the unfinished last line), so buffers can be reused.
      scanner.push(text);
      return guard !== null && guard.seen(text);
    };
    for (let chunk = head; chunk !== null; ) {
      if (feed(chunk)) {
        stopped = true;
        break;
      }
      const next = await it.next();
      chunk = next.done ? null : next.value;
    }
    if (utf16 && !stopped) scanner.push(utf16.end());
    if (options.signal?.aborted) throw cancelled();
    const summary = scanner.end();
    if (stopped && guard) summary.warnings.push(guard.note());
    if (corruptGzip !== null) summary.warnings.push(`The gzip data ends early or is corrupt (${corruptGzip}); the text before that point was scanned.`);
    if (utf16 && utf16.unpaired > 0) {
      // Text has none; random bytes read as UTF-16 have one in about 16 code units (~40 bytes of UTF-8).
      const binary = utf16.unpaired * 1000 > summary.bytes;
      if (!binary) summary.warnings.push(`${utf16.unpaired} unpaired UTF-16 surrogate(s) were found; matching went on over the text around them.`);
      else if (!summary.warnings.some((w) => w.startsWith('The input looks binary'))) {
        summary.warnings.push(`The input looks binary: it starts with a UTF-16 byte-order mark but does not decode as UTF-16 (${utf16.unpaired} unpaired surrogates); only its text parts were scanned.`);
      }
    }
    summary.input = {
      encoding,
      bom: bomLength > 0,
      compression,
      bytesRead: read.bytes,
      offsets: encoding === 'utf-8' && compression === null ? 'file' : 'decoded',
    };
    return summary;
  } finally {
    // The reader last: it waits for a read still in flight before its file may be closed.
    if (it !== raw) await it.return?.();
    await raw.return?.();
  }
}

/**
 * Scans any readable stream of bytes or strings (stdin, a socket), with the same gzip and UTF-16
 * handling as a file. Rejects with ScanInputError when the stream fails or is aborted.
 */
export async function scanStream(readable: Readable | AsyncIterable<Chunk>, options: ScanFileOptions = {}): Promise<ScanSummary> {
  const read = { bytes: 0 };
  const describe = (err: unknown): ScanInputError => new ScanInputError(`cannot read input: ${err instanceof Error ? err.message : 'read failed'}`, errorCode(err));
  try {
    return await scanChunks(counted(readable as AsyncIterable<Chunk>, read, options, describe), read, options, true);
  } catch (err) {
    throw err instanceof ScanInputError ? err : describe(err);
  }
}

/**
 * Scans a file of any size, or a FIFO, a pipe (`/dev/fd/63` from `<(cmd)`, `/dev/stdin`) or a device,
 * in fixed-size reads. Plain UTF-8 files go to the scanner as read, with no copy.
 */
export async function scanFile(path: string, options: ScanFileOptions = {}): Promise<ScanSummary> {
  const chunkSize = Math.max(4096, Math.min(64 * 1024 * 1024, Math.floor(options.chunkSize ?? 1024 * 1024)));
  const describe = (err: unknown): ScanInputError => describeFsError(path, err);
  try {
    if (options.signal?.aborted) throw cancelled();
    // A FIFO opens once a writer has opened it, as with cat.
    const handle = await open(path, 'r');
    try {
      const regular = (await handle.stat()).isFile();
      const read = { bytes: 0 };
      return await scanChunks(counted(readHandle(handle, regular, chunkSize), read, options, describe), read, options, !regular);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw err instanceof ScanInputError ? err : describe(err);
  }
}
