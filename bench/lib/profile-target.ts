// A tight loop over one operation, bundled (readable, with a source map) and run under --cpu-prof
// when that operation misses its budget, so the report can name the hot functions and lines.
//   node profile-target.js classify|hover-aadsts|hover-jwt|token SECONDS REPO PROFILE_OUT
// The profiler runs only around the loop (node:inspector), so set-up (input generation, module
// loading, the sandbox start) does not dilute the figures.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTokenClient } from '../../src/core/client/index';
import { generateLogText } from './gen-log';
import { classifyInputs } from './inputs';
import { computeHover } from '../../src/extension/lazy/hover';
import { classify } from '../../src/core/classify/index';

const what = process.argv[2];
const seconds = Number(process.argv[3] ?? '3');
const profileOut = process.argv[5];
const now = new Date('2026-11-20T10:00:00Z');
let end = 0;
let n = 0;

const session = new Session();
session.connect();
function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
}
async function startProfile(): Promise<void> {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  end = performance.now() + seconds * 1000;
}
let stopped = false;
async function stopProfile(): Promise<void> {
  if (stopped) return;
  stopped = true;
  const res = (await post('Profiler.stop')) as { profile: unknown };
  if (profileOut) writeFileSync(profileOut, JSON.stringify(res.profile));
  session.disconnect();
}

async function main(): Promise<void> {
if (what === 'classify') {
  const inputs = classifyInputs(8_000);
  for (const i of inputs) n += classify(i.text, now).nextSteps.length;
  await startProfile();
  while (performance.now() < end) for (const i of inputs) n += classify(i.text, now).nextSteps.length;
} else if (what === 'hover-aadsts' || what === 'hover-jwt') {
  // Lines of the generated log that hold the kind of item, hovered where the item is.
  const needle = what === 'hover-jwt' ? 'eyJ0eXAi' : 'AADSTS';
  const lines = generateLogText(4_000_000)
    .split('\n')
    .filter((l) => l.includes(needle))
    .slice(0, 500)
    .map((l) => ({ l, c: l.indexOf(needle) + 3 }));
  const options = { onlineLookup: false, uri: 'file:///bench.log', line: 0, now };
  for (const x of lines) n += computeHover(x.l, x.c, options)?.markdown.length ?? 0;
  await startProfile();
  while (performance.now() < end) for (const x of lines) n += computeHover(x.l, x.c, options)?.markdown.length ?? 0;
} else if (what === 'token') {
  await profileTokenClient(process.argv[4] ?? process.cwd());
} else {
  throw new Error(`unknown target ${String(what)}`);
}
await stopProfile();
process.stdout.write(`${n}\n`);
}

void main();

/** Sequential client-credentials acquisitions against the sandbox (in its own, unprofiled process). */
async function profileTokenClient(repo: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'bench/lib/sandbox-child.ts'), '0'], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(line) as { issuer: string; clientId: string; scopes: string[]; secret: string };
  const client = createTokenClient();
  const request = { settings: { authority: info.issuer, clientId: info.clientId, flow: 'client_credentials', scopes: info.scopes }, credentials: { clientSecret: info.secret } };
  for (let i = 0; i < 50; i++) await client.acquire(request);
  await startProfile();
  while (performance.now() < end) {
    const r = await client.acquire(request);
    if (r.tokens) n++;
  }
  await stopProfile();
  await client.close();
  child.kill('SIGTERM');
}
