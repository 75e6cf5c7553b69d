// `npx tsx scripts/record-logs.ts [--library NAME]... [--scenario NAME]...`
// Starts the sandbox authority on https and runs MSAL Python (/usr/bin/python3), msal-node,
// @azure/identity, Azure Identity for Python, the Azure CLI, and msal-browser in headless Chromium against
// it with their most verbose logging, for each log scenario a library has (a 429 with Retry-After, a
// device-code sign-in nobody completes, a bad secret, an expired refresh token, managed identity: App
// Service answering, IMDS throttling then answering, IMDS not knowing the identity; for an SPA a redeemed
// code then silent calls). Writes the log as the library wrote it (msal-browser: the page's console; the
// CLI: `az login --debug`'s stderr) to test/fixtures/logs/<library>/<scenario>.log and the sandbox's
// record of the requests it answered to <scenario>.json. Needs python3-msal, python3-azure, azure-cli and
// Chromium (scripts/ensure-test-deps.sh) and npm ci.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConformanceSandbox } from '../test/conformance/harness';
import { LOG_FIXTURES_DIR, LOG_LIBRARIES, LOG_SCENARIOS, logLibraryAvailability, recordLog, type LogLibrary, type LogScenario } from '../test/conformance/log-recording';

function pick<T extends string>(flag: string, all: readonly T[]): T[] {
  const argv = process.argv.slice(2);
  const out: T[] = [];
  argv.forEach((a, i) => {
    if (a !== flag) return;
    const v = argv[i + 1] as T | undefined;
    if (!v || !all.includes(v)) throw new Error(`${flag} takes one of ${all.join(', ')}`);
    out.push(v);
  });
  return out.length ? out : [...all];
}

async function main(): Promise<void> {
  const libraries = pick<LogLibrary>('--library', LOG_LIBRARIES);
  const scenarios = pick<LogScenario>('--scenario', LOG_SCENARIOS);
  const handle = await startConformanceSandbox();
  try {
    for (const library of libraries) {
      const availability = await logLibraryAvailability(library);
      if (!availability.available) {
        process.stderr.write(`${library}: skipped (${availability.reason})\n`);
        continue;
      }
      for (const scenario of scenarios) {
        const recorded = await recordLog(handle, library, scenario);
        if (!recorded) continue;
        const dir = join(LOG_FIXTURES_DIR, library);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${scenario}.log`), recorded.log);
        writeFileSync(join(dir, `${scenario}.json`), `${JSON.stringify(recorded.fixture, null, 2)}\n`);
        const statuses = recorded.fixture.requests.map((q) => `${q.endpoint} ${q.status}`).join(', ');
        process.stderr.write(`${library} ${scenario}: ${recorded.fixture.requests.length} request(s): ${statuses}\n`);
      }
    }
  } finally {
    await handle.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
