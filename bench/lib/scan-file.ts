// Scans one file with the scanner alone (no CLI, no output formatting) and prints a one-line JSON
// summary. Used for the CPU profile of the scanner and for in-process runs in a fresh process.
import { closeSync, openSync, readSync } from 'node:fs';
// The scanner as the CLI gets it: ./node installs Node's native fast paths on import.
import '../../src/core/scan/node';
import { createScanner } from '../../src/core/scan/index';

const file = process.argv[2];
if (!file) throw new Error('usage: scan-file FILE [chunkBytes]');
const chunk = Buffer.allocUnsafe(Number(process.argv[3] ?? 1 << 20));
const fd = openSync(file, 'r');
const t0 = performance.now();
const scanner = createScanner();
let n: number;
while ((n = readSync(fd, chunk, 0, chunk.length, null)) > 0) scanner.push(chunk.subarray(0, n));
const summary = scanner.end();
closeSync(fd);
const ms = performance.now() - t0;
const peakRss = process.resourceUsage().maxRSS * 1024;
// With --expose-gc: what is still reachable after the scan (retained data), apart from GC slack.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) gc();
const mem = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    ms,
    bytes: summary.bytes,
    lines: summary.lines,
    codes: summary.codes.reduce((a, c) => a + c.count, 0),
    peakRss,
    heapUsedAfterGc: gc ? mem.heapUsed : null,
    heapTotal: mem.heapTotal,
    external: mem.external,
    arrayBuffers: mem.arrayBuffers,
    summaryJsonBytes: JSON.stringify(summary).length,
  }) + '\n',
);
