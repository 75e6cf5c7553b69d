// Driving the places an error appears outside editors, in the code-server workbench: the integrated
// terminal (xterm's DOM renderer, with GPU acceleration off), a debug session of the built-in
// JavaScript debugger, the Auth Lens view in the activity bar, and the walkthrough page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { textCenterIn, type Workbench } from './workbench';

const MSAL_NODE = join(process.cwd(), 'node_modules', '@azure', 'msal-node');

/**
 * A small Node program that fails the way an msal-node app does: it builds msal-node's own error
 * (with the constructor arguments msal-node uses for a token endpoint answer) and prints it with
 * console.error, stack and fields included.
 */
export function writeMsalPrograms(workspaceDir: string): { terminalProgram: string; debugProgram: string } {
  const header = `const msal = require(${JSON.stringify(MSAL_NODE)});\n`;
  writeFileSync(
    join(workspaceDir, 'terminal-app.js'),
    `${header}const err = new msal.InteractionRequiredAuthError('invalid_grant', '11111111-2222-3333-4444-555555555555', 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.', 'basic_action');\nconsole.error(err);\n`,
  );
  writeFileSync(
    join(workspaceDir, 'debug-app.js'),
    `${header}const err = new msal.ServerError('invalid_client', '5b5e5c3a-1111-2222-3333-444455556666', 'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.', '', '7000215', 401);\nconsole.error('token request failed:', err);\n// Stay alive a moment, as an app waiting on its next request would.\nsetTimeout(() => undefined, 4000);\n`,
  );
  mkdirSync(join(workspaceDir, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspaceDir, '.vscode', 'launch.json'),
    JSON.stringify({ version: '0.2.0', configurations: [{ type: 'node', request: 'launch', name: 'Auth Lens e2e app', program: '${workspaceFolder}/debug-app.js', console: 'internalConsole' }] }, null, 2),
  );
  return { terminalProgram: 'terminal-app.js', debugProgram: 'debug-app.js' };
}

/** Opens a new integrated terminal and runs `command` in it. */
export async function runInTerminal(wb: Workbench, command: string): Promise<Locator> {
  await wb.runCommand('Terminal: Create New Terminal');
  const terminal = wb.page.locator('.terminal-wrapper.active .xterm, .terminal-group .xterm').last();
  await terminal.locator('.xterm-rows').waitFor({ state: 'visible', timeout: 30_000 });
  // The shell needs a moment to print its prompt; typing before it loses nothing, but wait for focus.
  await terminal.locator('textarea.xterm-helper-textarea').focus();
  await wb.page.waitForTimeout(1_000);
  await wb.page.keyboard.type(`${command}\n`, { delay: 10 });
  return terminal;
}

/** Ctrl+clicks `text` in the terminal's rendered rows (terminal links follow a modifier click). */
export async function clickTerminalText(wb: Workbench, terminal: Locator, text: string): Promise<void> {
  const row = terminal.locator('.xterm-rows > div', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  let target = await textCenterIn(row.locator('span'), text);
  if (!target) {
    // One span per row: measure the row itself.
    const content = (await row.textContent()) ?? '';
    const box = await row.boundingBox();
    const cols = await terminal.evaluate((el) => {
      const measure = el.querySelector('.xterm-char-measure-element');
      return measure ? measure.getBoundingClientRect().width / Math.max(measure.textContent?.length ?? 1, 1) : 0;
    });
    if (!box || !cols) throw new Error(`cannot aim at "${text}" in the terminal`);
    const at = content.indexOf(text);
    target = { x: box.x + cols * (at + text.length / 2), y: box.y + box.height / 2 };
  }
  // Links are found when the mouse rests on the line; the click follows once the link is underlined.
  await wb.page.mouse.move(target.x - 30, target.y);
  await wb.page.mouse.move(target.x, target.y, { steps: 5 });
  await wb.page.waitForTimeout(1_500);
  await wb.page.keyboard.down('Control');
  await wb.page.mouse.click(target.x, target.y);
  await wb.page.keyboard.up('Control');
}

/** Waits for a notification toast whose text matches `pattern` and returns its text. */
export async function waitForToast(wb: Workbench, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: pattern }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await toast.innerText()).trim();
}

/** Opens the Auth Lens container in the activity bar and returns the pane of the view named `name`. */
export async function authLensPane(wb: Workbench, name: string): Promise<Locator> {
  const pane = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: name }) }).first();
  if (!(await pane.isVisible())) {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Auth Lens"], .activitybar .action-item [aria-label^="Auth Lens"]').first().click();
  }
  await pane.waitFor({ state: 'visible', timeout: 30_000 });
  const header = pane.locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

/** The rows a tree view shows (their accessible labels), once at least one matches `pattern`. */
export async function treeRows(pane: Locator, pattern: RegExp, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = (await pane.locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    if (rows.some((r) => pattern.test(r))) return rows;
    await pane.page().waitForTimeout(500);
  }
  throw new Error(`no row matched ${pattern}; rows: ${JSON.stringify(rows)}`);
}
