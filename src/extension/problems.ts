// Opt-in Problems for open log files (`authLens.diagnostics.enabled`): one diagnostic per distinct
// failure at its first line, capped, each with quick fixes to explain it or scan the whole log. The
// reading happens in the lazy detection module, after typing pauses, and only for log documents.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import type { DetectModule } from './extension';
import type { FailureTarget } from './recent';
import type { Services } from './services';

const SETTING = 'diagnostics.enabled';
const DELAY_MS = 600;

function isLog(document: vscode.TextDocument): boolean {
  return document.languageId === 'log' || /\.log$/i.test(document.uri.path);
}

function enabledFor(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('authLens', document).get<boolean>(SETTING, false) === true;
}

/** What each Auth Lens diagnostic explains, kept beside the collection for the quick fixes. */
const targets = new WeakMap<vscode.Diagnostic, { target: FailureTarget; label: string }>();

export function registerLogDiagnostics(services: Services): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('Auth Lens');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Failures already listed in Recent failures per document, so re-reading after an edit does not count them again. */
  const recorded = new Map<string, Set<string>>();

  const update = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    if (!isLog(document) || !enabledFor(document)) {
      collection.delete(document.uri);
      return;
    }
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        try {
          const found = services.loadLazy<DetectModule>('detect').diagnosticsFor(document.getText());
          collection.set(
            document.uri,
            found.map((d) => {
              const diagnostic = new vscode.Diagnostic(new vscode.Range(d.line, d.start, d.line, d.end), d.message, vscode.DiagnosticSeverity.Warning);
              diagnostic.source = 'Auth Lens';
              diagnostic.code = d.failure.label;
              targets.set(diagnostic, { target: d.failure.target, label: d.failure.label });
              return diagnostic;
            }),
          );
          const seen = recorded.get(key) ?? new Set<string>();
          for (const d of found) {
            if (seen.has(d.failure.key)) continue;
            seen.add(d.failure.key);
            services.failures.record(d.failure);
          }
          recorded.set(key, seen);
        } catch (error) {
          services.log.error('Log diagnostics failed', error);
        }
      }, DELAY_MS),
    );
  };

  const refreshAll = (): void => {
    for (const document of vscode.workspace.textDocuments) update(document);
  };
  refreshAll();

  const actions: vscode.CodeActionProvider = {
    provideCodeActions(_document, _range, context) {
      return context.diagnostics.flatMap((diagnostic) => {
        const about = targets.get(diagnostic);
        if (!about) return [];
        const explain = new vscode.CodeAction(`Explain ${about.label} with Auth Lens`, vscode.CodeActionKind.QuickFix);
        explain.command = { command: COMMANDS.openInPanel.id, title: explain.title, arguments: [about.target] };
        explain.diagnostics = [diagnostic];
        explain.isPreferred = true;
        const scan = new vscode.CodeAction('Open in Auth Lens (scan this log)', vscode.CodeActionKind.QuickFix);
        scan.command = { command: COMMANDS.scanLog.id, title: scan.title };
        scan.diagnostics = [diagnostic];
        return [explain, scan];
      });
    },
  };

  return [
    collection,
    vscode.languages.registerCodeActionsProvider([{ language: 'log' }, { pattern: '**/*.log' }], actions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((event) => update(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      recorded.delete(document.uri.toString());
      collection.delete(document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`authLens.${SETTING}`)) refreshAll();
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  ];
}
