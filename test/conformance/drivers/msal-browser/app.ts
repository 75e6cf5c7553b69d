// The single-page app the msal-browser recordings run in Chromium: @azure/msal-browser, unmodified,
// with its logger at Verbose (PII off) writing every message to console.log as an app's own callback
// would. The recorder (../../browser-recording.ts) drives it through window.authLensApp, one call at a
// time. TEST ONLY: the codes and tokens it handles are sandbox values that protect nothing.
import { LogLevel, PublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';

// The page's own globals, declared here because the project's Node typings carry no DOM.
declare const location: { origin: string };

export interface AppConfig {
  clientId: string;
  authority: string;
  scopes: string[];
}

/** What one call ended in, as the app saw it (tokens never leave the page). */
export interface AppCall {
  kind: 'result' | 'exception';
  fromCache?: boolean;
  hasAccessToken?: boolean;
  errorName?: string | null;
  errorCode?: string | null;
  subError?: string | null;
  text?: string;
}

let app: PublicClientApplication | null = null;
let scopes: string[] = [];

function ended(result: AuthenticationResult): AppCall {
  app?.setActiveAccount(result.account);
  return { kind: 'result', fromCache: result.fromCache, hasAccessToken: Boolean(result.accessToken) };
}

function failed(error: unknown): AppCall {
  const e = error as Record<string, unknown> & Error;
  return {
    kind: 'exception',
    errorName: e.name ?? null,
    errorCode: typeof e.errorCode === 'string' ? e.errorCode : null,
    subError: typeof e.subError === 'string' && e.subError ? e.subError : null,
    text: String(error),
  };
}

async function settle(call: () => Promise<AuthenticationResult>): Promise<AppCall> {
  try {
    return ended(await call());
  } catch (error) {
    return failed(error);
  }
}

const api = {
  async init(config: AppConfig): Promise<void> {
    scopes = config.scopes;
    app = new PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [new URL(config.authority).host], redirectUri: `${location.origin}/redirect` },
      cache: { cacheLocation: 'sessionStorage' },
      system: {
        // Short bridge waits: the sandbox answers at once, so a broken run fails quickly.
        iframeBridgeTimeout: 5000,
        popupBridgeTimeout: 15000,
        loggerOptions: { logLevel: LogLevel.Verbose, piiLoggingEnabled: false, loggerCallback: (_level, message) => console.log(message) },
      },
    });
    await app.initialize();
  },
  /** Redeems an authorization code the app's server obtained (Entra's hybrid flow). */
  byCode: (code: string) => settle(() => app!.acquireTokenByCode({ code, scopes })),
  silent: (forceRefresh: boolean) => settle(() => app!.acquireTokenSilent({ scopes, account: app!.getActiveAccount() ?? app!.getAllAccounts()[0]!, forceRefresh })),
  popup: () => settle(() => app!.acquireTokenPopup({ scopes })),
};

(globalThis as unknown as { authLensApp: typeof api }).authLensApp = api;
