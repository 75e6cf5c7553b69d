// Entry point of the `auth-lens` CLI (bundled to dist/cli.js). Everything is caught: the user sees
// one line on stderr and an exit status, never a stack trace.
import { processIo } from './io';
import { runCli } from './run';

function fatal(err: unknown): void {
  const code = typeof err === 'object' && err && 'code' in err ? (err as { code: unknown }).code : undefined;
  // Output piped into `head` closes early; that is not an error worth reporting.
  if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write('auth-lens: internal error\n');
  process.exit(1);
}

process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
process.stdout.on('error', fatal);

runCli(process.argv.slice(2), processIo()).then(
  (status) => {
    process.exitCode = status;
  },
  fatal,
);
