// Makes `require('vscode')` in this process return the tests' fake (bundled by fake-vscode.ts and
// passed as FAKE): the children that activate dist/extension.js outside VS Code start with this.
import Module, { createRequire } from 'node:module';
import { resolve } from 'node:path';

export function installFakeVscode(bundle) {
  const path = resolve(bundle);
  const require = createRequire(import.meta.url);
  const fake = require(path);
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? path : originalResolve.call(this, request, ...rest);
  };
  return fake;
}

/** A hover's markdown, whether VS Code's contents are one MarkdownString or a list of them. */
export function hoverText(hover) {
  const contents = hover?.contents;
  return String((Array.isArray(contents) ? contents[0] : contents)?.value ?? '');
}
