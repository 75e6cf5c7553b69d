// Real errors developers pasted in public threads (test/fixtures/real-errors; each expectation in
// expected.json comes from what the thread established as the cause, with its URL). Some labels are
// debatable (a bad scope is an app configuration mistake or a misuse), so the test holds the overall
// agreement to a floor and prints every disagreement for a person to read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { classify } from '../../src/core/classify/index';

const DIR = join(__dirname, '..', 'fixtures', 'real-errors');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { category: string; appAction?: string; source: string; why: string }>;

it('agrees with the cause the public threads established for at least 88% of real errors', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
  expect(files.length).toBeGreaterThanOrEqual(80);
  const misses: string[] = [];
  let actions = 0;
  let actionHits = 0;
  for (const file of files) {
    const want = expected[file];
    expect(want, `${file} has no expectation`).toBeDefined();
    const c = classify(readFileSync(join(DIR, file), 'utf8'), new Date('2024-06-01T00:00:00Z'));
    if (c.category !== want!.category) misses.push(`${file}: expected ${want!.category}, got ${c.category} (${want!.why})`);
    if (want!.appAction) {
      actions++;
      if (c.appAction === want!.appAction) actionHits++;
    }
  }
  const share = 1 - misses.length / files.length;
  console.info(`real errors: category ${files.length - misses.length}/${files.length} (${(share * 100).toFixed(1)}%), appAction ${actionHits}/${actions}`);
  if (misses.length) console.info(`disagreements:\n  ${misses.join('\n  ')}`);
  expect(share).toBeGreaterThanOrEqual(0.88);
  expect(actionHits / actions).toBeGreaterThanOrEqual(0.9);
});
