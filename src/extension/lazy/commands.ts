// Every command's implementation, loaded on the first command (dist/extension-commands.js). The
// activation bundle calls runCommand through its error boundary; the token client is a further
// lazy module loaded only by Acquire Test Token….
import type * as vscode from 'vscode';
import { acquireTestToken, closeTokenClient } from '../acquire';
import { classifySelection, copyExplanation, copyRedacted, copyReport, decodeTokenCommand, explainApiRefusal, explainCode, openInPanel, openPanel, scanLog } from '../inspect';
import { InspectionPanel } from '../panel';
import { addAppRegistration } from '../registration-wizard';
import { importCertificate, rawUserRegistrations, removeAppRegistration, setClientSecret } from '../registrations';
import { registrationNames } from '../settings-keys';
import type { CommandName } from '../commands';
import type { Services } from '../services';
import type { CommandsModule } from '../extension';

type Handler = (services: Services, args: unknown[]) => Promise<void> | void;

/** A registration's name from a command argument: the name itself, or a row of the Auth Lens view. */
function registrationArg(arg: unknown): unknown {
  if (typeof arg === 'object' && arg !== null && typeof (arg as { registrationName?: unknown }).registrationName === 'string') {
    return (arg as { registrationName: string }).registrationName;
  }
  return arg;
}

/** One handler per command name; the Record type makes a missing handler a compile error. */
const HANDLERS: Record<CommandName, Handler> = {
  explainCode: (s, args) => explainCode(s, args[0]),
  classifySelection: (s, args) => classifySelection(s, args[0]),
  decodeToken: (s, args) => decodeTokenCommand(s, args[0]),
  explainApiRefusal: (s, args) => explainApiRefusal(s, args[0]),
  openPanel: (s) => openPanel(s),
  acquireToken: (s, args) => acquireTestToken(s, registrationArg(args[0])),
  addAppRegistration: (s) => addAppRegistration(s),
  setClientSecret: (s, args) => setClientSecret(s, registrationArg(args[0])),
  importCertificate: (s, args) => importCertificate(s, registrationArg(args[0])),
  removeAppRegistration: (s, args) => removeAppRegistration(s, registrationArg(args[0])),
  scanLog: (s, args) => scanLog(s, args[0]),
  copyReport: (s) => copyReport(s),
  copyRedacted: (s) => copyRedacted(s),
  showLog: (s) => s.log.show(),
  openInPanel: (s, args) => openInPanel(s, args[0]),
  copyExplanation: (s, args) => copyExplanation(s, args[0]),
};

/** Commands whose output (clipboard, panel echo, log) could quote a stored secret back to the user. */
const OUTPUT_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(['classifySelection', 'scanLog', 'copyReport', 'copyRedacted', 'copyExplanation', 'decodeToken', 'explainApiRefusal']);

let secretsLoaded: Promise<void> | undefined;

/** Reads the stored secrets once per session so redaction knows them before anything is shown. */
function loadKnownSecrets(services: Services): Promise<void> {
  secretsLoaded ??= services.secrets.preload(registrationNames(rawUserRegistrations())).catch((error: unknown) => {
    services.log.warn(`Could not read secret storage; stored secrets are not known to redaction: ${error instanceof Error ? error.message : String(error)}`);
  });
  return secretsLoaded;
}

export async function runCommand(name: CommandName, services: Services, args: unknown[]): Promise<void> {
  const handler = HANDLERS[name];
  if (!handler) throw new Error(`unknown command ${String(name)}`);
  if (OUTPUT_COMMANDS.has(name)) await loadKnownSecrets(services);
  await handler(services, args);
}

export async function restorePanel(services: Services, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  // The restored view is redacted again before it is re-sent, which needs the stored secrets known.
  await loadKnownSecrets(services);
  InspectionPanel.restore(services, panel, state);
}

export function disposePanel(): void {
  InspectionPanel.disposeCurrent();
  void closeTokenClient();
}

// Compile-time proof that this module is what the activation bundle expects to require.
const moduleShape: CommandsModule = { runCommand, restorePanel, disposePanel };
void moduleShape;
