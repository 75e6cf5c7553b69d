// The sandbox authority and fault server, for tests, the demo (`npm start`) and `npm run sandbox`.
export { startSandbox, sandboxAppRegistrations, entraErrorBody, SANDBOX_API, SANDBOX_TENANT_ID, SANDBOX_TENANT_DOMAIN, SCENARIO_NAMES, SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, SANDBOX_TLS_CERT_PATH, SANDBOX_TLS_KEY_PATH } from './authority';
export type { Sandbox, SandboxClientInfo, SandboxOptions, SandboxRequest, ScenarioName } from './authority';
export { startFaultServer, startUntrustedTlsServer, unusedPort, fakeAccessToken, FAULT_NAMES } from './faults';
export type { FaultName, FaultServer } from './faults';
export { completeUserStep } from './browser';
export { APP_SERVICE_API_VERSION, APP_SERVICE_TOKEN_PATH, IMDS_API_VERSION, IMDS_TOKEN_PATH, MI_SCENARIO_NAMES, SANDBOX_MI_CLIENT_ID } from './managed-identity';
export type { ManagedIdentityEndpoints, ManagedIdentityScenario } from './managed-identity';
export type { UserStepResult } from './browser';

/** The environment variable the sandbox's test-only client secret is read from. */
export const SANDBOX_SECRET_ENV = 'AUTH_LENS_CLIENT_SECRET';
