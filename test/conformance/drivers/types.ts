// What a conformance driver is told (one JSON argument) and what it prints (one JSON line).
// TEST ONLY: secrets and tokens here are sandbox values that protect nothing.

export type DriverFlow = 'client_credentials' | 'silent' | 'refresh_token' | 'authorization_code' | 'on_behalf_of' | 'device_code' | 'managed_identity';

export interface DriverConfig {
  /** https://127.0.0.1:PORT/<tenant> */
  authority: string;
  /** https://127.0.0.1:PORT */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  flow: DriverFlow;
  scopes: string[];
  refreshToken?: string;
  userAssertion?: string;
  authorizationCode?: string;
  redirectUri?: string;
  /** How long the device code flow may poll before the driver gives up. */
  deviceTimeoutSeconds?: number;
  /** MSAL Python only: ask login.microsoftonline.com about the authority's host first (instance discovery; off by default). */
  instanceDiscovery?: boolean;
  /** MSAL Python only: log every logger at DEBUG in this logging format (log recording). */
  pythonLogFormat?: string;
  /** managed_identity: the user-assigned identity's client id (absent: system-assigned). The source (IMDS,
   * App Service) is chosen by the environment, as on a real host. */
  managedIdentityClientId?: string;
  /** One entry per call: milliseconds to wait before making it (the same app/credential object every time). */
  callWaitsMs: number[];
}

export interface DriverCall {
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
  /** The text a developer would see: the result's repr (MSAL Python), the exception as a traceback's last
   * line (MSAL Python), or the error as console.error prints it without stack frames (JS libraries). */
  output: string;
  kind: 'result' | 'exception';
  /** JS libraries: String(err). */
  text?: string;
  errorName?: string | null;
  /** MSAL Python: the result dict's error / suberror. */
  error?: string | null;
  suberror?: string | null;
  errorCode?: string | null;
  subError?: string | null;
  claims?: string | null;
  classification?: string | null;
  /** msal-node/identity: the HTTP status the error carries, when it carries one. */
  status?: number | null;
  hasAccessToken?: boolean;
  /** MSAL Python: the keys of its own HTTP cache after this call (they say what it throttled and why). */
  httpCacheKeys?: string[];
}

export interface DriverOutput {
  library: string;
  version: string;
  flow: DriverFlow;
  calls: DriverCall[];
  /** The library's own verbose/DEBUG log. */
  log: string;
}
