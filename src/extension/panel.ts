// The inspection panel's host side: one InspectionPanel owns its webview panel and every disposable
// it registers. Messages from the webview are parsed with the protocol schemas and dropped (and
// logged) when they do not match; the page gets a fresh nonce on every render.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lookupValue } from '../core/catalog/index';
import { searchEntries } from '../core/catalog/lookup';
import { describeCode } from '../core/catalog/describe';
import {
  describeRejectedMessage,
  isAllowedExternalUrl,
  MAX_WEBVIEW_MESSAGE_CHARS,
  messageSize,
  parseHostMessage,
  parseWebviewMessage,
  type HostMessage,
  type ShowMessage,
  type WebviewMessage,
  VIEWS,
} from '../protocol';
import { renderPanelHtml } from '../webview/page';
import { restoreState } from '../panel-state';
import type { LogRequest, RequestFlag } from '../core/types';
import { logTimeline } from '../core/scan/log-timeline';
import { PANEL_VIEW_TYPE } from './commands';
import { redactShown } from './outbound';
import type { Services } from './services';
import { compareMessage, tokenApiMessage } from './token-views';

/** Scanned documents a panel remembers; older ones fall off first. */
const MAX_ALLOWED_DOCUMENTS = 32;
/**
 * Where the host remembers which documents it sent, so a panel restored after a reload can still
 * jump to lines: the webview's own saved state is written by the page and cannot vouch for itself.
 */
const ALLOWED_DOCUMENTS_KEY = 'authLens.panel.allowedDocuments';

export class InspectionPanel implements vscode.Disposable {
  private static current: InspectionPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  /** The last view shown, re-sent when the page reloads (ready) so it never opens blank. */
  private lastShow: ShowMessage | undefined;
  /**
   * The document URIs this host put into scan views, exactly as sent. revealLine opens only these:
   * the page passes the URI back, and a compromised page must not name any other file.
   */
  private readonly allowedDocuments = new Set<string>();
  private ready = false;
  private disposed = false;
  /** The token requests of the last scans shown, by document, for drawing them on the Retry timeline. */
  private readonly logRequests = new Map<string, { fileName: string; requests: LogRequest[]; flags: RequestFlag[] }>();

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
  ) {
    this.configure();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        void this.onMessage(raw).catch((error: unknown) => this.services.log.error('Panel message failed', error));
      }),
      panel.onDidChangeViewState((event) => {
        // A hidden webview without retainContextWhenHidden reloads when shown again and sends ready.
        if (!event.webviewPanel.visible) this.ready = false;
      }),
    );
    this.render();
  }

  /**
   * Opens (or reveals) the panel beside the editor and shows `message` in it. Results keep the
   * keyboard in the editor the user was working in; only an explicit "Open Inspection Panel" (no
   * message) moves focus to the panel.
   */
  static show(services: Services, message?: ShowMessage): InspectionPanel {
    const preserveFocus = message !== undefined;
    let panel = InspectionPanel.current;
    if (!panel || panel.disposed) {
      const webviewPanel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Auth Lens',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
        InspectionPanel.webviewOptions(services.context.extensionUri),
      );
      panel = new InspectionPanel(webviewPanel, services);
      InspectionPanel.current = panel;
    } else {
      panel.panel.reveal(undefined, preserveFocus);
    }
    if (message) panel.showMessage(message);
    return panel;
  }

  /** Adopts a panel VS Code restored after a reload. */
  static restore(services: Services, webviewPanel: vscode.WebviewPanel, state: unknown): InspectionPanel {
    InspectionPanel.current?.dispose();
    webviewPanel.webview.options = InspectionPanel.webviewOptions(services.context.extensionUri);
    const panel = new InspectionPanel(webviewPanel, services);
    InspectionPanel.current = panel;
    // The page keeps its own state (vscode.setState, see panel-state.ts); its views are re-sent, redacted
    // again because an older version may have saved them before everything sent was redacted.
    const saved = restoreState(state);
    const secrets = services.secrets.knownSecrets();
    const remembered = rememberedDocuments(services.context);
    for (const view of VIEWS) {
      const message = saved.shown[view];
      if (message) panel.adoptSaved(redactShown(message, secrets), view === saved.view, remembered);
    }
    return panel;
  }

  /**
   * Takes back one view the page saved. The page wrote that state, so a document in it is trusted (to
   * jump to its lines, to draw its requests) only if this host sent it before the reload (`remembered`).
   */
  private adoptSaved(shown: ShowMessage, current: boolean, remembered: readonly string[]): void {
    if (current) this.lastShow = shown;
    if (shown.view === 'scan' && remembered.includes(shown.documentUri)) {
      this.allowedDocuments.add(shown.documentUri);
      this.keepRequests(shown);
    }
    if (shown.view === 'timeline' && shown.log && remembered.includes(shown.log.documentUri)) this.allowedDocuments.add(shown.log.documentUri);
  }

  static disposeCurrent(): void {
    InspectionPanel.current?.dispose();
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  /**
   * Shows `message`, redacted with the secrets this session knows: the page keeps what it is sent in
   * its saved state (on disk), and callers pass records built from server answers and pasted text.
   */
  showMessage(message: ShowMessage): void {
    const safe = redactShown(message, this.services.secrets.knownSecrets());
    this.lastShow = safe;
    if (safe.view === 'scan') {
      this.allowDocument(safe.documentUri);
      this.keepRequests(safe);
    }
    if (this.ready) void this.post(safe);
  }

  /** Keeps a scan's token requests for drawing them on the Retry timeline; the oldest scans fall off. */
  private keepRequests(scan: Extract<ShowMessage, { view: 'scan' }>): void {
    this.logRequests.delete(scan.documentUri);
    this.logRequests.set(scan.documentUri, { fileName: scan.fileName, requests: scan.summary.requests ?? [], flags: scan.summary.requestFlags ?? [] });
    for (const oldest of this.logRequests.keys()) if (this.logRequests.size > MAX_ALLOWED_DOCUMENTS) this.logRequests.delete(oldest);
  }

  private allowDocument(documentUri: string): void {
    this.allowedDocuments.delete(documentUri);
    this.allowedDocuments.add(documentUri);
    for (const oldest of this.allowedDocuments) {
      if (this.allowedDocuments.size <= MAX_ALLOWED_DOCUMENTS) break;
      this.allowedDocuments.delete(oldest);
    }
    const memento = workspaceMemento(this.services.context);
    if (!memento) return;
    const remembered = [...rememberedDocuments(this.services.context).filter((uri) => uri !== documentUri), documentUri].slice(-MAX_ALLOWED_DOCUMENTS);
    void Promise.resolve(memento.update(ALLOWED_DOCUMENTS_KEY, remembered)).catch((error: unknown) => this.services.log.warn(`Could not remember the scanned document for a reload: ${String(error)}`));
  }

  private configure(): void {
    this.panel.iconPath = vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'icon.png');
  }

  /** Renders the page with a fresh nonce and webview URIs for every resource. */
  private render(): void {
    const { webview } = this.panel;
    const root = this.services.context.extensionUri;
    const asUri = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...segments)).toString();
    const styles = ['panel.css', 'views.css', 'token-views.css'].filter((file) => existsSync(vscode.Uri.joinPath(root, 'media', file).fsPath)).map((file) => asUri('media', file));
    const codicon = existsSync(vscode.Uri.joinPath(root, 'dist', 'webview', 'codicon.css').fsPath) ? asUri('dist', 'webview', 'codicon.css') : undefined;
    this.ready = false;
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asUri('dist', 'webview', 'main.js'),
      styleUris: styles,
      ...(codicon ? { codiconUri: codicon } : {}),
    });
  }

  private async post(message: HostMessage): Promise<void> {
    // The host checks its own messages too: a record that drifted from the schema is a bug to log, not to send.
    const parsed = parseHostMessage(message);
    if (!parsed) {
      this.services.log.error(`Not sending a panel message: ${describeRejectedMessage(message)}`);
      await this.panel.webview.postMessage({ type: 'error', message: 'Auth Lens could not display this result (it is too large or malformed). See the Auth Lens log.' });
      return;
    }
    await this.panel.webview.postMessage(parsed);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.services.log.warn(`Dropped a panel message: ${describeRejectedMessage(raw, MAX_WEBVIEW_MESSAGE_CHARS)} (${messageSize(raw) ?? '?'} chars)`);
      return;
    }
    await this.handle(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.lastShow) await this.post(this.lastShow);
        return;
      case 'revealLine':
        await this.revealLine(message.documentUri, message.line);
        return;
      case 'lookup': {
        const entries = searchEntries(message.query);
        await this.post({ type: 'lookupResults', query: message.query.slice(0, 1_000), entries });
        return;
      }
      case 'selectCode': {
        const selected =
          message.vocabulary === 'aadsts'
            ? describeCode(Number(message.code))
            : (lookupValue(message.code, [message.vocabulary]).find((e) => message.name === undefined || e.name === message.name) ??
              undefined);
        if (!selected) return;
        this.lastShow = { type: 'show', view: 'lookup', selected };
        this.services.results.set({ kind: 'lookup', entry: selected });
        await this.post(this.lastShow);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(this.services.log.redact(message.text));
        void vscode.window.setStatusBarMessage('Auth Lens: copied to the clipboard', 3_000);
        return;
      case 'openExternal':
        // The schema already refused other URLs; checked again here because this is where it matters.
        if (!isAllowedExternalUrl(message.url)) {
          this.services.log.warn('Refused to open a link that is not an allowed Microsoft URL');
          return;
        }
        await this.openAllowedUrl(message.url);
        return;
      case 'compareTokens':
        this.showMessage(compareMessage(this.services, message.a, message.b));
        return;
      case 'diagnoseApi':
        this.showMessage(tokenApiMessage(this.services, message.text, message.token));
        return;
      case 'showLogTimeline': {
        const scanned = this.allowedDocuments.has(message.documentUri) ? this.logRequests.get(message.documentUri) : undefined;
        const drawn = scanned && logTimeline(scanned.requests, message, scanned.fileName, scanned.flags);
        if (!drawn) {
          await this.post({ type: 'error', message: 'No token requests of this scan match that choice. Scan the log again if the panel was reloaded.' });
          return;
        }
        this.showMessage({ type: 'show', view: 'timeline', timeline: drawn.timeline, log: { documentUri: message.documentUri, fileName: scanned.fileName, lines: drawn.lines } });
        return;
      }
      case 'switchView':
        this.services.log.debug(`panel switched to ${message.view}`);
        return;
      case 'log': {
        const text = `[panel] ${message.message}`;
        if (message.level === 'error') this.services.log.error(text);
        else if (message.level === 'warn') this.services.log.warn(text);
        else if (message.level === 'info') this.services.log.info(text);
        else this.services.log.debug(text);
        return;
      }
    }
  }

  /**
   * With `authLens.lookup.online` off (the default) Auth Lens does not send people to the web on its
   * own: a click asks first and offers to copy the link instead.
   */
  private async openAllowedUrl(url: string): Promise<void> {
    const online = vscode.workspace.getConfiguration('authLens').get<boolean>('lookup.online', false);
    if (!online) {
      const choice = await vscode.window.showInformationMessage(
        `Open ${url} in your browser? Online lookup links are off (authLens.lookup.online).`,
        'Open',
        'Copy Link',
      );
      if (choice === 'Copy Link') await vscode.env.clipboard.writeText(url);
      if (choice !== 'Open') return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /** Opens a scanned document this panel was given and selects the 1-based line; any other URI is refused. */
  private async revealLine(documentUri: string, line: number): Promise<void> {
    if (!this.allowedDocuments.has(documentUri)) {
      const scheme = /^([a-z][a-z0-9+.-]{0,31}):/i.exec(documentUri)?.[1] ?? 'unknown';
      this.services.log.warn(`Dropped a revealLine for a document this panel was not given (scheme ${scheme}, ${documentUri.length} chars)`);
      return;
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(documentUri, true);
    } catch {
      this.services.log.warn('revealLine: not a document URI');
      return;
    }
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const index = Math.min(Math.max(0, line - 1), Math.max(0, document.lineCount - 1));
      const range = document.lineAt(index).range;
      const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false, selection: range });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      this.services.log.error('Could not open the scanned document', error);
      void vscode.window.showWarningMessage('Auth Lens: the scanned document could not be opened (it may have been deleted or renamed).');
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (InspectionPanel.current === this) InspectionPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function workspaceMemento(context: vscode.ExtensionContext): vscode.Memento | undefined {
  // Optional on purpose: a context without workspace storage just means a restored panel cannot jump to lines.
  return (context as Partial<vscode.ExtensionContext>).workspaceState;
}

function rememberedDocuments(context: vscode.ExtensionContext): string[] {
  try {
    const value = workspaceMemento(context)?.get<unknown>(ALLOWED_DOCUMENTS_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
