// The Token vs API view: why an API answered 401 or 403. A form takes the API's answer (with its
// request, if pasted) and, optionally, the token that was sent; the host diagnoses them and answers
// with a `tokenApi` message. The result names the problem, what to do (each step with who acts) and
// the checks of the token, with the pasted answer (redacted by the host) below.
import type { ShowMessage } from '../../protocol';
import { h, replaceChildren, section } from '../dom';
import { codeBlock, pill, type ViewContext } from './common';
import { prettyInput } from './response';
import { findingItem } from './verification';

type TokenApiMessage = Extract<ShowMessage, { view: 'tokenApi' }>;

export interface TokenApiView {
  element: HTMLElement;
  show(message: TokenApiMessage): void;
}

const WHO_LABEL = { developer: 'Developer', admin: 'Admin', user: 'User' } as const;

/** Problems that are about the token itself, as opposed to permissions or the network. */
const TOKEN_PROBLEMS = new Set(['no_token', 'not_access_token', 'graph_token_elsewhere', 'wrong_audience', 'expired', 'not_yet_valid', 'wrong_tenant', 'issuer_version', 'bad_signature']);

/** Step text with its `backtick` spans as code, built as nodes (never markup). */
export function withCode(text: string): HTMLElement {
  const span = h('span');
  text.split(/`([^`]+)`/).forEach((part, i) => span.append(i % 2 ? h('code', { text: part }) : part));
  return span;
}

function renderResult(ctx: ViewContext, message: TokenApiMessage): HTMLElement {
  const d = message.diagnosis;
  const tone = d.problem === 'claims_challenge' ? 'action' : d.problem === 'unrecognised' ? 'neutral' : 'error';
  const header = h(
    'header',
    { className: 'view-header' },
    h('h2', { text: d.title }),
    h(
      'div',
      { className: 'badges' },
      pill(d.api.name + (d.api.host ? ` · ${d.api.host}` : ''), 'neutral'),
      d.httpStatus !== null ? pill(`HTTP ${d.httpStatus}`, tone) : null,
      d.errorCode ? pill(d.errorCode) : null,
      pill(TOKEN_PROBLEMS.has(d.problem) ? 'token problem' : d.problem === 'claims_challenge' ? 'new token needed' : 'permission or policy', tone),
    ),
  );
  const body = h('div', { className: 'view-body' }, h('p', { className: 'summary', text: d.summary }));
  if (d.api.scope) body.append(h('p', { className: 'scope-line' }, h('span', { className: 'scope-label', text: 'Scope to request ' }), h('code', { text: d.api.scope })));
  body.append(
    section(
      'What to do',
      'tokenapi-steps',
      h('ol', { className: 'steps who-steps' }, ...d.steps.map((s) => h('li', {}, h('span', { className: `who who-${s.who}`, text: WHO_LABEL[s.who] }), ' ', withCode(s.text)))),
    ),
  );
  if (d.token) {
    const from = d.tokenSource === 'given' ? 'given separately' : 'from the request';
    body.append(
      section(
        'The token that was sent',
        'tokenapi-token',
        h('p', { className: 'token-description' }, h('span', { text: d.token }), ' ', h('span', { className: 'hint', text: `(${from})` })),
        h('ul', { className: 'findings' }, ...d.tokenFindings.map((f) => findingItem(f, 'note'))),
      ),
    );
  } else {
    body.append(h('p', { className: 'hint', text: 'No token was given: paste the request with its Authorization header, or the token, to check it against the API.' }));
  }
  if (message.input.trim()) {
    const details = h('details', { className: 'answer' }, h('summary', { text: 'The API\'s answer (redacted)' }), codeBlock(ctx, prettyInput(message.input), 'redacted answer'));
    body.append(details);
  }
  return h('article', { className: 'view tokenapi-view', attrs: { 'aria-label': 'Why the API refused the token' } }, header, body);
}

export function createTokenApiView(ctx: ViewContext): TokenApiView {
  const answer = h('textarea', {
    className: 'answer-input',
    attrs: { id: 'tokenapi-answer', rows: 6, spellcheck: 'false', autocomplete: 'off', placeholder: 'HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error="insufficient_scope"\n\n{"error":{"code":"Authorization_RequestDenied", …}}' },
  });
  const token = h('input', { className: 'token-input', attrs: { id: 'tokenapi-token', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'eyJ0eXAiOi… (optional)' } });
  const button = h('button', { className: 'primary', text: 'Explain', attrs: { type: 'submit' } });
  const form = h(
    'form',
    { className: 'token-form', attrs: { 'aria-label': 'Explain an API refusal' } },
    h('div', { className: 'field' }, h('label', { text: 'The API\'s answer (status line, headers, body; the request may be included)', attrs: { for: 'tokenapi-answer' } }), answer),
    h('div', { className: 'field' }, h('label', { text: 'The token that was sent (optional if the request shows it)', attrs: { for: 'tokenapi-token' } }), token),
    h('div', { className: 'form-actions' }, button, h('p', { className: 'hint', text: 'Checked by the extension on this machine; the token is not kept, only its claims are shown.' })),
  );
  const result = h('div', { className: 'tokenapi-result' }, h('p', { className: 'empty', text: 'Paste a 401 or 403 from Microsoft Graph, Azure Resource Manager, Key Vault, Storage or your own API.' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = answer.value;
    if (!text.trim()) {
      answer.focus();
      return;
    }
    const sent = token.value.trim();
    if (ctx.host.post({ type: 'diagnoseApi', text, ...(sent ? { token: sent } : {}) })) {
      answer.value = '';
      token.value = '';
    }
  });
  return {
    element: h('div', { className: 'tokenapi-host' }, form, result),
    show(message) {
      replaceChildren(result, renderResult(ctx, message));
    },
  };
}
