// The token client as it was at the token bench's 2026-11-24 record (1.54× msal-node at 100 concurrent),
// next to the current one: the yardstick for what the client's own work per request costs now. Its source
// comes from git history and both are bundled alike; they run in the same process, in alternating rounds
// against the same sandbox, so a busy machine weighs on both the same.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { summarize, type Summary } from './stats';

/** The commit bench/RESULTS.md's 2026-11-24 record was measured at. */
export const CLIENT_BEFORE = 'bf14d61';

interface Acquirer {
  acquire(request: unknown): Promise<{ classification: { outcome: string }; tokens?: { accessToken?: string } }>;
  close(): Promise<void>;
}

async function bundle(root: string, outDir: string, repoDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'entry.ts');
  writeFileSync(entry, `export { createTokenClient } from '${root}/core/client/index';\n`);
  const outfile = join(outDir, 'client.js');
  // Minified like the production bundles; the archived source finds its packages in the repo's node_modules.
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'silent', nodePaths: [join(repoDir, 'node_modules')] });
  return outfile;
}

/** Both clients bundled, or why the one before cannot be had (a shallow clone, no git). */
export async function clientBundles(repoDir: string, cacheDir: string): Promise<{ current: string; before: string } | { reason: string }> {
  const dir = join(cacheDir, `client-${CLIENT_BEFORE}`);
  if (!existsSync(join(dir, 'src', 'core', 'client', 'index.ts'))) {
    const tar = spawnSync('git', ['-C', repoDir, 'archive', '--format=tar', CLIENT_BEFORE, 'src'], { maxBuffer: 256 << 20 });
    if (tar.status !== 0) return { reason: `git archive ${CLIENT_BEFORE} failed: ${String(tar.stderr).trim().split('\n')[0] ?? 'no git'}` };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (x.status !== 0) return { reason: `could not unpack ${CLIENT_BEFORE}: ${String(x.stderr).trim()}` };
  }
  return {
    before: await bundle(join(dir, 'src'), join(dir, 'bundle'), repoDir),
    current: await bundle(join(repoDir, 'src'), join(cacheDir, 'client-current'), repoDir),
  };
}

/**
 * `rounds` alternations of `concurrency` acquisitions at once with each client (after a warm-up of
 * 100 each): this process's CPU per request, per round. A failed acquisition fails the comparison.
 */
export async function compareClients(bundles: { current: string; before: string }, request: unknown, rounds: number, concurrency: number): Promise<{ current: Summary; before: Summary }> {
  const load = createRequire(__filename);
  const make = (file: string): Acquirer => (load(file) as { createTokenClient: () => Acquirer }).createTokenClient();
  const clients = { current: make(bundles.current), before: make(bundles.before) };
  const cpu = { current: [] as number[], before: [] as number[] };
  const once = async (client: Acquirer): Promise<void> => {
    const r = await client.acquire(request);
    if (r.classification.outcome !== 'success' || !r.tokens?.accessToken) throw new Error('an acquisition failed during the client comparison');
  };
  try {
    for (const client of Object.values(clients)) for (let i = 0; i < 100; i++) await once(client);
    for (let r = 0; r < rounds; r++) {
      for (const which of r % 2 === 0 ? (['before', 'current'] as const) : (['current', 'before'] as const)) {
        const c0 = process.cpuUsage();
        await Promise.all(Array.from({ length: concurrency }, () => once(clients[which])));
        const c = process.cpuUsage(c0);
        cpu[which].push((c.user + c.system) / concurrency);
      }
    }
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.close()));
  }
  return { current: summarize(cpu.current), before: summarize(cpu.before) };
}
