// The Compare tokens view: "A works, B doesn't: why?" A form takes two tokens (sent to the host, which
// compares them and answers with a `compare` message; the tokens are not kept here), and the result
// shows the two tokens side by side, the differences that decide authorization first.
import type { ShowMessage } from '../../protocol';
import { TIME_CLAIMS } from '../../core/jwt/claims';
import { numericDate } from '../../core/jwt/time';
import { h, icon, replaceChildren, section } from '../dom';
import { pill, type ViewContext } from './common';

type CompareMessage = Extract<ShowMessage, { view: 'compare' }>;
type Difference = CompareMessage['comparison']['differences'][number];

export interface CompareView {
  element: HTMLElement;
  show(message: CompareMessage): void;
}

/** A claim value as people read it: dates for time claims, lists joined, absence said. */
export function claimValue(claim: string, value: unknown): { text: string; absent: boolean } {
  if (value === null || value === undefined) return { text: '(absent)', absent: true };
  const date = TIME_CLAIMS.has(claim) ? numericDate(value) : null;
  if (date) return { text: `${date.toISOString().replace('.000Z', 'Z')} (${String(value)})`, absent: false };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { text: value.join(', ') || '(empty list)', absent: false };
  return { text: typeof value === 'string' ? value : JSON.stringify(value), absent: false };
}

function side(label: 'A' | 'B', claim: string, value: unknown): HTMLElement {
  const v = claimValue(claim, value);
  return h(
    'div',
    { className: `diff-side side-${label.toLowerCase()}` },
    h('span', { className: 'side-label', text: label, attrs: { 'aria-label': `Token ${label}` } }),
    h('code', { className: v.absent ? 'absent' : undefined, text: v.text }),
  );
}

function differenceCard(d: Difference): HTMLElement {
  return h(
    'li',
    { className: `diff${d.matters ? ' matters' : ''}`, dataset: { claim: d.claim } },
    h('div', { className: 'diff-claim' }, d.matters ? icon('warning') : null, h('code', { text: d.claim })),
    h('div', { className: 'diff-values' }, side('A', d.claim, d.a), side('B', d.claim, d.b)),
    h('p', { className: 'diff-why', text: d.why }),
  );
}

function tokenCard(label: 'A' | 'B', t: CompareMessage['comparison']['a']): HTMLElement {
  return h(
    'div',
    { className: 'token-card' },
    h('span', { className: 'side-label', text: label }),
    h('span', { className: 'token-description', text: t.description }),
    t.problem ? h('p', { className: 'problem', attrs: { role: 'note' } }, icon('error'), ' ', t.problem) : null,
  );
}

function renderResult(message: CompareMessage): HTMLElement {
  const { a, b, differences } = message.comparison;
  const matters = differences.filter((d) => d.matters);
  const others = differences.filter((d) => !d.matters);
  const header = h(
    'header',
    { className: 'view-header' },
    h('h2', { text: 'A compared with B' }),
    h(
      'div',
      { className: 'badges' },
      pill(`${matters.length} matter${matters.length === 1 ? 's' : ''} for authorization`, matters.length ? 'error' : 'ok'),
      pill(`${differences.length} difference${differences.length === 1 ? '' : 's'} in all`),
    ),
  );
  const body = h('div', { className: 'view-body' }, h('div', { className: 'token-pair' }, tokenCard('A', a), tokenCard('B', b)));
  if (differences.length === 0) body.append(h('p', { className: 'summary', text: 'The two tokens carry the same claims.' }));
  if (matters.length) body.append(section('Differences that matter for authorization', 'compare-matters', h('ul', { className: 'diffs' }, ...matters.map(differenceCard))));
  else if (differences.length) body.append(h('p', { className: 'summary', text: 'No difference decides authorization: the tokens differ only in claims an API does not check.' }));
  if (others.length) body.append(section('Other differences', 'compare-others', h('ul', { className: 'diffs' }, ...others.map(differenceCard))));
  return h('article', { className: 'view compare-view', attrs: { 'aria-label': 'Comparison of two tokens' } }, header, body);
}

function tokenField(id: string, label: string, placeholder: string): { wrap: HTMLElement; input: HTMLTextAreaElement } {
  const input = h('textarea', { className: 'token-input', attrs: { id, rows: 4, spellcheck: 'false', autocomplete: 'off', placeholder } });
  return { wrap: h('div', { className: 'field' }, h('label', { text: label, attrs: { for: id } }), input), input };
}

export function createCompareView(ctx: ViewContext): CompareView {
  const a = tokenField('compare-a', 'Token A (the one that works)', 'eyJ0eXAiOi… or Bearer eyJ0eXAiOi…');
  const b = tokenField('compare-b', 'Token B (the one that fails)', 'eyJ0eXAiOi… or Bearer eyJ0eXAiOi…');
  const button = h('button', { className: 'primary', text: 'Compare', attrs: { type: 'submit' } });
  const note = h('p', { className: 'hint', text: 'The tokens are compared by the extension on this machine and are not kept: only their claims are shown.' });
  const form = h('form', { className: 'token-form', attrs: { 'aria-label': 'Compare two tokens' } }, h('div', { className: 'token-pair' }, a.wrap, b.wrap), h('div', { className: 'form-actions' }, button, note));
  const result = h('div', { className: 'compare-result' }, h('p', { className: 'empty', text: 'Paste two tokens above, or decode two tokens and compare them here.' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = a.input.value.trim();
    const second = b.input.value.trim();
    if (!first || !second) {
      (first ? b.input : a.input).focus();
      return;
    }
    if (ctx.host.post({ type: 'compareTokens', a: first, b: second })) {
      // The tokens leave the page as soon as they are sent.
      a.input.value = '';
      b.input.value = '';
    }
  });
  const element = h('div', { className: 'compare-host' }, form, result);
  return {
    element,
    show(message) {
      replaceChildren(result, renderResult(message));
    },
  };
}
