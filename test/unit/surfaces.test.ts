// Terminal links and the debug-console watch, run against the fake `vscode` module with the real
// detection module: what a line offers, what a click runs, and one notification per distinct failure.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import * as detect from '../../src/extension/lazy/detect';
import { FailureLog, TokenLog } from '../../src/extension/recent';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';
import { registerTerminalLinks, watchDebugConsole } from '../../src/extension/surfaces';

function makeServices(): Services {
  const context = fake.fakeContext(process.cwd());
  const secrets = new SecretStore(context.secrets as never);
  const log = new Logger(() => secrets.knownSecrets());
  return { context: context as never, log, secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy: <T,>() => detect as T };
}

const cancel = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const MSAL_NODE_LINE = 'ServerError: invalid_grant: AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication. Correlation ID: 11111111-2222-3333-4444-555555555555';
const JWT = `eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.${Buffer.from(JSON.stringify({ aud: 'api://x', tid: 't' })).toString('base64url')}.c2ln`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Link {
  startIndex: number;
  length: number;
  tooltip?: string;
}

describe('terminal links', () => {
  beforeEach(() => fake.resetFake());

  it('links the code, the error value and the correlation id of an msal-node error; a click explains the code', async () => {
    const services = makeServices();
    registerTerminalLinks(services);
    const provider = fake.recorded.terminalLinkProviders[0]!;
    const links = (await provider.provideTerminalLinks({ line: MSAL_NODE_LINE }, cancel)) as Link[];
    const texts = links.map((l) => MSAL_NODE_LINE.slice(l.startIndex, l.startIndex + l.length));
    expect(texts).toEqual(['invalid_grant', 'AADSTS50076', '11111111-2222-3333-4444-555555555555']);
    expect(links[1]!.tooltip).toMatch(/Explain AADSTS50076/);

    await provider.handleTerminalLink(links[1]);
    expect(fake.recorded.executed).toEqual([{ command: 'authLens.openInPanel', args: [{ kind: 'code', code: 50076 }] }]);
    expect(services.failures.list().map((f) => [f.label, f.sources])).toEqual([['AADSTS50076', ['terminal']]]);

    await provider.handleTerminalLink(links[2]);
    expect(fake.recorded.executed[1]).toEqual({ command: 'authLens.classifySelection', args: [MSAL_NODE_LINE] });
  });

  it('decodes a JWT without putting it in the tooltip, and offers nothing on a plain line', async () => {
    registerTerminalLinks(makeServices());
    const provider = fake.recorded.terminalLinkProviders[0]!;
    const links = (await provider.provideTerminalLinks({ line: `token: ${JWT}` }, cancel)) as Link[];
    expect(links).toHaveLength(1);
    expect(links[0]!.tooltip).not.toContain('eyJ');
    await provider.handleTerminalLink(links[0]);
    expect(fake.recorded.executed[0]).toEqual({ command: 'authLens.decodeToken', args: [JWT] });
    expect(await provider.provideTerminalLinks({ line: 'Compiled successfully in 2.1 s' }, cancel)).toEqual([]);
  });
});

describe('debug console watch', () => {
  beforeEach(() => fake.resetFake());

  const output = (text: string, category = 'stderr') => ({ type: 'event', event: 'output', body: { category, output: text } });

  it('raises one quiet notification per distinct failure and lists it in recent failures', async () => {
    const services = makeServices();
    watchDebugConsole(services);
    const { debugType, factory } = fake.recorded.debugTrackerFactories[0]!;
    expect(debugType).toBe('*');
    const tracker = factory.createDebugAdapterTracker({ name: 'Run app.js' }) as { onDidSendMessage(m: unknown): void };
    tracker.onDidSendMessage(output(`${MSAL_NODE_LINE}\n`));
    tracker.onDidSendMessage({ type: 'response', command: 'threads', body: {} });
    await sleep(200);
    tracker.onDidSendMessage(output(`${MSAL_NODE_LINE}\n`));
    tracker.onDidSendMessage(output('BrowserAuthError: interaction_in_progress: Interaction is currently in progress.\n', 'stdout'));
    await sleep(200);
    const infos = fake.recorded.messages.filter((m) => m.level === 'info').map((m) => m.message);
    expect(infos).toHaveLength(2);
    expect(infos[0]).toMatch(/^Auth Lens: AADSTS50076 in the debug console — /);
    expect(infos[1]).toMatch(/interaction_in_progress in the debug console/);
    const listed = services.failures.list();
    expect(listed.map((f) => f.label)).toEqual(['interaction_in_progress', 'AADSTS50076']);
    expect(listed[1]!.count).toBe(2);
  });

  it('ignores device-code polling and telemetry, and stays off when the setting says so', async () => {
    const services = makeServices();
    watchDebugConsole(services);
    const factory = fake.recorded.debugTrackerFactories[0]!.factory;
    const tracker = factory.createDebugAdapterTracker({ name: 's' }) as { onDidSendMessage(m: unknown): void };
    tracker.onDidSendMessage(output('{"error":"authorization_pending","error_description":"AADSTS70016: pending"}\n'));
    tracker.onDidSendMessage(output('AADSTS50076\n', 'telemetry'));
    await sleep(200);
    expect(services.failures.list()).toEqual([]);
    fake.recorded.settings.set('authLens.debugConsole.watch', false);
    expect(factory.createDebugAdapterTracker({ name: 's' })).toBeUndefined();
  });
});
