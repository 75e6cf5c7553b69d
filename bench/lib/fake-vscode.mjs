// A stand-in for the `vscode` module, enough for an extension to activate and answer a hover outside
// VS Code. Known parts behave like the real API (configuration returns defaults, registrations return
// disposables, hover providers are remembered so the bench can call them); anything else is a
// harmless stub, so a new API call in the extension does not break the benchmark.
export function createFakeVscode() {
  const hoverProviders = [];
  const commands = new Map();
  const disposable = () => ({ dispose() {} });

  /** Any property is another stub; calling or constructing one returns a stub; never a thenable. */
  function stub(name) {
    const cache = new Map();
    const fn = function () {};
    return new Proxy(fn, {
      get(_t, prop) {
        if (prop === 'then') return undefined;
        if (prop === 'dispose') return () => {};
        if (prop === Symbol.toPrimitive) return () => `[stub ${name}]`;
        if (prop === Symbol.iterator) return undefined;
        if (!cache.has(prop)) cache.set(prop, stub(`${name}.${String(prop)}`));
        return cache.get(prop);
      },
      apply() {
        return stub(`${name}()`);
      },
      construct() {
        return stub(`new ${name}`);
      },
    });
  }

  const configuration = {
    get: (_key, fallback) => fallback,
    has: () => false,
    inspect: () => undefined,
    update: async () => {},
  };
  const outputChannel = {
    trace() {},
    debug() {},
    info() {},
    warn() {},
    error() {},
    append() {},
    appendLine() {},
    show() {},
    hide() {},
    clear() {},
    dispose() {},
  };

  class Position {
    constructor(line, character) {
      this.line = line;
      this.character = character;
    }
  }
  class Range {
    constructor(a, b, c, d) {
      this.start = typeof a === 'object' ? a : new Position(a, b);
      this.end = typeof a === 'object' ? b : new Position(c, d);
    }
  }
  class MarkdownString {
    constructor(value = '', supportThemeIcons = false) {
      this.value = value;
      this.supportThemeIcons = supportThemeIcons;
    }
    appendMarkdown(v) {
      this.value += v;
      return this;
    }
  }
  class Hover {
    constructor(contents, range) {
      this.contents = Array.isArray(contents) ? contents : [contents];
      this.range = range;
    }
  }
  class Disposable {
    constructor(fn) {
      this.fn = fn;
    }
    dispose() {
      this.fn?.();
    }
    static from(...items) {
      return new Disposable(() => items.forEach((i) => i.dispose?.()));
    }
  }
  class EventEmitter {
    constructor() {
      this.listeners = [];
      this.event = (l) => {
        this.listeners.push(l);
        return disposable();
      };
    }
    fire(e) {
      this.listeners.forEach((l) => l(e));
    }
    dispose() {}
  }
  const Uri = {
    parse: (s) => ({ toString: () => s, fsPath: s, scheme: s.split(':')[0] }),
    file: (p) => ({ toString: () => `file://${p}`, fsPath: p, scheme: 'file' }),
    joinPath: (base, ...parts) => ({ toString: () => [base.toString(), ...parts].join('/'), fsPath: [base.fsPath, ...parts].join('/') }),
  };

  const api = {
    Position,
    Range,
    MarkdownString,
    Hover,
    Disposable,
    EventEmitter,
    Uri,
    ThemeIcon: class {
      constructor(id) {
        this.id = id;
      }
    },
    ViewColumn: { One: 1, Two: 2, Active: -1, Beside: -2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    commands: {
      registerCommand: (id, fn) => {
        commands.set(id, fn);
        return disposable();
      },
      executeCommand: async () => undefined,
      getCommands: async () => [...commands.keys()],
    },
    window: {
      createOutputChannel: () => outputChannel,
      registerWebviewPanelSerializer: disposable,
      showErrorMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      createStatusBarItem: () => stub('statusBarItem'),
      registerTerminalLinkProvider: disposable,
      registerTreeDataProvider: disposable,
      createTreeView: () => stub('treeView'),
      activeTextEditor: undefined,
    },
    debug: { registerDebugAdapterTrackerFactory: disposable },
    languages: {
      createDiagnosticCollection: () => stub('diagnostics'),
      registerCodeActionsProvider: disposable,
      registerHoverProvider: (selector, provider) => {
        hoverProviders.push({ selector, provider });
        return disposable();
      },
    },
    workspace: {
      getConfiguration: () => configuration,
      onDidChangeConfiguration: () => disposable(),
      onDidOpenTextDocument: () => disposable(),
      onDidCloseTextDocument: () => disposable(),
      onDidChangeTextDocument: () => disposable(),
      textDocuments: [],
      workspaceFolders: undefined,
    },
    env: { clipboard: { readText: async () => '', writeText: async () => {} }, openExternal: async () => true, language: 'en' },
    extensions: { getExtension: () => undefined },
  };
  const proxied = new Proxy(api, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (prop === 'then' || prop === '__esModule' || prop === 'default') return prop === 'default' ? proxied : undefined;
      return stub(`vscode.${String(prop)}`);
    },
  });
  return { vscode: proxied, hoverProviders, commands };
}

export function createFakeContext(extensionPath) {
  const secrets = new Map();
  return {
    subscriptions: [],
    extensionPath,
    extensionUri: { fsPath: extensionPath, toString: () => `file://${extensionPath}` },
    extension: { packageJSON: { version: '0.0.0-bench' } },
    globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
    secrets: {
      get: async (k) => secrets.get(k),
      store: async (k, v) => void secrets.set(k, v),
      delete: async (k) => void secrets.delete(k),
      onDidChange: () => ({ dispose() {} }),
    },
    logUri: { fsPath: '/tmp', toString: () => 'file:///tmp' },
    globalStorageUri: { fsPath: '/tmp', toString: () => 'file:///tmp' },
    extensionMode: 1,
  };
}
