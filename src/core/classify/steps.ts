// The ordered next steps of a classification, each starting with who acts: the deciding rule's own
// steps in the input's library first, then the catalog entry's fixes, the sign-in log pointer and the
// official page.
import type { Category, FixStep } from '../types';
import type { Facts, InputLibrary } from './facts';
import { type Decision, DEFAULT_THROTTLE_SECONDS, SLOW_DOWN_SECONDS, UI_REQUIRED_THROTTLE_SECONDS } from './rules';
import type { AdviceContext } from './summary';
import { ACTOR_LABEL, infoStep, isAadsts, lowerFirst, urlStep } from './words';

/** The sign-in log step for the input's own correlation ID (and time, when known). */
function correlationStep(correlationId: string, timestamp: string | null): string {
  const when = timestamp ? `${correlationId} around ${timestamp}` : correlationId;
  return `Admin: open Microsoft Entra admin center → Sign-in logs, filter by correlation ID ${when}, and read the failure reason and the Conditional Access tab.`;
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
        steps.push(correlationStep(f.correlationId, f.timestamp));
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
      correlationStep(f.correlationId, f.timestamp),
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
