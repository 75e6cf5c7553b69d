// Small pieces every command shares: argument parsing, exit codes, colour, tables, input reading.
import { readFile, stat } from 'node:fs/promises';
import { CATEGORIES, type Category } from '../core/types';
import { redactSecrets } from '../core/redact';
import type { CliIo } from './io';

export const EXIT_OK = 0;
/** Something went wrong inside Auth Lens itself (never a stack trace: one line). */
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREADABLE = 3;
/** `--fail-on` matched. */
export const EXIT_MATCHED = 4;

/** A failure that maps to one line on stderr and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export interface ArgSpec {
  /** Boolean switches, long names without dashes (e.g. "json"). */
  flags: string[];
  /** Options taking a value (e.g. "fail-on"), as `--name value` or `--name=value`. */
  options: string[];
  /** Short aliases: "h" → "help". */
  aliases?: Record<string, string>;
}

/** Parses argv strictly: unknown options are usage errors with the option's name. */
export function parseArgs(argv: string[], spec: ArgSpec, command: string): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  const aliases = { h: 'help', ...(spec.aliases ?? {}) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      value = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      const alias = aliases[arg.slice(1) as keyof typeof aliases];
      if (!alias) throw new CliError(`${command}: unknown option ${safeArg(arg)} (see auth-lens ${command} --help)`, EXIT_USAGE);
      name = alias;
    }
    if (name === 'help' || spec.flags.includes(name)) {
      if (value !== undefined) throw new CliError(`${command}: --${name} takes no value`, EXIT_USAGE);
      flags.add(name);
    } else if (spec.options.includes(name)) {
      if (value === undefined) {
        value = argv[i + 1];
        if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new CliError(`${command}: --${name} needs a value`, EXIT_USAGE);
        i++;
      }
      options.set(name, value);
    } else {
      throw new CliError(`${command}: unknown option --${safeArg(name)} (see auth-lens ${command} --help)`, EXIT_USAGE);
    }
  }
  return { positionals, flags, options };
}

/** Arguments are echoed in errors; they could be tokens, so they are shortened and redacted. */
export function safeArg(arg: string): string {
  const r = redactSecrets(arg);
  return r.length > 60 ? r.slice(0, 57) + '…' : r;
}

/** `--fail-on a,b`: validated category list, or null when the option is absent. */
export function parseFailOn(args: ParsedArgs, command: string): Set<Category> | null {
  const raw = args.options.get('fail-on');
  if (raw === undefined) return null;
  const set = new Set<Category>();
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(CATEGORIES as readonly string[]).includes(part)) {
      throw new CliError(`${command}: --fail-on: unknown category "${safeArg(part)}" (one of: ${CATEGORIES.join(', ')})`, EXIT_USAGE);
    }
    set.add(part as Category);
  }
  if (set.size === 0) throw new CliError(`${command}: --fail-on needs at least one category`, EXIT_USAGE);
  return set;
}

export const FAIL_ON_HELP = `  --fail-on CATEGORY,…  exit with status 4 when the outcome falls in one of these categories
                        (${CATEGORIES.join(', ')})`;

/** Reads a file argument or `-` (stdin) as text; unreadable input is exit 3 with the reason. */
export async function readInput(source: string, io: CliIo, command: string): Promise<string> {
  if (source === '-') {
    try {
      return await io.readStdin();
    } catch (err) {
      throw new CliError(`${command}: cannot read standard input: ${errorReason(err)}`, EXIT_UNREADABLE);
    }
  }
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw new CliError(`${command}: cannot read ${safeArg(source)}: it is a directory`, EXIT_UNREADABLE);
    return await readFile(source, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${command}: cannot read ${safeArg(source)}: ${errorReason(err)}`, EXIT_UNREADABLE);
  }
}

export function errorReason(err: unknown): string {
  const code = typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  const msg = err instanceof Error ? err.message : String(err);
  return redactSecrets(msg.split('\n')[0] ?? 'failed');
}

// ---------------------------------------------------------------------------------------------
// Output

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export function style(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

const ANSI = /\x1b\[[0-9;]*m/g;
function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

/** Aligned columns; the last column is left unpadded. */
export function table(rows: string[][], indent = '  '): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows
    .map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleLength(cell)))).join('  ').trimEnd())
    .join('\n') + '\n';
}

/** Wraps prose to a width with a hanging indent (no wrapping inside words). */
export function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n') + '\n';
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
