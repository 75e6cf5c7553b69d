// The classifier where a user waits for it: one paste of up to 2 MB (a whole log, a big HTTP body, a
// long credential chain) must be classified in under 50 ms.
import { join } from 'node:path';
import { classifyInputs } from '../lib/inputs';
import { bundleForProfile, formatHot, profileNode } from '../lib/profile';
import { suiteMain, type Row, type SuiteOptions, type SuiteResult } from '../lib/results';
import { fmt, sink, summarize } from '../lib/stats';
import { classify } from '../../src/core/classify/index';

async function run(o: SuiteOptions): Promise<SuiteResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const inputs = classifyInputs(10_000);
  const now = new Date('2026-11-20T10:00:00Z');

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

  if (rows.some((r) => r.verdict === 'fail')) {
    const bundle = await bundleForProfile(join(o.repoDir, 'bench/lib/profile-target.ts'), join(o.cacheDir, 'profile', 'profile-target.js'));
    const prof = profileNode([bundle, 'classify', '3', o.repoDir], { cwd: o.repoDir, repo: o.repoDir, bundles: [bundle], top: 8, selfProfiling: true });
    if (prof) notes.push(`CPU profile of classify over the mixed inputs (self time): ${formatHot(prof)}`);
  }
  return { suite: 'classify', rows, notes };
}

void suiteMain('classify', run);
