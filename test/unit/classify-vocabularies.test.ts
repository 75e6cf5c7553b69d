// The vocabularies beyond Entra's own, as developers paste them: library error codes and fixed
// messages, API error bodies, claims challenges written any way, codes outside the published list,
// status and waits in prose. Each input is a file in test/fixtures/classify-vocab; expected.json holds
// what Auth Lens must answer for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify/index';
import { sniff, extract } from '../../src/core/classify/extract';

const DIR = join(__dirname, '..', 'fixtures', 'classify-vocab');

interface Expected {
  category: string;
  appAction?: string;
  source?: string;
  httpStatus?: number;
  retryable?: boolean;
  retryAfterSeconds?: number;
  aadsts?: number[];
  correlationId?: string;
  claimsChallenge?: string;
  /** The catalog entry (code) the input must resolve to. */
  entry?: string;
  /** Words the next steps must contain / must not contain. */
  steps?: string[];
  notSteps?: string[];
  summaryMatches?: string;
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe('classification across vocabularies', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const c = classify(text);
    const { entry, steps, notSteps, summaryMatches, ...fields } = want;
    expect(c).toMatchObject(fields);
    if (entry) expect(extract(text, sniff(text), new Date()).known?.code ?? c.summary).toBe(entry);
    const joined = c.nextSteps.join('\n');
    for (const s of steps ?? []) expect(joined).toContain(s);
    for (const s of notSteps ?? []) expect(joined).not.toContain(s);
    if (summaryMatches) expect(c.summary).toMatch(new RegExp(summaryMatches));
    // Every step still says who acts, and the summary is one sentence.
    for (const step of c.nextSteps) expect(step).toMatch(/^(Developer|User|Admin|Note)\b/);
    expect(c.summary.endsWith('.')).toBe(true);
  });

  it('a library error quoted in ordinary text is not mistaken for one without its class or key', () => {
    expect(classify('We talked about interaction in progress and state in the meeting.').category).toBe('unknown');
  });
});
