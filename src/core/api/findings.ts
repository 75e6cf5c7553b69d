// The token checks behind a Token vs API diagnosis: the token that was sent, held against what the API
// that refused it expects (its audiences, its tenant, the issuer form it trusts, the permissions the
// call needs). Each finding is {check, ok, detail}: ok false is a reason the API refuses the token,
// true a check it passes, null a fact with nothing to compare against. Browser-safe.
import type { DecodedToken } from '../types';
import { knownResourceName } from '../jwt/claims';
import { parseIssuer } from '../jwt/issuers';
import { validateClaims } from '../jwt/verify';
import type { AnswerSignals } from './signals';

export interface TokenFinding {
  check: string;
  ok: boolean | null;
  detail: string;
}

type Json = Record<string, unknown>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(' ').filter(Boolean);
  return [];
}

function audiences(p: Json): string[] {
  if (Array.isArray(p.aud)) return list(p.aud);
  const aud = str(p.aud);
  return aud ? [aud] : [];
}

function named(aud: string): string {
  const name = knownResourceName(aud);
  return name ? `${aud} (${name})` : aud;
}

function audienceFinding(p: Json, s: AnswerSignals): TokenFinding | null {
  const auds = audiences(p);
  if (s.api.id === 'custom') return null; // the claims checks below compare it with what the API's message names
  if (auds.length === 0) return { check: 'aud', ok: false, detail: `The token has no aud claim; ${s.api.name} refuses a token that names no API.` };
  const trim = (x: string) => x.replace(/\/+$/, '').toLowerCase();
  const accepted = s.api.audiences.map(trim);
  const hit = auds.find((a) => accepted.includes(trim(a)));
  if (hit) return { check: 'aud', ok: true, detail: `aud ${named(hit)} is an audience ${s.api.name} accepts.` };
  return {
    check: 'aud',
    ok: false,
    detail: `aud is ${auds.map(named).join(', ')}, but ${s.api.name} accepts only its own identifiers (${s.api.audiences.slice(0, 3).join(', ')}${s.api.audiences.length > 3 ? ', or its other clouds\' forms' : ''}). Request the token with the scope ${s.scope}.`,
  };
}

/** The token's own kind: an ID token or a Graph token sent where an access token for this API belongs. */
function kindFindings(d: DecodedToken, s: AnswerSignals): TokenFinding[] {
  const out: TokenFinding[] = [];
  if (d.tokenType === 'id') {
    out.push({ check: 'token_type', ok: false, detail: `This is an ID token (for the client app ${d.audience ?? '(unknown)'}), not an access token: no API accepts it.` });
  } else if (d.tokenType === 'access') {
    out.push({ check: 'token_type', ok: true, detail: `An access token (${d.version ?? 'version unknown'}, ${d.appOnly ? 'app-only' : d.appOnly === false ? 'delegated: a user is signed in' : 'caller unknown'}).` });
  }
  if (d.header && d.header.nonce !== undefined && s.api.id !== 'graph') {
    out.push({
      check: 'signature',
      ok: false,
      detail: `The header carries a nonce: this token was issued for Microsoft Graph, whose signatures only Graph can check, so ${s.api.name} cannot verify it.`,
    });
  }
  return out;
}

function permissionFinding(d: DecodedToken, p: Json, s: AnswerSignals): TokenFinding {
  const scp = list(p.scp);
  const roles = list(p.roles);
  if (s.api.roles.length > 0) {
    // ARM, Key Vault and Storage decide by Azure role assignments; the token only says who calls.
    return {
      check: 'permissions',
      ok: null,
      detail: `${s.api.name} decides access by Azure role assignments for the caller, not by scp or roles in the token${scp.length ? ` (it carries scp "${scp.join(' ')}")` : ''}.`,
    };
  }
  const wanted = s.permission;
  if (wanted) {
    const has = scp.includes(wanted) || roles.includes(wanted);
    return {
      check: 'permissions',
      ok: has,
      detail: has
        ? `The token carries ${wanted}, the permission the API names; the refusal comes from something else (the user's or app's own rights on the data).`
        : `The API needs ${wanted}; the token carries ${scp.length ? `scp "${scp.join(' ')}"` : 'no scp'} and ${roles.length ? `roles ${roles.join(', ')}` : 'no roles'}.`,
    };
  }
  if (!scp.length && !roles.length) {
    return {
      check: 'permissions',
      ok: false,
      detail: d.appOnly
        ? 'App-only token without a roles claim: no application permission was granted (or consented) for this API, so it allows nothing.'
        : 'The token carries neither scp nor roles: it grants no permission on this API.',
    };
  }
  return {
    check: 'permissions',
    ok: null,
    detail: scp.length
      ? `Delegated token; scp "${scp.join(' ')}"${roles.length ? `, roles ${roles.join(', ')}` : ''}.`
      : `App-only token; roles ${roles.join(', ')}.`,
  };
}

function issuerFormFinding(p: Json, s: AnswerSignals): TokenFinding | null {
  const iss = str(p.iss);
  if (!iss || !s.validIssuer) return null;
  const have = parseIssuer(iss, p);
  const want = parseIssuer(s.validIssuer);
  const forms = (k: string) => (k === 'entra-v1' ? 'v1.0' : k === 'entra-v2' ? 'v2.0' : k);
  if (have.kind === want.kind) return { check: 'issuer_form', ok: true, detail: `The token's issuer is in the ${forms(have.kind)} form the API trusts.` };
  return {
    check: 'issuer_form',
    ok: false,
    detail: `The token's issuer ${iss} is in the ${forms(have.kind)} form; the API trusts ${s.validIssuer} (${forms(want.kind)}).`,
  };
}

function principalFinding(p: Json, s: AnswerSignals): TokenFinding | null {
  const oid = str(p.oid);
  if (!s.principal && !oid) return null;
  if (s.principal && oid) {
    return s.principal.toLowerCase() === oid.toLowerCase()
      ? { check: 'oid', ok: null, detail: `The API names object id ${oid}, the token's oid: the role must be assigned to this principal.` }
      : { check: 'oid', ok: false, detail: `The API names object id ${s.principal}, but the token's oid is ${oid}: the token checked here is not the one that was refused.` };
  }
  return { check: 'oid', ok: null, detail: `The caller's object id is ${s.principal ?? oid}: role assignments must name this principal.` };
}

function issuedFinding(p: Json, now: Date): TokenFinding | null {
  const iat = typeof p.iat === 'number' ? new Date(p.iat * 1000) : null;
  if (!iat || Number.isNaN(iat.getTime())) return null;
  const minutes = Math.round((now.getTime() - iat.getTime()) / 60000);
  return {
    check: 'iat',
    ok: null,
    detail: `Issued ${iat.toISOString()} (${minutes} minute${minutes === 1 ? '' : 's'} before this check): a role or group change made after that moment needs a new token, and role assignments take a few minutes to take effect.`,
  };
}

function capabilityFinding(p: Json): TokenFinding {
  const cc = list(p.xms_cc);
  return cc.includes('cp1')
    ? { check: 'xms_cc', ok: true, detail: 'The client declared cp1: it handles claims challenges, so the API may send them.' }
    : { check: 'xms_cc', ok: null, detail: 'The client did not declare cp1 (no xms_cc claim): declare it so continuous access evaluation can send challenges the app answers.' };
}

/** Every finding for the token sent to the API that refused it. */
export function tokenFindings(d: DecodedToken, s: AnswerSignals, now: Date, problemHint: string | null): TokenFinding[] {
  if (!d.payload) {
    return [{ check: 'token', ok: null, detail: d.problem ?? 'The token has no readable claims (opaque or encrypted); only the API that issued it can read it.' }];
  }
  const p = d.payload as Json;
  const out: TokenFinding[] = [...kindFindings(d, s)];
  const aud = audienceFinding(p, s);
  if (aud) out.push(aud);
  const expected = s.expectedAudience ? [s.expectedAudience] : [];
  const checks = validateClaims(p, { now, tenant: s.tenant ?? undefined, audience: expected });
  for (const c of checks) {
    if (c.check === 'aud' && s.api.id !== 'custom') continue;
    // Microsoft's own APIs take v1.0 and v2.0 tokens alike; only an API of your own may insist on one.
    if (c.check === 'ver' && s.api.id !== 'custom') continue;
    out.push({ check: c.check, ok: c.ok, detail: c.detail });
  }
  const form = issuerFormFinding(p, s);
  if (form) out.push(form);
  out.push(permissionFinding(d, p, s));
  if (problemHint === 'rbac' || s.principal) {
    const who = principalFinding(p, s);
    if (who) out.push(who);
    const iat = issuedFinding(p, now);
    if (iat) out.push(iat);
  }
  if (problemHint === 'claims') out.push(capabilityFinding(p));
  return out;
}
