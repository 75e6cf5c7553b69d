// Entry point of the inspection panel (bundled to dist/webview/main.js). It owns the tabs, turns host
// messages into views, and keeps a small, token-free copy of what is shown so the panel survives
// being hidden and restored.
// Must stay the first import: it configures zod before protocol.ts creates its schemas.
import './zod-jitless';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import { describeRejectedMessage, MAX_HOST_MESSAGE_CHARS, parseHostMessage, VIEWS, type HostMessage, type PanelView, type ShowMessage } from '../protocol';
import { h, icon, replaceChildren, trackWidth } from './dom';
import { connectHost } from './host';
import { persistable, restoreState, type PanelState } from '../panel-state';
import type { ViewContext } from './views/common';
import { renderClaims, renderClaimsEmpty } from './views/claims';
import { createLookupView } from './views/lookup';
import { renderResponse, renderResponseEmpty } from './views/response';
import { renderScan, renderScanEmpty } from './views/scan';
import { renderTimeline, renderTimelineEmpty } from './views/timeline';
import { createCompareView } from './views/compare';
import { createTokenApiView } from './views/token-api';

const VIEW_TITLES: Record<PanelView, { title: string; icon: string }> = {
  response: { title: 'Response', icon: 'info' },
  lookup: { title: 'Error lookup', icon: 'search' },
  timeline: { title: 'Retry timeline', icon: 'history' },
  claims: { title: 'Claims', icon: 'key' },
  scan: { title: 'Log scan', icon: 'output' },
  compare: { title: 'Compare tokens', icon: 'diff' },
  tokenApi: { title: 'Token vs API', icon: 'shield' },
};

function start(): void {
  const host = connectHost();
  trackWidth();
  const ctx: ViewContext = { host };
  const app = document.getElementById('app') ?? document.body.appendChild(h('main', { attrs: { id: 'app' } }));
  let state: PanelState = restoreState(host.getState());

  const banner = h('div', { className: 'banner', attrs: { role: 'alert', hidden: true } });
  const tabs = h('vscode-tabs', { attrs: { 'aria-label': 'Auth Lens views', panel: true } });
  const panels = {} as Record<PanelView, HTMLElement>;
  for (const view of VIEWS) {
    // The title is its own element so a narrow panel can show it on the selected tab only (see panel.css).
    tabs.append(
      h(
        'vscode-tab-header',
        { attrs: { slot: 'header', 'data-view': view, title: VIEW_TITLES[view].title, 'aria-label': VIEW_TITLES[view].title } },
        icon(VIEW_TITLES[view].icon),
        h('span', { className: 'tab-title', text: ` ${VIEW_TITLES[view].title}` }),
      ),
    );
  }
  for (const view of VIEWS) {
    panels[view] = h('vscode-tab-panel', { attrs: { 'data-view': view, id: `view-${view}` } });
    tabs.append(panels[view]);
  }
  const lookup = createLookupView(ctx);
  const lookupPanel = h('div', { className: 'lookup-host' }, lookup.element);
  replaceChildren(panels.lookup, lookupPanel);
  const compare = createCompareView(ctx);
  replaceChildren(panels.compare, compare.element);
  const tokenApi = createTokenApiView(ctx);
  replaceChildren(panels.tokenApi, tokenApi.element);
  replaceChildren(app, banner, tabs);

  const save = (): void => host.setState(state);

  const select = (view: PanelView): void => {
    const index = VIEWS.indexOf(view);
    if (tabs.selectedIndex !== index) tabs.selectedIndex = index;
    document.body.dataset.view = view;
    if (state.view !== view) {
      state = { ...state, view };
      save();
    }
  };

  tabs.addEventListener('vsc-tabs-select', (event) => {
    const view = VIEWS[event.detail.selectedIndex];
    if (!view) return;
    select(view);
    host.post({ type: 'switchView', view });
  });

  const showError = (text: string): void => {
    replaceChildren(
      banner,
      icon('error'),
      h('span', { text: ` ${text}` }),
    );
    const close = h('button', { className: 'link dismiss', text: 'Dismiss', attrs: { type: 'button', 'aria-label': 'Dismiss error' } });
    close.addEventListener('click', () => {
      banner.hidden = true;
    });
    banner.append(close);
    banner.hidden = false;
  };

  const render = (message: ShowMessage): void => {
    switch (message.view) {
      case 'response':
        replaceChildren(panels.response, renderResponse(ctx, message));
        break;
      case 'lookup':
        if (message.entries) lookup.showResults(message.entries);
        if (message.selected) lookup.showSelected(message.selected);
        break;
      case 'timeline':
        replaceChildren(panels.timeline, renderTimeline(ctx, message));
        // A token the request produced is decoded in the Claims view too (without switching to it).
        if (message.token) replaceChildren(panels.claims, renderClaims(ctx, { type: 'show', view: 'claims', token: message.token }));
        break;
      case 'claims':
        replaceChildren(panels.claims, renderClaims(ctx, message));
        break;
      case 'scan':
        replaceChildren(panels.scan, renderScan(ctx, message));
        break;
      case 'compare':
        compare.show(message);
        break;
      case 'tokenApi':
        tokenApi.show(message);
        break;
    }
  };

  const handle = (message: HostMessage): void => {
    switch (message.type) {
      case 'show':
        banner.hidden = true;
        render(message);
        state = { ...state, shown: { ...state.shown, [message.view]: persistable(message) } };
        select(message.view);
        save();
        break;
      case 'lookupResults':
        lookup.showResults(message.entries, message.query);
        break;
      case 'error':
        showError(message.message);
        break;
    }
  };

  // Initial content: what was shown before a reload, otherwise a note per view on how to fill it.
  panels.response.append(renderResponseEmpty());
  panels.timeline.append(renderTimelineEmpty());
  panels.claims.append(renderClaimsEmpty());
  panels.scan.append(renderScanEmpty());
  for (const view of VIEWS) {
    const shown = state.shown[view];
    if (shown) render(shown);
  }
  select(state.view);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (!message) {
      host.log('warn', `panel dropped a host message: ${describeRejectedMessage(event.data, MAX_HOST_MESSAGE_CHARS)}`);
      return;
    }
    try {
      handle(message);
    } catch (error) {
      host.log('error', `panel failed to show a "${message.type}" message: ${error instanceof Error ? error.message : String(error)}`);
      showError('Auth Lens could not show this result. The details are in the Auth Lens output channel.');
    }
  });
  window.addEventListener('error', (event) => host.log('error', `panel script error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => host.log('error', `panel promise rejected: ${String(event.reason)}`));

  host.post({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
