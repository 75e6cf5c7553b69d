// Which kind of token a payload is: access or ID, v1.0 or v2.0, app-only or delegated.
import type { DecodedToken } from '../types';
import { GUID_RE } from '../guid';
import { asString, type Json } from './json';

/**
 * The rules used to tell tokens apart (documented here because users ask):
 * - version: `ver` "1.0"/"2.0"; without `ver`, the issuer form (sts.windows.net → v1, …/v2.0 → v2).
 * - access vs ID: an access token carries scp, roles, appid/azp or idtyp; an ID token carries
 *   at_hash, c_hash or a payload nonce, or has none of the access markers and a GUID audience
 *   (the client id of the app that signed in).
 * - app-only vs delegated (access tokens): idtyp "app"/"user" decides when present; otherwise a token
 *   with scp is delegated; a token with no scp and with roles, or whose sub equals its oid, or with no
 *   user claims (upn, preferred_username, name, unique_name) is app-only.
 */
export function classifyPayload(p: Json): Pick<DecodedToken, 'tokenType' | 'version' | 'appOnly'> & { versionHints: string[] } {
  const hints: string[] = [];
  const ver = asString(p.ver);
  const iss = asString(p.iss) ?? '';
  const issVersion = iss.startsWith('https://sts.windows.net/') ? 'v1' : /\/v2\.0\/?$/.test(iss) ? 'v2' : null;
  const verVersion = ver === '1.0' ? 'v1' : ver === '2.0' ? 'v2' : null;
  const version = verVersion ?? issVersion;
  if (verVersion && issVersion && verVersion !== issVersion) {
    hints.push(
      `The ver claim says ${verVersion} but the issuer is in the ${issVersion} form. APIs that validate the issuer for one version reject the other: check which issuer the API is configured for.`,
    );
  }
  const hasScp = typeof p.scp === 'string' || Array.isArray(p.scp);
  const hasRoles = Array.isArray(p.roles) && p.roles.length > 0;
  const accessMarker = hasScp || hasRoles || 'appid' in p || 'azp' in p || 'idtyp' in p || 'appidacr' in p || 'azpacr' in p;
  const idMarker = 'at_hash' in p || 'c_hash' in p || 'nonce' in p;
  const aud = Array.isArray(p.aud) ? asString(p.aud[0]) : asString(p.aud);
  let tokenType: DecodedToken['tokenType'] = 'unknown';
  if (idMarker && !hasScp) tokenType = 'id';
  else if (accessMarker) tokenType = 'access';
  else if (aud && GUID_RE.test(aud) && ('sub' in p || 'oid' in p)) tokenType = 'id';
  let appOnly: boolean | null = null;
  if (tokenType === 'id') appOnly = false;
  else if (tokenType === 'access') {
    const userish = ['upn', 'preferred_username', 'unique_name', 'name', 'given_name', 'email'].some((k) => k in p);
    if (p.idtyp === 'app') appOnly = true;
    else if (p.idtyp === 'user') appOnly = false;
    else if (hasScp) appOnly = false;
    else if (userish) appOnly = false;
    else if (hasRoles || (typeof p.oid === 'string' && p.oid === p.sub)) appOnly = true;
    else appOnly = true;
  }
  return { tokenType, version, appOnly, versionHints: hints };
}
