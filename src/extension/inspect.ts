// The explaining commands: Explain error code, Classify selection, Decode token, Scan this log,
// Copy redacted report, Copy redacted selection/log, and the hover's Open in Auth Lens / Copy
// explanation links.
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { describeCode, OAUTH_ERRORS } from '../core/catalog/describe';
import { classify, claimsSnippets, interactiveSnippets } from '../core/classify/index';
import { parseHoverCommandArgs } from '../core/format/hover';
import { formatCatalogEntry, formatClassification, formatDecodedToken } from '../core/format/markdown';
import { decodeToken } from '../core/jwt/decode';
import { scanText } from '../core/scan/index';
import { scanFile, ScanInputError } from '../core/scan/node';
import type { CatalogEntry, Classification, DecodedToken, ScanSummary, Vocabulary } from '../core/types';
import { lookupValue, searchCatalog } from '../core/catalog/index';
import { lookupMsalLogString, type MsalLogString } from '../core/catalog/msal-log-strings';
import { MAX_HOST_MESSAGE_CHARS, messageSize, type CodeSnippet } from '../protocol';
import { showTokenText } from './acquire';
import { pickExplanation } from './explain';
import { codeNumber } from './explain-items';
import { summarizeToken } from './recent';
import { recordClassification, recordScan } from './record';
import { InspectionPanel } from './panel';
import { tokenApiMessage, verifyForPanel } from './token-views';
import { SELECTION_CONTEXT_CHARS, buildRedactedReport, redactDeep, redactInContext, redactReport } from './outbound';
import type { Services } from './services';

/** Longest selection or clipboard text classified; auth answers are a few KB, a whole log belongs in Scan. */
const MAX_CLASSIFY_CHARS = 2 * 1024 * 1024;
/** Documents larger than this are scanned from disk in chunks, with progress and cancel. */
const STREAM_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** Echoed input shown in the Response view. */
const MAX_ECHO_CHARS = 200_000;
/** Longest document Copy Redacted reads at once (VS Code does not hand larger files to extensions). */
const MAX_COPY_CHARS = 50 * 1024 * 1024;

export async function explainCode(services: Services, arg?: unknown): Promise<void> {
  const query = typeof arg === 'number' ? String(arg) : typeof arg === 'string' ? arg : undefined;
  if (query === undefined) {
    // From the palette: a live search of every vocabulary; a paste falls through to Classify.
    const action = await pickExplanation();
    if (!action) return;
    if (action.kind === 'classify') await classifySelection(services, action.text);
    else if (action.kind === 'logString') showLogString(action.logString);
    else showEntry(services, action.entry);
    return;
  }
  if (query.trim() === '') return;
  const code = codeNumber(query);
  if (code !== undefined) {
    showEntry(services, describeCode(code));
    return;
  }
  const exact = lookupValue(query);
  const entries = exact.length > 0 ? exact : searchCatalog(query, 50);
  if (entries.length === 1) {
    showEntry(services, entries[0]!);
    return;
  }
  const logString = exact.length === 0 ? lookupMsalLogString(query.trim()) : undefined;
  if (logString) {
    showLogString(logString);
    return;
  }
  if (entries.length === 0) {
    // Not a code or value Auth Lens knows: read it as an error text instead.
    await classifySelection(services, query);
    return;
  }
  // Several vocabularies use the value, or only words matched: let the panel list them.
  InspectionPanel.show(services, { type: 'show', view: 'lookup', entries, ...(entries[0] ? { selected: entries[0] } : {}) });
}

/** Opens one catalog entry (any vocabulary) from a hover link. */
function explainEntry(services: Services, vocabulary: Vocabulary, code: string): void {
  const entry = lookupValue(code, [vocabulary])[0];
  if (entry) showEntry(services, entry);
}

/** msal-browser's own message for a minified log code: quoted and attributed, it is not an Auth Lens explanation. */
function showLogString(l: MsalLogString): void {
  void vscode.window.showInformationMessage(`${l.code} is ${l.packageName} ${l.version}'s log message (${l.level}): \u201c${l.message}\u201d`);
}

function showEntry(services: Services, entry: CatalogEntry): void {
  services.results.set({ kind: 'lookup', entry });
  InspectionPanel.show(services, { type: 'show', view: 'lookup', selected: entry });
}

/** Non-empty selections of the active editor joined, or undefined. */
function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const parts = editor.selections.filter((s) => !s.isEmpty).map((s) => editor.document.getText(s));
  const text = parts.join('\n');
  return text.trim() ? text : undefined;
}

/**
 * The non-empty selections of `editor` joined, each redacted together with the lines around it: a
 * selection of just a value would lose the key (`client_secret=`, a YAML key on the line above) that
 * tells the redactor it is a secret.
 */
function redactedSelections(editor: vscode.TextEditor, knownSecrets: readonly string[]): string {
  const { document } = editor;
  return editor.selections
    .filter((s) => !s.isEmpty)
    .map((s) => {
      const before = document.getText(new vscode.Range(Math.max(0, s.start.line - 1), 0, s.start.line, s.start.character)).slice(-SELECTION_CONTEXT_CHARS);
      const after = document.getText(new vscode.Range(s.end.line, s.end.character, s.end.line, document.lineAt(s.end.line).text.length)).slice(0, SELECTION_CONTEXT_CHARS);
      return redactInContext(before, document.getText(s), after, knownSecrets);
    })
    .join('\n');
}

async function clipboardText(): Promise<string | undefined> {
  try {
    const text = await vscode.env.clipboard.readText();
    return text.trim() ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Snippets for the Response view: claims challenges and interaction-required results get MSAL code. */
function snippetsFor(classification: Classification): CodeSnippet[] {
  try {
    const snippets = classification.claimsChallenge
      ? claimsSnippets(classification.claimsChallenge)
      : classification.appAction === 'acquire_interactively' || classification.category === 'interaction_required'
        ? interactiveSnippets()
        : [];
    // The panel names each snippet by library (MSAL Python, msal-node, …), which is what people search for.
    return snippets.slice(0, 20).map((s) => ({ language: s.library, code: s.code }));
  } catch {
    // Snippets are extras; the classification still shows.
  }
  return [];
}

export async function classifySelection(services: Services, arg?: unknown): Promise<void> {
  const given = typeof arg === 'string' && arg.trim() ? arg : undefined;
  const selected = given === undefined ? selectedText() : undefined;
  let text = given ?? selected;
  let origin = 'selection';
  if (!text) {
    text = await clipboardText();
    origin = 'clipboard';
  }
  if (!text) {
    void vscode.window.showInformationMessage('Auth Lens: select an error, log line or HTTP response first (or copy it to the clipboard), then run Classify again.');
    return;
  }
  if (text.length > MAX_CLASSIFY_CHARS) {
    void vscode.window.showWarningMessage(`Auth Lens: the ${origin} is ${text.length} characters; Classify reads up to ${MAX_CLASSIFY_CHARS}. Use "Auth Lens: Scan This Log" for whole logs.`);
    return;
  }
  // The classification, the echoed input and the last result are kept (the panel saves what it shows to
  // disk), so none of them may hold anything the redactor removes: the classifier reads only the
  // redacted text, and a field it copies from the input cannot carry a secret the echo hides.
  const editor = vscode.window.activeTextEditor;
  const redacted = selected !== undefined && editor ? redactedSelections(editor, services.secrets.knownSecrets()) : services.log.redact(text);
  const classification = classify(redacted);
  services.log.info(`Classified the ${origin}: ${classification.category} (${classification.aadsts.map((c) => `AADSTS${c}`).join(', ') || classification.error || 'no code'})`);
  services.results.set({ kind: 'classification', classification });
  recordClassification(services, classification, 'classify');
  const echo = redacted.length > MAX_ECHO_CHARS ? `${redacted.slice(0, MAX_ECHO_CHARS)}\n…` : redacted;
  InspectionPanel.show(services, { type: 'show', view: 'response', classification, input: echo, snippets: snippetsFor(classification) });
}

/**
 * Copy Redacted Selection/Log: the selections (or the whole document when nothing is selected) with
 * every secret and token removed by the same redactor as the panel, the log and the reports, so a log
 * can be pasted into a bug report or a chat.
 */
export async function copyRedacted(services: Services): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Auth Lens: open a log (or select part of one) first, then run Copy Redacted Selection/Log.');
    return;
  }
  const known = services.secrets.knownSecrets();
  const selection = editor.selections.some((s) => !s.isEmpty);
  let redacted: string;
  if (selection) {
    redacted = redactedSelections(editor, known);
  } else {
    const text = editor.document.getText();
    if (text.length > MAX_COPY_CHARS) {
      void vscode.window.showWarningMessage(`Auth Lens: this document is ${text.length} characters; Copy Redacted copies up to ${MAX_COPY_CHARS}. Select the part you need.`);
      return;
    }
    redacted = services.log.redact(text);
  }
  if (!redacted.trim()) {
    void vscode.window.showInformationMessage('Auth Lens: there is nothing to copy.');
    return;
  }
  await vscode.env.clipboard.writeText(redacted);
  void vscode.window.setStatusBarMessage(`Auth Lens: redacted ${selection ? 'selection' : 'document'} copied`, 3_000);
}

/** True when text looks like a token rather than prose, so the clipboard is worth trying. */
function looksLikeToken(text: string): boolean {
  const t = text.trim().replace(/^bearer\s+/i, '');
  return t.length >= 20 && t.length <= 64 * 1024 && !/\s/.test(t) && (t.startsWith('eyJ') || /^[A-Za-z0-9._~+/=-]+$/.test(t));
}

function withTokenSetting(token: DecodedToken): DecodedToken {
  return showTokenText() ? token : { ...token, redacted: '' };
}

export async function decodeTokenCommand(services: Services, arg?: unknown): Promise<void> {
  let text = typeof arg === 'string' && arg.trim() ? arg : selectedText();
  if (!text) {
    const clip = await clipboardText();
    if (clip && looksLikeToken(clip)) text = clip;
  }
  if (!text) {
    text = await vscode.window.showInputBox({
      title: 'Auth Lens: Decode Token',
      prompt: 'Paste an access or ID token (with or without "Bearer "). It is decoded locally and never stored or sent.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' || v.length <= 64 * 1024 ? undefined : 'That is longer than any real token (64 KB).'),
    });
  }
  if (!text || !text.trim()) return;
  services.secrets.rememberTransient(text.trim().replace(/^bearer\s+/i, ''));
  const token = withTokenSetting(decodeToken(text.trim()));
  services.results.set({ kind: 'token', token });
  if (token.kind === 'jwt') services.tokens.record(summarizeToken(token, 'decoded'));
  InspectionPanel.show(services, { type: 'show', view: 'claims', token });
  if (token.kind === 'invalid') void vscode.window.showWarningMessage(`Auth Lens: ${token.problem ?? 'this is not a token Auth Lens can read.'}`);
  // The claims show at once; the signature follows (fetching keys, when allowed, can take seconds).
  if (token.kind !== 'jwt') return;
  const verification = await verifyForPanel(text.trim()).catch((error: unknown) => {
    services.log.warn(`Signature check skipped: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (verification) InspectionPanel.show(services, { type: 'show', view: 'claims', token, verification });
}

/**
 * Explain API Refusal: the selection (or the clipboard) holds an API's 401/403, maybe with its request.
 * The token comes from the request's Authorization header or, when it has none, from an optional prompt.
 */
export async function explainApiRefusal(services: Services, arg?: unknown): Promise<void> {
  let text = typeof arg === 'string' && arg.trim() ? arg : selectedText();
  if (!text) {
    const clip = await clipboardText();
    if (clip && /HTTP\/\d|"error"\s*:|www-authenticate|<Code>/i.test(clip)) text = clip;
  }
  if (!text) {
    void vscode.window.showInformationMessage('Auth Lens: select an API\'s 401 or 403 answer (with its request, if you have it), or paste it into the Token vs API tab of the panel.');
    return;
  }
  if (text.length > MAX_CLASSIFY_CHARS) {
    void vscode.window.showWarningMessage(`Auth Lens: the selection is ${text.length} characters; an API's answer is far shorter. Select just the request and its answer.`);
    return;
  }
  let token: string | undefined;
  if (!/authorization\s*:\s*bearer\s+\S/i.test(text)) {
    token = await vscode.window.showInputBox({
      title: 'Auth Lens: Explain API Refusal',
      prompt: 'The token that was sent, to check it against the API (optional: press Enter to skip). It is checked locally and not kept.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.length <= 64 * 1024 ? undefined : 'That is longer than any real token (64 KB).'),
    });
    if (token === undefined) return;
  }
  InspectionPanel.show(services, tokenApiMessage(services, text, token?.trim() || undefined));
}

export function openPanel(services: Services): void {
  InspectionPanel.show(services);
}

/** Keeps the scan message under the protocol's size limit by trimming the longest lists. */
export function fitScan(summary: ScanSummary): ScanSummary {
  let fitted = summary;
  for (let keep = 1000; keep >= 10; keep = Math.floor(keep / 2)) {
    const size = messageSize(fitted);
    if (size !== undefined && size < MAX_HOST_MESSAGE_CHARS - 64 * 1024) return fitted;
    fitted = {
      ...summary,
      correlations: summary.correlations.slice(0, keep).map((g) => ({ ...g, lines: g.lines.slice(0, 50) })),
      tokens: summary.tokens.slice(0, keep),
      codes: summary.codes.slice(0, keep),
      errors: summary.errors.slice(0, keep),
      ...(summary.requests ? { requests: summary.requests.slice(0, keep) } : {}),
      warnings: [...summary.warnings.slice(0, 90), `Only the first ${keep} groups are shown in the panel.`],
    };
  }
  return fitted;
}

/** What Scan This Log reads: an open document, or (from the Explorer) a file on disk that is never opened. */
interface ScanSource {
  uri: vscode.Uri;
  fileName: string;
  /** Bytes on disk when the source is an unmodified file, else 0. */
  size: number;
  /** The editor's text, for documents that are open (or unsaved). */
  text?: () => string;
}

async function scanSource(arg: unknown): Promise<ScanSource | undefined> {
  const label = (uri: vscode.Uri) => (uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, false) : uri.path.split('/').pop() || uri.toString());
  const sizeOf = async (uri: vscode.Uri) => {
    try {
      return (await stat(uri.fsPath)).size;
    } catch {
      return 0;
    }
  };
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    // From the Explorer: a log of hundreds of MB must not be opened as a document just to scan it.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
    if (open?.isDirty) return { uri: arg, fileName: label(arg), size: 0, text: () => open.getText() };
    return { uri: arg, fileName: label(arg), size: await sizeOf(arg) };
  }
  const document = vscode.window.activeTextEditor?.document;
  if (!document) return undefined;
  const size = document.uri.scheme === 'file' && !document.isDirty ? await sizeOf(document.uri) : 0;
  return { uri: document.uri, fileName: label(document.uri), size, text: () => document.getText() };
}

export async function scanLog(services: Services, arg?: unknown): Promise<void> {
  const source = await scanSource(arg);
  if (!source) {
    void vscode.window.showInformationMessage('Auth Lens: open a log file (or an Output channel) first, then run Scan This Log.');
    return;
  }
  const { fileName } = source;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Auth Lens: scanning ${fileName}`, cancellable: true },
    async (progress, cancellation): Promise<ScanSummary | undefined> => {
      // Large saved files stream from disk in chunks; small or unsaved documents use the editor's text.
      if (!source.text || source.size > STREAM_THRESHOLD_BYTES) return scanFileWithProgress(source.uri.fsPath, source.size, progress, cancellation);
      return scanText(source.text());
    },
  );
  if (!summary) {
    void vscode.window.showInformationMessage('Auth Lens: scan cancelled.');
    return;
  }
  services.log.info(`Scanned ${fileName}: ${summary.lines} lines, ${summary.codes.length} codes, ${summary.correlations.length} correlation IDs`);
  services.results.set({ kind: 'scan', summary, fileName });
  recordScan(services, summary);
  InspectionPanel.show(services, { type: 'show', view: 'scan', summary: fitScan(summary), documentUri: source.uri.toString(), fileName: fileName.slice(0, 900) });
  if (summary.codes.length === 0 && summary.errors.length === 0) {
    void vscode.window.showInformationMessage('Auth Lens: no AADSTS codes or OAuth errors found in this document.');
  }
}

async function scanFileWithProgress(
  path: string,
  size: number,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  cancellation: vscode.CancellationToken,
): Promise<ScanSummary | undefined> {
  // The CLI's reader: UTF-16 and UTF-8 with a BOM, gzip, FIFOs, read in fixed chunks.
  const abort = new AbortController();
  const subscription = cancellation.onCancellationRequested(() => abort.abort());
  let reported = 0;
  try {
    return await scanFile(path, {
      signal: abort.signal,
      onProgress: async (read) => {
        const percent = size > 0 ? Math.min(100, Math.floor((read / size) * 100)) : 0;
        if (percent > reported) {
          progress.report({ increment: percent - reported, message: `${Math.round(read / 1048576)} of ${Math.round(size / 1048576)} MB` });
          reported = percent;
        }
        // Yield so the cancel button and the rest of the host stay responsive.
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
  } catch (error) {
    if (cancellation.isCancellationRequested) return undefined;
    throw new Error(`cannot read ${path}: ${error instanceof ScanInputError ? error.message : error instanceof Error ? error.message : String(error)}`);
  } finally {
    subscription.dispose();
  }
}

export async function copyReport(services: Services): Promise<void> {
  const subject = services.results.get();
  if (!subject) {
    void vscode.window.showInformationMessage('Auth Lens: nothing to report yet. Classify a response, scan a log or acquire a token first.');
    return;
  }
  const version = String((services.context.extension?.packageJSON as { version?: unknown } | undefined)?.version ?? '');
  const report = buildRedactedReport(
    subject,
    { generatedAt: new Date(), environment: `Auth Lens ${version}, VS Code ${vscode.version}, ${process.platform}`, describe: (code) => describeCode(code) },
    services.secrets.knownSecrets(),
  );
  await vscode.env.clipboard.writeText(report);
  void vscode.window.showInformationMessage('Auth Lens: redacted report copied to the clipboard.');
}

async function tokenAt(uri: string, line: number, start: number, end: number): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  if (line >= document.lineCount) return undefined;
  const text = document.lineAt(line).text.slice(start, end);
  return text.startsWith('eyJ') ? text : undefined;
}

export async function openInPanel(services: Services, arg?: unknown): Promise<void> {
  const target = parseHoverCommandArgs(arg);
  if (!target) {
    // Run from somewhere other than a hover link: fall back to the empty panel.
    InspectionPanel.show(services);
    return;
  }
  if (target.kind === 'code') {
    await explainCode(services, target.code);
  } else if (target.kind === 'entry') {
    explainEntry(services, target.vocabulary, target.code);
  } else if (target.kind === 'error') {
    const classification = classify(JSON.stringify({ error: target.error }));
    services.results.set({ kind: 'classification', classification });
    InspectionPanel.show(services, { type: 'show', view: 'response', classification, input: `error: ${target.error}`, snippets: snippetsFor(classification) });
  } else {
    const token = await tokenAt(target.uri, target.line, target.start, target.end);
    if (!token) {
      void vscode.window.showWarningMessage('Auth Lens: the token is no longer at that place in the document.');
      return;
    }
    services.secrets.rememberTransient(token);
    await decodeTokenCommand(services, token);
  }
}

export async function copyExplanation(services: Services, arg?: unknown): Promise<void> {
  const target = parseHoverCommandArgs(arg);
  if (!target) {
    void vscode.window.showInformationMessage('Auth Lens: use "Copy explanation" from a hover.');
    return;
  }
  const secrets = services.secrets.knownSecrets();
  let text: string;
  // Records are redacted before rendering: Markdown escaping would hide a secret from the matcher.
  if (target.kind === 'code') {
    text = formatCatalogEntry(describeCode(target.code), { includeCauses: true, onlineLookup: true });
  } else if (target.kind === 'entry') {
    const entry = lookupValue(target.code, [target.vocabulary])[0];
    if (!entry) return;
    text = formatCatalogEntry(entry, { includeCauses: true, onlineLookup: true });
  } else if (target.kind === 'error') {
    const info = OAUTH_ERRORS[target.error];
    text = info ? formatClassification(redactDeep(classify(JSON.stringify({ error: target.error })), secrets), { onlineLookup: true }) : `OAuth error ${target.error}`;
  } else {
    const token = await tokenAt(target.uri, target.line, target.start, target.end);
    if (!token) {
      void vscode.window.showWarningMessage('Auth Lens: the token is no longer at that place in the document.');
      return;
    }
    services.secrets.rememberTransient(token);
    text = formatDecodedToken(redactDeep(decodeToken(token), secrets), { allClaims: true });
  }
  await vscode.env.clipboard.writeText(redactReport(text, secrets));
  void vscode.window.setStatusBarMessage('Auth Lens: explanation copied', 3_000);
}
