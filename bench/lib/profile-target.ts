// A tight loop over one operation, bundled (readable, with a source map) and run under --cpu-prof
// when that operation misses its budget, so the report can name the hot functions and lines.
//   node profile-target.js jwt|classify|hover-aadsts|hover-jwt [seconds]
import { generateLogText } from './gen-log';
import { classifyInputs, tokens } from './inputs';
import { computeHover } from '../../src/extension/lazy/hover';
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
} else if (what === 'hover-aadsts' || what === 'hover-jwt') {
  // Lines of the generated log that hold the kind of item, hovered where the item is.
  const needle = what === 'hover-jwt' ? 'eyJ0eXAi' : 'AADSTS';
  const lines = generateLogText(4_000_000)
    .split('\n')
    .filter((l) => l.includes(needle))
    .slice(0, 500)
    .map((l) => ({ l, c: l.indexOf(needle) + 3 }));
  const options = { onlineLookup: false, uri: 'file:///bench.log', line: 0, now };
  while (performance.now() < end) for (const x of lines) n += computeHover(x.l, x.c, options)?.markdown.length ?? 0;
} else {
  throw new Error(`unknown target ${String(what)}`);
}
process.stdout.write(`${n}\n`);
