// What to say and what to do: the one-sentence summary, the ordered next steps, and the per-language
// snippets for claims challenges and interactive sign-in (MSAL Python, msal-node, msal-browser,
// MSAL.NET). The panel shows the snippets; the CLI and hovers show the steps that quote them.
import { type Actor, type CatalogEntry, type Category, entryLabel, type FixStep } from '../types';
import type { Facts, InputLibrary } from './facts';
import { type Decision, DEFAULT_THROTTLE_SECONDS, SLOW_DOWN_SECONDS, UI_REQUIRED_THROTTLE_SECONDS } from './rules';

export interface Snippet {
  language: 'python' | 'javascript' | 'csharp';
  library: 'MSAL Python' | 'msal-node' | 'msal-browser' | 'MSAL.NET';
  code: string;
}

function pyString(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n') + "'";
}

function csVerbatim(s: string): string {
  return '@"' + s.replace(/"/g, '""') + '"';
}

function pyList(scopes: readonly string[]): string {
  return '[' + scopes.map(pyString).join(', ') + ']';
}

function jsList(scopes: readonly string[]): string {
  return '[' + scopes.map((s) => JSON.stringify(s)).join(', ') + ']';
}

function csArray(scopes: readonly string[]): string {
  return 'new[] { ' + scopes.map((s) => JSON.stringify(s)).join(', ') + ' }';
}

function cleanScopes(scopes: readonly string[] | undefined): string[] {
  const list = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()) : [];
  return list.length > 0 ? list.slice(0, 20) : ['<scope>'];
}

/**
 * How to pass a claims challenge back, per library. `claimsJson` is the decoded JSON text; it is
 * embedded as a correctly escaped string literal in each language.
 */
export function claimsSnippets(claimsJson: string, scopes?: readonly string[]): Snippet[] {
  const claims = typeof claimsJson === 'string' ? claimsJson : String(claimsJson);
  const s = cleanScopes(scopes);
  return [
    {
      language: 'python',
      library: 'MSAL Python',
      code: [
        `claims = ${pyString(claims)}`,
        '# Declare client_capabilities=["CP1"] when building the app so resources send challenges.',
        `result = app.acquire_token_interactive(${pyList(s)}, claims_challenge=claims)`,
        '# The same claims_challenge= works on acquire_token_silent, acquire_token_by_auth_code_flow,',
        '# initiate_device_flow, acquire_token_for_client and acquire_token_on_behalf_of.',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-node',
      code: [
        `const claims = ${JSON.stringify(claims)};`,
        '// auth: { clientId, authority, clientCapabilities: ["CP1"] } in the PublicClientApplication config',
        `const result = await pca.acquireTokenInteractive({ scopes: ${jsList(s)}, claims, openBrowser });`,
        '// Confidential clients: cca.acquireTokenByClientCredential({ scopes, claims }) / acquireTokenOnBehalfOf({ oboAssertion, scopes, claims })',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-browser',
      code: [
        `const claims = ${JSON.stringify(claims)};`,
        `await msalInstance.acquireTokenRedirect({ scopes: ${jsList(s)}, claims });`,
        '// or: const result = await msalInstance.acquireTokenPopup({ scopes, claims });',
      ].join('\n'),
    },
    {
      language: 'csharp',
      library: 'MSAL.NET',
      code: [
        `string claims = ${csVerbatim(claims)}; // or ex.Claims from MsalUiRequiredException`,
        '// Build the app with .WithClientCapabilities(new[] { "cp1" }) so resources send challenges.',
        `var result = await app.AcquireTokenInteractive(${csArray(s)})`,
        '    .WithClaims(claims)',
        '    .ExecuteAsync();',
      ].join('\n'),
    },
  ];
}

/** How to fall back to an interactive sign-in with the same scopes, per library. */
export function interactiveSnippets(scopes?: readonly string[]): Snippet[] {
  const s = cleanScopes(scopes);
  return [
    {
      language: 'python',
      library: 'MSAL Python',
      code: [
        `result = app.acquire_token_silent(${pyList(s)}, account=account)`,
        'if not result:',
        `    result = app.acquire_token_interactive(${pyList(s)})`,
        '# No browser? flow = app.initiate_device_flow(scopes); result = app.acquire_token_by_device_flow(flow)',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-node',
      code: [
        'try {',
        `  result = await pca.acquireTokenSilent({ account, scopes: ${jsList(s)} });`,
        '} catch (e) {',
        '  if (!(e instanceof InteractionRequiredAuthError)) throw e;',
        `  result = await pca.acquireTokenInteractive({ scopes: ${jsList(s)}, openBrowser });`,
        '}',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-browser',
      code: [
        `msalInstance.acquireTokenSilent({ account, scopes: ${jsList(s)} }).catch((e) => {`,
        '  if (e instanceof InteractionRequiredAuthError) {',
        `    return msalInstance.acquireTokenRedirect({ scopes: ${jsList(s)} });`,
        '  }',
        '  throw e;',
        '});',
      ].join('\n'),
    },
    {
      language: 'csharp',
      library: 'MSAL.NET',
      code: [
        'try {',
        `    result = await app.AcquireTokenSilent(${csArray(s)}, account).ExecuteAsync();`,
        '} catch (MsalUiRequiredException) {',
        `    result = await app.AcquireTokenInteractive(${csArray(s)}).WithAccount(account).ExecuteAsync();`,
        '}',
      ].join('\n'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Summary and next steps

const ACTOR_LABEL: Record<Actor, string> = { developer: 'Developer', admin: 'Admin', user: 'User', none: 'Developer' };

/** The first sentence of a text, without its final period. */
function firstSentence(text: string): string {
  const t = text.trim();
  let i = 0;
  for (;;) {
    const dot = t.indexOf('. ', i);
    if (dot < 0) break;
    const next = t.charCodeAt(dot + 2);
    if (next >= 65 && next <= 90) return t.slice(0, dot);
    i = dot + 2;
  }
  return trimPeriods(t);
}

/** Drop trailing periods and white space (a loop: a `[.\s]+$` regex rescans every run). */
function trimPeriods(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c === 46 || c === 32 || c === 10 || c === 13 || c === 9) end--;
    else break;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** "Open the page" → "open the page"; words that are names or acronyms (B2C, MSAL, Graph API) keep their case. */
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) && !/^[A-Z][a-z]+[A-Z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Join a main clause and optional parentheticals into exactly one sentence. */
function sentence(main: string, ...notes: Array<string | null | undefined>): string {
  let s = trimPeriods(main.trim());
  for (const n of notes) if (n) s += ` (${n})`;
  return s + '.';
}

function claimsKind(claims: string | null): string {
  if (!claims) return 'the extra requirement';
  if (claims.includes('"acrs"')) return 'the authentication context the resource asks for (a step-up such as MFA)';
  if (claims.includes('"nbf"')) return 'a fresh sign-in, because the earlier session was revoked (Continuous Access Evaluation)';
  if (claims.includes('polids')) return 'the Conditional Access policy named in the challenge';
  return 'the extra claims the resource asks for';
}

/** claimsKind for an app-only request: the same requirement, said without a user signing in. */
function appClaimsKind(claims: string | null): string {
  if (!claims) return 'the extra requirement';
  if (claims.includes('"acrs"')) return 'the authentication context the resource asks for';
  if (claims.includes('"nbf"')) return 'the resource\'s demand for a token issued after its earlier one was revoked (Continuous Access Evaluation)';
  if (claims.includes('polids')) return 'the Conditional Access policy named in the challenge';
  return 'the extra claims the resource asks for';
}

function codeLabel(d: Decision): string | null {
  return d.entry ? entryLabel(d.entry) : null;
}

function shortText(s: string, max: number): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
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
          `The ${f.challenges.length > 0 ? 'API' : 'sign-in service'} sent a claims challenge${code ? ` (${code})` : ''} to an app-only (client credentials) request: drop the cached app token and request a new one passing the claims, so it meets ${appClaimsKind(f.claims)}`,
          via,
          capNote,
        );
      }
      return sentence(
        `The ${f.challenges.length > 0 ? 'API' : 'sign-in service'} sent a claims challenge${code ? ` (${code})` : ''}: drop the cached token and sign in again passing the claims, so the user can satisfy ${claimsKind(f.claims)}`,
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

function isAadsts(entry: CatalogEntry | null, code: number): boolean {
  return entry !== null && entry.vocabulary === 'aadsts' && entry.code === String(code);
}

function urlStep(entry: CatalogEntry): string | null {
  if (!entry.url) return null;
  return entry.vocabulary === 'aadsts'
    ? `Developer: Microsoft's current text for AADSTS${entry.code} is at ${entry.url}.`
    : `Developer: the official documentation for ${entry.code} is at ${entry.url}.`;
}

function infoStep(actor: Actor, info: { summary: string }): string {
  return `${ACTOR_LABEL[actor]}: ${lowerFirst(info.summary)}`;
}

/** How the sign-in-log step begins; what follows is the input's own correlation ID, new per input. */
export const CORRELATION_STEP_PREFIX = 'Admin: open Microsoft Entra admin center → Sign-in logs, filter by correlation ID ';
/** How it ends. Neither end holds, or can complete, anything the redaction pre-check looks for. */
export const CORRELATION_STEP_SUFFIX = ', and read the failure reason and the Conditional Access tab.';

/** The part of the sign-in-log step taken from the input: the correlation ID and, if known, the time. */
export function correlationQuote(correlationId: string, timestamp: string | null): string {
  return timestamp ? `${correlationId} around ${timestamp}` : correlationId;
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

/** Steps for the suberrors MSAL.NET keeps out of the UI-required path. */
const SUBERROR_STEPS: Readonly<Record<string, readonly string[]>> = {
  protection_policy_required: [
    'Developer: integrate the Intune App SDK (MAM) and acquire tokens through the broker, so the app can be placed under the required app protection policy.',
    'Admin: check which app protection policy applies to this app and user under Intune → Apps → App protection policies.',
  ],
  client_mismatch: [
    "Developer: redeem this app's own refresh token (or sign in again for this client ID) instead of a token issued to another app in the family; keep MSAL up to date, it handles this case itself.",
  ],
};

const CLAIMS_BY_LIBRARY: Record<OneLibrary, string> = {
  'msal-python':
    'Developer, MSAL Python: result = app.acquire_token_interactive(scopes, claims_challenge=claims) — acquire_token_silent, acquire_token_by_auth_code_flow, initiate_device_flow, acquire_token_for_client and acquire_token_on_behalf_of take the same claims_challenge= parameter.',
  'msal-node': 'Developer, msal-node: put claims on the request — await pca.acquireTokenInteractive({ scopes, claims, openBrowser }).',
  'msal-browser': 'Developer, msal-browser: put claims on the request — await msalInstance.acquireTokenRedirect({ scopes, claims }) (or acquireTokenPopup).',
  'msal-dotnet': 'Developer, MSAL.NET: await app.AcquireTokenInteractive(scopes).WithClaims(claims).ExecuteAsync(); ex.Claims on MsalUiRequiredException / MsalClaimsChallengeException holds the value.',
};

function claimsSteps(f: Facts): string[] {
  const claims = f.claims;
  const shown = claims && claims.length <= 400 ? claims : 'the claimsChallenge value of this result';
  const steps = f.appOnly ? appOnlyClaimsSteps(shown) : [
    `Developer: drop the cached access token for this account and resource, then request a new token passing the claims challenge unchanged: ${shown}`,
    ...perLibrary(CLAIMS_BY_LIBRARY, f.library),
    'Developer: declare the client capability cp1 (MSAL Python client_capabilities=["CP1"], msal-node auth.clientCapabilities: ["CP1"], MSAL.NET .WithClientCapabilities(new[] { "cp1" })) so APIs send these challenges, and handle every 401 challenge — declaring cp1 and ignoring challenges can loop.',
    'User: complete what the sign-in page asks (MFA, a compliant or managed device, or signing in again).',
  ];
  if (!claims) {
    steps.unshift(
      'Developer: the claims value itself was not in the text; read it from the exception (ex.Claims in MSAL.NET, error.claims in MSAL.js, result["claims"] in MSAL Python) or from the WWW-Authenticate header (base64-decoded).',
    );
  }
  return steps;
}

/**
 * A claims challenge answered to a client-credentials request: there is no user and no sign-in page,
 * so the app itself requests its token again with the claims, through the confidential-client call.
 */
function appOnlyClaimsSteps(shown: string): string[] {
  return [
    `Developer: this was an app-only (client credentials) request, so no one can sign in: drop the cached app token for this resource and request a new one with the same client credential, passing the claims challenge unchanged: ${shown}`,
    'Developer, MSAL Python: result = app.acquire_token_for_client(scopes, claims_challenge=claims) on the ConfidentialClientApplication.',
    'Developer, msal-node: await cca.acquireTokenByClientCredential({ scopes, claims }) on the ConfidentialClientApplication.',
    'Developer, MSAL.NET: await app.AcquireTokenForClient(scopes).WithClaims(claims).ExecuteAsync() on the IConfidentialClientApplication.',
    'Developer: declare the client capability cp1 (MSAL Python client_capabilities=["CP1"], msal-node auth.clientCapabilities: ["CP1"], MSAL.NET .WithClientCapabilities(new[] { "cp1" })) so APIs send these challenges, and pass each one back once — re-requesting without the claims gets the same challenge again.',
    'Admin: if the new token is challenged again, the policy asks for something an app cannot give (for example MFA); check the Conditional Access policies that target this workload identity or the resource.',
  ];
}

const INTERACTIVE_FIRST_STEP = `Developer: treat this as "sign-in needed": call the interactive flow with the same scopes instead of retrying the silent call (MSAL.NET blocks a silent call that just needed UI for ${UI_REQUIRED_THROTTLE_SECONDS} s).`;

type OneLibrary = Exclude<InputLibrary, 'msal-js'>;

const INTERACTIVE_BY_LIBRARY: Record<OneLibrary, string> = {
  'msal-python':
    'Developer, MSAL Python: result = app.acquire_token_interactive(scopes) (or initiate_device_flow + acquire_token_by_device_flow where no browser is available).',
  'msal-node': 'Developer, msal-node: await pca.acquireTokenInteractive({ scopes, openBrowser }) (or acquireTokenByDeviceCode where no browser is available).',
  'msal-browser':
    'Developer, msal-browser: catch InteractionRequiredAuthError from acquireTokenSilent and call msalInstance.acquireTokenRedirect({ scopes }) (or acquireTokenPopup from a click handler).',
  'msal-dotnet': 'Developer, MSAL.NET: catch MsalUiRequiredException and call await app.AcquireTokenInteractive(scopes).WithAccount(account).ExecuteAsync().',
};

/** One library's step when the input shows which library it came from; every library's otherwise. */
function perLibrary(byLibrary: Record<OneLibrary, string>, library: InputLibrary | null): string[] {
  if (library === 'msal-js') return [byLibrary['msal-node'], byLibrary['msal-browser']];
  return library ? [byLibrary[library]] : Object.values(byLibrary);
}

function interactiveSteps(d: Decision, f: Facts): string[] {
  const steps = [INTERACTIVE_FIRST_STEP, ...perLibrary(INTERACTIVE_BY_LIBRARY, f.library)];
  if (d.category === 'consent_required') {
    steps.push(
      'User: accept the permission prompt; if it says an admin must approve, ask an admin.',
      'Admin: grant consent in Identity → Applications → App registrations → <app> → API permissions → Grant admin consent, or approve the pending admin consent request.',
    );
  } else if (d.category === 'user_credentials') {
    steps.push('User: sign in and change the expired password when the page asks.');
  } else {
    steps.push('User: sign in and finish whatever the page asks for (MFA, terms of use, device registration, a password change).');
  }
  return steps;
}

export function buildNextSteps(f: Facts, d: Decision, ctx: AdviceContext): string[] {
  const steps: string[] = [];
  if (ctx.truncatedBytes !== null) {
    steps.push(`Note: the input was ${ctx.truncatedBytes} characters long; only the first 2 MB were read — paste the failing part alone for a complete reading.`);
  }
  if (ctx.inputProblem && d.rule === 'unknown') {
    steps.push('Developer: paste the error text, the MSAL result (dict, JSON or exception text) or the HTTP response as text.');
    return steps;
  }
  if (f.credential && f.credentialCount > 1) {
    steps.push(`Developer: of the ${f.credentialCount} credentials DefaultAzureCredential tried, ${f.credential} failed in the most telling way; fix that one (or remove the others from the chain).`);
  }

  const tool = f.credential ? TOOL_SIGN_IN[f.credential] : undefined;
  if (tool && d.rule !== 'tool_sign_in' && (d.category === 'expired_grant' || d.category === 'interaction_required' || d.category === 'claims_challenge' || d.category === 'consent_required')) {
    steps.push(`User: ${f.credential} uses the developer tool's own sign-in: run ${tool} again on this machine.`);
  }
  const ruleStart = steps.length;
  switch (d.rule) {
    case 'success':
      steps.push('Developer: nothing to fix; cache the token and reuse it until shortly before it expires (call the silent API first).');
      return steps;
    case 'device_code_started':
      steps.push('User: open the verification page and enter the code shown.', 'Developer: poll the token endpoint at the given interval until it returns a token or an error other than authorization_pending.');
      return steps;
    case 'network':
      steps.push(
        'Developer: check DNS, proxy settings (HTTPS_PROXY / NO_PROXY), firewall rules and any TLS inspection between this machine and login.microsoftonline.com.',
        'Developer: retry with a growing delay; nothing in the request itself needs to change.',
      );
      return steps;
    case 'silent_none':
      steps.push(
        'Developer: None from acquire_token_silent is normal on first use or after the cache was cleared; pass an account from app.get_accounts() and fall back to acquire_token_interactive (or the device flow) when it returns None.',
        'Developer: if it returns None on every run, persist the token cache (msal.SerializableTokenCache or msal-extensions) so sign-ins survive restarts.',
        ...interactiveSteps(d, f),
      );
      return steps;
    case 'throttled_ui':
      steps.push(...interactiveSteps(d, f));
      steps.push(`Developer: silent calls for this account stay blocked for about ${d.retryAfterSeconds} s; don't retry them in a loop.`);
      return steps;
    case 'throttled_local':
      steps.push(
        `Developer: wait ${d.retryAfterSeconds} s before sending the same request again.`,
        'Developer: reuse cached tokens (acquire_token_silent / acquireTokenSilent / AcquireTokenSilent first) so fewer requests reach the service.',
      );
      break;
    case 'loop_detected':
      steps.push(
        'Developer: stop requesting a new token for every call: keep one application object with a token cache and call the silent API first.',
        'Developer: look for a retry loop that requests tokens after every failure, and add back-off.',
      );
      break;
    case 'retry_after':
      steps.push(
        `Developer: wait ${d.retryAfterSeconds} s (the Retry-After value${f.retryAfterHeader !== null && f.retryAfterHeader > 3600 ? ', capped at one hour as MSAL does' : ''}) before the next request; MSAL refuses the identical request locally until then.`,
        'Developer: lower the request rate: cache tokens and spread out parallel requests.',
      );
      break;
    case 'too_many_requests':
      steps.push(
        `Developer: wait at least ${DEFAULT_THROTTLE_SECONDS} s; after a 429 without Retry-After msal-common and MSAL.NET public clients refuse the identical request for ${DEFAULT_THROTTLE_SECONDS} s (MSAL Python: 60 s public, 5 s confidential).`,
        'Developer: lower the request rate: cache tokens and spread out parallel requests.',
      );
      break;
    case 'transient':
      steps.push(
        'Developer: retry once after a second or two, then back off (for example 2, 4, 8 s) and honour any Retry-After header.',
        `Developer: when retrying through MSAL, an identical request within ${DEFAULT_THROTTLE_SECONDS} s of a 5xx may be answered by the library's own throttle (msal-common, MSAL.NET public clients; MSAL Python 5 s for confidential clients).`,
        'Admin: if it keeps failing, check the Microsoft Entra service health and open a support case with the correlation ID and timestamp.',
      );
      break;
    case 'pending':
      steps.push('User: finish the sign-in on the other device with the code shown.', 'Developer: keep polling at the interval the device-code answer gave.');
      return steps;
    case 'slow_down':
      steps.push(`Developer: add ${SLOW_DOWN_SECONDS} s to the polling interval and keep polling.`, 'User: finish the sign-in on the other device with the code shown.');
      return steps;
    case 'claims_challenge':
      steps.push(...claimsSteps(f));
      break;
    case 'interaction':
      if (f.exceptionType?.startsWith('AuthenticationRequired')) {
        steps.push(
          'Developer: call authenticate() on the credential once, interactively (JavaScript: await credential.authenticate(scopes); Python: credential.authenticate(scopes=[...]); .NET: await credential.AuthenticateAsync()), and keep the returned AuthenticationRecord for later runs.',
          'User: complete the sign-in that authenticate() opens.',
        );
      }
      // Also the plain MSAL fallbacks, for code that calls MSAL directly.
      steps.push(...interactiveSteps(d, f));
      break;
    case 'invalid_grant':
      if (d.appAction === 'acquire_interactively') {
        steps.push('Developer: remove the unusable code or refresh token from the cache and get a new grant.');
        steps.push(...interactiveSteps(d, f));
      }
      break;
    case 'user_cancelled':
      steps.push('User: start the sign-in again and complete it.', 'Developer: treat cancellation as a normal outcome: show a message and offer to sign in again rather than retrying on your own.');
      return steps;
    case 'local_misuse':
      steps.push(
        `Developer: look up ${f.error ? `the error code ${f.error}` : 'the exception message'} in the ${libraryName(f)} documentation and fix the call or configuration it names (authority, client ID, redirect URI, scopes, account).`,
        'Developer: this never reached the service, so the Entra sign-in logs will not show it.',
      );
      return steps;
    case 'resource_invalid_token':
      steps.push(
        'Developer: drop the cached token, get a new one (silent with force refresh: acquireTokenSilent({ forceRefresh: true }), AcquireTokenSilent(...).WithForceRefresh(true)), then retry the API call once.',
        'Developer: decode the token with Auth Lens and check its aud (the API) and exp before sending it.',
      );
      return steps;
    case 'resource_insufficient_scope':
      steps.push(
        'Developer: request the scope the API needs (for example https://graph.microsoft.com/Mail.Read) and sign in interactively so it can be consented.',
        'Admin: if the permission needs admin approval, grant it under App registrations → <app> → API permissions → Grant admin consent.',
      );
      return steps;
    case 'resource_no_token':
      steps.push('Developer: send Authorization: Bearer <access token> for this API; acquire a token whose audience is this API first.');
      return steps;
    case 'tool_sign_in':
      steps.push(
        `User: run ${f.toolSignInNeeded ?? 'the tool sign-in command'} on this machine (with the right tenant: az login --tenant <tenant-id>), then start the app again.`,
        'Developer: in production use a managed identity or workload identity instead of a developer-tool credential.',
      );
      return steps;
    case 'library_error':
    case 'resource_error': {
      const e = d.entry!;
      for (const fix of e.fixes.slice(0, 5)) steps.push(fixStep(fix));
      if (d.appAction === 'acquire_interactively') steps.push(...interactiveSteps(d, f).slice(1));
      const doc = urlStep(e);
      if (doc) steps.push(doc);
      if (f.correlationId && d.category !== 'transient' && d.category !== 'throttled') {
        steps.push(CORRELATION_STEP_PREFIX + correlationQuote(f.correlationId, f.timestamp) + CORRELATION_STEP_SUFFIX);
      }
      return dedupe(steps);
    }
    case 'credentials_unavailable':
      steps.push(
        'Developer: give the chain one credential it can use: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) for EnvironmentCredential, sign in with az login for local development, or run where a managed identity is assigned.',
        'Developer: to see each credential\'s reason, enable the Azure Identity logging of your language (AZURE_LOG_LEVEL=verbose in JavaScript, logging.DEBUG for azure.identity in Python).',
      );
      return steps;
    default:
      break;
  }

  // Suberror-specific steps, catalog fixes for the deciding code, then the protocol-level advice.
  const suberrorSteps = f.suberror ? SUBERROR_STEPS[f.suberror.toLowerCase()] : undefined;
  if (suberrorSteps && d.rule === 'invalid_grant') steps.push(...suberrorSteps);
  const interactiveRule = d.appAction === 'acquire_interactively' || d.appAction === 'acquire_with_claims';
  if (d.entry && (d.entry.documented || d.entry.vocabulary !== 'aadsts')) {
    for (const fix of d.entry.fixes.slice(0, 3)) {
      // Our own correlation-ID step below is more specific than a catalog pointer to the sign-in logs.
      if (f.correlationId && /sign-in logs?/i.test(fix.text)) continue;
      // Fixes written for a user's sign-in do not apply to an app-only request (no user, no page).
      if (f.appOnly && USER_FLOW_FIX.test(fix.text)) continue;
      // The rule's own steps already show the interactive (or claims) call in the input's library.
      if (interactiveRule && GENERIC_INTERACTIVE_FIX.test(fix.text)) continue;
      steps.push(fixStep(fix));
    }
  }
  if (isAadsts(d.entry, 7000222) && d.category === 'client_credential') {
    steps.splice(ruleStart, 0, 'Developer: create a new client secret under Identity → Applications → App registrations → <app> → Certificates & secrets, deploy it to the app, then delete the expired one (or move to a certificate or managed identity).');
  }
  if (d.rule === 'oauth_error' || d.rule === 'code_only' || d.rule === 'http_status' || d.rule === 'unknown' || d.rule === 'invalid_grant') {
    if ((!d.entry || !d.entry.documented) && d.info && !suberrorSteps) {
      steps.push(infoStep(d.actor, d.info));
    }
  }
  if (f.correlationId && d.category !== 'transient' && d.category !== 'throttled') {
    steps.push(
      CORRELATION_STEP_PREFIX + correlationQuote(f.correlationId, f.timestamp) + CORRELATION_STEP_SUFFIX,
    );
  }
  const url = d.entry ? urlStep(d.entry) : null;
  if (url) steps.push(url);
  if (steps.length === ruleStart) steps.push(FALLBACK_STEP[d.category]);
  return dedupe(steps);
}

/** A catalog fix as a step that names who acts: "Admin: grant consent …". */
function fixStep(fix: FixStep): string {
  const m = /^(?:have|ask) the user (?:to )?/i.exec(fix.text);
  if (m && fix.who === 'user') return `User: ${fix.text.slice(m[0].length)}`;
  return `${ACTOR_LABEL[fix.who]}: ${lowerFirst(fix.text)}`;
}

/** Catalog fixes that only say "sign in interactively" or "pass the claims back" in every library's terms. */
const GENERIC_INTERACTIVE_FIX = /fall back to (?:an )?interactive|claims value, pass it back|acquire_token_interactive.*AcquireTokenInteractive/i;

/** Catalog fixes that need a signed-in user or an interactive page. */
const USER_FLOW_FIX = /interactive|sign[- ]?in|\buser|ropc|device[- ]code|browser|popup|redirect/i;

/** Credentials that reuse a developer tool's sign-in, and the command that renews it. */
const TOOL_SIGN_IN: Readonly<Record<string, string>> = {
  AzureCliCredential: 'az login',
  AzureDeveloperCliCredential: 'azd auth login',
  AzurePowerShellCredential: 'Connect-AzAccount',
  VisualStudioCredential: 'Tools → Options → Azure Service Authentication in Visual Studio',
  VisualStudioCodeCredential: 'the Azure Resources sign-in in VS Code',
};

/** When neither the rule, the catalog nor the error value has a concrete step, say this much. */
const FALLBACK_STEP: Record<Category, string> = {
  success: 'Developer: nothing to fix.',
  pending: 'Developer: keep polling at the interval the service gave.',
  transient: 'Developer: retry after a short pause with growing delays.',
  throttled: 'Developer: wait before retrying and reduce how often tokens are requested.',
  interaction_required: 'Developer: fall back to an interactive sign-in with the same scopes.',
  claims_challenge: 'Developer: request a new token passing the claims challenge.',
  consent_required: 'Developer: sign the user in interactively so the missing permissions can be consented.',
  client_credential: "Developer: check the app's secret or certificate under App registrations → <app> → Certificates & secrets.",
  app_config: "Developer: compare the request (client ID, authority, redirect URI, scopes) with the app registration.",
  tenant_or_account: 'User: sign in with an account from the right tenant, or check the tenant in the authority URL.',
  access_blocked: 'Admin: check Conditional Access policies and the sign-in logs for why access was blocked.',
  user_credentials: 'User: sign in again with the right password or credential.',
  expired_grant: 'Developer: drop the cached grant and sign the user in again.',
  clock_skew: "Developer: fix the machine's clock and the assertion's validity window.",
  network: 'Developer: check connectivity to login.microsoftonline.com and retry.',
  misuse: 'Developer: check the request parameters and the library call against the documentation.',
  unknown: 'Developer: paste the full error: the MSAL result or exception text, or the HTTP response with its headers and body.',
};

function libraryName(f: Facts): string {
  switch (f.source) {
    case 'msal_python':
      return 'MSAL Python';
    case 'msal_js':
      return 'MSAL.js';
    case 'msal_dotnet':
      return 'MSAL.NET';
    case 'azure_identity':
      return 'Azure Identity';
    default:
      return 'MSAL';
  }
}

function dedupe(steps: string[]): string[] {
  const out: string[] = [];
  for (const s of steps) if (!out.includes(s)) out.push(s);
  return out;
}
