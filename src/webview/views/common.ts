// Pieces shared by the views: the context they act through, badges, copy buttons and safe links.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { isAllowedExternalUrl, type CodeSnippet } from '../../protocol';
import type { Category } from '../../core/types';
import { categoryLabel } from '../../core/format/labels';
import { h, icon } from '../dom';
import type { HostChannel } from '../host';

export interface ViewContext {
  host: HostChannel;
}

/** How alarming a category is, which picks the badge colour (never the only signal: the label is text). */
export function categoryTone(category: Category | string): 'ok' | 'wait' | 'action' | 'error' | 'neutral' {
  switch (category) {
    case 'success':
      return 'ok';
    case 'pending':
    case 'transient':
    case 'throttled':
    case 'network':
      return 'wait';
    case 'interaction_required':
    case 'claims_challenge':
    case 'consent_required':
      return 'action';
    case 'unknown':
      return 'neutral';
    default:
      return 'error';
  }
}

export function categoryBadge(category: Category): HTMLSpanElement {
  return h('span', {
    className: `badge tone-${categoryTone(category)}`,
    text: categoryLabel(category),
    dataset: { category },
    attrs: { title: `Category: ${category}` },
  });
}

export function pill(text: string, tone: 'ok' | 'wait' | 'action' | 'error' | 'neutral' = 'neutral'): HTMLSpanElement {
  return h('span', { className: `badge tone-${tone}`, text });
}

/** A small button that asks the host to put text on the clipboard (webviews cannot rely on clipboard access). */
export function copyButton(ctx: ViewContext, text: string, what: string): HTMLElement {
  const button = h('vscode-button', { className: 'copy', attrs: { secondary: true, icon: 'copy', 'aria-label': `Copy ${what}` } }, 'Copy');
  button.addEventListener('click', () => {
    if (ctx.host.post({ type: 'copy', text })) {
      button.textContent = 'Copied';
      window.setTimeout(() => {
        button.textContent = 'Copy';
      }, 1500);
    }
  });
  return button;
}

/**
 * A link to an allowed Microsoft page. It is a button that asks the host to open the URL; anything
 * not on the allow-list is shown as plain text, never as something clickable.
 */
export function externalLink(ctx: ViewContext, label: string, url: string): HTMLElement {
  if (!isAllowedExternalUrl(url)) return h('span', { className: 'url', text: url });
  const button = h('button', { className: 'link', attrs: { type: 'button', title: url } }, label, ' ', icon('link-external'));
  button.addEventListener('click', () => ctx.host.post({ type: 'openExternal', url }));
  return button;
}

/** A clickable AADSTS code that opens the code in the lookup view (through the host). */
export function codeChip(ctx: ViewContext, code: number): HTMLButtonElement {
  const button = h('button', { className: 'chip', text: `AADSTS${code}`, attrs: { type: 'button', 'aria-label': `Look up AADSTS${code}` } });
  button.addEventListener('click', (event) => {
    // Inside a scan row: look the code up, do not also jump to the line.
    event.stopPropagation();
    ctx.host.post({ type: 'selectCode', vocabulary: 'aadsts', code: String(code) });
  });
  return button;
}

/** A code block with a copy button. */
export function codeBlock(ctx: ViewContext, code: string, what: string, language?: string): HTMLElement {
  return h(
    'div',
    { className: 'code-block' },
    h('div', { className: 'code-toolbar' }, language ? h('span', { className: 'code-language', text: language }) : null, copyButton(ctx, code, what)),
    h('pre', { attrs: { tabindex: 0, 'aria-label': what } }, h('code', { text: code })),
  );
}

let snippetTabsCount = 0;

/** Per-language snippets in tabs, each with its own copy button. */
export function snippetTabs(ctx: ViewContext, snippets: CodeSnippet[]): HTMLElement {
  snippetTabsCount += 1;
  const tabs = h('vscode-tabs', { className: 'snippets', attrs: { 'aria-label': 'Code snippets', id: `snippets-${snippetTabsCount}` } });
  for (const snippet of snippets) {
    tabs.append(h('vscode-tab-header', { text: snippet.language, attrs: { slot: 'header' } }));
  }
  for (const snippet of snippets) {
    tabs.append(h('vscode-tab-panel', {}, codeBlock(ctx, snippet.code, `${snippet.language} snippet`, snippet.language)));
  }
  return tabs;
}

export function yesNo(value: boolean | null): string {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}
