// Every command the extension registers, in one table. `activate` registers exactly these and the
// manifest test compares them with package.json, so a command cannot be contributed without a
// handler or registered without a palette entry. No vscode import: the test reads it directly.

export const COMMAND_CATEGORY = 'Auth Lens';

export const COMMANDS = {
  explainCode: { id: 'authLens.explainCode', title: 'Explain Error Code…', palette: true },
  classifySelection: { id: 'authLens.classifySelection', title: 'Classify Selection or Clipboard', palette: true },
  decodeToken: { id: 'authLens.decodeToken', title: 'Decode Token', palette: true },
  explainApiRefusal: { id: 'authLens.explainApiRefusal', title: 'Explain API Refusal (Token vs API)', palette: true },
  openPanel: { id: 'authLens.openPanel', title: 'Open Inspection Panel', palette: true },
  acquireToken: { id: 'authLens.acquireToken', title: 'Acquire Test Token…', palette: true },
  addAppRegistration: { id: 'authLens.addAppRegistration', title: 'Add App Registration…', palette: true },
  setClientSecret: { id: 'authLens.setClientSecret', title: 'Set Client Secret…', palette: true },
  importCertificate: { id: 'authLens.importCertificate', title: 'Import Certificate…', palette: true },
  removeAppRegistration: { id: 'authLens.removeAppRegistration', title: 'Remove App Registration…', palette: true },
  scanLog: { id: 'authLens.scanLog', title: 'Scan This Log', palette: true },
  copyReport: { id: 'authLens.copyReport', title: 'Copy Redacted Report', palette: true },
  copyRedacted: { id: 'authLens.copyRedacted', title: 'Copy Redacted Selection/Log', palette: true },
  showLog: { id: 'authLens.showLog', title: 'Show Extension Log', palette: true },
  // Targets of the hover's command links; hidden from the palette because they need an argument.
  openInPanel: { id: 'authLens.openInPanel', title: 'Open in Auth Lens', palette: false },
  copyExplanation: { id: 'authLens.copyExplanation', title: 'Copy Explanation', palette: false },
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName]['id'];

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Command ids a hover's MarkdownString may run; nothing else is trusted. */
export const HOVER_COMMAND_IDS: readonly CommandId[] = [COMMANDS.openInPanel.id, COMMANDS.copyExplanation.id];

/**
 * Context keys the extension sets for `when` clauses. A key exists only after activation, so a
 * palette entry may depend on one only when the command truly cannot run before then: the
 * registration commands stay visible and offer to add a registration when there is none.
 */
export const CONTEXT_KEYS = {
  hasResult: 'authLens.hasResult',
} as const;

/** The panel's webview type, used by the serializer and `onWebviewPanel:` activation. */
export const PANEL_VIEW_TYPE = 'authLens.inspection';

export const DEFAULT_HOVER_LANGUAGES = [
  'log',
  'plaintext',
  'json',
  'jsonc',
  'python',
  'javascript',
  'typescript',
  'csharp',
  'scheme:output',
  'scheme:untitled',
] as const;
