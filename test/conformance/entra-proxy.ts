// A local proxy for tools whose identity hosts cannot be configured: the Azure CLI sends its requests to
// login.microsoftonline.com and management.azure.com whatever cloud it is told about, and MSAL asks
// login.microsoftonline.com about an authority host it does not know (instance discovery). The proxy
// accepts CONNECT for the names in PROXIED_HOSTS only, answers TLS with a test-only certificate for
// them (test/fixtures/client/entra-names-*.pem) and hands the bytes to the sandbox, so the tool runs
// unchanged and nothing leaves the machine: any other host is refused.
// TEST ONLY.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { connect, TLSSocket } from 'node:tls';
import { PROXIED_HOSTS } from '../sandbox/entra';
import { SANDBOX_CA_PATH } from './harness';


const CLIENT_FIXTURES = join(__dirname, '..', 'fixtures', 'client');
/** The certificate the proxy answers with; a client trusts it through its CA bundle (CA:TRUE, self-signed). */
export const ENTRA_NAMES_CERT_PATH = join(CLIENT_FIXTURES, 'entra-names-cert.pem');
const ENTRA_NAMES_KEY_PATH = join(CLIENT_FIXTURES, 'entra-names-key.pem');

export interface EntraProxy {
  /** http://127.0.0.1:port, for HTTPS_PROXY. */
  url: string;
  /** `base` with the proxy and a CA bundle that trusts both the sandbox and the proxy (Python's requests reads REQUESTS_CA_BUNDLE). */
  environment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** CONNECT requests refused (a host the proxy does not answer for). */
  refused: string[];
  stop(): Promise<void>;
}

/** Starts the proxy in front of the conformance sandbox (https, its issuer's port, its own certificate as CA). */
export function startEntraProxyFor(sandbox: { issuer: string }): Promise<EntraProxy> {
  return startEntraProxy({ port: Number(new URL(sandbox.issuer).port), ca: readFileSync(SANDBOX_CA_PATH, 'utf8') });
}

/** Starts the proxy in front of a sandbox served on https at 127.0.0.1:`port` with certificate `ca`. */
export async function startEntraProxy(target: { port: number; ca: string }): Promise<EntraProxy> {
  const cert = readFileSync(ENTRA_NAMES_CERT_PATH, 'utf8');
  const key = readFileSync(ENTRA_NAMES_KEY_PATH, 'utf8');
  const open = new Set<Socket>();
  const refused: string[] = [];
  const server: Server = createServer((_req, res) => {
    res.writeHead(405, { connection: 'close' });
    res.end('This proxy only tunnels HTTPS (CONNECT).\n');
  });
  server.on('connect', (req, socket: Socket, head: Buffer) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    const [host, port] = (req.url ?? '').split(':');
    if (!(PROXIED_HOSTS as readonly string[]).includes(host ?? '') || port !== '443') {
      refused.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const client = new TLSSocket(socket, { isServer: true, cert, key });
    const upstream = connect({ host: '127.0.0.1', port: target.port, ca: target.ca, servername: 'localhost' });
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'auth-lens-proxy-'));
  const bundle = join(dir, 'ca.pem');
  writeFileSync(bundle, target.ca + cert);
  return {
    url,
    refused,
    environment: (base) => {
      const env: NodeJS.ProcessEnv = { ...base, HTTPS_PROXY: url, NO_PROXY: '127.0.0.1,localhost', REQUESTS_CA_BUNDLE: bundle };
      delete env.SSL_CERT_FILE;
      delete env.CURL_CA_BUNDLE;
      return env;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }).finally(() => rmSync(dir, { recursive: true, force: true })),
  };
}
