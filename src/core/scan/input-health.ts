// What the scanner notices about its input as text, for the summary's warnings: NUL bytes and invalid
// UTF-8 (a binary file, where only the text parts were scanned), and lines too long to scan whole.
import { invalidUtf8Sequences } from './bytes';
import type { BlockStats } from './hits';

export interface InputHealth {
  /** One block as scanned: its NUL bytes (counted by the pre-filter) and invalid UTF-8 sequences. */
  block(block: Uint8Array, stats: BlockStats, blockOffset: number): void;
  /** A line longer than the limit was cut into pieces. */
  lineCut(): void;
  /** The warnings, once every block was seen (`bytes`: the text scanned). */
  warnings(bytes: number): string[];
}

export function createInputHealth(maxLineBytes: number): InputHealth {
  let nuls = 0;
  let firstNul = -1;
  let invalidUtf8 = 0;
  let cuts = 0;
  return {
    block(block, stats, blockOffset) {
      if (stats.firstNul >= 0 && firstNul < 0) firstNul = blockOffset + stats.firstNul;
      nuls = Math.min(1_000_000, nuls + stats.nuls);
      invalidUtf8 += invalidUtf8Sequences(block);
    },
    lineCut() {
      cuts++;
    },
    warnings(bytes) {
      const out: string[] = [];
      if (nuls > 0 || invalidUtf8 > bytes / 10) {
        out.push(`The input looks binary (NUL bytes or invalid UTF-8${firstNul >= 0 ? `, first NUL at byte ${firstNul}` : ''}); only its text parts were scanned.`);
      } else if (invalidUtf8 > 0) {
        out.push(`${invalidUtf8} byte sequence(s) that are not valid UTF-8 were found; matching went on over the text around them.`);
      }
      if (cuts > 0) out.push(`${cuts} line(s) longer than ${maxLineBytes} bytes were scanned in pieces; a match across a piece boundary may be missed.`);
      return out;
    },
  };
}
