// Generates application logs in the style of MSAL Python, msal-node and MSAL.NET apps: mostly
// ordinary app lines, MSAL's own debug lines with correlation ids, token endpoint calls, a few
// (made-up, unsigned) JWTs, and auth failures on about 2% of the events, each with an AADSTS code,
// an OAuth error value, trace and correlation ids and a timestamp. Deterministic for a given seed, so
// every run and every size scans the same kind of text. No real secret or token ever appears: tokens
// carry invented claims and a random "signature".
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the output changes, so cached files from an older generator are not reused. */
export const GENERATOR_VERSION = 3;

/** Share of events that are auth failures. */
export const AUTH_ERROR_RATE = 0.02;

export const CODES: { code: number; error: string; desc: string }[] = [
  { code: 7000215, error: 'invalid_client', desc: 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.' },
  { code: 700016, error: 'unauthorized_client', desc: 'Application with identifier was not found in the directory.' },
  { code: 50076, error: 'interaction_required', desc: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.' },
  { code: 50079, error: 'interaction_required', desc: 'Due to a configuration change made by your administrator you must enroll in multi-factor authentication.' },
  { code: 65001, error: 'invalid_grant', desc: 'The user or administrator has not consented to use the application.' },
  { code: 53003, error: 'interaction_required', desc: 'Access has been blocked by Conditional Access policies.' },
  { code: 70008, error: 'invalid_grant', desc: 'The provided authorization code or refresh token has expired due to inactivity.' },
  { code: 700082, error: 'invalid_grant', desc: 'The refresh token has expired due to inactivity.' },
  { code: 50196, error: 'invalid_request', desc: 'The server terminated an operation because it encountered a client request loop.' },
  { code: 500011, error: 'invalid_resource', desc: 'The resource principal was not found in the tenant.' },
  { code: 90002, error: 'invalid_request', desc: 'Tenant not found. This may happen if there are no active subscriptions for the tenant.' },
  { code: 50126, error: 'invalid_grant', desc: 'Error validating credentials due to invalid username or password.' },
  { code: 50034, error: 'invalid_grant', desc: 'The user account does not exist in the directory.' },
  { code: 7000222, error: 'invalid_client', desc: 'The provided client secret keys are expired.' },
  { code: 50011, error: 'invalid_request', desc: 'The redirect URI specified in the request does not match the redirect URIs configured for the application.' },
  { code: 700024, error: 'invalid_client', desc: 'Client assertion is not within its valid time range.' },
  { code: 50058, error: 'interaction_required', desc: 'A silent sign-in request was sent but no user is signed in.' },
  { code: 900144, error: 'invalid_request', desc: "The request body must contain the following parameter: 'grant_type'." },
  { code: 50173, error: 'invalid_grant', desc: 'The provided grant has expired due to it being revoked.' },
  { code: 50020, error: 'invalid_request', desc: 'User account from identity provider does not exist in tenant and cannot access the application.' },
  { code: 700027, error: 'invalid_client', desc: 'Client assertion failed signature validation.' },
  { code: 50089, error: 'invalid_grant', desc: 'Flow token expired - authentication failed.' },
  { code: 9002313, error: 'invalid_request', desc: 'Invalid request. Request is malformed or invalid.' },
  { code: 1234567, error: 'temporarily_unavailable', desc: 'The server is temporarily too busy to handle the request.' },
];

const SCOPES = ['https://graph.microsoft.com/.default', 'api://orders-backend/.default', 'User.Read', 'openid profile offline_access'];
const TENANT = '00000000-0000-0000-0000-00000000a11e';
const CLIENTS = ['11111111-2222-3333-4444-555555555555', '22222222-3333-4444-5555-666666666666', '33333333-4444-5555-6666-777777777777'];

/** xorshift32: fast and reproducible; quality is irrelevant here. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  u32(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.u32() % items.length]!;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function guid(r: Rng): string {
  const a = r.u32();
  const b = r.u32();
  const c = r.u32();
  const d = r.u32();
  return (
    HEX[a >>> 24]! + HEX[(a >>> 16) & 255]! + HEX[(a >>> 8) & 255]! + HEX[a & 255]! + '-' +
    HEX[b >>> 24]! + HEX[(b >>> 16) & 255]! + '-' + HEX[(b >>> 8) & 255]! + HEX[b & 255]! + '-' +
    HEX[c >>> 24]! + HEX[(c >>> 16) & 255]! + '-' + HEX[c & 255]! + HEX[d >>> 24]! +
    HEX[(d >>> 16) & 255]! + HEX[(d >>> 8) & 255]! + HEX[d & 255]! + HEX[(a ^ d) & 255]!
  );
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A few unsigned, made-up tokens (fixed `iat` so files are reproducible); the "signature" is random text. */
export function fakeTokens(r: Rng, count = 16): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'bench-fake-key-not-real' }));
    const appOnly = i % 2 === 0;
    const payload: Record<string, unknown> = {
      aud: i % 3 === 0 ? 'https://graph.microsoft.com' : 'api://orders-backend',
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      iat: 1795166071 + i * 60,
      nbf: 1795166071 + i * 60,
      exp: 1795169671 + i * 60,
      azp: CLIENTS[i % CLIENTS.length],
      oid: guid(r),
      sub: guid(r),
      tid: TENANT,
      ver: '2.0',
      uti: 'bench' + i,
    };
    // Vary the shapes a decoder meets: v1 tokens, Graph tokens, and extra claims on some.
    if (i % 5 === 1) {
      payload.ver = '1.0';
      payload.iss = `https://sts.windows.net/${TENANT}/`;
      payload.appid = payload.azp;
      delete payload.azp;
    }
    if (i % 7 === 3) {
      payload.xms_cc = ['cp1'];
      payload.acrs = ['c1'];
      payload.wids = ['b79fbf4d-3ef9-4689-8143-76b194e85509'];
    }
    if (appOnly) payload.roles = ['Orders.Read.All'];
    else {
      payload.scp = 'User.Read Orders.Read';
      payload.name = 'Sample User';
      payload.preferred_username = 'sample.user@contoso.example';
    }
    let sig = '';
    for (let k = 0; k < 342; k++) sig += B64URL[r.int(64)];
    out.push(`${header}.${b64url(JSON.stringify(payload))}.${sig}`);
  }
  return out;
}

type Style = 'python' | 'node' | 'dotnet';
const STYLES: Style[] = ['python', 'node', 'dotnet'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A clock that formats only when the second changes (formatting dates is the generator's hot spot). */
class Clock {
  ms = Date.UTC(2026, 10, 20, 9, 14, 3);
  private second = -1;
  private isoSec = '';
  private rfc = '';
  tick(r: Rng): void {
    this.ms += 1 + r.int(40);
    const s = Math.floor(this.ms / 1000);
    if (s !== this.second) {
      this.second = s;
      const d = new Date(s * 1000);
      this.isoSec = d.toISOString().slice(0, 19);
      this.rfc = `${DAYS[d.getUTCDay()]}, ${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${this.isoSec.slice(11)} GMT`;
    }
  }
  private millis(): string {
    const m = this.ms % 1000;
    return m < 10 ? `00${m}` : m < 100 ? `0${m}` : String(m);
  }
  /** 2026-11-20 09:14:03,123 */
  python(): string {
    return `${this.isoSec.slice(0, 10)} ${this.isoSec.slice(11)},${this.millis()}`;
  }
  /** 2026-11-20T09:14:03.123Z */
  iso(): string {
    return `${this.isoSec}.${this.millis()}Z`;
  }
  /** 2026-11-20 09:14:03.123 +00:00 */
  dotnet(): string {
    return `${this.isoSec.slice(0, 10)} ${this.isoSec.slice(11)}.${this.millis()} +00:00`;
  }
  /** 2026-11-20 09:14:03Z (what Entra puts in error descriptions) */
  entra(): string {
    return `${this.isoSec.slice(0, 10)} ${this.isoSec.slice(11)}Z`;
  }
  rfc1123(): string {
    return this.rfc;
  }
}

const PY_NOISE = [
  (r: Rng) => `INFO    orders.web: GET /api/orders/${r.int(90000)} 200 ${r.int(80)}ms`,
  (r: Rng) => `INFO    orders.web: Scheduled job sync-inventory finished in ${r.int(2000)} ms`,
  (r: Rng) => `DEBUG   orders.db: query orders_by_customer took ${r.int(50)}.${r.int(10)} ms (rows=${r.int(500)})`,
  (r: Rng) => `INFO    orders.web: Worker heartbeat ok (queue depth ${r.int(40)})`,
  (r: Rng) => `WARNING orders.web: slow request POST /api/checkout took ${900 + r.int(3000)} ms; retrying after error budget check`,
  (r: Rng) => `DEBUG   urllib3.connectionpool: https://inventory.internal.example:443 "GET /v1/items?page=${r.int(300)} HTTP/1.1" 200 ${r.int(90000)}`,
  (r: Rng) => `INFO    orders.web: GET /static/app.${r.int(9)}.css 304`,
  (r: Rng) => `DEBUG   orders.cache: hit ratio 0.${r.int(99)} over ${r.int(10000)} lookups; stack trace sampling disabled`,
];
const NODE_NOISE = [
  (r: Rng) => `"msg": "GET /api/customers/${r.int(9000)} 200 ${r.int(90)}ms"`,
  (r: Rng) => `"msg": "POST /api/orders 201 ${r.int(200)}ms"`,
  (r: Rng) => `"msg": "job reconcile done in ${r.int(900)}ms"`,
  (r: Rng) => `"msg": "websocket client connected (${r.int(300)} open)"`,
  (r: Rng) => `"msg": "GET /healthz 200 ${r.int(3)}ms"`,
  (r: Rng) => `"msg": "error rate for upstream inventory is ${r.int(3)}.${r.int(10)}% (threshold 5%)"`,
];
const DOTNET_NOISE = [
  (r: Rng) => `[INF] Microsoft.AspNetCore.Hosting.Diagnostics: Request finished in ${r.int(90)}.${r.int(10)}ms 200 application/json`,
  () => `[INF] Microsoft.AspNetCore.Hosting.Diagnostics: Request starting HTTP/1.1 GET http://localhost:5000/api/orders`,
  () => `[INF] Microsoft.AspNetCore.Routing.EndpointMiddleware: Executed endpoint 'Orders.Api.OrdersController.Get'`,
  (r: Rng) => `[DBG] Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand (${r.int(40)}ms) [Parameters=[@__p_0='${r.int(900)}'], CommandType='Text', CommandTimeout='30']`,
  () => `[INF] Microsoft.Extensions.Diagnostics.HealthChecks: Health check Database completed with status Healthy`,
  (r: Rng) => `[WRN] Orders.Api.Jobs: Job ${r.int(99999)} retried after transient error; next attempt in ${r.int(30)}s`,
];

/**
 * Writes about `targetBytes` of log text through `write`, in chunks of about `chunkBytes`. Returns
 * the exact number of bytes written and how many lines/auth failures it contains.
 */
export function generateLog(
  targetBytes: number,
  write: (chunk: string) => void,
  options: { seed?: number; chunkBytes?: number } = {},
): { bytes: number; lines: number; authErrors: number; tokens: number } {
  const r = new Rng(options.seed ?? 20261124);
  const clock = new Clock();
  const tokens = fakeTokens(r);
  const chunkBytes = options.chunkBytes ?? 4 * 1024 * 1024;
  let bytes = 0;
  let lines = 0;
  let authErrors = 0;
  let tokenCount = 0;
  let parts: string[] = [];
  let partBytes = 0;
  let style: Style = 'python';
  let styleLeft = 0;

  const emit = (line: string): void => {
    parts.push(line);
    partBytes += line.length + 1; // ASCII only: length equals bytes
    lines++;
  };

  while (bytes + partBytes < targetBytes) {
    if (styleLeft-- <= 0) {
      // Long runs of one app's log, as when several services' logs are collected into one file.
      style = STYLES[r.int(3)]!;
      styleLeft = 2000 + r.int(20000);
    }
    clock.tick(r);
    const roll = r.next();
    if (roll < AUTH_ERROR_RATE) {
      authErrors++;
      emitAuthError(style, r, clock, emit);
    } else if (roll < AUTH_ERROR_RATE + 0.05) {
      emitMsalDebug(style, r, clock, emit);
    } else if (roll < AUTH_ERROR_RATE + 0.07) {
      emitTokenCall(style, r, clock, emit);
    } else if (roll < AUTH_ERROR_RATE + 0.073) {
      tokenCount++;
      const t = tokens[r.int(tokens.length)]!;
      if (style === 'python') emit(`${clock.python()} DEBUG   orders.auth: Authorization: Bearer ${t}`);
      else if (style === 'node') emit(`{"level": "debug", "time": "${clock.iso()}", "pid": 4242, "hostname": "orders-api-7d9f", "msg": "id token received: ${t}"}`);
      else emit(`${clock.dotnet()} [DBG] Orders.Api.Auth: Access token for backend: ${t}`);
    } else if (style === 'python') emit(`${clock.python()} ${r.pick(PY_NOISE)(r)}`);
    else if (style === 'node') emit(`{"level": "info", "time": "${clock.iso()}", "pid": 4242, "hostname": "orders-api-7d9f", ${r.pick(NODE_NOISE)(r)}}`);
    else emit(`${clock.dotnet()} ${r.pick(DOTNET_NOISE)(r)}`);

    if (partBytes >= chunkBytes) {
      write(parts.join('\n') + '\n');
      bytes += partBytes;
      parts = [];
      partBytes = 0;
    }
  }
  if (parts.length) {
    write(parts.join('\n') + '\n');
    bytes += partBytes;
  }
  return { bytes, lines, authErrors, tokens: tokenCount };
}

function emitAuthError(style: Style, r: Rng, clock: Clock, emit: (line: string) => void): void {
  const c = CODES[r.int(CODES.length)]!;
  const trace = guid(r);
  const corr = guid(r);
  const ts = clock.entra();
  const desc = `AADSTS${c.code}: ${c.desc} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`;
  if (style === 'python') {
    emit(
      `${clock.python()} ERROR   orders.auth: Token request failed: {'error': '${c.error}', 'error_description': '${desc}', ` +
        `'error_codes': [${c.code}], 'timestamp': '${ts}', 'trace_id': '${trace}', 'correlation_id': '${corr}', ` +
        `'error_uri': 'https://login.microsoftonline.com/error?code=${c.code}'}`,
    );
  } else if (style === 'node') {
    emit(
      `{"level": "error", "time": "${clock.iso()}", "pid": 4242, "hostname": "orders-api-7d9f", "msg": "ServerError: ${c.error}: ` +
        `Error(s): ${c.code} - Timestamp: ${ts} - Description: ${desc} - Correlation ID: ${corr} - Trace ID: ${trace}"}`,
    );
  } else {
    const kind = c.error === 'interaction_required' ? 'MsalUiRequiredException' : 'MsalServiceException';
    emit(`${clock.dotnet()} [ERR] Orders.Api.Auth: Microsoft.Identity.Client.${kind}: ${desc}`);
    emit(`   ErrorCode: ${c.error}`);
    emit(`   StatusCode: ${c.error === 'temporarily_unavailable' ? 503 : 400}`);
    emit(`   CorrelationId: ${corr}`);
  }
}

function emitMsalDebug(style: Style, r: Rng, clock: Clock, emit: (line: string) => void): void {
  const corr = guid(r);
  const scope = r.pick(SCOPES);
  if (style === 'python') {
    emit(`${clock.python()} DEBUG   msal.application: acquire_token_for_client(scopes=['${scope}']) correlation_id=${corr}`);
  } else if (style === 'node') {
    emit(`[${clock.rfc1123()}] : [${corr}] : @azure/msal-node@2.15.0 : Info - acquireTokenByClientCredential called for scopes ${scope}`);
  } else {
    emit(
      `${clock.dotnet()} [DBG] Orders.Api.Auth: MSAL 4.87.0.0 MSAL.NetCore .NET 8.0.11 Linux [${clock.iso()} - ${corr}] ` +
        `=== Token Acquisition (ClientCredentialRequest) started: Scopes: ${scope}`,
    );
  }
}

function emitTokenCall(style: Style, r: Rng, clock: Clock, emit: (line: string) => void): void {
  const client = r.pick(CLIENTS);
  if (style === 'python') {
    emit(
      `${clock.python()} DEBUG   urllib3.connectionpool: https://login.microsoftonline.com:443 "POST /${TENANT}/oauth2/v2.0/token HTTP/1.1" 200 ${1200 + r.int(800)}`,
    );
  } else if (style === 'node') {
    emit(
      `{"level": "debug", "time": "${clock.iso()}", "pid": 4242, "hostname": "orders-api-7d9f", "msg": "POST https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token client_id=${client} 200 ${r.int(300)}ms"}`,
    );
  } else {
    emit(
      `${clock.dotnet()} [DBG] System.Net.Http.HttpClient.msal.LogicalHandler: Sending HTTP request POST https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token client-request-id: ${guid(r)}`,
    );
  }
}

/** The log as one string (for in-memory documents). */
export function generateLogText(targetBytes: number, seed?: number): string {
  const parts: string[] = [];
  generateLog(targetBytes, (c) => parts.push(c), { seed });
  return parts.join('');
}

export function logFilePath(dir: string, targetBytes: number): string {
  return join(dir, `msal-apps-v${GENERATOR_VERSION}-${targetBytes}.log`);
}

/**
 * A generated log of about `targetBytes` in `dir`, reused when an earlier run left one of the same
 * size and generator version. Written to a temporary name first so an interrupted run never leaves
 * a short file behind under the final name.
 */
export function ensureLogFile(dir: string, targetBytes: number): { path: string; bytes: number; generatedSeconds: number | null } {
  mkdirSync(dir, { recursive: true });
  const path = logFilePath(dir, targetBytes);
  if (existsSync(path)) return { path, bytes: statSync(path).size, generatedSeconds: null };
  const tmp = `${path}.partial-${process.pid}`;
  const fd = openSync(tmp, 'w');
  const t0 = performance.now();
  try {
    generateLog(targetBytes, (chunk) => {
      const buf = Buffer.from(chunk, 'latin1');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off);
    });
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    // A full disk must not leave a half-written gigabyte behind.
    rmSync(tmp, { force: true });
    throw error;
  }
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size, generatedSeconds: (performance.now() - t0) / 1000 };
}

// `tsx bench/lib/gen-log.ts OUT_FILE_OR_DIR MEGABYTES` writes one log (handy for trying the CLI by hand).
if (process.argv[1] && /gen-log\.[cm]?[jt]s$/.test(process.argv[1])) {
  const target = Math.round(Number(process.argv[3] ?? '10') * 1024 * 1024);
  const res = ensureLogFile(process.argv[2] ?? '.', target);
  console.log(`${res.path} ${res.bytes} bytes`);
}
