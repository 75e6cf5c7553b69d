// Builds every bundle of Auth Lens: the extension host (small activation bundle plus lazily loaded
// parts), the `auth-lens` CLI and the webview panel. `--production` minifies, `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.AUTH_LENS_PRODUCTION': JSON.stringify(production ? '1' : '0') },
};

/** Parts of the host that load on first use, each its own CommonJS file next to extension.js. */
const lazyDir = 'src/extension/lazy';
const lazyEntries = existsSync(lazyDir)
  ? readdirSync(lazyDir).filter((f) => f.endsWith('.ts')).map((f) => join(lazyDir, f))
  : [];

/**
 * The CLI's commands, each its own CommonJS file next to cli.js (dist/cli-<command>.js), required when
 * that command runs: `auth-lens scan` never compiles the token client (undici, zod).
 */
const cliCommands = ['explain', 'classify', 'decode', 'compare', 'scan', 'redact', 'token'].filter((c) => existsSync(`src/cli/${c}.ts`));
const cliCommandRe = new RegExp(`^\\./(${cliCommands.join('|')})$`);

/** In cli.js, run.ts's `import('./<command>')` becomes a require of ./cli-<command>.js, relative to cli.js itself. */
const cliCommandsExternal = {
  name: 'cli-commands-external',
  setup(build) {
    build.onResolve({ filter: cliCommandRe }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith(join('src', 'cli', 'run.ts'))
        ? { path: `./cli-${args.path.slice(2)}.js`, external: true }
        : undefined,
    );
  },
};

/**
 * msal-browser's log-strings table (src/core/catalog/msal-log-strings.json) stays a file of its own in
 * dist/, required at run time next to the bundle that asks: a hover on an AADSTS code, activation and
 * every CLI command but the ones that decode a minified line never parse it.
 */
const msalLogStrings = 'src/core/catalog/msal-log-strings.json';
const msalLogStringsExternal = {
  name: 'msal-log-strings-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/msal-log-strings\.json$/ }, () => ({ path: './msal-log-strings.json', external: true }));
  },
};
common.plugins = [msalLogStringsExternal];

const contexts = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Lazy parts are required at run time by path; they must not be inlined here.
    external: ['vscode', './extension-*'],
  },
  ...lazyEntries.map((entry) => ({
    ...common,
    entryPoints: [entry],
    outfile: `dist/extension-${basename(entry, '.ts')}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  })),
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: cliCommands.length ? [msalLogStringsExternal, cliCommandsExternal] : [msalLogStringsExternal],
    // import() of a command becomes require(): a native import() would start Node's ESM loader first.
    supported: { 'dynamic-import': false },
  },
  ...cliCommands.map((command) => ({
    ...common,
    entryPoints: [`src/cli/${command}.ts`],
    outfile: `dist/cli-${command}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  })),
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((ctx) => ctx.entryPoints.every((e) => existsSync(e)));

function copyStatic() {
  mkdirSync('dist/webview', { recursive: true });
  cpSync(msalLogStrings, 'dist/msal-log-strings.json');
  const codicons = 'node_modules/@vscode/codicons/dist';
  if (existsSync(codicons)) {
    cpSync(join(codicons, 'codicon.css'), 'dist/webview/codicon.css');
    cpSync(join(codicons, 'codicon.ttf'), 'dist/webview/codicon.ttf');
  }
}

if (watch) {
  copyStatic();
  const built = await Promise.all(contexts.map((c) => esbuild.context(c)));
  await Promise.all(built.map((c) => c.watch()));
  console.log(`[auth-lens] watching ${built.length} bundles`);
} else {
  await Promise.all(contexts.map((c) => esbuild.build(c)));
  copyStatic();
  console.log(`[auth-lens] built ${contexts.length} bundles${production ? ' (production)' : ''}`);
}
