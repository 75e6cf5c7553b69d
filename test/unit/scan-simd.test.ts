// The scanner's two pre-filters (the WebAssembly SIMD kernel and the portable regex finder) must
// agree hit for hit, and the scanner must give the same summary whichever one it runs on, for any
// input and any chunking. Also: the hand-read timestamps against Date.parse, and reused read buffers.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScanner, scanText } from '../../src/core/scan/index';
import { findHitsJs, Hit, HIT_LENGTH, HIT_STRIDE, type BlockView, type HitFinder } from '../../src/core/scan/hits';
import { scanFile } from '../../src/core/scan/node';
import { AADSTS_RE, timestampMs, timestampMsParsed } from '../../src/core/scan/patterns';
import { defaultFindHits, setBytePlatform, type ScanOptions } from '../../src/core/scan/scanner';
import { createSimdHitFinder, WINDOW } from '../../src/core/scan/simd';
import type { ScanFinding, ScanSummary } from '../../src/core/types';
import { makeJwt, v2Delegated } from '../fixtures/jwt/make';

const simd = createSimdHitFinder();
const SAMPLES = ['samples/msal-python-app.log', 'samples/msal-node-app.log', 'samples/msal-dotnet-app.log', 'test/fixtures/scan/mixed.log'];

function view(b: Uint8Array): BlockView {
  const nb = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return {
    latin1: (s, e) => nb.toString('latin1', s, e),
    indexOfByte: (x, f) => nb.indexOf(x, f),
    lastIndexOfByte: (x, f) => (f < 0 ? -1 : nb.lastIndexOf(x, f)),
  };
}

/** Hits as [start, kind, newlines before, last newline before], overlapping ones reduced to the leftmost as the scanner does. */
function hitsOf(finder: HitFinder, bytes: Uint8Array): { hits: number[][]; stats: unknown } {
  const hits: number[][] = [];
  let prevEnd = 0;
  const stats = finder(bytes, view(bytes), (h, n) => {
    for (let i = 0; i < n * HIT_STRIDE; i += HIT_STRIDE) {
      if (h[i]! < prevEnd) continue;
      prevEnd = h[i]! + HIT_LENGTH[h[i + 1]!]!;
      hits.push([h[i]!, h[i + 1]!, h[i + 2]!, h[i + 3]!]);
    }
  });
  return { hits, stats };
}

function withFinder<T>(finder: HitFinder, run: () => T): T {
  setBytePlatform({ findHits: finder });
  try {
    return run();
  } finally {
    setBytePlatform({ findHits: simd! });
  }
}

function scanBoth(bytes: Uint8Array, chunk: number, options: Omit<ScanOptions, 'onFinding'> = {}): { a: ScanSummary; b: ScanSummary; fa: ScanFinding[]; fb: ScanFinding[] } {
  const run = (finder: HitFinder): [ScanSummary, ScanFinding[]] =>
    withFinder(finder, () => {
      const found: ScanFinding[] = [];
      const s = createScanner({ ...options, onFinding: (f) => found.push(f) });
      for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
      return [s.end(), found];
    });
  const [a, fa] = run(simd!);
  const [b, fb] = run(findHitsJs);
  return { a, b, fa, fb };
}

afterAll(() => setBytePlatform({ findHits: simd! }));

const GUIDS = ['aaaaaaaa-0000-4000-8000-000000000001', 'BBBBBBBB-0000-4000-8000-00000000000B', 'cccccccc-1111-4000-8000-000000000003'];
const JWT = makeJwt(v2Delegated());
const enc = new TextEncoder();

/** Pieces of MSAL-style logs and of hostile text, glued at random: literals next to each other, cut, doubled. */
const piece = fc.oneof(
  fc.constantFrom(
    'AADSTS50076', 'AADSTS', 'AADSTS7000215: x', 'AAADSTS1', 'error', 'Error', 'rror', 'err', 'eerror', '"error": "invalid_grant"', "'error': 'interaction_required', ",
    'ErrorCode: invalid_client', 'error_code=access_denied', 'error_description', 'error_codes', 'error rate', 'ServerError: consent_required',
    'eyJ', 'eyJeyJ', JWT, `${JWT}.`, `x${JWT}`, 'Correlation ID: ', 'correlation_id=', 'CorrelationId: ', '"correlation_id": "', 'orrelation', 'cOrrelation',
    'Trace ID: ', 'trace_id=', 'stack trace', 'tracerror', 'Traceid', 'client-request-id: ', 'x-ms-request-id: ', 'request-id', 'quest-id',
    'https://login.microsoftonline.com/tenant-x/oauth2/v2.0/token', 'POST /common/oauth2/token', 'oauth2/', 'oauth2', 'h2/', ' client_id=',
    '/tenant-x/v2.0/.well-known/openid-configuration', '/.well-known/openid-configuratio', '.well-known/openid-configuration', 'oauth2/.well-known/openid-configuration',
    '/common/discovery/instance?api-version=1.1', '/discovery/instanceyJ', 'discovery/instance', '/discovery/v2.0/keys', 'request-id/discovery/instance',
    'http://127.0.0.1:41741/msi/token?api-version=2019-08-01', '/MSI/token/', 'mSi/token', 'msi/toke', 'si/token', '/metadata/identity/oauth2/token', '/.', '/d', '/t', '/m',
    ' : @azure/msal-browser@5.30.0 : Verbose - 0wcnep', '@azure/msal-common@16.17.0', '@azure/msal-node@7.2.3', '@azure/msal-', '@azure/msal-b', '@azure/msal-c',
    '@azure/msal', 'azure/msal-b', '/msal-', '@Azure/msal-browser', '@azure/msal-Browser', '@azure/msi/token',
    '2026-11-20T09:00:01.123Z ', '2026-11-20 09:00:01,123 ', '[Fri, 20 Nov 2026 09:14:03 GMT] ', '"timestamp": "2026-11-20 09:00:05Z"', 'Timestamp: 2026-11-20 09:00:06Z',
    '\n', '\n', '\n', '   ', '\t', '}', ']', ' ', ': ', '=', "'", '"', '\0', 'é', 'AA', 'rr', 'q', 'h2',
  ),
  fc.constantFrom(...GUIDS),
  fc.string({ maxLength: 12 }),
);
const logBytes = fc.array(piece, { maxLength: 120 }).map((parts) => enc.encode(parts.join('')));

describe('SIMD pre-filter', () => {
  it('is available in Node (otherwise these tests would compare the portable finder with itself)', () => {
    expect(simd).not.toBeNull();
  });

  it('lists the same hits, newline and NUL counts as the portable finder on the sample logs', () => {
    for (const path of SAMPLES) {
      const bytes = readFileSync(path);
      const a = hitsOf(simd!, bytes);
      expect(a.hits.length, path).toBeGreaterThan(5);
      expect(a, path).toEqual(hitsOf(findHitsJs, bytes));
    }
  });

  it('agrees with the portable finder on random and hostile text', () => {
    fc.assert(
      fc.property(logBytes, (bytes) => {
        expect(hitsOf(simd!, bytes)).toEqual(hitsOf(findHitsJs, bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('finds literals cut by the kernel window edge, and none across a block edge', () => {
    const forms = ['AADSTS9', 'xError: ', ' eyJ', 'Correlation', 'Trace', 'client-request-id', 'oauth2/', '\n', '\0', '/.well-known/openid-configuration', '/discovery/instance', 'MSI/token', 'msi/token', '@azure/msal-common@16.17.0', '@azure/msal-browser', '@azure/msal-node'];
    for (const form of forms) {
      for (let shift = 0; shift <= Math.max(12, form.length + 1); shift++) {
        const text = 'x'.repeat(WINDOW - shift) + form + '\n' + 'y'.repeat(WINDOW + 5) + form;
        const bytes = enc.encode(text);
        const a = hitsOf(simd!, bytes);
        expect(a, `${JSON.stringify(form)} at ${WINDOW - shift}`).toEqual(hitsOf(findHitsJs, bytes));
      }
    }
    // A literal cut by the end of a block is not completed with bytes that happen to follow in memory.
    const backing = enc.encode('abc AADSTS50076\n');
    const cut = backing.subarray(0, 8);
    expect(hitsOf(simd!, cut).hits).toEqual([]);
    const tail = backing.subarray(5);
    expect(hitsOf(simd!, tail).hits).toEqual([]);
    // The same for the longest literal, and for one confirmed by the bytes before its candidate.
    const url = enc.encode('x /.well-known/openid-configuration msi/token\n');
    expect(hitsOf(simd!, url).hits.map((h) => h[1])).toEqual([Hit.OpenIdConfig, Hit.AppServiceMsi]);
    for (let end = 3; end < 35; end++) expect(hitsOf(simd!, url.subarray(0, end)).hits).toEqual([]);
    expect(hitsOf(simd!, url.subarray(37)).hits).toEqual([]);
  });

  it('lists the same hits as the portable finder on the real library logs, discovery and App Service URLs and MSAL.js prefixes included', () => {
    const dir = 'test/fixtures/logs';
    const kinds = new Set<number>();
    for (const library of readdirSync(dir)) {
      for (const file of readdirSync(`${dir}/${library}`).filter((f) => f.endsWith('.log'))) {
        const bytes = readFileSync(`${dir}/${library}/${file}`);
        const a = hitsOf(simd!, bytes);
        for (const h of a.hits) kinds.add(h[1]!);
        expect(a, `${library}/${file}`).toEqual(hitsOf(findHitsJs, bytes));
      }
    }
    expect(kinds.has(Hit.OpenIdConfig) && kinds.has(Hit.AppServiceMsi) && kinds.has(Hit.MsalJs)).toBe(true);
  });

  it('tells the literals that end alike apart (correlation, openid-configuration, msi/token; trace, discovery/instance)', () => {
    const bytes = enc.encode('Correlation /.well-known/openid-configuration MSI/token Trace /discovery/instance tracerror\n');
    const kinds = [Hit.Correlation, Hit.OpenIdConfig, Hit.AppServiceMsi, Hit.Trace, Hit.InstanceDiscovery, Hit.Trace];
    expect(hitsOf(findHitsJs, bytes).hits.map((h) => h[1])).toEqual(kinds);
    expect(hitsOf(simd!, bytes).hits.map((h) => h[1])).toEqual(kinds);
  });

  it('counts NUL bytes and the first one, as the portable finder does', () => {
    const bytes = enc.encode('a\0b\nAADSTS1\0\0\n');
    expect(hitsOf(simd!, bytes).stats).toEqual({ newlines: 2, nuls: 3, firstNul: 1 });
    expect(hitsOf(findHitsJs, bytes).stats).toEqual({ newlines: 2, nuls: 3, firstNul: 1 });
  });
});

describe('scanner on either pre-filter', () => {
  it('gives identical summaries and findings for random logs and chunkings', () => {
    fc.assert(
      fc.property(logBytes, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 9 }), (bytes, chunk, burstMin) => {
        const { a, b, fa, fb } = scanBoth(bytes, chunk, { burstMinRequests: burstMin, maxCorrelations: 2, maxCodes: 3 });
        expect(a).toEqual(b);
        expect(fa).toEqual(fb);
        // Chunking never changes the answer.
        expect(a).toEqual(withFinder(simd!, () => scanText(new TextDecoder().decode(bytes), { burstMinRequests: burstMin, maxCorrelations: 2, maxCodes: 3 })));
      }),
      { numRuns: 200 },
    );
  });

  it('gives identical summaries on the sample logs, in one piece and in 1 KiB chunks', () => {
    for (const path of SAMPLES) {
      const bytes = readFileSync(path);
      for (const chunk of [bytes.length, 1024]) {
        const { a, b, fa, fb } = scanBoth(bytes, chunk);
        expect(a.codes.length + a.errors.length, path).toBeGreaterThan(0);
        expect(a, path).toEqual(b);
        expect(fa, path).toEqual(fb);
      }
    }
  });

  it('gives identical summaries on a log longer than one kernel window with lines across window edges', () => {
    const lines: string[] = [];
    for (let i = 0; lines.join('\n').length < 3 * WINDOW; i++) {
      const g = GUIDS[i % 3]!;
      lines.push(
        i % 7 === 0
          ? `2026-11-20T09:${String(i % 60).padStart(2, '0')}:00Z ERROR {'error': 'invalid_grant', 'error_description': 'AADSTS70008: expired. Trace ID: ${GUIDS[(i + 1) % 3]} Correlation ID: ${g}'}`
          : i % 5 === 0
            ? `2026-11-20T09:00:00Z POST https://login.microsoftonline.com/t/oauth2/v2.0/token client_id=${g}`
            : `2026-11-20T09:00:00Z INFO request ${i} ok; error rate 0.${i % 10}; token ${i % 13 === 0 ? JWT : '-'}`,
      );
    }
    const bytes = enc.encode(lines.join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(2 * WINDOW);
    const { a, b } = scanBoth(bytes, bytes.length);
    expect(a.codes[0]?.count).toBeGreaterThan(10);
    expect(a.bursts.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});

describe('codes read from the bytes', () => {
  it('match AADSTS_RE: 1 to 9 digits, none after', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,12}[a-z .]?$/), (digits) => {
        const text = `x AADSTS${digits}\n`;
        AADSTS_RE.lastIndex = 2;
        const m = AADSTS_RE.exec(text);
        expect(scanText(text).codes.map((c) => c.code)).toEqual(m ? [Number(m[1])] : []);
      }),
      { numRuns: 500 },
    );
    expect(scanText('AADSTS123456789\nAADSTS1234567890\nAADSTS007\n').codes.map((c) => c.code)).toEqual([123456789, 7]);
  });
});

describe('nested scans', () => {
  it('a scan started from an onFinding callback leaves the outer scan intact', () => {
    setBytePlatform({ findHits: defaultFindHits });
    try {
      const text = readFileSync(SAMPLES[0]!, 'utf8');
      const plain = scanText(text);
      const inner: number[] = [];
      const nested = scanText(text, { onFinding: (f) => void (f.kind === 'aadsts' && inner.push(scanText(`x ${f.value}\ny ${f.value}\n`).codes[0]!.count)) });
      expect(nested).toEqual(plain);
      expect(inner.length).toBeGreaterThan(0);
      expect(new Set(inner)).toEqual(new Set([2]));
    } finally {
      setBytePlatform({ findHits: simd! });
    }
  });
});

describe('timestamps read by hand', () => {
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  it('give exactly what Date.parse gives, and fall back to it for every other shape', () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 0, max: 9999 }),
          mo: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
          h: fc.integer({ min: 0, max: 25 }),
          mi: fc.integer({ min: 0, max: 60 }),
          s: fc.integer({ min: 0, max: 61 }),
          sep: fc.constantFrom('T', ' '),
          frac: fc.constantFrom('', '.1', '.12', '.123', ',123', '.1234567', ',123456789'),
          zone: fc.constantFrom('', 'Z', '+01:30', '-08:00', '+0100', '+24:00', '-00:60'),
        }),
        (t) => {
          const ts = `${pad(t.y, 4)}-${pad(t.mo, 2)}-${pad(t.d, 2)}${t.sep}${pad(t.h, 2)}:${pad(t.mi, 2)}:${pad(t.s, 2)}${t.frac}${t.zone}`;
          expect(timestampMs(ts)).toBe(timestampMsParsed(ts));
        },
      ),
      { numRuns: 3000 },
    );
    expect(timestampMs('2026-11-20T09:14:03.123Z')).toBe(Date.UTC(2026, 10, 20, 9, 14, 3, 123));
    expect(timestampMs('2026-11-20 09:14:03,123456 ')).toBe(timestampMsParsed('2026-11-20 09:14:03,123456 '));
    expect(timestampMs('Fri, 20 Nov 2026 09:14:03 GMT')).toBe(Date.UTC(2026, 10, 20, 9, 14, 3));
  });
});

describe('reused read buffers', () => {
  it('a caller that refills one buffer between pushes gets the same summary as one piece', () => {
    const bytes = readFileSync(SAMPLES[2]!);
    const whole = scanText(bytes.toString('utf8'));
    for (const size of [5, 333, 4096]) {
      const s = createScanner();
      const buf = Buffer.alloc(size);
      for (let o = 0; o < bytes.length; o += size) {
        const n = bytes.copy(buf, 0, o, Math.min(bytes.length, o + size));
        s.push(buf.subarray(0, n));
        buf.fill(0x41); // scribble over it: nothing kept may point into it
      }
      expect(s.end(), `size ${size}`).toEqual(whole);
    }
  });

  it('scanFile gives the same summary as scanText at any read size, with a line longer than a read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-lens-scan-'));
    try {
      const text = readFileSync(SAMPLES[0]!, 'utf8') + `long ${'z'.repeat(20_000)} AADSTS50076 Correlation ID: ${GUIDS[0]}\n` + readFileSync(SAMPLES[1]!, 'utf8');
      const file = join(dir, 'log.txt');
      writeFileSync(file, text);
      const whole = scanText(text);
      expect(whole.codes.some((c) => c.code === 50076)).toBe(true);
      for (const chunkSize of [4096, 5000, 65536, 1 << 20]) {
        const { input, ...fromFile } = await scanFile(file, { chunkSize });
        expect(fromFile, `read ${chunkSize}`).toEqual(whole);
        expect(input).toMatchObject({ encoding: 'utf-8', compression: null, bytesRead: whole.bytes });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
