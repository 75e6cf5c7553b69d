// `auth-lens token …`: acquires a token with any flow the token client supports and prints the
// classified outcome, the token's decoded claims (signature never shown) and the retry timeline.
// Secrets come from the environment or stdin, never from argv (argv lands in shell history and `ps`).
import { spawn } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import {
  validateAppRegistration,
  CLOUDS,
  FLOWS,
  createTokenClient,
  type AcquireOptions,
  type DeviceCodeInfo,
  type TokenResult,
} from '../core/client/index';
import { actorLabel, appActionLabel, categoryLabel } from '../core/format/labels';
import { decodeToken } from '../core/jwt/decode';
import { redactSecrets } from '../core/redact';
import type { Classification, DecodedToken, Timeline } from '../core/types';
import { type CommandSpec, type OptionDef, type ParsedArgs, runCommand } from './command';
import type { CliIo } from './io';
import { CliError, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, errorReason, redactedJson, readInputHead, safeArg, style, table, wrap } from './util';

/** A token acquisition that did not produce a token. */
export const EXIT_ACQUISITION_FAILED = 4;
export const DEFAULT_SECRET_ENV = 'AUTH_LENS_CLIENT_SECRET';
export const DEFAULT_REFRESH_TOKEN_ENV = 'AUTH_LENS_REFRESH_TOKEN';

const SETTINGS = 'Settings (a profile file and/or flags; flags win):';
const SECRETS = 'Secrets (never on the command line):';
const BEHAVIOUR = 'Behaviour:';

/** Secrets on the command line end up in shell history and process lists: these names are refused. */
function refusedSecret(name: string): OptionDef {
  const refresh = name === 'refresh-token';
  return {
    name,
    help: '',
    refused:
      `--${name} is refused: secrets on the command line end up in shell history and process lists. ` +
      `Put it in an environment variable (${refresh ? `${DEFAULT_REFRESH_TOKEN_ENV} or --refresh-token-env NAME` : `${DEFAULT_SECRET_ENV} or --secret-env NAME`}) ` +
      `or pipe it in with ${refresh ? '--refresh-token-stdin' : '--secret-stdin'}.`,
  };
}

export const TOKEN: CommandSpec = {
  name: 'token',
  usage: ['token [--profile FILE [--name NAME]] [options]'],
  about: `Acquires a token from Microsoft Entra ID (or any OpenID Connect issuer) with the chosen flow and prints
what happened: the classified outcome, the decoded claims of the token (signature never shown) and the
timeline of every HTTP attempt with its request ids, Retry-After and what the client decided and why.
The token itself is never printed.`,
  options: [
    {
      group: SETTINGS,
      name: 'profile',
      value: 'FILE',
      help: "JSON with the app registration shape used by VS Code's authLens.appRegistrations (one object, an array, or a settings.json fragment; pick an entry of a list with --name)",
    },
    { group: SETTINGS, name: 'name', value: 'NAME', help: 'which entry of a list to use' },
    { group: SETTINGS, name: 'flow', value: 'FLOW', help: FLOWS.join(' | ') },
    { group: SETTINGS, name: 'client-id', value: 'ID', help: 'application (client) id' },
    {
      group: SETTINGS,
      name: 'authority',
      value: 'URL',
      help: 'https://login.microsoftonline.com/<tenant>, a B2C or External ID authority, or any OpenID Connect issuer (discovered)',
    },
    { group: SETTINGS, name: 'cloud', value: 'CLOUD', help: `${CLOUDS.join(' | ')} (with --tenant, instead of --authority)` },
    { group: SETTINGS, name: 'tenant', value: 'TENANT', help: 'GUID, domain, common, organizations or consumers' },
    { group: SETTINGS, name: 'scope', value: '"A B"', help: 'scopes, space or comma separated (e.g. https://graph.microsoft.com/.default)' },
    { group: SETTINGS, name: 'redirect-uri', value: 'URI', help: 'loopback redirect URI for auth_code_pkce (default http://127.0.0.1/)' },
    { group: SETTINGS, name: 'cert', value: 'FILE', help: 'PEM certificate for client_certificate' },
    { group: SETTINGS, name: 'key', value: 'FILE', help: 'PEM private key for client_certificate' },
    { group: SETTINGS, name: 'thumbprint', value: 'HEX', help: 'expected certificate thumbprint (checked against --cert)' },
    { group: SETTINGS, name: 'alg', value: 'RS256|PS256', help: 'client assertion signature algorithm (default RS256)' },
    { group: SETTINGS, name: 'capabilities', value: 'cp1', help: 'client capabilities sent in the claims parameter' },
    { group: SETTINGS, name: 'claims', value: 'JSON|BASE64', help: 'a claims challenge to pass back (from an error body or WWW-Authenticate)' },
    { group: SETTINGS, name: 'spa-origin', value: 'ORIGIN', help: 'send an Origin header (single-page app registrations)' },
    { group: SETTINGS, name: 'token-endpoint', value: 'URL', help: 'token endpoint for issuers without a discovery document' },
    { group: SECRETS, name: 'secret-env', value: 'NAME', help: `read the client secret from this environment variable (default ${DEFAULT_SECRET_ENV}, when set)` },
    { group: SECRETS, name: 'secret-stdin', help: 'read the client secret from standard input (16 KB at most)' },
    { group: SECRETS, name: 'refresh-token-env', value: 'NAME', help: `refresh token for the refresh_token flow (default ${DEFAULT_REFRESH_TOKEN_ENV})` },
    { group: SECRETS, name: 'refresh-token-stdin', help: 'read the refresh token from standard input (16 KB at most)' },
    ...['secret', 'client-secret', 'refresh-token', 'password', 'client_secret'].map(refusedSecret),
    { group: BEHAVIOUR, name: 'timeout', value: 'SECONDS', help: 'per-attempt time limit (default 30)' },
    { group: BEHAVIOUR, name: 'max-wait', value: 'SECONDS', help: 'longest total Retry-After wait before giving up (default 60)' },
    { group: BEHAVIOUR, name: 'ca', value: 'FILE', help: 'extra trusted CA certificate (PEM) for TLS, e.g. a local test authority' },
    { group: BEHAVIOUR, name: 'no-open', help: 'auth_code_pkce: print the sign-in URL instead of opening a browser' },
    { group: BEHAVIOUR, name: 'json', help: 'print {classification, timeline, token, idToken, settingsErrors} as JSON' },
  ],
  notes: 'Proxies: HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured.',
  exit: `Exit status: 0 token acquired, 2 usage or settings error, 3 unreadable profile/certificate/stdin,
4 the acquisition failed (the classification says why).`,
  run: runToken,
};

/** In-process entry for tests: parse, help and errors as `auth-lens token` has them. */
export function runTokenCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand(TOKEN, argv, io);
}

/** A profile file: one registration, a list of them, or a settings.json fragment with authLens.appRegistrations. */
function pickProfile(data: unknown, name: string | undefined, file: string): Record<string, unknown> {
  let list: unknown[];
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>)['authLens.appRegistrations'])) {
    list = (data as Record<string, unknown[]>)['authLens.appRegistrations']!;
  } else if (data && typeof data === 'object') {
    if (name !== undefined && (data as Record<string, unknown>).name !== name) {
      throw new CliError(`token: ${safeArg(file)} holds one registration, not one named "${safeArg(name)}"`, EXIT_USAGE);
    }
    return { ...(data as Record<string, unknown>) };
  } else throw new CliError(`token: ${safeArg(file)} must hold a JSON object or a list of registrations`, EXIT_UNREADABLE);
  const objects = list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
  // Nothing to choose from: say what an entry must be, not "choose one with --name".
  if (objects.length === 0) {
    const what = list.length === 0 ? 'is an empty list' : `lists ${list.length} ${list.length === 1 ? 'entry' : 'entries'} but none is a registration object`;
    throw new CliError(`token: ${safeArg(file)} ${what}; each registration must be a JSON object with clientId, flow and scopes`, EXIT_UNREADABLE);
  }
  if (name !== undefined) {
    const found = objects.find((o) => o.name === name);
    if (!found) {
      const names = objects.map((o) => (typeof o.name === 'string' ? `"${o.name}"` : '(unnamed)')).join(', ');
      throw new CliError(`token: no registration named "${safeArg(name)}" in ${safeArg(file)} (have: ${names || 'none'})`, EXIT_USAGE);
    }
    return { ...found };
  }
  if (objects.length === 1) return { ...objects[0]! };
  throw new CliError(`token: ${safeArg(file)} lists ${objects.length} registrations; choose one with --name`, EXIT_USAGE);
}

/** A validation message on one line, with anything secret-looking removed. */
function oneLine(problem: string): string {
  return redactSecrets(problem.replace(/\s+/g, ' ').trim());
}

/** Reads at most MAX_INPUT_FILE_BYTES (+1 to detect overflow) so /dev/zero or a FIFO cannot fill memory; null when larger. */
async function readCapped(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_INPUT_FILE_BYTES + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled > MAX_INPUT_FILE_BYTES ? null : buffer.toString('utf8', 0, filled);
  } finally {
    await handle.close();
  }
}

function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Profiles, PEM files and CA bundles are kilobytes; anything past this is the wrong file, refused before reading it. */
const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024;

async function readText(path: string, what: string): Promise<string> {
  try {
    const info = await stat(path);
    // Only regular files have a size worth checking; a pipe or device is read (and capped) below.
    if (info.isFile() && info.size > MAX_INPUT_FILE_BYTES) {
      throw new CliError(`token: ${what} ${safeArg(path)} is ${Math.round(info.size / 1024 / 1024)} MB; a ${what} file is a few kilobytes, so this is not the right file`, EXIT_UNREADABLE);
    }
    if (info.isDirectory()) throw new CliError(`token: ${what} ${safeArg(path)} is a directory, not a file`, EXIT_UNREADABLE);
    const text = await readCapped(path);
    if (text === null) throw new CliError(`token: ${what} ${safeArg(path)} is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB; this is not the right file`, EXIT_UNREADABLE);
    return text;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`token: cannot read ${what} ${safeArg(path)}: ${errorReason(err)}`, EXIT_UNREADABLE);
  }
}

/** A client secret is under 100 characters and a refresh token a few KB: more is something else piped in by mistake. */
const MAX_STDIN_SECRET_BYTES = 16 * 1024;

/** Reads a secret from standard input without ever holding more than the cap, so a huge pipe cannot fill memory. */
async function readStdinSecret(io: CliIo, flag: string, what: string): Promise<string> {
  // An unreadable stdin is reported by readInputHead (exit 3).
  const head = await readInputHead('-', io, 'token', MAX_STDIN_SECRET_BYTES);
  if (head.truncated) {
    throw new CliError(`token: standard input holds more than ${MAX_STDIN_SECRET_BYTES / 1024} KB; ${flag} expects ${what} alone, which is far shorter`, EXIT_USAGE);
  }
  return head.text;
}

function positiveSeconds(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`token: --${option} needs a number of seconds (got "${safeArg(value)}")`, EXIT_USAGE);
  return n;
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is printed as well; a missing opener is not fatal.
  }
}

async function runToken(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length > 0) throw new CliError(`token: unexpected argument ${safeArg(args.positionals[0]!)} (see auth-lens token --help)`, EXIT_USAGE);
  if (args.flags.has('secret-stdin') && args.flags.has('refresh-token-stdin')) {
    throw new CliError('token: --secret-stdin and --refresh-token-stdin cannot both read standard input; put one in an environment variable', EXIT_USAGE);
  }

  // Settings: profile first, flags on top.
  let settings: Record<string, unknown> = {};
  const profile = args.options.get('profile');
  if (profile !== undefined) {
    const text = await readText(profile, 'profile');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // The parser's own message can quote the file's text (which may hold a secret), so it is not repeated.
      const binary = /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text.slice(0, 4096));
      throw new CliError(
        `token: ${safeArg(profile)} is not valid JSON${binary ? ' (it holds binary bytes, not text)' : ''}; a profile is one registration object, a list of them, or a settings.json with "authLens.appRegistrations" (without comments)`,
        EXIT_UNREADABLE,
      );
    }
    settings = pickProfile(data, args.options.get('name'), profile);
  } else if (args.options.has('name')) {
    throw new CliError('token: --name selects an entry of --profile FILE; give --profile too', EXIT_USAGE);
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined) settings[key] = value;
  };
  set('flow', args.options.get('flow'));
  set('clientId', args.options.get('client-id'));
  set('authority', args.options.get('authority'));
  set('cloud', args.options.get('cloud'));
  set('tenant', args.options.get('tenant'));
  const scope = args.options.get('scope');
  if (scope !== undefined) settings.scopes = splitList(scope);
  set('redirectUri', args.options.get('redirect-uri'));
  const caps = args.options.get('capabilities');
  if (caps !== undefined) settings.clientCapabilities = splitList(caps);
  set('spaOrigin', args.options.get('spa-origin'));
  const tokenEndpoint = args.options.get('token-endpoint');
  if (tokenEndpoint !== undefined) settings.endpoints = { ...((settings.endpoints as object | undefined) ?? {}), token: tokenEndpoint };
  const certPath = args.options.get('cert');
  const keyPath = args.options.get('key');
  const thumbprint = args.options.get('thumbprint');
  const alg = args.options.get('alg');
  if (certPath !== undefined || keyPath !== undefined || thumbprint !== undefined || alg !== undefined) {
    const certificate = { ...((settings.certificate as Record<string, unknown> | undefined) ?? {}) };
    if (certPath !== undefined) certificate.certPath = certPath;
    if (keyPath !== undefined) certificate.keyPath = keyPath;
    if (thumbprint !== undefined) certificate.thumbprint = thumbprint;
    if (alg !== undefined) certificate.algorithm = alg.toUpperCase();
    settings.certificate = certificate;
  }
  // Entries copied from VS Code settings name the certificate the extension's way; the key is not in
  // settings there (it lives in secret storage), so --key supplies it here.
  if (typeof settings.certificatePath === 'string' || typeof settings.certificateThumbprint === 'string') {
    const certificate = { ...((settings.certificate as Record<string, unknown> | undefined) ?? {}) };
    if (typeof settings.certificatePath === 'string' && certificate.certPath === undefined) certificate.certPath = settings.certificatePath;
    if (typeof settings.certificateThumbprint === 'string' && certificate.thumbprint === undefined) certificate.thumbprint = settings.certificateThumbprint;
    delete settings.certificatePath;
    delete settings.certificateThumbprint;
    settings.certificate = certificate;
  }
  if (settings.flow === 'auth_code_pkce' && settings.redirectUri === undefined) settings.redirectUri = 'http://127.0.0.1/';

  const parsed = validateAppRegistration(settings);
  if (!parsed.ok) {
    // One line, every problem named by field, so scripts and people read the same message.
    const from = profile !== undefined ? ` from ${safeArg(profile)}` : '';
    throw new CliError(`token: the settings${from} are not usable: ${parsed.errors.map(oneLine).join('; ')}`, EXIT_USAGE);
  }
  const registration = parsed.value;

  // Secrets: env or stdin only.
  const credentials: Record<string, string> = {};
  const secretEnv = args.options.get('secret-env');
  if (args.flags.has('secret-stdin')) {
    if (io.stdinIsTTY) io.stderr('Reading the client secret from standard input; end with Ctrl+D. The terminal may show what you type, so piping it in is safer.\n');
    const secret = (await readStdinSecret(io, '--secret-stdin', 'the client secret')).replace(/\r?\n$/, '');
    if (!secret) throw new CliError('token: --secret-stdin read an empty secret', EXIT_USAGE);
    credentials.clientSecret = secret;
  } else if (secretEnv !== undefined) {
    const secret = io.env[secretEnv];
    if (!secret) throw new CliError(`token: the environment variable ${safeArg(secretEnv)} (from --secret-env) is not set or empty`, EXIT_USAGE);
    credentials.clientSecret = secret;
  } else if (io.env[DEFAULT_SECRET_ENV] && registration.flow !== 'client_certificate') {
    credentials.clientSecret = io.env[DEFAULT_SECRET_ENV]!;
  }
  if (registration.flow === 'client_credentials' && !credentials.clientSecret) {
    throw new CliError(`token: client_credentials needs a client secret: set ${DEFAULT_SECRET_ENV}, or use --secret-env NAME or --secret-stdin`, EXIT_USAGE);
  }
  if (registration.flow === 'refresh_token') {
    if (args.flags.has('refresh-token-stdin')) {
      credentials.refreshToken = (await readStdinSecret(io, '--refresh-token-stdin', 'the refresh token')).trim();
    } else {
      const name = args.options.get('refresh-token-env') ?? DEFAULT_REFRESH_TOKEN_ENV;
      const value = io.env[name];
      if (value) credentials.refreshToken = value;
    }
    if (!credentials.refreshToken) {
      throw new CliError(`token: refresh_token needs a refresh token: set ${DEFAULT_REFRESH_TOKEN_ENV}, or use --refresh-token-env NAME or --refresh-token-stdin`, EXIT_USAGE);
    }
  }
  const claims = args.options.get('claims');
  if (claims !== undefined) credentials.claimsChallenge = claims;
  if (registration.flow === 'client_certificate') {
    // Read here so a missing file is "unreadable input" (exit 3), not an acquisition failure.
    if (registration.certificate?.certPath) credentials.certificatePem = await readText(registration.certificate.certPath, 'certificate');
    if (registration.certificate?.keyPath) credentials.privateKeyPem = await readText(registration.certificate.keyPath, 'private key');
  }
  const caPath = args.options.get('ca');
  const ca = caPath !== undefined ? await readText(caPath, 'CA certificate') : undefined;

  const secrets = [credentials.clientSecret, credentials.refreshToken, credentials.privateKeyPem].filter((s): s is string => !!s);
  const timeout = positiveSeconds(args.options.get('timeout'), 'timeout');
  const maxWait = positiveSeconds(args.options.get('max-wait'), 'max-wait');
  const client = createTokenClient({
    ca,
    env: io.env,
    policy: {
      ...(timeout !== undefined ? { attemptTimeoutMs: Math.max(1, timeout * 1000) } : {}),
      ...(maxWait !== undefined ? { maxRetryAfterWaitMs: maxWait * 1000 } : {}),
    },
  });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const s = style(io.color);
  const noOpen = args.flags.has('no-open');
  const acquireOptions: AcquireOptions = {
    signal: controller.signal,
    onDeviceCode: (info: DeviceCodeInfo) => {
      io.stderr(`${info.message ?? `To sign in, open ${info.verificationUri} and enter the code ${info.userCode}.`}\n`);
      io.stderr(s.dim(`(the code expires in ${Math.round(info.expiresInSeconds / 60)} minutes; Ctrl+C cancels)\n`));
    },
    openBrowser: (url: string) => {
      io.stderr(`Sign in at:\n  ${url}\n`);
      if (!noOpen) openInBrowser(url);
    },
  };
  let result: TokenResult;
  try {
    result = await client.acquire({ settings: registration, credentials }, acquireOptions);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await client.close();
  }

  const access = result.tokens ? decodeToken(result.tokens.accessToken) : null;
  const id = result.tokens?.idToken ? decodeToken(result.tokens.idToken) : null;
  // Tokens are never printed; the decoded forms carry a signature-less rendering only. Redact anyway,
  // with the raw values as known secrets, in case anything echoed them.
  const known = [...secrets, result.tokens?.accessToken, result.tokens?.idToken, result.tokens?.refreshToken].filter((x): x is string => !!x);
  if (args.flags.has('json')) {
    const out = {
      classification: result.classification,
      timeline: result.timeline,
      token: access,
      idToken: id,
      refreshTokenIssued: Boolean(result.tokens?.refreshToken),
      expiresIn: result.tokens?.expiresIn ?? null,
      scope: result.tokens?.scope ?? null,
      cancelled: result.cancelled ?? false,
      settingsErrors: result.settingsErrors ?? null,
    };
    io.stdout(redactedJson(out, known));
  } else {
    io.stdout(redactSecrets(renderResult(result, access, id, io.color), known));
  }
  if (result.settingsErrors) return EXIT_USAGE;
  return result.tokens ? EXIT_OK : EXIT_ACQUISITION_FAILED;
}

function renderClassification(c: Classification, color: boolean): string {
  const s = style(color);
  const mark = c.outcome === 'success' ? s.green('✓') : c.outcome === 'pending' ? s.yellow('…') : s.red('✗');
  let out = `${mark} ${s.bold(categoryLabel(c.category))}\n`;
  out += wrap(c.summary, 96, '  ');
  const rows: string[][] = [
    ['next', appActionLabel(c.appAction)],
    ['who acts', actorLabel(c.actor)],
    ['retryable', c.retryable ? 'yes' : 'no'],
  ];
  if (c.retryAfterSeconds !== null) rows.push(['retry after', `${c.retryAfterSeconds} s`]);
  if (c.httpStatus !== null) rows.push(['HTTP status', String(c.httpStatus)]);
  if (c.error) rows.push(['error', c.suberror ? `${c.error} (suberror ${c.suberror})` : c.error]);
  if (c.aadsts.length) rows.push(['AADSTS', c.aadsts.map((n) => `AADSTS${n}`).join(', ')]);
  if (c.correlationId) rows.push(['correlation id', c.correlationId]);
  if (c.traceId) rows.push(['trace id', c.traceId]);
  if (c.timestamp) rows.push(['timestamp', c.timestamp]);
  if (c.claimsChallenge) rows.push(['claims challenge', c.claimsChallenge]);
  out += table(rows.map(([k, v]) => [s.dim(k!), v!]));
  if (c.nextSteps.length) {
    out += `\n${s.bold('Next steps')}\n`;
    c.nextSteps.forEach((step, i) => {
      out += wrap(step, 92, '     ').replace(/^ {5}/, `  ${String(i + 1).padStart(2)}. `);
    });
  }
  return out;
}

function renderToken(title: string, d: DecodedToken, color: boolean): string {
  const s = style(color);
  let out = `\n${s.bold(title)}\n`;
  out += `  ${s.dim('token')} ${d.redacted.length > 120 ? `${d.redacted.slice(0, 60)}…${d.redacted.slice(-40)}` : d.redacted}\n`;
  if (d.problem) out += wrap(d.problem, 92, '  ');
  for (const c of d.claims) {
    const value = c.value.length > 70 ? `${c.value.slice(0, 67)}…` : c.value;
    out += `  ${s.cyan(c.name.padEnd(18))} ${value}${c.time ? s.dim(`  ${c.time.relative}`) : ''}\n`;
  }
  for (const w of d.warnings) out += wrap(w, 92, '    ').replace(/^ {4}/, `  ${s.yellow('!')} `);
  return out;
}

export function renderTimeline(t: Timeline, color: boolean): string {
  const s = style(color);
  let out = `\n${s.bold('Timeline')} ${s.dim(`${t.operation}, started ${t.startedAt}, ${t.totalMs} ms in total`)}\n`;
  for (const a of t.attempts) {
    const status = a.httpStatus !== null ? String(a.httpStatus) : a.networkError ? 'no answer' : '-';
    const decision = a.decision === 'done' ? s.green(a.decision) : a.decision === 'stop' ? s.red(a.decision) : s.yellow(a.decision);
    out += `  #${a.index} +${a.startMs} ms  ${a.method} ${a.url}  → ${status} in ${a.durationMs} ms  ${decision}${a.waitMs ? ` (wait ${a.waitMs} ms)` : ''}\n`;
    out += wrap(a.reason, 92, '      ');
    if (a.networkError && !a.reason.includes(a.networkError)) out += wrap(`network: ${a.networkError}`, 92, '      ');
    const ids = Object.entries(a.requestIds).map(([k, v]) => `${k}=${v}`);
    if (ids.length) out += `      ${s.dim(ids.join('  '))}\n`;
    if (a.retryAfterSeconds !== null) out += `      ${s.dim(`Retry-After: ${a.retryAfterSeconds} s`)}\n`;
  }
  return out;
}

function renderResult(result: TokenResult, access: DecodedToken | null, id: DecodedToken | null, color: boolean): string {
  let out = renderClassification(result.classification, color);
  // Run-wide warnings (TLS checks turned off) belong next to the verdict they qualify.
  for (const note of result.timeline.notes ?? []) out += `\n${wrap(note, 92, '    ').replace(/^ {4}/, `  ${style(color).yellow('!')} `)}`;
  if (result.tokens) {
    out += `\n  expires in ${result.tokens.expiresIn} s; scope: ${result.tokens.scope}${result.tokens.refreshToken ? '; a refresh token was issued (not shown)' : ''}\n`;
  }
  if (access) out += renderToken('Access token (signature redacted)', access, color);
  if (id) out += renderToken('ID token (signature redacted)', id, color);
  out += renderTimeline(result.timeline, color);
  return out;
}
