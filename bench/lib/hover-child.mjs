// Hover latency through the extension's real hover provider, outside VS Code: the production
// dist/extension.js is activated against the fake `vscode` module, and its registered provider is
// called with a document stand-in whose lineAt(n).text gives the line, as VS Code's TextDocument does.
// Each target (a code, an error value or a token somewhere in a big log) is hovered in the big
// document and in a ~1 KB document holding the same line, alternately.
//   node hover-child.mjs DIST_DIR LOG_FILE TARGETS PASSES FAKE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { installFakeVscode } from './install-fake-vscode.mjs';

const [distDir, logFile, targetsArg, passesArg, fakeArg] = process.argv.slice(2);
const TARGETS = Number(targetsArg ?? 1500);
const PASSES = Number(passesArg ?? 5);
const require = createRequire(import.meta.url);
const vscode = installFakeVscode(fakeArg);
const hoverProviders = vscode.recorded.hoverProviders;
require(join(distDir, 'extension.js')).activate(vscode.fakeContext(distDir));
const provider = hoverProviders[0]?.provider;
if (!provider) throw new Error('the extension registered no hover provider');

/** A document stand-in: the whole text plus line starts; lineAt slices one line out, like a text buffer. */
function makeDocument(text, uri) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts[starts.length - 1] === text.length) starts.pop();
  return {
    uri: { toString: () => uri, scheme: 'file', fsPath: uri },
    languageId: 'log',
    lineCount: starts.length,
    lineAt(line) {
      const s = starts[line];
      let e = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
      if (e > s && text.charCodeAt(e - 1) === 13) e--;
      return { text: text.slice(s, e), lineNumber: line };
    },
    getText: () => text,
    starts,
  };
}

const text = readFileSync(logFile, 'latin1');
const big = makeDocument(text, 'file:///bench/big.log');

// Targets spread evenly through the document: codes, OAuth error values and tokens, in that mix.
const kinds = [
  { kind: 'aadsts', needle: 'AADSTS', offset: 3, share: 0.6 },
  { kind: 'error', needle: "'error': '", offset: 12, share: 0.2 },
  { kind: 'jwt', needle: 'eyJ0eXAi', offset: 20, share: 0.2 },
];
const targets = [];
for (const k of kinds) {
  const want = Math.round(TARGETS * k.share);
  const step = Math.floor(text.length / want);
  for (let i = 0; i < want; i++) {
    const at = text.indexOf(k.needle, i * step);
    if (at < 0) break;
    // Line of `at` by binary search over the starts.
    let lo = 0;
    let hi = big.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (big.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    targets.push({ kind: k.kind, line: lo, character: at - big.starts[lo] + k.offset });
  }
}

// The same line in a ~1 KB document: a few ordinary lines, then the target line.
const filler = '2026-11-20 09:14:06,401 INFO    orders.web: GET /static/app.css 304\n';
/** A ~1 KB document: a few ordinary lines, then `lineText`. */
function smallDocWith(lineText) {
  const lines = [];
  let size = lineText.length + 1;
  while (size + filler.length <= 1024) {
    lines.push(filler.slice(0, -1));
    size += filler.length;
  }
  const at = Math.min(3, lines.length);
  lines.splice(at, 0, lineText);
  return { doc: makeDocument(lines.join('\n') + '\n', 'file:///bench/small.log'), line: at, bytes: size };
}
function smallDocFor(t) {
  return smallDocWith(big.lineAt(t.line).text);
}
// Library and API codes (msal-browser, MSAL.NET, MSAL Python, Graph, ARM, Key Vault, Azure Identity),
// which the generated log does not hold: each line is hovered in a ~1 KB document only.
const LIBRARY_LINES = [
  ['BrowserAuthError: interaction_in_progress: Interaction is currently in progress.', 'interaction_in_progress'],
  ['ClientAuthError: no_account_error: No account object provided to acquireTokenSilent', 'no_account_error'],
  ['   ErrorCode: multiple_matching_tokens_detected', 'multiple_matching_tokens_detected'],
  ['{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}', 'InvalidAuthenticationToken'],
  ["(AuthorizationFailed) The client 'x' with object id 'y' does not have authorization to perform action", 'AuthorizationFailed'],
  ['{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}', 'Authorization_RequestDenied'],
  ['ManagedIdentityCredential: ManagedIdentityCredential authentication unavailable. No identity has been assigned', 'ManagedIdentityCredential'],
  ['MsalServiceException: ErrorCode: user_null_error', 'MsalServiceException'],
];
const librarySmalls = [];
for (let i = 0; i < Math.round(TARGETS * 0.2); i++) {
  const [lineText, code] = LIBRARY_LINES[i % LIBRARY_LINES.length];
  librarySmalls.push({ ...smallDocWith(lineText), character: lineText.indexOf(code) + 3 });
}
const smalls = targets.map(smallDocFor);
const cancel = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

/**
 * Wall time of one hover, and the process CPU time around it: on a shared machine a hover that took
 * long on the wall clock but little CPU was waiting for a core, not working.
 */
function hoverOnce(doc, line, character) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const h = provider.provideHover(doc, new vscode.Position(line, character), cancel);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, ok: !!h };
}

// Warm-up pass (loads the lazy hover module, JIT), not recorded.
for (let i = 0; i < targets.length; i++) {
  hoverOnce(big, targets[i].line, targets[i].character);
  hoverOnce(smalls[i].doc, smalls[i].line, targets[i].character);
}
for (const l of librarySmalls) hoverOnce(l.doc, l.line, l.character);
const bigMs = { aadsts: [], error: [], jwt: [], all: [] };
const bigCpuMs = { aadsts: [], error: [], jwt: [], all: [] };
const smallMs = { aadsts: [], error: [], jwt: [], all: [] };
const libraryMs = [];
const libraryCpuMs = [];
let libraryMissing = 0;
let answered = 0;
let missing = 0;
for (let p = 0; p < PASSES; p++) {
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const s = smalls[i];
    // Alternate which document goes first.
    const order = (i + p) % 2 === 0;
    const a = order ? hoverOnce(big, t.line, t.character) : null;
    const b = hoverOnce(s.doc, s.line, t.character);
    const c = order ? a : hoverOnce(big, t.line, t.character);
    bigMs[t.kind].push(c.ms);
    bigMs.all.push(c.ms);
    bigCpuMs[t.kind].push(c.cpuMs);
    bigCpuMs.all.push(c.cpuMs);
    smallMs[t.kind].push(b.ms);
    smallMs.all.push(b.ms);
    if (c.ok) answered++;
    else missing++;
  }
  for (const l of librarySmalls) {
    const r = hoverOnce(l.doc, l.line, l.character);
    libraryMs.push(r.ms);
    libraryCpuMs.push(r.cpuMs);
    if (!r.ok) libraryMissing++;
  }
}
process.stdout.write(
  JSON.stringify({
    documentBytes: text.length,
    documentLines: big.lineCount,
    targets: targets.length,
    perKind: Object.fromEntries(kinds.map((k) => [k.kind, targets.filter((t) => t.kind === k.kind).length])),
    smallDocBytes: { min: Math.min(...smalls.map((s) => s.bytes)), max: Math.max(...smalls.map((s) => s.bytes)) },
    answered,
    missing,
    bigMs,
    bigCpuMs,
    smallMs,
    library: { targets: librarySmalls.length, ms: libraryMs, cpuMs: libraryCpuMs, missing: libraryMissing },
  }) + '\n',
);
