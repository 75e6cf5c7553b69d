// A tight loop over one operation, bundled (readable, with a source map) and run under --cpu-prof
// when that operation misses its budget, so the report can name the hot functions and lines.
//   node profile-target.js jwt|classify|hover-aadsts|hover-jwt|token [seconds] [repo]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTokenClient } from '../../src/core/client/index';
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
} else if (what === 'token') {
  void profileTokenClient(process.argv[4] ?? process.cwd());
} else {
  throw new Error(`unknown target ${String(what)}`);
}
if (what !== 'token') process.stdout.write(`${n}\n`);

/** Sequential client-credentials acquisitions against the sandbox (in its own, unprofiled process). */
async function profileTokenClient(repo: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'bench/lib/sandbox-child.ts'), '0'], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(line) as { issuer: string; clientId: string; scopes: string[]; secret: string };
  const client = createTokenClient();
  const request = { settings: { authority: info.issuer, clientId: info.clientId, flow: 'client_credentials', scopes: info.scopes }, credentials: { clientSecret: info.secret } };
  const stopAt = performance.now() + seconds * 1000;
  let count = 0;
  while (performance.now() < stopAt) {
    const r = await client.acquire(request);
    if (r.tokens) count++;
  }
  await client.close();
  child.kill('SIGTERM');
  process.stdout.write(`${count}\n`);
}
