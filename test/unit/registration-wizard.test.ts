// The Add App Registration wizard as data (issue 14, item 3): the multi-step engine's order, Back,
// skipping and counting, and the wizard's own steps answered by a script in place of VS Code's
// quick inputs, down to the settings entry written.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

// Each prompt the wizard shows is answered from `script`, in order; what was asked is kept in `asked`.
interface Asked {
  kind: 'input' | 'pick';
  step: number;
  totalSteps: number;
  prompt: string;
  value?: string;
  items?: string[];
  problem?: string | undefined;
}
type Answer = string | { back: true } | { cancel: true } | { reject: string; then: string };
const script: Answer[] = [];
const asked: Asked[] = [];
function reply(entry: Asked, validate?: (value: string) => string | undefined) {
  asked.push(entry);
  const next = script.shift();
  if (next === undefined) return { kind: 'cancel' as const };
  if (typeof next === 'string') return { kind: 'value' as const, value: next };
  if ('back' in next) return { kind: 'back' as const };
  if ('cancel' in next) return { kind: 'cancel' as const };
  // An answer the step must refuse, then one it takes.
  entry.problem = validate?.(next.reject);
  return { kind: 'value' as const, value: next.then };
}
vi.mock('../../src/extension/quick-input', () => ({
  inputStep: async (o: { step: number; totalSteps: number; prompt: string; value?: string; validate: (v: string) => string | undefined }) =>
    reply({ kind: 'input', step: o.step, totalSteps: o.totalSteps, prompt: o.prompt, value: o.value }, o.validate),
  pickStep: async (o: { step: number; totalSteps: number; placeholder: string; items: { value: string }[] }) =>
    reply({ kind: 'pick', step: o.step, totalSteps: o.totalSteps, prompt: o.placeholder, items: o.items.map((i) => i.value) }),
}));

import * as fake from '../support/vscode';
import { runSteps, type Step } from '../../src/extension/multi-step';
import { addAppRegistration } from '../../src/extension/registration-wizard';
import { Logger, SecretStore, type Services } from '../../src/extension/services';

function services(): Services {
  const context = fake.fakeContext(process.cwd());
  const secrets = new SecretStore(context.secrets as never);
  return { context: context as never, log: new Logger(() => []), secrets } as unknown as Services;
}

beforeEach(() => {
  fake.resetFake();
  script.length = 0;
  asked.length = 0;
});

describe('runSteps: the multi-step engine', () => {
  const steps = (log: string[]): Step<Record<string, string>>[] =>
    ['a', 'b', 'c', 'd'].map((name) => ({
      applies: name === 'c' ? (d: Readonly<Record<string, string>>) => d.b === 'yes' : undefined,
      ask: async (d, at) => {
        log.push(`${name} ${at.step}/${at.totalSteps} ${d[name] ?? ''}`.trim());
        const next = script.shift();
        return next === undefined ? { kind: 'cancel' } : typeof next === 'string' ? { kind: 'value', value: next } : 'back' in next ? { kind: 'back' } : { kind: 'cancel' };
      },
      store: (d, v) => (d[name] = v),
    }));

  it('asks the steps in order, skips one that does not apply and counts only those that do', async () => {
    const log: string[] = [];
    script.push('1', 'no', '4');
    const draft: Record<string, string> = {};
    expect(await runSteps(steps(log), draft)).toBe(true);
    expect(log).toEqual(['a 1/3', 'b 2/3', 'd 3/3']);
    expect(draft).toEqual({ a: '1', b: 'no', d: '4' });
  });

  it('Back returns to the step asked before, its answer filled in; a step that now applies is asked and counted', async () => {
    const log: string[] = [];
    script.push('1', 'no', { back: true }, 'yes', '3', '4');
    const draft: Record<string, string> = {};
    expect(await runSteps(steps(log), draft)).toBe(true);
    expect(log).toEqual(['a 1/3', 'b 2/3', 'd 3/3', 'b 2/3 no', 'c 3/4', 'd 4/4']);
    expect(draft).toEqual({ a: '1', b: 'yes', c: '3', d: '4' });
  });

  it('cancel anywhere ends the run unfinished', async () => {
    const draft: Record<string, string> = {};
    script.push('1', { cancel: true });
    expect(await runSteps(steps([]), draft)).toBe(false);
  });
});

describe('Add App Registration…', () => {
  it('a client-credentials registration: tenant and app-only scopes are checked, the entry lands in user settings', async () => {
    fake.recorded.settings.set('authLens.appRegistrations', [{ name: 'Existing', clientId: '99999999-2222-3333-4444-555555555555', flow: 'device_code', scopes: ['User.Read'], tenant: 'contoso.onmicrosoft.com' }]);
    script.push(
      { reject: 'existing', then: 'orders-daemon' },
      'client_credentials',
      'public',
      { reject: 'common', then: 'contoso.onmicrosoft.com' },
      { reject: 'not-a-guid', then: '11111111-2222-3333-4444-555555555555' },
      { reject: 'User.Read', then: 'https://graph.microsoft.com/.default' },
    );
    await addAppRegistration(services());
    expect(asked.map((a) => `${a.kind} ${a.step}/${a.totalSteps}`)).toEqual(['input 1/6', 'pick 2/6', 'pick 3/6', 'input 4/6', 'input 5/6', 'input 6/6']);
    expect(asked[0]!.problem).toBe('That name is already used.');
    expect(asked[3]!.problem).toMatch(/cannot issue app-only tokens/);
    expect(asked[4]!.problem).toMatch(/is a GUID/);
    expect(asked[5]!.problem).toMatch(/resource\/\.default/);
    expect(fake.recorded.settings.get('authLens.appRegistrations')).toEqual([
      expect.objectContaining({ name: 'Existing' }),
      { name: 'orders-daemon', clientId: '11111111-2222-3333-4444-555555555555', flow: 'client_credentials', scopes: ['https://graph.microsoft.com/.default'], cloud: 'public', tenant: 'contoso.onmicrosoft.com' },
    ]);
    expect(fake.recorded.messages.at(-1)!.message).toMatch(/needs a client secret/);
  });

  it('an auth-code registration on another authority: the authority and redirect steps replace the tenant step', async () => {
    script.push('spa-test', 'auth_code_pkce', 'authority', 'https://contoso.ciamlogin.com/contoso.onmicrosoft.com', '11111111-2222-3333-4444-555555555555', 'User.Read openid', 'http://localhost:8400');
    await addAppRegistration(services());
    expect(asked.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/unique name/),
      expect.stringMatching(/request the token/),
      expect.stringMatching(/cloud or authority/),
      'Authority URL',
      expect.stringMatching(/client\) ID/),
      'Scopes, separated by spaces',
      expect.stringMatching(/Redirect URI/),
    ]);
    expect(asked.at(-1)!.totalSteps).toBe(7);
    expect(fake.recorded.settings.get('authLens.appRegistrations')).toEqual([
      { name: 'spa-test', clientId: '11111111-2222-3333-4444-555555555555', flow: 'auth_code_pkce', scopes: ['User.Read', 'openid'], authority: 'https://contoso.ciamlogin.com/contoso.onmicrosoft.com', redirectUri: 'http://localhost:8400' },
    ]);
  });

  it('cancelled half-way, nothing is written', async () => {
    script.push('half-way', 'device_code', { cancel: true });
    await addAppRegistration(services());
    expect(fake.recorded.settings.has('authLens.appRegistrations')).toBe(false);
  });
});
