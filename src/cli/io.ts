// The CLI's window on the world. Commands only talk through this, so tests can run them in-process
// with fake streams and the real entry point wires them to the process.

export interface CliIo {
  /** Writes text to standard output (callers add newlines); runCli strips control characters (guardOutput). */
  stdout(text: string): void;
  /** Resolves when standard output can take more (after a large write), for commands that stream. */
  stdoutReady?(): Promise<void>;
  /** Writes text to standard error (callers add newlines); stripped like stdout. */
  stderr(text: string): void;
  /** Reads all of standard input as UTF-8 text. Rejects when stdin cannot be read. */
  readStdin(): Promise<string>;
  /** Standard input as a byte stream, for inputs too large to hold as one string (scan). */
  stdinStream?: AsyncIterable<Uint8Array | string>;
  /** True when standard input is a terminal (nothing was piped in). */
  stdinIsTTY: boolean;
  /** True when standard output is a terminal. */
  isTTY: boolean;
  /** Environment variables (for NO_COLOR, proxies, tenant defaults). */
  env: Record<string, string | undefined>;
  /** Whether to colour output: on a TTY and without NO_COLOR, unless forced by FORCE_COLOR. */
  color: boolean;
}

/** The colour rule every command follows: a TTY, no NO_COLOR; FORCE_COLOR wins over both. */
export function shouldColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/** The real process streams. */
export function processIo(): CliIo {
  const isTTY = Boolean(process.stdout.isTTY);
  const env = process.env;
  return {
    stdout: (text) => void process.stdout.write(text),
    stdoutReady: () =>
      process.stdout.writableNeedDrain
        ? new Promise<void>((resolve) => {
            const done = (): void => {
              process.stdout.off('drain', done);
              process.stdout.off('close', done);
              resolve();
            };
            process.stdout.on('drain', done);
            process.stdout.on('close', done);
          })
        : Promise.resolve(),
    stderr: (text) => void process.stderr.write(text),
    readStdin: () =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
    stdinStream: process.stdin,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    isTTY,
    env,
    color: shouldColor(isTTY, env),
  };
}

/**
 * Our own colours (util.ts style()): the only escape sequences that may reach a terminal, and only
 * when colour is on. Everything else that is a control character goes, wherever it came from.
 */
const OWN_SGR = '\x1b\\[(?:1|2|22|31|32|33|36|39)m';
/**
 * C0 controls but tab and LF (CR only before LF), DEL, C1 controls (8-bit CSI and OSC among them), and
 * the Unicode bidirectional overrides and isolates, which reorder what a terminal shows.
 */
const CONTROLS = '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]|\\r(?!\\n)';
const CONTROL_RE = new RegExp(CONTROLS, 'g');
const CONTROL_OR_SGR_RE = new RegExp(`(${OWN_SGR})|${CONTROLS}`, 'g');
const ANY_CONTROL_RE = new RegExp(CONTROLS);

/**
 * `text` without terminal control characters: an error value or a server's message carrying OSC 52
 * (a clipboard write), a screen clear or a title change prints as inert text. Newlines and tabs stay;
 * with `keepColor`, so do the CLI's own colour sequences.
 */
export function stripControls(text: string, keepColor: boolean): string {
  if (!ANY_CONTROL_RE.test(text)) return text;
  return keepColor ? text.replace(CONTROL_OR_SGR_RE, (_m, own: string | undefined) => own ?? '') : text.replace(CONTROL_RE, '');
}

/** The same streams, with everything written passed through stripControls: the one place output is cleaned. */
export function guardOutput(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(stripControls(text, io.color)),
    stderr: (text) => io.stderr(stripControls(text, io.color)),
  };
}
