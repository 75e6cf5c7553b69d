// The panel test harness: builds the webview bundle when stale, serves the real page shell (with its
// CSP) and the static roots, and opens pages in Chromium with a fake \`acquireVsCodeApi\` that records
// what the panel posts and stores. Importing it registers the browser's beforeAll/afterAll hooks.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync, readdirSync, cpSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromiumPath } from '../support/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as esbuild from 'esbuild';
import { renderPanelHtml } from '../../src/webview/page';

export const ROOT = resolve(__dirname, '../..');
export const DIST = join(ROOT, 'dist/webview');
export const OUT = join(ROOT, 'test-output/webview');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html',
};

/** Newest modification time of the webview sources, to rebuild a stale bundle. */
function newestSource(): number {
  let newest = statSync(join(ROOT, 'src/protocol.ts')).mtimeMs;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(ROOT, 'src/webview'));
  return newest;
}

/** Builds the webview bundle the way esbuild.mjs does, when it is missing or older than its sources. */
async function ensureBundle(): Promise<void> {
  const bundle = join(DIST, 'main.js');
  if (existsSync(bundle) && existsSync(join(DIST, 'codicon.css')) && statSync(bundle).mtimeMs >= newestSource()) return;
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/main.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'process.env.AUTH_LENS_PRODUCTION': '"0"' },
  });
  const codicons = join(ROOT, 'node_modules/@vscode/codicons/dist');
  cpSync(join(codicons, 'codicon.css'), join(DIST, 'codicon.css'));
  cpSync(join(codicons, 'codicon.ttf'), join(DIST, 'codicon.ttf'));
}

/** Serves the page shell plus three static roots, refusing paths that climb out of them. */
function startServer(): Promise<{ server: Server; origin: string }> {
  const roots: Record<string, string> = {
    '/dist/webview/': DIST,
    '/media/': join(ROOT, 'media'),
    '/fixtures/': join(ROOT, 'test/webview/fixtures'),
  };
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/') {
      const html = renderPanelHtml({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin}/dist/webview/main.js`,
        styleUris: [`${origin}/fixtures/theme.css`, `${origin}/media/panel.css`, `${origin}/media/views.css`, `${origin}/media/token-views.css`],
        codiconUri: `${origin}/dist/webview/codicon.css`,
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!path.startsWith(prefix)) continue;
      const file = resolve(dir, decodeURIComponent(path.slice(prefix.length)));
      if (!file.startsWith(dir + sep) || !existsSync(file)) break;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      return;
    }
    res.writeHead(404).end('not found');
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

// Installed before the page's own script runs. A string, not a function, so the test transform
// cannot add helpers the browser does not have.
function fakeVsCodeApi(theme: string, initialState: unknown): string {
  return `(() => {
    const w = window;
    w.__posted = [];
    w.__state = ${JSON.stringify(initialState ?? null)} ?? undefined;
    w.__cspViolations = [];
    w.__pwned = undefined;
    let acquired = false;
    w.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi may only be called once');
      acquired = true;
      return {
        postMessage: (m) => { w.__posted.push(JSON.parse(JSON.stringify(m))); },
        getState: () => w.__state,
        setState: (s) => { w.__state = JSON.parse(JSON.stringify(s)); },
      };
    };
    document.addEventListener('securitypolicyviolation', (e) => { w.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });
    document.addEventListener('DOMContentLoaded', () => { document.body.classList.add(${JSON.stringify(theme)}); document.body.dataset.vscodeThemeKind = ${JSON.stringify(theme)}; });
  })();`;
}

export type Posted = { type: string; [key: string]: unknown };

let browser: Browser;
let server: Server;
export let origin: string;
const pages: Page[] = [];

export async function openPanel(theme: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' = 'vscode-light', initialState?: unknown, width = 1000): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  pages.push(page);
  await page.addInitScript({ content: fakeVsCodeApi(theme, initialState) });
  await page.goto(origin);
  await page.waitForFunction(() => (window as any).__posted.some((m: Posted) => m.type === 'ready'));
  return page;
}

export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<Posted[]> {
  return page.evaluate(() => (window as any).__posted as Posted[]);
}

export async function waitForPost(page: Page, type: string, count = 1): Promise<Posted[]> {
  await page.waitForFunction(([t, n]) => (window as any).__posted.filter((m: Posted) => m.type === t).length >= (n as number), [type, count] as const);
  return (await posted(page)).filter((m) => m.type === type);
}

export async function shot(page: Page, name: string): Promise<void> {
  // Let web components finish their first render and the codicon font load.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  await ensureBundle();
  ({ server, origin } = await startServer());
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  for (const page of pages) {
    // Nothing in any test may have violated the CSP (web components included).
    const violations = page.isClosed() ? [] : await page.evaluate(() => (window as any).__cspViolations as string[]);
    expect(violations).toEqual([]);
  }
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

