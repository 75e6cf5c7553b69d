// `auth-lens compare A B`: "this token works, that one doesn't — why?" Lists the claims that differ
// and which differences decide authorization, each with a one-line reason. Signatures are never printed.
import { TIME_CLAIMS } from '../core/jwt/claims';
import { compareTokens, type ClaimDifference } from '../core/jwt/compare';
import { numericDate } from '../core/jwt/time';
import type { CommandSpec, ParsedArgs } from './command';
import type { CliIo } from './io';
import { joinBearer, NOW_OPTION, nowOption, readTokenArg } from './token-input';
import { CliError, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, json, style, wrap } from './util';

export const COMPARE: CommandSpec = {
  name: 'compare',
  usage: ['compare A B [--json] [--now ISO-TIME]'],
  about: `Compares two tokens claim by claim and says which differences matter for authorization: audience,
issuer and tenant (v1 vs v2 forms), version, delegated scopes vs app roles, directory roles (wids),
groups and group overage, the client app (appid/azp) and how it authenticated, app vs user (idtyp),
the principal (oid), sign-in methods (amr), authentication contexts (acrs), client capabilities
(xms_cc) and expiry — each with a one-line reason. The usual question: "A works, B doesn't: why?"

A and B may each be a token (a "Bearer " prefix is fine), a file holding one, or "-" for standard
input (one of them). Prefer files or stdin: tokens on the command line stay in your shell history.
Signatures are never printed.`,
  options: [{ name: 'json', help: 'print {a, b, differences: [{claim, a, b, matters, why}]}' }, NOW_OPTION],
  exit: 'Exit status: 0 compared, 2 usage error, 3 an input is unreadable or not a token with claims.',
  run: runCompare,
};

async function runCompare(args: ParsedArgs, io: CliIo): Promise<number> {
  const now = nowOption(args, 'compare');
  const positionals = joinBearer(args.positionals);
  if (positionals.length !== 2) throw new CliError('compare: give two tokens or files, A and B (see auth-lens compare --help)', EXIT_USAGE);
  if (positionals[0] === '-' && positionals[1] === '-') throw new CliError('compare: only one of A and B can come from standard input', EXIT_USAGE);
  const a = await readTokenArg(positionals[0]!, io, 'compare');
  const b = await readTokenArg(positionals[1]!, io, 'compare');
  const result = compareTokens(a, b, now);
  for (const [name, side] of [['A', result.a], ['B', result.b]] as const) {
    if (side.problem) throw new CliError(`compare: ${name} has no claims to compare: ${side.problem}`, EXIT_UNREADABLE);
  }
  io.stdout(args.flags.has('json') ? json(result) : render(result.a.description, result.b.description, result.differences, io.color));
  return EXIT_OK;
}

function value(claim: string, v: unknown): string {
  if (v === null || v === undefined) return '(absent)';
  // Times read better as dates than as seconds since 1970.
  const date = TIME_CLAIMS.has(claim) ? numericDate(v) : null;
  if (date) return `${date.toISOString()} (${v as number})`;
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

function render(a: string, b: string, differences: ClaimDifference[], color: boolean): string {
  const s = style(color);
  let out = `${s.bold('A')}  ${a}\n${s.bold('B')}  ${b}\n`;
  if (differences.length === 0) return `${out}\nThe tokens carry the same claims.\n`;
  const matters = differences.filter((d) => d.matters);
  const others = differences.filter((d) => !d.matters);
  out += `\n${s.bold(matters.length ? 'Differences that matter for authorization' : 'No difference that matters for authorization')}\n`;
  for (const d of matters) {
    out += `  ${s.red('!')} ${s.cyan(d.claim)}\n`;
    out += `      A: ${value(d.claim, d.a)}\n      B: ${value(d.claim, d.b)}\n`;
    out += wrap(d.why, 90, '      ');
  }
  if (others.length) {
    out += `\n${s.bold('Other differences')}\n`;
    for (const d of others) out += wrap(`${s.cyan(d.claim)}: ${d.why}`, 92, '    ');
  }
  return out;
}
