// Long fuzzing: every property of test/fuzz/properties.ts, N runs each.
//   npm run fuzz -- --runs 1000000 [--only scan] [--seed 42] [--budget-minutes 0]
// Prints one line per property (runs, failures, time) and a total; exits 1 when anything failed.
// Runs are done in batches so progress shows and a failure is reported with its seed and input.
import fc from 'fast-check';
import { PROPERTIES } from '../test/fuzz/properties';

/** Distinct failures reported per property before it is given up on. */
const MAX_FAILURES = 5;

interface Args {
  runs: number;
  only: string | null;
  seed: number;
  batch: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { runs: 10_000, only: null, seed: Date.now() % 2_147_483_647, batch: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') args.runs = Number(next());
    else if (a === '--only') args.only = next();
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--batch') args.batch = Number(next());
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run fuzz -- [--runs N] [--only SUBSTRING] [--seed S] [--batch B]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isSafeInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isSafeInteger(args.seed)) throw new Error('--seed must be an integer');
  if (!Number.isSafeInteger(args.batch) || args.batch < 1) throw new Error('--batch must be a positive integer');
  return args;
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    return 2;
  }
  const selected = PROPERTIES.filter((p) => !args.only || p.name.includes(args.only));
  if (selected.length === 0) {
    process.stderr.write(`fuzz: no property matches ${JSON.stringify(args.only)}\n`);
    return 2;
  }
  process.stdout.write(`fuzz: ${selected.length} properties × ${args.runs} runs, seed ${args.seed}\n`);
  const started = Date.now();
  let totalRuns = 0;
  let failedProperties = 0;
  let totalFailures = 0;
  for (const [index, p] of selected.entries()) {
    const t0 = Date.now();
    let done = 0;
    let failedRuns = 0;
    const failures: string[] = [];
    // Batches with distinct seeds: the same coverage as one long run, with progress and a bounded heap.
    // A failing batch stops at its (shrunk) counterexample; the next batch goes on, so one bug does
    // not hide the rest. After MAX_FAILURES distinct reports the property is not run further.
    for (let b = 0; done < args.runs && failures.length < MAX_FAILURES; b++) {
      const n = Math.min(args.batch, args.runs - done);
      const seed = (args.seed + index * 7919 + b * 104_729) % 2_147_483_647;
      const details = fc.check(p.build(), { numRuns: n, seed });
      // A failed batch ran numRuns inputs up to the failure; the rest of the batch is still counted as not run.
      done += details.failed ? details.numRuns : n;
      if (details.failed) {
        failedRuns++;
        const report = (fc.defaultReportMessage(details) ?? `failed (seed ${seed})`).split('\n').filter((l) => l && !l.startsWith('Hint:'));
        // The counterexample and the error it raised; the stack and the shrink path are noise here.
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? '');
        const text = [...report.slice(0, 3).map((l) => l.slice(0, 1_000)), `Error: ${error.slice(0, 1_500)}`].join('\n');
        if (!failures.some((f) => f === text)) failures.push(text);
      }
      if (args.runs > args.batch) process.stderr.write(`\r  ${p.name.slice(0, 60)}: ${done}/${args.runs}`);
    }
    if (args.runs > args.batch) process.stderr.write('\n');
    totalRuns += done;
    totalFailures += failedRuns;
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (failures.length > 0) {
      failedProperties++;
      process.stdout.write(`FAIL ${p.name}: ${done} runs, ${failedRuns} failing batch(es), ${secs}s\n`);
      for (const f of failures) process.stdout.write(f.replace(/^/gm, '    ') + '\n');
    } else {
      process.stdout.write(`ok   ${p.name}: ${done} runs, ${secs}s\n`);
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`fuzz: ${totalRuns} inputs over ${selected.length} properties in ${secs}s; ${totalFailures} failures in ${failedProperties} properties\n`);
  return failedProperties > 0 ? 1 : 0;
}

process.exitCode = main();
