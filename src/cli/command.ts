// One table per command: its options are declared once, and that declaration drives both the
// parser (node:util parseArgs) and the command's --help text. Every command runs through
// runCommand, so parsing, help and errors behave the same for all of them.
import { parseArgs as parseTokens } from 'node:util';
import { redactSecrets } from '../core/redact';
import type { CliIo } from './io';
import { CliError, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, safeArg } from './util';

export interface OptionDef {
  /** Long name without dashes ("fail-on"). */
  name: string;
  /** One-letter alias ("h"). */
  short?: string;
  /** The value's placeholder in help ("CATEGORY,…"); an option without one is a switch. */
  value?: string;
  /** What the option does, for --help; wrapped to the terminal page width. */
  help: string;
  /** Help section the option is listed under (its heading line); "Options:" when absent. */
  group?: string;
  /** Not listed in help; given anyway, the command stops with this message (e.g. secrets on argv). */
  refused?: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** The switches given (long names). */
  flags: Set<string>;
  /** The options given with their values (the last one wins when repeated). */
  options: Map<string, string>;
}

export interface CommandSpec {
  name: string;
  /** The usage lines, each without the leading "auth-lens ". */
  usage: string[];
  /** Prose between the usage and the options, as written. */
  about: string;
  options: OptionDef[];
  /** Prose after the options, as written (proxies, environment). */
  notes?: string;
  /** The "Exit status: …" paragraph, as written. */
  exit: string;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

const HELP_OPTION: OptionDef = { name: 'help', short: 'h', help: 'show this help' };
const DEFAULT_GROUP = 'Options:';
const PAGE_WIDTH = 100;

function optionsOf(spec: CommandSpec): OptionDef[] {
  return [...spec.options, HELP_OPTION];
}

function label(o: OptionDef): string {
  return `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
}

/** One help row: `lead` in the left column, `text` filled to the page width beside it with a hanging indent. */
export function helpRow(lead: string, text: string, column: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && column + line.length + 1 + word.length > PAGE_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? lead.padEnd(column) : ' '.repeat(column)) + l).join('\n');
}

/** The command's --help, built from its table. */
export function helpText(spec: CommandSpec): string {
  const options = optionsOf(spec).filter((o) => o.refused === undefined);
  const column = Math.max(24, ...options.map((o) => 2 + label(o).length + 2));
  const groups = new Map<string, OptionDef[]>();
  for (const o of options) {
    const group = o.group ?? DEFAULT_GROUP;
    groups.set(group, [...(groups.get(group) ?? []), o]);
  }
  // The help switch closes the last section rather than opening one of its own.
  const last = [...groups.keys()].filter((g) => g !== DEFAULT_GROUP).pop();
  if (last && groups.get(DEFAULT_GROUP)?.length === 1) {
    groups.delete(DEFAULT_GROUP);
    groups.get(last)!.push(HELP_OPTION);
  }
  const sections = [...groups].map(([heading, list]) => {
    const rows = list.map((o) => helpRow(`  ${label(o)}`, o.help, column));
    return `${heading}\n${rows.join('\n')}\n`;
  });
  const usage = spec.usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} auth-lens ${u}`).join('\n');
  return [`${usage}\n`, spec.about.trim() + '\n', ...sections, ...(spec.notes ? [spec.notes.trim() + '\n'] : []), spec.exit.trim() + '\n'].join('\n');
}

/**
 * Parses argv against the command's table. Unknown options, switches given a value and options
 * missing theirs are usage errors naming the option (never echoing a value: it may be a secret).
 */
export function parseCommandArgs(argv: string[], spec: CommandSpec): ParsedArgs {
  const table = optionsOf(spec);
  const byName = new Map(table.map((o) => [o.name, o]));
  const config = Object.fromEntries(table.map((o) => [o.name, { type: o.value ? ('string' as const) : ('boolean' as const), ...(o.short ? { short: o.short } : {}) }]));
  // Not strict: node's own errors quote the argument, which may be a secret; ours name only the option.
  const { tokens } = parseTokens({ args: argv, options: config, allowPositionals: true, strict: false, tokens: true });
  const see = `(see auth-lens ${spec.name} --help)`;
  const found = tokens.flatMap((t) => (t.kind === 'option' ? [{ token: t, def: byName.get(t.name) }] : []));
  // A refused option stops the command before anything else is looked at, --help included.
  for (const { def } of found) if (def?.refused !== undefined) throw new CliError(`${spec.name}: ${def.refused}`, EXIT_USAGE);
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const def = byName.get(t.name);
    if (!def) {
      throw new CliError(`${spec.name}: unknown option ${safeArg(t.rawName)} ${see}`, EXIT_USAGE);
    }
    if (!def.value) {
      if (t.value !== undefined) throw new CliError(`${spec.name}: --${def.name} takes no value`, EXIT_USAGE);
      flags.add(def.name);
      continue;
    }
    // `--now --json`: the next option was taken for the value; a forgotten value, not a strange one.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--') && t.value.length > 2)) {
      throw new CliError(`${spec.name}: --${def.name} needs a value`, EXIT_USAGE);
    }
    options.set(def.name, t.value);
  }
  return { positionals, flags, options };
}

/**
 * A usage or input error raised by a command. A command loaded from its own file carries its own copy
 * of the CliError class, so `instanceof` alone would miss it; the name and exit code tell it apart.
 */
function asCliError(err: unknown): { message: string; exitCode: number } | undefined {
  if (err instanceof CliError) return err;
  if (!(err instanceof Error) || err.name !== 'CliError') return undefined;
  const exitCode: unknown = (err as Error & { exitCode?: unknown }).exitCode;
  return typeof exitCode === 'number' ? { message: err.message, exitCode } : undefined;
}

/** The one error path of the CLI: a usage or input error is one line and its status; anything else is an internal error. */
export function reportError(err: unknown, io: CliIo): number {
  const cliError = asCliError(err);
  if (cliError) {
    io.stderr(`auth-lens ${cliError.message}\n`);
    return cliError.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  // Redacted whole, then cut: a secret split over lines (a PEM block) or cut short would not be recognised.
  io.stderr(`auth-lens: internal error: ${(redactSecrets(message).split('\n')[0] ?? '').slice(0, 300)}\n`);
  return EXIT_INTERNAL;
}

/** Parses, answers --help, runs; returns the exit status and never throws. */
export async function runCommand(spec: CommandSpec, argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommandArgs(argv, spec);
    if (args.flags.has('help')) {
      io.stdout(helpText(spec));
      return EXIT_OK;
    }
    return await spec.run(args, io);
  } catch (err) {
    return reportError(err, io);
  }
}
