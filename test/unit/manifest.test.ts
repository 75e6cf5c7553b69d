// The manifest and the code agree: every contributed command is registered by activate (and the
// other way round), has the Auth Lens category and a title; every setting is documented, scoped and
// ordered; activation events are narrow; activation works with no workspace and no settings.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { activate, deactivate, hoverSelector } from '../../src/extension/extension';
import { COMMANDS, COMMAND_CATEGORY, CONTEXT_KEYS, DEFAULT_HOVER_LANGUAGES, HOVER_COMMAND_IDS, PANEL_VIEW_TYPE } from '../../src/extension/commands';

interface ManifestCommand {
  command: string;
  title?: string;
  category?: string;
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  main: string;
  icon: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: ManifestCommand[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { title: string; properties: Record<string, Record<string, unknown>> };
  };
};

const contributed = manifest.contributes.commands;
const contributedIds = contributed.map((c) => c.command).sort();
const tableIds = Object.values(COMMANDS)
  .map((c) => c.id)
  .sort();

function activateFresh() {
  fake.resetFake();
  const context = fake.fakeContext();
  activate(context as never);
  return context;
}

describe('contributed commands', () => {
  beforeEach(() => fake.resetFake());

  it('match the COMMANDS table exactly', () => {
    expect(contributedIds).toEqual(tableIds);
    expect(new Set(contributedIds).size).toBe(contributedIds.length);
  });

  it('each has the Auth Lens category and the title from the table', () => {
    for (const command of contributed) {
      expect(command.category, command.command).toBe(COMMAND_CATEGORY);
      expect(command.title?.trim().length, command.command).toBeGreaterThan(3);
      const entry = Object.values(COMMANDS).find((c) => c.id === command.command);
      expect(command.title).toBe(entry?.title);
    }
  });

  it('are exactly the commands activate registers', () => {
    activateFresh();
    const registered = [...fake.recorded.commands.keys()].sort();
    expect(registered).toEqual(contributedIds);
  });

  it('keep hover-only commands out of the palette and leave the others in it', () => {
    const palette = manifest.contributes.menus.commandPalette ?? [];
    for (const entry of Object.values(COMMANDS)) {
      const rule = palette.find((p) => p.command === entry.id);
      if (entry.palette) expect(rule?.when, entry.id).not.toBe('false');
      else expect(rule?.when, entry.id).toBe('false');
    }
    // Hover links only run the two hover commands, and those exist.
    for (const id of HOVER_COMMAND_IDS) expect(contributedIds).toContain(id);
  });

  // The extension is not active until a log opens or a command runs, and its own context keys do not
  // exist before then: a palette entry hidden by one could never be found from a fresh window.
  it('palette visibility does not wait for activation, except for a result that only this session can have', () => {
    const palette = manifest.contributes.menus.commandPalette ?? [];
    const ownKeys = /(?<!config\.)\bauthLens\.[\w.]+/g;
    for (const rule of palette) {
      const keys = rule.when?.match(ownKeys) ?? [];
      if (rule.command === COMMANDS.copyReport.id) expect(keys).toEqual([CONTEXT_KEYS.hasResult]);
      else expect(keys, rule.command).toEqual([]);
    }
    // The registration commands run without a registration (they offer to add one), so nothing hides them.
    for (const entry of [COMMANDS.setClientSecret, COMMANDS.importCertificate, COMMANDS.removeAppRegistration, COMMANDS.acquireToken, COMMANDS.addAppRegistration, COMMANDS.classifySelection]) {
      expect(palette.find((p) => p.command === entry.id), entry.id).toBeUndefined();
    }
    // Every key the code declares is one VS Code can evaluate only after activation, so each must be listed above.
    expect(Object.values(CONTEXT_KEYS)).toEqual([CONTEXT_KEYS.hasResult]);
  });

  it('menus only reference contributed commands', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) expect(contributedIds, `${menu}: ${item.command}`).toContain(item.command);
    }
  });

  it('a registered command catches its own failure and shows a message instead of throwing', async () => {
    activateFresh();
    // In unit tests the lazy bundle does not exist, so loading it fails: the command must still not throw.
    const handler = fake.recorded.commands.get(COMMANDS.explainCode.id)!;
    await expect(Promise.resolve(handler('50076'))).resolves.toBeUndefined();
    expect(fake.recorded.messages.some((m) => m.level === 'error' && m.message.includes('Explain Error Code'))).toBe(true);
  });
});

describe('settings', () => {
  const properties = manifest.contributes.configuration.properties;
  const VALID_SCOPES = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];

  it('covers the documented settings', () => {
    expect(Object.keys(properties).sort()).toEqual(
      [
        'authLens.appRegistrations',
        'authLens.debugConsole.watch',
        'authLens.diagnostics.enabled',
        'authLens.hover.enabled',
        'authLens.hover.languages',
        'authLens.lookup.online',
        'authLens.token.maxRetryWaitSeconds',
        'authLens.tokens.showRedacted',
      ].sort(),
    );
  });

  it('every setting has a markdownDescription, a valid scope and an order', () => {
    const orders = new Set<number>();
    for (const [key, schema] of Object.entries(properties)) {
      expect(typeof schema.markdownDescription, key).toBe('string');
      expect((schema.markdownDescription as string).length, key).toBeGreaterThan(20);
      expect(VALID_SCOPES, key).toContain(schema.scope);
      expect(typeof schema.order, key).toBe('number');
      expect(orders.has(schema.order as number), `${key} order is unique`).toBe(false);
      orders.add(schema.order as number);
    }
  });

  it('app registrations are user-only (application scope) and hold no secret fields', () => {
    const registrations = properties['authLens.appRegistrations']!;
    expect(registrations.scope).toBe('application');
    const item = registrations.items as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(expect.arrayContaining(['name', 'clientId', 'flow', 'scopes']));
    for (const field of Object.keys(item.properties)) expect(field.toLowerCase()).not.toMatch(/secret|password|privatekey/);
  });

  it('defaults are safe: lookups offline, tokens shown redacted, hover languages match the code', () => {
    expect(properties['authLens.lookup.online']!.default).toBe(false);
    expect(properties['authLens.tokens.showRedacted']!.default).toBe(true);
    expect(properties['authLens.hover.enabled']!.default).toBe(true);
    expect(properties['authLens.hover.languages']!.default).toEqual([...DEFAULT_HOVER_LANGUAGES]);
  });
});

describe('activation', () => {
  // Terminal links and the debug-console watch must exist before the first error is printed, and no
  // narrower event covers a terminal: onStartupFinished (after the window is up, never blocking it)
  // is the price, paid with an activation bundle that stays within its bench budget.
  it('activation events are narrow: hover languages, panel restore, debugging and after startup, never *', () => {
    const events = manifest.activationEvents;
    expect(events).not.toContain('*');
    expect(events).toEqual(expect.arrayContaining(['onStartupFinished', 'onDebug']));
    expect(events).toContain(`onWebviewPanel:${PANEL_VIEW_TYPE}`);
    for (const language of DEFAULT_HOVER_LANGUAGES.filter((l) => !l.startsWith('scheme:'))) expect(events).toContain(`onLanguage:${language}`);
    // onCommand events are implied by contributes.commands since VS Code 1.74.
    expect(events.filter((e) => e.startsWith('onCommand:'))).toEqual([]);
  });

  it('the manifest points at the activation bundle and a 128×128 PNG icon', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe('^1.100.0');
    const png = readFileSync(new URL(`../../${manifest.icon}`, import.meta.url));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(128);
    expect(png.readUInt32BE(20)).toBe(128);
    const idat = png.indexOf('IDAT');
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4))).length).toBe(128 * (128 * 4 + 1));
  });

  it('activates with no workspace and no settings, registering the hover provider and the panel serializer', () => {
    const context = activateFresh();
    expect(context.subscriptions.length).toBeGreaterThan(tableIds.length);
    expect(fake.recorded.serializers.has(PANEL_VIEW_TYPE)).toBe(true);
    expect(fake.recorded.hoverProviders).toHaveLength(1);
    const selector = fake.recorded.hoverProviders[0]!.selector as { language?: string; scheme?: string }[];
    expect(selector).toContainEqual({ language: 'log' });
    expect(selector).toContainEqual({ scheme: 'output' });
    expect(selector).toContainEqual({ scheme: 'untitled' });
    deactivate();
  });

  it('honours authLens.hover.languages and re-registers the provider when it changes', async () => {
    activateFresh();
    fake.recorded.settings.set('authLens.hover.languages', ['log', 'scheme:output', '', 42]);
    expect(hoverSelector()).toEqual([{ language: 'log' }, { scheme: 'output' }]);
    await fake.workspace.getConfiguration('authLens').update('hover.languages', ['python']);
    expect(fake.recorded.hoverProviders).toHaveLength(2);
    expect(fake.recorded.hoverProviders[0]!.disposed).toBe(true);
    expect(fake.recorded.hoverProviders[1]!.selector).toEqual([{ language: 'python' }]);
  });

  it('the hover provider returns nothing (and never throws) when hovers are turned off', () => {
    activateFresh();
    fake.recorded.settings.set('authLens.hover.enabled', false);
    const provider = fake.recorded.hoverProviders[0]!.provider;
    const document = { lineCount: 1, lineAt: () => ({ text: 'AADSTS50076' }), uri: fake.Uri.file('/x.log') };
    expect(provider.provideHover(document, new fake.Position(0, 3), { isCancellationRequested: false })).toBeUndefined();
  });

  it('the hover provider honours cancellation before doing any work', () => {
    activateFresh();
    const provider = fake.recorded.hoverProviders[0]!.provider;
    let read = false;
    const document = {
      lineCount: 1,
      lineAt: () => {
        read = true;
        return { text: 'AADSTS50076' };
      },
      uri: fake.Uri.file('/x.log'),
    };
    expect(provider.provideHover(document, new fake.Position(0, 3), { isCancellationRequested: true })).toBeUndefined();
    expect(read).toBe(false);
  });

  it('activation sets no context key: nothing in the palette depends on one being set at start-up', () => {
    fake.resetFake();
    fake.recorded.settings.set('authLens.appRegistrations', [{ name: 'a' }]);
    activate(fake.fakeContext() as never);
    expect(fake.recorded.executed.filter((e) => e.command === 'setContext')).toEqual([]);
  });
});
