// Token acquisition with client credentials against the sandbox authority on loopback: the Auth Lens
// token client against @azure/msal-node, same server, same run, interleaved. The server runs in its
// own process. msal-node gets the authority metadata up front and `skipCache: true`, so every call is
// a network token request and neither client pays for discovery inside the timed part (Auth Lens
// discovers once, in the warm-up, and keeps the endpoints for the life of its client).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ConfidentialClientApplication, LogLevel, ProtocolMode } from '@azure/msal-node';
import { clientBundles, CLIENT_BEFORE, compareClients } from '../lib/client-before';
import { bundleForProfile, formatHot, profileNode } from '../lib/profile';
import { ratioText, suiteMain, type Row, type SuiteOptions, type SuiteResult } from '../lib/results';
import { fmt, fmtSpread, summarize, type Summary } from '../lib/stats';
import { createTokenClient } from '../../src/core/client/index';

interface SandboxInfo {
  issuer: string;
  clientId: string;
  scopes: string[];
  secret: string;
}

interface LoadResult {
  rps: number;
  latency: Summary;
  cpuUsPerRequest: number;
  failures: number;
  wallMs: number;
  /** Server process CPU over the run, as a share of one core (≈1 means the server was saturated). */
  serverCoreShare: number | null;
}

/** utime+stime of a process in seconds, from /proc (Linux); null elsewhere. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name; clock ticks are 100/s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function startSandboxProcess(repo: string): Promise<{ info: SandboxInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'bench/lib/sandbox-child.ts'), '0'], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not start within 60 s')), 60_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as SandboxInfo);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  return { info, child };
}

/** Runs `total` calls with at most `concurrency` in flight; latency per call, client CPU per call. */
async function load(call: () => Promise<boolean>, total: number, concurrency: number, serverPid?: number): Promise<LoadResult> {
  const server0 = processCpuSeconds(serverPid);
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      next++;
      const s = performance.now();
      const ok = await call().catch(() => false);
      latencies.push(performance.now() - s);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const server1 = processCpuSeconds(serverPid);
  const serverCoreShare = server0 !== null && server1 !== null ? (server1 - server0) / (wallMs / 1000) : null;
  return { rps: total / (wallMs / 1000), latency: summarize(latencies), cpuUsPerRequest: (cpu.user + cpu.system) / total, failures, wallMs, serverCoreShare };
}

async function run(o: SuiteOptions): Promise<SuiteResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const { info, child } = await startSandboxProcess(o.repoDir);
  try {
    const authLens = createTokenClient();
    const request = {
      settings: { authority: info.issuer, clientId: info.clientId, flow: 'client_credentials', scopes: info.scopes },
      credentials: { clientSecret: info.secret },
    };
    const authLensCall = async (): Promise<boolean> => {
      const r = await authLens.acquire(request);
      return r.classification.outcome === 'success' && !!r.tokens?.accessToken;
    };

    // msal-node only accepts https authorities; the sandbox speaks plain http on loopback. Its
    // metadata (from the sandbox's own discovery document) is handed over with the issuer written as
    // https so it matches the authority; the endpoints inside stay http, which msal-node's fetch uses.
    const httpsAuthority = info.issuer.replace(/^http:/, 'https:');
    const host = new URL(httpsAuthority).host;
    const discovery = (await (await fetch(`${info.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: info.clientId,
        clientSecret: info.secret,
        authority: httpsAuthority,
        knownAuthorities: [host],
        authorityMetadata: JSON.stringify({ ...discovery, issuer: httpsAuthority }),
        cloudDiscoveryMetadata: JSON.stringify({
          tenant_discovery_endpoint: `${httpsAuthority}/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        }),
      },
      system: { protocolMode: ProtocolMode.OIDC, loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined } },
    });
    const msalCall = async (): Promise<boolean> => {
      const r = await msal.acquireTokenByClientCredential({ scopes: info.scopes, skipCache: true });
      return !!r?.accessToken && !r.fromCache;
    };

    // Warm-up: discovery for Auth Lens, JIT and keep-alive sockets for both.
    const warm = o.quick ? 20 : 50;
    for (let i = 0; i < warm; i++) {
      if (!(await authLensCall())) throw new Error('Auth Lens did not get a token from the sandbox during warm-up');
      if (!(await msalCall())) throw new Error('msal-node did not get a token from the sandbox during warm-up');
    }

    // N = 100: "sequential" runs them one after another, "concurrent" starts all N at once.
    const n = 100;
    const reps = o.quick ? 3 : 7;
    const pid = child.pid;
    const levels = [1, 10, 100];
    const curve: Record<string, { authLens: LoadResult[]; msal: LoadResult[] }> = {};
    for (const c of levels) {
      const a: LoadResult[] = [];
      const m: LoadResult[] = [];
      for (let r = 0; r < reps; r++) {
        // Alternate the order so neither client always follows the other's garbage.
        if (r % 2 === 0) {
          a.push(await load(authLensCall, n, c, pid));
          m.push(await load(msalCall, n, c, pid));
        } else {
          m.push(await load(msalCall, n, c, pid));
          a.push(await load(authLensCall, n, c, pid));
        }
      }
      curve[String(c)] = { authLens: a, msal: m };
    }

    const med = (xs: LoadResult[], f: (x: LoadResult) => number): number => summarize(xs.map(f)).median;
    for (const c of levels) {
      const { authLens: a, msal: m } = curve[String(c)]!;
      const aRps = summarize(a.map((x) => x.rps));
      const mRps = summarize(m.map((x) => x.rps));
      const ratio = aRps.median / mRps.median;
      const aP50 = med(a, (x) => x.latency.median);
      const mP50 = med(m, (x) => x.latency.median);
      const failures = a.reduce((s, x) => s + x.failures, 0) + m.reduce((s, x) => s + x.failures, 0);
      const name = c === 1 ? `${n} sequential` : c === n ? `${n} concurrent` : `${n} at ${c} concurrent`;
      const budgeted = c === 1 || c === n;
      const server = med(a.concat(m), (x) => x.serverCoreShare ?? Number.NaN);
      rows.push({
        id: `token.rps.c${c}`,
        what: `token acquisition, ${name}`,
        measured: `${fmtSpread(aRps, 0, ' req/s')}; p50 ${fmt(aP50, 2)} ms, p99 ${fmt(med(a, (x) => x.latency.p99), 1)} ms; ${fmt(med(a, (x) => x.cpuUsPerRequest), 0)} µs CPU/req`,
        baseline: `msal-node ${fmtSpread(mRps, 0, ' req/s')}; p50 ${fmt(mP50, 2)} ms, p99 ${fmt(med(m, (x) => x.latency.p99), 1)} ms; ${fmt(med(m, (x) => x.cpuUsPerRequest), 0)} µs CPU/req; server ${fmt(server * 100, 0)}% of a core`,
        ratio: ratioText(ratio),
        budget: budgeted ? '≥ 1.5× rps, p50 ≤ msal' : '— (curve)',
        verdict: !budgeted ? 'info' : ratio >= 1.5 && aP50 <= mP50 * 1.05 ? 'pass' : 'fail',
        data: { concurrency: c, requests: n, authLens: a, msal: m, failures },
      });
      if (budgeted && ratio < 1.5 && server > 0.85) {
        notes.push(
          `${name}: the sandbox process used ${fmt(server * 100, 0)}% of a core during these runs, so the server, not either client, set the rate; client CPU per request: Auth Lens ${fmt(med(a, (x) => x.cpuUsPerRequest), 0)} µs vs msal-node ${fmt(med(m, (x) => x.cpuUsPerRequest), 0)} µs.`,
        );
      }
      if (failures) notes.push(`${failures} request(s) failed at concurrency ${c}; the rates above include them.`);
    }
    notes.push(
      'Fairness: both clients talk to the same sandbox process (oidc-provider, which signs an RS256 token per request); when the server is the bottleneck both rates converge to its capacity, so the "µs CPU/req" figure (client process CPU per request, user+system) is the cleaner comparison of client overhead. msal-node was given the discovery metadata, skipping its network discovery; Auth Lens discovers once in the warm-up. Auth Lens builds a timeline and a classification for every call; msal-node builds its own result object and telemetry. Latency includes the server.',
    );
    await authLens.close();

    // The client's own CPU per request against the client of the previous record, same run, same load.
    const bundles = await clientBundles(o.repoDir, o.cacheDir);
    if ('reason' in bundles) {
      notes.push(`The token client of ${CLIENT_BEFORE} could not be built: ${bundles.reason}.`);
    } else {
      const cmp = await compareClients(bundles, request, o.quick ? 10 : 30, n);
      rows.push({
        id: 'token.cpu.vs-before',
        what: `token client CPU per request, ${n} concurrent, both in one process`,
        measured: fmtSpread(cmp.current, 0, ' µs'),
        baseline: `client of ${CLIENT_BEFORE} (the 2026-11-24 record): ${fmtSpread(cmp.before, 0, ' µs')}`,
        ratio: ratioText(cmp.current.median / cmp.before.median),
        budget: '— (drift)',
        verdict: 'info',
        data: { rev: CLIENT_BEFORE, ...cmp },
      });
    }
    if (rows.some((r) => r.verdict === 'fail')) {
      // Where the Auth Lens client spends its CPU per request (the server runs in another process).
      const bundle = await bundleForProfile(join(o.repoDir, 'bench/lib/profile-target.ts'), join(o.cacheDir, 'profile', 'profile-target.js'));
      const prof = profileNode([bundle, 'token', '4', o.repoDir], { cwd: o.repoDir, repo: o.repoDir, bundles: [bundle], top: 10, selfProfiling: true });
      if (prof) notes.push(`CPU profile of the Auth Lens client, sequential acquisitions (self time, client process only): ${formatHot(prof)}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
  return { suite: 'token', rows, notes };
}

void suiteMain('token', run);
