// The conformance harness: runs real identity libraries (MSAL Python, msal-node, @azure/identity) against
// the sandbox's Entra-style authority over TLS, and reads from what each library *did* (requests sent,
// waits honoured, error types, claims surfaced) what it expects of the app. The recorder
// (scripts/record-conformance.ts) writes the result as fixtures; the conformance test replays a few
// live to catch drift. Nothing here asks Auth Lens anything: the libraries are the oracle.
// TEST ONLY: every secret, token and code here is a sandbox value that protects nothing.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SANDBOX_API,
  SANDBOX_TENANT_ID,
  SANDBOX_TLS_CERT_PATH,
  SANDBOX_TLS_KEY_PATH,
  startSandbox,
  type Sandbox,
  type SandboxRequest,
  type ScenarioName,
} from '../sandbox/index';
import type { DriverCall, DriverConfig, DriverFlow, DriverOutput } from './drivers/types';

// tsx runs these files as CommonJS, vitest as ESM: support both.
const here = typeof __dirname !== 'undefined' ? __dirname : dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(here, '..', '..');
export const DRIVERS_DIR = join(here, 'drivers');
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'conformance');
/** Debian's python3-msal / python3-azure import under the system interpreter, not a pyenv one. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
/** The sandbox's TLS certificate: self-signed for 127.0.0.1 (SAN IP:127.0.0.1, CA:TRUE), so it is its own CA bundle. */
export const SANDBOX_CA_PATH = SANDBOX_TLS_CERT_PATH;

export const LIBRARIES = ['msal-python', 'msal-node', 'azure-identity-js'] as const;
export type Library = (typeof LIBRARIES)[number];

/** The scenarios the suite plays (the sandbox's scripted ones, plus one it produces by itself). */
export const CONFORMANCE_SCENARIOS = [
  'bad-secret',
  'expired-secret',
  'unknown-app',
  'wrong-redirect',
  'invalid-scope',
  'scope-without-default',
  'consent',
  'mfa',
  'ca-block',
  'expired-refresh',
  'expired-device-code',
  'throttle',
  'unavailable',
] as const satisfies readonly ScenarioName[];
export type ConformanceScenario = (typeof CONFORMANCE_SCENARIOS)[number];

/** Retry-After the sandbox's throttle scenario answers with. */
export const THROTTLE_RETRY_AFTER_SECONDS = 2;

const APP_SCOPE = `${SANDBOX_API}/.default`;
const USER_SCOPE = `${SANDBOX_API}/Sandbox.Read`;
const TEST_REFRESH_TOKEN = 'sandbox-test-only-refresh-token';
const TEST_CODE = 'sandbox-test-only-authorization-code';
const TEST_REDIRECT = 'http://localhost:8400/callback';
/** An unsigned stand-in for the user's incoming token (OBO); the sandbox never reads it. */
const TEST_USER_ASSERTION = [
  Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ aud: 'api://auth-lens-sandbox-middle-tier', sub: 'sandbox-user', tid: SANDBOX_TENANT_ID, exp: 4102444800 })).toString('base64url'),
  '',
].join('.');

/** Which API of each library plays each scenario: the one an app would be calling when Entra answers so. */
const FLOWS: Record<ConformanceScenario, Record<Library, DriverFlow | null>> = {
  'bad-secret': { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
  'expired-secret': { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
  'unknown-app': { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
  'wrong-redirect': { 'msal-python': 'authorization_code', 'msal-node': 'authorization_code', 'azure-identity-js': 'authorization_code' },
  'invalid-scope': { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
  'scope-without-default': { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
  // A signed-in user's token refresh (MSAL Python: acquire_token_silent_with_error on a cached account;
  // msal-node: acquireTokenByRefreshToken) or a middle tier's on-behalf-of request (@azure/identity).
  consent: { 'msal-python': 'silent', 'msal-node': 'refresh_token', 'azure-identity-js': 'on_behalf_of' },
  mfa: { 'msal-python': 'silent', 'msal-node': 'refresh_token', 'azure-identity-js': 'on_behalf_of' },
  'ca-block': { 'msal-python': 'silent', 'msal-node': 'refresh_token', 'azure-identity-js': 'on_behalf_of' },
  // @azure/identity has no credential that redeems a refresh token the app holds.
  'expired-refresh': { 'msal-python': 'silent', 'msal-node': 'refresh_token', 'azure-identity-js': null },
  'expired-device-code': { 'msal-python': 'device_code', 'msal-node': 'device_code', 'azure-identity-js': 'device_code' },
  throttle: { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
  unavailable: { 'msal-python': 'client_credentials', 'msal-node': 'client_credentials', 'azure-identity-js': 'client_credentials' },
};

export function flowFor(library: Library, scenario: ConformanceScenario): DriverFlow | null {
  return FLOWS[scenario][library];
}

/** The API call a flow makes, in the library's own words (for the table and the fixture). */
export function callDescription(library: Library, flow: DriverFlow): string {
  const d: Record<Library, Partial<Record<DriverFlow, string>>> = {
    'msal-python': {
      client_credentials: 'ConfidentialClientApplication.acquire_token_for_client',
      silent: 'ConfidentialClientApplication.acquire_token_silent_with_error (cached account)',
      authorization_code: 'ConfidentialClientApplication.acquire_token_by_authorization_code',
      on_behalf_of: 'ConfidentialClientApplication.acquire_token_on_behalf_of',
      device_code: 'PublicClientApplication.initiate_device_flow + acquire_token_by_device_flow',
    },
    'msal-node': {
      client_credentials: 'ConfidentialClientApplication.acquireTokenByClientCredential',
      refresh_token: 'ConfidentialClientApplication.acquireTokenByRefreshToken',
      authorization_code: 'ConfidentialClientApplication.acquireTokenByCode',
      on_behalf_of: 'ConfidentialClientApplication.acquireTokenOnBehalfOf',
      device_code: 'PublicClientApplication.acquireTokenByDeviceCode',
    },
    'azure-identity-js': {
      client_credentials: 'ClientSecretCredential.getToken',
      authorization_code: 'AuthorizationCodeCredential.getToken',
      on_behalf_of: 'OnBehalfOfCredential.getToken',
      device_code: 'DeviceCodeCredential.getToken',
    },
  };
  return d[library][flow] ?? flow;
}

// ---------------------------------------------------------------------------------------------
// Which libraries are on this machine

export interface LibraryAvailability {
  available: boolean;
  /** Why not, when not. */
  reason: string | null;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, cwd: REPO_ROOT }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export async function libraryAvailability(library: Library): Promise<LibraryAvailability> {
  if (library === 'msal-python') {
    if (!existsSync(SYSTEM_PYTHON)) return { available: false, reason: `${SYSTEM_PYTHON} is missing` };
    const r = await run(SYSTEM_PYTHON, ['-c', 'import msal, requests'], process.env, 30_000);
    return r.code === 0 ? { available: true, reason: null } : { available: false, reason: `MSAL Python does not import under ${SYSTEM_PYTHON} (apt-get install python3-msal): ${r.stderr.trim().split('\n').pop() ?? ''}` };
  }
  const pkg = library === 'msal-node' ? '@azure/msal-node' : '@azure/identity';
  if (!existsSync(join(REPO_ROOT, 'node_modules', ...pkg.split('/'), 'package.json'))) return { available: false, reason: `${pkg} is not installed (npm ci)` };
  if (!existsSync(TSX)) return { available: false, reason: 'tsx is not installed (npm ci)' };
  return { available: true, reason: null };
}

// ---------------------------------------------------------------------------------------------
// Running one library against one scenario

export interface ConformanceRun {
  library: Library;
  scenario: ConformanceScenario;
  flow: DriverFlow;
  driver: DriverOutput;
  /** Token-endpoint requests (POSTs carrying this run's client id), oldest first. */
  requests: SandboxRequest[];
  /** What the library's stderr said (the @azure/identity log goes there). */
  stderr: string;
}

export interface SandboxHandle {
  sandbox: Sandbox;
  stop(): Promise<void>;
}

/** The sandbox on https with its test certificate, the way the libraries meet it (and its managed-identity endpoints on http, as on a real host). */
export async function startConformanceSandbox(): Promise<SandboxHandle> {
  const sandbox = await startSandbox({
    tls: { cert: readFileSync(SANDBOX_TLS_CERT_PATH, 'utf8'), key: readFileSync(SANDBOX_TLS_KEY_PATH, 'utf8') },
    retryAfterSeconds: THROTTLE_RETRY_AFTER_SECONDS,
    deviceInterval: 1,
    managedIdentity: true,
  });
  return { sandbox, stop: () => sandbox.stop() };
}

/** What every driver run against the sandbox shares: its authority and tenant, the client, and the secret unless the flow is public. */
export function sandboxClient(sandbox: Sandbox, clientId: string, flow: DriverFlow): Pick<DriverConfig, 'authority' | 'authorityHost' | 'tenantId' | 'clientId' | 'clientSecret' | 'flow'> {
  return { authority: sandbox.authority(), authorityHost: sandbox.issuer, tenantId: SANDBOX_TENANT_ID, clientId, ...(flow === 'device_code' ? {} : { clientSecret: sandbox.clientSecret }), flow };
}

/** Calls made per run: a second identical call right away shows whether the library holds the request
 * back; after a Retry-After, a third call after the announced wait shows whether it lets it through. */
function callWaits(library: Library, scenario: ConformanceScenario, flow: DriverFlow): number[] {
  // The 25 ms between calls keeps each request inside exactly one call's time window.
  if (flow === 'device_code') return [0];
  if (scenario === 'throttle') return library === 'azure-identity-js' ? [0, REPEAT_GAP_MS] : [0, REPEAT_GAP_MS, THROTTLE_RETRY_AFTER_SECONDS * 1000 + 300];
  return [0, REPEAT_GAP_MS];
}

const REPEAT_GAP_MS = 25;

export async function runConformance(handle: SandboxHandle, library: Library, scenario: ConformanceScenario): Promise<ConformanceRun | null> {
  const flow = flowFor(library, scenario);
  if (!flow) return null;
  const { sandbox } = handle;
  const clientId = `conformance-${library}-${scenario}`;
  // scope-without-default is not scripted: the sandbox answers a bare app permission by itself.
  if (scenario !== 'scope-without-default') sandbox.setScenario(clientId, scenario);
  const scopes = scenario === 'scope-without-default' ? [`${SANDBOX_API}/Sandbox.Read.All`] : flow === 'client_credentials' || flow === 'on_behalf_of' ? [APP_SCOPE] : [USER_SCOPE];
  const config: DriverConfig = {
    ...sandboxClient(sandbox, clientId, flow),
    scopes,
    refreshToken: TEST_REFRESH_TOKEN,
    userAssertion: TEST_USER_ASSERTION,
    authorizationCode: TEST_CODE,
    redirectUri: TEST_REDIRECT,
    deviceTimeoutSeconds: 20,
    callWaitsMs: callWaits(library, scenario, flow),
  };
  const env: NodeJS.ProcessEnv = { ...process.env, REQUESTS_CA_BUNDLE: SANDBOX_CA_PATH, NODE_EXTRA_CA_CERTS: SANDBOX_CA_PATH };
  delete env.SSL_CERT_FILE;
  delete env.CURL_CA_BUNDLE;
  if (library === 'azure-identity-js') env.AZURE_LOG_LEVEL = 'verbose';
  else delete env.AZURE_LOG_LEVEL;
  const [command, args] =
    library === 'msal-python'
      ? [SYSTEM_PYTHON, [join(DRIVERS_DIR, 'msal_python.py')]]
      : [TSX, [join(DRIVERS_DIR, library === 'msal-node' ? 'msal-node.ts' : 'azure-identity.ts')]];
  const r = await run(command, [...args, JSON.stringify(config)], env, 120_000);
  sandbox.setScenario(clientId, null);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let driver: DriverOutput;
  try {
    driver = JSON.parse(line) as DriverOutput;
  } catch {
    throw new Error(`${library} driver for ${scenario} printed no result (exit ${String(r.code)}): ${r.stderr.slice(-2000)}`);
  }
  const requests = sandbox.requests.filter((q) => q.clientId === clientId && q.method === 'POST');
  return { library, scenario, flow, driver, requests, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------
// What the library did, and so what it expects of the app

export interface RequestSummary {
  /** Token-endpoint requests over all calls. */
  count: number;
  statuses: number[];
  /** Retry-After values the sandbox answered with, in order (null where none). */
  retryAfter: (string | null)[];
  /** Milliseconds between consecutive requests. */
  gapsMs: number[];
  /** Per call: how many requests reached the sandbox, and the endpoints' grant types. */
  perCall: { count: number; statuses: number[]; grantTypes: (string | null)[] }[];
}

export interface LibraryExpectation {
  /** The error type the library raised, or "result" when it returned an error value (MSAL Python). */
  errorType: string;
  /** The library sent the failed request again by itself within one call. */
  retriedByLibrary: boolean;
  /** An identical second call right after the first reached the sandbox (false: the library held it back). */
  repeatReachedServer: boolean | null;
  /** The library treats the failure as temporary: it retried by itself, or held the identical request back
   * only for a throttling window (429/5xx/Retry-After) after which it lets it through. */
  retryable: boolean;
  /** The sandbox sent Retry-After and the library waited that long (between its retries, or before letting
   * an identical request through again). */
  honouredRetryAfter: boolean;
  /** The Retry-After (seconds) the library honoured; null when none. */
  retryAfterSeconds: number | null;
  /** throttled = the service asked for a wait (Retry-After) and the library honoured it. */
  throttled: boolean;
  /** The library's own "a user must interact" signal (see interactionEvidence); null when the library gives
   * none for this flow. */
  interactionRequired: boolean | null;
  interactionEvidence: string;
  /** The claims challenge the library surfaced to the app (null when it surfaced none). */
  claims: string | null;
  /** How the library marked the failure for later, in its own terms (MSAL Python's HTTP-cache key kind). */
  libraryMemory: string | null;
}

function summarize(run: ConformanceRun): RequestSummary {
  const reqs = run.requests;
  const perCall = run.driver.calls.map((c) => {
    const inCall = requestsOfCall(run, c);
    return { count: inCall.length, statuses: inCall.map((q) => q.status ?? 0), grantTypes: inCall.map((q) => q.grantType) };
  });
  return {
    count: reqs.length,
    statuses: reqs.map((q) => q.status ?? 0),
    retryAfter: reqs.map((q) => q.retryAfter),
    gapsMs: reqs.slice(1).map((q, i) => q.time - reqs[i]!.time),
    perCall,
  };
}

/** The requests that arrived while this call ran (the sandbox stamps arrival in whole milliseconds). */
function requestsOfCall(run: ConformanceRun, call: DriverCall): SandboxRequest[] {
  return run.requests.filter((q) => q.time >= Math.floor(call.start) && q.time <= Math.ceil(call.end));
}


export function deriveExpectation(run: ConformanceRun): LibraryExpectation {
  const [first, second, third] = run.driver.calls;
  if (!first) throw new Error('driver made no call');
  const firstReqs = requestsOfCall(run, first);
  const tokenReqs = firstReqs.filter((q) => q.grantType !== null);
  const retriedByLibrary = run.flow !== 'device_code' && tokenReqs.length > 1;
  const repeatReachedServer = second ? requestsOfCall(run, second).length > 0 : null;
  const sentRetryAfter = firstReqs.map((q) => q.retryAfter).find((v) => v !== null) ?? null;
  const retryAfterMs = sentRetryAfter !== null && /^\d+$/.test(sentRetryAfter) ? Number(sentRetryAfter) * 1000 : null;

  // MSAL Python keeps its decision in its HTTP cache: "… 429/5xx/Retry-After" (throttled until the window
  // ends) or "… 400" (the identical request is not sent again for a while: it would fail the same way).
  const keys = first.httpCacheKeys ?? [];
  const postKeys = keys.filter((k) => k.startsWith('POST '));
  const libraryMemory = run.library === 'msal-python' ? (postKeys.some((k) => k.endsWith('429/5xx/Retry-After')) ? 'throttled (429/5xx/Retry-After)' : postKeys.some((k) => k.endsWith(' 400')) ? 'held back as UI-required (HTTP 400)' : 'none') : null;

  const heldBack = repeatReachedServer === false;
  let retryable: boolean;
  if (run.library === 'msal-python') retryable = libraryMemory === 'throttled (429/5xx/Retry-After)';
  else if (run.library === 'msal-node') retryable = heldBack; // msal-node holds back only 429/5xx/Retry-After answers
  else retryable = retriedByLibrary || heldBack;

  let honouredRetryAfter = false;
  if (retryAfterMs !== null) {
    const gaps = tokenReqs.slice(1).map((q, i) => q.time - tokenReqs[i]!.time);
    const waitedBetweenRetries = retriedByLibrary && gaps.every((g) => g >= retryAfterMs - 100);
    const thirdReached = third ? requestsOfCall(run, third).length > 0 : false;
    const heldThenLetThrough = heldBack && third !== undefined && thirdReached && third.start - first.end >= retryAfterMs - 100;
    honouredRetryAfter = waitedBetweenRetries || heldThenLetThrough;
  }
  const throttled = honouredRetryAfter;
  const retryAfterSeconds = honouredRetryAfter && retryAfterMs !== null ? retryAfterMs / 1000 : null;

  const errorType = first.kind === 'exception' ? (first.errorName ?? 'Error') : 'result';
  let interactionRequired: boolean | null;
  let interactionEvidence: string;
  const grants = new Set(tokenReqs.map((q) => q.grantType));
  if (grants.size > 0 && [...grants].every((g) => g === 'client_credentials')) {
    // App-only: the library asked as the app itself; there is no user who could interact.
    interactionRequired = false;
    interactionEvidence = `app-only request (grant_type=client_credentials)${errorType !== 'result' ? `; raised ${errorType}` : ''}`;
  } else if (run.library === 'msal-node' && (errorType === 'InteractionRequiredAuthError' || errorType === 'ServerError')) {
    // msal-node sorts the server errors it reads: InteractionRequiredAuthError when a user must act, ServerError otherwise.
    interactionRequired = errorType === 'InteractionRequiredAuthError';
    interactionEvidence = errorType;
  } else if (run.library === 'msal-node') {
    // A plain AuthError (post_request_failed) is an answer msal-node did not sort, so it says nothing here.
    interactionRequired = null;
    interactionEvidence = `${errorType}: msal-node did not sort this answer`;
  } else if (run.library === 'msal-python') {
    // MSAL Python has no exception for it. A silent call that failed with a suberror gets MSAL's own
    // "classification" key (its UI-required marker; some suberrors are blanked to ""), any other silent
    // failure none. Other flows are never classified, so they say nothing.
    if (run.flow === 'silent') {
      interactionRequired = first.classification !== undefined && first.classification !== null;
      interactionEvidence = interactionRequired ? `silent call; result carries classification=${JSON.stringify(first.classification)}` : 'silent call; no classification in the result';
    } else {
      interactionRequired = null;
      interactionEvidence = `MSAL Python classifies only silent failures; ${run.flow} is not one`;
    }
  } else {
    // @azure/identity wraps every MSAL failure it does not pass through in AuthenticationRequiredError
    // (throttling and a bad secret alike), keeping no cause: the type says nothing about interaction.
    interactionRequired = null;
    interactionEvidence = `${errorType}: @azure/identity raises it for every MSAL failure of this credential`;
  }
  const claims = first.claims ?? null;
  return { errorType, retriedByLibrary, repeatReachedServer, retryable, honouredRetryAfter, retryAfterSeconds, throttled, interactionRequired, interactionEvidence, claims, libraryMemory };
}

// ---------------------------------------------------------------------------------------------
// Fixtures

export interface ConformanceFixture {
  library: Library;
  version: string;
  scenario: ConformanceScenario;
  flow: DriverFlow;
  /** The library API that was called. */
  call: string;
  /** The text a developer would see or paste: the first call's result repr / error as printed. */
  output: string;
  /** What an identical second call printed (the library may answer it from its own memory). */
  repeatOutput: string | null;
  /** The error's fields as the library exposes them (text: String(err) for the JS libraries). */
  error: { name: string | null; text: string | null; errorCode: string | null; subError: string | null; status: number | null; classification: string | null } | null;
  requests: RequestSummary;
  expect: LibraryExpectation;
  /** The library's own log (MSAL Python DEBUG, msal-node verbose, @azure/identity verbose), trimmed. */
  log: string;
}

const LOG_LIMIT = 12_000;

export function toFixture(run: ConformanceRun): ConformanceFixture {
  const [first, second] = run.driver.calls;
  const log = run.library === 'azure-identity-js' ? run.stderr : run.driver.log;
  return {
    library: run.library,
    version: run.driver.version,
    scenario: run.scenario,
    flow: run.flow,
    call: callDescription(run.library, run.flow),
    output: first!.output,
    repeatOutput: second?.output ?? null,
    error:
      first!.kind === 'exception' || first!.error
        ? {
            name: first!.errorName ?? null,
            text: first!.text ?? null,
            errorCode: first!.errorCode ?? first!.error ?? null,
            subError: first!.subError ?? first!.suberror ?? null,
            status: first!.status ?? null,
            classification: first!.classification ?? null,
          }
        : null,
    requests: summarize(run),
    expect: deriveExpectation(run),
    log: log.length > LOG_LIMIT ? `${log.slice(0, LOG_LIMIT / 3)}\n… (${log.length - LOG_LIMIT} characters left out) …\n${log.slice(-(LOG_LIMIT * 2) / 3)}` : log,
  };
}

export function fixturePath(library: Library, scenario: ConformanceScenario): string {
  return join(FIXTURES_DIR, library, `${scenario}.json`);
}

/** The output with what changes from run to run (ids, times, ports, hashes) replaced by markers. */
export function outputShape(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<guid>')
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, '<time>')
    .replace(/(127\.0\.0\.1|localhost):\d+/g, '<host>')
    .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
    .replace(/\b\d{10,13}(\.\d+)?\b/g, '<epoch>');
}
