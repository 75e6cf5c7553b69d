// What the token client offers its callers: the CLI's token command and the extension's lazily loaded
// client bundle (src/extension/lazy/client.ts re-exports this). Code that only needs the registration
// schema (the extension's settings and registration wizard) imports registration.ts, which pulls no network code.
export { createTokenClient, safeUrl } from './client';
export type { AcquireOptions, DeviceCodeInfo, TokenClient, TokenClientOptions, TokenResult, TokenSet } from './client';
export {
  AppRegistrationSchema,
  CertificateSettingsSchema,
  CredentialsSchema,
  TokenRequestSchema,
  CLOUDS,
  CLOUD_HOSTS,
  FLOWS,
  formatIssues,
  isValidTenant,
  plainCopy,
  SETTINGS_LIMITS,
  validateAppRegistration,
  validateTokenRequest,
} from './registration';
export type { AppRegistration, SettingsLimits, Cloud, Credentials, Flow, TokenRequest, ValidationResult } from './registration';
export { DEFAULT_POLICY, ThrottleMemory, comeBackAt, requestFingerprint, resolvePolicy } from './policy';
export type { RetryPolicy } from './policy';
export { buildClaimsParameter } from './claims-parameter';
export { planAuthority, parseDiscovery } from './authority';
export type { AuthorityKind, Endpoints } from './authority';
export { loadCertificate, signClientAssertion } from './assertion';
export { createDispatcher } from './dispatcher';
export type { DispatcherOptions } from './dispatcher';
