// AADSTS catalog, part 1 of 2: the first half of the published codes, in the reference's order.
// Every sentence here is written for Auth Lens: what happened, why it usually happens, and where to fix it.
// When the public description is too thin to be sure, the entry says so and points to the lookup page.
import type { Actor, Category } from '../../types';
import type { CatalogSeed } from '../index';

// A compact constructor keeps 173 entries readable; the field order mirrors CatalogSeed.
function seed(
  code: number,
  name: string | null,
  category: Category,
  actor: Actor,
  retryable: boolean,
  summary: string,
  causes: string[],
  fixes: string[],
): CatalogSeed {
  return { code, name, summary, causes, fixes, category, actor, retryable };
}

// Steps that apply to many codes; repeated text lives here once.
const SIGNIN_LOGS =
  'In the Microsoft Entra admin center open Sign-in logs, filter by the correlation ID or request ID from the error, and read the failure reason shown there.';
const FEDERATION_CHECK =
  'Check the federation trust for the domain (Identity \u2192 Settings / Tenant properties, or Get-MgDomainFederationConfiguration) and ask whoever runs the external identity provider (AD FS, Okta, PingFederate, \u2026) to check its logs for the same time.';
const LOOKUP_NOTE =
  'The public description of this code is brief; open the lookup URL for the current text before changing anything.';
const INTERACTIVE =
  'Fall back to an interactive sign-in: MSAL Python acquire_token_interactive, msal-node acquireTokenInteractive / msal-browser acquireTokenPopup or acquireTokenRedirect, MSAL.NET AcquireTokenInteractive.';
const SUPPORT =
  'If it keeps happening, open a Microsoft support request and include the correlation ID, trace ID and timestamp from the error.';
const SAML_CLAIMS =
  'Open Enterprise applications \u2192 <app> \u2192 Single sign-on \u2192 Attributes & Claims and check each claim rule and its source attribute.';

export const CATALOG_PART_1: CatalogSeed[] = [
  seed(16000, 'InteractionRequired', 'tenant_or_account', 'user', false,
    'The account that signed in has no presence in the tenant that owns the app, so the tenant refused it. It often shows up when a personal Microsoft account is used against a tenant-specific sign-in page.',
    [
      'The user picked a personal or other-organization account that was never invited into this tenant.',
      'The app sends users to a specific tenant (not /common or /organizations) that the user does not belong to.',
      'Signing in to the Entra admin center with a personal account that has no directory of its own.',
    ],
    [
      'Sign out completely and sign in with a work or school account that belongs to the tenant.',
      'If the person should have access, invite them as a guest under Users \u2192 New user \u2192 Invite external user, then have them accept the invitation.',
      'Check the authority in your code: a multi-tenant app should use /organizations or /common, not a single tenant ID.',
    ]),
  seed(16001, 'UserAccountSelectionInvalid', 'interaction_required', 'user', false,
    'The account tile the user chose on the account picker was rejected by the sign-in service, usually because that session is no longer valid.',
    [
      'The chosen session went stale between showing the picker and clicking it (a race).',
      'A defect in session handling on the service side.',
    ],
    [
      'Have the user pick again from the refreshed account list, or choose "Use another account".',
      'If it repeats, clear browser cookies for login.microsoftonline.com and sign in fresh.',
      SIGNIN_LOGS,
    ]),
  seed(16002, 'AppSessionSelectionInvalid', 'interaction_required', 'user', false,
    'The app asked to continue a specific sign-in session (by session ID), and the service could not match that session.',
    [
      'The sid value the app passed is stale or belongs to another user or browser.',
      'The user signed out or the session expired since the app recorded the sid.',
    ],
    [
      'Drop the stored sid and start a normal sign-in without the session hint.',
      INTERACTIVE,
    ]),
  seed(160021, 'AppSessionSelectionInvalidSessionNotExist', 'interaction_required', 'user', false,
    'The app pointed the sign-in at a user session that no longer exists, so there is nothing to continue.',
    [
      'The session was ended by sign-out, expiry or an admin revoking sessions.',
      'The app cached a session hint (sid or login_hint) from an earlier run.',
    ],
    [
      'Start a fresh interactive sign-in without the old session hint.',
      'Clear the app\u2019s token cache for this account and sign in again.',
    ]),
  seed(16003, 'SsoUserAccountNotFoundInResourceTenant', 'tenant_or_account', 'admin', false,
    'Single sign-on found the user, but the user has never been added to the tenant that owns the resource, so the session cannot be used there.',
    [
      'The user is from another organization and has no guest account in the resource tenant.',
      'The app signs users in against a specific tenant they are not part of.',
    ],
    [
      'Invite the user as a guest in the resource tenant (Users \u2192 New user \u2192 Invite external user).',
      'Or point the app at the user\u2019s home tenant or /organizations if it is meant to be multi-tenant.',
    ]),
  seed(17003, 'CredentialKeyProvisioningFailed', 'unknown', 'admin', false,
    'The service could not create the key credential it needs for this user, such as a Windows Hello for Business or device-bound key.',
    [
      'Key registration for the user or device failed on the service side.',
      'The device or user is not in a state that allows key provisioning.',
    ],
    [
      LOOKUP_NOTE,
      'Retry the provisioning (for Windows Hello, remove and set up the PIN again) and check the device registration state with dsregcmd /status.',
      SIGNIN_LOGS,
    ]),
  seed(20001, 'WsFedSignInResponseError', 'app_config', 'admin', false,
    'The federated identity provider that handles this domain sent back a WS-Federation sign-in response that Entra ID could not use.',
    [
      'The external identity provider (for example AD FS) reported an error or is misconfigured.',
      'Token signing certificates or claim rules on the identity provider do not match the federation settings.',
    ],
    [FEDERATION_CHECK, SIGNIN_LOGS]),
  seed(20012, 'WsFedMessageInvalid', 'app_config', 'admin', false,
    'A WS-Federation message exchanged with the federated identity provider was malformed or could not be accepted.',
    [
      'The identity provider returned a message with missing or unexpected fields.',
      'A proxy or customization changed the federation message on the way.',
    ],
    [FEDERATION_CHECK, SIGNIN_LOGS]),
  seed(20033, 'FedMetadataInvalidTenantName', 'app_config', 'admin', false,
    'The federation metadata for this sign-in refers to a tenant name Entra ID does not accept.',
    [
      'The identity provider\u2019s federation settings point to a wrong or outdated tenant or domain name.',
      'The domain\u2019s federation was set up against a different tenant.',
    ],
    [FEDERATION_CHECK, 'Compare the issuer and realm values configured on the identity provider with the domain\u2019s federation settings in Entra ID.']),
  seed(230109, 'CachedCredentialNonGWAuthNRequestsNotSupported', 'misuse', 'developer', false,
    'The request reached Microsoft\u2019s backup authentication service directly; that service only accepts sign-ins forwarded through the Entra gateway.',
    [
      'A hosts-file entry, proxy rule or hard-coded IP sends traffic to the backup service endpoint instead of login.microsoftonline.com.',
    ],
    [
      'Use the normal authority host (login.microsoftonline.com or your cloud\u2019s equivalent) and let DNS resolve it; remove any pinned IPs or custom routes.',
      SUPPORT,
    ]),
  seed(28002, null, 'app_config', 'developer', false,
    'One of the scopes in the token request is not acceptable for issuing an access token.',
    [
      'A typo in the scope string, or a scope that the target API does not publish.',
      'Mixing scopes of different APIs, or a resource URI without the /.default or /permission suffix.',
    ],
    [
      'Compare each scope with the API\u2019s Expose an API page (or its documented permissions) and with App registrations \u2192 <app> \u2192 API permissions.',
      'For client credentials use exactly one scope of the form <resource URI>/.default.',
    ]),
  seed(28003, null, 'misuse', 'developer', false,
    'The app redeemed an authorization code without saying which scopes it wants, and an empty scope is not allowed here.',
    [
      'The code-redemption request omits the scope parameter or sends it blank.',
    ],
    [
      'Pass the same scopes when redeeming the code as when you requested it (MSAL: the scopes argument of acquire_token_by_authorization_code / acquireTokenByCode).',
      'Log the outgoing token request (without secrets) and confirm a non-empty scope is sent.',
    ]),
  seed(399284, 'InboundIdTokenIssuerInvalid', 'app_config', 'admin', false,
    'During federation with an external OpenID Connect provider, the ID token that came back named an issuer Entra ID did not expect.',
    [
      'The iss claim is empty or differs from the issuer configured for the external identity provider.',
      'The provider was reconfigured (new tenant, new URL) without updating the federation setup.',
    ],
    [
      'Compare the provider\u2019s issuer URL in its discovery document with the issuer configured for it in Entra (External Identities \u2192 identity providers).',
      SIGNIN_LOGS,
    ]),
  seed(40008, 'OAuth2IdPUnretryableServerError', 'app_config', 'admin', false,
    'The external OAuth identity provider this sign-in depends on returned a server error that will not go away by retrying.',
    [
      'The external identity provider (for example a social or partner IdP) failed or is misconfigured.',
    ],
    [
      'Check the external identity provider\u2019s status and configuration, and its client ID and secret as set up in Entra External Identities.',
      SIGNIN_LOGS,
    ]),
  seed(40009, 'OAuth2IdPRefreshTokenRedemptionUserError', 'expired_grant', 'user', false,
    'The external identity provider refused to redeem its refresh token for this user, so the federated session cannot be renewed silently.',
    [
      'The user\u2019s session or consent at the external provider was revoked or expired.',
      'The provider-side account changed (password reset, removed access).',
    ],
    [
      'Have the user sign in again interactively so the external provider issues a new grant.',
      'If it keeps failing, check the external identity provider\u2019s configuration and logs.',
    ]),
  seed(40010, 'OAuth2IdPRetryableServerError', 'transient', 'none', true,
    'The external identity provider had a temporary server problem while Entra ID was talking to it.',
    [
      'An outage or overload at the external OAuth identity provider.',
    ],
    [
      'Retry after a short, growing delay.',
      'If it persists, check the external provider\u2019s service status.',
    ]),
  seed(40015, 'OAuth2IdPAuthCodeRedemptionUserError', 'expired_grant', 'user', false,
    'Entra ID could not exchange the authorization code from the external identity provider, so the federated sign-in did not complete.',
    [
      'The code from the external provider expired or was already used.',
      'The client ID, secret or redirect URI registered with the external provider no longer match.',
    ],
    [
      'Have the user start the sign-in again.',
      'Check the client credentials configured for the external identity provider in Entra External Identities.',
    ]),
  seed(50000, 'TokenIssuanceError', 'transient', 'none', true,
    'The sign-in service hit an internal failure while issuing the token; the request itself may well be fine.',
    [
      'A fault or outage inside Microsoft Entra ID.',
    ],
    [
      'Retry after a short delay with backoff.',
      'Check the Azure status page and Service health in the admin center.',
      SUPPORT,
    ]),
  seed(50001, 'InvalidResource', 'app_config', 'developer', false,
    'The API named in the request (the resource or scope) cannot be found or is switched off in this tenant.',
    [
      'The resource URI or app ID URI is misspelled or belongs to another cloud or tenant.',
      'The API\u2019s service principal was disabled or deleted.',
    ],
    [
      'Copy the exact Application ID URI from the API\u2019s App registrations \u2192 Expose an API page and use it as the scope prefix.',
      'Check Enterprise applications for the API and confirm it is enabled.',
    ]),
  seed(50002, 'NotAllowedTenant', 'access_blocked', 'admin', false,
    'A tenant-restrictions proxy on the network blocked the sign-in because the target tenant is not on its allow list.',
    [
      'The corporate proxy injects tenant restriction headers that do not include this tenant.',
    ],
    [
      'If the tenant should be allowed, ask the network admin to add it to the tenant restriction allow list on the proxy.',
      'Otherwise sign in from a network that does not apply the restriction, if policy permits.',
    ]),
  seed(500011, 'InvalidResourceServicePrincipalNotFound', 'app_config', 'developer', false,
    'The API the app asked a token for has no service principal in the tenant that handled the sign-in, so Entra ID cannot issue a token for it.',
    [
      'The API (resource) app was never provisioned in this tenant: no admin installed it and no user consented.',
      'The request went to the wrong tenant, or the resource URI / app ID URI is misspelled.',
    ],
    [
      'Verify the scope or resource value against the API\u2019s Application ID URI (App registrations \u2192 <api> \u2192 Expose an API).',
      'Check the authority: the tenant in the URL must be the one where the API is registered or provisioned.',
      'For a multi-tenant API, have an admin of this tenant consent to it (for example through the admin consent URL) so its service principal is created.',
    ]),
  seed(500014, 'InvalidResourceServicePrincipalDisabled', 'access_blocked', 'admin', false,
    'The API being requested exists in the tenant, but its service principal is turned off, so no tokens are issued for it.',
    [
      'An admin disabled sign-in for the API\u2019s enterprise application.',
      'A subscription for the service lapsed and the service principal was disabled.',
    ],
    [
      'Open Enterprise applications \u2192 <api> \u2192 Properties and check "Enabled for users to sign-in?".',
      'If the service comes from a subscription, check that the subscription is active.',
    ]),
  seed(500021, null, 'access_blocked', 'admin', false,
    'Tenant restrictions are in force on this network and the tenant being signed in to is not on the allowed list.',
    [
      'A proxy adds the Restrict-Access-To-Tenant header and this tenant is missing from it.',
    ],
    [
      'Ask the network admin whether the tenant should be allowed and, if so, add it to the proxy\u2019s tenant restriction list.',
      'Sign in with an account from an allowed tenant instead.',
    ]),
  seed(500022, null, 'access_blocked', 'admin', false,
    'Access was refused by tenant restrictions: the network only allows sign-ins to certain tenants and this one is not among them.',
    [
      'The Restrict-Access-To-Tenant header sent by the corporate proxy does not list the target tenant.',
    ],
    [
      'Have the network admin review the tenant restriction configuration on the proxy.',
      'Use an account from one of the permitted tenants.',
    ]),
  seed(50003, 'MissingSigningKey', 'app_config', 'admin', false,
    'Entra ID had no certificate to sign the response for this app, so single sign-on could not complete.',
    [
      'A SAML app has no active signing certificate, or the only one expired or was removed.',
    ],
    [
      'Open Enterprise applications \u2192 <app> \u2192 Single sign-on \u2192 SAML Certificates and create or activate a signing certificate.',
      'Upload the new certificate or metadata to the application (service provider) side as well.',
    ]),
  seed(50005, 'DevicePolicyError', 'access_blocked', 'admin', false,
    'A Conditional Access policy blocked the sign-in because the device platform the user is on is not one the policy supports.',
    [
      'Conditional Access limits access to certain device platforms and this one (or an unrecognised one) is excluded.',
    ],
    [
      'Check Protection \u2192 Conditional Access \u2192 Policies for device platform conditions that apply to this app.',
      'Have the user sign in from a supported platform or browser.',
      SIGNIN_LOGS,
    ]),
  seed(50006, 'InvalidSignature', 'client_credential', 'developer', false,
    'A signed token or assertion in the request failed its signature check.',
    [
      'The client assertion was signed with a key whose certificate is not uploaded to the app registration.',
      'The token or assertion was altered after signing, or signed with the wrong algorithm.',
    ],
    [
      'Check App registrations \u2192 <app> \u2192 Certificates & secrets: the certificate thumbprint must match the key your code signs with.',
      'Re-create the assertion with the library (MSAL client certificate support) instead of hand-building it.',
    ]),
  seed(50007, 'PartnerEncryptionCertificateMissing', 'app_config', 'admin', false,
    'The app is set up to receive encrypted tokens, but Entra ID cannot find the certificate it should encrypt them with.',
    [
      'Token encryption is turned on for the app without a valid encryption certificate.',
    ],
    [
      'Open Enterprise applications \u2192 <app> \u2192 Single sign-on \u2192 Token encryption and upload or activate the certificate, or turn encryption off.',
      SUPPORT,
    ]),
  seed(50008, 'InvalidSamlToken', 'app_config', 'admin', false,
    'The SAML assertion that should prove the user\u2019s identity is absent or not built the way Entra ID expects.',
    [
      'The federated identity provider sent no assertion or one with wrong claims, issuer or signature.',
    ],
    [FEDERATION_CHECK, SIGNIN_LOGS]),
  seed(5000224, 'NotAllowedTenantBlockedTenantFraud', 'access_blocked', 'admin', false,
    'Microsoft has blocked this tenant, so its resources cannot be used; this is an account-level action, not an app problem.',
    [
      'The tenant was flagged and blocked by Microsoft (for example for suspected fraud or abuse).',
    ],
    [
      'A tenant admin must contact Microsoft support to review the block; nothing in the app can change it.',
    ]),
  seed(5000819, 'InvalidSamlTokenEmailMissingOrInvalid', 'app_config', 'admin', false,
    'The SAML assertion from an external identity provider lacks a usable email claim, or its email domain does not fit that provider.',
    [
      'The external SAML identity provider does not send an email claim.',
      'The email it sends belongs to a domain different from the one configured for that provider.',
    ],
    [
      'Configure the external identity provider to include the user\u2019s email address in the assertion.',
      'Check the domain configured for the SAML/WS-Fed identity provider under External Identities.',
    ]),
  seed(50010, 'AudienceUriValidationFailed', 'app_config', 'admin', false,
    'Entra ID could not check the token audience for this app because the app has no audience (identifier) configured.',
    [
      'A SAML or WS-Fed app has no Identifier (Entity ID) set.',
    ],
    [
      'Set the Identifier (Entity ID) under Enterprise applications \u2192 <app> \u2192 Single sign-on \u2192 Basic SAML Configuration, or the Application ID URI under App registrations \u2192 Expose an API.',
    ]),
  seed(50011, 'InvalidReplyTo', 'app_config', 'developer', false,
    'The redirect URI the app sent is not one of those registered for it, so Entra ID will not send the result there.',
    [
      'The redirect_uri in the request differs from every registered URI (scheme, host, port, path, trailing slash or case).',
      'The URI is registered under the wrong platform (Web vs SPA vs Mobile and desktop).',
      'A reverse proxy makes the app build http:// or an internal host name instead of the public URL.',
    ],
    [
      'Copy the exact redirect_uri from the failing request and add it under App registrations \u2192 <app> \u2192 Authentication, on the matching platform.',
      'Behind a proxy, make the app use the forwarded host and https scheme when it builds the redirect URI.',
    ]),
  seed(50012, 'AuthenticationFailed', 'client_credential', 'developer', false,
    'Certificate-based authentication of the client failed: the certificate or its signature was not accepted.',
    [
      'The client assertion\u2019s signature is invalid or its certificate thumbprint is not registered.',
      'The certificate chain or subject name is not trusted by the tenant\u2019s policy.',
      'The certificate is expired or otherwise invalid.',
    ],
    [
      'Compare the thumbprint (x5t) in the assertion header with the certificates under App registrations \u2192 <app> \u2192 Certificates & secrets.',
      'Upload the current public certificate and make the code sign with its private key.',
      SIGNIN_LOGS,
    ]),
  seed(50013, 'InvalidAssertion', 'misuse', 'developer', false,
    'An assertion the app presented (for example the incoming token in an on-behalf-of request) was rejected as unusable.',
    [
      'The token used as the assertion has expired or is not yet valid.',
      'Its issuer does not match the endpoint version being called, or the token is malformed.',
      'A refresh token was presented where a primary refresh token is required.',
    ],
    [
      'Decode the assertion (Auth Lens can) and check exp, nbf, iss and aud against the request.',
      'In on-behalf-of flows pass the access token your API received, unmodified and unexpired.',
    ]),
  seed(500133, null, 'clock_skew', 'developer', false,
    'The token used as an assertion is outside its validity window: it has expired or is not valid yet.',
    [
      'The API received an access token and forwarded it (on-behalf-of) after it expired.',
      'The machine clock is off, so the assertion looks expired or from the future.',
    ],
    [
      'Check the system clock (NTP) on the machine that created or forwarded the assertion.',
      'Before on-behalf-of, make sure the incoming token is still valid; ask the caller for a fresh token if not.',
    ]),
  seed(50014, 'GuestUserInPendingState', 'tenant_or_account', 'admin', false,
    'The user was invited to the tenant but the guest account is not active yet, so the sign-in is refused.',
    [
      'The guest invitation has not been redeemed.',
      'The app signed the user in to a tenant where they exist only as a pending guest.',
    ],
    [
      'Have the user open and accept the invitation, or resend it from Users \u2192 <user> \u2192 Resend invitation.',
      'Check the tenant the app signs into matches where the user is expected.',
    ]),
  seed(50015, 'ViralUserLegalAgeConsentRequiredState', 'consent_required', 'user', false,
    'The user is in an age group that needs a parent or guardian to agree before they can use the app.',
    [
      'The account belongs to a minor and legal-age consent has not been given.',
    ],
    [
      'Have a parent or guardian provide consent for the account, then sign in again.',
    ]),
  seed(50017, 'CertificateValidationFailed', 'user_credentials', 'admin', false,
    'The certificate presented for certificate-based sign-in could not be validated against the tenant\u2019s trusted authorities or revocation lists.',
    [
      'The issuing certificate authority is not in the tenant\u2019s trusted list.',
      'The revocation list (CRL) could not be downloaded or is set up inconsistently.',
    ],
    [
      'Check Protection \u2192 Security Center / Certificate authorities and confirm the issuing CA and its CRL URLs are configured.',
      'Verify the CRL distribution points are reachable from the internet.',
    ]),
  seed(500141, null, 'tenant_or_account', 'user', false,
    'A guest invitation was accepted, but the sign-in that followed did not come from the application the invitation was meant for.',
    [
      'The redemption link was opened in a different app or the flow was started outside the target app.',
    ],
    [
      'Open the target application directly and sign in again now that the invitation is accepted.',
      LOOKUP_NOTE,
    ]),
  seed(5001256, null, 'app_config', 'admin', false,
    'Sign-in through an external identity provider failed because the ID token it returned was not valid.',
    [
      'The external provider\u2019s token has a wrong issuer, audience or signature, or is expired.',
    ],
    [
      'Read the failure details in the error text and compare them with the provider setup under External Identities.',
      SIGNIN_LOGS,
    ]),
  seed(50020, 'UserUnauthorized', 'tenant_or_account', 'user', false,
    'The account signed in from an identity provider or tenant that this app\u2019s tenant does not know, so it cannot use the app there.',
    [
      'The user is not a member or guest of the tenant the app signs into.',
      'A personal Microsoft account tried an app that accepts only work or school accounts (or the reverse).',
      'The app uses a single-tenant authority but should be multi-tenant.',
    ],
    [
      'Sign out and use an account of the right tenant, or invite the user as a guest (Users \u2192 New user \u2192 Invite external user).',
      'Check App registrations \u2192 <app> \u2192 Authentication \u2192 Supported account types and the authority in your code.',
    ]),
  seed(500207, null, 'tenant_or_account', 'user', false,
    'The kind of account used (personal vs work or school) cannot access this resource.',
    [
      'The resource only accepts one account type and the user signed in with the other.',
    ],
    [
      'Sign in with the type of account the resource supports.',
      'If you own the app, review Supported account types under App registrations \u2192 <app> \u2192 Authentication.',
    ]),
  seed(500208, null, 'tenant_or_account', 'user', false,
    'The sign-in name\u2019s domain does not fit the type of account this tenant or app expects, for example a personal account where only work accounts are allowed.',
    [
      'A personal Microsoft account was used with a tenant or app limited to organizational accounts.',
    ],
    [
      'Use an account of the type the tenant accepts.',
      'If both account types should work, change Supported account types and use the /common authority.',
    ]),
  seed(500212, 'NotAllowedByOutboundPolicyTenant', 'access_blocked', 'admin', false,
    'The user\u2019s own organization has a cross-tenant rule that forbids its users from reaching the resource tenant.',
    [
      'Outbound cross-tenant access settings in the user\u2019s home tenant block this tenant or app.',
    ],
    [
      'The home tenant admin can review External Identities \u2192 Cross-tenant access settings \u2192 Outbound access.',
    ]),
];
