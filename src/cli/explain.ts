// `auth-lens explain CODE…`: what AADSTS codes (or OAuth error values) mean, who acts and how to fix.
import { describeCode, OAUTH_ERRORS, OAUTH_SUBERRORS } from '../core/catalog/describe';
import type { CatalogEntry, Category } from '../core/types';
import type { CliIo } from './io';
import { CliError, EXIT_MATCHED, EXIT_OK, EXIT_USAGE, FAIL_ON_HELP, json, parseArgs, parseFailOn, safeArg, style, table, wrap } from './util';

export const EXPLAIN_HELP = `Usage: auth-lens explain CODE… [--json] [--fail-on CATEGORY,…]

Explains Microsoft identity platform error codes: what happened, who has to act (developer, admin,
user), whether a retry can help, and how to fix it.

CODE is an AADSTS number with or without its prefix (50076, AADSTS50076) or an OAuth error value
(invalid_grant, interaction_required). Codes missing from Microsoft's published list are still
explained from the error value when you give one, e.g. "auth-lens explain 9999999 invalid_grant".

Options:
  --json                print the catalog entries as JSON
${FAIL_ON_HELP}
  -h, --help            show this help

Exit status: 0 explained, 2 usage error, 4 --fail-on matched.
`;

interface ErrorValueEntry {
  error: string;
  kind: 'error' | 'suberror';
  summary: string;
  category: Category;
  actor: string;
  appAction: string;
  retryable: boolean;
}

export async function runExplain(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['fail-on'] }, 'explain');
  if (args.flags.has('help')) {
    io.stdout(EXPLAIN_HELP);
    return EXIT_OK;
  }
  const failOn = parseFailOn(args, 'explain');
  if (args.positionals.length === 0) throw new CliError('explain: give at least one AADSTS code (see auth-lens explain --help)', EXIT_USAGE);

  const codes: number[] = [];
  const errorValues: ErrorValueEntry[] = [];
  let contextError: string | null = null;
  for (const raw of args.positionals) {
    const arg = raw.trim();
    const m = /^(?:AADSTS)?(\d{1,9})$/i.exec(arg);
    if (m) {
      codes.push(Number(m[1]));
      continue;
    }
    const lower = arg.toLowerCase();
    const info = OAUTH_ERRORS[lower] ?? OAUTH_SUBERRORS[lower];
    if (info) {
      contextError ??= OAUTH_ERRORS[lower] ? lower : null;
      errorValues.push({ error: lower, kind: OAUTH_ERRORS[lower] ? 'error' : 'suberror', ...info });
      continue;
    }
    throw new CliError(`explain: "${safeArg(arg)}" is neither an AADSTS code nor a known OAuth error value`, EXIT_USAGE);
  }
  const entries: CatalogEntry[] = codes.map((c) => describeCode(c, { error: contextError }));

  if (args.flags.has('json')) {
    io.stdout(json(errorValues.length ? { codes: entries, errors: errorValues } : entries));
  } else {
    const s = style(io.color);
    const out: string[] = [];
    for (const e of entries) {
      let text = `${s.bold(`AADSTS${e.code}`)}${e.name ? '  ' + s.cyan(e.name) : ''}${e.documented ? '' : s.yellow('  (not in the published list)')}\n`;
      text += table([[s.dim('category'), e.category, s.dim('actor'), e.actor, s.dim('retry helps'), e.retryable ? 'yes' : 'no']]);
      text += wrap(e.summary, 96, '  ');
      if (e.causes.length) {
        text += `  ${s.bold('Causes')}\n`;
        for (const c of e.causes) text += wrap(c, 92, '      ').replace(/^ {6}/, '    - ');
      }
      if (e.fixes.length) {
        text += `  ${s.bold('Fixes')}\n`;
        for (const f of e.fixes) text += wrap(f, 92, '      ').replace(/^ {6}/, '    - ');
      }
      text += `  ${s.dim('Lookup:')} ${e.url}\n`;
      out.push(text);
    }
    for (const v of errorValues) {
      let text = `${s.bold(v.error)}  ${s.dim(`OAuth ${v.kind} value`)}\n`;
      text += table([[s.dim('category'), v.category, s.dim('actor'), v.actor, s.dim('app should'), v.appAction.replace(/_/g, ' '), s.dim('retry helps'), v.retryable ? 'yes' : 'no']]);
      text += wrap(v.summary, 96, '  ');
      out.push(text);
    }
    io.stdout(out.join('\n'));
  }
  if (failOn) {
    const hit = entries.some((e) => failOn.has(e.category)) || errorValues.some((v) => failOn.has(v.category));
    if (hit) return EXIT_MATCHED;
  }
  return EXIT_OK;
}
