// The panel's host side as a trust boundary: the page it renders (CSP, nonce), the webview options,
// and what it does with whatever the page sends. The page is treated as hostile here: malformed,
// oversized and unknown messages, and well-formed ones asking for links, files and the clipboard.
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { InspectionPanel } from '../../src/extension/panel';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';
import { FailureLog, TokenLog } from '../../src/extension/recent';
import { isAllowedExternalUrl, MAX_WEBVIEW_MESSAGE_CHARS, parseWebviewMessage } from '../../src/protocol';
import { anyValue, hostileText } from '../fuzz/arbitraries';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../../src/core/scan/index';

const SECRET = 'Panel~Host.Secret_value+0123/4567=';

async function services(): Promise<Services> {
  const context = fake.fakeContext(process.cwd());
  const secrets = new SecretStore(context.secrets as never);
  await secrets.store('secret', 'app', SECRET);
  const log = new Logger(() => secrets.knownSecrets());
  return { context: context as never, log, secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy: () => ({}) as never } as Services;
}

function resetCaptured(): void {
  fake.resetFake();
  for (const list of [fake.captured.webviews, fake.captured.panelOptions, fake.captured.opened, fake.captured.openedExternal, fake.captured.clipboard, fake.captured.boxes] as unknown[][]) list.length = 0;
  InspectionPanel.disposeCurrent();
}

function csp(html: string): { policy: string; nonce: string; scriptNonces: string[] } {
  const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
  const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
  const scriptNonces = [...html.matchAll(/<script\b[^>]*\bnonce="([^"]*)"/g)].map((m) => m[1]!);
  return { policy, nonce, scriptNonces };
}

describe('panel page and options', () => {
  beforeEach(resetCaptured);

  it('each render carries a fresh random nonce (≥ 128 bits) used by its one script; the policy allows nothing else', async () => {
    const s = await services();
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      InspectionPanel.show(s);
      const { policy, nonce, scriptNonces } = csp(fake.captured.webviews.at(-1)!.html);
      expect(policy.split('; ')[0]).toBe("default-src 'none'");
      const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));
      // Scripts: the nonce and nothing else (no host, scheme, hash, 'self' or 'strict-dynamic').
      expect(directives.get('script-src')).toEqual([`'nonce-${nonce}'`]);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|wasm-unsafe-eval/);
      // No directive may open everything or a whole scheme, except images from data: URIs (icons).
      for (const [name, sources] of directives) {
        for (const source of sources) {
          expect(source, name).not.toMatch(/^(\*|https?:|blob:|filesystem:|ws:|wss:)$/);
          if (source === 'data:') expect(name).toBe('img-src');
        }
      }
      for (const absent of ['connect-src', 'frame-src', 'worker-src', 'object-src', 'child-src']) expect(directives.has(absent), absent).toBe(false);
      expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16);
      expect(scriptNonces).toEqual([nonce]);
      nonces.add(nonce);
      InspectionPanel.disposeCurrent();
    }
    expect(nonces.size).toBe(5);
  });

  it('scripts on, command links off, resources only from the built webview and media', async () => {
    InspectionPanel.show(await services());
    const options = fake.captured.panelOptions.at(-1) as { enableScripts: boolean; enableCommandUris: boolean; localResourceRoots: { path: string }[] };
    expect(options.enableScripts).toBe(true);
    expect(options.enableCommandUris).toBe(false);
    expect(options.localResourceRoots.map((r) => r.path.replace(process.cwd(), '')).sort()).toEqual(['/dist/webview', '/media']);
  });
});

describe('messages from the page', () => {
  beforeEach(resetCaptured);

  it('malformed, oversized and unknown messages are dropped and logged; none has any effect', async () => {
    const s = await services();
    InspectionPanel.show(s);
    const page = fake.captured.webviews.at(-1)!;
    const bad: unknown[] = [
      null,
      'ready',
      42,
      [],
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openExternal', url: 'javascript:alert(1)' },
      { type: 'openExternal', url: 'https://evil.example/' },
      { type: 'openExternal', url: 'https://login.microsoftonline.com@evil.example/' },
      { type: 'copy', text: 'x'.repeat(MAX_WEBVIEW_MESSAGE_CHARS) },
      { type: 'revealLine', documentUri: 'file:///etc/passwd', line: 0 },
      { type: 'log', level: 'fatal', message: 'x' },
      { type: 'selectCode', code: -1 },
      { type: '__proto__' },
      Object.create(null),
    ];
    for (const m of bad) await page.receive(m);
    const dropped = fake.recorded.logLines.filter((l) => l.message.includes('Dropped a panel message'));
    expect(dropped).toHaveLength(bad.length);
    expect(fake.captured.openedExternal).toEqual([]);
    expect(fake.captured.opened).toEqual([]);
    expect(fake.captured.clipboard).toEqual([]);
    expect(page.posted).toEqual([]);
  });

  it('fuzzed messages: nothing throws, every rejection is logged, links and clipboard stay safe', async () => {
    const s = await services();
    InspectionPanel.show(s);
    const page = fake.captured.webviews.at(-1)!;
    let sent = 0;
    const message = fc.oneof(
      anyValue(),
      fc.record(
        {
          type: fc.constantFrom('ready', 'lookup', 'selectCode', 'copy', 'openExternal', 'switchView', 'log', 'revealLine', 'show', 'nope'),
          query: hostileText(),
          code: fc.oneof(fc.integer(), fc.double()),
          text: fc.oneof(hostileText(), fc.constant(`copied ${SECRET} and ${encodeURIComponent(SECRET)}`)),
          url: fc.oneof(fc.webUrl(), fc.constantFrom('https://login.microsoftonline.com/error?code=50076', 'https://learn.microsoft.com/x', 'javascript:x', 'file:///etc/passwd')),
          view: fc.constantFrom('response', 'lookup', 'timeline', 'claims', 'scan', 'x'),
          level: fc.constantFrom('debug', 'info', 'warn', 'error', 'x'),
          message: fc.oneof(hostileText(), fc.constant(`log ${SECRET}`)),
        },
        { requiredKeys: ['type'] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const before = fake.recorded.logLines.length;
        sent++;
        await page.receive(m);
        if (parseWebviewMessage(m) === undefined) {
          expect(fake.recorded.logLines.slice(before).some((l) => l.message.includes('Dropped a panel message'))).toBe(true);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    for (const url of fake.captured.openedExternal) expect(isAllowedExternalUrl(url)).toBe(true);
    const everything = JSON.stringify([fake.captured.clipboard, fake.recorded.logLines, page.posted]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(encodeURIComponent(SECRET));
    expect(sent).toBe(300);
  });

  it('a link to an allowed host opens only after the user agrees (online lookup off)', async () => {
    InspectionPanel.show(await services());
    await fake.captured.webviews.at(-1)!.receive({ type: 'openExternal', url: 'https://login.microsoftonline.com/error?code=50076' });
    expect(fake.captured.boxes.at(-1)).toMatch(/^Open https:\/\/login\.microsoftonline\.com\/error\?code=50076 in your browser\?/);
    expect(fake.captured.openedExternal).toEqual([]);
  });

  // The page names the document to open; the host should open only the log it scanned, not any
  // file a compromised page asks for.
  it('revealLine opens only the document the panel was given, not any file the page names', async () => {
    const s = await services();
    InspectionPanel.show(s, {
      type: 'show',
      view: 'scan',
      summary: { bytes: 1, lines: 1, codes: [], errors: [], correlations: [], tokens: [], bursts: [], warnings: [] },
      documentUri: 'file:///work/logs/app.log',
      fileName: 'app.log',
    });
    const page = fake.captured.webviews.at(-1)!;
    await page.receive({ type: 'ready' });
    await page.receive({ type: 'revealLine', documentUri: 'file:///work/logs/app.log', line: 1 });
    await page.receive({ type: 'revealLine', documentUri: 'file:///home/user/.ssh/id_rsa', line: 1 });
    await page.receive({ type: 'revealLine', documentUri: 'vscode-userdata:/User/settings.json', line: 1 });
    expect(fake.captured.opened).toEqual(['file:///work/logs/app.log']);
  });

  it('showLogTimeline draws the requests of a scan this panel was given, and nothing for any other document', async () => {
    const s = await services();
    const summary = scanText(readFileSync(join(process.cwd(), 'test/fixtures/logs/msal-python/throttle.log'), 'utf8'));
    InspectionPanel.show(s, { type: 'show', view: 'scan', summary, documentUri: 'file:///work/logs/app.log', fileName: 'app.log' });
    const page = fake.captured.webviews.at(-1)!;
    await page.receive({ type: 'ready' });
    const before = page.posted.length;
    await page.receive({ type: 'showLogTimeline', documentUri: 'file:///home/user/other.log', correlationId: null });
    await page.receive({ type: 'showLogTimeline', documentUri: 'file:///work/logs/app.log', correlationId: null });
    const sent = page.posted.slice(before) as { type: string; view?: string; log?: { lines: number[] }; timeline?: { attempts: unknown[] } }[];
    expect(sent.map((m) => m.view ?? m.type)).toEqual(['error', 'timeline']);
    expect(sent[1]!.log!.lines).toEqual(summary.requests!.map((r) => r.line));
    expect(sent[1]!.timeline!.attempts).toHaveLength(summary.requests!.length);
  });
});
