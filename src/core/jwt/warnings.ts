// What is worth a warning in a decoded token: expiry and clock trouble, odd lifetimes, group
// overage, mutable identifiers, the wrong audience, and tokens used where they do not belong.
import type { DecodedToken } from '../types';
import { isGraphAudience, MSA_TENANT_ID } from './claims';
import type { Json } from './json';
import { duration, isoString, numericDate, relativeTime } from './time';

/** Entra accepts tokens a few minutes either side of their window; the same tolerance is used here. */
export const CLOCK_SKEW_SECONDS = 5 * 60;

export function warningsFor(d: DecodedToken, p: Json, h: Json, now: Date): string[] {
  const w: string[] = [];
  const nowS = now.getTime() / 1000;
  const exp = numericDate(p.exp);
  const nbf = numericDate(p.nbf);
  const iat = numericDate(p.iat);
  if (String(h.alg ?? '').toLowerCase() === 'none') {
    w.push('The header says alg "none": the token is unsigned and any API that accepts it is vulnerable. Entra never issues such tokens.');
  }
  if (!exp) w.push('The token has no usable exp claim: there is no expiry, which Entra tokens always have.');
  else if (exp.getTime() / 1000 < nowS) {
    w.push(`Expired ${relativeTime(exp, now)} (${isoString(exp)}). Get a new token (MSAL does this from its cache or refresh token) instead of reusing this one.`);
  }
  if (nbf && nbf.getTime() / 1000 > nowS) {
    const skew = nbf.getTime() / 1000 - nowS > CLOCK_SKEW_SECONDS ? ' — more than the usual 5-minute tolerance, so check the clock on this machine or the issuer side' : '';
    w.push(`Not valid yet: nbf is ${relativeTime(nbf, now)}${skew}.`);
  }
  if (iat && iat.getTime() / 1000 > nowS + CLOCK_SKEW_SECONDS) {
    w.push(`Issued in the future (${relativeTime(iat, now)}): the clocks of this machine and the issuer disagree.`);
  }
  if (exp && iat) {
    const life = (exp.getTime() - iat.getTime()) / 1000;
    if (life <= 0) w.push('exp is not after iat: the lifetime is zero or negative, which no valid token has.');
    else if (life < 10 * 60) w.push(`Unusually short lifetime (${duration(life)}); Entra access tokens normally live 60–90 minutes. A token lifetime policy may be in effect.`);
    else if (life > 28 * 3600) w.push(`Unusually long lifetime (${duration(life)}): longer than even Continuous Access Evaluation tokens (up to 28 hours).`);
    else if (life > 2 * 3600 && d.tokenType === 'access') {
      w.push(`Lifetime ${duration(life)} — longer than the default 60–90 minutes; typical of Continuous Access Evaluation (the app declared cp1), which can revoke the token early.`);
    }
  }
  if (p.hasgroups === true || p.hasgroups === 'true') {
    w.push('Groups overage: the user is in too many groups for the token (hasgroups). Read group membership from Microsoft Graph.');
  }
  const claimNames = p._claim_names;
  if (claimNames && typeof claimNames === 'object' && 'groups' in claimNames) {
    w.push('Groups overage: the groups claim was replaced by a pointer (_claim_names/_claim_sources) because the user is in too many groups. Read group membership from Microsoft Graph; a missing groups claim does not mean "no groups".');
  }
  if (d.tokenType !== 'id' && ('preferred_username' in p || 'upn' in p || 'unique_name' in p) && !('oid' in p)) {
    w.push('This token names the user only through mutable claims (preferred_username / upn / unique_name) and has no oid: do not use those as the identity; request the profile scope or use sub.');
  } else if ('preferred_username' in p || 'upn' in p) {
    w.push('If your code identifies users by preferred_username, upn or email, switch to oid+tid: those values are mutable and can be reassigned.');
  }
  if (isGraphAudience(d.audience)) {
    w.push('This token is for Microsoft Graph. Any other API will reject it (wrong audience); request a token for your API\'s own scope instead. Your code also cannot validate a Graph token: only Graph can.');
  } else if (d.audience && d.tokenType === 'access' && h.nonce !== undefined) {
    w.push('The header carries a nonce (Graph-style token) but the audience is not Graph; such a signature cannot be validated by your API.');
  }
  if (d.tokenType === 'id' && d.hadBearerPrefix) {
    w.push('An ID token was sent as a Bearer token. ID tokens prove a sign-in to the client app; APIs expect an access token for their own audience.');
  }
  if (d.tenantId === MSA_TENANT_ID) {
    w.push('Issued for a personal Microsoft account (consumer tenant). Tenant-specific features such as groups, roles assigned in a work tenant or Conditional Access do not apply.');
  }
  const appidacr = p.appidacr ?? p.azpacr;
  if (d.appOnly && (appidacr === '0' || appidacr === 0)) {
    w.push('App-only token issued to a public client (appidacr/azpacr 0), which is unusual: app-only tokens normally need a secret or certificate.');
  }
  if (d.tokenType === 'access' && d.appOnly === true && d.roles.length === 0) {
    w.push('App-only token without roles: no application permissions were granted (or admin consent is missing), so most APIs will answer 403.');
  }
  if (d.tokenType === 'access' && d.appOnly === false && d.scopes.length === 0 && 'scp' in p) {
    w.push('Delegated token with an empty scp: no delegated permissions were consented for this API.');
  }
  return w;
}
