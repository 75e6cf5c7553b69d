// The shapes a running sandbox hands to tests, scripts and the bench: its clients, its handle, the
// record of each request it saw and the options it starts with.
import type { ManagedIdentityEndpoints } from './managed-identity';
import type { ScenarioName } from './scenarios';

export interface SandboxClientInfo {
  /** Letters, digits, spaces and dashes only: the extension uses names as secret-storage keys. */
  name: string;
  clientId: string;
  flow: 'client_credentials' | 'client_certificate' | 'device_code' | 'auth_code_pkce' | 'refresh_token';
  scopes: string[];
  redirectUri?: string;
  certificate?: { certPath: string; keyPath: string };
  /** Set only for the secret client; test-only. */
  secretFrom?: 'AUTH_LENS_CLIENT_SECRET';
}

export interface Sandbox {
  issuer: string;
  url: string;
  port: number;
  /** Test-only client secret of the `sandbox-secret` client. */
  clientSecret: string;
  clients: SandboxClientInfo[];
  /** Protected resource that accepts any valid sandbox token. */
  resourceUrl: string;
  /** Protected resource that answers a claims challenge until the token carries acrs "c1". */
  stepUpResourceUrl: string;
  /** Requests the front layer saw, newest last — tests count them and measure the waits between them. */
  requests: SandboxRequest[];
  /** The managed-identity endpoints (IMDS, App Service) on their own http port; null unless asked for. */
  managedIdentity: ManagedIdentityEndpoints | null;
  /** An Entra-style authority on this sandbox, `https://127.0.0.1:port/<tenant>` (tenant: the sandbox's GUID by default). */
  authority(tenant?: string): string;
  /** An authorization code for the SPA client `sandbox-spa` that msal-browser redeems with acquireTokenByCode (Entra's hybrid flow). */
  spaCode(account?: string): Promise<string>;
  /** Plays `scenario` on every token/device request of `clientId` from now on (null: back to normal). */
  setScenario(clientId: string, scenario: ScenarioName | null): void;
  stop(): Promise<void>;
}

/** One request as the sandbox recorded it. */
export interface SandboxRequest {
  /** When it arrived, in milliseconds since the epoch. */
  time: number;
  method: string;
  /** The path as the client sent it (Entra-style paths stay as sent). */
  path: string;
  /** The scripted scenario that answered, or null. */
  scenario: string | null;
  /** The client id of a token request, or the identity a managed-identity request named (null: system-assigned). */
  clientId: string | null;
  /** The form's grant_type on token requests; null elsewhere. */
  grantType: string | null;
  /** The HTTP status answered; null until the answer was sent. */
  status: number | null;
  /** The Retry-After header answered, if any. */
  retryAfter: string | null;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Fixed test secret; random when absent. */
  clientSecret?: string;
  /** Device-code polling interval the sandbox announces (oidc-provider sends none; Entra says 5). */
  deviceInterval?: number;
  /** Print oidc-provider's developer warnings (off by default to keep test output clean). */
  verbose?: boolean;
  /** Serve https with this certificate (PEM texts); the issuer becomes https://127.0.0.1:port. */
  tls?: { cert: string; key: string };
  /** client_id → scenario played on every token/device request of that client (see also setScenario). */
  scenarios?: Record<string, ScenarioName>;
  /** Retry-After (seconds) the throttle scenario answers with when the request names none; default 2. */
  retryAfterSeconds?: number;
  /** Also serve managed identity (IMDS and App Service) on a plain-http port, recorded in the same list. */
  managedIdentity?: boolean;
}

/** The `authLens.appRegistrations` entries for a running sandbox (what the CLI prints). */
export function sandboxAppRegistrations(sandbox: Pick<Sandbox, 'issuer' | 'clients'>): Record<string, unknown>[] {
  return sandbox.clients.map((client) => {
    const entry: Record<string, unknown> = {
      name: client.name,
      authority: sandbox.issuer,
      clientId: client.clientId,
      flow: client.flow,
      scopes: client.scopes,
    };
    if (client.redirectUri) entry.redirectUri = client.redirectUri;
    if (client.certificate) entry.certificate = client.certificate;
    return entry;
  });
}
