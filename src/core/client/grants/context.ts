// What every grant gets to work with, and the one form builder they all send.
import type { Endpoints } from '../authority';
import type { TokenResult } from '../client-types';
import type { Exchange, ExchangeResult } from '../request';
import type { AppRegistration, Credentials } from '../registration';
import type { Run } from '../timeline';

export interface GrantContext {
  run: Run;
  settings: AppRegistration;
  credentials: Credentials;
  endpoints: Endpoints;
  /** The scopes sent (delegated flows carry openid, profile and offline_access too). */
  scopes: string[];
  /** The claims parameter (challenge and client capabilities merged), when there is one. */
  claims: string | undefined;
  exchange: Exchange;
  /** How long auth code + PKCE waits for the browser to come back. */
  loopbackTimeoutMs: number;
}

/** The token endpoint's last answer, or a result that ended the grant before one (nothing to ask, a local refusal). */
export type GrantOutcome = { outcome: ExchangeResult } | { result: TokenResult };

export type Grant = (context: GrantContext) => Promise<GrantOutcome>;

/**
 * A grant's form: client_id, then scope and claims unless `scope` is false, the client secret when
 * the credentials hold one and `secret` is not false, grant_type and the grant's own fields.
 */
export function grantForm(context: GrantContext, grantType: string | null, fields: Record<string, string> = {}, include: { scope?: boolean; secret?: boolean } = {}): URLSearchParams {
  const form = new URLSearchParams();
  form.set('client_id', context.settings.clientId);
  if (include.scope !== false) {
    form.set('scope', context.scopes.join(' '));
    if (context.claims) form.set('claims', context.claims);
  }
  if (include.secret !== false && context.credentials.clientSecret) form.set('client_secret', context.credentials.clientSecret);
  if (grantType) form.set('grant_type', grantType);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** The token endpoint asked with the grant's form, built afresh for each attempt. */
export function askTokenEndpoint(context: GrantContext, form: () => URLSearchParams | Promise<URLSearchParams>, extraHeaders?: Record<string, string>): Promise<ExchangeResult> {
  return context.exchange(context.run, { method: 'POST', url: context.endpoints.tokenEndpoint, expect: 'token', extraHeaders, buildForm: async () => form() });
}

/** Single-page app registrations only redeem codes and refresh tokens sent with an Origin header. */
export function spaHeaders(settings: AppRegistration): Record<string, string> {
  return settings.spaOrigin ? { origin: new URL(settings.spaOrigin).origin } : {};
}
