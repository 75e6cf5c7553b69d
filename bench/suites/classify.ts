// The classifier where a user waits for it: one paste of up to 2 MB (a whole log, a big HTTP body, a
// long credential chain) must be classified in under 50 ms. For information, the rate over 100,000
// generated inputs of every shape, and a check that each shape is recognised as what it is.
import { join } from 'node:path';
import { classifyInputs, SHAPES, type Shape } from '../lib/inputs';
import { bundleForProfile, formatHot, profileNode } from '../lib/profile';
import { suiteMain, type Row, type SuiteOptions, type SuiteResult } from '../lib/results';
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
    budget: '—',
    verdict: 'info',
    data: { rate },
  });

  // A 2 MB paste, three ways: generated inputs of every shape one after another (the failure near the
  // end), a JSON body padded with a long field, and a credential chain with many failing credentials.
  const TWO_MB = 2 * 1024 * 1024;
  const pastes: [string, string][] = [];
  let joined = '';
  for (let i = 0; joined.length < TWO_MB - 4096; i++) joined += inputs[i % inputs.length]!.text + '\n';
  pastes.push(['mixed log', joined.slice(0, TWO_MB)]);
  pastes.push(['JSON body', JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS700082: The refresh token has expired due to inactivity.', padding: 'x'.repeat(TWO_MB - 200) })]);
  let chain = 'DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n';
  while (chain.length < TWO_MB - 300) chain += '\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\n';
  chain += "\tAzureCliCredential: ERROR: AADSTS700082: The refresh token has expired due to inactivity. Run 'az login' to set up account.\n";
  pastes.push(['credential chain', chain]);
  for (const [name, text] of pastes) {
    classify(text, now);
    const times: number[] = [];
    for (let r = 0; r < (o.quick ? 5 : 11); r++) {
      const t0 = performance.now();
      sink.value = classify(text, now);
      times.push(performance.now() - t0);
    }
    const t = summarize(times);
    rows.push({
      id: `classify.paste.${name.replace(/\s+/g, '-')}`,
      what: `classify one ${fmt(text.length / (1024 * 1024), 1)} MB paste (${name})`,
      measured: `median ${fmt(t.median, 1)} ms, max ${fmt(t.max, 1)} ms`,
      baseline: '—',
      ratio: '—',
      budget: '< 50 ms',
      verdict: t.median < 50 ? 'pass' : 'fail',
      data: { t },
    });
  }

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
