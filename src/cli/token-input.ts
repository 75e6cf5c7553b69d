// Reads a token argument the way `decode` and `compare` take it: the token itself (a "Bearer " prefix
// is fine), a file holding it (also inside a header line, JSON or a log excerpt), or "-" for stdin.
import { existsSync } from 'node:fs';
import type { CliIo } from './io';
import type { OptionDef, ParsedArgs } from './command';
import { CliError, EXIT_USAGE, readInputHead, safeArg, truncationNote } from './util';

/**
 * How much of a file or stdin is read. A token is a few KB; the margin lets a token be found in a
 * header dump or a log excerpt, while a huge file costs no more memory than this.
 */
export const TOKEN_READ_BYTES = 1024 * 1024;

/** Pulls a token out of a file that may hold more than the token (a header line, JSON, a log). */
function pickToken(text: string): string {
  const trimmed = text.trim();
  if (!/\s/.test(trimmed.replace(/^(authorization\s*:\s*)?bearer\s+/i, ''))) return trimmed;
  const m = /eyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){1,4}/.exec(trimmed);
  if (m) return m[0];
  const ew = /\bEw[A-Za-z0-9+/=_-]{20,}/.exec(trimmed);
  return ew ? ew[0] : trimmed;
}

function looksLikeToken(arg: string): boolean {
  return /^(bearer\s+)?(eyJ|Ew[A-Za-z])/i.test(arg.trim()) || (arg.length > 100 && /^[A-Za-z0-9_\-.+/=]+$/.test(arg));
}

export const NOW_OPTION: OptionDef = { name: 'now', value: 'ISO-TIME', help: 'judge expiry against this time instead of the clock' };

/** `--now ISO-TIME`: the time expiry is judged against; the clock when absent. */
export function nowOption(args: ParsedArgs, command: string): Date {
  const nowArg = args.options.get('now');
  if (nowArg === undefined) return new Date();
  const now = new Date(nowArg);
  if (Number.isNaN(now.getTime())) throw new CliError(`${command}: --now: ${safeArg(nowArg)} is not a date (use ISO 8601)`, EXIT_USAGE);
  return now;
}

/** "Bearer eyJ…" arrives as two arguments when unquoted: join them back. */
export function joinBearer(positionals: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < positionals.length; i++) {
    const p = positionals[i]!;
    if (p.toLowerCase() === 'bearer' && i + 1 < positionals.length) out.push(`${p} ${positionals[++i]!}`);
    else out.push(p);
  }
  return out;
}

/** The token text behind one argument; a note goes to stderr when a large input was only partly read. */
export async function readTokenArg(arg: string, io: CliIo, command: string): Promise<string> {
  if (arg === '-' && io.stdinIsTTY) {
    throw new CliError(`${command}: nothing to read: pass a token or FILE, or pipe the token in (see auth-lens ${command} --help)`, EXIT_USAGE);
  }
  if (arg !== '-' && looksLikeToken(arg) && !existsSync(arg)) return arg;
  const head = await readInputHead(arg, io, command, TOKEN_READ_BYTES);
  const note = truncationNote(command, arg, head, TOKEN_READ_BYTES, 'to look for a token');
  if (note) io.stderr(note);
  return pickToken(head.text);
}
