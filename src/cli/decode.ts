// `auth-lens decode [TOKEN|FILE|-]`: explains a token's header and claims, and with --verify checks its
// signature and the claims an API checks. Output never contains the signature (nor, for opaque
// tokens, more than a short prefix).
import { decodeToken, describeToken } from '../core/jwt/decode';
import { parseKeyText, type KeySet } from '../core/jwt/keys';
import type { Verification } from '../core/jwt/verify';
import type { DecodedToken } from '../core/types';
import type { CommandSpec, ParsedArgs } from './command';
import type { CliIo } from './io';
import { joinBearer, NOW_OPTION, nowOption, readTokenArg } from './token-input';
import { CliError, EXIT_MATCHED, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, json, readInputHead, safeArg, style, table, wrap } from './util';

export const DECODE: CommandSpec = {
  name: 'decode',
  usage: [
    'decode [TOKEN|FILE|-] [--json] [--now ISO-TIME]',
    'decode [TOKEN|FILE|-] --verify [--jwks FILE] [--online] [--audience AUD] [--tenant TID] [--json]',
  ],
  about: `Decodes a JWT (access or ID token) and explains every header field and claim in plain words: who it
is for, who asked for it, what it allows, when it expires, v1.0 or v2.0, app-only or delegated. It
also recognises encrypted tokens (JWE), personal-account opaque tokens, Microsoft Graph tokens whose
signature only Graph can check, and damaged or truncated tokens.

The argument may be the token itself (a "Bearer " prefix is fine), a file holding it, or "-" / nothing
for standard input (only the first 1 MB of a file or stdin is read). Prefer a file or stdin: a token
on the command line stays in your shell history.
The signature is never printed; the output shows header.payload only.

--verify checks the signature and then what an API checks: exp and nbf (with 5 minutes of clock
skew), aud against --audience, iss against the tenant (v1 sts.windows.net and v2 …/v2.0 forms),
ver and tid. Keys come from --jwks FILE (a JWKS or JWK, PEM public keys or certificates) or, with
--online, from the issuer's OpenID metadata and jwks_uri (public, US Government and China clouds,
B2C and External ID; fetched only from Microsoft identity hosts and 127.0.0.1/localhost, cached in
memory). Without either, the signature is reported as unverifiable. The signature status is one of
valid, invalid, key_not_found, alg_not_allowed (alg "none" and HS256 are always refused) or
unverifiable (Graph tokens with a header nonce, opaque personal-account tokens, encrypted tokens).`,
  options: [
    {
      name: 'json',
      help: 'print the decoded token as JSON; with --verify it gains signature {status, alg, kid, keySource, reason} and validation [{check, ok, detail}] (ok null: not checked)',
    },
    NOW_OPTION,
    { name: 'verify', help: 'check the signature and the claims an API checks' },
    { name: 'jwks', value: 'FILE', help: 'keys to verify with (implies --verify)' },
    { name: 'online', help: "fetch the issuer's keys (implies --verify)" },
    { name: 'audience', value: 'AUD[,AUD]', help: 'the audience(s) the API accepts: App ID URI and/or client id (implies --verify)' },
    { name: 'tenant', value: 'TID', help: 'the tenant id the API belongs to, for the iss and tid checks (implies --verify)' },
  ],
  exit: `Exit status: 0 decoded (warnings included) and, with --verify, signature valid and no check failed;
2 usage error; 3 input unreadable or not a readable token; 4 --verify found a problem (the signature
is not valid or a check failed).`,
  run: runDecode,
};

/** How many bytes of a key file are read; key sets are a few KB. */
const KEY_FILE_BYTES = 1024 * 1024;

async function readKeyFile(path: string, io: CliIo): Promise<KeySet> {
  const head = await readInputHead(path, io, 'decode', KEY_FILE_BYTES);
  if (head.truncated) throw new CliError(`decode: --jwks ${safeArg(path)} is larger than a key file can be (1 MB)`, EXIT_UNREADABLE);
  const name = path === '-' ? 'standard input' : path;
  const keys = await parseKeyText(head.text, name);
  if ('error' in keys) throw new CliError(`decode: --jwks ${safeArg(path)}: ${keys.error}`, EXIT_UNREADABLE);
  return keys;
}

async function verify(text: string, args: ParsedArgs, io: CliIo, now: Date): Promise<Verification> {
  const jwks = args.options.get('jwks');
  const keys = jwks !== undefined ? await readKeyFile(jwks, io) : null;
  const audience = (args.options.get('audience') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const tenant = args.options.get('tenant');
  // The verifier and the network client load only when asked for: plain decoding stays small.
  const { verifyToken } = await import('../core/jwt/verify');
  const online = args.flags.has('online') && !keys;
  const http = online ? (await import('../core/jwt/key-fetch')).createHttpGetter({ env: io.env }) : null;
  try {
    return await verifyToken(text, { now, keys, online, getJson: http?.getJson, audience, tenant });
  } finally {
    await http?.close();
  }
}

async function runDecode(args: ParsedArgs, io: CliIo): Promise<number> {
  const now = nowOption(args, 'decode');
  const verifying = args.flags.has('verify') || args.flags.has('online') || ['jwks', 'audience', 'tenant'].some((o) => args.options.has(o));
  const positionals = joinBearer(args.positionals);
  if (positionals.length > 1) throw new CliError('decode: give one token, FILE or - (quote a "Bearer …" value)', EXIT_USAGE);
  const arg = positionals[0] ?? '-';
  if (arg === '-' && args.options.get('jwks') === '-') throw new CliError('decode: the token and --jwks cannot both come from standard input', EXIT_USAGE);
  const text = await readTokenArg(arg, io, 'decode');
  if (!verifying) {
    const d = decodeToken(text, now);
    io.stdout(args.flags.has('json') ? json(d) : render(d, io.color));
    return d.kind === 'invalid' && !d.payload ? EXIT_UNREADABLE : EXIT_OK;
  }
  const v = await verify(text, args, io, now);
  const d = v.decoded;
  io.stdout(args.flags.has('json') ? json({ ...d, signature: v.signature, validation: v.validation }) : render(d, io.color, v));
  if (d.kind === 'invalid' && !d.payload) return EXIT_UNREADABLE;
  return v.signature.status === 'valid' && v.validation.every((c) => c.ok !== false) ? EXIT_OK : EXIT_MATCHED;
}

function render(d: DecodedToken, color: boolean, v?: Verification): string {
  const s = style(color);
  let out = `${s.bold(describeToken(d))}\n`;
  if (d.problem) out += wrap(d.problem, 94, '    ').replace(/^ {4}/, d.kind === 'invalid' ? `  ${s.red('✗')} ` : '    ');
  if (d.redacted) out += `  ${s.dim('token')}      ${d.redacted.length > 120 ? d.redacted.slice(0, 60) + '…' + d.redacted.slice(-40) : d.redacted}\n`;
  if (d.kind === 'jwt' || d.payload) {
    const facts: string[][] = [];
    if (d.tokenType !== 'unknown') facts.push(['type', d.tokenType === 'access' ? 'access token' : 'ID token']);
    if (d.version) facts.push(['version', d.version === 'v1' ? 'v1.0' : 'v2.0']);
    if (d.appOnly !== null) facts.push(['caller', d.appOnly ? 'app-only (no user)' : 'delegated (signed-in user)']);
    if (d.audience) facts.push(['audience', d.audience]);
    if (d.appId) facts.push(['client app', d.appId]);
    if (d.tenantId) facts.push(['tenant', d.tenantId]);
    if (d.scopes.length) facts.push(['scopes', d.scopes.join(' ')]);
    if (d.roles.length) facts.push(['roles', d.roles.join(' ')]);
    if (d.expiresAt) {
      const exp = d.claims.find((c) => c.name === 'exp')?.time?.relative ?? '';
      facts.push(['expires', `${d.expiresAt} (${exp})`]);
    }
    if (!v) facts.push(['signature', `${d.signature.status.replace('_', ' ')}`]);
    out += table(facts.map(([k, value]) => [s.dim(k!), value!]));
    if (!v) out += wrap(d.signature.note, 92, '    ');
  }
  if (v) out += renderVerification(v, s);
  if (d.warnings.length) {
    out += `\n${s.bold('Warnings')}\n`;
    for (const w of d.warnings) out += wrap(w, 92, '    ').replace(/^ {4}/, `  ${s.yellow('!')} `);
  }
  for (const [title, list] of [['Header', d.headerClaims], ['Claims', d.claims]] as const) {
    if (!list.length) continue;
    out += `\n${s.bold(title)}\n`;
    for (const c of list) {
      const value = c.value.length > 70 ? c.value.slice(0, 67) + '…' : c.value;
      out += `  ${s.cyan(c.name.padEnd(18))} ${value}${c.time ? s.dim(`  ${c.time.iso} (${c.time.relative})`) : ''}\n`;
      out += wrap(c.explanation, 90, '      ');
    }
  }
  return out;
}

function renderVerification(v: Verification, s: ReturnType<typeof style>): string {
  const sig = v.signature;
  const mark = sig.status === 'valid' ? s.green('✓') : sig.status === 'unverifiable' ? s.yellow('?') : s.red('✗');
  let out = `\n${s.bold('Signature')}  ${mark} ${sig.status.replace(/_/g, ' ')}\n`;
  const facts: string[][] = [];
  if (sig.alg) facts.push(['alg', sig.alg]);
  if (sig.kid) facts.push(['kid', sig.kid]);
  if (sig.keySource) facts.push(['keys', sig.keySource]);
  out += table(facts.map(([k, value]) => [s.dim(k!), value!]));
  out += wrap(sig.reason, 92, '    ');
  if (v.validation.length) {
    out += `\n${s.bold('Checks an API makes')}\n`;
    for (const c of v.validation) {
      const m = c.ok === true ? s.green('✓') : c.ok === false ? s.red('✗') : s.dim('–');
      out += wrap(`${c.check} — ${c.detail}`, 92, '    ').replace(/^ {4}/, `  ${m} `);
    }
  }
  return out;
}
