// Public surface of the token client. Callers (CLI, extension, tests) import from here only.
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
