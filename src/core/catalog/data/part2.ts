import type { CatalogSeed } from '../index';

// Part 2 of the AADSTS catalog: the published codes after 65005, kept in the reference's order so a
// reviewer can walk both lists side by side. Every sentence here is the project's own explanation.
export const CATALOG_PART_2: CatalogSeed[] = [
  {
    code: 650052,
    name: null,
    summary:
      'The app wants a Microsoft service that this tenant has no active subscription for, or that the tenant has switched off, so no token can be issued for it.',
    causes: [
      'The tenant never bought or activated the service the app calls (for example a Dynamics, Power Platform or Azure service).',
      "The service principal for that Microsoft service was deleted or disabled in the user's tenant.",
      'The app is being used in a different tenant from the one it was tested in, and that tenant lacks the licence.',
    ],
    fixes: [
      "Ask a tenant admin to check the organization's subscriptions and licences for the named service.",
      "In Enterprise applications, search for the service's first-party app and confirm it exists and is enabled for users to sign in.",
      'If the dependency is optional, remove that permission from App registrations → <app> → API permissions so sign-in does not need it.',
    ],
    category: 'access_blocked',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 650054,
    name: null,
    summary:
      'One of the APIs in the requested permissions no longer exists in the tenant you are signing in to, so the request cannot be satisfied.',
    causes: [
      "An API's app registration or service principal was deleted after your app added a permission for it.",
      'The app is used in a tenant where that API was never provisioned.',
      'A scope or resource URI in code points at an API that was renamed or retired.',
    ],
    fixes: [
      'Open App registrations → <app> → API permissions and remove or replace any permission whose API shows as unknown or missing.',
      'Check each resource URI or scope prefix in your MSAL call against an API that exists in the target tenant (Enterprise applications lists them).',
      'If the API belongs to another team, ask them to re-create or restore its service principal in this tenant.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 650056,
    name: null,
    summary:
      'Entra considers the client app misconfigured for the resource it asked for; this usually means the permission is not declared, not consented, or the client identity in the request is wrong.',
    causes: [
      'The app registration does not list any permission for the requested API under API permissions.',
      'The permission is declared but nobody with the right to do so has consented in this tenant.',
      'The client ID or the certificate sent in the request does not belong to the registered client app.',
    ],
    fixes: [
      'Add the needed permission in App registrations → <app> → API permissions, then use "Grant admin consent" if it needs admin approval.',
      "Confirm the client_id in your MSAL configuration matches the registration's Application (client) ID.",
      'If you authenticate with a certificate, check it is the one uploaded under Certificates & secrets and that it has not expired.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 650057,
    name: null,
    summary:
      "The token request names an API (resource) that is absent from the app registration's requested permissions, so Entra refuses to issue a token for it.",
    causes: [
      "The scope in code points at an API that was never added to the app's API permissions.",
      'A typo in the resource URI or scope prefix makes it look like a different API.',
      'Permissions were added to a different app registration than the one whose client ID the code uses.',
    ],
    fixes: [
      'Compare the resource named in the error message with the list under App registrations → <app> → API permissions, and add the missing API.',
      'Fix the scope string in code (for example "api://<app-id>/access_as_user" or "https://graph.microsoft.com/.default").',
      'After adding a permission, grant consent again (Grant admin consent, or let the user consent interactively).',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 67003,
    name: 'ActorNotValidServiceIdentity',
    summary:
      'The reference gives only the name: the actor (the calling service identity in a delegated or actor-token scenario) was not accepted as a valid service identity. Details beyond that are not published.',
    causes: [
      'A service-to-service or on-behalf-of style request presented an actor identity Entra does not treat as a valid service principal.',
      'The meaning is not documented in detail; check the full error text and sign-in log for specifics.',
    ],
    fixes: [
      'Look up the request in Sign-in logs by correlation ID to see which application was treated as the actor.',
      'Confirm the calling service authenticates as an app registration that exists in the tenant.',
      'See https://login.microsoftonline.com/error?code=67003 for the current wording, and open a support case if it stays unclear.',
    ],
    category: 'unknown',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70000,
    name: 'InvalidGrant',
    summary:
      'The grant sent to the token endpoint (typically a refresh token) was rejected; one documented reason is a token-binding check that failed.',
    causes: [
      'The refresh token is no longer valid for this client, or was bound to a different device or key.',
      'A token binding header was missing or its hash did not match the bound token.',
      'The cached token belongs to a different user, tenant or client than the one now asking.',
    ],
    fixes: [
      'Drop the cached account and sign the user in again interactively (MSAL Python `acquire_token_interactive`, msal-node `acquireTokenInteractive`/auth code flow).',
      'Make sure the token cache is not shared between different client IDs or tenants.',
      'Look at the sign-in log entry for the correlation ID to see the exact failure reason.',
    ],
    category: 'expired_grant',
    actor: 'user',
    retryable: false,
  },
  {
    code: 70001,
    name: 'UnauthorizedClient',
    summary: 'The application has been switched off in this tenant, so nobody can get tokens for it right now.',
    causes: [
      'An admin set "Enabled for users to sign-in?" to No on the enterprise application.',
      'Microsoft or the tenant disabled the app (for example after a security review).',
    ],
    fixes: [
      'Ask an admin to open Enterprise applications → <app> → Properties and check "Enabled for users to sign-in?".',
      "Confirm the client ID in your configuration is the intended app and not an old, disabled one.",
      'See the troubleshooting article linked from https://login.microsoftonline.com/error?code=70001 if the app still appears enabled.',
    ],
    category: 'access_blocked',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 700011,
    name: 'UnauthorizedClientAppNotFoundInOrgIdTenant',
    summary:
      'Entra looked for the client ID in the tenant you addressed and found no such application there.',
    causes: [
      'The client ID in the configuration has a typo or belongs to another tenant.',
      'The app is single-tenant but the request went to a different tenant or to /common.',
      'The app registration was deleted.',
    ],
    fixes: [
      'Copy the Application (client) ID from App registrations → <app> → Overview into your MSAL configuration.',
      'Point the authority at the tenant that owns the registration (https://login.microsoftonline.com/<tenant-id>).',
      'For apps meant for other organizations, change "Supported account types" under Authentication to multitenant and have each tenant consent.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70002,
    name: 'InvalidClient',
    summary: "The app's credentials could not be validated: the client secret it sent is not the one registered for this client.",
    causes: [
      'The secret in configuration is wrong, truncated or belongs to another app registration.',
      'The secret was rotated in the portal but the app still uses the old value.',
      'The secret ID was pasted instead of the secret value.',
    ],
    fixes: [
      'Create a new secret under App registrations → <app> → Certificates & secrets and copy its Value (not the Secret ID) straight away.',
      'Update the secret used by `ConfidentialClientApplication` (MSAL Python, msal-node) or `ConfidentialClientApplicationBuilder.WithClientSecret` (MSAL.NET) and restart the app.',
      'Consider a certificate or managed identity instead of a secret.',
    ],
    category: 'client_credential',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 700025,
    name: 'InvalidClientPublicClientWithCredential',
    summary:
      'The request came from a public client (desktop, mobile, CLI or SPA) yet included a client secret or assertion, which public clients must never send.',
    causes: [
      'A `PublicClientApplication` flow is combined with a secret, or code builds the token request by hand and adds client_secret.',
      'The registration has "Allow public client flows" turned on while the app actually runs as a confidential (server) client.',
    ],
    fixes: [
      'For desktop/mobile/CLI apps, use `PublicClientApplication` and remove any secret or certificate from the request.',
      'For server apps, use `ConfidentialClientApplication` and check App registrations → <app> → Authentication: the platform and "Allow public client flows" should match how the app runs.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 700027,
    name: null,
    summary:
      "The signed client assertion (JWT) the app sent could not be verified against any certificate registered for the app, so the app's identity was rejected.",
    causes: [
      'The assertion was signed with a certificate that is not uploaded to this app registration, or with a wrong key.',
      'The x5t / kid header in the assertion does not identify a registered certificate.',
      'The assertion was built by hand with wrong claims or a broken signature.',
    ],
    fixes: [
      'Upload the public part of the signing certificate under App registrations → <app> → Certificates & secrets and compare its thumbprint with the one the app uses.',
      "Let MSAL build the assertion (`client_credential={'private_key': ..., 'thumbprint': ...}` in MSAL Python, `WithCertificate` in MSAL.NET) rather than signing it yourself.",
      'If you use federated credentials, check the issuer, subject and audience configured under Certificates & secrets → Federated credentials.',
    ],
    category: 'client_credential',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70003,
    name: 'UnsupportedGrantType',
    summary: 'The grant_type in the token request is not one this app or endpoint accepts.',
    causes: [
      'A misspelled or non-standard grant_type value in a hand-built request.',
      'A flow the app is not allowed to use, such as device code or ROPC without public client flows enabled.',
    ],
    fixes: [
      'Use the MSAL method for the flow you want instead of building the POST yourself.',
      'For device code or username/password flows, turn on "Allow public client flows" in App registrations → <app> → Authentication.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 700030,
    name: null,
    summary:
      'The app authenticated with a certificate whose subject name is not authorized for this app, so the certificate credential was refused.',
    causes: [
      'The app relies on subject name + issuer (SN+I) authentication, but the certificate subject or SAN is not on the allowed list.',
      'A renewed certificate has a different subject than the one configured.',
    ],
    fixes: [
      'Compare the certificate subjects listed in the error with the trustedCertificateSubjects entry under App registrations → <app> → Manifest.',
      'Use a certificate whose subject matches, or ask the app owner to add the new subject name.',
      'In MSAL, send the x5c chain only when SN+I is intended (MSAL Python `send_x5c=True`, MSAL.NET `WithCertificate(cert, sendX5C: true)`).',
    ],
    category: 'client_credential',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70004,
    name: 'InvalidRedirectUri',
    summary:
      'The redirect URI in the request is not one of the addresses registered for the app, so Entra will not send the result there.',
    causes: [
      'The URI in code differs from the registered one (scheme, host, port, path, or trailing slash).',
      'The URI is registered under the wrong platform (Web vs SPA vs Mobile and desktop).',
    ],
    fixes: [
      'Add the exact URI the app sends under App registrations → <app> → Authentication, in the right platform section.',
      'Log the redirect_uri your MSAL configuration actually uses and compare character by character.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70005,
    name: 'UnsupportedResponseType',
    summary:
      'The authorization request asked for a response_type the app is not set up for, such as a token or ID token from the implicit flow.',
    causes: [
      "response_type includes 'token' while access tokens via implicit grant are not enabled for the app.",
      "response_type 'id_token' is requested without the openid scope.",
      'An unsupported OAuth value arrived inside a WS-Federation wctx parameter.',
    ],
    fixes: [
      'Prefer the auth code flow with PKCE (what current MSAL libraries use) instead of implicit grant.',
      'If you must keep implicit grant, enable the token types under App registrations → <app> → Authentication → Implicit grant and hybrid flows.',
      'Include "openid" in the scopes when asking for an ID token.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 700054,
    name: null,
    summary:
      'The app asked the authorize endpoint for an ID token directly, but ID tokens through the implicit/hybrid flow are switched off for this registration.',
    causes: [
      'An older OIDC middleware or library uses response_type=id_token (or code id_token) and the registration was not configured for it.',
    ],
    fixes: [
      'Open App registrations → <app> → Authentication and tick the "ID tokens (used for implicit and hybrid flows)" box.',
      'Better: move to the auth code flow with PKCE, which needs no implicit grant setting.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70007,
    name: 'UnsupportedResponseMode',
    summary: 'The response_mode parameter in the request has a value Entra does not support for this flow.',
    causes: [
      'A hand-built request uses a response_mode other than query, fragment or form_post.',
      'response_mode=query was combined with a response type that must not travel in the query string (such as tokens).',
    ],
    fixes: [
      'Use form_post or fragment where tokens are returned, or let MSAL choose the response mode.',
      'Check the authorize URL your app produces and correct the response_mode value.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70008,
    name: 'ExpiredOrRevokedGrant',
    summary:
      'The refresh token was not used for too long and is now dead; the user must sign in again to get a new one.',
    causes: [
      'The user has not used the app for longer than the refresh token inactivity window.',
      'The token was revoked (password reset, admin revoked sessions) and is being reported as expired.',
    ],
    fixes: [
      'Treat it as a normal part of the token lifecycle: catch it and call the interactive flow (`acquire_token_interactive`, `acquireTokenInteractive`, or redirect to sign-in).',
      'Remove the stale account from the MSAL cache so silent calls stop retrying it.',
    ],
    category: 'expired_grant',
    actor: 'user',
    retryable: false,
  },
  {
    code: 700082,
    name: 'ExpiredOrRevokedGrantInactiveToken',
    summary:
      'The refresh token sat unused past its inactivity limit, so it expired; this is expected after a long break from the app.',
    causes: [
      'The user did not open the app for an extended period (the error text says how long).',
      'A background job held an old cached token and tried it long after it was issued.',
    ],
    fixes: [
      'Fall back to interactive sign-in when `acquireTokenSilent` / `acquire_token_silent` fails with this code.',
      'For daemons that act for a user, plan for periodic re-consent or switch to app-only (client credentials) access.',
    ],
    category: 'expired_grant',
    actor: 'user',
    retryable: false,
  },
  {
    code: 700084,
    name: null,
    summary:
      'A single-page app refresh token reached its fixed maximum lifetime (about 24 hours), which cannot be extended, so the SPA must send the user to sign in again.',
    causes: [
      'Refresh tokens issued to the SPA platform have a hard lifetime, regardless of activity.',
    ],
    fixes: [
      'In MSAL.js, catch `InteractionRequiredAuthError` and call `acquireTokenRedirect` or `acquireTokenPopup`; with an active session this is often silent to the user.',
      'Use `ssoSilent` or a hidden iframe renewal to refresh the session before the limit when possible.',
    ],
    category: 'expired_grant',
    actor: 'user',
    retryable: false,
  },
  {
    code: 70011,
    name: 'InvalidScope',
    summary: 'One or more scopes in the request are not valid, so Entra refused the request.',
    causes: [
      'A scope string is misspelled, lacks the resource prefix, or names a permission the API does not expose.',
      'Scopes for two different APIs were mixed in one request, or ".default" was combined with other scopes.',
      'The client credentials flow was called with a delegated scope instead of "<resource>/.default".',
    ],
    fixes: [
      'Use full scope strings such as "https://graph.microsoft.com/User.Read" or "api://<app-id>/<scope>".',
      'For app-only tokens use exactly "<resource>/.default" (e.g. `acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])`).',
      'Check the API exposes the scope under App registrations → <api> → Expose an API.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 70012,
    name: 'MsaServerError',
    summary:
      'Something failed on the Microsoft account (personal account) side while signing in a consumer user; this is a service problem, not your request.',
    causes: ['A temporary fault in the Microsoft account service.'],
    fixes: [
      'Retry after a short delay with backoff.',
      'If it keeps happening, note the correlation ID and timestamp and open a Microsoft support request.',
    ],
    category: 'transient',
    actor: 'none',
    retryable: true,
  },
  {
    code: 70016,
    name: 'AuthorizationPending',
    summary:
      'Device code flow status: the user has not finished entering the code and signing in yet, so keep polling.',
    causes: ['The user is still on the verification page, or has not opened it yet.'],
    fixes: [
      'Keep polling at the interval the device code response gave; MSAL (`acquire_token_by_device_flow`, `acquireTokenByDeviceCode`) does this for you.',
      'Show the user code and verification URL clearly so the user can finish.',
    ],
    category: 'pending',
    actor: 'user',
    retryable: true,
  },
  {
    code: 70018,
    name: 'BadVerificationCode',
    summary: 'In the device code flow, the code the user typed on the verification page was wrong, so the sign-in was not approved.',
    causes: ['The user mistyped the user code or entered a code from an older attempt.'],
    fixes: [
      'Ask the user to enter the code exactly as shown; show it in a large, copyable form.',
      'If the code is old, start a new device flow and show the fresh code.',
    ],
    category: 'user_credentials',
    actor: 'user',
    retryable: false,
  },
  {
    code: 70019,
    name: 'CodeExpired',
    summary: 'The device code (verification code) timed out before the user completed sign-in.',
    causes: ['The user took longer than the code lifetime (usually about 15 minutes) to sign in.'],
    fixes: [
      'Start a new device code flow and show the new code.',
      "Tell the user how long they have, using the response's expires_in value.",
    ],
    category: 'expired_grant',
    actor: 'user',
    retryable: false,
  },
  {
    code: 70043,
    name: 'BadTokenDueToSignInFrequency',
    summary:
      'A Conditional Access sign-in frequency rule says the session is too old, so the refresh token can no longer be used for this request.',
    causes: [
      'A Conditional Access policy sets a sign-in frequency shorter than the age of the cached token.',
      'The resource now falls under a stricter policy than when the token was issued.',
    ],
    fixes: [
      'Catch the error in silent token calls and send the user through interactive sign-in.',
      'An admin can review the session controls under Protection → Conditional Access → Policies if the frequency is stricter than intended.',
    ],
    category: 'expired_grant',
    actor: 'user',
    retryable: false,
  },
  {
    code: 75001,
    name: 'BindingSerializationError',
    summary: 'Entra could not serialize or read the SAML message in the binding the app used.',
    causes: [
      'The SAML request is badly encoded (wrong Base64 or deflate for the redirect binding).',
      'The SAML message structure is broken.',
    ],
    fixes: [
      'Capture the SAML request (browser SAML tracer) and decode it to confirm it is well-formed.',
      'Use deflate + Base64 + URL encoding for HTTP-Redirect, and plain Base64 for HTTP-POST.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 75003,
    name: 'UnsupportedBindingError',
    summary: 'The app asked for the SAML response to come back over a binding Entra does not offer; responses are only posted back with HTTP POST.',
    causes: ['The SAML request sets ProtocolBinding to something other than HTTP-POST (for example HTTP-Artifact or Redirect).'],
    fixes: [
      "Configure the app's SAML library to receive responses with HTTP-POST at its Assertion Consumer Service URL.",
      'Remove or correct the ProtocolBinding attribute in the AuthnRequest.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 75005,
    name: 'Saml2MessageInvalid',
    summary: 'The SAML sign-on request the app sent is not something Entra can accept.',
    causes: [
      'The AuthnRequest is malformed, uses unsupported elements, or is encoded wrongly.',
      'The app posts a non-SAML payload to the SAML endpoint.',
    ],
    fixes: [
      'Decode the request with a SAML tracer and validate it against the SAML 2.0 AuthnRequest schema.',
      'Check the troubleshooting article linked from https://login.microsoftonline.com/error?code=75005.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 7500514,
    name: null,
    summary:
      "The SAML message Entra received contains neither a SAML 2.0 'Response' nor an 'Assertion' element in the expected XML namespace.",
    causes: [
      'The app or an upstream IdP sent a SAML 1.1 or otherwise unsupported message type.',
      'The XML namespace on the root element is wrong.',
    ],
    fixes: [
      'Send a SAML 2.0 Response in the SAML 2.0 protocol namespace, or an Assertion in the SAML 2.0 assertion namespace.',
      'Check the federation partner or SAML library configuration that produces the message.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 750054,
    name: null,
    summary:
      'A request reached the SAML HTTP-Redirect endpoint without a SAMLRequest or SAMLResponse query parameter, so there was nothing to process.',
    causes: [
      'The user opened the SAML sign-in URL directly or from a bookmark, without the app starting the flow.',
      'The app sends the SAML message in the body (POST) while using the redirect binding URL, or drops the parameter while building the URL.',
    ],
    fixes: [
      'Start sign-in from the application (SP-initiated) so it generates the SAMLRequest, or use the My Apps / user access URL for IdP-initiated sign-in.',
      "Check the app's SAML settings: with HTTP-Redirect, the deflated, Base64 and URL-encoded message goes in the query string.",
      'See the troubleshooting article linked from https://login.microsoftonline.com/error?code=750054.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 75008,
    name: 'RequestDeniedError',
    summary: "The SAML request was refused because its Destination attribute does not point at the Entra endpoint that received it.",
    causes: [
      'The Destination in the AuthnRequest names a different URL (another tenant, another cloud, or an old endpoint).',
      'The app is configured with the wrong single sign-on URL for the tenant.',
    ],
    fixes: [
      "Copy the Login URL from Enterprise applications → <app> → Single sign-on into the app's SAML settings.",
      'Make sure the Destination value in the request equals the URL the request is sent to.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 75011,
    name: 'NoMatchedAuthnContextInOutputClaims',
    summary:
      'The SAML app demanded a specific way of signing in (RequestedAuthnContext), but the user already signed in another way, so Entra will not return an assertion.',
    causes: [
      'The AuthnRequest asks for, say, PasswordProtectedTransport while the user has a session from Windows integrated or passwordless sign-in.',
      'A federated IdP reports an authentication method that does not match the requested context.',
    ],
    fixes: [
      'Remove RequestedAuthnContext from the app\'s SAML request, or set Comparison="minimum" with a broad context.',
      'If a fresh sign-in is truly required, send ForceAuthn="true" instead of pinning the method.',
      'See the troubleshooting article linked from https://login.microsoftonline.com/error?code=75011.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 75016,
    name: 'Saml2AuthenticationRequestInvalidNameIDPolicy',
    summary: 'The NameIDPolicy element in the SAML AuthnRequest asks for something Entra cannot honour.',
    causes: [
      'An unsupported or misspelled NameID Format value in the request.',
      'The requested format conflicts with the name identifier configured for the app.',
    ],
    fixes: [
      'Request a supported format (unspecified, emailAddress, persistent or transient) or leave NameIDPolicy out.',
      'Align the format with Enterprise applications → <app> → Single sign-on → Attributes & Claims → Unique User Identifier.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 76021,
    name: 'ApplicationRequiresSignedRequests',
    summary: 'This SAML app is set up to accept only signed authentication requests, and the request that arrived carried no signature.',
    causes: [
      'Request signature verification is enabled for the enterprise app, but the app is not signing its AuthnRequest.',
      'The app signs with a certificate other than the one registered for verification.',
    ],
    fixes: [
      "Turn on AuthnRequest signing in the app's SAML library, using the certificate registered for verification.",
      'Or, if signing is not required, an admin can switch off request verification under Enterprise applications → <app> → Single sign-on → Verification certificates.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 76026,
    name: 'RequestIssueTimeExpired',
    summary: "The SAML AuthnRequest's IssueInstant is too far in the past, so Entra treats the request as stale.",
    causes: [
      'The clock of the server that builds the request is wrong.',
      'A request was cached or replayed (back button, bookmarked URL) long after it was created.',
    ],
    fixes: [
      'Sync the app server clock with NTP.',
      'Create a fresh AuthnRequest for each sign-in instead of reusing one.',
    ],
    category: 'clock_skew',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 80001,
    name: 'OnPremiseStoreIsNotAvailable',
    summary:
      'With pass-through authentication, the on-premises agent that checks passwords could not reach Active Directory, so the password could not be verified.',
    causes: [
      'The server running the Authentication Agent cannot contact a domain controller (network, DNS, firewall).',
      "The agent server is in a different AD forest from the user's account.",
    ],
    fixes: [
      'An admin should check that each Authentication Agent server is joined to the same forest as the users and can reach a domain controller.',
      'Check the agent status in the Entra admin center (Entra Connect → Pass-through authentication) and the agent event logs.',
      'Retrying may succeed if another healthy agent picks up the request.',
    ],
    category: 'transient',
    actor: 'admin',
    retryable: true,
  },
  {
    code: 80002,
    name: 'OnPremisePasswordValidatorRequestTimedout',
    summary: 'The pass-through authentication agent asked Active Directory to check the password, and no answer came back in time.',
    causes: [
      'Domain controllers are slow, overloaded or unreachable from the agent.',
      'Network latency between the agent and Active Directory.',
    ],
    fixes: [
      'Retry the sign-in after a short wait.',
      'An admin should check domain controller health and connectivity from the Authentication Agent servers.',
    ],
    category: 'transient',
    actor: 'admin',
    retryable: true,
  },
  {
    code: 80005,
    name: 'OnPremisePasswordValidatorUnpredictableWebException',
    summary: "Entra got an answer from the pass-through authentication agent that it could not make sense of; the cause is not specified.",
    causes: [
      'An unexpected failure in communication with the on-premises Authentication Agent.',
    ],
    fixes: [
      'Try the sign-in again.',
      'If it keeps failing, an admin should collect the correlation ID and timestamp and open a Microsoft support request.',
    ],
    category: 'transient',
    actor: 'none',
    retryable: true,
  },
  {
    code: 80007,
    name: 'OnPremisePasswordValidatorErrorOccurredOnPrem',
    summary: "The pass-through authentication agent failed while checking the user's password against Active Directory.",
    causes: [
      'An Active Directory or agent-side problem on premises.',
      'The agent service is unhealthy.',
    ],
    fixes: [
      'An admin should read the Authentication Agent logs on the agent servers for the exact failure.',
      'Confirm Active Directory is working normally, then retry the sign-in.',
    ],
    category: 'transient',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 80010,
    name: 'OnPremisePasswordValidationEncryptionException',
    summary: "The pass-through authentication agent could not decrypt the password Entra forwarded to it, so the sign-in could not be checked.",
    causes: [
      'The agent certificate or key material is broken or out of date.',
      'The agent installation is corrupt.',
    ],
    fixes: [
      'An admin should check the agent health in Entra Connect → Pass-through authentication and re-register or reinstall the failing agent.',
      'Look at the agent event logs for details, and open a support request if it persists.',
    ],
    category: 'unknown',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 80012,
    name: 'OnPremisePasswordValidationAccountLogonInvalidHours',
    summary: "The user's on-premises account has logon-hour restrictions and this attempt fell outside them.",
    causes: ['Logon hours are set on the user object in Active Directory.'],
    fixes: [
      'Sign in during the permitted hours.',
      "An AD admin can change the account's logon hours in Active Directory Users and Computers if the restriction is wrong.",
    ],
    category: 'access_blocked',
    actor: 'user',
    retryable: false,
  },
  {
    code: 80013,
    name: 'OnPremisePasswordValidationTimeSkew',
    summary: 'The pass-through authentication check failed because the clock on the agent server and the clock in Active Directory disagree too much.',
    causes: ['The Authentication Agent server is not syncing its time with the domain.'],
    fixes: [
      'An admin should fix time synchronization on the agent server (w32time with the domain hierarchy or NTP).',
      'Retry after the clocks agree.',
    ],
    category: 'clock_skew',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 80014,
    name: 'OnPremisePasswordValidationAuthenticationAgentTimeout',
    summary: "The pass-through authentication agent answered, but only after Entra's time limit had already run out.",
    causes: [
      'A slow agent or a slow Active Directory response.',
      'Network latency between Entra and the agent servers.',
    ],
    fixes: [
      'Retry the sign-in.',
      'If it repeats, an admin should open a support request quoting the correlation ID, the timestamp and this code.',
    ],
    category: 'transient',
    actor: 'admin',
    retryable: true,
  },
  {
    code: 81004,
    name: 'DesktopSsoIdentityInTicketIsNotAuthenticated',
    summary: 'Seamless SSO tried to sign the user in with their Windows Kerberos ticket and that attempt failed; the user usually falls back to typing a password.',
    causes: [
      'The device is not domain-joined or cannot reach a domain controller.',
      'The Seamless SSO URL is not in the browser\'s intranet zone, so no ticket is sent.',
    ],
    fixes: [
      'Let the user complete sign-in with their credentials.',
      'An admin can check the Seamless SSO setup (intranet zone settings, AZUREADSSOACC computer account) if silent sign-in should work.',
    ],
    category: 'interaction_required',
    actor: 'user',
    retryable: false,
  },
  {
    code: 81005,
    name: 'DesktopSsoAuthenticationPackageNotSupported',
    summary: 'For Seamless SSO, the browser offered an authentication package other than Kerberos (for example NTLM), which is not accepted.',
    causes: [
      'Kerberos failed on the client and Windows fell back to NTLM.',
      'The browser is configured to negotiate NTLM for the sign-in site.',
    ],
    fixes: [
      'The user can sign in with credentials instead.',
      'An admin should check that the device can get a Kerberos ticket for the AZUREADSSOACC account and that the browser allows Kerberos for the site.',
    ],
    category: 'interaction_required',
    actor: 'user',
    retryable: false,
  },
  {
    code: 81006,
    name: 'DesktopSsoNoAuthorizationHeader',
    summary: 'Seamless SSO expected a Kerberos Authorization header from the browser and received none.',
    causes: [
      'The sign-in URL is not in the intranet zone, so the browser does not send Windows credentials.',
      'The device is outside the corporate network or not domain-joined.',
    ],
    fixes: [
      'The user can sign in with their credentials.',
      'An admin can add the Seamless SSO URL to the intranet zone by Group Policy if silent sign-in is expected.',
    ],
    category: 'interaction_required',
    actor: 'user',
    retryable: false,
  },
  {
    code: 81007,
    name: 'DesktopSsoTenantIsNotOptIn',
    summary: 'The browser attempted Seamless SSO, but this tenant has not turned Seamless SSO on.',
    causes: ['Seamless SSO is not enabled in Entra Connect for the tenant, while clients still try it.'],
    fixes: [
      'The user can sign in with credentials.',
      'An admin can enable Seamless SSO in Entra Connect, or remove the intranet-zone configuration if it is not wanted.',
    ],
    category: 'interaction_required',
    actor: 'user',
    retryable: false,
  },
  {
    code: 81009,
    name: 'DesktopSsoAuthorizationHeaderValueWithBadFormat',
    summary: "The Kerberos ticket the browser sent for Seamless SSO could not be checked, so silent sign-in was abandoned.",
    causes: [
      'The ticket is malformed or encrypted with a key Entra does not have (for example after the AZUREADSSOACC key changed).',
    ],
    fixes: [
      'The user can sign in with their credentials.',
      'An admin can roll over the Seamless SSO Kerberos decryption key in Entra Connect.',
    ],
    category: 'interaction_required',
    actor: 'user',
    retryable: false,
  },
  {
    code: 81010,
    name: 'DesktopSsoAuthTokenInvalid',
    summary: "Seamless SSO did not work because the user's Kerberos ticket is out of date or not valid.",
    causes: [
      'The Kerberos ticket has expired in the client cache.',
      'The ticket was issued before the Seamless SSO key was rolled over.',
    ],
    fixes: [
      'Sign in with credentials, or refresh tickets (lock and unlock, or `klist purge` then retry).',
      'An admin can check whether the AZUREADSSOACC key was rolled recently.',
    ],
    category: 'interaction_required',
    actor: 'user',
    retryable: false,
  },
  {
    code: 81011,
    name: 'DesktopSsoLookupUserBySidFailed',
    summary: "Seamless SSO read the user's security identifier from the Kerberos ticket but found no matching user in Entra.",
    causes: [
      'The on-premises user has not been synced to Entra, or the sync is stale.',
      'The on-premises SID on the cloud user does not match the AD account.',
    ],
    fixes: [
      'Sign in with credentials for now.',
      'An admin should confirm the user is synced by Entra Connect and that its on-premises attributes match Active Directory.',
    ],
    category: 'tenant_or_account',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 81012,
    name: 'DesktopSsoMismatchBetweenTokenUpnAndChosenUpn',
    summary: 'The account chosen on the sign-in page is not the account logged on to the Windows device, so Seamless SSO cannot vouch for it.',
    causes: [
      'The user picked or typed a different account than the one they are logged on to Windows with.',
      'A login_hint in the request names another user.',
    ],
    fixes: [
      'Sign in with the same account that is logged on to the device, or enter the password for the other account.',
      'If the app passes login_hint, make sure it matches the intended user.',
    ],
    category: 'tenant_or_account',
    actor: 'user',
    retryable: false,
  },
  {
    code: 90002,
    name: 'InvalidTenantName',
    summary: 'The tenant named in the authority URL does not exist, at least not in the cloud you are talking to.',
    causes: [
      'A typo in the tenant ID or domain in the authority.',
      "The authority was derived from an email domain that is not a verified domain of any tenant.",
      'The app uses a national cloud tenant against the global login endpoint, or the reverse.',
    ],
    fixes: [
      'Use the Directory (tenant) ID from Identity → Overview / Tenant properties in the authority (https://login.microsoftonline.com/<tenant-id>).',
      'For national clouds, use the matching login host (for example login.microsoftonline.us or login.partner.microsoftonline.cn).',
      'Use /organizations or /common if the tenant is not known in advance.',
    ],
    category: 'tenant_or_account',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 90004,
    name: 'InvalidRequestFormat',
    summary: 'Entra could not parse the request because it is not formed correctly.',
    causes: [
      'A hand-built request with a wrong content type, bad encoding or broken parameters.',
      'Parameters sent in the query string where the endpoint expects a form body.',
    ],
    fixes: [
      'Send token requests as POST with Content-Type application/x-www-form-urlencoded, or let MSAL build them.',
      'Capture the request (Fiddler, browser dev tools) and check each parameter is encoded properly.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 90005,
    name: 'InvalidRequestWithMultipleRequirements',
    summary: 'The request sent both an identifier and a login hint, a combination Entra does not allow.',
    causes: ['Code adds login_hint together with a parameter that already pins the account (such as an id_token_hint or session identifier).'],
    fixes: [
      'Send only one way of selecting the account: drop login_hint or the other identifier.',
      'If you use MSAL, pass the account object or a login hint, not both.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 90006,
    name: 'ExternalServerRetryableError',
    summary: 'A service Entra depends on is briefly unavailable; the request itself is fine.',
    causes: ['A temporary outage or overload in a backend service.'],
    fixes: ['Retry with exponential backoff.', 'If it persists, check the Azure service health page for incidents.'],
    category: 'transient',
    actor: 'none',
    retryable: true,
  },
  {
    code: 90007,
    name: 'InvalidSessionId',
    summary: 'The session identifier passed in the request is not in a format Entra can read.',
    causes: [
      'A session ID (sid) value was truncated, altered, or copied from another context.',
      'Code builds the sign-in or sign-out URL by hand with a wrong sid.',
    ],
    fixes: [
      "Pass the sid claim exactly as it appears in the user's ID token, or leave it out.",
      'Let MSAL build sign-in and sign-out URLs.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 90008,
    name: 'TokenForItselfRequiresGraphPermission',
    summary:
      'The app asked for a token for its own API, but it has no consented basic sign-in permission (Microsoft Graph User.Read or the legacy Azure AD Graph equivalent).',
    causes: [
      'The basic User.Read delegated permission was removed from the app registration.',
      'Neither the user nor an admin has consented to that permission.',
    ],
    fixes: [
      'Add Microsoft Graph → User.Read (delegated) in App registrations → <app> → API permissions.',
      'Grant admin consent there, or let the user consent in an interactive sign-in.',
    ],
    category: 'consent_required',
    actor: 'admin',
    retryable: false,
  },
  {
    code: 90009,
    name: 'TokenForItselfMissingIdenticalAppIdentifier',
    summary: 'The app requested a token whose audience is itself, but named itself with something other than its GUID application ID.',
    causes: ['The resource or scope uses the App ID URI or a name instead of the client ID GUID when asking for a token for the same app.'],
    fixes: [
      'Use the GUID form, for example "<client-id>/.default" or the GUID as the resource.',
      'Or request a token for the real downstream API instead of the app itself.',
    ],
    category: 'app_config',
    actor: 'developer',
    retryable: false,
  },
  {
    code: 90010,
    name: 'NotSupported',
    summary: 'Entra could not set up a cryptographic algorithm the request needed; the specific algorithm or context is not published.',
    causes: [
      'A request (for example a client assertion or token) names a signing algorithm that is not supported.',
      'The exact trigger is not documented; check the full error message.',
    ],
    fixes: [
      'Sign client assertions with RS256 or PS256 using a supported key size, or let MSAL sign them.',
      'Look up the request in Sign-in logs by correlation ID and check https://login.microsoftonline.com/error?code=90010.',
    ],
    category: 'misuse',
    actor: 'developer',
    retryable: false,
  },
];
