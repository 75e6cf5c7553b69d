// Every command's implementation, loaded on the first command (dist/extension-commands.js). The
// activation bundle calls runCommand through its error boundary; the token client is a further
// lazy module loaded only by Acquire Test Token….
import type * as vscode from 'vscode';
import { acquireTestToken, closeTokenClient } from '../acquire';
import { classifySelection, copyExplanation, copyReport, decodeTokenCommand, explainCode, openInPanel, openPanel, scanLog } from '../inspect';
import { InspectionPanel } from '../panel';
import { addAppRegistration, importCertificate, removeAppRegistration, setClientSecret } from '../registrations';
import type { CommandName } from '../commands';
import type { Services } from '../services';
import type { CommandsModule } from '../extension';

type Handler = (services: Services, args: unknown[]) => Promise<void> | void;

/** One handler per command name; the Record type makes a missing handler a compile error. */
const HANDLERS: Record<CommandName, Handler> = {
  explainCode: (s, args) => explainCode(s, args[0]),
  classifySelection: (s, args) => classifySelection(s, args[0]),
  decodeToken: (s, args) => decodeTokenCommand(s, args[0]),
  openPanel: (s) => openPanel(s),
  acquireToken: (s) => acquireTestToken(s),
  addAppRegistration: (s) => addAppRegistration(s),
  setClientSecret: (s, args) => setClientSecret(s, args[0]),
  importCertificate: (s, args) => importCertificate(s, args[0]),
  removeAppRegistration: (s, args) => removeAppRegistration(s, args[0]),
  scanLog: (s, args) => scanLog(s, args[0]),
  copyReport: (s) => copyReport(s),
  showLog: (s) => s.log.show(),
  openInPanel: (s, args) => openInPanel(s, args[0]),
  copyExplanation: (s, args) => copyExplanation(s, args[0]),
};

export async function runCommand(name: CommandName, services: Services, args: unknown[]): Promise<void> {
  const handler = HANDLERS[name];
  if (!handler) throw new Error(`unknown command ${String(name)}`);
  await handler(services, args);
}

export async function restorePanel(services: Services, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  InspectionPanel.restore(services, panel, state);
}

export function disposePanel(): void {
  InspectionPanel.disposeCurrent();
  void closeTokenClient();
}

// Compile-time proof that this module is what the activation bundle expects to require.
const moduleShape: CommandsModule = { runCommand, restorePanel, disposePanel };
void moduleShape;
