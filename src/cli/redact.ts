// `auth-lens redact [FILE|-]`: prints its input with every secret and token removed, so a log, a config
// or an HTTP dump can be pasted into a bug report. Same redactor as the panel, the extension's log and
// the reports; the input is read and printed in pieces, so its size does not matter.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRedactStream } from '../core/redact-stream';
import type { CommandSpec, ParsedArgs } from './command';
import type { CliIo } from './io';
import { CliError, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, errorReason, json, safeArg } from './util';

export const REDACT: CommandSpec = {
  name: 'redact',
  usage: ['redact [FILE|-] [--json]'],
  about: `Prints FILE (or standard input) with every secret and token removed, ready to paste into a bug report
or a support ticket. It uses the same redactor as the VS Code panel, the extension's log and the
reports, and removes:

  - the value of any key that names a secret, however it is written: client_secret, clientSecret,
    ClientSecret, AZURE_CLIENT_SECRET, client-secret, X-MS-TOKEN-AAD-REFRESH-TOKEN, refreshToken,
    AccountKey, SharedAccessKey, Password, Pwd, sig, code_verifier, … in JSON, YAML (also a value
    on the line below its key), .env files, connection strings, query strings, headers, code, and
    command lines (--client-secret VALUE, -p VALUE);
  - Authorization and Cookie headers, and credentials in a URL (https://user:password@host);
  - what is a secret by its shape alone: JWTs (a short prefix stays), Entra client secrets, refresh
    tokens and authorization codes, PEM private keys, random base64 keys and signatures;
  - the same inside URL-encoded and base64 text.

Everything else is printed as it was, line for line; terminal control characters are dropped.
FILE is read in pieces, so a log of any size works; "-" or no FILE reads standard input (a pipe).
Nothing is sent anywhere. Redaction is a safety net, not a proof: read the output before sharing it.`,
  options: [{ name: 'json', help: 'print {"text": …, "redactions": N} instead (holds the whole text in memory)' }],
  exit: 'Exit status: 0 printed, 2 usage error, 3 input unreadable.',
  run: runRedact,
};

/** How many bytes are read at a time from a file. */
const READ_CHUNK = 1 << 20;

async function openInput(source: string, io: CliIo): Promise<AsyncIterable<Uint8Array | string> | Iterable<string>> {
  if (source === '-') {
    if (io.stdinStream) return io.stdinStream;
    try {
      return [await io.readStdin()];
    } catch (err) {
      throw new CliError(`redact: cannot read standard input: ${errorReason(err)}`, EXIT_UNREADABLE);
    }
  }
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw new CliError(`redact: cannot read ${safeArg(source)}: it is a directory`, EXIT_UNREADABLE);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`redact: cannot read ${safeArg(source)}: ${errorReason(err, source)}`, EXIT_UNREADABLE);
  }
  return createReadStream(source, { highWaterMark: READ_CHUNK });
}

async function runRedact(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length > 1) throw new CliError('redact: give one FILE (or - for standard input)', EXIT_USAGE);
  const source = args.positionals[0] ?? '-';
  if (source === '-' && io.stdinIsTTY) {
    throw new CliError('redact: nothing to read: pass a FILE or pipe the text in (see auth-lens redact --help)', EXIT_USAGE);
  }
  const asJson = args.flags.has('json');
  const input = await openInput(source, io);
  const redactor = createRedactStream();
  // Invalid UTF-8 becomes U+FFFD rather than failing: a log with a few binary bytes still prints.
  const decoder = new TextDecoder('utf-8');
  let whole = '';
  const emit = async (text: string): Promise<void> => {
    if (!text) return;
    if (asJson) whole += text;
    else {
      io.stdout(text);
      await io.stdoutReady?.();
    }
  };
  try {
    for await (const chunk of input) await emit(redactor.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  } catch (err) {
    const name = source === '-' ? 'standard input' : safeArg(source);
    throw new CliError(`redact: cannot read ${name}: ${errorReason(err, source)}`, EXIT_UNREADABLE);
  }
  await emit(redactor.push(decoder.decode()) + redactor.end());
  if (asJson) io.stdout(json({ text: whole, redactions: redactor.redactions }));
  return EXIT_OK;
}
