// Runs the test sandbox authority in its own process, so the server's work (oidc-provider signing a
// token per request) runs beside the clients under test instead of on their event loop. Prints one
// JSON line with what a client needs, then serves until stdin closes or it is signalled.
import { startSandbox } from '../../test/sandbox/index';

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '0');
  const sandbox = await startSandbox({ port });
  const client = sandbox.clients.find((c) => c.flow === 'client_credentials' && c.clientId === 'sandbox-secret') ?? sandbox.clients.find((c) => c.flow === 'client_credentials');
  if (!client) throw new Error('the sandbox has no client_credentials client');
  // The sandbox records every request for tests to inspect; a benchmark sends thousands, so keep it short.
  const trim = setInterval(() => sandbox.requests.splice(0, Math.max(0, sandbox.requests.length - 100)), 1000);
  process.stdout.write(JSON.stringify({ issuer: sandbox.issuer, clientId: client.clientId, scopes: client.scopes, secret: sandbox.clientSecret }) + '\n');
  const stop = (): void => {
    clearInterval(trim);
    void sandbox.stop().finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

void main();
