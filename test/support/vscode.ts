// The one stand-in for the `vscode` module in tests, enough to run `activate`, the hover provider,
// the panel and the token and panel commands without VS Code. It records what the extension
// registers (so tests can compare it with the manifest) and what the commands show: webview panels
// with their HTML and posted messages, progress, quick picks that pick by label, input boxes and
// message buttons that answer as a test sets them, a clipboard that keeps what was written.
// Tests install it with `vi.mock('vscode', () => import('../support/vscode'))`.
import { type Diagnostic, Disposable, EventEmitter, Position, Range, Uri } from './vscode-types';

export * from './vscode-types';

const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const documentOpened = new EventEmitter<unknown>();
const documentChanged = new EventEmitter<{ document: unknown }>();

/** Opens a fake document: fires onDidOpenTextDocument and lists it in workspace.textDocuments. */
export function openDocument(document: unknown): void {
  recorded.documents.push(document);
  documentOpened.fire(document);
}

export const recorded = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  terminalLinkProviders: [] as { provideTerminalLinks: (...args: unknown[]) => unknown; handleTerminalLink: (...args: unknown[]) => unknown }[],
  debugTrackerFactories: [] as { debugType: string; factory: { createDebugAdapterTracker: (...args: unknown[]) => unknown } }[],
  treeProviders: new Map<string, unknown>(),
  diagnostics: new Map<string, Diagnostic[]>(),
  codeActionProviders: [] as { provideCodeActions: (...args: unknown[]) => unknown }[],
  documents: [] as unknown[],
  hoverProviders: [] as { selector: unknown; provider: { provideHover: (...args: unknown[]) => unknown }; disposed: boolean }[],
  serializers: new Map<string, unknown>(),
  logLines: [] as { level: string; message: string }[],
  messages: [] as { level: string; message: string }[],
  /** User (global) settings, keyed "authLens.hover.enabled" etc. */
  settings: new Map<string, unknown>(),
};

export function resetFake(): void {
  recorded.commands.clear();
  recorded.executed.length = 0;
  recorded.hoverProviders.length = 0;
  recorded.terminalLinkProviders.length = 0;
  recorded.treeProviders.clear();
  recorded.diagnostics.clear();
  recorded.codeActionProviders.length = 0;
  recorded.documents.length = 0;
  documentOpened.dispose();
  documentChanged.dispose();
  recorded.debugTrackerFactories.length = 0;
  recorded.serializers.clear();
  recorded.logLines.length = 0;
  recorded.messages.length = 0;
  recorded.settings.clear();
  configurationChanged.dispose();
}

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    if (recorded.commands.has(id)) throw new Error(`command ${id} already registered`);
    recorded.commands.set(id, handler);
    return new Disposable(() => recorded.commands.delete(id));
  },
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    recorded.executed.push({ command, args });
    return recorded.commands.get(command)?.(...args);
  },
};

function logChannel(name: string) {
  const write = (level: string) => (message: string) => recorded.logLines.push({ level, message: `${name}: ${message}` });
  return {
    name,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    append: write('append'),
    appendLine: write('appendLine'),
    show: () => undefined,
    dispose: () => undefined,
  };
}

const baseWindow = {
  createOutputChannel: (name: string) => logChannel(name),
  registerWebviewPanelSerializer(viewType: string, serializer: unknown): Disposable {
    recorded.serializers.set(viewType, serializer);
    return new Disposable(() => recorded.serializers.delete(viewType));
  },
  showErrorMessage: async (message: string) => {
    recorded.messages.push({ level: 'error', message });
    return undefined;
  },
  showWarningMessage: async (message: string) => {
    recorded.messages.push({ level: 'warn', message });
    return undefined;
  },
  showInformationMessage: async (message: string) => {
    recorded.messages.push({ level: 'info', message });
    return undefined;
  },
  setStatusBarMessage: (message: string) => {
    recorded.messages.push({ level: 'status', message });
    return new Disposable();
  },
  registerTreeDataProvider(viewId: string, provider: unknown): Disposable {
    recorded.treeProviders.set(viewId, provider);
    return new Disposable(() => recorded.treeProviders.delete(viewId));
  },
  registerTerminalLinkProvider(provider: (typeof recorded.terminalLinkProviders)[number]): Disposable {
    recorded.terminalLinkProviders.push(provider);
    return new Disposable(() => recorded.terminalLinkProviders.splice(recorded.terminalLinkProviders.indexOf(provider), 1));
  },
  activeTextEditor: undefined,
};

export const debug = {
  registerDebugAdapterTrackerFactory(debugType: string, factory: (typeof recorded.debugTrackerFactories)[number]['factory']): Disposable {
    const entry = { debugType, factory };
    recorded.debugTrackerFactories.push(entry);
    return new Disposable(() => recorded.debugTrackerFactories.splice(recorded.debugTrackerFactories.indexOf(entry), 1));
  },
};

function configuration(section: string) {
  const key = (name: string) => `${section}.${name}`;
  return {
    get<T>(name: string, fallback?: T): T | undefined {
      return recorded.settings.has(key(name)) ? (recorded.settings.get(key(name)) as T) : fallback;
    },
    inspect<T>(name: string): { globalValue?: T } | undefined {
      return { globalValue: recorded.settings.get(key(name)) as T | undefined };
    },
    async update(name: string, value: unknown): Promise<void> {
      recorded.settings.set(key(name), value);
      configurationChanged.fire({ affectsConfiguration: (s: string) => key(name).startsWith(s) });
    },
  };
}

const baseWorkspace = {
  getConfiguration: (section: string) => configuration(section),
  onDidChangeConfiguration: configurationChanged.event,
  onDidOpenTextDocument: documentOpened.event,
  onDidChangeTextDocument: documentChanged.event,
  onDidCloseTextDocument: new EventEmitter<unknown>().event,
  get textDocuments() {
    return recorded.documents;
  },
  workspaceFolders: undefined,
  isTrusted: true,
};

export const languages = {
  createDiagnosticCollection(name: string) {
    return {
      name,
      set: (uri: Uri, list: Diagnostic[]) => void recorded.diagnostics.set(uri.toString(), list),
      delete: (uri: Uri) => void recorded.diagnostics.delete(uri.toString()),
      dispose: () => undefined,
    };
  },
  registerCodeActionsProvider(_selector: unknown, provider: { provideCodeActions: (...args: unknown[]) => unknown }): Disposable {
    recorded.codeActionProviders.push(provider);
    return new Disposable(() => recorded.codeActionProviders.splice(recorded.codeActionProviders.indexOf(provider), 1));
  },
  registerHoverProvider(selector: unknown, provider: { provideHover: (...args: unknown[]) => unknown }): Disposable {
    const entry = { selector, provider, disposed: false };
    recorded.hoverProviders.push(entry);
    return new Disposable(() => {
      entry.disposed = true;
    });
  },
};

const baseEnv = {
  clipboard: { readText: async () => '', writeText: async () => undefined },
  openExternal: async () => true,
};

export const version = '1.100.0';

/** A minimal ExtensionContext with in-memory secret storage. */
export function fakeContext(extensionPath = '/ext') {
  const secrets = new Map<string, string>();
  return {
    subscriptions: [] as { dispose(): unknown }[],
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    extension: { packageJSON: { version: '0.0.0-test' } },
    secrets: {
      get: async (k: string) => secrets.get(k),
      store: async (k: string, v: string) => void secrets.set(k, v),
      delete: async (k: string) => void secrets.delete(k),
      onDidChange: new EventEmitter<unknown>().event,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Commands and the panel: what they show, and the answers a test gives them.

type AnyListener = (value: unknown) => unknown;

export interface FakeWebview {
  html: string;
  options: unknown;
  posted: unknown[];
  /** Delivers a message as if the page had sent it. */
  receive(message: unknown): Promise<void>;
}

export const captured = {
  webviews: [] as FakeWebview[],
  /** The options each webview panel was created with. */
  panelOptions: [] as unknown[],
  opened: [] as string[],
  openedExternal: [] as string[],
  clipboard: [] as string[],
  quickPickLabel: '',
  /** Messages of modal/info boxes, including ones with buttons. */
  boxes: [] as string[],
  /** Status bar messages (confirmations that need no toast). */
  status: [] as string[],
  /** What progress notifications said. */
  progress: [] as string[],
  /** The button an information box "clicks" (none by default, as when it is dismissed). */
  infoChoice: undefined as string | undefined,
  /** The button a warning box "clicks" (none by default, as when it is dismissed). */
  warningChoice: undefined as string | undefined,
  /** What the next input box returns (as if cancelled by default). */
  inputValue: undefined as string | undefined,
  /** Files each open dialog returns in turn (none, as if cancelled, when the list is empty). */
  openDialog: [] as string[],
};

function createWebviewPanel(_viewType: string, _title: string, _column: unknown, options: unknown): unknown {
  captured.panelOptions.push(options);
  const receivers: AnyListener[] = [];
  const disposeListeners: AnyListener[] = [];
  const webview: FakeWebview & Record<string, unknown> = {
    html: '',
    options: {},
    posted: [],
    cspSource: 'https://fake.vscode-cdn.net',
    asWebviewUri: (uri: Uri) => Uri.parse(`https://fake.vscode-cdn.net${uri.path}`),
    postMessage: async (message: unknown) => {
      webview.posted.push(message);
      return true;
    },
    onDidReceiveMessage: (listener: AnyListener) => {
      receivers.push(listener);
      return new Disposable();
    },
    receive: async (message: unknown) => {
      for (const r of receivers) await r(message);
      // The host handles each message on a promise chain of its own; let it settle.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  captured.webviews.push(webview);
  return {
    webview,
    visible: true,
    iconPath: undefined,
    reveal: () => undefined,
    onDidDispose: (listener: AnyListener) => {
      disposeListeners.push(listener);
      return new Disposable();
    },
    onDidChangeViewState: () => new Disposable(),
    dispose: () => disposeListeners.forEach((l) => l(undefined)),
  };
}

export const window = {
  ...baseWindow,
  activeTextEditor: undefined as unknown,
  createWebviewPanel,
  async withProgress<T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: { isCancellationRequested: boolean; onCancellationRequested(l: AnyListener): Disposable }) => Promise<T>): Promise<T> {
    const report = (value: unknown) => {
      const message = (value as { message?: unknown } | undefined)?.message;
      if (typeof message === 'string') captured.progress.push(message);
    };
    return task({ report }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable() });
  },
  async showQuickPick<T extends { label: string }>(items: readonly T[] | Promise<readonly T[]>): Promise<T | undefined> {
    return (await items).find((i) => i.label === captured.quickPickLabel);
  },
  setStatusBarMessage: (message: string) => {
    captured.status.push(message);
    return new Disposable();
  },
  async showTextDocument(document: unknown): Promise<unknown> {
    return { document, revealRange: () => undefined };
  },
  async showInputBox(): Promise<string | undefined> {
    return captured.inputValue;
  },
  async showOpenDialog(): Promise<Uri[] | undefined> {
    const path = captured.openDialog.shift();
    return path === undefined ? undefined : [Uri.file(path)];
  },
  async showInformationMessage(message: string, ...items: unknown[]): Promise<string | undefined> {
    captured.boxes.push(message);
    await baseWindow.showInformationMessage(message);
    return items.includes(captured.infoChoice) ? captured.infoChoice : undefined;
  },
  async showWarningMessage(message: string, ...items: unknown[]): Promise<string | undefined> {
    captured.boxes.push(message);
    await baseWindow.showWarningMessage(message);
    return items.includes(captured.warningChoice) ? captured.warningChoice : undefined;
  },
  async showErrorMessage(message: string): Promise<undefined> {
    captured.boxes.push(message);
    return baseWindow.showErrorMessage(message);
  },
};

export enum TextEditorRevealType {
  InCenterIfOutsideViewport = 2,
}

export const workspace = {
  ...baseWorkspace,
  async openTextDocument(uri: Uri): Promise<unknown> {
    captured.opened.push(uri.toString());
    return { lineCount: 10, lineAt: (n: number) => ({ range: new Range(n, 0, n, 1) }) };
  },
};

export const env = {
  ...baseEnv,
  openExternal: async (uri: Uri) => {
    captured.openedExternal.push(uri.toString());
    return true;
  },
  clipboard: {
    readText: async () => '',
    writeText: async (text: string) => {
      captured.clipboard.push(text);
    },
  },
};

/** Clears what the fake recorded and answers as when nothing is set. */
export function resetCaptured(): void {
  resetFake();
  for (const list of [captured.webviews, captured.panelOptions, captured.opened, captured.openedExternal, captured.clipboard, captured.boxes, captured.status, captured.progress] as unknown[][]) list.length = 0;
  captured.quickPickLabel = '';
  captured.warningChoice = undefined;
  captured.infoChoice = undefined;
  captured.inputValue = undefined;
  captured.openDialog.length = 0;
  window.activeTextEditor = undefined;
}

/**
 * A text editor on `text` with the given selections (character offsets, end exclusive), enough for
 * what the commands read: getText of the document or a range, lineAt, and each selection's isEmpty.
 */
export function fakeEditor(text: string, selections: readonly (readonly [number, number])[] = []): unknown {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const position = (offset: number) => {
    let line = starts.length - 1;
    while (starts[line]! > offset) line--;
    return new Position(line, offset - starts[line]!);
  };
  const offsetOf = (p: Position) => starts[p.line]! + Math.min(p.character, lines[p.line]!.length);
  const document = {
    lineCount: lines.length,
    lineAt: (line: number) => ({ text: lines[line]!, range: new Range(line, 0, line, lines[line]!.length) }),
    getText: (range?: Range) => (range ? text.slice(offsetOf(range.start), offsetOf(range.end)) : text),
    uri: Uri.file('/work/logs/app.log'),
  };
  return {
    document,
    selections: selections.map(([from, to]) => {
      const range = new Range(position(from).line, position(from).character, position(to).line, position(to).character);
      return Object.assign(range, { isEmpty: from === to });
    }),
  };
}
