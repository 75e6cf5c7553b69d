// The inspection panel in real Chromium: the built bundle, served with the real page shell and CSP,
// driven by the protocol messages the extension host sends, with a fake `acquireVsCodeApi` that
// records what the panel posts and stores.
import { describe, expect, it } from 'vitest';
import { renderPanelHtml } from '../../src/webview/page';
import { MAX_HOST_MESSAGE_CHARS, type HostMessage } from '../../src/protocol';
import { entryLabel } from '../../src/core/types';
import { planSteps } from '../../src/core/format/step-groups';
import {
  CLAIMS,
  CLAIMS_CHALLENGE,
  CLASSIFICATION,
  DECODED,
  ENTRY,
  LOOKUP,
  LOOKUP_RESULTS,
  RAW_TOKEN,
  RESPONSE,
  SCRIPT_TEXT,
  JS_URL,
  SEARCH_QUERY,
  SEARCH_RESULTS,
  SIGNATURE,
  SNIPPETS,
  scanMessage,
  timelineMessage,
} from './fixtures';
import { openPanel, posted, send, shot, waitForPost } from './harness';

describe('page shell', () => {
  it('renders a strict CSP with a nonce on the one script and no inline code', () => {
    const html = renderPanelHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abcDEF123456', scriptUri: 'https://x/main.js', styleUris: ['https://x/panel.css'], codiconUri: 'https://x/codicon.css' });
    expect(html.replace(/&#39;/g, "'")).toContain(`default-src 'none'; script-src 'nonce-abcDEF123456'; style-src https://x.vscode-cdn.net 'nonce-abcDEF123456'; font-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:`);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toContain('nonce="abcDEF123456"');
    expect(scripts[0]).toContain('src="https://x/main.js"');
    expect(html).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain('id="vscode-codicon-stylesheet"');
    expect(() => renderPanelHtml({ cspSource: "x 'unsafe-inline'; script-src *", nonce: 'abcDEF123456', scriptUri: 'a', styleUris: [] })).toThrow(/cspSource/);
    expect(() => renderPanelHtml({ cspSource: 'https://x', nonce: "a'; script-src *", scriptUri: 'a', styleUris: [] })).toThrow(/nonce/);
    expect(renderPanelHtml({ cspSource: 'https://x', nonce: 'abcDEF123456', scriptUri: 'a"><script>', styleUris: [] })).not.toContain('"><script>');
  });

  it('loads in Chromium with the CSP meta, posts ready once and shows seven views', async () => {
    const page = await openPanel();
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toMatch(/^default-src 'none'; script-src 'nonce-[^']+'; style-src http:\/\/127\.0\.0\.1:\d+ 'nonce-/);
    const headers = await page.locator('vscode-tab-header').allTextContents();
    expect(headers.map((t) => t.trim())).toEqual(['Response', 'Error lookup', 'Retry timeline', 'Claims', 'Log scan', 'Compare tokens', 'Token vs API']);
    expect((await posted(page)).filter((m) => m.type === 'ready')).toHaveLength(1);
    await expect(page.locator('vscode-tab-panel[data-view="response"] .empty').isVisible()).resolves.toBe(true);
    // Clicking a tab tells the host which view is showing.
    await page.locator('vscode-tab-header', { hasText: 'Log scan' }).click();
    const switches = await waitForPost(page, 'switchView');
    expect(switches.at(-1)).toEqual({ type: 'switchView', view: 'scan' });
  });
});

describe('views', () => {
  it('Response: badge, facts, next steps, claims challenge, snippet tabs and copy', async () => {
    const page = await openPanel();
    await send(page, RESPONSE);
    const view = page.locator('.response-view');
    await view.waitFor();
    const badge = view.locator('.view-header .badge[data-category]');
    await expect(badge.getAttribute('data-category')).resolves.toBe('claims_challenge');
    await expect(badge.textContent()).resolves.toBe('Claims challenge');
    const text = (await view.textContent()) ?? '';
    expect(text).toContain(CLASSIFICATION.summary);
    expect(text).toContain('the signed-in user');
    expect(text).toContain('Sign in again passing the claims challenge');
    // Grouped by who acts, without the per-library lines the snippet tabs show, at most six.
    const plan = planSteps(CLASSIFICATION.nextSteps, { hasSnippets: true });
    expect(await view.locator('.step-group h4').allTextContents()).toEqual(plan.groups.map((g) => g.label));
    expect(await view.locator('.steps li').allTextContents()).toEqual(plan.groups.flatMap((g) => g.steps));
    expect(await view.locator('.steps li').count()).toBeLessThanOrEqual(6);
    expect(CLASSIFICATION.nextSteps.length).toBeGreaterThan(1);
    expect(await view.locator('button.chip').textContent()).toBe('AADSTS50076');
    // The claims challenge is pretty-printed JSON, the same value.
    const challenge = await view.locator('.code-block pre').first().textContent();
    expect(JSON.parse(challenge ?? '')).toEqual(JSON.parse(CLAIMS_CHALLENGE));
    // Snippets: one tab per language, each with its own copy button.
    expect(await view.locator('vscode-tabs.snippets vscode-tab-header').allTextContents()).toEqual(SNIPPETS.map((s) => s.language));
    const net = SNIPPETS.findIndex((s) => s.language === 'MSAL.NET');
    expect(net).toBeGreaterThan(0);
    await view.locator('vscode-tabs.snippets vscode-tab-header', { hasText: 'MSAL.NET' }).click();
    const netPanel = view.locator('vscode-tabs.snippets vscode-tab-panel').nth(net);
    await expect(netPanel.isVisible()).resolves.toBe(true);
    await expect(view.locator('vscode-tabs.snippets vscode-tab-panel').first().isVisible()).resolves.toBe(false);
    await netPanel.locator('vscode-button.copy').click();
    const copies = await waitForPost(page, 'copy');
    expect(copies.at(-1)?.text).toBe(SNIPPETS[net]!.code);
    // The code chip asks the host to open the lookup view.
    await view.locator('button.chip').click();
    expect((await waitForPost(page, 'selectCode')).at(-1)).toEqual({ type: 'selectCode', vocabulary: 'aadsts', code: '50076' });
    await shot(page, 'response-light');
  });

  it('Error lookup: typing posts lookup, results list, detail, allowed link only', async () => {
    const page = await openPanel();
    await page.locator('vscode-tab-header', { hasText: 'Error lookup' }).click();
    await page.locator('#lookup-query').click();
    await page.keyboard.type(SEARCH_QUERY);
    const lookups = await waitForPost(page, 'lookup');
    expect(lookups.at(-1)).toEqual({ type: 'lookup', query: SEARCH_QUERY });
    await send(page, LOOKUP_RESULTS);
    const items = page.locator('.results li');
    await items.first().waitFor();
    expect(await items.count()).toBe(SEARCH_RESULTS.length);
    expect(SEARCH_RESULTS.length).toBeGreaterThan(1);
    // Keyboard: focus the second result and press Enter to open it.
    await items.nth(1).locator('button').focus();
    await page.keyboard.press('Enter');
    const second = SEARCH_RESULTS[1]!;
    await expect(page.locator('.detail h2').textContent()).resolves.toContain(entryLabel(second));
    // A selected entry from the host: summary, causes, fixes, category and actor.
    await send(page, LOOKUP);
    await page.locator('.detail h2', { hasText: 'AADSTS50076' }).waitFor();
    const detail = page.locator('.detail');
    expect(await detail.locator('.summary').textContent()).toBe(ENTRY.summary);
    expect(await detail.locator('section').first().locator('li').count()).toBe(ENTRY.causes.length);
    expect(await detail.locator('.badge[data-category]').getAttribute('data-category')).toBe(ENTRY.category);
    await detail.locator('button.link').click();
    expect((await waitForPost(page, 'openExternal')).at(-1)).toEqual({ type: 'openExternal', url: 'https://login.microsoftonline.com/error?code=50076' });
    // An entry whose URL is not on the allow-list is shown as text, never as something to click.
    await send(page, { ...LOOKUP, entries: undefined, selected: { ...ENTRY, code: '1', url: JS_URL } });
    await page.locator('.detail h2', { hasText: 'AADSTS1' }).waitFor();
    expect(await page.locator('.detail button.link').count()).toBe(0);
    expect(await page.locator('.detail .url').textContent()).toBe(JS_URL);
    await send(page, LOOKUP);
    await page.locator('.detail h2', { hasText: 'AADSTS50076' }).waitFor();
    await shot(page, 'lookup-light');
  });

  it('Retry timeline: notes about the run (TLS verification disabled) are shown above the data', async () => {
    const page = await openPanel('vscode-light');
    const message = timelineMessage(1);
    if (message.view !== 'timeline') throw new Error('timelineMessage gives a timeline');
    await send(page, { ...message, timeline: { ...message.timeline, notes: ['TLS verification is disabled by the environment.'] } });
    await page.locator('.timeline-view .warnings li').waitFor();
    expect(await page.locator('.timeline-view .warnings li').textContent()).toContain('TLS verification is disabled by the environment.');
  });

  for (const count of [1, 20]) {
    it(`Retry timeline: ${count} ${count === 1 ? 'attempt' : 'attempts'} as bars with non-overlapping labels, and a table`, async () => {
      for (const width of [1000, 520]) {
        const page = await openPanel('vscode-light', undefined, width);
        await send(page, timelineMessage(count, count === 20));
        await page.locator('.timeline-chart').waitFor();
        expect(await page.locator('.timeline-chart rect.bar').count()).toBe(count);
        expect(await page.locator('.timeline-table tbody tr').count()).toBe(count);
        const waits = timelineMessage(count).view === 'timeline' ? (timelineMessage(count) as { timeline: { attempts: { waitMs: number }[] } }).timeline.attempts.filter((a) => a.waitMs > 0).length : 0;
        expect(await page.locator('.timeline-chart rect.wait').count()).toBe(waits);
        // Every label (axis ticks, attempt number, status, wait label, decision) has its own space.
        const boxes = await page.evaluate(() =>
          [...document.querySelectorAll<SVGTextElement>('.timeline-chart text')].map((t) => {
            const b = t.getBBox();
            return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
          }),
        );
        expect(boxes.length).toBeGreaterThanOrEqual(count * 3);
        const svgWidth = await page.evaluate(() => document.querySelector('.timeline-chart')!.getBoundingClientRect().width);
        for (let i = 0; i < boxes.length; i++) {
          const a = boxes[i]!;
          expect(a.x, `${a.text} starts inside the chart`).toBeGreaterThanOrEqual(-0.5);
          expect(a.x + a.w, `${a.text} ends inside the chart`).toBeLessThanOrEqual(svgWidth + 0.5);
          for (let j = i + 1; j < boxes.length; j++) {
            const b = boxes[j]!;
            const overlap = a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
            expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
          }
        }
        const last = page.locator('.timeline-table tbody tr').last();
        expect(await last.locator('td').nth(7).textContent()).toBe('done');
        expect(await page.locator('.timeline-view .warnings').count()).toBe(0);
        if (width === 1000) await shot(page, `timeline-${count}-light`);
      }
    });
  }

  it('Claims: header and payload tables, ticking countdown, warnings, signature, redacted token only', async () => {
    const page = await openPanel();
    await send(page, CLAIMS);
    const view = page.locator('.claims-view');
    await view.waitFor();
    expect(await view.locator('.payload-claims tbody tr').count()).toBe(DECODED.claims.length);
    expect(await view.locator('.header-claims tbody tr').count()).toBe(DECODED.headerClaims.length);
    expect(await view.locator('.unknown-claim').count()).toBe(DECODED.claims.filter((c) => c.unknown).length + DECODED.headerClaims.filter((c) => c.unknown).length);
    expect(await view.locator('.warnings li').count()).toBe(DECODED.warnings.length);
    expect(await view.locator('.view-header').textContent()).toContain(`signature: ${DECODED.signature.status}`);
    expect(await view.textContent()).toContain(DECODED.signature.note);
    const countdown = view.locator('.countdown-text');
    const first = await countdown.textContent();
    expect(first).toMatch(/^Expires in \d\d:\d\d$/);
    await page.waitForFunction((before) => document.querySelector('.countdown-text')?.textContent !== before, first);
    expect(await countdown.textContent()).toMatch(/^Expires in \d\d:\d\d$/);
    // Only the redacted form is on the page; the signature never is.
    expect(await view.locator('pre.redacted').textContent()).toBe(DECODED.redacted);
    const html = await page.content();
    expect(html).not.toContain(SIGNATURE);
    expect(html).not.toContain(RAW_TOKEN);
    await shot(page, 'claims-light');
  });

  it('Log scan: counts, names, categories, groups, bursts, tokens; rows reveal their line by click, Enter and Space', async () => {
    const page = await openPanel();
    const message = scanMessage();
    if (message.view !== 'scan') throw new Error('fixture');
    const s = message.summary;
    await send(page, message);
    const view = page.locator('.scan-view');
    await view.waitFor();
    const codeRows = view.locator('.codes-table tbody tr');
    expect(await codeRows.count()).toBe(s.codes.length);
    for (const [i, c] of s.codes.entries()) {
      const row = codeRows.nth(i);
      expect(await row.locator('td').nth(0).textContent()).toBe(`AADSTS${c.code}`);
      expect(await row.locator('td').nth(1).textContent()).toBe(c.name ?? '—');
      expect(await row.locator('.badge').getAttribute('data-category')).toBe(c.category);
      expect(await row.locator('td').nth(3).textContent()).toBe(String(c.count));
    }
    expect(await view.locator('.errors-table tbody tr').count()).toBe(s.errors.length);
    expect(await view.locator('.correlations-table tbody tr').count()).toBe(s.correlations.length);
    expect(await view.locator('.bursts-table tbody tr').count()).toBe(s.bursts.length);
    expect(await view.locator('.tokens-table tbody tr').count()).toBe(s.tokens.length);
    expect(s.tokens.length).toBe(1);
    expect(await view.locator('.tokens-table code').textContent()).toBe(s.tokens[0]!.redacted);

    const uri = 'file:///work/logs/app.log';
    await codeRows.nth(1).click();
    expect((await waitForPost(page, 'revealLine', 1)).at(-1)).toEqual({ type: 'revealLine', documentUri: uri, line: s.codes[1]!.firstLine });
    await view.locator('.correlations-table tbody tr').nth(2).focus();
    // Focus is visible on rows.
    expect(await view.locator('.correlations-table tbody tr').nth(2).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect((await waitForPost(page, 'revealLine', 2)).at(-1)).toEqual({ type: 'revealLine', documentUri: uri, line: s.correlations[2]!.lines[0] });
    await view.locator('.tokens-table tbody tr').first().focus();
    await page.keyboard.press(' ');
    expect((await waitForPost(page, 'revealLine', 3)).at(-1)).toEqual({ type: 'revealLine', documentUri: uri, line: s.tokens[0]!.line });
    // The look-up chip in a row looks the code up without also jumping to the line.
    await codeRows.first().locator('button.chip').click();
    expect((await waitForPost(page, 'selectCode')).at(-1)).toEqual({ type: 'selectCode', vocabulary: 'aadsts', code: String(s.codes[0]!.code) });
    expect((await posted(page)).filter((m) => m.type === 'revealLine')).toHaveLength(3);
    // Tab order follows the page: a row, the look-up button inside it, then the next row.
    await codeRows.first().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`AADSTS${s.codes[0]!.code}`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.line)).toBe(String(s.codes[1]!.firstLine));
    // Rows are reachable with Tab.
    expect(await view.locator('tr.reveal-row[tabindex="0"]').count()).toBe(s.codes.length + s.errors.length + s.correlations.length + s.bursts.length + s.tokens.length + (s.requests?.length ?? 0));
    await shot(page, 'scan-light');
  });
});

describe('protocol and safety', () => {
  it('drops malformed, unknown, oversized and non-object messages and logs each one', async () => {
    const page = await openPanel();
    await send(page, RESPONSE);
    await page.locator('.response-view').waitFor();
    const before = await page.locator('#app').innerHTML();
    const bad: unknown[] = [
      { type: 'deleteEverything' },
      { type: 'show', view: 'nope' },
      { type: 'show', view: 'claims', token: { kind: 'jwt' } },
      { type: 'error' },
      'just a string',
      null,
      42,
    ];
    for (const message of bad) await send(page, message);
    // Oversized: well-formed, but larger than the protocol allows. Built in the page to keep the test quick.
    await page.evaluate((limit) => {
      const tokens = Array.from({ length: Math.ceil(limit / 40) + 10 }, (_, i) => ({ line: i + 1, redacted: 'eyJhbGciOiJSUzI1NiJ9…[redacted token]' }));
      const summary = { bytes: 1, lines: tokens.length, codes: [], errors: [], correlations: [], tokens, bursts: [], warnings: [] };
      window.postMessage({ type: 'show', view: 'scan', summary, documentUri: 'file:///big.log', fileName: 'big.log' }, '*');
    }, MAX_HOST_MESSAGE_CHARS);
    const logs = await waitForPost(page, 'log', bad.length + 1);
    expect(logs).toHaveLength(bad.length + 1);
    for (const log of logs) expect(log.level).toBe('warn');
    const messages = logs.map((l) => String(l.message));
    expect(messages[0]).toContain('"deleteEverything" does not match the protocol');
    expect(messages[4]).toContain('not an object (string)');
    expect(messages[5]).toContain('not an object (null)');
    expect(messages.at(-1)).toMatch(/too large \(\d+ characters, limit 4194304\)/);
    // Nothing changed on screen, and the big scan was not rendered.
    expect(await page.locator('#app').innerHTML()).toBe(before);
    expect(await page.locator('.scan-view').count()).toBe(0);
    // A valid error message still gets through, as a banner.
    await send(page, { type: 'error', message: 'The token endpoint could not be reached.' } satisfies HostMessage);
    await expect(page.locator('.banner').textContent()).resolves.toContain('The token endpoint could not be reached.');
  });

  it('renders <script>, onerror markup and javascript: URLs in log lines and claims as text; nothing runs', async () => {
    const page = await openPanel();
    await send(page, RESPONSE);
    await page.locator('.response-view').waitFor();
    await send(page, CLAIMS);
    await page.locator('.claims-view').waitFor();
    await send(page, scanMessage());
    await page.locator('.scan-view').waitFor();
    // Give any injected element a chance to load or run.
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 200)));
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await page.locator('#app script, #app img, #app iframe, #app a[href], #app [onerror], #app [onclick]').count()).toBe(0);
    // The hostile strings are on screen, literally.
    const inputText = await page.locator('.response-view section[aria-labelledby="response-input-heading"] pre').textContent();
    expect(inputText).toContain(SCRIPT_TEXT);
    expect(inputText).toContain(JS_URL);
    const nameRow = page.locator('.payload-claims tbody tr', { has: page.locator('th code', { hasText: /^name$/ }) });
    expect(await nameRow.locator('.claim-value').textContent()).toContain(SCRIPT_TEXT);
    const userRow = page.locator('.payload-claims tbody tr', { has: page.locator('th code', { hasText: /^preferred_username$/ }) });
    expect(await userRow.locator('.claim-value').textContent()).toContain(JS_URL);
    expect(await page.locator('.scan-view h2').textContent()).toBe(`app.log ${SCRIPT_TEXT}`);
  });

  it('keeps only token-free state and restores the last view after a reload', async () => {
    const page = await openPanel();
    await send(page, RESPONSE);
    await send(page, timelineMessage(3, true));
    await send(page, scanMessage());
    await send(page, CLAIMS);
    await page.locator('.claims-view').waitFor();
    const state = await page.evaluate(() => (window as any).__state);
    const json = JSON.stringify(state);
    expect(state.view).toBe('claims');
    expect(Object.keys(state.shown).sort()).toEqual(['claims', 'response', 'scan', 'timeline']);
    expect(json).not.toContain(RAW_TOKEN);
    expect(json).not.toContain(SIGNATURE);
    expect(json).not.toContain(DECODED.redacted);
    expect(json).not.toContain(RAW_TOKEN.split('.')[1]!);
    expect(json).not.toContain('[redacted token]');
    // Nothing the panel posted carried the token either.
    expect(JSON.stringify(await posted(page))).not.toContain(RAW_TOKEN.split('.')[1]!);

    const restored = await openPanel('vscode-light', state);
    await restored.locator('.claims-view').waitFor();
    expect(await restored.locator('vscode-tabs').first().getAttribute('selected-index')).toBe('3');
    expect(await restored.locator('.payload-claims tbody tr').count()).toBe(DECODED.claims.length);
    expect(await restored.locator('.claims-view').textContent()).toContain('not kept when the panel is reloaded');
    expect(await restored.locator('.response-view .badge[data-category]').getAttribute('data-category')).toBe('claims_challenge');
    expect(await restored.locator('.timeline-chart rect.bar').count()).toBe(3);
    // Tampered state is ignored, not rendered.
    const tampered = await openPanel('vscode-light', { version: 1, view: 'scan', shown: { scan: { type: 'show', view: 'scan', summary: 'x' }, claims: CLAIMS } });
    expect(await tampered.locator('.scan-view').count()).toBe(0);
    expect(await tampered.locator('vscode-tab-panel[data-view="scan"] .empty').count()).toBe(1);
  });
});

describe('themes', () => {
  it('renders every view in dark and high contrast with theme colours', async () => {
    const light = await openPanel('vscode-light');
    const lightBg = await light.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const views: [string, HostMessage][] = [
      ['response', RESPONSE],
      ['lookup', LOOKUP],
      ['timeline-20', timelineMessage(20, true)],
      ['claims', CLAIMS],
      ['scan', scanMessage()],
    ];
    const dark = await openPanel('vscode-dark');
    await send(dark, LOOKUP_RESULTS);
    for (const [name, message] of views) {
      await send(dark, message);
      await dark.locator(`vscode-tab-panel[data-view="${name.replace('-20', '')}"]:not([hidden]) .view`).first().waitFor();
      await shot(dark, `${name}-dark`);
    }
    const darkBg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // Derived colours follow the theme too (descriptionForeground #9d9d9d in Dark Modern).
    expect(await dark.locator('.scan-view .hint').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(157, 157, 157)');
    expect(lightBg).toBe('rgb(255, 255, 255)');
    expect(darkBg).toBe('rgb(31, 31, 31)');

    const hc = await openPanel('vscode-high-contrast');
    for (const [name, message] of [views[0]!, views[2]!, views[4]!]) {
      await send(hc, message);
      await hc.locator(`vscode-tab-panel[data-view="${name.replace('-20', '')}"]:not([hidden]) .view`).first().waitFor();
      await shot(hc, `${name}-high-contrast`);
    }
    expect(await hc.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    // High contrast: badges lose their tint and use the contrast border.
    const badge = hc.locator('.scan-view .badge').first();
    expect(await badge.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(111, 195, 223)');
  });
});
