// Conformance driver: @azure/msal-node, unmodified, against the sandbox's Entra-style authority.
// Usage: tsx msal-node.ts '<json DriverConfig>'; NODE_EXTRA_CA_CERTS must name the sandbox CA (test only).
// Prints one DriverOutput line: each call's error as String(err) with its name/errorCode/subError/claims.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfidentialClientApplication, LogLevel, ManagedIdentityApplication, PublicClientApplication, type Configuration } from '@azure/msal-node';
import type { DriverCall, DriverConfig, DriverOutput } from './types';
import { printed } from './printed';

const require_ = createRequire(__filename);

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2] ?? '{}') as DriverConfig;
  const log: string[] = [];
  const host = new URL(cfg.authority).host;
  const config: Configuration = {
    auth: { clientId: cfg.clientId, authority: cfg.authority, knownAuthorities: [host], ...(cfg.clientSecret ? { clientSecret: cfg.clientSecret } : {}) },
    system: {
      loggerOptions: {
        logLevel: LogLevel.Verbose,
        piiLoggingEnabled: false,
        loggerCallback: (_level, message) => log.push(message),
      },
    },
  };
  const confidential = cfg.flow === 'device_code' || cfg.flow === 'managed_identity' ? null : new ConfidentialClientApplication(config);
  const pub = cfg.flow === 'device_code' ? new PublicClientApplication(config) : null;
  // Managed identity: the source (IMDS, App Service) comes from the environment, as on a real host.
  const managed =
    cfg.flow === 'managed_identity'
      ? new ManagedIdentityApplication({ ...(cfg.managedIdentityClientId ? { managedIdentityIdParams: { userAssignedClientId: cfg.managedIdentityClientId } } : {}), system: { loggerOptions: config.system!.loggerOptions } })
      : null;

  const call = async (): Promise<unknown> => {
    switch (cfg.flow) {
      case 'client_credentials':
        return confidential!.acquireTokenByClientCredential({ scopes: cfg.scopes });
      case 'refresh_token':
        return confidential!.acquireTokenByRefreshToken({ refreshToken: cfg.refreshToken!, scopes: cfg.scopes });
      case 'authorization_code':
        return confidential!.acquireTokenByCode({ code: cfg.authorizationCode!, scopes: cfg.scopes, redirectUri: cfg.redirectUri! });
      case 'on_behalf_of':
        return confidential!.acquireTokenOnBehalfOf({ oboAssertion: cfg.userAssertion!, scopes: cfg.scopes });
      case 'device_code':
        return pub!.acquireTokenByDeviceCode({ scopes: cfg.scopes, deviceCodeCallback: (r) => log.push(`[driver] device code message: ${r.message}`), timeout: cfg.deviceTimeoutSeconds ?? 30 });
      case 'managed_identity':
        return managed!.acquireToken({ resource: cfg.scopes[0]! });
      default:
        throw new Error(`unknown flow ${cfg.flow}`);
    }
  };

  const calls: DriverCall[] = [];
  for (const waitMs of cfg.callWaitsMs) {
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const start = Date.now();
    try {
      const result = (await call()) as { accessToken?: string } | null;
      calls.push({ start, end: Date.now(), kind: 'result', output: JSON.stringify(result ? { ...result, accessToken: result.accessToken ? '<sandbox access token>' : result.accessToken } : result), hasAccessToken: Boolean(result?.accessToken) });
    } catch (err) {
      const e = err as Record<string, unknown> & Error;
      calls.push({
        start,
        end: Date.now(),
        kind: 'exception',
        output: printed(err),
        text: String(err),
        errorName: e.name ?? null,
        errorCode: typeof e.errorCode === 'string' ? e.errorCode : null,
        subError: typeof e.subError === 'string' && e.subError ? e.subError : null,
        claims: typeof e.claims === 'string' && e.claims ? e.claims : null,
        status: typeof e.status === 'number' ? e.status : null,
      });
    }
  }
  const pkg = JSON.parse(readFileSync(require_.resolve('@azure/msal-node/package.json'), 'utf8')) as { version: string };
  const out: DriverOutput = { library: 'msal-node', version: pkg.version, flow: cfg.flow, calls, log: log.join('\n') };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`driver failed: ${String(error)}\n`);
  process.exit(1);
});
