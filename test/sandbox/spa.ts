// What the sandbox needs for single-page apps (msal-browser in a real browser): the SPA client, the
// cross-origin answers Entra gives on its endpoints, the server half of Entra's hybrid flow, which
// hands the browser an authorization code it redeems without PKCE or a redirect URI, and the way Entra
// writes a user's token answer (scope by full URI, client_info). TEST ONLY.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { guidFrom } from './entra';
import { DELEGATED_SCOPE, SANDBOX_API, SANDBOX_TENANT_ID } from './scenarios';

/** The sandbox's SPA registration: a public client whose loopback redirect URI takes any port (RFC 8252). */
export const SPA_CLIENT_ID = 'sandbox-spa';
export const SPA_REDIRECT_URI = 'http://127.0.0.1/redirect';

export const spaClientMetadata = {
  client_id: SPA_CLIENT_ID,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: [SPA_REDIRECT_URI],
};

/**
 * Entra answers its metadata, token and device-code endpoints to any origin (an SPA redeems codes and
 * refresh tokens with fetch from its own origin). Sets the headers when the request comes from a page,
 * and answers a CORS preflight itself; true when the request is fully answered.
 */
export function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  if (typeof req.headers.origin !== 'string') return false;
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'x-ms-request-id, client-request-id, retry-after');
  if (req.method !== 'OPTIONS') return false;
  const asked = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    ...(typeof asked === 'string' ? { 'access-control-allow-headers': asked } : {}),
    'access-control-max-age': '86400',
  });
  res.end();
  return true;
}

/** A token answer's scope as Entra writes it: the API's delegated permission by its full URI. */
export function entraScope(scope: string): string {
  return scope
    .split(' ')
    .map((s) => (s === DELEGATED_SCOPE ? `${SANDBOX_API}/${s}` : s))
    .join(' ');
}

/**
 * client_info as Entra returns it with a user's tokens: base64url JSON of the user's object id (the
 * access token's oid, here derived from the id token's subject) and the tenant id.
 */
export function entraClientInfo(idToken: string): string {
  const sub = String((JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown }).sub);
  return Buffer.from(JSON.stringify({ uid: guidFrom(`user:${sub}`), utid: SANDBOX_TENANT_ID })).toString('base64url');
}

/** The models of oidc-provider the hybrid flow creates (the package ships no types). */
interface ProviderModels {
  Grant: new (init: { accountId: string; clientId: string }) => { addOIDCScope(s: string): void; addResourceScope(r: string, s: string): void; save(): Promise<string> };
  AuthorizationCode: new (init: Record<string, unknown>) => { save(): Promise<string> };
}

/**
 * An authorization code for the SPA client, as Entra returns one in `spa_code` when the app's server
 * redeems its own code with return_spa_code=1: issued for the SPA's redirect URI, bound to no PKCE
 * challenge, valid for a minute and once. msal-browser redeems it with acquireTokenByCode({ code }).
 */
export async function mintSpaCode(provider: Provider, account = 'alex'): Promise<string> {
  const models = provider as unknown as ProviderModels;
  const grant = new models.Grant({ accountId: account, clientId: SPA_CLIENT_ID });
  grant.addOIDCScope('openid profile offline_access');
  grant.addResourceScope(SANDBOX_API, DELEGATED_SCOPE);
  const grantId = await grant.save();
  const code = new models.AuthorizationCode({
    accountId: account,
    clientId: SPA_CLIENT_ID,
    grantId,
    redirectUri: SPA_REDIRECT_URI,
    scope: `openid profile offline_access ${DELEGATED_SCOPE}`,
    resource: SANDBOX_API,
    authTime: Math.floor(Date.now() / 1000),
  });
  return code.save();
}
