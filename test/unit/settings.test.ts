// authLens.appRegistrations validation: good entries pass, each kind of mistake is reported with the
// entry index and the field, the valid entries of a mixed list keep working, nothing throws.
import { describe, expect, it } from 'vitest';
import { checkPem, secretKey, toClientRegistration, validateRegistrations } from '../../src/extension/settings';
import { registrationNames } from '../../src/extension/settings-keys';
import { validateAppRegistration } from '../../src/core/client/registration';
import { generateKeyPairSync } from 'node:crypto';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

const daemon = { name: 'daemon', cloud: 'public', tenant: 'contoso.onmicrosoft.com', clientId: CLIENT_ID, flow: 'client_credentials', scopes: ['https://graph.microsoft.com/.default'] };
const device = { name: 'cli', tenant: 'organizations', clientId: CLIENT_ID, flow: 'device_code', scopes: ['User.Read'], clientCapabilities: ['cp1'] };
const spa = { name: 'browser', authority: 'https://contoso.ciamlogin.com/contoso.onmicrosoft.com', clientId: CLIENT_ID, flow: 'auth_code_pkce', scopes: ['openid'], redirectUri: 'http://localhost:3000' };
const cert = { name: 'cert app', cloud: 'usgov', tenant: '99999999-8888-7777-6666-555555555555', clientId: CLIENT_ID, flow: 'client_certificate', scopes: ['https://graph.microsoft.us/.default'], certificateThumbprint: 'a'.repeat(40) };

describe('validateRegistrations', () => {
  it('accepts good entries of every flow', () => {
    const result = validateRegistrations([daemon, device, spa, cert]);
    expect(result.problems).toEqual([]);
    expect(result.valid.map((r) => r.name)).toEqual(['daemon', 'cli', 'browser', 'cert app']);
  });

  it('treats a missing setting as no registrations, without problems', () => {
    expect(validateRegistrations(undefined)).toEqual({ valid: [], problems: [] });
    expect(validateRegistrations(null)).toEqual({ valid: [], problems: [] });
  });

  it('reports a setting that is not a list', () => {
    const result = validateRegistrations({ name: 'x' });
    expect(result.valid).toEqual([]);
    expect(result.problems).toEqual(['authLens.appRegistrations: must be a list of app registrations (found object)']);
  });

  it.each([
    ['clientId', { ...daemon, clientId: 'my-app' }, /^authLens\.appRegistrations\[0\]\.clientId: must be a GUID/],
    ['clientId missing', { ...daemon, clientId: undefined }, /^authLens\.appRegistrations\[0\]\.clientId: is required/],
    ['flow', { ...daemon, flow: 'implicit' }, /^authLens\.appRegistrations\[0\]\.flow: must be one of client_credentials, client_certificate, device_code, auth_code_pkce/],
    ['cloud', { ...daemon, cloud: 'germany' }, /^authLens\.appRegistrations\[0\]\.cloud: must be one of public, usgov, china/],
    ['scopes empty', { ...device, scopes: [] }, /^authLens\.appRegistrations\[0\]\.scopes: needs at least one scope/],
    ['scopes not a list', { ...device, scopes: 'User.Read' }, /^authLens\.appRegistrations\[0\]\.scopes: must be a list of scopes/],
    ['scope item', { ...device, scopes: ['User.Read', ''] }, /^authLens\.appRegistrations\[0\]\.scopes\[1\]: must not be empty/],
    ['tenant', { ...device, tenant: 'not a tenant!' }, /^authLens\.appRegistrations\[0\]\.tenant: must be a tenant GUID/],
    ['app-only tenant', { ...daemon, tenant: 'common' }, /^authLens\.appRegistrations\[0\]\.tenant: is required for client_credentials/],
    ['app-only scope', { ...daemon, scopes: ['User.Read'] }, /^authLens\.appRegistrations\[0\]\.scopes: app-only flows take resource\/\.default scopes/],
    ['authority scheme', { ...spa, authority: 'http://evil.example.com/tenant' }, /^authLens\.appRegistrations\[0\]\.authority: must be an https URL/],
    ['authority and cloud', { ...spa, cloud: 'public' }, /^authLens\.appRegistrations\[0\]\.cloud: give either cloud/],
    ['redirect', { ...spa, redirectUri: 'javascript:alert(1)' }, /^authLens\.appRegistrations\[0\]\.redirectUri: must be a URL/],
    ['thumbprint', { ...cert, certificateThumbprint: 'xyz' }, /^authLens\.appRegistrations\[0\]\.certificateThumbprint: must be 40 \(SHA-1\) or 64/],
    ['name', { ...device, name: '' }, /^authLens\.appRegistrations\[0\]\.name: must be 1–64 letters/],
  ])('names the field for a wrong %s', (_label, entry, pattern) => {
    const result = validateRegistrations([entry]);
    expect(result.valid).toEqual([]);
    expect(result.problems.length).toBeGreaterThanOrEqual(1);
    expect(result.problems.some((p) => pattern.test(p)), result.problems.join('\n')).toBe(true);
  });

  it('names the entry by its name as well as its index', () => {
    const result = validateRegistrations([daemon, { ...device, clientId: 'nope' }]);
    expect(result.problems).toEqual(['authLens.appRegistrations[1].clientId: must be a GUID (the Application (client) ID from the app registration overview) (entry "cli")']);
  });

  it('reports unknown fields, such as a secret put into settings by mistake', () => {
    const result = validateRegistrations([{ ...daemon, clientSecret: 'abc' }]);
    expect(result.valid).toEqual([]);
    expect(result.problems[0]).toMatch(/^authLens\.appRegistrations\[0\] \("daemon"\): unknown field "clientSecret"/);
    // The value itself is never echoed.
    expect(result.problems.join('\n')).not.toContain('abc');
  });

  it('reports entries that are not objects', () => {
    const result = validateRegistrations([42, 'x', null, daemon]);
    expect(result.valid.map((r) => r.name)).toEqual(['daemon']);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^authLens\.appRegistrations\[0\]: must be an object/);
    expect(result.problems[2]).toMatch(/^authLens\.appRegistrations\[2\]: must be an object/);
  });

  it('keeps the valid entries of a mixed list and reports each broken one', () => {
    const result = validateRegistrations([daemon, { ...device, flow: 'password' }, spa, { ...cert, name: 'daemon' }, { ...cert, clientId: 'x', tenant: 'common' }]);
    expect(result.valid.map((r) => r.name)).toEqual(['daemon', 'browser']);
    expect(result.problems.some((p) => p.startsWith('authLens.appRegistrations[1].flow:'))).toBe(true);
    expect(result.problems.some((p) => p.startsWith('authLens.appRegistrations[3].name: "daemon" is already used'))).toBe(true);
    expect(result.problems.some((p) => p.startsWith('authLens.appRegistrations[4].clientId:'))).toBe(true);
    expect(result.problems.some((p) => p.startsWith('authLens.appRegistrations[4].tenant:'))).toBe(true);
  });

  it('never throws on hostile input', () => {
    const hostile = { get name(): string { throw new Error('boom'); } };
    const cyclic: Record<string, unknown> = { ...daemon };
    cyclic.self = cyclic;
    expect(() => validateRegistrations([hostile, cyclic, Symbol('x') as unknown, () => 1])).not.toThrow();
    const result = validateRegistrations([hostile, cyclic]);
    expect(result.valid).toEqual([]);
    expect(result.problems.length).toBeGreaterThanOrEqual(2);
  });
});

describe('toClientRegistration', () => {
  it('produces registrations the token client accepts', () => {
    for (const entry of [daemon, device, spa]) {
      const [valid] = validateRegistrations([entry]).valid;
      const result = validateAppRegistration(toClientRegistration(valid!));
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it('defaults cloud to public and tenant to organizations', () => {
    const [valid] = validateRegistrations([{ name: 'min', clientId: CLIENT_ID, flow: 'device_code', scopes: ['User.Read'] }]).valid;
    expect(toClientRegistration(valid!)).toMatchObject({ cloud: 'public', tenant: 'organizations' });
  });
});

describe('secret keys and names', () => {
  it('are namespaced per kind and registration', () => {
    expect(secretKey('secret', 'daemon')).toBe('authLens.secret.daemon');
    expect(secretKey('certKey', 'cert app')).toBe('authLens.certKey.cert app');
  });

  it('registrationNames reads names without validating', () => {
    expect(registrationNames([{ name: ' a ' }, { name: 3 }, null, { name: 'b' }])).toEqual(['a', 'b']);
    expect(registrationNames('x')).toEqual([]);
  });
});

describe('checkPem', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

  it('accepts PKCS#8 and PKCS#1 keys', () => {
    expect(checkPem(pkcs8, 'key')).toMatchObject({ ok: true });
    expect(checkPem(pkcs1, 'key').pem).toContain('-----BEGIN RSA PRIVATE KEY-----');
  });

  it('rejects empty, encrypted, wrong-kind and corrupt files with a specific message', () => {
    expect(checkPem('', 'key').message).toMatch(/empty/);
    expect(checkPem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----', 'key').message).toMatch(/password-protected/);
    expect(checkPem(pkcs8, 'certificate').message).toMatch(/Found PRIVATE KEY but no certificate/);
    expect(checkPem('hello', 'certificate').message).toMatch(/No PEM block found/);
    expect(checkPem('-----BEGIN PRIVATE KEY-----\n' + '!'.repeat(80) + '\n-----END PRIVATE KEY-----', 'key').ok).toBe(false);
  });
});

describe('client ids of local test authorities', () => {
  it('accepts a non-GUID client id only for a loopback authority', () => {
    const local = { name: 'sandbox', authority: 'http://127.0.0.1:4000', clientId: 'sandbox-secret', flow: 'client_credentials', scopes: ['api://x/.default'] };
    expect(validateRegistrations([local]).valid).toHaveLength(1);
    const remote = { ...local, authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' };
    expect(validateRegistrations([remote]).problems[0]).toMatch(/^authLens\.appRegistrations\[0\]\.clientId: must be a GUID/);
  });
});
