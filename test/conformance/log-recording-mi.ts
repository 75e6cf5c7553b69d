// The managed-identity runs of the log recorder: which source each scenario's host offers (chosen by
// environment variables, as on Azure), which identity the app asks for, and what the sandbox plays.
// TEST ONLY.
import { SANDBOX_MI_CLIENT_ID, type Sandbox } from '../sandbox/index';

export const MI_LOG_SCENARIOS = ['managed-identity', 'managed-identity-throttle', 'managed-identity-not-found', 'managed-identity-app-service-throttle', 'managed-identity-unavailable'] as const;
export type MiLogScenario = (typeof MI_LOG_SCENARIOS)[number];

export function isManagedIdentityScenario(scenario: string): scenario is MiLogScenario {
  return (MI_LOG_SCENARIOS as readonly string[]).includes(scenario);
}

/** A user-assigned identity the sandbox's host does not have: IMDS answers "Identity not found". */
export const UNASSIGNED_MI_CLIENT_ID = '0d5f3c1e-5a6b-4c7d-8e9f-00000000beef';

/** Every variable by which a library picks a managed-identity source: a run sets only its own. */
const SOURCE_VARIABLES = ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'AZURE_POD_IDENTITY_AUTHORITY_HOST', 'AZURE_FEDERATED_TOKEN_FILE'];

export interface MiRun {
  /** The user-assigned identity asked for (undefined: the system-assigned one). */
  clientId: string | undefined;
  /** Applies the source's variables to a run's environment (and removes every other source's). */
  environment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Clears what the scenario scripted. */
  done(): void;
}

/**
 * managed-identity: App Service (IDENTITY_ENDPOINT + IDENTITY_HEADER), system-assigned, tokens at once.
 * managed-identity-throttle: IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST), the host's user-assigned identity,
 * two 429s with Retry-After before the token. managed-identity-not-found: IMDS, an identity the host lacks.
 * managed-identity-app-service-throttle: App Service, system-assigned, two 429s with Retry-After first.
 * managed-identity-unavailable: IMDS, system-assigned, two 500s (no Retry-After: the libraries' own backoff).
 */
export function managedIdentityRun(sandbox: Sandbox, scenario: MiLogScenario): MiRun {
  const mi = sandbox.managedIdentity;
  if (!mi) throw new Error('the sandbox was started without its managed-identity endpoints');
  const clientId = scenario === 'managed-identity-throttle' ? SANDBOX_MI_CLIENT_ID : scenario === 'managed-identity-not-found' ? UNASSIGNED_MI_CLIENT_ID : undefined;
  if (scenario === 'managed-identity-throttle' || scenario === 'managed-identity-app-service-throttle') mi.setScenario(clientId ?? null, 'throttle', 2);
  if (scenario === 'managed-identity-unavailable') mi.setScenario(null, 'unavailable', 2);
  const appService = scenario === 'managed-identity' || scenario === 'managed-identity-app-service-throttle';
  const vars = mi.env(appService ? 'app-service' : 'imds');
  return {
    clientId,
    environment: (env) => {
      const out = { ...env };
      for (const name of SOURCE_VARIABLES) delete out[name];
      return { ...out, ...vars };
    },
    done: () => mi.setScenario(clientId ?? null, null),
  };
}
