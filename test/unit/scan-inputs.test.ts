// How logs reach the scanner (src/core/scan/node.ts): UTF-16 and UTF-8 byte-order marks, CRLF, gzip,
// FIFOs and streams. Each input must give the findings its UTF-8 text gives, on the same lines.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/scan/index';
import { isGzip, scanFile, ScanInputError, scanStream, textEncodingOf } from '../../src/core/scan/node';
import type { ScanFinding, ScanSummary } from '../../src/core/types';

const SAMPLE = readFileSync('samples/msal-python-app.log', 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'auth-lens-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
function utf16be(text: string): Buffer {
  const body = Buffer.from(text, 'utf16le').swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
}

/** What the scan found, without what depends on the bytes the text was stored in. */
function findings(s: ScanSummary): Omit<ScanSummary, 'bytes' | 'input'> {
  const { bytes: _bytes, input: _input, ...rest } = s;
  return rest;
}

const expected = findings(scanText(SAMPLE));

describe('encodings', () => {
  it('sniffs gzip and every byte-order mark', () => {
    expect(isGzip(gzipSync('x'))).toBe(true);
    expect(isGzip(Buffer.from('\x1f\x8bnot'))).toBe(false);
    expect(textEncodingOf(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(textEncodingOf(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
    expect(textEncodingOf(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    // UTF-32LE's mark starts like UTF-16LE's: not read as UTF-16.
    expect(textEncodingOf(Buffer.from([0xff, 0xfe, 0x00, 0x00]))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('UTF-16LE with a BOM (Windows PowerShell >) gives the findings of its UTF-8 text, lines exact', async () => {
    const s = await scanFile(file('ps.log', utf16le(SAMPLE)));
    expect(findings(s)).toEqual(expected);
    expect(s.codes.length).toBeGreaterThan(0);
    expect(s.input).toEqual({ encoding: 'utf-16le', bom: true, compression: null, bytesRead: 2 + SAMPLE.length * 2, offsets: 'decoded' });
  });

  it('UTF-16BE with a BOM, read in chunks that split code units and surrogate pairs', async () => {
    // 😀 is a surrogate pair; an odd chunk size cuts pairs and code units at many edges.
    const text = SAMPLE.replace(/orders-service/g, 'orders-😀-service');
    const path = file('be.log', utf16be(text));
    const s = await scanFile(path, { chunkSize: 4097 });
    expect(findings(s)).toEqual(findings(scanText(text)));
    expect(s.input).toMatchObject({ encoding: 'utf-16be', bom: true });
    expect(s.bytes).toBe(Buffer.byteLength(text));
    expect(s.warnings).toEqual([]);
  });

  it('finding lines match the UTF-8 text; offsets count bytes of the decoded text as UTF-8', async () => {
    const text = 'first\r\nAADSTS50076 on line two\r\n  then error: "invalid_grant" on three\r\n';
    const seen: ScanFinding[] = [];
    await scanFile(file('pos16.log', utf16le(text)), { onFinding: (f) => seen.push(f) });
    expect(seen.map((f) => [f.kind, f.line])).toEqual([['aadsts', 2], ['error', 3]]);
    const utf8 = Buffer.from(text);
    expect(seen.map((f) => f.offset)).toEqual([utf8.indexOf('AADSTS'), utf8.indexOf('error')]);
  });

  it('UTF-8 with a BOM: the BOM is skipped, and offsets stay offsets in the file', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`[${'2026-11-20T09:00:00Z'}] AADSTS50076\n`)]);
    const seen: ScanFinding[] = [];
    const s = await scanFile(file('bom8.log', bytes), { onFinding: (f) => seen.push(f) });
    expect(s.input).toEqual({ encoding: 'utf-8', bom: true, compression: null, bytesRead: bytes.length, offsets: 'file' });
    expect(seen.find((f) => f.kind === 'aadsts')!.offset).toBe(bytes.indexOf('AADSTS'));
    // The bracketed time at the start of line 1 is still read as the line's time.
    expect(seen.find((f) => f.kind === 'timestamp')!.value).toBe('2026-11-20T09:00:00Z');
    expect(findings(await scanFile(file('bom8-sample.log', '\ufeff' + SAMPLE)))).toEqual(expected);
  });

  it('CRLF line ends give the same findings on the same lines', async () => {
    expect(findings(await scanFile(file('crlf.log', SAMPLE.replace(/\n/g, '\r\n'))))).toEqual(expected);
  });

  it('a file that only starts like UTF-16 and is not text still gets the binary note', async () => {
    const random = Buffer.alloc(200_000);
    for (let i = 0, x = 12345; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const s = await scanFile(file('rnd16.bin', Buffer.concat([Buffer.from([0xff, 0xfe]), random])));
    expect(s.warnings.filter((w) => /looks binary/.test(w))).toHaveLength(1);
  });
});

describe('gzip', () => {
  it('a .gz log is decompressed as it is read (found by its magic bytes, whatever its name)', async () => {
    const gz = gzipSync(SAMPLE);
    for (const name of ['app.log.gz', 'app-rotated.1']) {
      const s = await scanFile(file(name, gz), { chunkSize: 4096 });
      expect(findings(s)).toEqual(expected);
      expect(s.input).toEqual({ encoding: 'utf-8', bom: false, compression: 'gzip', bytesRead: gz.length, offsets: 'decoded' });
    }
  });

  it('gzip of a UTF-16LE log, and concatenated gzip members', async () => {
    const s = await scanFile(file('ps.log.gz', gzipSync(utf16le(SAMPLE))));
    expect(findings(s)).toEqual(expected);
    expect(s.input).toMatchObject({ encoding: 'utf-16le', compression: 'gzip' });
    const half = SAMPLE.indexOf('\n', SAMPLE.length / 2) + 1;
    const two = Buffer.concat([gzipSync(SAMPLE.slice(0, half)), gzipSync(SAMPLE.slice(half))]);
    expect(findings(await scanFile(file('two.gz', two)))).toEqual(expected);
  });

  it('a truncated .gz: the text before the cut is scanned, with a note', async () => {
    const gz = gzipSync(SAMPLE);
    const s = await scanFile(file('cut.gz', gz.subarray(0, Math.floor(gz.length * 0.6))));
    expect(s.lines).toBeGreaterThan(10);
    expect(s.warnings.join('\n')).toMatch(/gzip data ends early or is corrupt/);
  });
});

describe('streams and pipes', () => {
  it('stdin-like streams: UTF-16LE, gzip, a first chunk of one byte', async () => {
    const bytes = utf16le(SAMPLE);
    const oneByteFirst = Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)]);
    expect(findings(await scanStream(oneByteFirst))).toEqual(expected);
    const gz = gzipSync(SAMPLE);
    const s = await scanStream(Readable.from([gz.subarray(0, 2), gz.subarray(2)]));
    expect(findings(s)).toEqual(expected);
    expect(s.input).toMatchObject({ compression: 'gzip', bytesRead: gz.length });
  });

  it('a failing stream rejects with ScanInputError', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('AADSTS50076\n');
      throw new Error('connection reset');
    }
    await expect(scanStream(failing())).rejects.toThrow(ScanInputError);
    await expect(scanStream(failing())).rejects.toThrow(/connection reset/);
    const gz = gzipSync(SAMPLE);
    async function* failingGzip(): AsyncGenerator<Buffer> {
      yield gz.subarray(0, 100);
      throw new Error('connection reset');
    }
    await expect(scanStream(failingGzip())).rejects.toThrow(/cannot read input: connection reset/);
  });

  it('onProgress sees the bytes read as stored and is awaited', async () => {
    const gz = gzipSync(SAMPLE);
    const seen: number[] = [];
    await scanFile(file('progress.gz', gz), { chunkSize: 4096, onProgress: async (n) => void seen.push(await Promise.resolve(n)) });
    expect(seen.at(-1)).toBe(gz.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo'], { encoding: 'utf8' }).status === 0;
  if (!hasMkfifo) console.warn('scan-inputs: mkfifo is not installed; the FIFO test is skipped');
  it.skipIf(!hasMkfifo)(`a FIFO (mkfifo) written by another process, UTF-16LE${hasMkfifo ? '' : ' — SKIPPED: mkfifo is not installed'}`, async () => {
    const fifo = join(tmp, 'app.fifo');
    const source = file('fifo-source.log', utf16le(SAMPLE));
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo], { stdio: 'ignore' });
    try {
      const s = await scanFile(fifo, { chunkSize: 4096 });
      expect(findings(s)).toEqual(expected);
      expect(s.input).toMatchObject({ encoding: 'utf-16le', bytesRead: 2 + SAMPLE.length * 2 });
    } finally {
      writer.kill();
    }
  });
});
