// Adversarial megabyte inputs for every parser, and the cost each one is allowed. The bound is a
// liveness check against catastrophic backtracking and quadratic rescans, not a speed target: it is a
// multiple of what redacting an ordinary log costs on this machine in this run, so a loaded or slow
// machine moves the bound with it, while a super-linear parser blows through it by orders of magnitude.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseApiAnswer } from '../../src/core/api/diagnose';
import { readExchange } from '../../src/core/api/exchange';
import { redactSecrets } from '../../src/core/redact';
import { createRedactStream } from '../../src/core/redact-stream';
import { decodeToken } from '../../src/core/jwt/decode';
import { createScanner, findAtPosition, scanText } from '../../src/core/scan';
import { classify, classifyResponse, parseHttpMessage, parsePythonRepr, parseRetryAfter, parseWwwAuthenticate } from '../../src/core/classify';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol';
import { validateRegistrations, checkPem } from '../../src/extension/settings';
import { validateAppRegistration } from '../../src/core/client/registration';

// Linear parsers cost at most about 5× the reference on their worst input (measured on a quiet
// machine); backtracking or a rescan per character costs tens to thousands of times more.
// AUTH_LENS_LIVENESS_TIMES changes the multiple.
export const LIMIT_TIMES_REFERENCE = Number(process.env['AUTH_LENS_LIVENESS_TIMES'] ?? 10);
const MB = 1024 * 1024;

/** Repeats `unit` to exactly `bytes` characters (all inputs here are ASCII, so characters are bytes). */
export function fill(unit: string, bytes: number, head = '', tail = ''): string {
  const body = bytes - head.length - tail.length;
  return head + unit.repeat(Math.ceil(body / unit.length)).slice(0, Math.max(0, body)) + tail;
}

/** The runs that break naive parsers: long repeats of what each one keys on. */
export const ADVERSARIAL_UNITS: Readonly<Record<string, string>> = {
  aadsts: 'AADSTS',
  aadstsDigits: 'AADSTS5007',
  quotes: '"',
  singleQuotes: "'",
  backslashes: '\\',
  escapedQuotes: '\\"',
  equals: '=',
  eyJ: 'eyJ',
  eyJdot: 'eyJ.',
  eyJsegments: 'eyJhbGciOi.',
  braces: '{',
  brackets: '[',
  dictOpen: "{'a': ",
  jsonOpen: '{"error":',
  crlfEscapes: '\\r\\n',
  crlf: '\r\n',
  bearer: 'Bearer ',
  wwwCommas: 'a=b, ',
  wwwQuoted: 'realm="x\\", ',
  secretKeys: 'client_secret=',
  passwordChain: 'password=code:',
  errorKeys: 'error=',
  errorWords: "error: 'invalid_",
  correlation: 'Correlation ID: ',
  guidish: '0bdb8a49-2d7b-4a2b-9f5b-',
  headers: 'X-A: b\r\n',
  digits: '1234567890',
  cookie: 'Cookie: a=',
  pem: '-----BEGIN A-----\n',
  // What the redactor's key-name and value-shape passes key on (src/core/redact-keys.ts, redact-shapes.ts).
  tilde: 'aB3~',
  percentEscapes: 'key%3D',
  yamlNextLine: 'secret:\n  ',
  yamlBlock: 'password: |\n',
  flags: '--client-secret ',
  refreshTokens: '0.AXoA',
  userinfo: '://u:p@',
  urlWithoutUserinfo: '://a',
  gluedWeakKeys: 'key=a ',
  openConnectionBraces: ';Pwd={',
  argvFlags: "'-p', '",
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n',
  // What the Token vs API reader keys on (src/core/api): request lines, messages it quotes values from.
  requestLines: 'GET /a HTTP/1.1\n',
  authorization: 'Authorization: Bearer eyJ',
  audienceFound: 'Invalid audience. Expected a, found: ab.',
  scopeDots: 'requires scope a.',
  idxQuotes: "IDX10205: Issuer: '",
  rbacLabels: "Action: 'a/",
};

export interface LivenessTarget {
  name: string;
  /** Inputs this target is fed besides the shared adversarial units. */
  run(input: string): unknown;
}

export const TARGETS: readonly LivenessTarget[] = [
  { name: 'redactSecrets', run: (s) => redactSecrets(s, ['Kq8~fuzzSecretValue']) },
  {
    // auth-lens redact: the same redaction, cut into pieces at safe lines as text arrives.
    name: 'createRedactStream (64 KiB pieces)',
    run: (s) => {
      const stream = createRedactStream(undefined, { chunkChars: 65536 });
      let out = '';
      for (let i = 0; i < s.length; i += 65536) out += stream.push(s.slice(i, i + 65536));
      return out + stream.end();
    },
  },
  { name: 'decodeToken', run: (s) => decodeToken(s) },
  { name: 'scanText', run: (s) => scanText(s) },
  {
    name: 'scanner (64 KiB byte chunks)',
    run: (s) => {
      const bytes = Buffer.from(s, 'latin1');
      const scanner = createScanner();
      for (let i = 0; i < bytes.length; i += 65536) scanner.push(bytes.subarray(i, i + 65536));
      return scanner.end();
    },
  },
  { name: 'findAtPosition', run: (s) => [findAtPosition(s, 0), findAtPosition(s, s.length >> 1), findAtPosition(s, s.length)] },
  { name: 'classify', run: (s) => classify(s) },
  { name: 'classifyResponse', run: (s) => classifyResponse({ status: 401, headers: { 'www-authenticate': s, 'retry-after': s }, body: s }) },
  { name: 'parsePythonRepr', run: (s) => parsePythonRepr(s) },
  { name: 'parseWwwAuthenticate', run: (s) => parseWwwAuthenticate([s, s]) },
  { name: 'parseRetryAfter', run: (s) => parseRetryAfter(s, new Date()) },
  { name: 'parseHttpMessage', run: (s) => parseHttpMessage(`HTTP/1.1 401 x\r\n${s}`) },
  { name: 'parseHostMessage', run: (s) => parseHostMessage({ type: 'error', message: s }) },
  { name: 'parseWebviewMessage', run: (s) => parseWebviewMessage({ type: 'copy', text: s }) },
  { name: 'validateRegistrations', run: (s) => validateRegistrations([{ name: s, clientId: s, flow: 'device_code', scopes: [s], tenant: s, authority: s }]) },
  { name: 'validateAppRegistration', run: (s) => validateAppRegistration({ name: s, clientId: s, flow: 'device_code', scopes: [s], tenant: s, redirectUri: s }) },
  { name: 'checkPem', run: (s) => [checkPem(s, 'key'), checkPem(s, 'certificate')] },
  { name: 'diagnoseApiAnswer', run: (s) => diagnoseApiAnswer(`GET https://graph.microsoft.com/v1.0/me\nAuthorization: Bearer ${s.slice(0, 1000)}\n\nHTTP/1.1 403 Forbidden\n\n${s}`) },
  { name: 'readExchange', run: (s) => readExchange(s) },
];

export interface Measurement {
  target: string;
  unit: string;
  bytes: number;
  bestMs: number;
  msPerMb: number;
}

/** CPU time of this process in ms: unlike wall time, it does not grow while other jobs hold the cores. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// A megabyte of the sample MSAL logs, read once.
let ordinaryLog: string | undefined;

/**
 * The reference cost: redacting an ordinary megabyte of MSAL logs (the samples), in ms/MB, on this
 * machine now. Every liveness bound is a multiple of it.
 */
export function referenceMsPerMb(): number {
  ordinaryLog ??= fill(['msal-python-app.log', 'msal-node-app.log', 'msal-dotnet-app.log'].map((f) => readFileSync(join(__dirname, '..', '..', 'samples', f), 'utf8')).join('\n'), MB);
  const text = ordinaryLog;
  const target: LivenessTarget = { name: 'reference', run: (s) => redactSecrets(s) };
  target.run(text.slice(0, 65_536));
  return measure(target, 'ordinary log', text, 5, 0).msPerMb;
}

/** Best of `tries` runs (fewer once one is under `clearBelow` ms/MB): the shared machine adds noise, never removes it. */
export function measure(target: LivenessTarget, unitName: string, input: string, tries = 3, clearBelow = 0): Measurement {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    target.run(input);
    // CPU time includes the garbage collector's helper threads; wall time includes waiting for a core.
    // The smaller of the two is the closest to the work the call itself did.
    best = Math.min(best, cpuMs() - cpu0, performance.now() - wall0);
    // A clear pass needs no further tries.
    if (best / (input.length / MB) < clearBelow) break;
  }
  return { target: target.name, unit: unitName, bytes: input.length, bestMs: best, msPerMb: best / (input.length / MB) };
}

export { MB };
