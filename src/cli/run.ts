// The command dispatcher, separate from the process entry so tests can run commands in-process.
import { redactSecrets } from '../core/redact';
import { guardOutput, type CliIo } from './io';
import { CliError, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, safeArg } from './util';

declare const AUTH_LENS_VERSION: string | undefined;

export const VERSION = typeof AUTH_LENS_VERSION === 'string' ? AUTH_LENS_VERSION : '0.1.0';

export const MAIN_HELP = `Usage: auth-lens COMMAND [options]

Explains why a Microsoft identity platform (Entra ID) sign-in or token request failed and what to
do next.

Commands:
  explain CODE…           what AADSTS codes or OAuth error values mean, who acts, how to fix
  classify [FILE|-]       classify one failure (MSAL result, exception, token endpoint JSON,
                          HTTP response, log line): category, retry advice, next steps
  decode [TOKEN|FILE|-]   explain a token's header and claims (signature never shown);
                          --verify checks the signature and what an API checks
  compare A B             which claims differ between two tokens, and which matter for authorization
  scan FILE|-             scan a log: codes, errors, correlation IDs, tokens, request loops
  redact [FILE|-]         print a log or config with every secret and token removed, to share it
  token …                 acquire a test token and print the retry timeline

Every command takes --help. Most take --json for machine-readable output and
--fail-on CATEGORY,… to exit with status 4 when a failure of that kind is found.

Exit status: 0 success, 2 usage error, 3 input unreadable, 4 --fail-on matched, 1 internal error.
Colour is used on a terminal unless NO_COLOR is set.
`;

interface Command {
  run(argv: string[], io: CliIo): Promise<number>;
  help?: string;
}

// Each command's code loads only when that command runs: `auth-lens scan` must not compile the
// token client (undici, zod). The built CLI (esbuild.mjs) turns each of these imports into a
// require of dist/cli-<command>.js next to dist/cli.js; a plain bundle of main.ts, or the sources
// under tsx or vitest, resolve them as ordinary modules.
const COMMANDS: Record<string, () => Promise<Command>> = {
  explain: async () => {
    const m = await import('./explain');
    return { run: m.runExplain, help: m.EXPLAIN_HELP };
  },
  classify: async () => {
    const m = await import('./classify');
    return { run: m.runClassify, help: m.CLASSIFY_HELP };
  },
  decode: async () => {
    const m = await import('./decode');
    return { run: m.runDecode, help: m.DECODE_HELP };
  },
  compare: async () => {
    const m = await import('./compare');
    return { run: m.runCompare, help: m.COMPARE_HELP };
  },
  scan: async () => {
    const m = await import('./scan');
    return { run: m.runScan, help: m.SCAN_HELP };
  },
  redact: async () => {
    const m = await import('./redact');
    return { run: m.runRedact, help: m.REDACT_HELP };
  },
  token: async () => {
    const m = await import('./token');
    return { run: m.runTokenCommand };
  },
};

function commandNamed(name: string | undefined): (() => Promise<Command>) | undefined {
  return name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
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

/** Runs one CLI invocation; returns the exit status. Never throws. */
export async function runCli(argv: string[], raw: CliIo): Promise<number> {
  // Every command writes through this: no control character in what it prints reaches the terminal.
  const io = guardOutput(raw);
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? commandNamed(rest[0]) : undefined;
      const help = topic ? (await topic()).help : undefined;
      io.stdout(help ?? MAIN_HELP);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === '--version' || command === '-V') {
      io.stdout(`auth-lens ${VERSION}\n`);
      return EXIT_OK;
    }
    const load = commandNamed(command);
    if (!load) {
      io.stderr(`auth-lens: unknown command "${safeArg(command)}" (commands: ${Object.keys(COMMANDS).join(', ')}; see auth-lens --help)\n`);
      return EXIT_USAGE;
    }
    const { run } = await load();
    return await run(rest, io);
  } catch (err) {
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
}
