// `auth-lens explain CODE…`: what any code, value or name means, in every vocabulary Auth Lens knows
// (AADSTS codes, OAuth values, MSAL.js / MSAL.NET / MSAL Python errors, Azure Identity, managed
// identity, Graph, Azure Resource Manager, Key Vault, Storage, data services), who acts and how to fix.
import { describeCode, OAUTH_ERRORS } from '../core/catalog/describe';
import { lookupValue, searchCatalog } from '../core/catalog/index';
import { lookupMsalLogString, type MsalLogString } from '../core/catalog/msal-log-strings';
import { type CatalogEntry, entryLabel } from '../core/types';
import { type CommandSpec, type ParsedArgs, runCommand } from './command';
import type { CliIo } from './io';
import { CliError, EXIT_MATCHED, EXIT_OK, EXIT_USAGE, failOnOption, json, parseFailOn, safeArg, style, table, wrap } from './util';

export const EXPLAIN: CommandSpec = {
  name: 'explain',
  usage: ['explain CODE… [--json] [--fail-on CATEGORY,…]'],
  about: `Explains Microsoft identity platform error codes: what happened, who has to act (developer, admin,
user), whether a retry can help, and how to fix it.

CODE is anything a library, the sign-in service or an API printed: an AADSTS number with or without
its prefix (50076, AADSTS50076), an OAuth error value (invalid_grant), an MSAL or Azure Identity
error code (interaction_in_progress, multiple_matching_tokens_detected), an API error code
(AuthorizationFailed, InvalidAuthenticationToken) or an AADSTS name (UserStrongAuthClientAuthNRequired).
A value used by several libraries lists every match. Codes missing from Microsoft's published list
are still explained from the error value when you give one: "auth-lens explain 9999999 invalid_grant".
A six-character code from an msal-browser 5 console line (0x1c4s) prints the library's own log
message for it, from the table msal-browser ships.`,
  options: [{ name: 'json', help: 'print the matching catalog entries as a JSON array' }, failOnOption()],
  exit: 'Exit status: 0 explained, 2 usage error (including a code no vocabulary knows), 4 --fail-on matched.',
  run: explain,
};

/** In-process entry for tests and scripts: parse, help and errors as `auth-lens explain` has them. */
export function runExplain(argv: string[], io: CliIo): Promise<number> {
  return runCommand(EXPLAIN, argv, io);
}

async function explain(args: ParsedArgs, io: CliIo): Promise<number> {
  const failOn = parseFailOn(args, 'explain');
  if (args.positionals.length === 0) throw new CliError('explain: give at least one code (see auth-lens explain --help)', EXIT_USAGE);

  // An OAuth error value given next to an unknown AADSTS number explains that number.
  const contextError = args.positionals.map((a) => a.trim().toLowerCase()).find((a) => Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, a)) ?? null;
  const entries: CatalogEntry[] = [];
  // msal-browser's log codes are not catalog entries (no category, actor or fixes; the text is the
  // library's, not ours), so they are kept apart and printed as what they are.
  const logStrings: MsalLogString[] = [];
  for (const raw of args.positionals) {
    const arg = raw.trim();
    const digits = /^(?:AADSTS)?(\d{1,9})$/i.exec(arg);
    if (digits) {
      entries.push(describeCode(Number(digits[1]), { error: contextError }));
      continue;
    }
    const found = lookupValue(arg);
    const logString = found.length === 0 ? lookupMsalLogString(arg) : undefined;
    if (logString) {
      logStrings.push(logString);
      continue;
    }
    if (found.length === 0) {
      const near = searchCatalog(arg, 3).map(entryLabel);
      throw new CliError(
        `explain: no vocabulary knows "${safeArg(arg)}"${near.length ? ` (close: ${[...new Set(near)].join(', ')})` : ''}`,
        EXIT_USAGE,
      );
    }
    entries.push(...found);
  }

  if (args.flags.has('json')) {
    io.stdout(json([...entries, ...logStrings.map((l) => ({ kind: 'msal-log-string', ...l }))]));
  } else {
    const s = style(io.color);
    const out: string[] = [];
    for (const e of entries) {
      const name = e.name && e.name !== e.code ? '  ' + s.cyan(e.name) : '';
      const note = e.documented ? '' : s.yellow(e.vocabulary === 'aadsts' ? '  (not in the published list)' : '  (inferred)');
      let text = `${s.bold(entryLabel(e))}${name}  ${s.dim(e.source)}${note}\n`;
      text += table([[s.dim('category'), e.category, s.dim('actor'), e.actor, s.dim('retry helps'), e.retryable ? 'yes' : 'no']]);
      text += wrap(e.summary, 96, '  ');
      if (e.causes.length) {
        text += `  ${s.bold('Causes')}\n`;
        for (const c of e.causes) text += wrap(c, 92, '      ').replace(/^ {6}/, '    - ');
      }
      if (e.fixes.length) {
        text += `  ${s.bold('Fixes')}\n`;
        for (const f of e.fixes) text += wrap(`${f.who.charAt(0).toUpperCase()}${f.who.slice(1)}: ${f.text}`, 92, '      ').replace(/^ {6}/, '    - ');
      }
      if (e.evidence && !e.documented) text += `  ${s.dim('Seen in:')} ${e.evidence}\n`;
      if (e.url) text += `  ${s.dim('Documentation:')} ${e.url}\n`;
      out.push(text);
    }
    for (const l of logStrings) {
      let text = `${s.bold(l.code)}  ${s.dim(`${l.packageName} ${l.version} log message, level ${l.level}`)}\n`;
      text += wrap(`"${l.message}"`, 96, '  ');
      text += `  ${s.dim("The library's own text for this minified log code (its log-strings-mapping.json), not an Auth Lens explanation.")}\n`;
      out.push(text);
    }
    io.stdout(out.join('\n'));
  }
  if (failOn && entries.some((e) => failOn.has(e.category))) return EXIT_MATCHED;
  return EXIT_OK;
}
