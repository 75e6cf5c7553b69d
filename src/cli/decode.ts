// `auth-lens decode [TOKEN|FILE|-]`: explains a token's header and claims. Output never contains the
// signature (nor, for opaque tokens, more than a short prefix).
import { existsSync } from 'node:fs';
import { decodeToken, describeToken } from '../core/jwt/index';
import type { DecodedToken } from '../core/types';
import type { CliIo } from './io';
import { CliError, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, json, parseArgs, readInputHead, style, table, truncationNote, wrap } from './util';

/**
 * How much of a file or stdin decode reads. A token is a few KB; the margin lets a token be found in
 * a header dump or a log excerpt, while a huge file costs no more memory than this.
 */
const DECODE_READ_BYTES = 1024 * 1024;

export const DECODE_HELP = `Usage: auth-lens decode [TOKEN|FILE|-] [--json] [--now ISO-TIME]

Decodes a JWT (access or ID token) and explains every header field and claim in plain words: who it
is for, who asked for it, what it allows, when it expires, v1.0 or v2.0, app-only or delegated. It
also recognises encrypted tokens (JWE), personal-account opaque tokens, Microsoft Graph tokens whose
signature only Graph can check, and damaged or truncated tokens.

The argument may be the token itself (a "Bearer " prefix is fine), a file holding it, or "-" / nothing
for standard input (only the first 1 MB of a file or stdin is read). Prefer a file or stdin: a token
on the command line stays in your shell history.
The signature is never checked here and never printed; the output shows header.payload only.

Options:
  --json                print the decoded token as JSON
  --now ISO-TIME        judge expiry against this time instead of the clock
  -h, --help            show this help

Exit status: 0 decoded (warnings included), 2 usage error, 3 input unreadable or not a readable token.
`;

/** Pulls a token out of a file that may hold more than the token (a header line, JSON, a log). */
function pickToken(text: string): string {
  const trimmed = text.trim();
  if (!/\s/.test(trimmed.replace(/^(authorization\s*:\s*)?bearer\s+/i, ''))) return trimmed;
  const m = /eyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){1,4}/.exec(trimmed);
  if (m) return m[0];
  const ew = /\bEw[A-Za-z0-9+/=_-]{20,}/.exec(trimmed);
  return ew ? ew[0] : trimmed;
}

function looksLikeToken(arg: string): boolean {
  return /^(bearer\s+)?(eyJ|Ew[A-Za-z])/i.test(arg.trim()) || (arg.length > 100 && /^[A-Za-z0-9_\-.+/=]+$/.test(arg));
}

export async function runDecode(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['now'] }, 'decode');
  if (args.flags.has('help')) {
    io.stdout(DECODE_HELP);
    return EXIT_OK;
  }
  let now = new Date();
  const nowArg = args.options.get('now');
  if (nowArg !== undefined) {
    now = new Date(nowArg);
    if (Number.isNaN(now.getTime())) throw new CliError(`decode: --now: "${nowArg.slice(0, 40)}" is not a date (use ISO 8601)`, EXIT_USAGE);
  }
  // "Bearer eyJ…" arrives as two arguments when unquoted.
  const positionals = args.positionals[0]?.toLowerCase() === 'bearer' ? [args.positionals.join(' ')] : args.positionals;
  if (positionals.length > 1) throw new CliError('decode: give one token, FILE or - (quote a "Bearer …" value)', EXIT_USAGE);
  const arg = positionals[0] ?? '-';
  let text: string;
  if (arg === '-' && io.stdinIsTTY) {
    throw new CliError('decode: nothing to read: pass a token or FILE, or pipe the token in (see auth-lens decode --help)', EXIT_USAGE);
  }
  if (arg !== '-' && looksLikeToken(arg) && !existsSync(arg)) {
    text = arg;
  } else {
    const head = await readInputHead(arg, io, 'decode', DECODE_READ_BYTES);
    const note = truncationNote('decode', arg, head, DECODE_READ_BYTES, 'to look for a token');
    if (note) io.stderr(note);
    text = pickToken(head.text);
  }
  const d = decodeToken(text, now);
  io.stdout(args.flags.has('json') ? json(d) : render(d, io.color));
  return d.kind === 'invalid' && !d.payload ? EXIT_UNREADABLE : EXIT_OK;
}

function render(d: DecodedToken, color: boolean): string {
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
    facts.push(['signature', `${d.signature.status.replace('_', ' ')}`]);
    out += table(facts.map(([k, v]) => [s.dim(k!), v!]));
    out += wrap(d.signature.note, 92, '    ');
  }
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
