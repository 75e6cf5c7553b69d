// The unit tests' `vscode` stand-in, plus what the token and panel commands need: a webview panel that
// records its HTML and every posted message, progress with cancellation (and what it reported), a quick
// pick that picks by label, an input box and message buttons that answer as a test sets them, and a
// clipboard that keeps what was written. Installed with `vi.mock('vscode', () => import('./fake-vscode'))`.
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
  /** What progress notifications said. */
  progress: [] as string[],
  /** The button a warning box "clicks" (none by default, as when it is dismissed). */
  warningChoice: undefined as string | undefined,
  /** What the next input box returns (as if cancelled by default). */
  inputValue: undefined as string | undefined,
  /** Files each open dialog returns in turn (none, as if cancelled, when the list is empty). */
  openDialog: [] as string[],
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
  activeTextEditor: undefined as unknown,
  createWebviewPanel,
  async withProgress<T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: { isCancellationRequested: boolean; onCancellationRequested(l: Listener): base.Disposable }) => Promise<T>): Promise<T> {
    const report = (value: unknown) => {
      const message = (value as { message?: unknown } | undefined)?.message;
      if (typeof message === 'string') captured.progress.push(message);
    };
    return task({ report }, { isCancellationRequested: false, onCancellationRequested: () => new base.Disposable() });
  },
  async showQuickPick<T extends { label: string }>(items: readonly T[] | Promise<readonly T[]>): Promise<T | undefined> {
    return (await items).find((i) => i.label === captured.quickPickLabel);
  },
  setStatusBarMessage: () => new base.Disposable(),
  async showTextDocument(document: unknown): Promise<unknown> {
    return { document, revealRange: () => undefined };
  },
  async showInputBox(): Promise<string | undefined> {
    return captured.inputValue;
  },
  async showOpenDialog(): Promise<base.Uri[] | undefined> {
    const path = captured.openDialog.shift();
    return path === undefined ? undefined : [base.Uri.file(path)];
  },
  async showInformationMessage(message: string): Promise<undefined> {
    captured.boxes.push(message);
    return base.window.showInformationMessage(message);
  },
  async showWarningMessage(message: string, ...items: unknown[]): Promise<string | undefined> {
    captured.boxes.push(message);
    await base.window.showWarningMessage(message);
    return items.includes(captured.warningChoice) ? captured.warningChoice : undefined;
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

/** Clears what the fake recorded and answers as when nothing is set. */
export function resetCaptured(): void {
  base.resetFake();
  for (const list of [captured.webviews, captured.panelOptions, captured.opened, captured.openedExternal, captured.clipboard, captured.boxes, captured.progress] as unknown[][]) list.length = 0;
  captured.quickPickLabel = '';
  captured.warningChoice = undefined;
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
    return new base.Position(line, offset - starts[line]!);
  };
  const offsetOf = (p: base.Position) => starts[p.line]! + Math.min(p.character, lines[p.line]!.length);
  const document = {
    lineCount: lines.length,
    lineAt: (line: number) => ({ text: lines[line]!, range: new base.Range(line, 0, line, lines[line]!.length) }),
    getText: (range?: base.Range) => (range ? text.slice(offsetOf(range.start), offsetOf(range.end)) : text),
    uri: base.Uri.file('/work/logs/app.log'),
  };
  return {
    document,
    selections: selections.map(([from, to]) => {
      const range = new base.Range(position(from).line, position(from).character, position(to).line, position(to).character);
      return Object.assign(range, { isEmpty: from === to });
    }),
  };
}
