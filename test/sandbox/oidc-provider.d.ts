// Just enough typing for the parts of oidc-provider@8 the sandbox uses (the package ships no types).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextLike {
    path: string;
    body: unknown;
    type: string;
    req: IncomingMessage;
    oidc?: { client?: { clientId: string; clientAuthMethod?: string } };
  }

  export interface TokenLike {
    kind: string;
    clientId?: string;
    accountId?: string;
    scope?: string;
  }

  export interface ProviderConfiguration {
    [key: string]: unknown;
    findAccount?: (ctx: KoaContextLike, sub: string) => unknown;
    extraTokenClaims?: (ctx: KoaContextLike | undefined, token: TokenLike) => unknown;
    renderError?: (ctx: KoaContextLike, out: Record<string, unknown>, error: unknown) => unknown;
    features?: Record<string, unknown> & {
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: KoaContextLike) => unknown;
        useGrantedResource?: (ctx: KoaContextLike) => unknown;
        getResourceServerInfo?: (ctx: KoaContextLike, indicator: string, client: unknown) => unknown;
      };
    };
  }

  // The package's real shape is a default-exported class; the declaration has to say so.
  // eslint-disable-next-line no-restricted-exports
  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    proxy: boolean;
    use(middleware: (ctx: KoaContextLike, next: () => Promise<void>) => Promise<void> | void): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
  };
}
