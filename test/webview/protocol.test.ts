// The host↔webview protocol and the timeline geometry, in Node: what passes, what is dropped, and
// that parsing never throws whatever arrives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeRejectedMessage,
  isAllowedExternalUrl,
  MAX_HOST_MESSAGE_CHARS,
  MAX_WEBVIEW_MESSAGE_CHARS,
  parseHostMessage,
  parseWebviewMessage,
} from '../../src/protocol';
import { DECODED, LOOKUP, LOOKUP_RESULTS, RESPONSE, CLAIMS, scanMessage, timelineMessage } from './fixtures';
import { layoutTimeline, LABEL_WIDTH, DECISION_WIDTH, ROW_HEIGHT } from '../../src/webview/timeline-layout';
import { persistable, restoreState } from '../../src/panel-state';
import type { Timeline } from '../../src/core/types';

describe('parseHostMessage', () => {
  it('accepts every message the panel is sent', () => {
    for (const message of [RESPONSE, LOOKUP, LOOKUP_RESULTS, CLAIMS, scanMessage(), timelineMessage(1), timelineMessage(20, true), { type: 'error', message: 'x' }]) {
      expect(parseHostMessage(message), JSON.stringify(message).slice(0, 80)).toEqual(message);
    }
  });

  it('rejects unknown types, wrong views, missing fields, wrong enums and non-objects', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'show',
      7,
      [],
      { type: 'nope' },
      { type: 'show' },
      { type: 'show', view: 'settings' },
      { ...RESPONSE, classification: { ...(RESPONSE as { classification: object }).classification, category: 'bogus' } },
      { type: 'show', view: 'claims', token: { ...DECODED, signature: { present: true, status: 'trusted', note: '' } } },
      { type: 'show', view: 'scan', summary: { bytes: -1 }, documentUri: 'file:///a', fileName: 'a' },
      { type: 'lookupResults', query: 'x' },
      { type: 'error', message: 42 },
    ];
    for (const message of bad) expect(parseHostMessage(message), JSON.stringify(message)?.slice(0, 80)).toBeUndefined();
  });

  it('rejects oversized messages before validating them', () => {
    const scan = scanMessage();
    if (scan.view !== 'scan') throw new Error('fixture');
    const tokens = Array.from({ length: Math.ceil(MAX_HOST_MESSAGE_CHARS / 30) }, (_, i) => ({ line: i + 1, redacted: 'eyJ…[redacted token]' }));
    const big = { ...scan, summary: { ...scan.summary, tokens } };
    expect(parseHostMessage(big)).toBeUndefined();
    expect(describeRejectedMessage(big)).toMatch(/too large/);
    // The same shape under the limit passes.
    expect(parseHostMessage({ ...scan, summary: { ...scan.summary, tokens: tokens.slice(0, 100) } })).toBeDefined();
  });

  it('never throws on hostile values: cycles, BigInt, throwing getters, proxies', () => {
    const cyclic: Record<string, unknown> = { type: 'error' };
    cyclic.message = cyclic;
    const getter = Object.defineProperty({ type: 'error' }, 'message', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    for (const value of [cyclic, { type: 'error', message: 1n }, getter, proxy]) {
      expect(() => parseHostMessage(value)).not.toThrow();
      expect(parseHostMessage(value)).toBeUndefined();
      expect(() => parseWebviewMessage(value)).not.toThrow();
      expect(() => describeRejectedMessage(value)).not.toThrow();
    }
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (value) => {
        expect(parseHostMessage(value)).toBeUndefined();
        expect(parseWebviewMessage(value)).toBeUndefined();
        expect(typeof describeRejectedMessage(value)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseWebviewMessage', () => {
  it('accepts the webview messages and nothing else', () => {
    const good = [
      { type: 'ready' },
      { type: 'revealLine', documentUri: 'file:///a.log', line: 3 },
      { type: 'lookup', query: '50076' },
      { type: 'selectCode', vocabulary: 'aadsts', code: '50076' },
      { type: 'selectCode', vocabulary: 'msal-js', code: 'interaction_in_progress', name: null },
      { type: 'copy', text: 'x' },
      { type: 'openExternal', url: 'https://login.microsoftonline.com/error?code=50076' },
      { type: 'openExternal', url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes' },
      { type: 'switchView', view: 'timeline' },
      { type: 'log', level: 'warn', message: 'dropped' },
    ];
    for (const message of good) expect(parseWebviewMessage(message)).toEqual(message);
    const bad = [
      { type: 'revealLine', documentUri: 'file:///a.log', line: 0 },
      { type: 'revealLine', documentUri: 'file:///a.log', line: 1.5 },
      { type: 'lookup', query: 'x'.repeat(201) },
      { type: 'selectCode', code: -1 },
      { type: 'selectCode', vocabulary: 'nope', code: '50076' },
      { type: 'selectCode', code: 50076 },
      { type: 'switchView', view: 'settings' },
      { type: 'log', level: 'fatal', message: 'x' },
      { type: 'copy', text: 'x'.repeat(MAX_WEBVIEW_MESSAGE_CHARS) },
      { type: 'show', view: 'response' },
    ];
    for (const message of bad) expect(parseWebviewMessage(message), JSON.stringify(message).slice(0, 80)).toBeUndefined();
  });

  it('opens only plain https links to the two Microsoft hosts', () => {
    const allowed = ['https://login.microsoftonline.com/error?code=1', 'https://learn.microsoft.com/', 'https://LEARN.microsoft.com/en-us/entra'];
    const refused = [
      'javascript:alert(1)',
      'http://learn.microsoft.com/',
      'https://learn.microsoft.com.evil.example/',
      'https://evil.example/learn.microsoft.com',
      'https://user:pw@learn.microsoft.com/',
      'https://learn.microsoft.com:8443/',
      'https://login.microsoftonline.com\\@evil.example/',
      'data:text/html,hi',
      'file:///etc/passwd',
      'vscode://settings',
      'not a url',
      '',
    ];
    for (const url of allowed) expect(isAllowedExternalUrl(url), url).toBe(true);
    for (const url of refused) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
      expect(parseWebviewMessage({ type: 'openExternal', url })).toBeUndefined();
    }
  });
});

describe('persisted state', () => {
  it('strips every token string and survives a round trip through restoreState', () => {
    const claims = persistable(CLAIMS);
    const timeline = persistable(timelineMessage(2, true));
    const scan = persistable(scanMessage());
    const state = { version: 1, view: 'claims', shown: { claims, timeline, scan } };
    const json = JSON.stringify(state);
    expect(json).not.toContain(DECODED.redacted);
    expect(json).not.toContain('[redacted token]');
    expect(restoreState(JSON.parse(json))).toEqual(state);
    expect(restoreState({ version: 99, view: 'claims', shown: { claims } }).shown).toEqual({});
    expect(restoreState({ version: 1, view: 'elsewhere', shown: { claims: RESPONSE } })).toEqual({ version: 1, view: 'response', shown: {} });
  });
});

describe('timeline layout', () => {
  function boxesOverlap(t: Timeline, width: number): string[] {
    const layout = layoutTimeline(t, width);
    const problems: string[] = [];
    for (const [i, row] of layout.rows.entries()) {
      if (row.barX < layout.chartX || row.barX + row.barWidth > layout.chartX + layout.chartWidth + 0.001) problems.push(`bar ${i} leaves the chart`);
      if (row.waitX + row.waitWidth > layout.chartX + layout.chartWidth + 0.001) problems.push(`wait ${i} leaves the chart`);
      if (i > 0 && row.y - layout.rows[i - 1]!.y !== ROW_HEIGHT) problems.push(`row ${i} is not one row below the last`);
    }
    for (let i = 1; i < layout.ticks.length; i++) {
      if (layout.ticks[i]!.x - layout.ticks[i - 1]!.x < 60) problems.push(`ticks ${i - 1} and ${i} are too close`);
    }
    return problems;
  }

  it('fits 1 to 40 attempts at narrow and wide widths, one row per attempt, ticks spaced apart', () => {
    for (const count of [1, 2, 5, 20, 40]) {
      for (const width of [320, 520, 1000, 1600]) {
        const message = timelineMessage(count);
        if (message.view !== 'timeline') throw new Error('fixture');
        expect(boxesOverlap(message.timeline, width), `${count} attempts at ${width}px`).toEqual([]);
        const layout = layoutTimeline(message.timeline, width);
        expect(layout.rows).toHaveLength(count);
        expect(layout.width).toBeGreaterThanOrEqual(LABEL_WIDTH + DECISION_WIDTH + 100);
      }
    }
  });

  it('keeps zero-length and huge durations visible and inside the chart', () => {
    const message = timelineMessage(3);
    if (message.view !== 'timeline') throw new Error('fixture');
    const t = message.timeline;
    const odd: Timeline = {
      ...t,
      totalMs: 0,
      attempts: [
        { ...t.attempts[0]!, startMs: 0, durationMs: 0, waitMs: 0 },
        { ...t.attempts[1]!, startMs: 0, durationMs: 3_600_000, waitMs: 120_000 },
      ],
    };
    const layout = layoutTimeline(odd, 800);
    expect(layout.rows[0]!.barWidth).toBeGreaterThanOrEqual(4);
    expect(boxesOverlap(odd, 800)).toEqual([]);
  });
});

describe('token views in the protocol (both directions)', () => {
  it('host → webview: compare, tokenApi and a verified claims message pass as built; wrong shapes are dropped', async () => {
    const { tokenViewMessages } = await import('./token-fixtures');
    const m = await tokenViewMessages();
    for (const message of [m.compare, m.tokenApi, m.claims]) expect(parseHostMessage(message)).toEqual(JSON.parse(JSON.stringify(message)));
    const bad: unknown[] = [
      { ...m.tokenApi, diagnosis: { ...m.tokenApi.diagnosis, problem: 'looks_fine' } },
      { ...m.tokenApi, diagnosis: { ...m.tokenApi.diagnosis, steps: [{ text: 'x', who: 'nobody' }] } },
      { ...m.tokenApi, diagnosis: { ...m.tokenApi.diagnosis, tokenFindings: [{ check: 'aud', ok: 'yes', detail: '' }] } },
      { ...m.claims, verification: { ...m.claims.verification, signature: { ...m.claims.verification!.signature, status: 'trusted' } } },
      { ...m.compare, comparison: { ...m.compare.comparison, differences: [{ claim: 'aud', matters: 'very', why: '' }] } },
      { type: 'show', view: 'compare' },
    ];
    for (const message of bad) expect(parseHostMessage(message), JSON.stringify(message).slice(0, 120)).toBeUndefined();
    // The panel keeps these views across reloads; none of them holds a token string.
    const state = restoreState({ version: 1, view: 'tokenApi', shown: { compare: persistable(m.compare), tokenApi: persistable(m.tokenApi) } });
    expect(state.view).toBe('tokenApi');
    expect(Object.keys(state.shown).sort()).toEqual(['compare', 'tokenApi']);
    for (const token of m.tokens) expect(JSON.stringify(state)).not.toContain(token.split('.')[1]!.slice(0, 40));
  });

  it('webview → host: compareTokens and diagnoseApi with their size limits', () => {
    expect(parseWebviewMessage({ type: 'compareTokens', a: 'eyJa', b: 'eyJb' })).toEqual({ type: 'compareTokens', a: 'eyJa', b: 'eyJb' });
    expect(parseWebviewMessage({ type: 'diagnoseApi', text: 'HTTP/1.1 401' })).toEqual({ type: 'diagnoseApi', text: 'HTTP/1.1 401' });
    expect(parseWebviewMessage({ type: 'diagnoseApi', text: 'HTTP/1.1 401', token: 'eyJ' })).toEqual({ type: 'diagnoseApi', text: 'HTTP/1.1 401', token: 'eyJ' });
    for (const bad of [
      { type: 'compareTokens', a: 'eyJa' },
      { type: 'compareTokens', a: '', b: 'eyJb' },
      { type: 'compareTokens', a: 'x'.repeat(64 * 1024 + 1), b: 'eyJb' },
      { type: 'diagnoseApi', text: '' },
      { type: 'diagnoseApi', text: 'x', token: 7 },
      { type: 'diagnoseApi', text: 'x'.repeat(100_001) },
    ]) {
      expect(parseWebviewMessage(bad), JSON.stringify(bad).slice(0, 80)).toBeUndefined();
    }
  });
});
