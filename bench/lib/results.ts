// What every suite hands back to the runner, and the helpers that print it. A row is one line of the
// README table: what was measured, the baseline from the same run, the ratio, the budget and verdict.
import { writeFileSync } from 'node:fs';

export type Verdict = 'pass' | 'fail' | 'info' | 'skipped' | 'not-landed';

export interface Row {
  /** Suite-local id, e.g. "scan.cli.200MB". */
  id: string;
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  budget: string;
  verdict: Verdict;
  /** Raw numbers for the JSON file. */
  data?: Record<string, unknown>;
}

export interface SuiteResult {
  suite: string;
  rows: Row[];
  notes: string[];
  /** Anything else worth keeping in latest.json (per-size curves, per-shape rates, profiles). */
  extra?: Record<string, unknown>;
  seconds?: number;
}

export interface SuiteOptions {
  quick: boolean;
  /** Skip the 1 GB log (also skipped automatically when the disk is short). */
  skipHuge: boolean;
  cacheDir: string;
  /** Where the production build of the current source lives (dist/… files). */
  distDir: string;
  repoDir: string;
}

export function parseSuiteArgs(argv: string[]): { options: SuiteOptions; out: string | null } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    options: {
      quick: argv.includes('--quick'),
      skipHuge: argv.includes('--skip-1gb'),
      cacheDir: get('--cache') ?? '',
      distDir: get('--dist') ?? '',
      repoDir: get('--repo') ?? process.cwd(),
    },
    out: get('--out') ?? null,
  };
}

/** Entry point of a suite process: run, write the result for the runner, never throw. */
export async function suiteMain(name: string, run: (o: SuiteOptions) => Promise<SuiteResult>): Promise<void> {
  const { options, out } = parseSuiteArgs(process.argv.slice(2));
  const started = performance.now();
  let result: SuiteResult;
  try {
    result = await run(options);
  } catch (error) {
    result = {
      suite: name,
      rows: [],
      notes: [`The suite stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`],
    };
  }
  result.seconds = (performance.now() - started) / 1000;
  const text = JSON.stringify(result, null, 2);
  if (out) writeFileSync(out, text);
  else process.stdout.write(`${text}\n`);
}

export function ratioText(r: number, digits = 2): string {
  return Number.isFinite(r) ? `${r.toFixed(digits)}×` : '—';
}

/** A fixed-width text table; the last column is left unpadded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join(' │ ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}
