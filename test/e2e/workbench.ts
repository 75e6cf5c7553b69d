// Drives the VS Code workbench that code-server serves, the way a person would: the command palette
// (F1), quick open, go-to-line, mouse hovers, and the webview panel's nested iframes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

/** "Category: Title" of a contributed command, as the palette shows it, read from package.json. */
export function paletteLabel(manifestPath: string, commandId: string): string {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { contributes?: { commands?: CommandContribution[] } };
  const entry = manifest.contributes?.commands?.find((c) => c.command === commandId);
  if (!entry) throw new Error(`package.json contributes no command ${commandId}`);
  return entry.category ? `${entry.category}: ${entry.title}` : entry.title;
}

export class Workbench {
  private shot = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {
    mkdirSync(screenshotDir, { recursive: true });
  }

  async waitReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // The explorer tree appears once the folder is open and the extension host is connected.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  }

  /** Saves `NN-name.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.shot += 1;
    const file = join(this.screenshotDir, `${String(this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs one step; on failure saves a `failed-<name>` screenshot and adds the visible notifications to the error. */
  async step<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      await this.screenshot(`failed-${name}`).catch(() => undefined);
      const toasts = await this.notifications().catch(() => '');
      if (toasts && err instanceof Error) err.message += `\nnotifications on screen:\n${toasts}`;
      throw err;
    }
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async quickInputText(): Promise<Locator> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    return input;
  }

  /** Runs a command by its palette label (F1, type, click on the matching row). */
  async runCommand(label: string): Promise<void> {
    await this.chooseInQuickInput('F1', `>${label}`, label);
  }

  /**
   * Opens the command palette or quick open with `key`, types `value` and clicks the row holding
   * `rowText`. They share one widget with every quick input, and on a loaded machine a command's own
   * input box closing late, or a webview (the walkthrough) taking focus back, can hide the widget at
   * any of these steps; the whole sequence is then tried again.
   */
  private async chooseInQuickInput(key: string, value: string, rowText: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press(key);
      try {
        const input = await this.quickInputText();
        await input.fill(value, { timeout: 5_000 });
        const row = this.quickInput.locator('.monaco-list-row', { hasText: rowText }).first();
        await row.waitFor({ state: 'visible', timeout: 20_000 });
        await row.click({ timeout: 5_000 });
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /** Picks the quick-pick row whose text contains `text` (for commands that ask). */
  async pick(text: string | RegExp): Promise<void> {
    await this.quickInputText();
    const row = this.quickInput.locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
  }

  /**
   * Answers an input box and confirms with Enter. Waits for the input box itself (no list rows; a
   * password field when `secret`), so a value is never typed into the quick pick that preceded it.
   */
  async answerInput(value: string, options: { secret?: boolean } = {}): Promise<void> {
    const input = options.secret
      ? this.quickInput.locator('input.input[type="password"]')
      : this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    if (!options.secret) await this.quickInput.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'hidden', timeout: 15_000 });
    await input.fill(value);
    await input.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 15_000 });
  }

  async quickInputVisible(timeoutMs: number): Promise<boolean> {
    try {
      await this.quickInput.locator('input.input').waitFor({ state: 'visible', timeout: timeoutMs });
      return true;
    } catch {
      return false;
    }
  }

  /** The title and placeholder the open quick input shows, to decide what it is asking for. */
  async quickInputPrompt(): Promise<string> {
    const input = this.quickInput.locator('input.input');
    const placeholder = (await input.getAttribute('placeholder')) ?? '';
    const title = (await this.quickInput.locator('.quick-input-title').textContent().catch(() => '')) ?? '';
    const message = (await this.quickInput.locator('.quick-input-message').textContent().catch(() => '')) ?? '';
    return `${title} ${placeholder} ${message}`.trim();
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
  }

  /** Opens a workspace file through quick open (Ctrl+P) and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const fileName = relativePath.split('/').pop()!;
    // A click, not Enter: when a webview had focus, it can take the key back before quick open sees it.
    await this.chooseInQuickInput('Control+P', relativePath, fileName);
    await this.page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 20_000 });
    await this.activeEditor().locator('.view-line').first().waitFor({ timeout: 20_000 });
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor to a 1-based line and column (Ctrl+G), which also scrolls them into view. */
  async goToLine(line: number, column?: number): Promise<void> {
    await this.activeEditor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+G');
    const input = await this.quickInputText();
    await input.fill(column ? `:${line}:${column}` : `:${line}`);
    await input.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Selects the whole of the current line's text (Home, Shift+End; no line break). */
  async selectCurrentLine(): Promise<void> {
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Shift+End');
  }

  /**
   * Rests the mouse on the middle of `text` inside the rendered line that contains it and returns the
   * hover widget once it shows content. Monaco renders a line as spans in a monospace font, so the
   * character offset within the span gives the x position.
   */
  async hoverText(text: string): Promise<Locator> {
    const line = this.activeEditor().locator('.view-line', { hasText: text }).first();
    await line.waitFor({ state: 'visible', timeout: 20_000 });
    const point = await textCenterIn(line.locator('span > span'), text);
    if (!point) throw new Error(`"${text}" is not inside one rendered span of its line; cannot aim the mouse at it`);
    const { x, y } = point;
    const viewport = await this.activeEditor().locator('.monaco-scrollable-element.editor-scrollable').boundingBox();
    if (viewport && (x < viewport.x || x > viewport.x + viewport.width)) {
      throw new Error(`"${text}" is scrolled out of the editor's view (x=${Math.round(x)}); move the cursor next to it first`);
    }
    await this.page.mouse.move(x - 20, y);
    await this.page.mouse.move(x, y, { steps: 4 });
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
    // Generous: the whole suite runs in parallel on two cores, and the hover waits for the extension host.
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    return hover;
  }

  /** The panel's content document (VS Code nests it: webview iframe → #active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  /** Waits until the panel's body text matches `pattern` and returns that text. */
  async waitForWebviewText(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        last = (await this.webview().locator('body').innerText({ timeout: 2_000 })) ?? '';
        if (pattern.test(last)) return last;
      } catch {
        // the frame is (re)loading
      }
      await this.page.waitForTimeout(500);
    }
    throw new Error(`panel text did not match ${pattern} within ${timeoutMs} ms; last text:\n${last.slice(0, 2_000)}`);
  }

  /** Brings a panel view to the front by its tab header (views: response, lookup, timeline, claims, scan). */
  async showPanelView(view: string): Promise<void> {
    const header = this.webview().locator(`vscode-tab-header[data-view="${view}"]`);
    await header.waitFor({ state: 'visible', timeout: 60_000 });
    await header.click();
  }

  /** Waits until one panel view's text matches `pattern` and returns that text. */
  async waitForViewText(view: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        last = await this.webview().locator(`vscode-tab-panel[data-view="${view}"]`).innerText({ timeout: 2_000 });
        if (pattern.test(last)) return last;
      } catch {
        // the frame is (re)loading
      }
      await this.page.waitForTimeout(500);
    }
    const toasts = await this.notifications().catch(() => '');
    throw new Error(
      `panel view "${view}" did not match ${pattern} within ${timeoutMs} ms; last text:\n${last.slice(0, 2_000)}` +
        (toasts ? `\nnotifications:\n${toasts}` : ''),
    );
  }

  /** Text of the notifications currently shown (errors from the extension surface there). */
  async notifications(): Promise<string> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    return (await toasts.allInnerTexts()).join('\n');
  }
}

/**
 * The middle of `text` on screen, in the first of `spans` whose text holds it (VS Code renders a line
 * as spans of monospace text, so the character offset within the span gives the x position).
 */
export async function textCenterIn(spans: Locator, text: string): Promise<{ x: number; y: number } | undefined> {
  const count = await spans.count();
  for (let i = 0; i < count; i++) {
    const span = spans.nth(i);
    const content = (await span.textContent()) ?? '';
    const at = content.indexOf(text);
    if (at < 0) continue;
    const box = await span.boundingBox();
    if (!box) continue;
    const charWidth = box.width / Math.max(content.length, 1);
    return { x: box.x + charWidth * (at + text.length / 2), y: box.y + box.height / 2 };
  }
  return undefined;
}
