// Text arrives in chunks of any size; complete lines leave as one block and the unfinished last line
// is carried into the next chunk, so a match that straddles a chunk edge is found exactly as if the
// text had come in one piece. A line longer than the limit is passed on in pieces, marked incomplete.
import { bytePlatform, concat, copyOf, toBytes } from './bytes';

export interface LineChunker {
  /** Takes a chunk (the caller may reuse its buffer afterwards); returns its length in bytes. */
  push(chunk: Uint8Array | string): number;
  /** Passes on what is carried; true when the input ended without a newline. */
  finish(): boolean;
}

export function createLineChunker(maxLineBytes: number, onBlock: (block: Uint8Array, complete: boolean) => void): LineChunker {
  const carry: Uint8Array[] = [];
  let carryLen = 0;

  function flushCarry(): Uint8Array {
    const whole = concat(carry, carryLen);
    carry.length = 0;
    carryLen = 0;
    return whole;
  }

  function push(chunk: Uint8Array | string): number {
    const buf = toBytes(chunk);
    if (buf.length === 0) return 0;
    const view = bytePlatform().view(buf);
    const lastNl = view.lastIndexOfByte(0x0a, buf.length - 1);
    if (lastNl < 0) {
      // The bytes encoded from a string are ours already; a caller's buffer may be reused, so it is copied.
      carry.push(typeof chunk === 'string' ? buf : copyOf(buf, 0, buf.length));
      carryLen += buf.length;
      if (carryLen > maxLineBytes) onBlock(flushCarry(), false);
      return buf.length;
    }
    let bulkStart = 0;
    if (carryLen > 0) {
      // Finish the carried line with this chunk's first line only, so the bulk of the chunk is
      // scanned in place instead of being copied behind the carry.
      const firstNl = view.indexOfByte(0x0a, 0);
      carry.push(buf.subarray(0, firstNl + 1));
      carryLen += firstNl + 1;
      onBlock(flushCarry(), true);
      bulkStart = firstNl + 1;
    }
    if (lastNl >= bulkStart) onBlock(buf.subarray(bulkStart, lastNl + 1), true);
    if (lastNl + 1 < buf.length) {
      // Copy: the caller may reuse its chunk buffer after push returns.
      const rest = copyOf(buf, lastNl + 1, buf.length);
      carry.push(rest);
      carryLen += rest.length;
    }
    return buf.length;
  }

  function finish(): boolean {
    if (carryLen === 0) return false;
    onBlock(flushCarry(), true);
    return true;
  }

  return { push, finish };
}
