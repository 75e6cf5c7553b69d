// End to end: Auth Lens installed from its vsix into real VS Code (code-server), driven in Chromium the
// way a person would use it — hover a code in a log, decode a selected token, acquire a token from the
// sandbox authority, scan a log. Screenshots of every step go to test-output/e2e/.
//
// Needs code-server in the cache (`npm test` installs it as pretest; or `bash scripts/ensure-test-deps.sh`).
// Without it the suite FAILS with the reason: a missing prerequisite must not look like a pass.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../support/chromium';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupCode, lookupValue } from '../../src/core/catalog/index';
import { categoryLabel } from '../../src/core/format/labels';
import { scanFile } from '../../src/core/scan/node';
import {
  REPO_ROOT,
  buildVsixIsolated,
  findCodeServer,
  installExtension,
  prepareWorkspace,
  startCodeServer,
  writeUserSettings,
  type RunningCodeServer,
} from '../../scripts/lib/code-server';
import { extensionRegistrations } from '../../scripts/lib/registrations';
import { SANDBOX_API, SANDBOX_TENANT_ID, startSandbox, type Sandbox } from '../sandbox/authority';
import { CHROMIUM_ARGS, Workbench, paletteLabel } from './workbench';
import { authLensPane, clickTerminalText, runInTerminal, treeRows, waitForToast, writeMsalPrograms } from './surfaces';

const MANIFEST = join(REPO_ROOT, 'package.json');
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'e2e');
const LOG_FILE = 'logs/msal-python-app.log';
const TOKEN_FILE = 'tokens/sample-access-token.txt';

/** Letters and digits only, lower case: compares rendered Markdown with its source text. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('Auth Lens in VS Code (code-server)', () => {
  let tmp: string | undefined;
  let sandbox: Sandbox | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  // A setup failure (e.g. code-server missing) fails every test with its reason instead of skipping them.
  let setupError: Error | undefined;
  const ready = (): Workbench => {
    if (setupError) throw setupError;
    return wb;
  };
  let workspaceDir: string;
  let secretRegistrationName: string;
  let registrationNames: string[] = [];
  const secret = `e2e-${randomBytes(12).toString('hex')}`;

  // Nothing may outlive the run, even when vitest is interrupted.
  const killLeftovers = (): void => {
    const pid = server?.child.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killLeftovers);
  // If vitest's main process dies (Ctrl+C), this worker loses its channel and would wait forever for
  // it; end the run here instead, taking code-server along (Chromium and the sandbox die with us).
  const onOrphaned = (): void => {
    killLeftovers();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    // vitest wraps process.exit in its workers to report the call to the (now gone) main process;
    // with nobody to report to, only a signal ends the worker.
    process.kill(process.pid, 'SIGKILL');
  };
  process.once('disconnect', onOrphaned);

  beforeAll(async () => {
    try {
      await setUp();
    } catch (err) {
      setupError = err instanceof Error ? err : new Error(String(err));
      // What code-server printed usually says why the workbench never came up.
      if (server) setupError.message += `\ncode-server output (last lines):\n${server.output().split('\n').slice(-30).join('\n')}`;
    }
  }, 300_000);

  async function setUp(): Promise<void> {
    const found = findCodeServer();
    if (!found.ok) throw new Error(found.reason);
    const executablePath = chromiumPath();
    rmSync(SCREENSHOTS, { recursive: true, force: true });

    tmp = mkdtempSync(join(tmpdir(), 'auth-lens-e2e-'));
    const vsix = buildVsixIsolated(join(tmp, 'auth-lens.vsix'));
    sandbox = await startSandbox({ port: 0, clientSecret: secret });
    const regs = extensionRegistrations(sandbox);
    const secretReg = regs.entries.find((r) => r.flow === 'client_credentials' && r.clientId === regs.secretClientId);
    if (!secretReg) throw new Error(`no usable client-credentials registration for the sandbox:\n${regs.problems.join('\n')}`);
    secretRegistrationName = String(secretReg.name);
    registrationNames = regs.entries.map((r) => String(r.name));

    const userDataDir = join(tmp, 'user-data');
    const extensionsDir = join(tmp, 'extensions');
    installExtension(found.install, extensionsDir, userDataDir, vsix);
    // authLens.appRegistrations is an application-scope setting: only user settings count.
    // The DOM renderer puts terminal text in the page, where the test can find and click it.
    // Problems for log files are opt-in; this user has turned them on.
    writeUserSettings(userDataDir, { 'authLens.appRegistrations': regs.entries, 'terminal.integrated.gpuAcceleration': 'off', 'authLens.diagnostics.enabled': true });
    workspaceDir = prepareWorkspace(join(tmp, 'workspace'));
    writeMsalPrograms(workspaceDir);

    server = await startCodeServer({ install: found.install, userDataDir, extensionsDir, folder: workspaceDir });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    wb = new Workbench(page, SCREENSHOTS);
    await wb.waitReady();
    await wb.screenshot('workbench');
  }

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await sandbox?.stop().catch(() => undefined);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    process.off('exit', killLeftovers);
    process.off('disconnect', onOrphaned);
  }, 60_000);

  it('explains an AADSTS code on hover in a sample log', () => ready().step('hover', async () => {
    const text = readFileSync(join(workspaceDir, LOG_FILE), 'utf8');
    const lines = text.split('\n');
    // The first code in the log that the catalog documents, so the expected text comes from the catalog.
    let target: { line: number; column: number; code: number } | undefined;
    for (let i = 0; i < lines.length && !target; i++) {
      for (const m of lines[i]!.matchAll(/AADSTS(\d{1,9})(?!\d)/g)) {
        if (lookupCode(Number(m[1]))) {
          target = { line: i + 1, column: m.index + 1, code: Number(m[1]) };
          break;
        }
      }
    }
    expect(target, `${LOG_FILE} has no documented AADSTS code`).toBeDefined();
    const entry = lookupCode(target!.code)!;

    await wb.openFile(LOG_FILE);
    // Put the cursor well past the code so that the horizontal scroll leaves the whole code in view.
    await wb.goToLine(target!.line, Math.min(target!.column + 80, lines[target!.line - 1]!.length + 1));
    const hover = await wb.hoverText(`AADSTS${target!.code}`);
    await expect.poll(async () => plain(await hover.innerText()), { timeout: 15_000 }).toContain(plain(entry.summary).slice(0, 60));
    const hoverText = await hover.innerText();
    expect(hoverText).toContain(String(target!.code));
    await wb.screenshot('hover-aadsts');
    await wb.page.mouse.move(5, 5);
    await wb.page.keyboard.press('Escape');
  }), 120_000);

  it('decodes a selected token into the panel claims', () => ready().step('decode', async () => {
    const jwtLine = readFileSync(join(workspaceDir, TOKEN_FILE), 'utf8')
      .split('\n')
      .findIndex((l) => /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(l.trim()));
    expect(jwtLine).toBeGreaterThanOrEqual(0);
    const jwt = readFileSync(join(workspaceDir, TOKEN_FILE), 'utf8').split('\n')[jwtLine]!.trim();
    const claims = decodePayload(jwt);

    await wb.openFile(TOKEN_FILE);
    await wb.goToLine(jwtLine + 1);
    await wb.selectCurrentLine();
    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.decodeToken'));
    await wb.showPanelView('claims');
    const panel = await wb.waitForViewText('claims', new RegExp(String(claims.tid)));
    for (const key of ['tid', 'oid', 'aud', 'scp'] as const) expect(panel).toContain(String(claims[key]));
    expect(panel).toContain(String(claims.name));
    // The token itself must not be echoed whole into the panel.
    expect(panel).not.toContain(jwt);
    await wb.screenshot('decode-token-claims');
  }), 120_000);

  it('acquires a token from the sandbox authority and shows its claims and timeline', () => ready().step('acquire', async () => {
    // The secret goes into VS Code's SecretStorage through the UI, as a user would do it.
    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.setClientSecret'));
    await wb.pick(secretRegistrationName);
    await wb.answerInput(secret, { secret: true });

    const before = sandbox!.requests.length;
    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.acquireToken'));
    await wb.pick(secretRegistrationName);
    // The panel switches to the timeline of the request; the token it produced is summarised there.
    const timelineText = await wb.waitForViewText('timeline', new RegExp(SANDBOX_API), 90_000);
    expect(timelineText).toMatch(/\b200\b/);
    expect(timelineText).not.toContain(secret);
    const tokenRequests = sandbox!.requests.slice(before).filter((r) => r.method === 'POST' && /token/.test(r.path));
    expect(tokenRequests.length).toBeGreaterThanOrEqual(1);
    await wb.screenshot('acquire-token-timeline');

    await wb.showPanelView('claims');
    const claimsText = await wb.waitForViewText('claims', new RegExp(SANDBOX_TENANT_ID), 30_000);
    expect(claimsText).toContain(SANDBOX_API);
    // The secret never reaches the screen.
    expect(claimsText).not.toContain(secret);
    await wb.screenshot('acquire-token-claims');
  }), 180_000);

  it('shows a scripted sandbox failure (claims challenge) as a classified, non-retried attempt', () => ready().step('failure', async () => {
    const mfa = registrationNames.find((n) => /\bmfa\b/i.test(n));
    expect(mfa, 'the sandbox offers an MFA scenario registration').toBeDefined();
    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.setClientSecret'));
    await wb.pick(mfa!);
    await wb.answerInput('any-text-the-scenario-ignores', { secret: true });

    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.acquireToken'));
    await wb.pick(mfa!);
    const text = await wb.waitForViewText('timeline', /AADSTS50076/, 90_000);
    // MSAL's rule: a claims challenge is answered by signing in again with the claims, never by retrying.
    expect(text).toContain(categoryLabel('claims_challenge'));
    expect(text).toMatch(/\b1 attempt\b/);
    const rows = wb.webview().locator('vscode-tab-panel[data-view="timeline"] table.timeline-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const cells = (await rows.first().locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells).toContain('400');
    expect(cells).toContain('stop');
    // One notification for the action: the progress closed, the secret's confirmation went to the
    // status bar, and the failure is said once.
    await expect
      .poll(async () => (await wb.page.locator('.notifications-toasts .notification-toast').allInnerTexts()).filter((t) => t.includes('Auth Lens')), { timeout: 15_000 })
      .toEqual([expect.stringMatching(/no token for/)]);
    await wb.screenshot('acquire-failure-timeline');
  }), 180_000);

  it('scans a log and shows the counts', () => ready().step('scan', async () => {
    const expected = await scanFile(join(workspaceDir, LOG_FILE));
    expect(expected.codes.length).toBeGreaterThan(0);

    await wb.openFile(LOG_FILE);
    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.scanLog'));
    await wb.showPanelView('scan');
    await wb.waitForViewText('scan', new RegExp(`AADSTS${expected.codes[0]!.code}`), 60_000);
    for (const c of expected.codes) {
      const row = wb.webview().locator('vscode-tab-panel[data-view="scan"] tr', { hasText: `AADSTS${c.code}` }).first();
      const cells = (await row.locator('td, th').allInnerTexts()).map((s) => s.trim());
      expect(cells, `row for AADSTS${c.code}`).toContain(String(c.count));
    }
    for (const e of expected.errors) {
      const row = wb.webview().locator('vscode-tab-panel[data-view="scan"] tr', { hasText: e.error }).first();
      const cells = (await row.locator('td, th').allInnerTexts()).map((s) => s.trim());
      expect(cells, `row for ${e.error}`).toContain(String(e.count));
    }
    expect(existsSync(await wb.screenshot('scan-log-counts'))).toBe(true);
  }), 120_000);

  it('draws the scanned log on the Retry timeline, and still can after the window reloads', () => ready().step('log-timeline', async () => {
    // Runs after the scan above: the panel holds that log's scan.
    const expected = await scanFile(join(workspaceDir, LOG_FILE));
    const requests = expected.requests ?? [];
    // The chooser lists at most 20 patterns; its last entry is the last of them.
    const flag = expected.requestFlags?.slice(0, 20).at(-1);
    expect(requests.length).toBeGreaterThan(2);
    expect(flag).toBeDefined();
    const attempts = () => wb.webview().locator('vscode-tab-panel[data-view="timeline"] svg g.attempt');
    /** Chooses an entry of the scan view's timeline chooser (by its position) and draws it. */
    const draw = async (option: number, count: number): Promise<void> => {
      await wb.showPanelView('scan');
      const scan = wb.webview().locator('vscode-tab-panel[data-view="scan"]');
      await scan.locator('select.log-timeline-choice').selectOption({ index: option });
      await scan.locator('button', { hasText: 'Show on Retry timeline' }).click();
      await expect.poll(() => attempts().count(), { timeout: 30_000 }).toBe(count);
    };
    const lastOption = (await wb.webview().locator('vscode-tab-panel[data-view="scan"] select.log-timeline-choice option').count()) - 1;
    const flagLines = flag!.lines.length ? flag!.lines : [flag!.line];
    const inFlag = requests.filter((r) => r.line >= Math.min(...flagLines) && r.line <= Math.max(...flagLines)).length;
    expect(inFlag).not.toBe(requests.length);
    await draw(0, requests.length);
    await wb.screenshot('log-timeline');

    await wb.runCommand('Developer: Reload Window');
    await wb.waitReady();
    // VS Code restores the panel; its views come back from the page's saved state.
    await expect.poll(() => attempts().count().catch(() => 0), { timeout: 60_000 }).toBe(requests.length);
    // The host read that state too: it draws another choice from the same scan, and its lines open.
    await draw(lastOption, inFlag);
    await attempts().first().click();
    const firstLine = requests.find((r) => r.line >= Math.min(...flagLines))!.line;
    await expect.poll(() => wb.page.locator('#status\\.editor\\.selection').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(new RegExp(`Ln ${firstLine},`));
    await wb.screenshot('log-timeline-after-reload');
    expect(await wb.webview().locator('.banner:not([hidden])').count()).toBe(0);
  }), 240_000);

  it('finds interaction_in_progress and invalid_grant by typing in the Explain quick pick', () => ready().step('explain-pick', async () => {
    await wb.runCommand(paletteLabel(MANIFEST, 'authLens.explainCode'));
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.pressSequentially('interaction_in', { delay: 30 });
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'interaction_in_progress' }).first().waitFor({ timeout: 20_000 });
    await wb.screenshot('explain-pick-interaction');
    await input.fill('');
    await input.pressSequentially('invalid_grant', { delay: 30 });
    const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'invalid_grant' }).first();
    await row.waitFor({ timeout: 20_000 });
    await wb.screenshot('explain-pick-invalid-grant');
    await input.press('Enter');
    const text = await wb.waitForViewText('lookup', /invalid_grant/, 60_000);
    expect(text).toContain(lookupValue('invalid_grant', ['oauth'])[0]!.summary.slice(0, 40));
  }), 120_000);

  it('turns an msal-node error printed in the terminal into a link that explains its code', () => ready().step('terminal', async () => {
    const terminal = await runInTerminal(wb, 'node terminal-app.js');
    await clickTerminalText(wb, terminal, 'AADSTS50076');
    const text = await wb.waitForViewText('lookup', /AADSTS50076/, 60_000);
    expect(text).toContain(lookupCode(50076)!.summary.slice(0, 40));
    await wb.screenshot('terminal-link-explained');
  }), 120_000);

  it('notices an MSAL error logged under the JavaScript debugger and lists it in the view', () => ready().step('debug', async () => {
    await wb.runCommand('Debug: Start Debugging');
    const toast = await waitForToast(wb, /AADSTS7000215 in the debug console/, 90_000);
    expect(toast).toMatch(/Explain/);
    await wb.screenshot('debug-console-notification');
    const failures = await authLensPane(wb, 'Recent Failures');
    const rows = await treeRows(failures, /AADSTS7000215/);
    expect(rows.find((r) => r.includes('AADSTS7000215'))).toMatch(/debug console/);
    // The terminal's click was recorded too.
    expect(rows.some((r) => r.includes('AADSTS50076') && r.includes('terminal'))).toBe(true);
    await wb.screenshot('view-recent-failures');
  }), 150_000);

  it('lists the sandbox registrations in the Auth Lens view', () => ready().step('view', async () => {
    const pane = await authLensPane(wb, 'App Registrations');
    const rows = await treeRows(pane, new RegExp(secretRegistrationName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    for (const name of registrationNames) expect(rows.some((r) => r.includes(name)), name).toBe(true);
    // The registration whose secret the acquire test stored says so.
    expect(rows.find((r) => r.startsWith(secretRegistrationName))).toMatch(/secret stored/);
    await wb.screenshot('view-registrations');
  }), 90_000);

  it('opens the Get Started walkthrough', () => ready().step('walkthrough', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pick('Get Started with Auth Lens');
    const page = wb.page.locator('.gettingStartedContainer');
    await page.locator('text=Open a log with an auth failure').first().waitFor({ timeout: 30_000 });
    expect(await page.innerText()).toContain('Acquire a test token');
    await wb.screenshot('walkthrough');
  }), 90_000);

  it('lists an open log file\'s failures in Problems, one per distinct code', () => ready().step('problems', async () => {
    const expected = await scanFile(join(workspaceDir, LOG_FILE));
    const code = `AADSTS${expected.codes[0]!.code}`;
    await wb.openFile(LOG_FILE);
    await wb.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: code }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    const rows = (await wb.page.locator('.markers-panel .monaco-list-row').allInnerTexts()).join('\n');
    // One entry per distinct code, each named by Auth Lens.
    for (const c of expected.codes) expect(rows.split(`AADSTS${c.code}:`).length - 1, `AADSTS${c.code}`).toBe(1);
    expect(rows).toContain('Auth Lens');
    await wb.screenshot('problems-log-file');
  }), 120_000);
});
