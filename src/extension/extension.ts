// The activation bundle: registers the commands, the hover provider and the panel serializer, and
// nothing else. Everything heavy (catalog, token decoder, classifier, token client, panel) lives in
// dist/extension-<name>.js and is required on first use, so opening a log file stays cheap.
import * as vscode from 'vscode';
import { COMMANDS, COMMAND_NAMES, DEFAULT_HOVER_LANGUAGES, HOVER_COMMAND_IDS, PANEL_VIEW_TYPE, type CommandName } from './commands';
import { Logger, ResultStore, SecretStore, lazyModulePath, type LazyModuleName, type Services } from './services';
import type { HoverResult } from './lazy/hover';
import type { DetectedLink, LogDiagnostic } from './lazy/detect';
import { FailureLog, TokenLog, type FailureInput, type FailureSource } from './recent';
import { registerTerminalLinks, watchDebugConsole } from './surfaces';
import { registerAuthLensView } from './view';
import { registerLogDiagnostics } from './problems';

export { COMMANDS } from './commands';

/** The part of the lazy commands module the activation bundle calls. */
export interface CommandsModule {
  runCommand(name: CommandName, services: Services, args: unknown[]): Promise<void>;
  restorePanel(services: Services, panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  disposePanel(): void;
}

/** The part of the lazy hover module the activation bundle calls. */
export interface HoverModule {
  computeHover(lineText: string, column: number, options: { onlineLookup: boolean; uri: string; line: number; now?: Date }): HoverResult | undefined;
}

/** The part of the lazy detection module (terminal links, debug console) the activation bundle calls. */
export interface DetectModule {
  terminalLinks(line: string): DetectedLink[];
  failuresIn(text: string, source: FailureSource): FailureInput[];
  diagnosticsFor(text: string): LogDiagnostic[];
}

/** Lazy modules loaded so far; deactivate only tears down what was actually loaded. */
const cache = new Map<LazyModuleName, unknown>();

export function activate(context: vscode.ExtensionContext): void {
  cache.clear();
  const secrets = new SecretStore(context.secrets);
  const log = new Logger(() => secrets.knownSecrets());
  context.subscriptions.push(log);
  const current: Services = {
    context,
    log,
    secrets,
    results: new ResultStore(),
    failures: new FailureLog(),
    tokens: new TokenLog(),
    loadLazy<T>(name: LazyModuleName): T {
      let mod = cache.get(name);
      if (!mod) {
        // A run-time path, so esbuild leaves the require alone and the module loads on first use.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require(lazyModulePath(__dirname, name)) as unknown;
        cache.set(name, mod);
      }
      return mod as T;
    },
  };

  for (const name of COMMAND_NAMES) {
    context.subscriptions.push(vscode.commands.registerCommand(COMMANDS[name].id, (...args: unknown[]) => runSafely(current, name, args)));
  }

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        try {
          await current.loadLazy<CommandsModule>('commands').restorePanel(current, panel, state);
        } catch (error) {
          log.error('Could not restore the Auth Lens panel', error);
          panel.dispose();
        }
      },
    }),
  );

  // Errors printed in the terminal or the debug console: a cheap check per line, detection on demand.
  // A host without one of these APIs (an older or embedded VS Code) still gets everything else.
  for (const [what, register] of [['terminal links', registerTerminalLinks], ['debug console watch', watchDebugConsole], ['view', registerAuthLensView], ['log diagnostics', registerLogDiagnostics]] as const) {
    try {
      context.subscriptions.push(...[register(current)].flat());
    } catch (error) {
      log.warn(`Auth Lens ${what}: unavailable here: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const hover = new HoverRegistration(current);
  context.subscriptions.push(hover);
  hover.register();

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('authLens.hover.languages')) hover.register();
    }),
  );
  log.info(`Auth Lens ${String((context.extension?.packageJSON as { version?: unknown } | undefined)?.version ?? '')} activated`);
}

export function deactivate(): void {
  try {
    (cache.get('commands') as CommandsModule | undefined)?.disposePanel();
  } catch {
    // Nothing useful can be done while VS Code shuts the extension down.
  }
  cache.clear();
}

/** Every command runs through here: nothing a command does may throw into the extension host. */
async function runSafely(current: Services, name: CommandName, args: unknown[]): Promise<void> {
  try {
    current.log.debug(`command ${COMMANDS[name].id}`);
    await current.loadLazy<CommandsModule>('commands').runCommand(name, current, args);
  } catch (error) {
    current.log.error(`${COMMANDS[name].title} failed`, error);
    const message = current.log.redact(error instanceof Error ? error.message : String(error));
    void vscode.window.showErrorMessage(`Auth Lens: ${COMMANDS[name].title.replace(/…$/, '')} failed: ${message}`, 'Show Log').then(
      (choice) => choice && current.log.show(),
      () => undefined,
    );
  }
}

/** The hover provider, re-registered when `authLens.hover.languages` changes. */
export class HoverRegistration implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;

  constructor(private readonly current: Services) {}

  register(): void {
    this.registration?.dispose();
    this.registration = vscode.languages.registerHoverProvider(hoverSelector(), {
      provideHover: (document, position, token) => this.provideHover(document, position, token),
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    try {
      const config = vscode.workspace.getConfiguration('authLens', document);
      if (!config.get<boolean>('hover.enabled', true) || token.isCancellationRequested) return undefined;
      if (position.line >= document.lineCount) return undefined;
      // Only the hovered line is read; the scanner looks at a few KB around the cursor, so even a
      // minified bundle or a one-line dump costs the same as a short log line.
      const lineText = document.lineAt(position.line).text;
      const hoverModule = this.current.loadLazy<HoverModule>('hover');
      if (token.isCancellationRequested) return undefined;
      const result = hoverModule.computeHover(lineText, position.character, {
        onlineLookup: config.get<boolean>('lookup.online', false),
        uri: document.uri.toString(),
        line: position.line,
      });
      if (!result || token.isCancellationRequested) return undefined;
      const markdown = new vscode.MarkdownString(result.markdown, true);
      markdown.isTrusted = { enabledCommands: [...HOVER_COMMAND_IDS] };
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, new vscode.Range(position.line, result.start, position.line, result.end));
    } catch (error) {
      this.current.log.error('Hover failed', error);
      return undefined;
    }
  }

  dispose(): void {
    this.registration?.dispose();
  }
}

/** Document selector from `authLens.hover.languages`: language ids, or `scheme:<name>` entries. */
export function hoverSelector(): vscode.DocumentFilter[] {
  let entries: unknown = vscode.workspace.getConfiguration('authLens').get<unknown>('hover.languages');
  if (!Array.isArray(entries)) entries = [...DEFAULT_HOVER_LANGUAGES];
  const filters: vscode.DocumentFilter[] = [];
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'string' || !entry.trim()) continue;
    const value = entry.trim();
    filters.push(value.startsWith('scheme:') ? { scheme: value.slice('scheme:'.length) } : { language: value });
  }
  return filters;
}
