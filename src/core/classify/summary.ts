// The one-sentence summary of a classification: what happened, in the words of the rule that decided,
// the catalog entry that explains it, or the OAuth value's meaning.
import { entryLabel } from '../types';
import type { Facts } from './facts';
import { type Decision, DEFAULT_THROTTLE_SECONDS } from './rules';
import { firstSentence, isAadsts, sentence, shortText } from './words';

/**
 * What the challenge asks for, from its claims; for an app-only request the same requirement is said
 * without a user signing in.
 */
function claimsKind(claims: string | null, appOnly: boolean): string {
  if (!claims) return 'the extra requirement';
  if (claims.includes('"acrs"')) return `the authentication context the resource asks for${appOnly ? '' : ' (a step-up such as MFA)'}`;
  if (claims.includes('"nbf"')) {
    return appOnly
      ? "the resource's demand for a token issued after its earlier one was revoked (Continuous Access Evaluation)"
      : 'a fresh sign-in, because the earlier session was revoked (Continuous Access Evaluation)';
  }
  if (claims.includes('polids')) return 'the Conditional Access policy named in the challenge';
  return 'the extra claims the resource asks for';
}

function codeLabel(d: Decision): string | null {
  return d.entry ? entryLabel(d.entry) : null;
}

export interface AdviceContext {
  /** The input was larger than the cap and only its first part was read. */
  truncatedBytes: number | null;
  /** Why the input could not be read at all (empty, binary). */
  inputProblem: string | null;
  /** Redacts secrets from any text quoted from the input. */
  redact: (s: string) => string;
}

export function buildSummary(f: Facts, d: Decision, ctx: AdviceContext): string {
  const capNote = ctx.truncatedBytes !== null ? 'classified from the first 2 MB of a larger input' : null;
  const via = f.credential && f.credentialCount > 1 ? `from ${f.credential}, the most telling of ${f.credentialCount} credential failures` : f.credential ? `from ${f.credential}` : null;
  const code = codeLabel(d);
  // A code seen in real use, or one whose message words were read, explains itself as well as a documented one.
  const entryText = d.entry && (d.entry.documented || d.entry.evidence) ? firstSentence(d.entry.summary) : null;
  const infoText = d.info ? firstSentence(d.info.summary) : null;
  const described = (fallback: string): string =>
    entryText ? (code && entryText.startsWith(code) ? entryText : `${code}: ${entryText}`) : (infoText ?? fallback);

  switch (d.rule) {
    case 'success': {
      const t = f.success!;
      const parts: string[] = [`${t.tokenType ?? 'An'} access token was issued`];
      if (t.expiresIn !== null) parts.push(`valid for about ${Math.max(1, Math.round(t.expiresIn / 60))} minutes`);
      if (t.scope) parts.push(`for ${shortText(ctx.redact(t.scope), 160)}`);
      if (t.hasRefreshToken) parts.push('with a refresh token');
      return sentence(parts.join(', '), capNote);
    }
    case 'silent_none':
      return sentence(
        "MSAL Python's acquire_token_silent() returned None: it found no cached account or usable token, so the app has to sign the user in interactively",
        capNote,
      );
    case 'device_code_started':
      return sentence('Device-code sign-in has started: show the user the code and poll the token endpoint until they finish', capNote);
    case 'network':
      return sentence(
        `No HTTP answer came back from the sign-in service${f.networkError ? ` (${shortText(ctx.redact(f.networkError), 120)})` : ''}, so the request was never judged`,
        capNote,
      );
    case 'throttled_ui':
      return sentence(
        'MSAL is blocking repeated silent calls that already failed because the user must sign in interactively, so the app has to switch to the interactive flow',
        capNote,
      );
    case 'throttled_local':
      return sentence(`MSAL held the request back locally because the service recently throttled it; wait ${d.retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS} s before trying again`, via, capNote);
    case 'loop_detected':
      return sentence(
        'The service caught this app requesting tokens in a tight loop (AADSTS50196) and refused; cache tokens and reuse them instead of asking again',
        via,
        capNote,
      );
    case 'retry_after':
      return sentence(
        `The service is throttling requests${f.httpStatus !== null ? ` (HTTP ${f.httpStatus})` : ''} and asked for a pause of ${d.retryAfterSeconds} s before the next attempt`,
        via,
        capNote,
      );
    case 'too_many_requests':
      return sentence(
        `The service answered 429 Too Many Requests without Retry-After, so wait at least ${DEFAULT_THROTTLE_SECONDS} s (the MSAL libraries' throttle window) before retrying`,
        capNote,
      );
    case 'transient':
      return sentence(
        `The sign-in service had a temporary problem${f.httpStatus !== null ? ` (HTTP ${f.httpStatus}${f.error ? `, ${f.error}` : ''})` : f.error ? ` (${f.error})` : ''}; the same request should succeed after a short pause`,
        via,
        capNote,
      );
    case 'pending':
    case 'slow_down':
      return sentence(described('Device-code sign-in is still waiting for the user'), capNote);
    case 'claims_challenge':
      if (f.appOnly) {
        return sentence(
          `The ${f.challenges.length > 0 ? 'API' : 'sign-in service'} sent a claims challenge${code ? ` (${code})` : ''} to an app-only (client credentials) request: drop the cached app token and request a new one passing the claims, so it meets ${claimsKind(f.claims, true)}`,
          via,
          capNote,
        );
      }
      return sentence(
        `The ${f.challenges.length > 0 ? 'API' : 'sign-in service'} sent a claims challenge${code ? ` (${code})` : ''}: drop the cached token and sign in again passing the claims, so the user can satisfy ${claimsKind(f.claims, false)}`,
        via,
        capNote,
      );
    case 'user_cancelled':
      return sentence('The user closed or cancelled the sign-in window before it finished', via, capNote);
    case 'local_misuse':
      return sentence(
        `${f.exceptionType ?? 'The library'}${f.error ? ` (${f.error})` : ''} was raised before any request reached the service, which points at the app's code or configuration rather than the user or tenant`,
        via,
        capNote,
      );
    case 'resource_invalid_token':
      return sentence('The API rejected the access token as expired or invalid (WWW-Authenticate error=invalid_token); get a fresh token and call again', capNote);
    case 'resource_insufficient_scope':
      return sentence('The API says the token lacks a permission it needs (insufficient_scope); request the missing scope and have it consented', capNote);
    case 'resource_no_token':
      return sentence('The API asked for a bearer token (HTTP 401 with a WWW-Authenticate challenge) because the request carried none it would accept', capNote);
    case 'tool_sign_in':
      return sentence(`${f.credential ?? 'A developer-tool credential'} has no signed-in account on this machine; run ${f.toolSignInNeeded ?? 'the tool\'s sign-in command'} first`, capNote);
    case 'library_error':
    case 'resource_error': {
      const e = d.entry!;
      const name = e.vocabulary === 'aadsts' ? entryLabel(e) : `${e.code} (${e.source})`;
      return sentence(`${name}: ${firstSentence(e.summary)}`, via, capNote);
    }
    case 'credentials_unavailable':
      return sentence(
        `None of the credentials${f.credentialCount > 0 ? ` in the chain (${f.credentialCount})` : ''} could even try to authenticate, because none found its environment variables, developer tool or managed identity here`,
        capNote,
      );
    case 'oauth_error':
    case 'interaction':
    case 'invalid_grant':
    case 'code_only': {
      if (isAadsts(d.entry, 7000222) && d.category === 'client_credential') {
        return sentence("The app's client secret has expired (AADSTS7000222), so the app can no longer prove its identity until a new secret is created and deployed", via, capNote);
      }
      return sentence(described(fallbackSummary(f, d)), via, capNote);
    }
    case 'http_status':
      return sentence(`The service answered HTTP ${f.httpStatus} without an error value Auth Lens can read`, capNote);
    case 'unknown':
      if (ctx.inputProblem) return sentence(ctx.inputProblem);
      if (d.entry && !d.entry.documented) return sentence(firstSentence(d.entry.summary), capNote);
      return sentence(
        f.error
          ? `The error value ${shortText(f.error, 60)} is not one Auth Lens knows, and nothing else in the input says what happened`
          : 'Auth Lens found no error value, AADSTS code or HTTP status it recognises in this input',
        capNote,
      );
  }
}

/** A summary when neither the catalog nor the OAuth error table explains the failure. */
function fallbackSummary(f: Facts, d: Decision): string {
  if (d.rule === 'interaction') {
    if (f.exceptionType?.startsWith('AuthenticationRequired')) {
      return `${f.exceptionType} says the credential may not sign in on its own: the user has to authenticate interactively once before tokens can be issued silently`;
    }
    return `${f.exceptionType ?? 'The library'} says the user has to sign in interactively before a token can be issued`;
  }
  return f.error ? `The service refused the request with error ${shortText(f.error, 60)}` : 'The request failed, and the input names no error value or code that explains why';
}
