// NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process: a self-signed
// authority then answered "✓ Success" with nothing to show that no one checked who answered. The
// timeline carries a note, and the CLI prints it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../src/cli/token';
import { createTokenClient, type TokenResult } from '../../src/core/client/index';
import { TimelineSchema } from '../../src/protocol';
import { fakeCliIo } from '../faults/cli-process';
import { startFaultServer, startUntrustedTlsServer, type FaultServer } from '../sandbox/index';

const SECRET = 'tls-env-test-secret-0123456789';
const NOTE = /TLS certificate verification is disabled by the environment \(NODE_TLS_REJECT_UNAUTHORIZED=0\)/;

let tls: Awaited<ReturnType<typeof startUntrustedTlsServer>>;
let plain: FaultServer;
const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  tls = await startUntrustedTlsServer();
  plain = await startFaultServer();
});

afterAll(async () => {
  await tls?.stop();
  await plain?.stop();
});

afterEach(() => {
  if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
});

function request(tokenUrl: string) {
  return {
    settings: { authority: new URL(tokenUrl).origin, clientId: 'tls-app', flow: 'client_credentials' as const, scopes: ['api://tls/.default'], endpoints: { token: tokenUrl } },
    credentials: { clientSecret: SECRET },
  };
}

async function acquire(tokenUrl: string): Promise<TokenResult> {
  const client = createTokenClient({ env: {}, policy: { attemptTimeoutMs: 5_000, transientRetries: 0, throttleMemory: false } });
  try {
    return await client.acquire(request(tokenUrl));
  } finally {
    await client.close();
  }
}

describe('NODE_TLS_REJECT_UNAUTHORIZED=0', () => {
  it('a self-signed authority still answers, and the timeline says verification was off', async () => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const result = await acquire(tls.url);
    expect(result.classification.category).toBe('success');
    expect(result.timeline.notes?.join('\n')).toMatch(NOTE);
    // The panel accepts the timeline as it is.
    expect(TimelineSchema.parse(result.timeline)).toEqual(result.timeline);
  });

  it('no note when verification is on (the handshake fails), or when nothing went over https', async () => {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const checked = await acquire(tls.url);
    expect(checked.timeline.attempts[0]!.networkError).toMatch(/TLS/);
    expect(checked.timeline.notes ?? []).toEqual([]);
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const overHttp = await acquire(plain.tokenUrl('ok'));
    expect(overHttp.classification.category).toBe('success');
    expect(overHttp.timeline.notes ?? []).toEqual([]);
  });

  it('auth-lens token prints it next to the success, in text and in --json', async () => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const args = ['--authority', new URL(tls.url).origin, '--client-id', '11111111-2222-3333-4444-555555555555', '--flow', 'client_credentials', '--scope', 'api://tls/.default', '--token-endpoint', tls.url];
    const text = fakeCliIo({ AUTH_LENS_CLIENT_SECRET: SECRET });
    expect(await runTokenCommand(args, text), text.err).toBe(0);
    const [head] = text.out.split('Timeline');
    expect(head).toMatch(/Success/);
    // Wrapped to the terminal width: compared as one line.
    expect(head!.replace(/\s+/g, ' ')).toMatch(NOTE);
    const json = fakeCliIo({ AUTH_LENS_CLIENT_SECRET: SECRET });
    expect(await runTokenCommand([...args, '--json'], json), json.err).toBe(0);
    expect((JSON.parse(json.out) as { timeline: { notes?: string[] } }).timeline.notes?.join('\n')).toMatch(NOTE);
  });
});
