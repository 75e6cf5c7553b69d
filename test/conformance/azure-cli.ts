// The Azure CLI (Debian's azure-cli, MSAL Python inside) as a log recording: `az login --service-principal
// --debug` against the sandbox. The CLI's hosts cannot be configured, so it runs unchanged behind a local
// proxy that answers for login.microsoftonline.com (./entra-proxy); its `--debug` output on stderr is the
// log a user pastes into a bug report. TEST ONLY: every secret here is a sandbox value.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_TENANT_ID, type SandboxRequest } from '../sandbox/index';
import { startEntraProxyFor } from './entra-proxy';
import { run, type SandboxHandle } from './harness';
import type { LibraryAvailability } from './harness';

export const AZ = '/usr/bin/az';

export async function azureCliAvailability(): Promise<LibraryAvailability> {
  if (!existsSync(AZ)) return { available: false, reason: `${AZ} is missing (apt-get install azure-cli)` };
  return { available: true, reason: null };
}

export interface AzureCliRun {
  version: string;
  log: string;
  /** What the sandbox answered while the CLI ran, oldest first. */
  answered: SandboxRequest[];
}

/** Runs `az login` as the sandbox client `clientId` (its scenario already set) and returns its debug log. */
export async function runAzureCliLogin(handle: SandboxHandle, clientId: string): Promise<AzureCliRun> {
  const { sandbox } = handle;
  const proxy = await startEntraProxyFor(sandbox);
  const dir = mkdtempSync(join(tmpdir(), 'auth-lens-az-'));
  try {
    const env = proxy.environment({ ...process.env, AZURE_CONFIG_DIR: join(dir, 'config'), AZURE_CORE_COLLECT_TELEMETRY: 'false', AZURE_CORE_NO_COLOR: 'true' });
    const before = sandbox.requests.length;
    const r = await run(AZ, ['login', '--service-principal', '-u', clientId, '-p', sandbox.clientSecret, '--tenant', SANDBOX_TENANT_ID, '--allow-no-subscriptions', '--debug'], env, 120_000);
    const answered = sandbox.requests.slice(before);
    const version = /"azure-cli": "([^"]+)"/.exec((await run(AZ, ['version', '--output', 'json'], env, 60_000)).stdout)?.[1] ?? 'unknown';
    if (answered.length === 0) throw new Error(`az login reached no sandbox endpoint (exit ${String(r.code)}; proxy refused ${proxy.refused.join(', ') || 'nothing'}): ${r.stderr.slice(-1500)}`);
    return { version, log: r.stderr, answered };
  } finally {
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
