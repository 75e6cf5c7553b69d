// A small stand-in for the `vscode` module, enough to run `activate` and the hover provider in unit
// tests without VS Code. It records what the extension registers so tests can compare it with the
// manifest. Tests install it with `vi.mock('vscode', () => import('./fakes/vscode'))`.

type Listener<T> = (value: T) => unknown;

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const documentOpened = new EventEmitter<unknown>();
const documentChanged = new EventEmitter<{ document: unknown }>();

/** Opens a fake document: fires onDidOpenTextDocument and lists it in workspace.textDocuments. */
export function openDocument(document: unknown): void {
  recorded.documents.push(document);
  documentOpened.fire(document);
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}

export class MarkdownString {
  isTrusted: boolean | { enabledCommands: readonly string[] } | undefined;
  supportHtml = false;
  supportThemeIcons: boolean;
  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(value: string): Uri {
    const at = value.indexOf(':');
    return new Uri(value.slice(0, at), value.slice(at + 1));
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...segments].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}:${this.path}`;
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export class TreeItem {
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
}

export class CodeAction {
  command?: { command: string; title: string; arguments?: unknown[] };
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}
export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}
export enum ProgressLocation {
  Notification = 15,
}

/** Everything the fake records; reset between tests with `resetFake()`. */
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

export const window = {
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

export const workspace = {
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

export const env = {
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
