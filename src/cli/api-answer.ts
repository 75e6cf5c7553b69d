// The Token vs API part of `auth-lens classify`: when the input is an API's 401/403 (or a token was
// given with --token, or the pasted request carries one), the diagnosis of why the API said no and
// the checks of the token that was sent. Only claims are shown, never the token.
import { readExchange } from '../core/api/exchange';
import type { ApiDiagnosis } from '../core/api/diagnose';
import { redactSecrets } from '../core/redact';
import type { CliIo } from './io';
import { readTokenArg } from './token-input';
import { CliError, EXIT_USAGE, style, wrap } from './util';

/** The token given with --token (a token or a file holding one), or null. */
export async function givenToken(tokenArg: string | undefined, source: string, io: CliIo): Promise<string | null> {
  if (tokenArg === undefined) return null;
  if (tokenArg === '-' && source === '-') throw new CliError('classify: the input and --token cannot both come from standard input', EXIT_USAGE);
  return readTokenArg(tokenArg, io, 'classify');
}

/** Every token the output must not show: the one given and the one inside the pasted request. */
export function tokensIn(text: string, given: string | null): string[] {
  return [given, readExchange(text).token].filter((t): t is string => t !== null);
}

/** Whether the diagnosis adds anything: a token was checked, or the answer is an API's own refusal. */
export function diagnosisApplies(d: ApiDiagnosis): boolean {
  if (d.tokenSource !== null) return true;
  const c = d.classification;
  const refusal = c.httpStatus === 401 || c.httpStatus === 403 || c.source === 'resource_api';
  return refusal && c.aadsts.length === 0 && d.problem !== 'unrecognised';
}

/** The fields --json gains: tokenFindings when a token was checked, apiDiagnosis always. */
export function diagnosisJson(d: ApiDiagnosis): Record<string, unknown> {
  const apiDiagnosis = { api: d.api, problem: d.problem, title: d.title, summary: d.summary, steps: d.steps, token: d.token, tokenSource: d.tokenSource };
  return d.tokenSource !== null ? { tokenFindings: d.tokenFindings, apiDiagnosis } : { apiDiagnosis };
}

export function renderDiagnosis(d: ApiDiagnosis, color: boolean): string {
  const s = style(color);
  let out = `\n  ${s.bold('Token vs API')}  ${d.api.name}${d.api.host ? ` (${d.api.host})` : ''}: ${s.bold(d.title)}\n`;
  out += wrap(redactSecrets(d.summary), 92, '    ');
  if (d.token) out += wrap(`Token ${d.tokenSource === 'given' ? 'given with --token' : 'from the request'}: ${redactSecrets(d.token)}`, 92, '    ');
  if (d.tokenFindings.length) {
    out += `\n  ${s.bold('Token checks')}\n`;
    for (const f of d.tokenFindings) {
      const mark = f.ok === true ? s.green('✓') : f.ok === false ? s.red('✗') : s.dim('–');
      out += wrap(`${f.check} — ${redactSecrets(f.detail)}`, 92, '      ').replace(/^ {6}/, `    ${mark} `);
    }
  }
  out += `\n  ${s.bold('What to do')}\n`;
  d.steps.forEach((step, i) => {
    const who = step.who.charAt(0).toUpperCase() + step.who.slice(1);
    out += wrap(`${who}: ${redactSecrets(step.text)}`, 92, '       ').replace(/^ {7}/, `    ${i + 1}. `);
  });
  return out;
}
