// `auth-lens classify [FILE|-]`: any failure text (MSAL result, exception, token endpoint JSON, HTTP
// response, log line) becomes one Classification, printed for people or as JSON.
import { diagnoseApiAnswer } from '../core/api/diagnose';
import { classify, INPUT_CAP } from '../core/classify/index';
import { redactSecrets } from '../core/redact';
import type { Classification } from '../core/types';
import type { CommandSpec, ParsedArgs } from './command';
import { diagnosisApplies, diagnosisJson, givenToken, renderDiagnosis, tokensIn } from './api-answer';
import type { CliIo } from './io';
import { CliError, EXIT_MATCHED, EXIT_OK, EXIT_USAGE, failOnOption, parseFailOn, readInputHead, redactedJson, style, table, truncationNote, wrap } from './util';

/** How much of the input classify reads: the classifier's own cap, plus a little to notice more. */
const CLASSIFY_READ_BYTES = INPUT_CAP + 4;

export const CLASSIFY: CommandSpec = {
  name: 'classify',
  usage: ['classify [FILE|-] [--json] [--fail-on CATEGORY,…] [--token TOKEN|FILE]'],
  about: `Reads one failure — an MSAL Python result dict, an msal-node / MSAL.NET / Azure Identity exception,
a token endpoint JSON body, a raw HTTP response (status line, headers, body) or a log line — and says
what kind of failure it is, who has to act, whether and when to retry, and the next steps.

FILE is read as text; "-" or no FILE reads standard input. Only the first 2 MB are read: a failure's
text is far shorter, and a larger input is classified from its beginning (said on stderr).

An API's 401 or 403 (Microsoft Graph, Azure Resource Manager, Key Vault, Storage, or your own API's
WWW-Authenticate) also gets a "Token vs API" diagnosis: what is wrong and what to do. The input may
hold the request too (a request line and headers, curl -v output); the token of its Authorization
header, or the one given with --token, is checked against the API (audience, tenant, expiry, issuer
form, scopes and roles). Only its claims are shown, never the token.`,
  options: [
    { name: 'json', help: 'print the classification as JSON; an API refusal adds apiDiagnosis, a checked token tokenFindings [{check, ok, detail}]' },
    failOnOption(),
    { name: 'token', value: 'TOKEN|FILE', help: "the token that was sent to the API (a file is safer: a token on the command line stays in shell history)" },
  ],
  exit: 'Exit status: 0 classified, 2 usage error, 3 input unreadable, 4 --fail-on matched.',
  run: runClassify,
};

async function runClassify(args: ParsedArgs, io: CliIo): Promise<number> {
  const failOn = parseFailOn(args, 'classify');
  if (args.positionals.length > 1) throw new CliError('classify: give one FILE (or - for standard input)', EXIT_USAGE);
  const source = args.positionals[0] ?? '-';
  if (source === '-' && io.stdinIsTTY) {
    throw new CliError('classify: nothing to read: pass a FILE or pipe the text in (see auth-lens classify --help)', EXIT_USAGE);
  }
  // The classifier reads the first INPUT_CAP characters; a few bytes more let it see (and say) that
  // the input went on, while a 1 GB file costs no more memory than its head.
  const head = await readInputHead(source, io, 'classify', CLASSIFY_READ_BYTES);
  const note = truncationNote('classify', source, head, CLASSIFY_READ_BYTES, 'and classified');
  if (note) io.stderr(note);
  const token = await givenToken(args.options.get('token'), source, io);
  const diagnosis = diagnoseApiAnswer(head.text, { token });
  const applies = diagnosisApplies(diagnosis);
  // With a pasted request in front, the answer alone is what the classifier reads.
  const c = applies ? diagnosis.classification : classify(head.text);
  if (args.flags.has('json')) io.stdout(redactedJson(applies ? { ...c, ...diagnosisJson(diagnosis) } : c, tokensIn(head.text, token)));
  else io.stdout(render(c, io.color) + (applies ? renderDiagnosis(diagnosis, io.color) : ''));
  return failOn && failOn.has(c.category) ? EXIT_MATCHED : EXIT_OK;
}

function render(c: Classification, color: boolean): string {
  const s = style(color);
  const outcomeColor = c.outcome === 'success' ? s.green : c.outcome === 'pending' ? s.yellow : s.red;
  let out = `${outcomeColor(s.bold(c.outcome.toUpperCase()))}  ${s.bold(c.category)}\n`;
  out += wrap(redactSecrets(c.summary), 96, '  ');
  const rows: string[][] = [
    ['app should', c.appAction.replace(/_/g, ' ')],
    ['retryable', c.retryable ? `yes${c.retryAfterSeconds !== null ? `, after ${c.retryAfterSeconds} s` : ''}` : 'no'],
    ['who acts', c.actor],
  ];
  if (c.error) rows.push(['error', c.error + (c.suberror ? ` (suberror ${c.suberror})` : '')]);
  if (c.aadsts.length) rows.push(['AADSTS', c.aadsts.join(', ')]);
  if (c.httpStatus !== null) rows.push(['HTTP status', String(c.httpStatus)]);
  if (c.correlationId) rows.push(['correlation id', c.correlationId]);
  if (c.traceId) rows.push(['trace id', c.traceId]);
  if (c.timestamp) rows.push(['timestamp', c.timestamp]);
  rows.push(['input shape', c.source]);
  out += '\n' + table(rows.map(([k, v]) => [s.dim(k!), redactSecrets(v!)]));
  if (c.claimsChallenge) out += `\n  ${s.bold('Claims challenge')} (pass back to MSAL)\n    ${redactSecrets(c.claimsChallenge)}\n`;
  if (c.nextSteps.length) {
    out += `\n  ${s.bold('Next steps')}\n`;
    c.nextSteps.forEach((step, i) => {
      const lines = redactSecrets(step).split('\n');
      out += wrap(lines[0]!, 92, '       ').replace(/^ {7}/, `    ${i + 1}. `);
      // Code snippets keep their own line breaks.
      for (const l of lines.slice(1)) out += `       ${l}\n`;
    });
  }
  return out;
}
