// One activation in a fresh Node process (plain node, no tsx loader in the way): installs the tests'
// fake `vscode` module (bundled, FAKE), then times require(bundle) + activate(context) and lists every
// file the bundle pulled in. With --hover it then answers one hover through the registered provider
// and lists what that loaded.
//   node activate-child.mjs BUNDLE FAKE [--hover | --hover-library | --hover-msal-log]
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { hoverText, installFakeVscode } from './install-fake-vscode.mjs';

const bundle = resolve(process.argv[2]);
const FAKE_PATH = resolve(process.argv[3]);
const withHover = process.argv.includes('--hover');
const require = createRequire(import.meta.url);
const vscode = installFakeVscode(FAKE_PATH);
const hoverProviders = vscode.recorded.hoverProviders;

const before = new Set(Object.keys(require.cache));
const context = vscode.fakeContext(dirname(bundle));
const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
ext.activate?.(context);
const t2 = performance.now();
const loaded = Object.keys(require.cache).filter((f) => !before.has(f) && f !== FAKE_PATH);

const out = { requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, loaded, hoverProviders: hoverProviders.length };

// --hover: the first hover is on an AADSTS code; --hover-library: on an msal-browser error code, which
// reads every non-AADSTS vocabulary of the catalog on first use; --hover-msal-log: on the minified code
// of an msal-browser 5 console line, which reads msal-browser's log-strings table on first use.
const libraryHover = process.argv.includes('--hover-library');
const msalLogHover = process.argv.includes('--hover-msal-log');
const kind = libraryHover ? 'library' : msalLogHover ? 'msal-log' : 'code';
const probes = {
  code: ["2026-11-20 09:15:11,600 ERROR   orders.auth: Token request failed: {'error': 'invalid_client', 'error_description': 'AADSTS7000215: bad secret'}", 'AADSTS', '7000215'],
  library: ['BrowserAuthError: interaction_in_progress: Interaction is currently in progress.', 'interaction_in_progress', 'interaction'],
  'msal-log': ['[Sat, 05 Dec 2026 01:12:25 GMT] : [01a243c2-6e86-72cc-a662-c6d0acab189d] : @azure/msal-browser@5.30.0 : Verbose - 0x1c4s', '0x1c4s', 'acquireTokenSilent called'],
};
if ((withHover || libraryHover || msalLogHover) && hoverProviders.length) {
  const [line, target, expected] = probes[kind];
  const column = line.indexOf(target) + 3;
  const document = {
    lineCount: 1,
    languageId: 'log',
    uri: { toString: () => 'file:///bench.log', scheme: 'file' },
    lineAt: () => ({ text: line }),
  };
  const cancel = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  const beforeHover = new Set(Object.keys(require.cache));
  const h0 = performance.now();
  const hover = await hoverProviders[0].provider.provideHover(document, new vscode.Position(0, column), cancel);
  out.firstHoverMs = performance.now() - h0;
  out.hoverLoaded = Object.keys(require.cache).filter((f) => !beforeHover.has(f));
  out.hoverAnswered = !!hover && hoverText(hover).includes(expected);
}
process.stdout.write(JSON.stringify(out) + '\n');
