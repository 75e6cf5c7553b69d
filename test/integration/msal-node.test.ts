// The same client-credentials request through @azure/msal-node (the reference client) against the
// sandbox. msal-node refuses http authorities, so the sandbox runs on https with a self-signed test
// certificate; msal-node gets a network client (undici with that certificate as its only CA) and the
// authority metadata inline (knownAuthorities + authorityMetadata + cloudDiscoveryMetadata), so it never
// goes online; msal-node 7 has no protocolMode option and needs none here.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfidentialClientApplication, ServerError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { Agent, request } from 'undici';
import { decodeJwt } from 'jose';
import { createTokenClient } from '../../src/core/client/index';
import { SANDBOX_API, SANDBOX_TLS_CERT_PATH, SANDBOX_TLS_KEY_PATH, startSandbox, type Sandbox } from '../sandbox/index';

let sandbox: Sandbox;
let agent: Agent;
const caPem = readFileSync(SANDBOX_TLS_CERT_PATH, 'utf8');

beforeAll(async () => {
  sandbox = await startSandbox({ tls: { cert: caPem, key: readFileSync(SANDBOX_TLS_KEY_PATH, 'utf8') } });
  agent = new Agent({ connect: { ca: caPem } });
});

afterAll(async () => {
  await agent?.close();
  await sandbox?.stop();
});

/** msal-node's network hook, on undici with the test CA; records what msal-node sent. */
function networkClient(seen: { method: string; url: string; headers: Record<string, string> }[]): INetworkModule {
  async function send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    seen.push({ method, url, headers: { ...(options?.headers ?? {}) } });
    const response = await request(url, { method, headers: options?.headers, body: options?.body, dispatcher: agent });
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    return { headers, body: JSON.parse(text) as T, status: response.statusCode };
  }
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

async function msalApp(clientId: string, secret: string, seen: { method: string; url: string; headers: Record<string, string> }[]) {
  const host = new URL(sandbox.issuer).host;
  const metadata = await request(`${sandbox.issuer}/.well-known/openid-configuration`, { dispatcher: agent });
  const authorityMetadata = await metadata.body.text();
  return new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret: secret,
      authority: sandbox.issuer,
      knownAuthorities: [host],
      authorityMetadata,
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${sandbox.issuer}/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      }),
    },
    system: { networkClient: networkClient(seen) },
  });
}

describe('msal-node as a reference client against the sandbox', () => {
  it('acquires the same client-credentials token as Auth Lens', async () => {
    const seen: { method: string; url: string; headers: Record<string, string> }[] = [];
    const app = await msalApp('sandbox-secret', sandbox.clientSecret, seen);
    const result = await app.acquireTokenByClientCredential({ scopes: [`${SANDBOX_API}/.default`] });
    expect(result?.accessToken).toBeTruthy();
    const msalClaims = decodeJwt(result!.accessToken);
    // msal-node goes only to our sandbox (no instance discovery on the internet).
    expect(seen.every((r) => r.url.startsWith(sandbox.issuer))).toBe(true);
    expect(seen.some((r) => r.method === 'POST' && r.url.startsWith(`${sandbox.issuer}/token`))).toBe(true);

    const client = createTokenClient({ ca: caPem, env: {} });
    try {
      const ours = await client.acquire({
        settings: { authority: sandbox.issuer, clientId: 'sandbox-secret', flow: 'client_credentials', scopes: [`${SANDBOX_API}/.default`] },
        credentials: { clientSecret: sandbox.clientSecret },
      });
      expect(ours.classification.category).toBe('success');
      const ourClaims = decodeJwt(ours.tokens!.accessToken);
      for (const claim of ['aud', 'iss', 'tid', 'azp', 'roles', 'ver', 'idtyp']) expect(ourClaims[claim]).toEqual(msalClaims[claim]);
    } finally {
      await client.close();
    }
  });

  it('sees the same Entra-shaped failure Auth Lens classifies (AADSTS7000215)', async () => {
    const seen: { method: string; url: string; headers: Record<string, string> }[] = [];
    const app = await msalApp('scenario-bad-secret', 'test-only-wrong-secret', seen);
    const error = await app.acquireTokenByClientCredential({ scopes: [`${SANDBOX_API}/.default`] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).errorCode).toBe('invalid_client');
    expect((error as ServerError).message).toContain('7000215');
  });
});
