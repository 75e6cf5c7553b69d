// Log recording: runs the real identity libraries against the sandbox with their most verbose logging
// and keeps, for each run, the log exactly as the library wrote it and the sandbox's own record of the
// requests it answered. scripts/record-logs.ts writes both to test/fixtures/logs/; the scan tests
// read the log with Auth Lens and compare the requests it reconstructs with the record.
// TEST ONLY: every secret, token and code here is a sandbox value that protects nothing.
import { join } from 'node:path';
import type { LogRequest } from '../../src/core/types';
import { SANDBOX_API, SANDBOX_TENANT_ID, type SandboxRequest } from '../sandbox/index';
import { azureCliAvailability, runAzureCliLogin } from './azure-cli';
import { startEntraProxyFor } from './entra-proxy';
import { recordedRequests } from './sandbox-record';
import type { DriverConfig, DriverFlow, DriverOutput } from './drivers/types';
import { isManagedIdentityScenario, managedIdentityRun, MI_LOG_SCENARIOS } from './log-recording-mi';
import { browserAvailability, recordBrowserLog } from './browser-recording';
import { DRIVERS_DIR, LIBRARIES, libraryAvailability, type LibraryAvailability, REPO_ROOT, run, SANDBOX_CA_PATH, sandboxClient, SYSTEM_PYTHON, THROTTLE_RETRY_AFTER_SECONDS, type SandboxHandle } from './harness';

/**
 * The conformance libraries, Azure Identity for Python (Debian's python3-azure), whose HTTP logging is
 * azure-core's, msal-browser in Chromium, and the Azure CLI (`az login --debug`).
 */
export const LOG_LIBRARIES = [...LIBRARIES, 'azure-identity-python', 'msal-browser', 'azure-cli'] as const;
export type LogLibrary = (typeof LOG_LIBRARIES)[number];


export const LOG_FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'logs');

/**
 * The scenarios recorded: a 429 with Retry-After, a device-code sign-in nobody completes, a bad secret, an
 * expired refresh token, an authority host MSAL Python asks login.microsoftonline.com about (instance
 * discovery); managed identity: App Service's token service answering at once, IMDS
 * throttling twice (429 + Retry-After) before it issues the token, IMDS not knowing the identity, App
 * Service throttling twice, IMDS failing twice with 500; an SPA's code redemption then silent calls,
 * and a popup sign-in (msal-browser).
 */
export const LOG_SCENARIOS = ['throttle', 'device-pending', 'bad-secret', 'expired-refresh', 'instance-discovery', ...MI_LOG_SCENARIOS, 'code-silent', 'popup'] as const;
export type LogScenario = (typeof LOG_SCENARIOS)[number];

/**
 * MSAL Python's log as an app gets it from logging.basicConfig(level=DEBUG, format=…): the default
 * format with the time in front, so the waits between requests can be read (the default format has none).
 */
export const PYTHON_LOG_FORMAT = '%(asctime)s %(levelname)s:%(name)s:%(message)s';

/** Seconds a device-code sign-in polls before the driver gives up (nobody enters the code). */
const DEVICE_POLL_SECONDS = 4;

function flowOf(library: LogLibrary, scenario: LogScenario): DriverFlow | null {
  // MSAL Python asks login.microsoftonline.com about an authority host it does not know (the others trust it or skip the question).
  if (scenario === 'instance-discovery') return library === 'msal-python' ? 'client_credentials' : null;
  // MSAL Python learnt managed identity in 1.29; Debian's is 1.21.
  if (isManagedIdentityScenario(scenario)) return library === 'msal-python' || library === 'azure-cli' ? null : 'managed_identity';
  // The CLI signs in its service principal; its device-code sign-in uses a client the sandbox does not have.
  if (library === 'azure-cli') return scenario === 'bad-secret' || scenario === 'throttle' ? 'client_credentials' : null;
  if (scenario === 'device-pending') return 'device_code';
  if (scenario === 'expired-refresh') return library === 'msal-python' ? 'silent' : library === 'msal-node' ? 'refresh_token' : null;
  return 'client_credentials';
}

/** The request the sandbox answered, as the fixture keeps it. */
export interface RecordedRequest {
  /** Milliseconds after the run's first request. */
  atMs: number;
  method: string;
  /** token, devicecode, metadata, keys, instance, or the path when it is none of those. */
  endpoint: string;
  grantType: string | null;
  status: number | null;
  retryAfter: string | null;
}

export interface LogFixture {
  library: LogLibrary;
  version: string;
  scenario: LogScenario;
  flow: DriverFlow;
  /** How the log was produced (level, format, environment). */
  logging: string;
  requests: RecordedRequest[];
}

/** Whether a library's log can be recorded here (Azure Identity for Python comes with MSAL Python's interpreter). */
export async function logLibraryAvailability(library: LogLibrary): Promise<LibraryAvailability> {
  if (library === 'msal-browser') return browserAvailability();
  if (library === 'azure-cli') return azureCliAvailability();
  return libraryAvailability(library === 'azure-identity-python' ? 'msal-python' : library);
}

/** Runs one library on one scenario; null when the library has no API for it. */
export async function recordLog(handle: SandboxHandle, library: LogLibrary, scenario: LogScenario): Promise<{ fixture: LogFixture; log: string } | null> {
  if (library === 'msal-browser') return recordBrowserLog(handle, scenario);
  if (scenario === 'code-silent' || scenario === 'popup') return null;
  const flow = flowOf(library, scenario);
  if (!flow) return null;
  const { sandbox } = handle;
  // The device flow needs the sandbox's registered public client; the others get a client of their own.
  // Instance discovery signs in the sandbox's own confidential client, so the run ends with a token.
  const clientId = scenario === 'device-pending' ? 'sandbox-public' : scenario === 'instance-discovery' ? 'sandbox-secret' : `logs-${library}-${scenario}`;
  const mi = isManagedIdentityScenario(scenario) ? managedIdentityRun(sandbox, scenario) : null;
  // The device flow and instance discovery play no scripted failure.
  if (!isManagedIdentityScenario(scenario) && scenario !== 'device-pending' && scenario !== 'instance-discovery') sandbox.setScenario(clientId, scenario);
  if (library === 'azure-cli') {
    const az = await runAzureCliLogin(handle, clientId).finally(() => sandbox.setScenario(clientId, null));
    const logging = '`az login --service-principal --debug` (stderr), through a local proxy for login.microsoftonline.com';
    return { fixture: { library, version: az.version, scenario, flow, logging, requests: recordedRequests(az.answered) }, log: az.log };
  }
  const throttleWaits = library === 'azure-identity-js' || library === 'azure-identity-python' ? [0, 25] : [0, 25, THROTTLE_RETRY_AFTER_SECONDS * 1000 + 300];
  const config: DriverConfig = {
    ...sandboxClient(sandbox, clientId, flow),
    scopes: flow === 'client_credentials' ? [`${SANDBOX_API}/.default`] : [`${SANDBOX_API}/Sandbox.Read`],
    refreshToken: 'sandbox-test-only-refresh-token',
    deviceTimeoutSeconds: DEVICE_POLL_SECONDS,
    callWaitsMs: flow === 'device_code' ? [0] : scenario === 'throttle' ? throttleWaits : [0, 25],
    ...(library === 'msal-python' || library === 'azure-identity-python' ? { pythonLogFormat: PYTHON_LOG_FORMAT } : {}),
    ...(mi?.clientId ? { managedIdentityClientId: mi.clientId } : {}),
  };
  if (mi) config.scopes = [`${SANDBOX_API}/.default`];
  const env: NodeJS.ProcessEnv = mi
    ? mi.environment({ ...process.env, REQUESTS_CA_BUNDLE: SANDBOX_CA_PATH, NODE_EXTRA_CA_CERTS: SANDBOX_CA_PATH })
    : { ...process.env, REQUESTS_CA_BUNDLE: SANDBOX_CA_PATH, NODE_EXTRA_CA_CERTS: SANDBOX_CA_PATH };
  delete env.SSL_CERT_FILE;
  delete env.CURL_CA_BUNDLE;
  if (library === 'azure-identity-js') env.AZURE_LOG_LEVEL = 'verbose';
  else delete env.AZURE_LOG_LEVEL;
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const [command, args] =
    library === 'msal-python' || library === 'azure-identity-python'
      ? [SYSTEM_PYTHON, [join(DRIVERS_DIR, library === 'msal-python' ? 'msal_python.py' : 'azure_identity_python.py')]]
      : [tsx, [join(DRIVERS_DIR, library === 'msal-node' ? 'msal-node.ts' : 'azure-identity.ts')]];
  // Instance discovery goes to login.microsoftonline.com whatever the authority: through the proxy that answers for it.
  const proxy = scenario === 'instance-discovery' ? await startEntraProxyFor(sandbox) : null;
  if (proxy) {
    // An authority host MSAL does not know, reached through the proxy like every other name it answers for.
    config.instanceDiscovery = true;
    config.authority = `https://login.sandbox.example/${SANDBOX_TENANT_ID}`;
  }
  const before = sandbox.requests.length;
  const r = await run(command, [...args, JSON.stringify(config)], proxy ? proxy.environment(env) : env, 120_000).finally(() => proxy?.stop());
  sandbox.setScenario(clientId, null);
  mi?.done();
  let driver: DriverOutput;
  try {
    driver = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as DriverOutput;
  } catch {
    throw new Error(`${library} driver for ${scenario} printed no result (exit ${String(r.code)}): ${r.stderr.slice(-2000)}`);
  }
  // Runs are sequential, so every request the sandbox answered since `before` belongs to this one.
  const answered: SandboxRequest[] = sandbox.requests.slice(before);
  const requests = recordedRequests(answered);
  const logging =
    library === 'msal-python' || library === 'azure-identity-python'
      ? `every logger at DEBUG${library === 'azure-identity-python' ? '' : ''}, format ${JSON.stringify(PYTHON_LOG_FORMAT)}`
      : library === 'msal-node'
        ? 'loggerOptions: LogLevel.Verbose, piiLoggingEnabled: false, each message on its own line'
        : 'AZURE_LOG_LEVEL=verbose (stderr)';
  // msal-node hands its log to the app's callback; the app here writes one message per line, as console.log would.
  const log = library === 'azure-identity-js' ? r.stderr : driver.log;
  return { fixture: { library, version: driver.version, scenario, flow, logging, requests }, log: log.endsWith('\n') ? log : `${log}\n` };
}

/** The sandbox's endpoint names the scanner calls otherwise: OpenID metadata and instance discovery are both discovery. */
const SCAN_ENDPOINT: Readonly<Record<string, string>> = { metadata: 'discovery', instance: 'discovery' };
/**
 * Every request the sandbox answered is compared but JWKS fetches: they serve checking a token's
 * signature, not getting a token, and the scanner does not reconstruct them (no recording has one).
 */
const NOT_COMPARED = new Set(['keys']);

/** What a log's reconstructed requests and the sandbox's record say, side by side, for a test to hold equal. */
export interface RecordComparison {
  /** `endpoint status` per request, in order: what Auth Lens read, and what the sandbox answered. */
  got: string[];
  want: string[];
  /** The wait before each request after the first: read from the log, measured by the sandbox, and the tolerance. */
  waits: { got: number | null; want: number; tolerance: number }[];
  /** Retry-After per request, where the library logs the answer's headers (azure-core); else null. */
  retryAfter: { got: (string | null)[]; want: (string | null)[] } | null;
}

/**
 * Tolerance for waits: the sandbox stamps a request when it arrives; a library logs it when it sends or
 * when the answer is back, so the two clocks differ by a round trip to 127.0.0.1 plus the sandbox's work
 * (a few ms; under 30 ms in these recordings), and 100 ms allows for a loaded machine. Where the log's
 * times have whole seconds only (msal-node's prefix, HTTP Date headers) each time may be up to 1 s off,
 * so a gap is read within 1 s plus the same 100 ms.
 */
export function compareWithRecord(requests: readonly LogRequest[], fixture: LogFixture): RecordComparison {
  const got = requests.filter((r) => r.source === 'network');
  const want = fixture.requests.filter((q) => !NOT_COMPARED.has(q.endpoint));
  const precise = (r: LogRequest | undefined) => r?.time != null && /\d{2}:\d{2}:\d{2}[.,]\d/.test(r.time);
  const waits = want.slice(1).map((q, i) => ({
    got: got[i + 1]?.waitBeforeMs ?? null,
    want: q.atMs - want[i]!.atMs,
    tolerance: precise(got[i + 1]) && precise(got[i]) ? 100 : 1100,
  }));
  const headers = got.some((r) => r.dialect.startsWith('azure-core'));
  return {
    got: got.map((r) => `${r.endpoint} ${r.status}`),
    want: want.map((q) => `${SCAN_ENDPOINT[q.endpoint] ?? q.endpoint} ${q.status}`),
    waits,
    retryAfter: headers ? { got: got.map((r) => (r.retryAfterSeconds === null ? null : String(r.retryAfterSeconds))), want: want.map((q) => q.retryAfter) } : null,
  };
}
