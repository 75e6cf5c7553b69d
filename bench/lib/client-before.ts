// The token client as it was at the token bench's 2026-11-24 record (1.54× msal-node at 100 concurrent),
// next to the current one: the yardstick for what the client's own work per request costs now. Its source
// comes from git history and both are bundled alike; they run in the same process, in alternating rounds
// against the same sandbox, so a busy machine weighs on both the same.
import { createRequire } from 'node:module';
import { bundlesAt } from './source-at';
import { summarize, type Summary } from './stats';

/** The commit bench/RESULTS.md's 2026-11-24 record was measured at. */
export const CLIENT_BEFORE = 'bf14d61';

interface Acquirer {
  acquire(request: unknown): Promise<{ classification: { outcome: string }; tokens?: { accessToken?: string } }>;
  close(): Promise<void>;
}

/** Both clients bundled, or why the one before cannot be had (a shallow clone, no git). */
export function clientBundles(repoDir: string, cacheDir: string): Promise<{ current: string; before: string } | { reason: string }> {
  return bundlesAt(repoDir, cacheDir, CLIENT_BEFORE, {
    name: 'client',
    probe: 'core/client/index.ts',
    entry: (root) => `export { createTokenClient } from '${root}/core/client/index';\n`,
  });
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
