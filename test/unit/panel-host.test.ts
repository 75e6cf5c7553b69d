// The inspection panel's host side with the fake `vscode` module: what it renders (nonce, CSP), what
// it does with the page's messages (drops and logs bad ones, re-sends the last view on ready), and
// the two things a page could try to abuse: opening documents (only scanned ones the host sent) and
// opening links (only allowed URLs, and only after the user agrees unless online lookup is on).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scanText } from '../../src/core/scan/index';
import type { ScanSummary } from '../../src/core/types';
import type { ShowMessage } from '../../src/protocol';
import { emptyState, persistable, type PanelState } from '../../src/panel-state';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { InspectionPanel } from '../../src/extension/panel';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';
import { FailureLog, TokenLog } from '../../src/extension/recent';

const EMPTY_SCAN: ScanSummary = { bytes: 1, lines: 1, codes: [], errors: [], correlations: [], tokens: [], bursts: [], warnings: [] };
const SCANNED = 'file:///work/logs/app.log';

function scanOf(documentUri: string): ShowMessage {
  return { type: 'show', view: 'scan', summary: EMPTY_SCAN, documentUri, fileName: documentUri.split('/').at(-1)! };
}

/** What the page saves with vscode.setState (src/webview/main.ts), and VS Code hands back to the host after a reload. */
function savedState(...shown: ShowMessage[]): PanelState {
  const state = emptyState();
  for (const message of shown) {
    state.shown[message.view] = persistable(message);
    state.view = message.view;
  }
  return state;
}

/** An in-memory Memento, standing in for context.workspaceState across a simulated reload. */
function memento() {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string): T | undefined => values.get(key) as T | undefined,
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
  };
}

function makeServices(workspaceState = memento()): Services {
  const context = { ...fake.fakeContext(process.cwd()), workspaceState };
  const secrets = new SecretStore(context.secrets as never);
  const log = new Logger(() => secrets.knownSecrets());
  return { context: context as never, log, secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy: () => ({}) as never };
}

/** A fake panel VS Code would hand to the serializer after a reload. */
function restoredPanel() {
  let html = '';
  const receivers: ((m: unknown) => unknown)[] = [];
  const webview = {
    get html() {
      return html;
    },
    set html(value: string) {
      html = value;
    },
    options: {},
    posted: [] as unknown[],
    cspSource: 'https://panel.test-cdn.example',
    asWebviewUri: (uri: fake.Uri) => fake.Uri.parse(`https://panel.test-cdn.example${uri.path}`),
    postMessage: async (message: unknown) => {
      webview.posted.push(message);
      return true;
    },
    onDidReceiveMessage: (listener: (m: unknown) => unknown) => {
      receivers.push(listener);
      return new fake.Disposable();
    },
    receive: async (message: unknown) => {
      for (const receiver of receivers) receiver(message);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  const panel = {
    webview,
    visible: true,
    reveal: () => undefined,
    onDidDispose: () => new fake.Disposable(),
    onDidChangeViewState: () => new fake.Disposable(),
    dispose: () => undefined,
  };
  return { panel, webview };
}

function cspOf(html: string): { policy: string; nonce: string; scriptNonces: string[] } {
  const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
  const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
  const scriptNonces = [...html.matchAll(/<script\b[^>]*\bnonce="([^"]*)"/g)].map((m) => m[1]!);
  return { policy, nonce, scriptNonces };
}

const logged = (text: string) => fake.recorded.logLines.filter((line) => line.message.includes(text));

beforeEach(() => {
  InspectionPanel.disposeCurrent();
  fake.resetCaptured();
});

describe('the page the host renders', () => {
  it('has a Content-Security-Policy and a fresh nonce on every render, carried by its one script', () => {
    const services = makeServices();
    const nonces: string[] = [];
    for (let i = 0; i < 4; i++) {
      InspectionPanel.show(services);
      const { policy, nonce, scriptNonces } = cspOf(fake.captured.webviews.at(-1)!.html);
      expect(policy.startsWith("default-src 'none'")).toBe(true);
      expect(policy).toContain(`script-src 'nonce-${nonce}'`);
      expect(nonce.length).toBeGreaterThanOrEqual(16);
      expect(scriptNonces).toEqual([nonce]);
      nonces.push(nonce);
      InspectionPanel.disposeCurrent();
    }
    // A restored panel is rendered again too, with a nonce of its own.
    const { panel, webview } = restoredPanel();
    InspectionPanel.restore(services, panel as never, undefined);
    nonces.push(cspOf(webview.html).nonce);
    expect(nonces.every((n) => n.length > 0)).toBe(true);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it('reuses the open panel instead of rendering a second page', () => {
    const services = makeServices();
    InspectionPanel.show(services);
    InspectionPanel.show(services, scanOf(SCANNED));
    expect(fake.captured.webviews).toHaveLength(1);
  });
});

describe('messages from the page', () => {
  it('drops and logs messages that do not match the protocol, with no effect', async () => {
    InspectionPanel.show(makeServices());
    const page = fake.captured.webviews.at(-1)!;
    const bad: unknown[] = [
      undefined,
      'ready',
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openExternal', url: 'https://evil.example/' },
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'copy', text: 'x'.repeat(200_000) },
      { type: 'revealLine', documentUri: SCANNED, line: -3 },
      { type: 'selectCode', code: 'fifty' },
    ];
    for (const message of bad) await page.receive(message);
    expect(logged('Dropped a panel message')).toHaveLength(bad.length);
    expect(fake.recorded.logLines.filter((l) => l.message.includes('Dropped a panel message')).every((l) => l.level === 'warn')).toBe(true);
    expect(page.posted).toEqual([]);
    expect(fake.captured.opened).toEqual([]);
    expect(fake.captured.openedExternal).toEqual([]);
    expect(fake.captured.clipboard).toEqual([]);
  });

  it('waits for ready before posting, and re-sends the last view on every ready (a reloaded page)', async () => {
    InspectionPanel.show(makeServices(), scanOf(SCANNED));
    const page = fake.captured.webviews.at(-1)!;
    expect(page.posted).toEqual([]);
    await page.receive({ type: 'ready' });
    expect(page.posted).toEqual([scanOf(SCANNED)]);
    const lookup: ShowMessage = { type: 'show', view: 'lookup', entries: [] };
    InspectionPanel.show(makeServices(), lookup);
    expect(page.posted.at(-1)).toEqual(lookup);
    // The page reloads (hidden webview, theme change): it says ready again and gets the latest view.
    await page.receive({ type: 'ready' });
    expect(page.posted).toEqual([scanOf(SCANNED), lookup, lookup]);
  });

  it('a restored panel re-sends the view saved in its state once the page is ready', async () => {
    const { panel, webview } = restoredPanel();
    InspectionPanel.restore(makeServices(), panel as never, savedState(scanOf(SCANNED)));
    await webview.receive({ type: 'ready' });
    expect(webview.posted).toEqual([scanOf(SCANNED)]);
  });
});

describe('revealLine', () => {
  it('opens the scanned document the host sent and nothing the page names on its own', async () => {
    InspectionPanel.show(makeServices(), scanOf(SCANNED));
    const page = fake.captured.webviews.at(-1)!;
    await page.receive({ type: 'ready' });
    for (const other of ['file:///home/user/.ssh/id_rsa', 'vscode-userdata:/User/settings.json', 'file:///work/logs/app.log/../../../etc/passwd', `${SCANNED} `, 'untitled:Untitled-1']) {
      await page.receive({ type: 'revealLine', documentUri: other, line: 1 });
    }
    await page.receive({ type: 'revealLine', documentUri: SCANNED, line: 2 });
    expect(fake.captured.opened).toEqual([SCANNED]);
    const refused = logged('not given');
    expect(refused).toHaveLength(5);
    // The log says what was refused without repeating the path the page chose.
    expect(refused.some((l) => l.message.includes('.ssh'))).toBe(false);
  });

  it('keeps every document it sent for this panel, and nothing before any scan was shown', async () => {
    const services = makeServices();
    InspectionPanel.show(services);
    const page = fake.captured.webviews.at(-1)!;
    await page.receive({ type: 'ready' });
    await page.receive({ type: 'revealLine', documentUri: SCANNED, line: 1 });
    expect(fake.captured.opened).toEqual([]);
    InspectionPanel.show(services, scanOf(SCANNED));
    InspectionPanel.show(services, scanOf('untitled:Untitled-2'));
    await page.receive({ type: 'revealLine', documentUri: SCANNED, line: 1 });
    await page.receive({ type: 'revealLine', documentUri: 'untitled:Untitled-2', line: 1 });
    expect(fake.captured.opened).toEqual([SCANNED, 'untitled:Untitled-2']);
  });

  it('after a reload, trusts the saved scan only if this host sent that document before', async () => {
    const workspaceState = memento();
    InspectionPanel.show(makeServices(workspaceState), scanOf(SCANNED));
    InspectionPanel.disposeCurrent();

    // The saved state comes from the page, which could have rewritten it to name another file.
    const forged = restoredPanel();
    InspectionPanel.restore(makeServices(workspaceState), forged.panel as never, savedState(scanOf('file:///home/user/.ssh/id_rsa')));
    await forged.webview.receive({ type: 'revealLine', documentUri: 'file:///home/user/.ssh/id_rsa', line: 1 });
    expect(fake.captured.opened).toEqual([]);

    const genuine = restoredPanel();
    InspectionPanel.restore(makeServices(workspaceState), genuine.panel as never, savedState(scanOf(SCANNED)));
    await genuine.webview.receive({ type: 'revealLine', documentUri: SCANNED, line: 1 });
    expect(fake.captured.opened).toEqual([SCANNED]);

    // Without workspace storage there is nothing to vouch for the saved scan.
    fake.captured.opened.length = 0;
    const services = makeServices();
    (services.context as { workspaceState?: unknown }).workspaceState = undefined;
    const bare = restoredPanel();
    InspectionPanel.restore(services, bare.panel as never, savedState(scanOf(SCANNED)));
    await bare.webview.receive({ type: 'revealLine', documentUri: SCANNED, line: 1 });
    expect(fake.captured.opened).toEqual([]);
  });
});

describe('log timeline after a reload', () => {
  const LOG = readFileSync(join(process.cwd(), 'test/fixtures/logs/msal-python/throttle.log'), 'utf8');

  it('draws the requests of a saved scan this host sent, and nothing for a scan the page names on its own', async () => {
    const workspaceState = memento();
    const summary = scanText(LOG);
    expect(summary.requests!.length).toBeGreaterThan(1);
    const scan: ShowMessage = { type: 'show', view: 'scan', summary, documentUri: SCANNED, fileName: 'app.log' };
    InspectionPanel.show(makeServices(workspaceState), scan);
    InspectionPanel.disposeCurrent();

    const restored = restoredPanel();
    InspectionPanel.restore(makeServices(workspaceState), restored.panel as never, savedState(scan));
    await restored.webview.receive({ type: 'ready' });
    await restored.webview.receive({ type: 'showLogTimeline', documentUri: SCANNED, correlationId: null });
    const drawn = restored.webview.posted.at(-1) as { view?: string; log?: { lines: number[] }; timeline?: { attempts: unknown[] } };
    expect(drawn.view).toBe('timeline');
    expect(drawn.log!.lines).toEqual(summary.requests!.map((r) => r.line));
    expect(drawn.timeline!.attempts).toHaveLength(summary.requests!.length);
    // The timeline's rows jump to lines of that log.
    await restored.webview.receive({ type: 'revealLine', documentUri: SCANNED, line: drawn.log!.lines[0]! });
    expect(fake.captured.opened).toEqual([SCANNED]);

    const forgedUri = 'file:///home/user/other.log';
    const forged = restoredPanel();
    InspectionPanel.restore(makeServices(workspaceState), forged.panel as never, savedState({ ...scan, documentUri: forgedUri } as ShowMessage));
    await forged.webview.receive({ type: 'ready' });
    await forged.webview.receive({ type: 'showLogTimeline', documentUri: forgedUri, correlationId: null });
    expect((forged.webview.posted.at(-1) as { type: string }).type).toBe('error');
  });

  it('keeps the jump-to-line of a saved log timeline whose log this host sent', async () => {
    const workspaceState = memento();
    const summary = scanText(LOG);
    InspectionPanel.show(makeServices(workspaceState), { type: 'show', view: 'scan', summary, documentUri: SCANNED, fileName: 'app.log' });
    const page = fake.captured.webviews.at(-1)!;
    await page.receive({ type: 'ready' });
    await page.receive({ type: 'showLogTimeline', documentUri: SCANNED, correlationId: null });
    const timeline = page.posted.at(-1) as ShowMessage;
    InspectionPanel.disposeCurrent();

    // Only the timeline is in the saved state: its lines must still open.
    const restored = restoredPanel();
    InspectionPanel.restore(makeServices(workspaceState), restored.panel as never, savedState(timeline));
    await restored.webview.receive({ type: 'ready' });
    expect(restored.webview.posted).toEqual([persistable(timeline)]);
    await restored.webview.receive({ type: 'revealLine', documentUri: SCANNED, line: 3 });
    expect(fake.captured.opened).toEqual([SCANNED]);
  });
});

describe('openExternal', () => {
  const ALLOWED = 'https://login.microsoftonline.com/error?code=50076';

  it('with online lookup off, asks first: Open opens, Copy Link copies, dismissing does nothing', async () => {
    InspectionPanel.show(makeServices());
    const page = fake.captured.webviews.at(-1)!;
    await page.receive({ type: 'openExternal', url: ALLOWED });
    expect(fake.captured.boxes.at(-1)).toContain(ALLOWED);
    expect(fake.captured.openedExternal).toEqual([]);
    fake.captured.infoChoice = 'Copy Link';
    await page.receive({ type: 'openExternal', url: ALLOWED });
    expect(fake.captured.clipboard).toEqual([ALLOWED]);
    expect(fake.captured.openedExternal).toEqual([]);
    fake.captured.infoChoice = 'Open';
    await page.receive({ type: 'openExternal', url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes' });
    expect(fake.captured.openedExternal).toEqual(['https://learn.microsoft.com/entra/identity-platform/reference-error-codes']);
  });

  it('with online lookup on, opens allowed links directly and still never any other URL', async () => {
    fake.recorded.settings.set('authLens.lookup.online', true);
    InspectionPanel.show(makeServices());
    const page = fake.captured.webviews.at(-1)!;
    fake.captured.infoChoice = 'Open';
    for (const url of ['https://evil.example/', 'http://login.microsoftonline.com/', 'https://login.microsoftonline.com@evil.example/', 'https://login.microsoftonline.com:444/', 'javascript:alert(1)']) {
      await page.receive({ type: 'openExternal', url });
    }
    expect(fake.captured.openedExternal).toEqual([]);
    expect(logged('Dropped a panel message')).toHaveLength(5);
    await page.receive({ type: 'openExternal', url: ALLOWED });
    expect(fake.captured.openedExternal).toEqual([ALLOWED]);
    expect(fake.captured.boxes).toEqual([]);
  });
});

describe('the token forms (Compare tokens, Token vs API)', () => {
  it('answers compareTokens with a compare view, remembers both tokens as secrets, and posts neither', async () => {
    const { makeJwt, v1AppOnly, v2Delegated } = await import('../fixtures/jwt/make');
    const services = makeServices();
    InspectionPanel.show(services);
    const webview = fake.captured.webviews.at(-1)!;
    await webview.receive({ type: 'ready' });
    const a = makeJwt(v2Delegated());
    const b = makeJwt(v1AppOnly());
    await webview.receive({ type: 'compareTokens', a: `Bearer ${a}`, b });
    const shown = webview.posted.at(-1) as Extract<ShowMessage, { view: 'compare' }>;
    expect(shown).toMatchObject({ type: 'show', view: 'compare' });
    expect(shown.comparison.differences.find((d) => d.claim === 'aud')).toMatchObject({ a: 'api://orders', b: 'https://management.azure.com/', matters: true });
    expect(services.secrets.knownSecrets()).toEqual(expect.arrayContaining([a, b]));
    const everything = JSON.stringify(webview.posted);
    for (const token of [a, b]) expect(everything).not.toContain(token.split('.')[1]!.slice(0, 40));
  });

  it('answers diagnoseApi with the Token vs API view: the diagnosis, and the answer echoed with the token removed', async () => {
    const { makeJwt, v2Delegated } = await import('../fixtures/jwt/make');
    const services = makeServices();
    InspectionPanel.show(services);
    const webview = fake.captured.webviews.at(-1)!;
    await webview.receive({ type: 'ready' });
    const token = makeJwt(v2Delegated({ aud: 'https://graph.microsoft.com', scp: 'Orders.Read' }));
    const text = `GET https://management.azure.com/subscriptions?api-version=2022-12-01 HTTP/1.1\nAuthorization: Bearer ${token}\n\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience or resource 'https://graph.microsoft.com'."}}`;
    await webview.receive({ type: 'diagnoseApi', text });
    const shown = webview.posted.at(-1) as Extract<ShowMessage, { view: 'tokenApi' }>;
    expect(shown).toMatchObject({ type: 'show', view: 'tokenApi', diagnosis: { problem: 'wrong_audience', tokenSource: 'request', api: { id: 'arm', scope: 'https://management.azure.com/.default' } } });
    expect(shown.input).toContain('InvalidAuthenticationTokenAudience');
    expect(JSON.stringify(webview.posted)).not.toContain(token.split('.')[1]!.slice(0, 40));
    expect(logged('Token vs API: Azure Resource Manager, wrong_audience (token from the request)')).toHaveLength(1);
    // A token given separately is remembered as a secret before anything is shown.
    await webview.receive({ type: 'diagnoseApi', text: 'HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error="insufficient_scope", scope="Orders.Write"\n', token });
    expect((webview.posted.at(-1) as Extract<ShowMessage, { view: 'tokenApi' }>).diagnosis).toMatchObject({ problem: 'scope_missing', tokenSource: 'given' });
    expect(services.secrets.knownSecrets()).toContain(token);
  });

  it('Explain API Refusal (the command) opens the Token vs API view for a selected answer whose request carries the token', async () => {
    const { makeJwt, v1AppOnly } = await import('../fixtures/jwt/make');
    const { explainApiRefusal } = await import('../../src/extension/inspect');
    const services = makeServices();
    const token = makeJwt(v1AppOnly({ aud: 'https://storage.azure.com', roles: undefined }));
    const text = `PUT https://acct.blob.core.windows.net/c/b.txt HTTP/1.1\nAuthorization: Bearer ${token}\n\nHTTP/1.1 403 Forbidden\nx-ms-error-code: AuthorizationPermissionMismatch\n\n<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>`;
    await explainApiRefusal(services, text);
    const webview = fake.captured.webviews.at(-1)!;
    await webview.receive({ type: 'ready' });
    const shown = webview.posted.at(-1) as Extract<ShowMessage, { view: 'tokenApi' }>;
    expect(shown.diagnosis).toMatchObject({ problem: 'rbac_role_missing', tokenSource: 'request', api: { id: 'storage' } });
    expect(shown.diagnosis.steps.map((s) => s.text).join(' ')).toContain('Storage Blob Data Contributor');
    expect(services.secrets.knownSecrets()).toContain(token);
    expect(JSON.stringify(webview.posted)).not.toContain(token.split('.')[1]!.slice(0, 40));
  });
});
