// Placeholder for `auth-lens token …`, owned by the token-client work: it replaces this file with the
// real command. Until then the command says so and exits with status 2.
import type { CliIo } from './io';

export async function runTokenCommand(argv: string[], io: CliIo): Promise<number> {
  void argv;
  io.stderr('auth-lens token: not available yet in this build\n');
  return 2;
}
