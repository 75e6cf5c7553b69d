// Secrets of app registrations: kept only in SecretStorage under typed keys, removed together, and
// known to the logger so no encoding of them reaches the Auth Lens output channel.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { Logger, SecretStore } from '../../src/extension/services';
import { SettingsRegistrationSchema, secretBinding } from '../../src/extension/settings';

const SECRET = 'Zq8~client.secret/value+42=';

function setup() {
  fake.resetFake();
  const context = fake.fakeContext();
  const store = new SecretStore(context.secrets as never);
  const log = new Logger(() => store.knownSecrets());
  return { context, store, log };
}

describe('SecretStore', () => {
  beforeEach(() => fake.resetFake());

  it('stores under authLens.<kind>.<registration> and reads back', async () => {
    const { context, store } = setup();
    await store.store('secret', 'daemon', SECRET);
    expect(await context.secrets.get('authLens.secret.daemon')).toBe(SECRET);
    expect(await store.get('secret', 'daemon')).toBe(SECRET);
    expect(await store.has('secret', 'other')).toBe(false);
  });

  it('deleteAll removes every kind for one registration only', async () => {
    const { context, store } = setup();
    await store.store('secret', 'a', 'secret-a-value');
    await store.store('certKey', 'a', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----');
    await store.store('cert', 'a', '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----');
    await store.store('secret', 'b', 'secret-b-value');
    expect(await store.deleteAll('a')).toEqual(['authLens.secret.a', 'authLens.certKey.a', 'authLens.cert.a']);
    expect(await context.secrets.get('authLens.secret.a')).toBeUndefined();
    expect(await context.secrets.get('authLens.certKey.a')).toBeUndefined();
    expect(await context.secrets.get('authLens.secret.b')).toBe('secret-b-value');
  });

  it('preload makes stored secrets known without them being used', async () => {
    const { context, store } = setup();
    await context.secrets.store('authLens.secret.daemon', SECRET);
    expect(store.knownSecrets()).toEqual([]);
    await store.preload(['daemon', 'missing']);
    expect(store.knownSecrets()).toContain(SECRET);
  });

  it('remembers private keys (and their base64 body) but not public certificates', async () => {
    const { store } = setup();
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(2);
    await store.store('certKey', 'c', `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);
    await store.store('cert', 'c', '-----BEGIN CERTIFICATE-----\nMIIDpublicpart\n-----END CERTIFICATE-----\n');
    expect(store.knownSecrets()).toContain(body);
    expect(store.knownSecrets().some((s) => s.includes('MIIDpublicpart'))).toBe(false);
  });
});

describe('Logger', () => {
  it('writes to one "Auth Lens" log channel and redacts known secrets in every encoding', async () => {
    const { store, log } = setup();
    await store.store('secret', 'daemon', SECRET);
    log.info(`raw ${SECRET}`);
    log.warn(`url client_secret=${encodeURIComponent(SECRET)}`);
    log.error('base64', new Error(`Basic ${Buffer.from(SECRET).toString('base64')}`));
    log.debug(`base64url ${Buffer.from(SECRET).toString('base64url')}`);
    const written = fake.recorded.logLines.map((l) => l.message).join('\n');
    expect(fake.recorded.logLines.every((l) => l.message.startsWith('Auth Lens: '))).toBe(true);
    expect(fake.recorded.logLines.map((l) => l.level)).toEqual(['info', 'warn', 'error', 'debug']);
    for (const form of [SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('base64url')]) {
      expect(written).not.toContain(form);
    }
    expect(written).toContain('[redacted]');
  });

  it('redacts tokens remembered for the session, even opaque ones', () => {
    const { store, log } = setup();
    const opaque = 'EwBwA8l6BAAUs5opaqueTokenValue0123456789';
    store.rememberTransient(opaque);
    log.info(`token ${opaque} used`);
    log.info('jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eHh4In0.c2lnbmF0dXJlc2lnbmF0dXJl');
    const written = fake.recorded.logLines.map((l) => l.message).join('\n');
    expect(written).not.toContain(opaque);
    expect(written).not.toContain('c2lnbmF0dXJlc2lnbmF0dXJl');
  });
});

describe('secret bindings', () => {
  const binding = { host: 'login.microsoftonline.com', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };

  it('a bound value reads back with its binding, and only the value is known to redaction', async () => {
    const { context, store } = setup();
    await store.store('secret', 'daemon', SECRET, binding);
    const raw = await context.secrets.get('authLens.secret.daemon');
    expect(JSON.parse(raw!)).toEqual({ authLens: 1, value: SECRET, boundTo: binding });
    const fresh = new SecretStore(context.secrets as never);
    expect(await fresh.read('secret', 'daemon')).toEqual({ value: SECRET, boundTo: binding });
    expect(await fresh.get('secret', 'daemon')).toBe(SECRET);
    expect(fresh.knownSecrets()).toEqual([SECRET]);
  });

  it('a value stored without one (by an older version, or one that only looks like an envelope) reads as unbound', async () => {
    const { context, store } = setup();
    await context.secrets.store('authLens.secret.old', SECRET);
    await context.secrets.store('authLens.secret.odd', '{"authLens":1,"value":"x"}');
    expect(await store.read('secret', 'old')).toEqual({ value: SECRET });
    expect(await store.read('secret', 'odd')).toEqual({ value: '{"authLens":1,"value":"x"}' });
    expect(await store.read('secret', 'missing')).toBeUndefined();
  });

  it('binds to the host (with port) and tenant the registration sends to, and its client id, without case', () => {
    const of = (entry: Record<string, unknown>) => secretBinding(SettingsRegistrationSchema.parse({ name: 'a', flow: 'client_credentials', scopes: ['api://x/.default'], clientId: binding.clientId, ...entry }));
    expect(of({ tenant: 'Contoso.onmicrosoft.com' })).toEqual(binding);
    expect(of({ cloud: 'usgov', tenant: 'contoso.onmicrosoft.com' })).toEqual({ ...binding, host: 'login.microsoftonline.us' });
    expect(of({ authority: 'https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin/' })).toEqual({ ...binding, host: 'contoso.b2clogin.com', tenant: 'contoso.onmicrosoft.com/b2c_1_signin' });
    expect(of({ authority: 'http://127.0.0.1:8443/sandbox', clientId: 'Sandbox-Secret' })).toEqual({ host: '127.0.0.1:8443', tenant: 'sandbox', clientId: 'sandbox-secret' });
  });
});
