// The Response view: one classified auth outcome — what happened, who acts, whether to retry, and what
// to do next, with the claims challenge and per-language snippets when there is one.
import type { ShowMessage } from '../../protocol';
import { actorLabel, appActionLabel } from '../../core/format/labels';
import { planSteps } from '../../core/format/step-groups';
import { emptyState, facts, h, section } from '../dom';
import { categoryBadge, codeBlock, codeChip, pill, snippetTabs, yesNo, type ViewContext } from './common';

type ResponseMessage = Extract<ShowMessage, { view: 'response' }>;

/** Pretty-prints JSON input; other text is shown as it came (it is already redacted by the host). */
export function prettyInput(input: string): string {
  const trimmed = input.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      return input;
    }
  }
  return input;
}

function prettyClaims(challenge: string): string {
  try {
    return JSON.stringify(JSON.parse(challenge), null, 2);
  } catch {
    return challenge;
  }
}

export function renderResponseEmpty(): HTMLElement {
  return emptyState('No response explained yet. Select an error in the editor and run "Auth Lens: Explain", or paste one into the Explain command.');
}

/** Next steps grouped by who acts, at most about six; library code stays in the snippet tabs below. */
function renderSteps(nextSteps: string[], hasSnippets: boolean): HTMLElement {
  const plan = planSteps(nextSteps, { hasSnippets });
  const groups = plan.groups.map((group) =>
    h(
      'div',
      { className: `step-group who-${group.who}` },
      h('h4', { text: group.label }),
      h('ol', { className: 'steps' }, ...group.steps.map((step) => h('li', { className: step.includes('\n') ? 'pre' : undefined, text: step }))),
    ),
  );
  const notes: (HTMLElement | null)[] = [
    plan.references.length ? h('p', { className: 'hint references', text: `Read more: ${plan.references.join(' ')}` }) : null,
    plan.omitted > 0 ? h('p', { className: 'hint', text: hasSnippets ? 'Code for each library is in the tabs below; repeats are left out.' : `${plan.omitted} similar ${plan.omitted === 1 ? 'step is' : 'steps are'} left out; Copy Redacted Report has them all.` }) : null,
  ];
  return section('Next steps', 'response-next', ...groups, ...notes);
}

export function renderResponse(ctx: ViewContext, message: ResponseMessage): HTMLElement {
  const c = message.classification;
  const outcomeTone = c.outcome === 'success' ? 'ok' : c.outcome === 'pending' ? 'wait' : 'error';
  const header = h(
    'header',
    { className: 'view-header' },
    h('h2', { text: c.error ? c.error : c.outcome === 'success' ? 'Request succeeded' : 'Auth outcome' }),
    h(
      'div',
      { className: 'badges' },
      categoryBadge(c.category),
      pill(c.outcome, outcomeTone),
      c.httpStatus !== null ? pill(`HTTP ${c.httpStatus}`) : null,
      c.retryable ? pill('retryable', 'wait') : pill('not retryable'),
    ),
  );

  const retry =
    c.retryAfterSeconds !== null ? `${c.retryAfterSeconds} s (from the server or the throttling rule)` : c.retryable ? 'no wait given; back off before retrying' : null;

  const body = h(
    'div',
    { className: 'view-body' },
    h('p', { className: 'summary', text: c.summary }),
    facts([
      ['Who acts', actorLabel(c.actor)],
      ['What the app should do', appActionLabel(c.appAction)],
      ['Retryable', yesNo(c.retryable)],
      ['Retry after', retry],
      ['Error', c.error],
      ['Suberror', c.suberror],
      ['AADSTS codes', c.aadsts.length ? h('span', { className: 'chips' }, ...c.aadsts.map((code) => codeChip(ctx, code))) : null],
      ['Correlation ID', c.correlationId ? h('code', { text: c.correlationId }) : null],
      ['Trace ID', c.traceId ? h('code', { text: c.traceId }) : null],
      ['Timestamp', c.timestamp],
      ['Recognised as', c.source.replace(/_/g, ' ')],
    ]),
  );

  if (c.nextSteps.length) body.append(renderSteps(c.nextSteps, message.snippets.length > 0));

  if (c.claimsChallenge || message.snippets.length) {
    const parts: (HTMLElement | null)[] = [];
    if (c.claimsChallenge) {
      parts.push(
        h('p', {
          text: 'The resource asked for a new token that satisfies these claims. Pass this text unchanged to your MSAL call; do not cache or edit it.',
        }),
        codeBlock(ctx, prettyClaims(c.claimsChallenge), 'claims challenge', 'JSON'),
      );
    }
    if (message.snippets.length) parts.push(snippetTabs(ctx, message.snippets));
    body.append(section(c.claimsChallenge ? 'Claims challenge' : 'Code', 'response-claims', ...parts));
  }

  body.append(
    section(
      'Input (redacted)',
      'response-input',
      codeBlock(ctx, prettyInput(message.input), 'redacted input'),
    ),
  );

  return h('article', { className: 'view response-view', attrs: { 'aria-label': 'Response explanation' } }, header, body);
}
