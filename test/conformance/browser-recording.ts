// msal-browser's log, recorded in a real browser: the SPA in drivers/msal-browser is bundled with
// esbuild, served from 127.0.0.1, and run in headless Chromium against the sandbox (whose self-signed
// certificate the browser context accepts). Every console message the page produced is kept in order:
// the app's console.log of each msal-browser message as the console shows it, and Chromium's own
// console lines (a failed fetch as DevTools writes it). The sandbox's record of the requests it
// answered is the fixture, as for the other libraries (log-recording.ts).
// TEST ONLY: every code and token here is a sandbox value that protects nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { SANDBOX_API, type SandboxRequest } from '../sandbox/index';
import { SPA_CLIENT_ID } from '../sandbox/spa';
import { chromiumPath } from '../support/chromium';
import type { AppCall, AppConfig } from './drivers/msal-browser/app';
import { DRIVERS_DIR, REPO_ROOT, THROTTLE_RETRY_AFTER_SECONDS, type SandboxHandle } from './harness';
import type { LogRequest } from '../../src/core/types';
import type { LogFixture, LogScenario } from './log-recording';
import { recordedRequests } from './sandbox-record';

export const BROWSER_LOGGING =
  "loggerOptions: LogLevel.Verbose, piiLoggingEnabled: false, loggerCallback writes each message with console.log; headless Chromium's console in order, as DevTools shows it without source links (a failed fetch as METHOD URL STATUS (text))";

const APP_DIR = join(DRIVERS_DIR, 'msal-browser');

export function browserAvailability(): { available: boolean; reason: string | null } {
  if (!existsSync(join(REPO_ROOT, 'node_modules', '@azure', 'msal-browser', 'package.json'))) return { available: false, reason: '@azure/msal-browser is not installed (npm ci)' };
  try {
    chromiumPath();
  } catch (error) {
    return { available: false, reason: (error as Error).message };
  }
  return { available: true, reason: null };
}

/** The app and its redirect bridge, bundled once per process. */
let bundles: Promise<{ app: string; bridge: string }> | null = null;

// esbuild and playwright-core load when a recording runs, not when a test only reads fixtures.
function bundle(): Promise<{ app: string; bridge: string }> {
  bundles ??= import('esbuild').then(({ build }) => build({
    entryPoints: { app: join(APP_DIR, 'app.ts'), bridge: join(APP_DIR, 'bridge.ts') },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outdir: 'out',
    logLevel: 'silent',
  })).then((r) => {
    const text = (name: string) => r.outputFiles.find((f) => f.path.endsWith(`${name}.js`))!.text;
    return { app: text('app'), bridge: text('bridge') };
  });
  return bundles;
}

async function serveApp(): Promise<{ server: Server; origin: string }> {
  const { app, bridge } = await bundle();
  const page = (script: string) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Auth Lens SPA</title><script src="/${script}.js"></script>`;
  const files: Record<string, [string, string]> = {
    '/': ['text/html', page('app')],
    '/redirect': ['text/html', page('bridge')],
    '/app.js': ['text/javascript', app],
    '/bridge.js': ['text/javascript', bridge],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': `${file[0]}; charset=utf-8`, 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface ConsoleLine {
  type: string;
  text: string;
  url: string;
}

interface Answered {
  method: string;
  status: number;
  statusText: string;
}

const FAILED_LOAD = 'Failed to load resource: the server responded with a status of ';

/**
 * A console message as the console shows it, without its source link. Chromium reports a failed fetch
 * as "Failed to load resource: …" with the request's URL; DevTools writes such an error as the request's
 * method, URL, status and status text (devtools-frontend ConsoleViewMessage.formatAsNetworkRequest).
 */
function shown(line: ConsoleLine, answers: ReadonlyMap<string, Answered>): string {
  const answer = line.type === 'error' && line.text.startsWith(FAILED_LOAD) ? answers.get(line.url) : undefined;
  return answer ? `${answer.method} ${line.url} ${answer.status}${answer.statusText ? ` (${answer.statusText})` : ''}` : line.text;
}

/** One call of the app: after `wait` ms, with the sandbox playing `scenario`; `ends` is what the app must see
 * (a token from the network or from the cache, or the error's name), so a broken run fails loudly. */
type Step = { wait: number; call: 'byCode' | 'silent' | 'force' | 'popup'; ends: string; scenario?: 'expired-refresh' | 'throttle' };

/**
 * The calls an SPA makes per scenario: a redeemed code then silent calls, a refresh token the directory
 * refuses, a 429, and a popup sign-in completed on the sandbox's own login and consent pages.
 */
function stepsOf(scenario: LogScenario): Step[] | null {
  const gap = 25;
  switch (scenario) {
    case 'code-silent':
      return [{ wait: 0, call: 'byCode', ends: 'token' }, { wait: gap, call: 'silent', ends: 'cache' }, { wait: gap, call: 'force', ends: 'token' }];
    case 'expired-refresh':
      return [{ wait: 0, call: 'byCode', ends: 'token' }, { wait: gap, call: 'force', ends: 'InteractionRequiredAuthError', scenario: 'expired-refresh' }];
    case 'throttle':
      return [
        { wait: 0, call: 'byCode', ends: 'token' },
        { wait: gap, call: 'force', ends: 'ServerError', scenario: 'throttle' },
        { wait: gap, call: 'force', ends: 'ServerError', scenario: 'throttle' },
        { wait: THROTTLE_RETRY_AFTER_SECONDS * 1000 + 300, call: 'force', ends: 'ServerError', scenario: 'throttle' },
      ];
    case 'popup':
      return [{ wait: 0, call: 'popup', ends: 'token' }, { wait: gap, call: 'silent', ends: 'cache' }, { wait: gap, call: 'force', ends: 'token' }];
    default:
      return null;
  }
}

/**
 * An SPA's console next to the sandbox's record, token requests in order: the grant, and the status
 * where the console shows one (the browser's line for a fetch answered with an error) or `success` where
 * msal-browser stored the answer (it logs no status); and the waits between them, read within 1.1 s
 * (msal-browser's times have whole seconds; see compareWithRecord).
 */
export function compareBrowserRecord(requests: readonly LogRequest[], fixture: LogFixture): { got: string[]; want: string[]; waits: { got: number | null; want: number; tolerance: number }[] } {
  const sent = requests.filter((r) => r.source === 'network' && r.endpoint === 'token');
  const want = fixture.requests.filter((q) => q.endpoint === 'token');
  return {
    got: sent.map((r) => `${r.grant} ${r.status ?? r.outcome}`),
    want: want.map((q) => `${q.grantType} ${q.status !== null && q.status >= 400 ? q.status : 'success'}`),
    waits: want.slice(1).map((q, i) => ({ got: sent[i + 1]?.waitBeforeMs ?? null, want: q.atMs - want[i]!.atMs, tolerance: 1100 })),
  };
}

/** Signs in on the sandbox's own pages in the popup, as a person would: a login, then consent. */
async function completeSignIn(popup: Page, origin: string): Promise<void> {
  // The popup opens blank; msal-browser then sends it to the authorize endpoint, which redirects to a page.
  const done = (u: URL) => u.href.startsWith(origin);
  for (let step = 0; step < 4; step++) {
    await popup.waitForURL((u) => done(u) || u.pathname.startsWith('/interaction/'), { timeout: 10_000 }).catch(() => undefined);
    if (popup.isClosed() || done(new URL(popup.url()))) return;
    await popup.waitForLoadState('domcontentloaded');
    const login = popup.locator('input[name="login"]');
    if ((await login.count()) > 0) {
      await login.fill('alex');
      await popup.locator('input[name="password"]').fill('any-password');
    }
    const before = popup.url();
    await popup.locator('button[type="submit"]').first().click();
    await popup.waitForURL((u) => u.href !== before, { timeout: 10_000 }).catch(() => undefined);
  }
}

/** Runs the SPA on one scenario in a fresh browser; null when an SPA has no such scenario. */
export async function recordBrowserLog(
  handle: SandboxHandle,
  scenario: LogScenario,
): Promise<{ fixture: LogFixture; log: string; calls: AppCall[]; console: ConsoleLine[] } | null> {
  const steps = stepsOf(scenario);
  if (!steps) return null;
  const { sandbox } = handle;
  const { server, origin } = await serveApp();
  let browser: Browser | undefined;
  const lines: ConsoleLine[] = [];
  const calls: AppCall[] = [];
  const answers = new Map<string, Answered>();
  const before = sandbox.requests.length;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page: Page = await context.newPage();
    page.on('console', (m: ConsoleMessage) => lines.push({ type: m.type(), text: m.text(), url: m.location().url }));
    page.on('response', (r) => answers.set(r.url(), { method: r.request().method(), status: r.status(), statusText: r.statusText() }));
    await page.goto(`${origin}/`);
    const config: AppConfig = { clientId: SPA_CLIENT_ID, authority: sandbox.authority(), scopes: [`${SANDBOX_API}/Sandbox.Read`] };
    await page.evaluate((c) => (globalThis as unknown as { authLensApp: { init(c: AppConfig): Promise<void> } }).authLensApp.init(c), config);
    for (const step of steps) {
      if (step.wait > 0) await new Promise((r) => setTimeout(r, step.wait));
      sandbox.setScenario(SPA_CLIENT_ID, step.scenario ?? null);
      const code = step.call === 'byCode' ? await sandbox.spaCode() : '';
      const signIn = step.call === 'popup' ? page.waitForEvent('popup').then((popup) => completeSignIn(popup, origin)) : null;
      calls.push(
        await page.evaluate(
          ([call, c]) => {
            const a = (globalThis as unknown as { authLensApp: Record<string, (x?: unknown) => Promise<AppCall>> }).authLensApp;
            return call === 'byCode' ? a.byCode!(c) : call === 'force' ? a.silent!(true) : call === 'silent' ? a.silent!(false) : a.popup!();
          },
          [step.call, code] as const,
        ),
      );
      await signIn;
      const last = calls[calls.length - 1]!;
      const ended = last.kind === 'result' ? (last.fromCache ? 'cache' : last.hasAccessToken ? 'token' : 'no token') : (last.errorName ?? 'error');
      if (ended !== step.ends) throw new Error(`msal-browser ${scenario}, call ${calls.length} (${step.call}): the app saw ${ended}${last.text ? ` (${last.text})` : ''}, not ${step.ends}`);
    }
  } finally {
    sandbox.setScenario(SPA_CLIENT_ID, null);
    await browser?.close();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
  const answered: SandboxRequest[] = sandbox.requests.slice(before);
  const requests = recordedRequests(answered);
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', '@azure', 'msal-browser', 'package.json'), 'utf8')) as { version: string }).version;
  const log = lines.map((l) => shown(l, answers)).join('\n');
  return { fixture: { library: 'msal-browser', version, scenario, flow: 'authorization_code', logging: BROWSER_LOGGING, requests }, log: `${log}\n`, calls, console: lines };
}
