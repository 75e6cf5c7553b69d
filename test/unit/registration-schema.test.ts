// The app registration is described three times: the manifest's JSON schema (help while typing in
// settings.json), the extension's zod schema (what is accepted at run time) and the token client's
// schema (what a request needs, also read by `auth-lens token --profile`). These tests keep the three
// in step: the manifest is compared with the JSON schema zod generates, and every entry the settings
// accept becomes a registration the token client accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateAppRegistration } from '../../src/core/client/registration';
import { SettingsRegistrationSchema, toClientRegistration, validateRegistrations } from '../../src/extension/settings';

interface JsonSchema {
  type?: string;
  enum?: string[];
  pattern?: string;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { items: JsonSchema }> } } };
const fromManifest = manifest.contributes.configuration.properties['authLens.appRegistrations']!.items;
const fromZod = z.toJSONSchema(SettingsRegistrationSchema, { io: 'input' }) as JsonSchema;

/** Values a name, thumbprint or authority rule could disagree on (none with blanks around it: zod trims first). */
const PATTERN_SAMPLES = [
  'contoso-daemon', 'a', 'x'.repeat(64), 'x'.repeat(65), 'a.b_c d-e', 'é', '', '-dash', 'a'.repeat(40), 'A1'.repeat(20), 'f'.repeat(64), 'g'.repeat(40), '1'.repeat(39),
  'https://login.microsoftonline.com/contoso.onmicrosoft.com', 'http://localhost:8443/t', 'http://127.0.0.1/t', 'http://evil.example.com/t', 'ftp://x/y', 'http://localhost.evil.com/t',
];

describe('the manifest schema and the zod schema of authLens.appRegistrations agree', () => {
  it('on the fields, which of them are required, and that no other field is allowed', () => {
    expect(Object.keys(fromManifest.properties!).sort()).toEqual(Object.keys(fromZod.properties!).sort());
    expect([...fromManifest.required!].sort()).toEqual([...fromZod.required!].sort());
    expect(fromManifest.additionalProperties).toBe(false);
    expect(fromZod.additionalProperties).toBe(false);
  });

  it.each(Object.keys(fromZod.properties!))('on %s: type, allowed values, list item type and length, pattern', (field) => {
    const m = fromManifest.properties![field]!;
    const zod = fromZod.properties![field]!;
    expect(m.type).toBe(zod.type);
    expect(m.enum).toEqual(zod.enum);
    expect(m.items?.type).toBe(zod.items?.type);
    expect(m.minItems).toBe(zod.minItems);
    if (zod.pattern) expect(m.pattern, 'the manifest checks what zod checks by pattern').toBeDefined();
    // A manifest pattern may stand for a zod refinement (authority): compared by what each accepts.
    if (m.pattern) {
      const pattern = new RegExp(m.pattern);
      const rule = SettingsRegistrationSchema.shape[field as keyof typeof SettingsRegistrationSchema.shape];
      for (const sample of PATTERN_SAMPLES) expect(pattern.test(sample), `${field} on ${JSON.stringify(sample)}`).toBe(rule.safeParse(sample).success);
    }
  });
});

describe('every registration the settings accept is one the token client accepts', () => {
  const entries = [
    { name: 'daemon', clientId: '11111111-2222-3333-4444-555555555555', tenant: 'contoso.onmicrosoft.com', flow: 'client_credentials', scopes: ['https://graph.microsoft.com/.default'] },
    {
      name: 'cert',
      clientId: '11111111-2222-3333-4444-555555555555',
      tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      cloud: 'usgov',
      flow: 'client_certificate',
      scopes: ['api://x/.default'],
      certificateThumbprint: 'a'.repeat(40),
      certificatePath: '/tmp/cert.pem',
    },
    { name: 'device', clientId: '11111111-2222-3333-4444-555555555555', flow: 'device_code', scopes: ['User.Read'], clientCapabilities: ['cp1'] },
    { name: 'spa', clientId: '11111111-2222-3333-4444-555555555555', authority: 'https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signin', flow: 'auth_code_pkce', scopes: ['openid'], redirectUri: 'http://localhost:3000/' },
    { name: 'sandbox', clientId: 'sandbox-public', authority: 'http://127.0.0.1:8443/tenant', flow: 'device_code', scopes: ['api://sandbox/read'] },
  ];

  it.each(entries.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    const settings = validateRegistrations([entry]);
    expect(settings.problems).toEqual([]);
    const client = validateAppRegistration(toClientRegistration(settings.valid[0]!));
    expect(client.ok, client.ok ? '' : client.errors.join('; ')).toBe(true);
  });
});
