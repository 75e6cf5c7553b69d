// The classifier over 100,000 generated inputs of every shape, shuffled: overall rate and per-shape
// rates. Also checks that each shape is recognised as what it is (a wrong guess is a cheap path).
import { join } from 'node:path';
import { classifyInputs, SHAPES, type Shape } from '../lib/inputs';
import { bundleForProfile, formatHot, profileNode } from '../lib/profile';
import { suiteMain, type Row, type SuiteOptions, type SuiteResult } from '../lib/report';
import { fmt, sink, summarize } from '../lib/stats';
import { classify, detectShape } from '../../src/core/classify/index';

async function run(o: SuiteOptions): Promise<SuiteResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const count = 100_000;
  const inputs = classifyInputs(count);
  const now = new Date('2026-11-20T10:00:00Z');

  // Warm-up on a slice, then the full mixed run several times (fewer on a slow or loaded machine).
  let warmMs = performance.now();
  for (let i = 0; i < 10_000; i++) classify(inputs[i]!.text, now);
  warmMs = performance.now() - warmMs;
  const fullRunMs = warmMs * 10;
  const reps = Math.max(2, Math.min(o.quick ? 2 : 5, Math.floor((o.quick ? 10_000 : 25_000) / fullRunMs)));
  const mixed: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    let n = 0;
    for (const input of inputs) n += classify(input.text, now).nextSteps.length;
    sink.value = n;
    mixed.push(count / ((performance.now() - t0) / 1000));
  }
  const rate = summarize(mixed);
  rows.push({
    id: 'classify.mixed',
    what: `classify ${fmt(count, 0)} mixed inputs`,
    measured: `${fmt(rate.median, 0)} /s (${fmt(rate.p25, 0)}–${fmt(rate.p75, 0)})`,
    baseline: '—',
    ratio: '—',
    budget: '≥ 100,000 /s',
    verdict: rate.median >= 100_000 ? 'pass' : 'fail',
    data: { rate },
  });

  // Per shape: the same inputs grouped, each group timed on its own.
  const byShape = new Map<Shape, string[]>();
  for (const i of inputs) byShape.set(i.shape, [...(byShape.get(i.shape) ?? []), i.text]);
  const perShape: Record<string, unknown> = {};
  const misread: string[] = [];
  for (const shape of SHAPES) {
    const texts = byShape.get(shape) ?? [];
    const rates: number[] = [];
    for (let r = 0; r < 2; r++) {
      const t0 = performance.now();
      for (const t of texts) sink.value = classify(t, now);
      rates.push(texts.length / ((performance.now() - t0) / 1000));
    }
    const s = summarize(rates);
    const detected = detectShape(texts[0] ?? '');
    if (detected !== shape) misread.push(`${shape} read as ${detected}`);
    perShape[shape] = { rate: s, count: texts.length, detectedAs: detected };
    rows.push({
      id: `classify.shape.${shape}`,
      what: `  ${shape} (${texts[0]?.length ?? 0} chars)`,
      measured: `${fmt(s.median, 0)} /s`,
      baseline: '—',
      ratio: '—',
      budget: '—',
      verdict: 'info',
    });
  }
  if (misread.length) notes.push(`Shape detection on the generated inputs: ${misread.join('; ')}.`);
  if (rows.some((r) => r.verdict === 'fail')) {
    const bundle = await bundleForProfile(join(o.repoDir, 'bench/lib/profile-target.ts'), join(o.cacheDir, 'profile', 'profile-target.js'));
    const prof = profileNode([bundle, 'classify', '3', o.repoDir], { cwd: o.repoDir, repo: o.repoDir, bundles: [bundle], top: 8, selfProfiling: true });
    if (prof) notes.push(`CPU profile of classify over the mixed inputs (self time): ${formatHot(prof)}`);
  }
  return { suite: 'classify', rows, notes, extra: { perShape } };
}

void suiteMain('classify', run);
