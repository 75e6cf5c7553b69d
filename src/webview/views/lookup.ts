// The error lookup view (every vocabulary): a search box (the host does the search, so the catalog stays out of the
// webview bundle), a results list, and the detail of one code.
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import { type CatalogEntry, entryLabel } from '../../core/types';
import { actorLabel } from '../../core/format/labels';
import { facts, h, onActivate, replaceChildren, section } from '../dom';
import { categoryBadge, externalLink, pill, yesNo, type ViewContext } from './common';

const SEARCH_DELAY_MS = 250;

export interface LookupView {
  element: HTMLElement;
  showResults(entries: CatalogEntry[], query?: string): void;
  showSelected(entry: CatalogEntry): void;
}

/** Identifies one entry among results from several vocabularies (a value can repeat across them). */
function entryKey(entry: CatalogEntry): string {
  return `${entry.vocabulary}:${entry.code}:${entry.name ?? ''}`;
}

function whoLabel(who: string): string {
  return who.charAt(0).toUpperCase() + who.slice(1);
}

function renderDetail(ctx: ViewContext, entry: CatalogEntry): HTMLElement {
  const title = entryLabel(entry);
  return h(
    'article',
    { className: 'detail', attrs: { 'aria-label': `${title} details` } },
    h(
      'header',
      { className: 'view-header' },
      h('h2', {}, title, entry.name ? h('span', { className: 'code-name', text: ` ${entry.name}` }) : null),
      h('div', { className: 'badges' }, categoryBadge(entry.category), entry.retryable ? pill('retryable', 'wait') : pill('not retryable'), entry.documented ? null : pill(entry.vocabulary === 'aadsts' ? 'not in the published list' : 'inferred')),
    ),
    h('p', { className: 'summary', text: entry.summary }),
    facts([
      ['Who acts', actorLabel(entry.actor)],
      ['Retryable', yesNo(entry.retryable)],
      ['Raised by', entry.source],
      ['Reference', entry.url ? externalLink(ctx, entry.vocabulary === 'aadsts' ? 'Microsoft error lookup page' : 'Official documentation', entry.url) : 'none published'],
    ]),
    entry.causes.length ? section('Likely causes', `lookup-causes-${entry.vocabulary}-${entry.code}`, h('ul', {}, ...entry.causes.map((text) => h('li', { text })))) : null,
    entry.fixes.length ? section('How to fix it', `lookup-fixes-${entry.vocabulary}-${entry.code}`, h('ol', {}, ...entry.fixes.map((fix) => h('li', { text: `${whoLabel(fix.who)}: ${fix.text}` })))) : null,
  );
}

export function createLookupView(ctx: ViewContext): LookupView {
  const field = h('vscode-textfield', {
    attrs: { id: 'lookup-query', placeholder: 'Any code, value or words, e.g. 50076, interaction_in_progress, AuthorizationFailed, consent', type: 'search', 'aria-label': 'Search error codes of every vocabulary' },
  });
  const label = h('vscode-label', { text: 'Search error codes', attrs: { for: 'lookup-query' } });
  const status = h('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const results = h('ul', { className: 'results', attrs: { 'aria-label': 'Search results' } });
  const detail = h('div', { className: 'detail-host' });
  let timer: number | undefined;
  let lastSent: string | undefined;

  const send = (): void => {
    window.clearTimeout(timer);
    const query = field.value.trim().slice(0, 200);
    if (query === '' || query === lastSent) return;
    lastSent = query;
    status.textContent = `Searching for “${query}”…`;
    ctx.host.post({ type: 'lookup', query });
  };
  field.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(send, SEARCH_DELAY_MS);
  });
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      lastSent = undefined;
      send();
    }
  });

  const select = (entry: CatalogEntry, fromResults: boolean): void => {
    replaceChildren(detail, renderDetail(ctx, entry));
    for (const item of results.querySelectorAll<HTMLElement>('li')) {
      item.querySelector('button')?.setAttribute('aria-current', item.dataset.code === entryKey(entry) ? 'true' : 'false');
    }
    if (fromResults) detail.querySelector('h2')?.scrollIntoView({ block: 'nearest' });
  };

  const element = h(
    'div',
    { className: 'view lookup-view' },
    h('form', { className: 'search', attrs: { role: 'search' } }, label, field),
    status,
    h('div', { className: 'lookup-split' }, results, detail),
  );
  element.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());

  return {
    element,
    showResults(entries, query) {
      // Answers can arrive out of order while the user types; only the latest query's answer counts.
      if (query !== undefined && lastSent !== undefined && query !== lastSent) return;
      if (query !== undefined && field.value.trim() === '') field.value = query;
      status.textContent =
        entries.length === 0 ? `No codes match${query ? ` “${query}”` : ''}.` : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${query ? ` for “${query}”` : ''}.`;
      replaceChildren(
        results,
        ...entries.map((entry) => {
          const button = h(
            'button',
            { className: 'result', attrs: { type: 'button' } },
            h('span', { className: 'result-code', text: entryLabel(entry) }),
            entry.vocabulary === 'aadsts' ? null : h('span', { className: 'result-source', text: entry.source }),
            entry.name ? h('span', { className: 'result-name', text: entry.name }) : null,
            h('span', { className: 'result-summary', text: entry.summary }),
          );
          onActivate(button, () => select(entry, true));
          const item = h('li', { dataset: { code: entryKey(entry) } }, button);
          return item;
        }),
      );
      const [only] = entries;
      if (only && entries.length === 1) select(only, false);
    },
    showSelected(entry) {
      select(entry, false);
    },
  };
}
