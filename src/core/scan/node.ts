// Streaming a file or stream through the scanner without ever holding the whole input: fixed-size
// reads (1 MiB by default), each pushed as bytes. Node only.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ScanSummary } from '../types';
import { createScanner, type ScanOptions, setBytePlatform } from './scanner';

// Node validates UTF-8 natively (SIMD), far faster than a strict TextDecoder pass.
setBytePlatform({ isUtf8: (b) => isUtf8(b) });

export interface ScanFileOptions extends ScanOptions {
  signal?: AbortSignal;
  /** Read size in bytes (default 1 MiB). */
  chunkSize?: number;
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

function describeFsError(path: string, err: unknown): ScanInputError {
  const code = typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : undefined;
  const reason =
    code === 'ENOENT' ? 'no such file' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'EISDIR' ? 'it is a directory' :
    code === 'ABORT_ERR' ? 'cancelled' :
    err instanceof Error ? err.message : 'read failed';
  return new ScanInputError(`cannot read ${path}: ${reason}`, code);
}

/** Scans any readable stream of bytes or strings. Rejects with ScanInputError when the stream fails or is aborted. */
export async function scanStream(readable: Readable | AsyncIterable<Uint8Array | string>, options: ScanFileOptions = {}): Promise<ScanSummary> {
  const scanner = createScanner(options);
  const { signal } = options;
  for await (const chunk of readable as AsyncIterable<Uint8Array | string>) {
    if (signal?.aborted) throw new ScanInputError('scan cancelled', 'ABORT_ERR');
    scanner.push(chunk);
  }
  if (signal?.aborted) throw new ScanInputError('scan cancelled', 'ABORT_ERR');
  return scanner.end();
}

/** Scans a file of any size in fixed-size reads. */
export async function scanFile(path: string, options: ScanFileOptions = {}): Promise<ScanSummary> {
  const chunkSize = Math.max(4096, options.chunkSize ?? 1024 * 1024);
  try {
    const stream = createReadStream(path, { highWaterMark: chunkSize, signal: options.signal });
    return await scanStream(stream, options);
  } catch (err) {
    if (err instanceof ScanInputError) throw err;
    throw describeFsError(path, err);
  }
}
