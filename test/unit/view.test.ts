// The Auth Lens view and the manifest parts that go with it (container, views, welcome, menus,
// walkthrough, workspace trust), against the fake `vscode` module.
import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { FailureLog, TokenLog } from '../../src/extension/recent';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';
import { VIEW_IDS, registerAuthLensView } from '../../src/extension/view';
import { activate } from '../../src/extension/extension';

interface Provider<T> {
  getChildren(element?: T): T[] | Promise<T[]>;
  getTreeItem(element: T): fake.TreeItem | Promise<fake.TreeItem>;
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

function makeServices() {
  const context = fake.fakeContext(process.cwd());
  const secrets = new SecretStore(context.secrets as never);
  const log = new Logger(() => secrets.knownSecrets());
  const services: Services = { context: context as never, log, secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy: () => ({}) as never };
  return services;
}

async function items<T>(viewId: string): Promise<fake.TreeItem[]> {
  const provider = fake.recorded.treeProviders.get(viewId) as Provider<T>;
  return Promise.all((await provider.getChildren()).map((e) => provider.getTreeItem(e)));
}

describe('Auth Lens view', () => {
  beforeEach(() => fake.resetFake());

  it('lists user-scope registrations with their credential state and the context value the inline actions key on', async () => {
    fake.recorded.settings.set('authLens.appRegistrations', [
      { name: 'sandbox app-only', clientId: 'c1', flow: 'client_credentials', scopes: ['x'], authority: 'http://127.0.0.1:1/t' },
      { name: 'cert app', clientId: 'c2', flow: 'client_certificate', scopes: ['x'], tenant: 'contoso.onmicrosoft.com' },
      { name: 'device', clientId: 'c3', flow: 'device_code', scopes: ['x'] },
      { clientId: 'no name' },
    ]);
    const services = makeServices();
    await services.secrets.store('secret', 'sandbox app-only', 'a-secret-value-123');
    registerAuthLensView(services);
    const rows = await items(VIEW_IDS.registrations);
    expect(rows.map((r) => [r.label, r.contextValue])).toEqual([
      ['sandbox app-only', 'registration:client_credentials:ready'],
      ['cert app', 'registration:client_certificate:missing'],
      ['device', 'registration:device_code:ready'],
    ]);
    expect(rows[0]!.description).toBe('client secret · secret stored');
    expect(rows[1]!.description).toBe('certificate · no certificate yet');
    // Nothing of the secret reaches the row.
    expect(JSON.stringify(rows)).not.toContain('a-secret-value-123');
  });

  it('lists recent failures newest first with what opens them, and tokens by claims only', async () => {
    const services = makeServices();
    registerAuthLensView(services);
    services.failures.record({ key: 'AADSTS50076', label: 'AADSTS50076', title: 'MFA required', source: 'debug console', target: { kind: 'code', code: 50076 } });
    services.failures.record({ key: 'oauth:invalid_grant', label: 'invalid_grant', title: 'grant rejected', source: 'terminal', target: { kind: 'entry', vocabulary: 'oauth', code: 'invalid_grant' } });
    const failures = await items(VIEW_IDS.failures);
    expect(failures.map((f) => f.label)).toEqual(['invalid_grant', 'AADSTS50076']);
    expect(failures[1]!.description).toBe('MFA required · debug console');
    expect(failures[1]!.command).toEqual({ command: 'authLens.openInPanel', title: 'Explain', arguments: [{ kind: 'code', code: 50076 }] });

    services.tokens.record({ tokenType: 'access', version: 'v2', audience: 'api://orders', appId: 'a', tenantId: 't', scopes: ['Orders.Read'], roles: [], expiresAt: null, origin: 'decoded', at: Date.now() });
    const tokens = await items(VIEW_IDS.tokens);
    expect(tokens[0]!.label).toBe('access token · api://orders');
    expect(String(tokens[0]!.tooltip)).toContain('Scopes: Orders.Read');
  });

  it('activate registers a provider for every contributed view', () => {
    activate(fake.fakeContext() as never);
    const views = (manifest.contributes.views.authLens as { id: string }[]).map((v) => v.id).sort();
    expect(views).toEqual(Object.values(VIEW_IDS).sort());
    expect([...fake.recorded.treeProviders.keys()].sort()).toEqual(views);
  });
});

describe('manifest: view, walkthrough, workspace trust', () => {
  it('declares limited support for untrusted workspaces and disables token requests there', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    expect(trust.supported).toBe('limited');
    expect(trust.description).toMatch(/Acquire Test Token/);
    const acquire = manifest.contributes.commands.find((c: { command: string }) => c.command === 'authLens.acquireToken');
    expect(acquire.enablement).toBe('isWorkspaceTrusted');
    for (const key of trust.restrictedConfigurations) expect(manifest.contributes.configuration.properties).toHaveProperty([key]);
  });

  it('inline actions reference contributed commands and the context values the view sets', () => {
    const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const item of manifest.contributes.menus['view/item/context']) {
      expect(commands.has(item.command), item.command).toBe(true);
      expect(item.when).toMatch(/view == authLens\.registrations && viewItem =~ \/\^registration:/);
    }
  });

  it('the walkthrough has its steps with shipped media, and the welcome link names it', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    expect(walkthrough.steps.map((s: { id: string }) => s.id)).toEqual(['openLog', 'hover', 'acquire', 'timeline']);
    for (const step of walkthrough.steps) expect(existsSync(new URL(`../../${step.media.markdown}`, import.meta.url)), step.media.markdown).toBe(true);
    const welcome = manifest.contributes.viewsWelcome.find((w: { view: string }) => w.view === VIEW_IDS.registrations);
    expect(decodeURIComponent(welcome.contents)).toContain(`"${manifest.publisher}.${manifest.name}#${walkthrough.id}"`);
    expect(existsSync(new URL(`../../${manifest.contributes.viewsContainers.activitybar[0].icon}`, import.meta.url))).toBe(true);
  });
});
