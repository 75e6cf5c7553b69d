import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createScanner, findAtPosition, scanText } from '../../src/core/scan/index';
import { CORRELATION_RE, ERROR_VALUE_RE } from '../../src/core/scan/patterns';
import { CORRELATION_GAP, errorValueAt, guidStartNear } from '../../src/core/scan/scanner';
import { scanFile, ScanInputError, scanStream } from '../../src/core/scan/node';
import type { ScanSummary } from '../../src/core/types';
import { FAKE_SIGNATURE, makeJwt, v2Delegated } from '../fixtures/jwt/make';
import { DEVICE_FLOW_CORRELATION, deviceFlowLog } from '../fixtures/scan/device-code';

const MIXED = readFileSync('test/fixtures/scan/mixed.log', 'utf8');
const SAMPLES = ['samples/msal-python-app.log', 'samples/msal-node-app.log', 'samples/msal-dotnet-app.log'];

function scanChunked(input: string | Uint8Array, size: number): ScanSummary {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const s = createScanner();
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  return s.end();
}

describe('scanText: counts and grouping', () => {
  const s = scanText(MIXED);

  it('counts lines and bytes', () => {
    expect(s.lines).toBe(10);
    expect(s.bytes).toBe(Buffer.byteLength(MIXED));
  });

  it('counts codes once per line with first/last line and catalog data', () => {
    expect(s.codes.map((c) => [c.code, c.count, c.firstLine, c.lastLine])).toEqual([
      [50076, 2, 4, 6],
      [7000215, 1, 3, 3],
    ]);
    expect(s.codes.find((c) => c.code === 50076)!.category).toBe('interaction_required');
  });

  it('finds error values in JSON, repr, form and ErrorCode contexts, not suberror', () => {
    const errors = Object.fromEntries(s.errors.map((e) => [e.error, e.count]));
    expect(errors).toEqual({ invalid_client: 1, interaction_required: 1, access_denied: 1, invalid_grant: 1 });
  });

  it('groups by correlation id, including ids a few lines after the failure', () => {
    const byId = Object.fromEntries(s.correlations.map((g) => [g.correlationId, g]));
    expect(Object.keys(byId).sort()).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
      'aaaaaaaa-0000-4000-8000-000000000002',
      'aaaaaaaa-0000-4000-8000-000000000003',
    ]);
    const g2 = byId['aaaaaaaa-0000-4000-8000-000000000002']!;
    expect(g2).toMatchObject({ codes: [7000215], errors: ['invalid_client'], traceIds: ['bbbbbbbb-0000-4000-8000-000000000001'], lines: [3] });
    expect(g2.firstTimestamp).toBe('2026-11-20T09:00:02.000Z');
    const g3 = byId['aaaaaaaa-0000-4000-8000-000000000003']!;
    expect(g3.codes).toEqual([50076]);
    expect(g3.errors).toEqual(expect.arrayContaining(['interaction_required', 'invalid_grant']));
    expect(g3.lines).toEqual([4, 6, 7, 8]);
    expect(g3.lastTimestamp).toBe('2026-11-20T09:00:05.000Z');
  });

  it('reports findings in file order through onFinding', () => {
    const kinds: string[] = [];
    scanText(MIXED, { onFinding: (f) => kinds.push(`${f.line}:${f.kind}`) });
    expect(kinds).toContain('3:aadsts');
    expect(kinds).toContain('3:trace_id');
    expect(kinds).toContain('2:timestamp');
    const lines = kinds.map((k) => Number(k.split(':')[0]));
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });
});

describe('tokens', () => {
  it('lists JWTs redacted, never the signature or payload', () => {
    const jwt = makeJwt(v2Delegated());
    const s = scanText(`a\nAuthorization: Bearer ${jwt}\n{"id_token": "${jwt}"} ok.\n`);
    expect(s.tokens).toEqual([
      { line: 2, redacted: `${jwt.slice(0, 10)}…[redacted token]` },
      { line: 3, redacted: `${jwt.slice(0, 10)}…[redacted token]` },
    ]);
    expect(JSON.stringify(s)).not.toContain(FAKE_SIGNATURE);
  });

  it('ignores lone base64 JSON (client_info) and runs inside longer base64', () => {
    expect(scanText('client_info=eyJ1aWQiOiJ4In0 data=AAAeyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig\n').tokens).toEqual([]);
  });
});

describe('bursts', () => {
  const req = (t: string, client = '11111111-2222-3333-4444-555555555555') =>
    `2026-11-20T09:00:${t}Z DEBUG POST https://login.microsoftonline.com/tenant-x/oauth2/v2.0/token client_id=${client}`;

  it('flags many token requests for one client in a short window', () => {
    const lines = Array.from({ length: 10 }, (_, i) => req(String(10 + i)));
    const s = scanText(lines.join('\n') + '\n');
    expect(s.bursts).toHaveLength(1);
    expect(s.bursts[0]).toMatchObject({ firstLine: 1, lastLine: 10, requests: 10, windowSeconds: 9 });
    expect(s.bursts[0]!.message).toMatch(/10 token requests for client 11111111/);
  });

  it('does not flag requests spread out in time or below the threshold', () => {
    const spread = Array.from({ length: 10 }, (_, i) => `2026-11-20T${String(10 + i).padStart(2, '0')}:00:00Z POST /tenant/oauth2/v2.0/token`);
    expect(scanText(spread.join('\n')).bursts).toEqual([]);
    expect(scanText(Array.from({ length: 5 }, (_, i) => req(String(10 + i))).join('\n')).bursts).toEqual([]);
  });

  it('keeps clients apart', () => {
    const lines = Array.from({ length: 12 }, (_, i) => req(String(10 + i), i % 2 ? 'aaaaaaaa-2222-3333-4444-555555555555' : 'bbbbbbbb-2222-3333-4444-555555555555'));
    expect(scanText(lines.join('\n')).bursts).toEqual([]);
    expect(scanText(lines.join('\n'), { burstMinRequests: 6 }).bursts).toHaveLength(2);
  });

  it('without timestamps, uses line distance', () => {
    const lines = Array.from({ length: 9 }, () => 'POST /common/oauth2/token HTTP/1.1');
    expect(scanText(lines.join('\n')).bursts[0]).toMatchObject({ requests: 9, windowSeconds: 0 });
    expect(scanText(lines.join('\n'.repeat(60))).bursts).toEqual([]);
  });

  it('AADSTS50196 is a loop warning on its own', () => {
    const s = scanText('x\n{"error":"invalid_request","error_description":"AADSTS50196: loop"}\n');
    expect(s.bursts).toHaveLength(1);
    expect(s.bursts[0]).toMatchObject({ firstLine: 2, lastLine: 2 });
    expect(s.bursts[0]!.message).toMatch(/AADSTS50196/);
  });
});

describe('device-code polling', () => {
  it('lists authorization_pending, slow_down and AADSTS70016 as pending, and a group of only those as pending', () => {
    const s = scanText(deviceFlowLog());
    expect(s.errors.map((e) => [e.error, e.pending])).toEqual([['authorization_pending', true], ['slow_down', true]]);
    expect(s.codes).toMatchObject([{ code: 70016, category: 'pending' }]);
    expect(s.correlations).toMatchObject([{ correlationId: DEVICE_FLOW_CORRELATION, pending: true }]);
    expect(s.bursts).toEqual([]);
  });

  it('a flow that ends in a failure is not pending; other error values never are', () => {
    const s = scanText(deviceFlowLog({ end: 'expired' }));
    expect(s.errors.find((e) => e.error === 'expired_token')).toMatchObject({ pending: false });
    expect(s.correlations[0]!.pending).toBe(false);
    expect(scanText('{"error": "invalid_grant"} correlation_id=aaaaaaaa-0000-4000-8000-000000000000\n').correlations[0]!.pending).toBe(false);
  });

  it('token requests answered by a polling value, or after a devicecode request, are not a loop', () => {
    expect(scanText(deviceFlowLog({ devicecode: false })).bursts).toEqual([]);
    expect(scanText(deviceFlowLog({ answers: false })).bursts).toEqual([]);
    // Nothing in the log says device code: the same requests are a loop.
    expect(scanText(deviceFlowLog({ devicecode: false, answers: false })).bursts).toHaveLength(1);
  });

  it('the device-code grant named on the request line makes it a poll', () => {
    const line = (s: number) =>
      `2026-11-20T09:00:${String(10 + s).padStart(2, '0')}Z POST https://login.microsoftonline.com/common/oauth2/v2.0/token grant_type=urn:ietf:params:oauth:grant-type:device_code`;
    expect(scanText(Array.from({ length: 12 }, (_, i) => line(i * 4)).join('\n')).bursts).toEqual([]);
  });

  it('a real loop next to the polls is still flagged, counting only its own requests', () => {
    const loop = Array.from(
      { length: 10 },
      (_, i) => `2026-11-20 09:21:${String(10 + i).padStart(2, '0')},000 POST https://login.microsoftonline.com/tenant-x/oauth2/v2.0/token client_id=11111111-2222-3333-4444-555555555555`,
    );
    const s = scanText(deviceFlowLog() + loop.join('\n'));
    expect(s.bursts).toHaveLength(1);
    expect(s.bursts[0]).toMatchObject({ requests: 10 });
    expect(s.bursts[0]!.message).toMatch(/client 11111111/);
    // The same authority right after the polls: one run, its polls left out of the count.
    const again = Array.from({ length: 9 }, (_, i) => `2026-11-20 09:23:${String(15 + i).padStart(2, '0')},000 "POST /organizations/oauth2/v2.0/token HTTP/1.1" 400 512`);
    const mixed = scanText(deviceFlowLog({ devicecode: false, end: 'expired' }) + again.join('\n'));
    expect(mixed.bursts).toHaveLength(1);
    expect(mixed.bursts[0]).toMatchObject({ requests: 10 });
    expect(mixed.bursts[0]!.message).toMatch(/^10 token requests for organizations .*14 device-code poll\(s\) not counted/);
  });
});

describe('chunk edges', () => {
  const inputs: [string, string][] = [['mixed fixture', MIXED], ...SAMPLES.map((p): [string, string] => [p, readFileSync(p, 'utf8')])];
  for (const [name, text] of inputs) {
    it(`${name}: chunk sizes 1, 7, 4096 and whole give the same summary`, () => {
      const whole = scanText(text);
      expect(whole.codes.length).toBeGreaterThan(0);
      for (const size of [1, 7, 4096]) expect(scanChunked(text, size), `chunk ${size}`).toEqual(whole);
    });
  }

  it('finds a code split inside its name and a JWT split across pushes', () => {
    const jwt = makeJwt(v2Delegated());
    const s = createScanner();
    s.push('line one AAD');
    s.push('STS5007');
    s.push(`6 here\ntoken ${jwt.slice(0, 30)}`);
    s.push(`${jwt.slice(30)}\n`);
    const r = s.end();
    expect(r.codes.map((c) => [c.code, c.firstLine])).toEqual([[50076, 1]]);
    expect(r.tokens).toHaveLength(1);
    expect(r.lines).toBe(2);
  });

  it('same summary under random splits (property)', () => {
    const text = MIXED + readFileSync(SAMPLES[0]!, 'utf8').slice(0, 20000);
    const whole = scanText(text);
    const bytes = new TextEncoder().encode(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(bytes.length), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const s = createScanner();
        for (let i = 1; i < points.length; i++) s.push(bytes.subarray(points[i - 1]!, points[i]!));
        expect(s.end()).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });
});

describe('binary and hostile input', () => {
  it('warns on NUL bytes and keeps scanning the text parts', () => {
    const parts = [new TextEncoder().encode('start AADSTS50076\n'), new Uint8Array([0, 1, 2, 0, 255, 0, 10]), new TextEncoder().encode('end AADSTS7000215\n')];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const s = scanChunked(bytes, 5);
    expect(s.warnings.join(' ')).toMatch(/looks binary/);
    expect(s.codes.map((c) => c.code).sort()).toEqual([50076, 7000215]);
  });

  it('notes invalid UTF-8 without calling it binary', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('x AADSTS50076 '), 0xc3, 0x28, ...new TextEncoder().encode(' '.repeat(100) + '\n')]);
    const s = scanChunked(bytes, 1 << 20);
    expect(s.warnings.join(' ')).toMatch(/not valid UTF-8/);
    expect(s.codes).toHaveLength(1);
  });

  it('caps correlation groups and says so', () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `correlation_id=${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`);
    const s = scanText(lines.join('\n'));
    expect(s.correlations).toHaveLength(1000);
    expect(s.warnings.join(' ')).toMatch(/More than 1000 correlation IDs: 200/);
  });

  it.each([
    ['AADSTS', 'AADSTS'],
    ['eyJ', 'eyJ'],
    ['quotes', '"\''],
    ['error=', 'error='],
    ['Correlation ID: ', 'Correlation ID: '],
    ['oauth2/', 'oauth2/'],
  ])('1 MB of %s on one line finishes', (_name, unit) => {
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const s = scanText(text);
    expect(s.bytes).toBe(text.length);
    expect(s.lines).toBe(1);
  });

  it('a line longer than the cap is scanned in pieces with a note', () => {
    const s = createScanner({ maxLineBytes: 4096 });
    for (let i = 0; i < 10; i++) s.push('x'.repeat(1000) + (i === 5 ? ' AADSTS50076 ' : ''));
    const r = s.end();
    expect(r.codes.map((c) => c.code)).toEqual([50076]);
    expect(r.warnings.join(' ')).toMatch(/scanned in pieces/);
  });

  it('never throws on arbitrary text or bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (text, bytes, size) => {
        expect(scanText(text).bytes).toBe(Buffer.byteLength(text));
        expect(scanChunked(bytes, size).bytes).toBe(bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores pushes after end and non-byte chunks', () => {
    const s = createScanner();
    s.push(42 as unknown as string);
    s.push('AADSTS50076\n');
    const first = s.end();
    s.push('AADSTS7000215\n');
    expect(s.end()).toBe(first);
    expect(first.codes).toHaveLength(1);
  });
});

describe('scanFile / scanStream', () => {
  it('streams a file in small chunks with the same result as scanText', async () => {
    const { input, ...fromFile } = await scanFile(SAMPLES[0]!, { chunkSize: 4096 });
    expect(fromFile).toEqual(scanText(readFileSync(SAMPLES[0]!, 'utf8')));
    expect(input).toEqual({ encoding: 'utf-8', bom: false, compression: null, bytesRead: fromFile.bytes, offsets: 'file' });
  });

  it('rejects with a clear one-line error for a missing file', async () => {
    await expect(scanFile('no/such/file.log')).rejects.toThrow(ScanInputError);
    await expect(scanFile('no/such/file.log')).rejects.toThrow(/cannot read no\/such\/file.log: no such file/);
  });

  it('scans any readable and honours an abort signal', async () => {
    const r = await scanStream(Readable.from(['AADSTS5', '0076\n', 'x\n']));
    expect(r.codes.map((c) => c.code)).toEqual([50076]);
    const ac = new AbortController();
    ac.abort();
    await expect(scanStream(Readable.from(['a\n']), { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('findAtPosition', () => {
  it('finds an AADSTS code under the cursor with its range', () => {
    const line = 'ERROR AADSTS50076: mfa';
    expect(findAtPosition(line, 8)).toEqual({ kind: 'aadsts', value: 'AADSTS50076', code: 50076, start: 6, end: 17 });
    expect(findAtPosition(line, 2)).toBeNull();
  });

  it.each([
    ['{"error": "invalid_grant", "x": 1}', 'invalid_grant'],
    ["{'error': 'interaction_required'}", 'interaction_required'],
    ['callback?error=access_denied&state=1', 'access_denied'],
    ['   ErrorCode: invalid_client', 'invalid_client'],
  ])('finds the error value in %s', (line, value) => {
    const col = line.indexOf(value) + 3;
    const item = findAtPosition(line, col);
    expect(item).toMatchObject({ kind: 'error', value });
    expect(line.slice(item!.start, item!.end)).toBe(value);
  });

  it('does not treat a bare word as an error value', () => {
    const line = 'the invalid_grant case is discussed here';
    expect(findAtPosition(line, line.indexOf('invalid_grant') + 2)).toBeNull();
  });

  it('finds a JWT and a correlation id', () => {
    const jwt = makeJwt(v2Delegated());
    const line = `Authorization: Bearer ${jwt} Correlation ID: aaaaaaaa-0000-4000-8000-000000000002`;
    const item = findAtPosition(line, line.indexOf(jwt) + 50);
    expect(item).toMatchObject({ kind: 'jwt', value: jwt, start: line.indexOf(jwt), end: line.indexOf(jwt) + jwt.length });
    const c = findAtPosition(line, line.indexOf('aaaaaaaa') + 4);
    expect(c).toMatchObject({ kind: 'correlation_id', value: 'aaaaaaaa-0000-4000-8000-000000000002' });
  });

  it('inspects only a window around the column on huge lines', () => {
    const line = 'x'.repeat(5_000_000) + ' AADSTS50076 ' + 'y'.repeat(5_000_000);
    expect(findAtPosition(line, 5_000_004)).toMatchObject({ kind: 'aadsts', code: 50076, start: 5_000_001 });
    expect(findAtPosition(line, 10)).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: -5, max: 250 }), (line, col) => {
        findAtPosition(line, col);
      }),
      { numRuns: 500 },
    );
    expect(findAtPosition(undefined as unknown as string, 0)).toBeNull();
  });
});

describe('errorValueAt: ERROR_VALUE_RE read on the bytes', () => {
  // Both readings are asked at every `rror` of the text, so every prefix shape meets every value shape.
  function agree(text: string): void {
    const bytes = Buffer.from(text, 'latin1');
    for (let at = text.indexOf('rror'); at > 0; at = text.indexOf('rror', at + 1)) {
      const p = at - 1;
      if (text[p] !== 'e' && text[p] !== 'E') continue;
      ERROR_VALUE_RE.lastIndex = p;
      const m = ERROR_VALUE_RE.exec(text);
      const start = errorValueAt(bytes, p);
      const expected = m ? [m.index + m[0].length - m[1]!.length, m[1]] : [-1, undefined];
      expect([start, start < 0 ? undefined : text.slice(start, start + m![1]!.length)], JSON.stringify(text)).toEqual(expected);
    }
  }

  it('agrees with the regex on hand-picked keys and values', () => {
    const cases = [
      'error=invalid_grant', '"error": "invalid_client"', "'error': 'interaction_required'", 'ErrorCode: invalid_resource',
      'error_code=server_error', 'errorcode = temporarily_unavailable', 'ServerError: access_denied', '\\"error\\":\\"invalid_scope\\"',
      'error=invalid', 'error=Invalid_grant', 'error=invalid_Grant', 'error=invalid_grant_', 'error=invalid__grant',
      'error=a_b', 'error=ab_c', `error=${'a'.repeat(31)}_b`, `error=${'a'.repeat(32)}_b`, `error=ab_${'c'.repeat(30)}`,
      `error=ab_${'c'.repeat(31)}`, 'error=ab_c_d_e_f_g_h', 'error=ab_c_d_e_f_g_h_i', 'error=     invalid_grant', 'error     =x_y',
      'error:\tinvalid_grant\n', 'error=invalid_grant9', 'error=9invalid_grant', 'errorCod=x_y', 'error_cod=x_y', 'error\\=x_y',
      'error=\\x_y', 'error="', 'error', 'error=', 'error=ab', 'error=ab_', 'error=error=error=', "error: 'invalid_error: 'invalid_",
      'error=invalid_grant\u00e9', 'errorCode"  :  "ab_cd"',
    ];
    for (const c of cases) agree(c);
  });

  it('agrees with the regex on random text over the bytes the pattern cares about', () => {
    const piece = fc.constantFrom('error', 'Error', 'Code', 'code', '_code', '_', '"', "'", '\\', ' ', '\t', ':', '=', 'ab', 'x', '9', 'Z', 'invalid', '\n', 'é');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => agree(parts.join(''))), { numRuns: 3000 });
  });
});

describe('guidStartNear: the byte pre-check in front of CORRELATION_RE', () => {
  // The pre-check may let through what the regex then rejects, never the other way round.
  function neverDropsAMatch(text: string): void {
    const bytes = Buffer.from(text, 'latin1');
    for (let at = text.indexOf('orrelation'); at > 0; at = text.indexOf('orrelation', at + 1)) {
      CORRELATION_RE.lastIndex = at - 1;
      if (CORRELATION_RE.exec(text)) expect(guidStartNear(bytes, at - 1 + 11, CORRELATION_GAP), JSON.stringify(text)).toBe(true);
    }
  }

  it('passes every correlation id the regex takes, at the longest gaps it allows', () => {
    const guid = '0BDB8A49-2d7b-4a2b-9f5b-1c2d3e4f5a6b';
    for (const gap of ['', ' ', '_id', '-ID', ' Id\\"', 'Id]', ' id\\" \t \t:\t \t \\"  ', '\t\t\t\t=\t\t\t\t\\[\t\t', '    [  ']) {
      const text = `x correlation${gap}${guid} y`;
      neverDropsAMatch(text);
      CORRELATION_RE.lastIndex = 2;
      expect(CORRELATION_RE.test(text), JSON.stringify(text)).toBe(true);
    }
    // A run of "Correlation ID: " without an id is turned away on the bytes.
    expect(guidStartNear(Buffer.from('Correlation ID: '.repeat(4), 'latin1'), 11, CORRELATION_GAP)).toBe(false);
  });

  it('never drops a match on random text', () => {
    const piece = fc.constantFrom('correlation', 'Correlation', ' ', '\t', '_', '-', 'id', 'ID', '"', '\\', "'", '[', ']', ':', '=', '0bdb8a49', '2d7b', 'abc', '-4a2b-9f5b-1c2d3e4f5a6b');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => neverDropsAMatch(parts.join(''))), { numRuns: 3000 });
  });
});
