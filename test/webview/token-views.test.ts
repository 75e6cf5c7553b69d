// The inspection panel's token views (Compare tokens, Token vs API, signature checks) and the
// Retry timeline drawn from a scanned log, in real Chromium; same harness as panel.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { scanText } from '../../src/core/scan/index';
import { logTimeline } from '../../src/core/scan/log-timeline';
import { openPanel, posted, ROOT, send, shot, waitForPost } from './harness';
import { HOSTILE_NAME, tokenViewMessages, type TokenViewMessages } from './token-fixtures';

describe('token views: Compare tokens, Token vs API, signature checks', () => {
  let m: TokenViewMessages;
  beforeAll(async () => {
    m = await tokenViewMessages();
  });

  /** No token may reach the page, its saved state or anything it posts back (except the form's own send). */
  async function expectNoToken(page: Page): Promise<void> {
    const html = await page.locator('#app').innerHTML();
    const state = JSON.stringify(await page.evaluate(() => (window as any).__state));
    for (const token of m.tokens) {
      for (const part of token.split('.')) {
        expect(html).not.toContain(part.slice(0, 40));
        expect(state).not.toContain(part.slice(0, 40));
      }
    }
  }

  it('Compare tokens: the form posts both tokens and clears them; the result puts A and B side by side, what matters first', async () => {
    const page = await openPanel();
    await page.locator('vscode-tab-header', { hasText: 'Compare tokens' }).click();
    await page.locator('#compare-a').fill(`Bearer ${m.tokens[0]}`);
    await page.locator('#compare-b').fill(m.tokens[1]!);
    await page.locator('.compare-host button.primary').click();
    const [sent] = await waitForPost(page, 'compareTokens');
    expect(sent).toEqual({ type: 'compareTokens', a: `Bearer ${m.tokens[0]}`, b: m.tokens[1] });
    expect(await page.locator('#compare-a').inputValue()).toBe('');
    expect(await page.locator('#compare-b').inputValue()).toBe('');
    // An empty field sends nothing.
    await page.locator('#compare-a').fill('x');
    await page.locator('.compare-host button.primary').click();
    expect((await posted(page)).filter((p) => p.type === 'compareTokens')).toHaveLength(1);

    await send(page, m.compare);
    const view = page.locator('.compare-view');
    await view.waitFor();
    const { differences, a, b } = m.compare.comparison;
    const matters = differences.filter((d) => d.matters);
    expect(matters.length).toBeGreaterThan(4);
    expect(await view.locator('.diff.matters').count()).toBe(matters.length);
    expect(await view.locator('.diff:not(.matters)').count()).toBe(differences.length - matters.length);
    expect(await view.locator('.diff').first().getAttribute('data-claim')).toBe(matters[0]!.claim);
    expect(await view.locator('.token-card').allTextContents()).toEqual([`A${a.description}`, `B${b.description}`]);
    const aud = view.locator('.diff[data-claim="aud"]');
    expect(await aud.locator('.side-a code').textContent()).toBe(matters.find((d) => d.claim === 'aud')!.a);
    expect(await aud.locator('.side-b code').textContent()).toBe('https://graph.microsoft.com');
    expect(await aud.locator('.diff-why').textContent()).toBe(matters.find((d) => d.claim === 'aud')!.why);
    // A claim only one token has says so.
    const roles = view.locator('.diff[data-claim="roles"]');
    expect(await roles.locator('.side-a code').textContent()).toBe('(absent)');
    expect(await page.locator('vscode-tabs').first().getAttribute('selected-index')).toBe('5');
    // A claim holding markup is shown as text; nothing in it runs.
    expect(await view.locator('.diff[data-claim="name"] .side-b code').textContent()).toBe(HOSTILE_NAME);
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 200)));
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await page.locator('#app script, #app img, #app [onerror]').count()).toBe(0);
    await expectNoToken(page);
  });

  it('Token vs API: the form posts the answer and the token; the result names the problem, the steps with who acts, the token checks', async () => {
    const page = await openPanel();
    await page.locator('vscode-tab-header', { hasText: 'Token vs API' }).click();
    await page.locator('#tokenapi-answer').fill('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n');
    await page.locator('#tokenapi-token').fill(m.tokens[2]!);
    expect(await page.locator('#tokenapi-token').getAttribute('type')).toBe('password');
    await page.locator('.tokenapi-host button.primary').click();
    const [sent] = await waitForPost(page, 'diagnoseApi');
    expect(sent).toEqual({ type: 'diagnoseApi', text: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n', token: m.tokens[2] });
    expect(await page.locator('#tokenapi-token').inputValue()).toBe('');

    await send(page, m.tokenApi);
    const view = page.locator('.tokenapi-view');
    await view.waitFor();
    const d = m.tokenApi.diagnosis;
    expect(d.problem).toBe('rbac_role_missing');
    expect(await view.locator('h2').textContent()).toBe(d.title);
    expect(await view.locator('.summary').textContent()).toBe(d.summary);
    const steps = view.locator('.who-steps li');
    expect(await steps.count()).toBe(d.steps.length);
    expect(await steps.locator('.who').allTextContents()).toEqual(d.steps.map((s) => s.who.charAt(0).toUpperCase() + s.who.slice(1)));
    expect(await view.textContent()).toContain('Key Vault Secrets User');
    expect(await view.locator('.scope-line code').textContent()).toBe('https://vault.azure.net/.default');
    const findings = view.locator('.findings .finding');
    expect(await findings.count()).toBe(d.tokenFindings.length);
    expect(await view.locator('.finding[data-check="aud"] .finding-mark').getAttribute('aria-label')).toBe('passes');
    expect(await view.locator('.finding[data-check="permissions"] .finding-mark').getAttribute('aria-label')).toBe('note');
    // The pasted answer is there, folded, with the token already replaced by the host.
    await view.locator('details.answer summary').click();
    expect(await view.locator('details.answer pre').textContent()).toContain('ForbiddenByRbac');
    await expectNoToken(page);
  });

  it('Claims: a verified token shows its signature status and every check an API makes', async () => {
    const page = await openPanel();
    await send(page, m.claims);
    const view = page.locator('.claims-view');
    await view.waitFor();
    const v = m.claims.verification!;
    expect(v.signature.status).toBe('valid');
    expect(await view.locator('.signature-status .badge').textContent()).toBe('Signature valid');
    expect(await view.locator('.signature-reason').textContent()).toBe(v.signature.reason);
    expect(await view.locator('.view-header .badge', { hasText: 'signature:' }).textContent()).toBe('signature: valid');
    expect(await view.locator('.hint', { hasText: 'authLens.lookup.online' }).count()).toBe(0);
    expect(await view.locator('.findings .finding').count()).toBe(v.validation.length);
    for (const c of v.validation) {
      expect(await view.locator(`.finding[data-check="${c.check}"] .finding-mark`).getAttribute('aria-label')).toBe(c.ok === true ? 'passes' : c.ok === false ? 'fails' : 'not checked');
    }
    // Offline without keys: not verified, and the view says how to allow fetching them.
    await send(page, m.claimsOffline);
    await page.locator('.signature-status .badge', { hasText: 'Signature not verified' }).waitFor();
    expect(await view.locator('.view-header .badge', { hasText: 'signature:' }).textContent()).toBe('signature: not verified');
    expect(await view.locator('.hint', { hasText: 'authLens.lookup.online' }).count()).toBe(1);
  });

  for (const theme of ['vscode-light', 'vscode-dark'] as const) {
    for (const width of [400, 1000]) {
      it(`${theme.slice(7)} at ${width} px: the token views fit the width (screenshots)`, async () => {
        const page = await openPanel(theme, undefined, width);
        const label = `${theme.slice(7)}-${width === 400 ? 'narrow' : 'wide'}`;
        for (const [view, message] of [['compare', m.compare], ['tokenApi', m.tokenApi], ['claims', m.claims]] as const) {
          await send(page, message);
          await page.locator(`vscode-tab-panel[data-view="${view}"]:not([hidden]) .view`).waitFor();
          // Nothing in the view is wider than the panel: long audiences, scopes and ids wrap.
          const widest = await page.evaluate((v) => {
            const root = document.querySelector(`vscode-tab-panel[data-view="${v}"]`)!;
            return Math.max(...Array.from(root.querySelectorAll('*'), (el) => el.getBoundingClientRect().right));
          }, view);
          expect(widest, `${view} ${label}`).toBeLessThanOrEqual(width);
          await shot(page, `${{ compare: 'compare', tokenApi: 'token-vs-api', claims: 'claims-verified' }[view]}-${label}`);
        }
      });
    }
  }
});

describe('log-derived Retry timeline', () => {
  it('the scan lists the requests a real library logged; the chosen ones are drawn on the Retry timeline with click-to-line, light and dark', async () => {
    // Logged by Azure Identity for Python (azure-core HTTP logging) against the sandbox: the OpenID
    // discovery, then four 429s with Retry-After.
    const summary = scanText(readFileSync(join(ROOT, 'test/fixtures/logs/azure-identity-python/throttle.log'), 'utf8'));
    const requests = summary.requests ?? [];
    expect(requests.map((r) => r.endpoint)).toEqual(['discovery', 'token', 'token', 'token', 'token']);
    const documentUri = 'file:///work/logs/identity.log';
    for (const theme of ['vscode-light', 'vscode-dark'] as const) {
      const page = await openPanel(theme);
      await send(page, { type: 'show', view: 'scan', summary, documentUri, fileName: 'identity.log' });
      const view = page.locator('.scan-view');
      await view.locator('.requests-table').waitFor();
      expect(await view.locator('.requests-table tbody tr').count()).toBe(requests.length);
      expect(await view.locator('.requests-table tbody tr').nth(1).locator('td').nth(4).textContent()).toBe('429');
      await view.locator('.requests-table tbody tr').nth(2).click();
      expect((await waitForPost(page, 'revealLine')).at(-1)).toEqual({ type: 'revealLine', documentUri, line: requests[2]!.line });
      if (theme === 'vscode-light') await shot(page, 'scan-requests-light');

      // The chooser asks the host for a timeline; the host answers with the core's logTimeline.
      await view.locator('.log-timeline-toolbar button.action').click();
      const [ask] = await waitForPost(page, 'showLogTimeline');
      expect(ask).toEqual({ type: 'showLogTimeline', documentUri, correlationId: null, fromLine: requests[0]!.line, toLine: requests[4]!.line });
      const drawn = logTimeline(requests, ask as unknown as { correlationId: null; fromLine: number; toLine: number }, 'identity.log', summary.requestFlags);
      expect(drawn).not.toBeNull();
      await send(page, { type: 'show', view: 'timeline', timeline: drawn!.timeline, log: { documentUri, fileName: 'identity.log', lines: drawn!.lines } });
      const timeline = page.locator('.timeline-view');
      await timeline.waitFor();
      expect(await timeline.locator('g.attempt').count()).toBe(5);
      expect(await timeline.locator('.timeline-table tbody tr.reveal-row').count()).toBe(5);
      // The waits between the logged requests are the app's (about 2 s between the 429s, Retry-After 2).
      const waits = await timeline.locator('.timeline-table tbody tr td:nth-child(7)').allTextContents();
      expect(waits.slice(1, 4).every((w) => /^2(\.0)? s$/.test(w))).toBe(true);
      await timeline.locator('.timeline-table tbody tr').nth(1).click();
      expect((await waitForPost(page, 'revealLine', 2)).at(-1)).toEqual({ type: 'revealLine', documentUri, line: requests[1]!.line });
      await timeline.locator('g.attempt').nth(3).focus();
      await page.keyboard.press('Enter');
      expect((await waitForPost(page, 'revealLine', 3)).at(-1)).toEqual({ type: 'revealLine', documentUri, line: requests[3]!.line });
      await shot(page, `timeline-log-${theme === 'vscode-light' ? 'light' : 'dark'}`);
    }
  });
});
