// A tight loop over one operation, bundled (readable, with a source map) and run under --cpu-prof
// when that operation misses its budget, so the report can name the hot functions and lines.
//   node profile-target.js jwt|classify [seconds]
import { classifyInputs, tokens } from './inputs';
import { decodeToken } from '../../src/core/jwt/index';
import { classify } from '../../src/core/classify/index';

const what = process.argv[2];
const seconds = Number(process.argv[3] ?? '3');
const now = new Date('2026-11-20T10:00:00Z');
const end = performance.now() + seconds * 1000;
let n = 0;
if (what === 'jwt') {
  const list = tokens(1024);
  while (performance.now() < end) for (let i = 0; i < 256; i++) n += decodeToken(list[(n + i) & 1023]!, now).claims.length;
} else if (what === 'classify') {
  const inputs = classifyInputs(20_000);
  while (performance.now() < end) for (const i of inputs.slice(0, 1000)) n += classify(i.text, now).nextSteps.length;
} else {
  throw new Error(`unknown target ${String(what)}`);
}
process.stdout.write(`${n}\n`);
