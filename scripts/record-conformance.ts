// `npx tsx scripts/record-conformance.ts [--library NAME]... [--scenario NAME]...`
// Starts the sandbox authority on https, runs every identity library on this machine (MSAL Python under
// /usr/bin/python3, msal-node, @azure/identity) against every conformance scenario, and writes what each
// library printed and did to test/fixtures/conformance/<library>/<scenario>.json, then a table of
// scenario × library × what the library did × what Auth Lens says to test/fixtures/conformance/TABLE.md.
// The fixtures' `expect` comes from the libraries' behaviour only; Auth Lens is asked only for the table.
// Needs: python3-msal (scripts/ensure-test-deps.sh) and npm ci.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify } from '../src/core/classify/index';
import { disagreements } from '../test/conformance/agreement';
import {
  CONFORMANCE_SCENARIOS,
  FIXTURES_DIR,
  LIBRARIES,
  fixturePath,
  libraryAvailability,
  runConformance,
  startConformanceSandbox,
  toFixture,
  type ConformanceFixture,
  type ConformanceScenario,
  type Library,
} from '../test/conformance/harness';

function parseArgs(argv: string[]): { libraries: Library[]; scenarios: ConformanceScenario[]; tableOnly: boolean } {
  const libraries: Library[] = [];
  const scenarios: ConformanceScenario[] = [];
  let tableOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--library' && value && (LIBRARIES as readonly string[]).includes(value)) {
      libraries.push(value as Library);
      i++;
    } else if (arg === '--scenario' && value && (CONFORMANCE_SCENARIOS as readonly string[]).includes(value)) {
      scenarios.push(value as ConformanceScenario);
      i++;
    } else if (arg === '--table-only') {
      tableOnly = true;
    } else {
      throw new Error(`usage: record-conformance.ts [--library ${LIBRARIES.join('|')}]... [--scenario NAME]... [--table-only]; not understood: ${String(arg)}`);
    }
  }
  return { libraries: libraries.length ? libraries : [...LIBRARIES], scenarios: scenarios.length ? scenarios : [...CONFORMANCE_SCENARIOS], tableOnly };
}

/** What the library did, in a few words. */
export function describeBehaviour(f: ConformanceFixture): string {
  const e = f.expect;
  const parts: string[] = [];
  parts.push(e.errorType === 'result' ? 'returned an error result' : `threw ${e.errorType}`);
  const first = f.requests.perCall[0];
  if (e.retriedByLibrary) parts.push(`retried by itself (${first?.count ?? '?'} requests${e.honouredRetryAfter ? `, ${e.retryAfterSeconds} s apart` : ''})`);
  else if (f.flow === 'device_code') parts.push(`polled ${f.requests.perCall[0]?.grantTypes.filter((g) => g !== null).length ?? 0}×`);
  if (e.repeatReachedServer === false) parts.push(e.honouredRetryAfter ? `held the repeat back until Retry-After ${e.retryAfterSeconds} s` : 'held an identical repeat back');
  if (e.libraryMemory && e.libraryMemory !== 'none') parts.push(`cache: ${e.libraryMemory}`);
  if (e.interactionRequired) parts.push(`interaction: ${e.interactionEvidence}`);
  else if (e.interactionRequired === null) parts.push(`no interaction signal (${e.interactionEvidence})`);
  if (e.claims) parts.push('surfaced claims');
  return parts.join('; ');
}

function expectedSummary(f: ConformanceFixture): string {
  const e = f.expect;
  const bits = [e.retryable ? 'retryable' : 'not retryable'];
  if (e.throttled) bits.push(`wait ${e.retryAfterSeconds} s`);
  if (e.interactionRequired) bits.push('interaction');
  else if (e.interactionRequired === null) bits.push('interaction: —');
  if (e.claims) bits.push('claims');
  return bits.join(', ');
}

export function writeTable(fixtures: ConformanceFixture[]): string {
  const rows = [
    '| scenario | library | call | what the library did | library expects | Auth Lens category / appAction | retryable | retryAfter | agrees |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const order = (f: ConformanceFixture) => CONFORMANCE_SCENARIOS.indexOf(f.scenario) * 10 + LIBRARIES.indexOf(f.library);
  for (const f of [...fixtures].sort((a, b) => order(a) - order(b))) {
    const c = classify(f.output);
    const problems = disagreements(f, c);
    rows.push(
      `| ${f.scenario} | ${f.library} ${f.version} | \`${f.call}\` | ${describeBehaviour(f)} | ${expectedSummary(f)} | ${c.category} / ${c.appAction} | ${c.retryable} | ${c.retryAfterSeconds ?? '—'} | ${problems.length ? `**no**: ${problems.join('; ')}` : 'yes'} |`,
    );
  }
  return rows.join('\n');
}

async function main(): Promise<number> {
  const { libraries, scenarios, tableOnly } = parseArgs(process.argv.slice(2));
  if (!tableOnly) {
    const handle = await startConformanceSandbox();
    const started = Date.now();
    try {
      await Promise.all(
        libraries.map(async (library) => {
          const availability = await libraryAvailability(library);
          if (!availability.available) {
            process.stderr.write(`[record-conformance] skipping ${library}: ${availability.reason}\n`);
            return;
          }
          mkdirSync(join(FIXTURES_DIR, library), { recursive: true });
          for (const scenario of scenarios) {
            const t0 = Date.now();
            const run = await runConformance(handle, library, scenario);
            if (!run) continue;
            const fixture = toFixture(run);
            writeFileSync(fixturePath(library, scenario), `${JSON.stringify(fixture, null, 2)}\n`);
            process.stderr.write(`[record-conformance] ${library} × ${scenario}: ${describeBehaviour(fixture)} (${Date.now() - t0} ms)\n`);
          }
        }),
      );
    } finally {
      await handle.stop();
    }
    process.stderr.write(`[record-conformance] recorded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const fixtures: ConformanceFixture[] = [];
  for (const library of LIBRARIES) {
    let files: string[] = [];
    try {
      files = readdirSync(join(FIXTURES_DIR, library)).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const file of files) fixtures.push(JSON.parse(readFileSync(join(FIXTURES_DIR, library, file), 'utf8')) as ConformanceFixture);
  }
  const table = writeTable(fixtures);
  const doc = `# Conformance: what the libraries did, and what Auth Lens says\n\nWritten by \`npx tsx scripts/record-conformance.ts\` from the fixtures beside this file. "library expects" comes only from\nwhat the library did against the sandbox (requests sent, waits honoured, error types, claims surfaced);\nthe Auth Lens columns are \`classify(output)\` at recording time. "agrees" applies the rules of\n\`test/conformance/conformance.test.ts\`.\n\n${table}\n`;
  writeFileSync(join(FIXTURES_DIR, 'TABLE.md'), doc);
  process.stdout.write(`${table}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[record-conformance] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
