// The CLI's window on the world. Commands only talk through this, so tests can run them in-process
// with fake streams and the real entry point wires them to the process.

export interface CliIo {
  /** Writes text to standard output as is (callers add newlines). */
  stdout(text: string): void;
  /** Writes text to standard error as is (callers add newlines). */
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
