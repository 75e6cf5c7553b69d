// The unit tests' `vscode` stand-in, plus what the token and panel commands need: a webview panel that
// records its HTML and every posted message, progress with cancellation, a quick pick that picks by
// label, and a clipboard that keeps what was written. Installed with
// `vi.mock('vscode', () => import('./fake-vscode'))`.
import * as base from '../unit/fakes/vscode';

export * from '../unit/fakes/vscode';

type Listener = (value: unknown) => unknown;

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
};

function createWebviewPanel(_viewType: string, _title: string, _column: unknown, options: unknown): unknown {
  captured.panelOptions.push(options);
  const receivers: Listener[] = [];
  const disposeListeners: Listener[] = [];
  const webview: FakeWebview & Record<string, unknown> = {
    html: '',
    options: {},
    posted: [],
    cspSource: 'https://fake.vscode-cdn.net',
    asWebviewUri: (uri: base.Uri) => base.Uri.parse(`https://fake.vscode-cdn.net${uri.path}`),
    postMessage: async (message: unknown) => {
      webview.posted.push(message);
      return true;
    },
    onDidReceiveMessage: (listener: Listener) => {
      receivers.push(listener);
      return new base.Disposable();
    },
    receive: async (message: unknown) => {
      for (const r of receivers) await r(message);
      // The host handles messages asynchronously; let its promise chain run.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  captured.webviews.push(webview);
  return {
    webview,
    visible: true,
    iconPath: undefined,
    reveal: () => undefined,
    onDidDispose: (listener: Listener) => {
      disposeListeners.push(listener);
      return new base.Disposable();
    },
    onDidChangeViewState: () => new base.Disposable(),
    dispose: () => disposeListeners.forEach((l) => l(undefined)),
  };
}

export const window = {
  ...base.window,
  createWebviewPanel,
  async withProgress<T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: { isCancellationRequested: boolean; onCancellationRequested(l: Listener): base.Disposable }) => Promise<T>): Promise<T> {
    return task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new base.Disposable() });
  },
  async showQuickPick<T extends { label: string }>(items: readonly T[] | Promise<readonly T[]>): Promise<T | undefined> {
    return (await items).find((i) => i.label === captured.quickPickLabel);
  },
  setStatusBarMessage: () => new base.Disposable(),
  async showTextDocument(document: unknown): Promise<unknown> {
    return { document, revealRange: () => undefined };
  },
  async showInputBox(): Promise<string | undefined> {
    return undefined;
  },
  async showInformationMessage(message: string): Promise<undefined> {
    captured.boxes.push(message);
    return base.window.showInformationMessage(message);
  },
  async showWarningMessage(message: string): Promise<undefined> {
    captured.boxes.push(message);
    return base.window.showWarningMessage(message);
  },
  async showErrorMessage(message: string): Promise<undefined> {
    captured.boxes.push(message);
    return base.window.showErrorMessage(message);
  },
};

export enum TextEditorRevealType {
  InCenterIfOutsideViewport = 2,
}

export const workspace = {
  ...base.workspace,
  async openTextDocument(uri: base.Uri): Promise<unknown> {
    captured.opened.push(uri.toString());
    return { lineCount: 10, lineAt: (n: number) => ({ range: new base.Range(n, 0, n, 1) }) };
  },
};

export const env = {
  ...base.env,
  openExternal: async (uri: base.Uri) => {
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
