// Conformance driver: @azure/identity (JS), unmodified, against the sandbox's Entra-style authority,
// with disableInstanceDiscovery and authorityHost. Usage: tsx azure-identity.ts '<json DriverConfig>';
// NODE_EXTRA_CA_CERTS must name the sandbox CA (test only). Prints one DriverOutput line; with
// AZURE_LOG_LEVEL=verbose the library logs to stderr.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  AuthorizationCodeCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  ManagedIdentityCredential,
  OnBehalfOfCredential,
  type TokenCredential,
} from '@azure/identity';
import type { DriverCall, DriverConfig, DriverOutput } from './types';
import { printed } from './printed';

const require_ = createRequire(__filename);

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2] ?? '{}') as DriverConfig;
  const log: string[] = [];
  // The library's own log goes to stderr (AZURE_LOG_LEVEL=verbose, set by the recorder), which the recorder keeps.
  const common = { authorityHost: cfg.authorityHost, disableInstanceDiscovery: true };
  let credential: TokenCredential;
  switch (cfg.flow) {
    case 'client_credentials':
      credential = new ClientSecretCredential(cfg.tenantId, cfg.clientId, cfg.clientSecret!, common);
      break;
    case 'on_behalf_of':
      credential = new OnBehalfOfCredential({ tenantId: cfg.tenantId, clientId: cfg.clientId, clientSecret: cfg.clientSecret!, userAssertionToken: cfg.userAssertion!, ...common });
      break;
    case 'authorization_code':
      credential = new AuthorizationCodeCredential(cfg.tenantId, cfg.clientId, cfg.clientSecret!, cfg.authorizationCode!, cfg.redirectUri!, common);
      break;
    case 'device_code':
      credential = new DeviceCodeCredential({ tenantId: cfg.tenantId, clientId: cfg.clientId, userPromptCallback: (info) => void log.push(`[driver] device code message: ${info.message}`), ...common });
      break;
    case 'managed_identity':
      credential = cfg.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: cfg.managedIdentityClientId }) : new ManagedIdentityCredential();
      break;
    default:
      throw new Error(`flow ${cfg.flow} has no @azure/identity credential here`);
  }

  const calls: DriverCall[] = [];
  for (const waitMs of cfg.callWaitsMs) {
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const start = Date.now();
    try {
      const token = await credential.getToken(cfg.scopes, cfg.flow === 'device_code' ? { abortSignal: AbortSignal.timeout((cfg.deviceTimeoutSeconds ?? 30) * 1000) } : {});
      calls.push({ start, end: Date.now(), kind: 'result', output: JSON.stringify({ ...token, token: '<sandbox access token>' }), hasAccessToken: Boolean(token?.token) });
    } catch (err) {
      const e = err as Record<string, unknown> & Error;
      const inner = (e.errorResponse ?? {}) as Record<string, unknown>;
      calls.push({
        start,
        end: Date.now(),
        kind: 'exception',
        output: printed(err),
        text: String(err),
        errorName: e.name ?? null,
        errorCode: typeof inner.error === 'string' ? inner.error : null,
        subError: null,
        claims: typeof e.claims === 'string' && e.claims ? e.claims : null,
        status: typeof e.statusCode === 'number' ? e.statusCode : null,
      });
    }
  }
  const pkg = JSON.parse(readFileSync(require_.resolve('@azure/identity/package.json'), 'utf8')) as { version: string };
  const out: DriverOutput = { library: 'azure-identity-js', version: pkg.version, flow: cfg.flow, calls, log: log.join('\n') };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`driver failed: ${String(error)}\n`);
  process.exit(1);
});
