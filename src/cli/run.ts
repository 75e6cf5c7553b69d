// The command dispatcher, separate from the process entry so tests can run commands in-process.
import { redactSecrets } from '../core/redact';
import { CLASSIFY_HELP, runClassify } from './classify';
import { DECODE_HELP, runDecode } from './decode';
import { EXPLAIN_HELP, runExplain } from './explain';
import type { CliIo } from './io';
import { runScan, SCAN_HELP } from './scan';
import { runTokenCommand } from './token';
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
  decode [TOKEN|FILE|-]   explain a token's header and claims (signature never shown)
  scan FILE|-             scan a log: codes, errors, correlation IDs, tokens, request loops
  token …                 acquire a test token and print the retry timeline

Every command takes --help. Most take --json for machine-readable output and
--fail-on CATEGORY,… to exit with status 4 when a failure of that kind is found.

Exit status: 0 success, 2 usage error, 3 input unreadable, 4 --fail-on matched, 1 internal error.
Colour is used on a terminal unless NO_COLOR is set.
`;

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  explain: runExplain,
  classify: runClassify,
  decode: runDecode,
  scan: runScan,
  token: runTokenCommand,
};

export const COMMAND_HELP: Record<string, string> = { explain: EXPLAIN_HELP, classify: CLASSIFY_HELP, decode: DECODE_HELP, scan: SCAN_HELP };

/** Runs one CLI invocation; returns the exit status. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      io.stdout(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : MAIN_HELP);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === '--version' || command === '-V') {
      io.stdout(`auth-lens ${VERSION}\n`);
      return EXIT_OK;
    }
    const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) {
      io.stderr(`auth-lens: unknown command "${safeArg(command)}" (commands: ${Object.keys(COMMANDS).join(', ')}; see auth-lens --help)\n`);
      return EXIT_USAGE;
    }
    return await run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`auth-lens ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`auth-lens: internal error: ${redactSecrets((message.split('\n')[0] ?? '').slice(0, 300))}\n`);
    return EXIT_INTERNAL;
  }
}
