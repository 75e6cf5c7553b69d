// The Retry timeline drawn from a log's requests: which requests a choice selects, the waits between
// them as the app made them, and the decision read off each answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/scan/index';
import { logTimeline, selectLogRequests } from '../../src/core/scan/log-timeline';
import { parseHostMessage } from '../../src/protocol';

const fixture = (name: string) => scanText(readFileSync(join(__dirname, '..', 'fixtures', 'logs', name), 'utf8'));

describe('log timeline', () => {
  it('draws the throttled requests of a real log with the waits the library made and Retry-After on each', () => {
    const s = fixture('msal-python/throttle.log');
    const drawn = logTimeline(s.requests!, {}, 'throttle.log', s.requestFlags)!;
    expect(drawn.lines).toEqual(s.requests!.map((r) => r.line));
    // MSAL fetched the OpenID configuration first; then the two throttled token requests.
    const [discovery, first, second] = drawn.timeline.attempts;
    expect([discovery!.method, discovery!.httpStatus, discovery!.decision]).toEqual(['GET', 200, 'done']);
    expect(discovery!.url).toMatch(/ · discovery$/);
    // Each row says what was asked, so a 200 before the 429s reads as the discovery it was.
    expect(discovery!.reason).toMatch(/^Line \d+, authority discovery: HTTP 200;/);
    expect(first!.reason).toMatch(/^Line \d+, token request: HTTP 429;/);
    expect(first!.httpStatus).toBe(429);
    expect(first!.waitMs).toBe(s.requests![2]!.waitBeforeMs);
    expect(second!.startMs).toBe(first!.startMs + first!.waitMs);
    expect(first!.decision).toBe('retry');
    expect(second!.decision).toBe('stop');
    expect(drawn.timeline.final.category).toBe('throttled');
    // What the panel is sent passes the protocol.
    const message = { type: 'show', view: 'timeline', timeline: drawn.timeline, log: { documentUri: 'file:///x.log', fileName: 'throttle.log', lines: drawn.lines } };
    expect(parseHostMessage(message)).toBeDefined();
  });

  it('selects by correlation id or by lines; an empty choice draws nothing', () => {
    const s = fixture('msal-python/expired-refresh.log');
    const requests = s.requests!;
    const last = requests[requests.length - 1]!;
    const id = last.correlationId!;
    expect(selectLogRequests(requests, { correlationId: id.toUpperCase() }).map((r) => r.line)).toEqual([last.line]);
    expect(selectLogRequests(requests, { fromLine: last.line }).map((r) => r.line)).toEqual([last.line]);
    expect(logTimeline(requests, { correlationId: '00000000-0000-0000-0000-000000000000' }, 'x.log')).toBeNull();
    // The pattern flagged on these lines is a note on the timeline.
    const drawn = logTimeline(requests, {}, 'x.log', s.requestFlags)!;
    expect(drawn.timeline.notes).toHaveLength(1);
    expect(drawn.timeline.attempts.at(-1)!.networkError).toBe('from the library cache');
  });

  it('device-code polls wait, they do not retry', () => {
    const s = fixture('msal-python/device-pending.log');
    const drawn = logTimeline(s.requests!, {}, 'x.log')!;
    const polls = drawn.timeline.attempts.filter((_, i) => s.requests![i]!.endpoint === 'token').slice(0, -1);
    expect(polls.length).toBeGreaterThan(2);
    expect(polls.every((a) => a.decision === 'wait' && a.classification.category === 'pending')).toBe(true);
  });
});
