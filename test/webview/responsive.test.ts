// Every view from a 360 px side column to a 1000 px editor, in light, dark and high contrast: nothing
// scrolls sideways, tables turn into cards when narrow, codes and ids stay whole, the retry timeline's
// "Why" stays readable, and next steps are grouped and few. Screenshots go to test-output/webview/fit-*.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HostMessage } from '../../src/protocol';
import { CLAIMS, LOOKUP, LOOKUP_RESULTS, RESPONSE, scanMessage, timelineMessage } from './fixtures';
import { openPanel, send, shot } from './harness';
import { tokenViewMessages } from './token-fixtures';

const THEMES = ['vscode-light', 'vscode-dark', 'vscode-high-contrast'] as const;
const WIDTHS = [360, 400, 1000] as const;
const VIEWS: [string, HostMessage][] = [
  ['response', RESPONSE],
  ['lookup', LOOKUP],
  ['timeline', timelineMessage(4, true)],
  ['claims', CLAIMS],
  ['scan', scanMessage()],
];

// The token views' fixtures are signed with a fresh key, so they are built before the tests run.
beforeAll(async () => {
  const tokens = await tokenViewMessages();
  VIEWS.push(['compare', tokens.compare], ['tokenApi', tokens.tokenApi]);
});

interface Fit {
  overflow: number;
  tables: { className: string; display: string }[];
  brokenCodes: string[];
  clippedCodes: string[];
  whyWidths: number[];
  steps: number;
  stepGroups: string[];
}

/** Measures the visible view: sideways overflow, table layout, codes split over lines, Why column width. */
async function measure(page: Page, view: string): Promise<Fit> {
  return page.evaluate((v) => {
    const panel = document.querySelector(`vscode-tab-panel[data-view="${v}"]`)!;
    const root = document.documentElement;
    const codes = [...panel.querySelectorAll('code')].filter((c) => {
      const text = c.textContent ?? '';
      // Short unbroken values (codes, GUIDs, claim names) must sit on one line.
      return text.length > 0 && text.length <= 40 && !/\s/.test(text);
    });
    return {
      overflow: root.scrollWidth - root.clientWidth,
      tables: [...panel.querySelectorAll('table.data')].map((t) => ({ className: t.className, display: getComputedStyle(t).display })),
      // Line boxes of the text itself: a code that is a grid item is one block box however it wraps.
      brokenCodes: codes
        .filter((c) => {
          const range = document.createRange();
          range.selectNodeContents(c);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        })
        .map((c) => c.textContent ?? ''),
      // A value cut off by the panel's edge (no scrollbar shows it, so overflow alone would not tell).
      clippedCodes: [...panel.querySelectorAll('code')]
        .filter((c) => c.getBoundingClientRect().right > panel.getBoundingClientRect().right + 1)
        .map((c) => c.textContent ?? ''),
      whyWidths: [...panel.querySelectorAll('td[data-label="Why"]')].map((td) => td.getBoundingClientRect().width),
      steps: panel.querySelectorAll('.step-group li').length,
      stepGroups: [...panel.querySelectorAll('.step-group h4')].map((h) => h.textContent ?? ''),
    };
  }, view);
}

describe('panel fits 360 px to 1000 px in every theme', () => {
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      it(`${theme} at ${width} px`, async () => {
        const page = await openPanel(theme, undefined, width);
        await send(page, LOOKUP_RESULTS);
        for (const [view, message] of VIEWS) {
          await send(page, message);
          await page.locator(`vscode-tab-panel[data-view="${view}"] .view`).first().waitFor();
          const fit = await measure(page, view);
          expect(fit.overflow, `${view}: no sideways scrolling`).toBeLessThanOrEqual(1);
          expect(fit.brokenCodes.join(" | "), `${view}: codes and ids on one line`).toBe("");
          expect(fit.clippedCodes.join(" | "), `${view}: no code or id cut off at the panel's edge`).toBe("");
          for (const t of fit.tables) {
            // Cards when narrow; wide tables (six columns or more) already below 900 px.
            const cards = width < 600 || t.className.includes('many-columns');
            if (width < 900 || !t.className.includes('many-columns')) expect(t.display, `${view} ${t.className}`).toBe(cards && width < 900 ? 'block' : 'table');
          }
          for (const w of fit.whyWidths) expect(w, 'the timeline Why column is readable').toBeGreaterThanOrEqual(150);
          if (view === 'response') {
            expect(fit.steps).toBeGreaterThan(0);
            expect(fit.steps).toBeLessThanOrEqual(6);
            expect(fit.stepGroups).toEqual(expect.arrayContaining(['Developer']));
          }
          await shot(page, `fit-${view}-${width}-${theme.replace('vscode-', '')}`);
        }
        await page.close();
      }, 120_000);
    }
  }
});
