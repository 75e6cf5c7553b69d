// The scanner's counting and grouping state, driven with lines and values only (no bytes, no scanner).
import { describe, expect, it } from 'vitest';
import { createScanState } from '../../src/core/scan/state';

describe('scan state', () => {
  it('counts codes and errors, and knows a polling answer from a failure', () => {
    const s = createScanState();
    expect(s.countCode(70016, 3)).toBe(true);
    expect(s.countCode(50126, 4)).toBe(false);
    expect(s.countCode(50126, 9)).toBe(false);
    expect(s.countError('authorization_pending', 5)).toBe(true);
    expect(s.countError('invalid_grant', 6)).toBe(false);
    const out = s.finish();
    expect(out.codes.map((c) => [c.code, c.count, c.firstLine, c.lastLine])).toEqual([
      [50126, 2, 4, 9],
      [70016, 1, 3, 3],
    ]);
    expect(out.errors.find((e) => e.error === 'authorization_pending')?.pending).toBe(true);
    expect(out.errors.find((e) => e.error === 'invalid_grant')?.pending).toBe(false);
  });

  it('ties an error written a few lines before a correlation id to that id, within one record only', () => {
    const s = createScanState();
    s.startRecord(10);
    s.relate({ line: 10, error: 'invalid_grant', ts: null }, null);
    s.relate({ line: 11, code: 50126, ts: null }, null);
    expect(s.correlationSeen('3f2a0000-0000-4000-8000-000000000001', 12, '2026-12-01T10:00:00Z')).toBe('3f2a0000-0000-4000-8000-000000000001');
    // A new record far below: its error stays unattached.
    s.startRecord(60);
    s.relate({ line: 60, error: 'invalid_client', ts: null }, null);
    const [g] = s.finish().correlations;
    expect(g!.errors).toEqual(['invalid_grant']);
    expect(g!.codes).toEqual([50126]);
    expect(g!.lines).toEqual([10, 11, 12]);
    expect(g!.pending).toBe(false);
  });

  it('reports a burst of token requests for one client, and never counts device-code polls as one', () => {
    const loop = createScanState({ burstMinRequests: 4 });
    for (let i = 0; i < 5; i++) loop.tokenRequest('client a', 100 + i, `2026-12-01T10:00:0${i}Z`, false, false);
    const bursts = loop.finish().bursts;
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ firstLine: 100, lastLine: 104, requests: 5, windowSeconds: 4 });

    const polling = createScanState({ burstMinRequests: 4 });
    polling.tokenRequest('client a', 1, '2026-12-01T10:00:00Z', false, true);
    for (let i = 0; i < 6; i++) polling.tokenRequest('client a', 2 + i, `2026-12-01T10:00:0${i + 1}Z`, false, false);
    expect(polling.finish().bursts).toEqual([]);
  });

  it('keeps memory bounded: codes over the cap are counted in a warning, not listed', () => {
    const s = createScanState({ maxCodes: 2 });
    for (const code of [50126, 50076, 70011, 700016]) s.countCode(code, 1);
    const out = s.finish();
    expect(out.codes).toHaveLength(2);
    expect(out.warnings.join(' ')).toMatch(/2 mention\(s\) of further AADSTS codes were not counted/);
  });
});
