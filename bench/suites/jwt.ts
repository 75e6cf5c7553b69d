// Token decoding with claim explanations (`decodeToken`) against jwt-decode alone, which only
// base64url-decodes and JSON-parses header and payload. Distinct tokens (no caching can help).
import { jwtDecode } from 'jwt-decode';
import { tokens } from '../lib/inputs';
import { ratioText, suiteMain, type Row, type SuiteOptions, type SuiteResult } from '../lib/results';
import { fmt, interleave, summarize } from '../lib/stats';
import { calibrate, ratePerSecond } from '../lib/timed';
import { join } from 'node:path';
import { bundleForProfile, formatHot, profileNode } from '../lib/profile';
import { decodeToken } from '../../src/core/jwt/index';

async function run(o: SuiteOptions): Promise<SuiteResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const list = tokens(1024);
  const now = new Date('2026-11-20T10:00:00Z');

  const check = decodeToken(list[0]!, now);
  if (check.kind !== 'jwt' || !check.payload) notes.push(`decodeToken did not decode a generated token as a JWT (kind ${check.kind}: ${check.problem ?? ''}).`);

  const ours = (i: number): number => decodeToken(list[i & 1023]!, now).claims.length;
  // jwt-decode reads one part per call; a decoder shows both header and payload.
  const theirs = (i: number): number => {
    const t = list[i & 1023]!;
    return Object.keys(jwtDecode(t, { header: true })).length + Object.keys(jwtDecode(t)).length;
  };
  const target = o.quick ? 300 : 700;
  const batchA = calibrate(ours, target);
  const batchB = calibrate(theirs, target);
  const { a, b } = await interleave(() => ratePerSecond(ours, batchA), () => ratePerSecond(theirs, batchB), o.quick ? 3 : 7, 1);
  const ra = summarize(a);
  const rb = summarize(b);
  rows.push({
    id: 'jwt.decode',
    what: 'decodeToken (decode + claim explanations)',
    measured: `${fmt(ra.median, 0)} tokens/s (${fmt(ra.p25, 0)}–${fmt(ra.p75, 0)})`,
    baseline: `jwt-decode header+payload: ${fmt(rb.median, 0)} tokens/s`,
    ratio: ratioText(ra.median / rb.median),
    budget: '≥ 200,000 tokens/s',
    verdict: ra.median >= 200_000 ? 'pass' : 'fail',
    data: { decodeToken: ra, jwtDecode: rb, batchA, batchB },
  });
  notes.push(
    `Fairness: jwt-decode only base64url-decodes and parses; decodeToken also explains every claim in words, formats times, checks expiry and kind, and builds a redacted copy (${check.claims.length} claims explained for the first token). The ratio shows the price of the explanations.`,
  );
  if (rows.some((r) => r.verdict === 'fail')) {
    const bundle = await bundleForProfile(join(o.repoDir, 'bench/lib/profile-target.ts'), join(o.cacheDir, 'profile', 'profile-target.js'));
    const prof = profileNode([bundle, 'jwt', '3', o.repoDir], { cwd: o.repoDir, repo: o.repoDir, bundles: [bundle], top: 8, selfProfiling: true });
    if (prof) notes.push(`CPU profile of decodeToken (self time): ${formatHot(prof)}`);
  }
  return { suite: 'jwt', rows, notes };
}

void suiteMain('jwt', run);
