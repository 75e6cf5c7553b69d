// Small pieces every command shares: exit codes, colour, tables, input reading.
import { open, readFile, stat } from 'node:fs/promises';
import { styleText } from 'node:util';
import { CATEGORIES, type Category } from '../core/types';
import { redactSecrets, secretKind, withArticle } from '../core/redact';
import type { OptionDef, ParsedArgs } from './command';
import { stripControls, type CliIo } from './io';

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

/**
 * An argument as error messages show it. Arguments can be secrets (a token or a client secret given
 * where a file was expected): one that looks like a secret or holds one is never shown, only what it
 * looked like; anything else is shortened.
 */
export function safeArg(arg: string): string {
  const kind = secretKind(arg);
  if (kind) return `[an argument that looks like ${withArticle(kind)}]`;
  return arg.length > 60 ? arg.slice(0, 57) + '…' : arg;
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

/** The `--fail-on` row of a command's option table; `more` adds what "the outcome" means for it. */
export function failOnOption(more = ''): OptionDef {
  return { name: 'fail-on', value: 'CATEGORY,…', help: `exit with status 4 when the outcome falls in one of these categories (${CATEGORIES.join(', ')})${more ? `. ${more}` : ''}` };
}

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
    throw new CliError(`${command}: cannot read ${safeArg(source)}: ${errorReason(err, source)}`, EXIT_UNREADABLE);
  }
}

/** The first part of an input, and what is known of the whole. */
export interface InputHead {
  /** The text of the first `maxBytes` bytes (a character cut at the limit is dropped). */
  text: string;
  /** True when the input holds more than was read. */
  truncated: boolean;
  /** The input's full size when known (a regular file), else null. */
  totalBytes: number | null;
}

function decodeHead(bytes: Uint8Array): string {
  // `stream: true` holds back a UTF-8 sequence cut at the limit instead of turning it into U+FFFD.
  return new TextDecoder('utf-8').decode(bytes, { stream: true });
}

/**
 * Reads at most `maxBytes` of a file argument or `-` (stdin), for commands that only ever look at
 * the beginning of their input: memory stays bounded whatever the size (a 1 GB log, /dev/zero, a
 * FIFO). Regular files are stat'ed first and only their head is read; streams are read until the
 * limit and then left. Unreadable input is exit 3 with the reason.
 */
export async function readInputHead(source: string, io: CliIo, command: string, maxBytes: number): Promise<InputHead> {
  if (source === '-') {
    try {
      if (!io.stdinStream) {
        // Test doubles and hosts without a stream: the whole text is already in memory.
        const all = await io.readStdin();
        const bytes = Buffer.from(all, 'utf8');
        return bytes.length > maxBytes ? { text: decodeHead(bytes.subarray(0, maxBytes)), truncated: true, totalBytes: bytes.length } : { text: all, truncated: false, totalBytes: bytes.length };
      }
      const head = Buffer.alloc(maxBytes);
      let size = 0;
      let truncated = false;
      for await (const chunk of io.stdinStream) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        const take = Math.min(bytes.length, maxBytes - size);
        head.set(bytes.subarray(0, take), size);
        size += take;
        if (take < bytes.length) {
          truncated = true;
          break;
        }
      }
      return { text: decodeHead(head.subarray(0, size)), truncated, totalBytes: truncated ? null : size };
    } catch (err) {
      throw new CliError(`${command}: cannot read standard input: ${errorReason(err)}`, EXIT_UNREADABLE);
    }
  }
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw new CliError(`${command}: cannot read ${safeArg(source)}: it is a directory`, EXIT_UNREADABLE);
    const handle = await open(source, 'r');
    try {
      // One byte more than the limit tells a file of exactly maxBytes from a longer one, also for
      // devices and pipes whose stat size says nothing.
      const head = Buffer.alloc(maxBytes + 1);
      let size = 0;
      while (size < head.length) {
        const { bytesRead } = await handle.read(head, size, head.length - size, null);
        if (bytesRead === 0) break;
        size += bytesRead;
      }
      const truncated = size > maxBytes;
      return {
        text: decodeHead(head.subarray(0, Math.min(size, maxBytes))),
        truncated,
        totalBytes: info.isFile() ? info.size : truncated ? null : size,
      };
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${command}: cannot read ${safeArg(source)}: ${errorReason(err, source)}`, EXIT_UNREADABLE);
  }
}

/** "2.0 MB", "1.0 GB": sizes for messages, in binary units. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** What was done with an input larger than a command reads, for stderr (stdout stays clean for --json). */
export function truncationNote(command: string, source: string, head: InputHead, maxBytes: number, what: string): string | null {
  if (!head.truncated) return null;
  const name = source === '-' ? 'standard input' : safeArg(source);
  const size = head.totalBytes !== null ? `is ${formatBytes(head.totalBytes)}` : `holds more than ${formatBytes(maxBytes)}`;
  return `auth-lens ${command}: ${name} ${size}; only its first ${formatBytes(maxBytes)} was read ${what}.\n`;
}

/**
 * Why reading failed, in a few words. A system message quotes the path it failed on: that path is
 * `arg`, so it is shown only as safeArg shows it.
 */
export function errorReason(err: unknown, arg?: string): string {
  const code = typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  let msg = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'failed';
  if (arg && arg.length >= 4) msg = msg.split(arg).join(safeArg(arg));
  return redactSecrets(msg);
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

type Format = Parameters<typeof styleText>[0];

/** Colour functions; `color` is the CliIo's decision (TTY, NO_COLOR, FORCE_COLOR), not the stream's. */
export function style(color: boolean): Style {
  const paint = (format: Format) => (s: string) => (color ? styleText(format, s, { validateStream: false }) : s);
  return { bold: paint('bold'), dim: paint('dim'), red: paint('red'), yellow: paint('yellow'), green: paint('green'), cyan: paint('cyan') };
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

/**
 * JSON for people and pipes. String values lose their control characters here, not only when printed:
 * `jq -r` would turn an escaped ESC back into a real one.
 */
export function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? stripControls(v, false) : v), 2) + '\n';
}

/** A copy of plain JSON data with every string redacted (keys stay: they are the record's field names). */
function redactValues(value: unknown, extraSecrets: readonly string[] | undefined, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value, extraSecrets);
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValues(item, extraSecrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactValues(item, extraSecrets, depth + 1);
  return out;
}

/**
 * JSON with every value redacted before it is serialized. Redacting the serialized text instead
 * misses what escaping changed: a secret holding a quote, a backslash or a tab is written escaped.
 */
export function redactedJson(value: unknown, extraSecrets?: readonly string[]): string {
  return json(redactValues(value, extraSecrets, 0));
}
