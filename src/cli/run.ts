// The command dispatcher, separate from the process entry so tests can run commands in-process.
import { type CommandSpec, helpRow, helpText, reportError, runCommand } from './command';
import { guardOutput, type CliIo } from './io';
import { EXIT_OK, EXIT_USAGE, safeArg } from './util';

declare const AUTH_LENS_VERSION: string | undefined;

export const VERSION = typeof AUTH_LENS_VERSION === 'string' ? AUTH_LENS_VERSION : '0.1.0';

interface CommandEntry {
  /** How the command is called, for the top-level help. */
  synopsis: string;
  /** One line on what it does, for the top-level help. */
  summary: string;
  load(): Promise<CommandSpec>;
}

// Each command's code loads only when that command runs: `auth-lens scan` must not compile the
// token client (undici, zod). The built CLI (esbuild.mjs) turns each of these imports into a
// require of dist/cli-<command>.js next to dist/cli.js; a plain bundle of main.ts, or the sources
// under tsx or vitest, resolve them as ordinary modules.
const COMMANDS: Record<string, CommandEntry> = {
  explain: {
    synopsis: 'explain CODE…',
    summary: 'what AADSTS codes or OAuth error values mean, who acts, how to fix',
    load: async () => (await import('./explain')).EXPLAIN,
  },
  classify: {
    synopsis: 'classify [FILE|-]',
    summary: 'classify one failure (MSAL result, exception, token endpoint JSON, HTTP response, log line): category, retry advice, next steps',
    load: async () => (await import('./classify')).CLASSIFY,
  },
  decode: {
    synopsis: 'decode [TOKEN|FILE|-]',
    summary: "explain a token's header and claims (signature never shown); --verify checks the signature and what an API checks",
    load: async () => (await import('./decode')).DECODE,
  },
  compare: {
    synopsis: 'compare A B',
    summary: 'which claims differ between two tokens, and which matter for authorization',
    load: async () => (await import('./compare')).COMPARE,
  },
  scan: {
    synopsis: 'scan FILE|-',
    summary: 'scan a log: codes, errors, correlation IDs, tokens, request loops',
    load: async () => (await import('./scan')).SCAN,
  },
  redact: {
    synopsis: 'redact [FILE|-]',
    summary: 'print a log or config with every secret and token removed, to share it',
    load: async () => (await import('./redact')).REDACT,
  },
  token: {
    synopsis: 'token …',
    summary: 'acquire a test token and print the retry timeline',
    load: async () => (await import('./token')).TOKEN,
  },
};

const SYNOPSIS_WIDTH = 26;

function commandList(): string {
  return Object.values(COMMANDS)
    .map(({ synopsis, summary }) => helpRow(`  ${synopsis}`, summary, SYNOPSIS_WIDTH))
    .join('\n');
}

export const MAIN_HELP = `Usage: auth-lens COMMAND [options]

Explains why a Microsoft identity platform (Entra ID) sign-in or token request failed and what to
do next.

Commands:
${commandList()}

Every command takes --help (auth-lens help COMMAND prints the same). Most take --json for
machine-readable output and --fail-on CATEGORY,… to exit with status 4 when a failure of that kind
is found.

Exit status: 0 success, 2 usage error, 3 input unreadable, 4 --fail-on matched, 1 internal error.
Colour is used on a terminal unless NO_COLOR is set.
`;

function commandNamed(name: string | undefined): CommandEntry | undefined {
  return name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** Runs one CLI invocation; returns the exit status. Never throws. */
export async function runCli(argv: string[], raw: CliIo): Promise<number> {
  // Every command writes through this: no control character in what it prints reaches the terminal.
  const io = guardOutput(raw);
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      // `auth-lens help token` is `auth-lens token --help`: both print helpText of token's table.
      const topic = command === 'help' ? commandNamed(rest[0]) : undefined;
      io.stdout(topic ? helpText(await topic.load()) : MAIN_HELP);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === '--version' || command === '-V') {
      io.stdout(`auth-lens ${VERSION}\n`);
      return EXIT_OK;
    }
    const entry = commandNamed(command);
    if (!entry) {
      io.stderr(`auth-lens: unknown command "${safeArg(command)}" (commands: ${Object.keys(COMMANDS).join(', ')}; see auth-lens --help)\n`);
      return EXIT_USAGE;
    }
    return await runCommand(await entry.load(), rest, io);
  } catch (err) {
    return reportError(err, io);
  }
}
