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
    'The account tile the user chose on the account picker was turned down by the service\u2019s session selection, so the user has to choose again.',
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
      'Check the certificate authorities configured for certificate-based authentication in the Entra admin center and confirm the issuing CA and its CRL URLs are listed.',
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
  seed(500213, 'NotAllowedByInboundPolicyTenant', 'access_blocked', 'admin', false,
    'The tenant that owns the resource has a cross-tenant rule that keeps this outside user out.',
    [
      'Inbound cross-tenant access settings in the resource tenant block the user\u2019s home tenant, or this user or app.',
    ],
    [
      'The resource tenant admin can review External Identities \u2192 Cross-tenant access settings \u2192 Inbound access for the user\u2019s organization.',
    ]),
  seed(50027, 'InvalidJwtToken', 'misuse', 'developer', false,
    'A JWT handed to Entra ID failed validation: a required claim is missing, a claim conflicts, or its issuer, audience, time range, format or signature is wrong.',
    [
      'The token lacks claims such as nonce or sub, or repeats a claim.',
      'Its iss or aud is not what this request expects, or it is expired or not yet valid.',
      'A token from an external issuer did not pass signature checks.',
    ],
    [
      'Decode the token with Auth Lens and compare iss, aud, exp, nbf and sub with what the flow requires.',
      'For federated or external tokens, check the issuer\u2019s signing keys and metadata URL.',
      SIGNIN_LOGS,
    ]),
  seed(50029, null, 'app_config', 'admin', false,
    'A URI involved in the sign-in has a host name with characters that are not allowed.',
    [
      'A redirect URI, identifier or domain setting has characters that a host name may not contain.',
    ],
    [
      'Check the URIs configured for the app (Authentication, Expose an API, Basic SAML Configuration) and the domain names under Custom domain names.',
    ]),
  seed(50032, 'WeakRsaKey', 'client_credential', 'developer', false,
    'A key used in the sign-in is an RSA key that is too short to be trusted.',
    [
      'The certificate or key pair was created with fewer than 2048 bits.',
    ],
    [
      'Create a new key pair of at least 2048 bits, upload the new certificate under App registrations \u2192 <app> \u2192 Certificates & secrets, and switch the code to it.',
    ]),
  seed(50033, 'RetryableError', 'transient', 'none', true,
    'A temporary failure occurred inside the sign-in service; trying again should work.',
    [
      'A brief service-side problem.',
    ],
    [
      'Retry with backoff.',
      SUPPORT,
    ]),
  seed(50034, 'UserAccountNotFound', 'tenant_or_account', 'user', false,
    'No account with this sign-in name exists in the tenant the app sent the user to.',
    [
      'The user typed the name wrong.',
      'The user belongs to another tenant and the app signs into a specific one.',
      'The account was deleted or never created here.',
    ],
    [
      'Check the spelling of the user name.',
      'Confirm the user exists under Users, or invite them as a guest (Users \u2192 New user \u2192 Invite external user).',
      'If the app should serve many organizations, use /organizations or /common as the authority.',
    ]),
  seed(50042, 'UnableToGeneratePairwiseIdentifierWithMissingSalt', 'app_config', 'admin', false,
    'Entra ID needs a salt value to build a per-app (pairwise) user identifier, and none is configured.',
    [
      'Tenant or app configuration for pairwise identifiers is incomplete.',
    ],
    [
      'A tenant admin should review the app\u2019s identifier settings; open the lookup URL and contact support if the setting is not visible to you.',
    ]),
  seed(50043, 'UnableToGeneratePairwiseIdentifierWithMultipleSalts', 'app_config', 'admin', false,
    'Entra ID could not build a per-app (pairwise) user identifier because more than one salt value applies. The reference gives only the name for this code.',
    [
      'Conflicting pairwise identifier configuration for the tenant or app.',
    ],
    [
      LOOKUP_NOTE,
      'A tenant admin should check the identifier configuration and open a support request if it cannot be corrected.',
    ]),
  seed(50048, 'SubjectMismatchesIssuer', 'client_credential', 'developer', false,
    'The client assertion\u2019s sub and iss claims should both hold the app\u2019s client ID, but they differ.',
    [
      'The code that builds the client assertion sets sub or iss to something other than the client ID.',
    ],
    [
      'Build the assertion with iss = sub = the application (client) ID, or let MSAL create it from your certificate.',
    ]),
  seed(50049, 'NoSuchInstanceForDiscovery', 'misuse', 'developer', false,
    'The authority host the app asked about is not a known Microsoft identity instance.',
    [
      'The authority URL has a typo or points to a host that is not an Entra ID cloud.',
      'A sovereign cloud host is used with the wrong discovery settings.',
    ],
    [
      'Use a valid authority such as https://login.microsoftonline.com/<tenant>, or the host of your national cloud.',
      'For custom or B2C authorities, tell MSAL the authority is known (for example knownAuthorities / validate_authority=False).',
    ]),
  seed(50050, 'MalformedDiscoveryRequest', 'misuse', 'developer', false,
    'An instance discovery request from the app was not formed correctly.',
    [
      'A hand-written discovery call or an outdated library sent bad parameters.',
    ],
    [
      'Let MSAL perform discovery, or check the URL and query parameters of your own discovery call.',
    ]),
  seed(50053, null, 'access_blocked', 'user', false,
    'The sign-in was blocked, either because the account is locked after too many failed attempts or because the source IP address is known for malicious activity.',
    [
      'Repeated wrong passwords triggered Smart Lockout.',
      'Sign-ins from this IP address were associated with attacks.',
    ],
    [
      'Wait for the lockout to expire, then sign in with the correct password, or have an admin reset the password.',
      SIGNIN_LOGS + ' The failure reason tells lockout and malicious-IP blocks apart.',
      'For a risky-IP block, sign in from another network and have an admin review ID Protection.',
    ]),
  seed(50055, 'InvalidPasswordExpiredPassword', 'user_credentials', 'user', false,
    'The user\u2019s password has passed its expiry date, so the sign-in or session ended.',
    [
      'The tenant\u2019s password expiration policy caught up with this account.',
    ],
    [
      'Have the user change the password in an interactive sign-in or at https://aka.ms/sspr.',
      'An admin can reset it under Users \u2192 <user> \u2192 Reset password.',
    ]),
  seed(50056, null, 'user_credentials', 'user', false,
    'The account has no password stored in the directory, or the password sent was empty.',
    [
      'The user has no password set (for example passwordless or synced without a password hash).',
      'The app sent an empty password in a username/password flow.',
    ],
    [
      'Prompt the user to type the password again, or use an interactive flow instead of ROPC.',
      'An admin can check the user\u2019s Authentication methods.',
    ]),
  seed(50057, 'UserDisabled', 'access_blocked', 'admin', false,
    'The account is switched off in the directory, so it cannot sign in.',
    [
      'An admin blocked sign-in for the user, or the on-premises account is disabled and synced.',
    ],
    [
      'An admin can allow sign-in again under Users \u2192 <user> \u2192 Properties (Account enabled), or enable the account in on-premises AD for synced users.',
    ]),
  seed(50058, 'UserInformationNotProvided', 'interaction_required', 'user', false,
    'A silent sign-in found no usable session, so the user must sign in interactively. This is expected the first time or after sign-out.',
    [
      'prompt=none or silent SSO was used while the user has no session or an expired one.',
      'Third-party cookies are blocked, so the hidden iframe cannot see the session.',
    ],
    [
      INTERACTIVE,
      'Pass a login_hint or account to the silent call so the right session is picked.',
    ]),
  seed(50059, 'MissingTenantRealmAndNoUserInformationProvided', 'tenant_or_account', 'developer', false,
    'Entra ID could not tell which tenant the sign-in is for: the request names no tenant and the credentials do not imply one.',
    [
      'The app uses /common for a flow that needs a tenant (for example client credentials) and sends no hint.',
    ],
    [
      'Use an authority with the tenant ID or domain: https://login.microsoftonline.com/<tenant-id>.',
      'For user flows, pass login_hint so the tenant can be found.',
    ]),
  seed(50061, 'SignoutInvalidRequest', 'misuse', 'developer', false,
    'The sign-out request could not be processed because it was not valid.',
    [
      'Missing or malformed parameters in the logout request (for example post_logout_redirect_uri or id_token_hint).',
    ],
    [
      'Compare the logout request with the OpenID Connect end-session parameters and check that post_logout_redirect_uri is registered under Authentication.',
    ]),
  seed(50064, 'CredentialAuthenticationError', 'user_credentials', 'user', false,
    'Checking the user name or password failed.',
    [
      'Wrong password or user name.',
      'The credential could not be validated against the directory or on-premises system.',
    ],
    [
      'Have the user retry with the correct credentials or reset the password.',
      SIGNIN_LOGS,
    ]),
  seed(50068, 'SignoutInitiatorNotParticipant', 'misuse', 'developer', false,
    'Sign-out was requested by an app that is not part of the user\u2019s current session, so it cannot end that session.',
    [
      'The logout request names an app or issuer that the user has not signed in to in this session.',
    ],
    [
      'Send the logout from the app that signed the user in, and pass its id_token_hint or issuer.',
    ]),
  seed(50070, 'SignoutUnknownSessionIdentifier', 'misuse', 'developer', false,
    'The sign-out request identified a user or session that does not match any active session.',
    [
      'The NameID or session index in a SAML logout request differs from the sign-in session.',
    ],
    [
      'Send back the exact NameID and SessionIndex received at sign-in in the SAML LogoutRequest.',
    ]),
  seed(50071, 'SignoutMessageExpired', 'expired_grant', 'developer', false,
    'The logout request arrived after it had already expired.',
    [
      'The request was created long before it was sent, or the clock of the sending system is off.',
    ],
    [
      'Create the logout request right before sending it and check the clock of the app server.',
    ]),
  seed(50072, 'UserStrongAuthEnrollmentRequiredInterrupt', 'interaction_required', 'user', false,
    'The user has to register a second sign-in factor before continuing, and that can only happen interactively.',
    [
      'MFA registration is required by policy and the user has not set up methods yet.',
    ],
    [
      INTERACTIVE,
      'Have the user register methods at https://aka.ms/mysecurityinfo.',
    ]),
  seed(50074, 'UserStrongAuthClientAuthNRequiredInterrupt', 'interaction_required', 'user', false,
    'The user was asked for a second factor (MFA) and never got through that step.',
    [
      'The MFA prompt was cancelled, failed or timed out.',
    ],
    [
      'Have the user sign in again and complete the MFA prompt.',
      'If the methods do not work, an admin can check Users \u2192 <user> \u2192 Authentication methods.',
    ]),
  seed(50076, 'UserStrongAuthClientAuthNRequired', 'interaction_required', 'user', false,
    'The resource now requires multi-factor authentication for this user, and the current request did not include it.',
    [
      'A Conditional Access policy or per-user MFA setting requires MFA.',
      'A silent or non-interactive flow (refresh token, ROPC) cannot satisfy MFA.',
      'The user signed in from a new location that triggers MFA.',
    ],
    [
      INTERACTIVE,
      'If the error carried a claims value, pass it back: MSAL Python claims_challenge=, MSAL.NET .WithClaims(), MSAL.js claims.',
      'Replace ROPC or other non-interactive user flows with interactive or device-code sign-in.',
    ]),
  seed(50078, 'UserStrongAuthExpired', 'interaction_required', 'user', false,
    'The MFA the user did earlier is too old for the tenant\u2019s policy, so it has to be done again for this resource.',
    [
      'Sign-in frequency or MFA lifetime policy requires a fresh second factor.',
    ],
    [
      INTERACTIVE,
      'Review sign-in frequency settings in Protection \u2192 Conditional Access \u2192 Policies \u2192 Session.',
    ]),
  seed(50079, 'UserStrongAuthEnrollmentRequired', 'interaction_required', 'user', false,
    'MFA is required for this user, who must first register security information (or, for federated users, get MFA from their own identity provider).',
    [
      'A new Conditional Access or per-user MFA requirement and no methods registered.',
      'A federated identity provider does not pass an MFA claim.',
    ],
    [
      INTERACTIVE,
      'Have the user register methods at https://aka.ms/mysecurityinfo.',
      'For federated domains, configure the identity provider to perform MFA and send the claim, or let Entra ID do MFA.',
    ]),
  seed(50085, null, 'expired_grant', 'user', false,
    'The refresh token came from a social identity provider sign-in, and renewing it needs the user to sign in with that provider again.',
    [
      'The social provider session behind the refresh token cannot be renewed silently.',
    ],
    [
      'Prompt the user to sign in again interactively with their social account.',
    ]),
  seed(50086, 'SasNonRetryableError', 'unknown', 'user', false,
    'The strong authentication service reported a failure that retrying will not fix. The reference gives only the name for this code.',
    [
      'A problem with the user\u2019s MFA method or the MFA service.',
    ],
    [
      LOOKUP_NOTE,
      'Have the user try another authentication method; an admin can check Users \u2192 <user> \u2192 Authentication methods.',
      SIGNIN_LOGS,
    ]),
  seed(50087, 'SasRetryableError', 'transient', 'none', true,
    'The MFA service had a temporary failure during the second-factor step.',
    [
      'A short-lived problem in the strong authentication service.',
    ],
    [
      'Have the user try again in a moment.',
    ]),
  seed(50088, null, 'throttled', 'user', true,
    'Too many phone-call or text MFA attempts were made, so the phone channel is paused for a while.',
    [
      'Repeated MFA phone calls or SMS messages to the same user in a short time.',
    ],
    [
      'Wait a few minutes before trying again.',
      'Use an authenticator app instead of phone calls or SMS.',
    ]),
  seed(50089, null, 'expired_grant', 'user', false,
    'The temporary token that carries the user through a multi-step sign-in expired before the flow finished.',
    [
      'The user left the sign-in page open too long.',
      'The flow token is short-lived, so a slow or interrupted sign-in outlives it.',
    ],
    [
      'Start the sign-in again from the beginning.',
      INTERACTIVE,
    ]),
  seed(50097, 'DeviceAuthenticationRequired', 'interaction_required', 'user', false,
    'The resource insists on knowing the device, and this sign-in did not prove the device\u2019s identity.',
    [
      'A policy requires a registered or joined device and the client did not send device authentication.',
      'The browser or app cannot do device authentication (missing broker or extension).',
    ],
    [
      'Sign in from a registered or joined device, with the broker (WAM, Company Portal, Authenticator) or supported browser.',
      'Check the device with dsregcmd /status on Windows.',
    ]),
  seed(50098, null, 'misuse', 'developer', false,
    'A JWT sent to Entra ID is missing a field in its body that the service requires; the error text names the field.',
    [
      'A hand-built assertion or token omits a required claim.',
    ],
    [
      'Add the claim named in the error to the JWT payload, or let MSAL build the assertion.',
    ]),
  seed(50099, 'PKeyAuthInvalidJwtUnauthorized', 'client_credential', 'user', false,
    'The device proof (PKeyAuth) sent during sign-in had a signature that did not verify.',
    [
      'The device certificate is damaged, replaced or does not match the registered device.',
    ],
    [
      'Re-register the device (leave and join again, or re-register in Company Portal).',
      SIGNIN_LOGS,
    ]),
  seed(50100, null, 'app_config', 'admin', false,
    'Entra ID failed while applying the claim transformations configured for this app\u2019s token.',
    [
      'A claims mapping policy or claim transformation has an error.',
    ],
    [
      SAML_CLAIMS,
      'Check any claims mapping policies assigned to the app\u2019s service principal.',
    ]),
  seed(50101, null, 'app_config', 'admin', false,
    'The app\u2019s claims configuration refers to a claims transformer that Entra ID does not know; the error text names it.',
    [
      'A custom or outdated transformation name in a claims mapping policy.',
    ],
    [
      'Fix the transformation name in the claims mapping policy or in Attributes & Claims.',
    ]),
  seed(50102, null, 'app_config', 'admin', false,
    'A custom claims transformer configured for this app could not be loaded.',
    [
      'The claims mapping refers to a transformer type that is unavailable.',
    ],
    [
      'Remove or replace the custom transformer in the app\u2019s claims configuration.',
      LOOKUP_NOTE,
    ]),
  seed(50103, null, 'app_config', 'admin', false,
    'Building the token\u2019s claims failed while a transformation ran; the error text gives the specific message.',
    [
      'A claim transformation has bad input or settings.',
    ],
    [
      SAML_CLAIMS,
      'Use the message in the error text to find the failing rule.',
    ]),
  seed(50105, 'EntitlementGrantsNotFound', 'access_blocked', 'admin', false,
    'The app requires users to be assigned, and this user has no assignment (directly or through a group).',
    [
      'Assignment required is on for the enterprise app and the user or their group is not assigned.',
    ],
    [
      'Add the user or a group they belong to under Enterprise applications \u2192 <app> \u2192 Users and groups.',
      'Or turn off Assignment required? under Enterprise applications \u2192 <app> \u2192 Properties if everyone should have access.',
    ]),
  seed(50107, null, 'app_config', 'developer', false,
    'The federation realm the request names does not exist, so Entra ID cannot match the request to a sign-in endpoint.',
    [
      'The wtrealm or tenant value in the request is wrong.',
      'The request was built for another instance or tenant.',
    ],
    [
      'Check the realm / identifier the app sends against the app\u2019s configured Identifier and the tenant in the URL.',
    ]),
  seed(50108, null, 'app_config', 'admin', false,
    'The claims transformation settings for this app could not be read.',
    [
      'A claims mapping or transformation setting is damaged or cannot be loaded.',
    ],
    [
      SAML_CLAIMS,
      SUPPORT,
    ]),
  seed(50109, null, 'app_config', 'admin', false,
    'The app\u2019s configuration names a claim transformation that the service does not recognise.',
    [
      'A typo or unsupported transformation in the claims configuration.',
    ],
    [
      SAML_CLAIMS,
    ]),
  seed(50111, null, 'app_config', 'admin', false,
    'A claim transformation that Entra ID does not know was requested for this token.',
    [
      'An unsupported transformation is referenced in the app\u2019s claims setup.',
    ],
    [
      SAML_CLAIMS,
    ]),
  seed(50117, null, 'misuse', 'developer', false,
    'The claims parameter in the request holds a policy that Entra ID could not parse.',
    [
      'The claims value is not valid JSON, or it was double-encoded or truncated.',
    ],
    [
      'Send the claims challenge as the exact JSON you received (URL-encoded once in /authorize), or pass it to MSAL\u2019s claims option.',
    ]),
  seed(50120, null, 'misuse', 'developer', false,
    'The JWT header describes a credential type Entra ID does not recognise.',
    [
      'A hand-built assertion has wrong typ, alg or x5t/kid header values.',
    ],
    [
      'Build the assertion with MSAL or check the header (alg RS256 or PS256, x5t or x5t#S256 thumbprint).',
    ]),
  seed(50123, null, 'app_config', 'admin', false,
    'The claims configuration for this app calls a transformation method that does not exist; the error text names it.',
    [
      'An invalid method name in a claims mapping policy.',
    ],
    [
      'Correct the method in the claims mapping policy or in Attributes & Claims.',
    ]),
  seed(50124, null, 'app_config', 'admin', false,
    'A claims rule for this app uses a regular expression that is not valid.',
    [
      'The regex in a RegexReplace or similar claim transformation has a syntax error.',
    ],
    [
      SAML_CLAIMS,
      'Test the expression separately and fix its syntax.',
    ]),
  seed(501241, null, 'app_config', 'admin', false,
    'A SAML response could not be built because a transformation lacks a required input; usually the NameID claim has no source value for this user.',
    [
      'The attribute chosen as the source of the Unique User Identifier (NameID) is empty for the user.',
      'A claim rule refers to an input that is not set.',
    ],
    [
      SAML_CLAIMS,
      'Pick a NameID source attribute that every user has (for example user.userprincipalname), or fill in the attribute for this user.',
    ]),
  seed(50125, 'PasswordResetRegistrationRequiredInterrupt', 'interaction_required', 'user', false,
    'The sign-in paused because the user has to register for or complete a password reset step.',
    [
      'Self-service password reset registration is required, or a reset was started.',
    ],
    [
      INTERACTIVE,
      'Have the user finish registration at https://aka.ms/ssprsetup.',
    ]),
  seed(50126, 'InvalidUserNameOrPassword', 'user_credentials', 'user', false,
    'The user name or password did not check out. A steady trickle of these in logs is normal; a burst may mean an attack or a stale saved password.',
    [
      'The user mistyped the password or user name.',
      'A script, service or device still uses an old password.',
      'ROPC (username/password) flow with a federated or MFA-enabled account.',
    ],
    [
      'Have the user retry with the right credentials or reset the password.',
      'Update any stored credentials in scripts, services and mail clients.',
      'Avoid the username/password flow; use interactive, device-code or a managed identity instead.',
    ]),
  seed(50127, 'BrokerAppNotInstalled', 'interaction_required', 'user', false,
    'Access requires an authentication broker app on the device (such as Microsoft Authenticator or Company Portal), and none is installed.',
    [
      'A Conditional Access policy requires an approved or managed app, which needs the broker.',
    ],
    [
      'Install the broker the platform uses (Microsoft Authenticator, or Company Portal on Android) and sign in again.',
      'In your mobile app, enable broker support in MSAL.',
    ]),
  seed(50128, null, 'tenant_or_account', 'developer', false,
    'Entra ID cannot work out which tenant to use: the domain name is not recognised and nothing in the request identifies a tenant.',
    [
      'The authority contains a domain that is not verified in any tenant, or a typo.',
      'A /common request gave no user hint and the flow needs a tenant.',
    ],
    [
      'Use the tenant ID (GUID) or a verified domain in the authority URL.',
      'Check Identity \u2192 Settings / Custom domain names for the domain you expect.',
    ]),
  seed(50129, 'DeviceIsNotWorkplaceJoined', 'access_blocked', 'user', false,
    'The device must be workplace-joined (registered) before this action, and it is not.',
    [
      'The device was never registered or its registration was removed.',
    ],
    [
      'Register the device: on Windows, Settings \u2192 Accounts \u2192 Access work or school \u2192 Connect; on mobile, Company Portal.',
    ]),
  seed(50130, null, 'misuse', 'developer', false,
    'A claim value that should name authentication methods contains something Entra ID cannot map to a known method.',
    [
      'The request or an external provider sent an unrecognised amr or acr value.',
    ],
    [
      'Check the claims parameter or the federated provider\u2019s authentication method claims for the value in the error text.',
    ]),
  seed(50131, 'ConditionalAccessFailed', 'access_blocked', 'admin', false,
    'A Conditional Access evaluation failed, for example because of the device\u2019s state, suspicious activity or a policy decision.',
    [
      'The Windows device is not in a healthy or compliant state.',
      'The sign-in looked suspicious, or a policy blocked it.',
    ],
    [
      SIGNIN_LOGS + ' The Conditional Access tab shows which policy applied.',
      'Review the matching policy under Protection \u2192 Conditional Access \u2192 Policies.',
    ]),
  seed(50132, 'SsoArtifactInvalidOrExpired', 'interaction_required', 'user', false,
    'The single sign-on session can no longer be used, typically because the password changed or expired since it started.',
    [
      'The user changed the password, or it expired.',
    ],
    [
      INTERACTIVE,
    ]),
  seed(50133, 'SsoArtifactRevoked', 'interaction_required', 'user', false,
    'The single sign-on session was revoked, typically after a password change or expiry, so a fresh sign-in is needed.',
    [
      'A password change, reset or expiry invalidated the session.',
      'An admin revoked the user\u2019s sessions.',
    ],
    [
      INTERACTIVE,
    ]),
  seed(50134, 'DeviceFlowAuthorizeWrongDatacenter', 'expired_grant', 'user', false,
    'The device code was entered against a different Microsoft data center than the one that started the device-code flow.',
    [
      'The device-code flow was started in one region and completed through another (for example via a different cloud or routing).',
    ],
    [
      'Start the device-code flow again and enter the code at the URL the app shows, from the same cloud.',
    ]),
  seed(50135, 'PasswordChangeCompromisedPassword', 'user_credentials', 'user', false,
    'Because the account is considered at risk, the user must change the password before continuing.',
    [
      'ID Protection found the credentials may be leaked or the sign-in risky.',
    ],
    [
      'Have the user change the password in an interactive sign-in (secure password change).',
      'An admin can review Protection \u2192 Identity Protection \u2192 Risky users.',
    ]),
  seed(50136, 'RedirectMsaSessionToApp', 'interaction_required', 'user', false,
    'The service found exactly one personal Microsoft account session and is sending it back to the app. The reference gives only a short note for this code.',
    [
      'Part of normal personal-account sign-in routing.',
    ],
    [
      LOOKUP_NOTE,
      'If the app shows it as a failure, retry the sign-in interactively.',
    ]),
  seed(50137, null, 'user_credentials', 'user', false,
    'A security policy requires this user to change their password before signing in.',
    [
      'A password policy rule (for example forced change) applies to the user.',
    ],
    [
      'Have the user change the password in an interactive sign-in.',
    ]),
  seed(50138, null, 'unknown', 'none', false,
    'Entra ID reports a problem with the environment of an encryption key. The public description is very short.',
    [
      'An internal or configuration issue with keys used during sign-in.',
    ],
    [
      LOOKUP_NOTE,
      SUPPORT,
    ]),
  seed(50139, 'SessionMissingMsaOAuth2RefreshToken', 'interaction_required', 'user', false,
    'The session lacks the external (personal account) refresh token it depends on, so it cannot be used.',
    [
      'The linked personal Microsoft account session has no refresh token anymore.',
    ],
    [
      INTERACTIVE,
    ]),
  seed(50140, 'KmsiInterrupt', 'interaction_required', 'user', false,
    'The sign-in stopped to ask the user whether to stay signed in. This is a normal step, not a real failure, and usually shows up only in logs.',
    [
      'The "Stay signed in?" prompt was shown during the sign-in.',
    ],
    [
      'No fix is needed when the user continued; the next log line should show success.',
      'If users get stuck here, check the browser (cookies, embedded web views).',
    ]),
  seed(50141, null, 'client_credential', 'user', false,
    'A protected key was presented for a different user than the one who signed in.',
    [
      'A device or key credential belongs to another account.',
    ],
    [
      'Sign in with the account the key was issued to, or re-register the key or device for this user.',
      LOOKUP_NOTE,
    ]),
  seed(50142, null, 'user_credentials', 'user', false,
    'A Conditional Access policy requires the user to change the password before access is allowed.',
    [
      'A risk-based or password-change policy applies to the user.',
    ],
    [
      'Have the user complete the password change in an interactive sign-in.',
      'Review Protection \u2192 Conditional Access \u2192 Policies for the grant control that requires it.',
    ]),
  seed(50143, null, 'tenant_or_account', 'user', false,
    'The user\u2019s session is for one tenant, but the domain hint in the request points to another, so the session cannot be used.',
    [
      'The app passes a domain_hint for a tenant different from the user\u2019s home tenant.',
    ],
    [
      'Remove or correct the domain_hint the app sends.',
      'Sign in with the account that matches the hinted domain.',
    ]),
  seed(50144, 'InvalidPasswordExpiredOnPremPassword', 'user_credentials', 'user', false,
    'The password of the user\u2019s on-premises AD account is past its expiry date.',
    [
      'The on-premises password policy expired the password; Entra ID honours it through federation or pass-through authentication.',
    ],
    [
      'Have the user reset the password (self-service password reset with writeback, or on a domain-joined PC).',
      'An admin can set a new password in on-premises AD.',
    ]),
  seed(50147, null, 'misuse', 'developer', false,
    'The PKCE code_challenge in the authorization request is too short or too long.',
    [
      'The challenge was not built from a 43-128 character verifier, or was encoded incorrectly.',
    ],
    [
      'Create a random code_verifier of 43-128 characters, send the base64url SHA-256 of it as code_challenge, or let MSAL handle PKCE.',
    ]),
  seed(50148, null, 'app_config', 'developer', false,
    'When the app redeemed the authorization code, the code_verifier it sent did not belong with the code_challenge from the sign-in request (PKCE).',
    [
      'The verifier was lost or regenerated between the redirect and the redemption (for example several tabs, or a new instance).',
      'The challenge was computed with a different method or encoding.',
    ],
    [
      'Store the code_verifier with the state of the sign-in and use that same value when redeeming the code.',
      'Use MSAL\u2019s auth code flow helpers (initiate_auth_code_flow / acquire_token_by_auth_code_flow) so PKCE is handled for you.',
    ]),
  seed(50146, 'MissingCustomSigningKey', 'app_config', 'admin', false,
    'This app must have its own token-signing key, and it has none that is currently valid.',
    [
      'The app uses features (such as mapped claims) that only work with a signing key dedicated to this app.',
      'The configured key has expired or is not yet valid.',
    ],
    [
      'Add or renew the custom signing certificate for the app (for SAML apps: Enterprise applications \u2192 <app> \u2192 Single sign-on \u2192 SAML Certificates).',
      'Or stop using the feature that needs a custom key (for example set acceptMappedClaims to false in the Manifest).',
    ]),
  seed(501461, null, 'app_config', 'developer', false,
    'The app uses acceptMappedClaims, which is allowed only when the token audience is the app\u2019s own client ID or a URI on a verified domain of the tenant.',
    [
      'acceptMappedClaims is true in the manifest and the Application ID URI is not on a verified domain.',
    ],
    [
      'Use the client ID or an api://<client-id> / verified-domain URI as the identifier (App registrations \u2192 Expose an API).',
      'Or configure an app-specific signing key, or turn acceptMappedClaims off in the Manifest.',
    ]),
  seed(501481, null, 'app_config', 'developer', false,
    'The PKCE code_verifier sent when redeeming the code does not match the challenge sent with the authorization request.',
    [
      'A new verifier was generated after the redirect, or the stored one belongs to another sign-in.',
    ],
    [
      'Keep the verifier from the same sign-in attempt and send it unchanged, or use MSAL\u2019s auth code flow helpers.',
    ]),
  seed(50149, null, 'misuse', 'developer', false,
    'The code_challenge_method in the authorization request has a value the service does not accept.',
    [
      'A value other than S256 (or plain) was sent, or it was misspelled.',
    ],
    [
      'Send code_challenge_method=S256 with a SHA-256 challenge.',
    ]),
  seed(501491, 'InvalidCodeChallengeMethodInvalidSize', 'misuse', 'developer', false,
    'The PKCE code_challenge value has the wrong length.',
    [
      'The challenge was truncated, padded, or built from a verifier of the wrong length.',
    ],
    [
      'Use base64url without padding of the SHA-256 of a 43-128 character verifier, or let MSAL create it.',
    ]),
  seed(50150, null, 'consent_required', 'user', false,
    'The credentials presented carry no valid record that the user agreed to let this app act for them.',
    [
      'The user never consented, or the consent was removed.',
    ],
    [
      'Sign the user in interactively with prompt=consent, or have an admin grant consent under API permissions \u2192 Grant admin consent.',
    ]),
  seed(50155, 'DeviceAuthenticationFailed', 'access_blocked', 'user', false,
    'The device could not prove its identity for this user\u2019s sign-in.',
    [
      'The device object was deleted or disabled in Entra ID, or its certificate is invalid.',
    ],
    [
      'Check the device under Devices \u2192 All devices (enabled, registered) and dsregcmd /status on the machine.',
      'Re-register or rejoin the device if needed.',
    ]),
  seed(50156, null, 'app_config', 'developer', false,
    'A device token was used to request access to a resource that only takes v2 tokens, which is not supported.',
    [
      'The client is using device authentication against a v2-only API.',
    ],
    [
      LOOKUP_NOTE,
      'Request the token as the user or app instead of with a device token.',
    ]),
  seed(50157, null, 'interaction_required', 'user', false,
    'The user has to be redirected elsewhere so the sign-in can be routed correctly.',
    [
      'Routing to the right region or tenant needs an extra browser redirect.',
    ],
    [
      'Let the browser follow the redirect; in a silent flow, fall back to an interactive sign-in.',
    ]),
  seed(50158, null, 'interaction_required', 'user', false,
    'The user was sent to another page or provider (for instance a terms-of-use page or an external MFA provider) to finish an extra requirement. On its own this is not a failure.',
    [
      'A policy requires terms of use, a custom control or external MFA.',
    ],
    [
      'Check the Sign-in logs to see whether the extra step later passed or failed.',
      'If the step fails, review the custom control or terms of use configured in Conditional Access.',
    ]),
  seed(50159, null, 'access_blocked', 'admin', false,
    'An external provider (for example an external MFA or custom control) did not return the claims Entra ID needs.',
    [
      'The external provider\u2019s response misses required claims.',
    ],
    [
      'Check the configuration of the external authentication provider and what claims it returns.',
      SIGNIN_LOGS,
    ]),
  seed(50160, null, 'tenant_or_account', 'user', false,
    'The service prefers a different target tenant for this sign-in than the one requested. The reference gives only a short note.',
    [
      'The request names a tenant other than the one the account should use.',
    ],
    [
      LOOKUP_NOTE,
      'Check the tenant in the authority URL and the account used.',
    ]),
  seed(50161, null, 'app_config', 'admin', false,
    'The authorization URL of an external claims provider failed validation.',
    [
      'The external claims or authentication provider is configured with a wrong or disallowed URL.',
    ],
    [
      'Check the discovery / authorization URL configured for the external provider.',
    ]),
  seed(50162, null, 'transient', 'admin', true,
    'Applying the app\u2019s claim transformations took too long. Retrying may work, but the claims setup is probably too heavy.',
    [
      'The app has a long or expensive chain of claim transformations.',
    ],
    [
      'Retry once.',
      SAML_CLAIMS + ' Simplify or reduce the transformations.',
    ]),
  seed(50163, null, 'app_config', 'admin', false,
    'A regex-based claim transformation produced a claim value longer than allowed.',
    [
      'The replacement pattern grows the value past the size limit.',
    ],
    [
      SAML_CLAIMS + ' Adjust the regular expression so the result stays short.',
    ]),
  seed(50164, null, 'misuse', 'developer', false,
    'The access token given to this endpoint was issued for another purpose; the error text says which purpose was expected.',
    [
      'The app passed a token obtained for a different flow or resource.',
    ],
    [
      'Request a token for the purpose this endpoint requires and send that one.',
    ]),
  seed(50165, null, 'app_config', 'developer', false,
    'The app asked for token encryption with an algorithm that cannot be used for this kind of token.',
    [
      'The app\u2019s token encryption settings use an unsupported algorithm.',
    ],
    [
      'Change the token encryption settings of the app to a supported algorithm or turn encryption off.',
    ]),
  seed(50166, null, 'transient', 'admin', true,
    'Entra ID called the external OpenID Connect provider and that call failed.',
    [
      'The external provider was unreachable or returned an error.',
      'Its endpoints are configured incorrectly.',
    ],
    [
      'Retry after a short delay.',
      'Check the external OIDC provider\u2019s availability and its configured metadata URL.',
    ]),
  seed(50167, null, 'misuse', 'developer', false,
    'The proof-of-possession key (pop_jwk) in the request is not valid.',
    [
      'The pop_jwk value is malformed or uses an unsupported key type.',
    ],
    [
      'Send a well-formed public JWK (RSA) as pop_jwk, or let MSAL handle proof-of-possession.',
    ]),
  seed(50168, null, 'interaction_required', 'user', false,
    'The client could use the Windows account extension for single sign-on but sent no valid SSO token, so the sign-in paused to fetch one.',
    [
      'The browser extension or Windows account integration did not attach the SSO token, or the token had expired.',
    ],
    [
      'Usually the browser retries on its own; if not, check that the Windows Accounts / Microsoft Single Sign On extension is installed and enabled.',
      'In a silent flow, fall back to an interactive sign-in.',
    ]),
  seed(50169, 'InvalidRequestBadRealm', 'app_config', 'developer', false,
    'The realm in the request is not one that this service namespace is set up for.',
    [
      'The wtrealm / identifier sent by a WS-Fed or SAML app does not match any configured identifier.',
    ],
    [
      'Make the realm the app sends equal to its Identifier (Entity ID) in Basic SAML Configuration or the Application ID URI.',
    ]),
  seed(50170, 'MissingExternalClaimsProviderMapping', 'app_config', 'admin', false,
    'A Conditional Access custom control is used, but the mapping that connects it to an external provider is missing.',
    [
      'The custom control definition was removed or never completed.',
    ],
    [
      'Check Protection \u2192 Conditional Access \u2192 Custom controls and the policies that reference them.',
    ]),
  seed(50171, null, 'misuse', 'developer', false,
    'The requested audience may only be used in token calls made over mutual TLS, and this call was not.',
    [
      'The token request for this audience did not use a client certificate on the TLS connection.',
    ],
    [
      'Call the token endpoint with mutual TLS (client certificate at the TLS layer) for this audience, or request a different audience.',
    ]),
  seed(50172, null, 'access_blocked', 'admin', false,
    'The external claims provider named in the error has not been approved for use in this tenant.',
    [
      'A custom control or external provider was added without approval.',
    ],
    [
      'An admin should approve the provider or remove it from the Conditional Access policies that use it.',
      LOOKUP_NOTE,
    ]),
  seed(50173, null, 'expired_grant', 'user', false,
    'The refresh token or grant the app holds was revoked, usually because the user\u2019s password changed or was reset after the grant was issued.',
    [
      'Password change or reset, or an admin revoked sessions (which moves the user\u2019s token-valid-from date forward).',
    ],
    [
      'Remove the cached account or refresh token and sign the user in again.',
      INTERACTIVE,
    ]),
  seed(50176, null, 'app_config', 'admin', false,
    'A Conditional Access policy refers to an external (custom) control whose definition does not exist.',
    [
      'The custom control was deleted while a policy still uses it.',
    ],
    [
      'Open Protection \u2192 Conditional Access \u2192 Custom controls, re-create the control or remove it from the policies.',
    ]),
  seed(50177, 'ExternalChallengeNotSupportedForPassthroughUsers', 'access_blocked', 'admin', false,
    'The user is a passthrough account (one passed in from another directory), and such accounts cannot be sent to an external challenge such as a custom control.',
    [
      'A policy with a custom control applies to a passthrough user.',
    ],
    [
      'Exclude these users from the policy with the custom control, or use built-in controls.',
      LOOKUP_NOTE,
    ]),
  seed(50178, 'SessionControlNotSupportedForPassthroughUsers', 'access_blocked', 'admin', false,
    'A Conditional Access session control applies to this user, but passthrough users cannot receive session controls.',
    [
      'A session control (sign-in frequency, app-enforced restrictions, etc.) targets passthrough users.',
    ],
    [
      'Adjust the policy\u2019s user scope or session controls in Protection \u2192 Conditional Access \u2192 Policies.',
      LOOKUP_NOTE,
    ]),
  seed(50180, 'WindowsIntegratedAuthMissing', 'app_config', 'admin', false,
    'This sign-in needs Windows integrated authentication, which requires Seamless SSO to be turned on for the tenant.',
    [
      'Seamless single sign-on is not enabled, or the client cannot do Kerberos to it.',
    ],
    [
      'Enable Seamless SSO in Microsoft Entra Connect and add the Seamless SSO URL to the intranet zone on client machines.',
    ]),
  seed(50187, 'DeviceInformationNotProvided', 'access_blocked', 'user', false,
    'The service tried to authenticate the device and could not.',
    [
      'The device did not supply its identity (no device certificate or broker), or it is not registered.',
    ],
    [
      'Sign in from a registered device with a supported browser or the broker app, and check dsregcmd /status on Windows.',
      SIGNIN_LOGS,
    ]),
  seed(50192, null, 'user_credentials', 'user', false,
    'The sign-in expected a credential, such as the user\u2019s certificate for certificate-based authentication, but none arrived.',
    [
      'The user chose no certificate, or a proxy or TLS inspection removed it.',
    ],
    [
      'Have the user select the certificate when prompted; exclude the certificate auth endpoint from TLS inspection on proxies.',
    ]),
  seed(50194, null, 'app_config', 'developer', false,
    'The app is registered for a single tenant but signed in through the /common endpoint, which newer single-tenant apps may not use.',
    [
      'The authority is https://login.microsoftonline.com/common while the app accepts only its own tenant.',
    ],
    [
      'Use a tenant-specific authority: https://login.microsoftonline.com/<tenant-id>.',
      'Or, if the app should serve other tenants, change Supported account types under App registrations \u2192 <app> \u2192 Authentication.',
    ]),
  seed(50196, 'LoopDetected', 'throttled', 'developer', false,
    'The app keeps sending the same token request in a short time, so the service treats it as a loop and stops answering it.',
    [
      'No token cache: every call asks for a new token.',
      'Error handling retries immediately and forever, or a redirect loop in a web app.',
    ],
    [
      'Keep one MSAL application object and use its cache: acquire_token_silent / acquireTokenSilent / AcquireTokenSilent before any network call.',
      'Stop retrying on errors that will not change; add backoff and a retry limit.',
      'In web apps, check that the sign-in callback does not send the user straight back to sign-in.',
    ]),
  seed(50197, 'ConflictingIdentities', 'tenant_or_account', 'user', false,
    'The service could not settle on a single user for this sign-in.',
    [
      'More than one identity matched, or the identity changed during the sign-in.',
    ],
    [
      'Have the user sign out of all accounts and sign in again.',
      LOOKUP_NOTE,
    ]),
  seed(50199, 'CmsiInterrupt', 'interaction_required', 'user', false,
    'The sign-in paused so the user could confirm the app is the one they meant to open, a guard against spoofing for native apps using a system web view.',
    [
      'A native app used a redirect URI with a custom scheme (not http, https or a safe-listed scheme).',
    ],
    [
      'Nothing is wrong if the user confirmed.',
      'To avoid the prompt, use a redirect URI on the safe list, such as http://localhost for desktop apps or the broker redirect URI for mobile.',
    ]),
  seed(51000, 'RequiredFeatureNotEnabled', 'app_config', 'admin', false,
    'A feature the sign-in depends on is turned off. The reference does not say which feature.',
    [
      'A tenant or app setting that this flow needs is disabled.',
    ],
    [
      LOOKUP_NOTE,
      SIGNIN_LOGS,
    ]),
  seed(51001, 'DomainHintMustbePresent', 'misuse', 'developer', false,
    'When a request names the user by an on-premises SID or on-premises user principal name, it also has to carry a domain_hint.',
    [
      'The app sends an on-premises identifier without domain_hint.',
    ],
    [
      'Add a domain_hint with the user\u2019s domain to the request.',
    ]),
  seed(1000104, 'XCB2BResourceCloudNotAllowedOnIdentityTenant', 'access_blocked', 'admin', false,
    'The user comes from a tenant in one Microsoft cloud and the resource lives in another cloud that this tenant is not allowed to reach.',
    [
      'Cross-cloud B2B collaboration is not set up between the two clouds (for example commercial and Azure Government).',
    ],
    [
      'Admins of both tenants can enable the other cloud under External Identities \u2192 Cross-tenant access settings \u2192 Microsoft cloud settings.',
    ]),
  seed(51004, 'UserAccountNotInDirectory', 'tenant_or_account', 'user', false,
    'The user is not in the directory of the tenant the app signed into.',
    [
      'The app uses a tenant the user does not belong to.',
      'The user was deleted or never added.',
    ],
    [
      'Invite the user as a guest if they should have access (Users \u2192 New user \u2192 Invite external user).',
      'Check the authority and tenant in the app\u2019s configuration.',
    ]),
  seed(51005, 'TemporaryRedirect', 'transient', 'developer', true,
    'This works like an HTTP 307 redirect: what was asked for is at the address in the Location header, and the request should be sent there.',
    [
      'The service moved the request to another endpoint.',
    ],
    [
      'Follow the Location header and repeat the request there; for POST requests, post again to the new address.',
    ]),
  seed(51006, 'ForceReauthDueToInsufficientAuth', 'interaction_required', 'user', false,
    'The session token lacks proof of Windows integrated authentication, which this access needs, so the user must sign in again.',
    [
      'The earlier sign-in did not use Windows integrated authentication (for example a password on a non-joined device).',
    ],
    [
      'Sign in again from a domain-joined device on the corporate network so integrated authentication can happen.',
      INTERACTIVE,
    ]),
  seed(52004, 'DelegationDoesNotExistForLinkedIn', 'consent_required', 'user', false,
    'The user has not allowed access to their LinkedIn data.',
    [
      'LinkedIn account connection consent was not given.',
    ],
    [
      'Have the user connect their LinkedIn account and grant access, then try again.',
    ]),
  seed(53000, 'DeviceNotCompliant', 'access_blocked', 'user', false,
    'Conditional Access only lets compliant devices in, and this device is not marked compliant.',
    [
      'The device is not enrolled in Intune (or another MDM) or fails a compliance rule.',
    ],
    [
      'Enroll the device with Company Portal and fix any reported compliance issues, then sign in again.',
      'Admins can see the device\u2019s status in the Intune admin center and the applied policy in Sign-in logs \u2192 Conditional Access.',
    ]),
  seed(53001, 'DeviceNotDomainJoined', 'access_blocked', 'user', false,
    'Conditional Access requires a domain-joined (hybrid joined) device, and this one is not.',
    [
      'The user signed in from a personal or non-joined device.',
    ],
    [
      'Use a company device that is hybrid Microsoft Entra joined.',
      'Admins can check the device under Devices \u2192 All devices and the policy in Protection \u2192 Conditional Access \u2192 Policies.',
    ]),
  seed(53002, 'ApplicationUsedIsNotAnApprovedApp', 'access_blocked', 'user', false,
    'Conditional Access allows only approved client apps, and the app being used is not one of them.',
    [
      'A policy with "Require approved client app" or app protection policy applies to this user.',
    ],
    [
      'Use an approved app (for example Outlook mobile instead of the built-in mail app).',
    ]),
  seed(53003, 'BlockedByConditionalAccess', 'access_blocked', 'admin', false,
    'A Conditional Access policy decided this sign-in must not get a token.',
    [
      'A block policy matches the user, app, location, device or risk level.',
      'Legacy authentication or an unapproved location is blocked.',
    ],
    [
      SIGNIN_LOGS + ' The Conditional Access tab names the policy that blocked it.',
      'Review that policy under Protection \u2192 Conditional Access \u2192 Policies (use What If to test).',
    ]),
  seed(530035, 'BlockedBySecurityDefaults', 'access_blocked', 'admin', false,
    'Security defaults blocked the request, usually because it used legacy authentication or looked unsafe.',
    [
      'The client uses legacy protocols (basic auth for IMAP, POP, SMTP, older Office).',
      'The request was judged risky under security defaults.',
    ],
    [
      'Move the client to modern authentication (OAuth).',
      'Admins can review Identity \u2192 Overview \u2192 Properties \u2192 Manage security defaults, or use Conditional Access instead.',
    ]),
  seed(53004, 'ProofUpBlockedDueToRisk', 'access_blocked', 'user', false,
    'The user must finish MFA registration, but registration is blocked because the sign-in is considered risky.',
    [
      'ID Protection flagged the sign-in or user as risky during security info registration.',
    ],
    [
      'An admin should review the user in Protection \u2192 Identity Protection and, if safe, dismiss the risk or issue a Temporary Access Pass for registration.',
    ]),
  seed(53010, 'ProofUpBlockedDueToSecurityInfoAcr', 'access_blocked', 'user', false,
    'The organization only allows security information (MFA methods) to be registered from certain locations or devices, and this attempt did not qualify.',
    [
      'A Conditional Access policy for "Register security information" restricts where registration may happen.',
    ],
    [
      'Register from a trusted location or device, or ask an admin about the policy.',
    ]),
  seed(53011, null, 'access_blocked', 'admin', false,
    'The user is blocked because their home tenant considers the account risky.',
    [
      'ID Protection in the home tenant flagged the user as risky.',
    ],
    [
      'The home tenant admin should review Protection \u2192 Identity Protection \u2192 Risky users and remediate.',
    ]),
  seed(530034, 'DelegatedAdminBlockedDueToSuspiciousActivity', 'access_blocked', 'admin', false,
    'A partner (delegated) administrator could not reach the customer tenant because their account is risky in their own tenant.',
    [
      'The delegated admin\u2019s home tenant flagged the account for suspicious activity.',
    ],
    [
      'The admin\u2019s home tenant should remediate the risk (password reset, MFA, review in Identity Protection) before access is tried again.',
    ]),
  seed(54000, 'MinorUserBlockedLegalAgeGroupRule', 'access_blocked', 'user', false,
    'The user is blocked by a legal age group rule, which points to a minor account without the permission it needs. The reference gives only the name.',
    [
      'The account is for a minor and the app or tenant does not allow it.',
    ],
    [
      LOOKUP_NOTE,
      'A parent or guardian may need to grant consent, or an admin may need to review age group settings.',
    ]),
  seed(54005, null, 'expired_grant', 'developer', false,
    'The authorization code was already exchanged for tokens once; a code is single-use.',
    [
      'The app redeems the same code twice (a retry, a double request or a page reload).',
    ],
    [
      'Redeem each code once; after that use the refresh token, for example via acquire_token_silent / acquireTokenSilent.',
      'Start a new sign-in to get a fresh code when needed.',
    ]),
  seed(65001, 'DelegationDoesNotExist', 'consent_required', 'user', false,
    'No one has consented yet for this app to access the API on the user\u2019s behalf.',
    [
      'The user never consented, or the permission needs admin consent.',
      'A new permission was added to the app after users consented.',
    ],
    [
      'Sign the user in interactively so they can consent, with the same scopes.',
      'For admin-only permissions, use App registrations \u2192 <app> \u2192 API permissions \u2192 Grant admin consent.',
    ]),
  seed(65002, null, 'app_config', 'developer', false,
    'A Microsoft first-party app ID was used to request a token for a Microsoft API it is not preauthorized for. Microsoft apps cannot get new consent this way.',
    [
      'The code reuses a client ID owned by Microsoft (for example copied from a sample or tool).',
    ],
    [
      'Register your own app under App registrations, add the API permissions it needs and use its client ID.',
    ]),
  seed(65004, 'UserDeclinedConsent', 'consent_required', 'user', false,
    'The user refused to grant the app the permissions it asked for.',
    [
      'The user clicked Cancel on the consent screen.',
    ],
    [
      'Explain why the app needs the permissions and let the user try again.',
      'Or have an admin grant consent under API permissions \u2192 Grant admin consent.',
    ]),
  seed(65005, 'MisconfiguredApplication', 'app_config', 'developer', false,
    'The app\u2019s list of required permissions does not fit the request: it asks for an API or permission that is not declared, or the API cannot be found.',
    [
      'The requested scope belongs to an API that is not listed under API permissions.',
      'The API in the required resource list does not exist or is not discoverable in the tenant.',
      'For SAML apps, a wrong Identifier (Entity ID).',
    ],
    [
      'Add the API and permission under App registrations \u2192 <app> \u2192 API permissions, then grant consent.',
      'Check the scope string and the API\u2019s Application ID URI.',
      'For SAML apps, check the Identifier in Basic SAML Configuration.',
    ]),
];
