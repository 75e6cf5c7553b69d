// `authLens.appRegistrations` as the user writes it in settings.json, checked at run time with zod.
// The manifest's JSON schema helps while typing, but settings can be edited by hand, synced from
// elsewhere or written by an older version: every entry is checked on use, a wrong entry is named
// by index, name and field, and the valid ones keep working. No vscode import here, so the rules are
// unit-tested directly; the clouds, flows and tenant rules come from the token client's schema.
import { GUID_RE } from '../core/guid';
import { z } from 'zod';
import { CLOUD_HOSTS, CLOUDS, isLoopbackHost, isValidTenant, type AppRegistration, type Cloud, type Flow } from '../core/client/registration';
import type { SecretBinding } from './settings-keys';

export const SETTINGS_SECTION = 'authLens';
export const APP_REGISTRATIONS_KEY = 'appRegistrations';

/** The flows the extension can run from settings (refresh_token needs a token the user would paste, which the CLI covers). */
export const SETTINGS_FLOWS = ['client_credentials', 'client_certificate', 'device_code', 'auth_code_pkce'] as const satisfies readonly Flow[];
export type SettingsFlow = (typeof SETTINGS_FLOWS)[number];

export const FLOW_LABELS: Readonly<Record<SettingsFlow, string>> = {
  client_credentials: 'Client credentials with a client secret (app-only)',
  client_certificate: 'Client credentials with a certificate (app-only)',
  device_code: 'Device code (a user signs in on another device)',
  auth_code_pkce: 'Authorization code with PKCE (a user signs in in the browser)',
};

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

function isHttpsOrLoopback(value: string, allowCustomScheme: boolean): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    if (url.protocol === 'http:') return isLoopbackHost(url.hostname);
    // Public-client redirect URIs such as ms-appx-web:// or msal{id}://auth are legitimate.
    return allowCustomScheme && /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && url.protocol !== 'javascript:' && url.protocol !== 'data:';
  } catch {
    return false;
  }
}

function isLoopbackAuthority(authority: string | undefined): boolean {
  if (!authority) return false;
  try {
    return isLoopbackHost(new URL(authority).hostname);
  } catch {
    return false;
  }
}

export const SettingsRegistrationSchema = z
  .object({
    name: z
      .string({ error: 'must be a text such as "contoso-daemon"' })
      .trim()
      .regex(NAME_RE, 'must be 1–64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit'),
    cloud: z.enum(CLOUDS, { error: `must be one of ${CLOUDS.join(', ')}` }).optional(),
    authority: z
      .string({ error: 'must be a URL such as https://login.microsoftonline.com/contoso.onmicrosoft.com' })
      .trim()
      .refine((v) => isHttpsOrLoopback(v, false), 'must be an https URL (http only for localhost)')
      .optional(),
    tenant: z
      .string({ error: 'must be a text: a tenant GUID, a domain, or common / organizations / consumers' })
      .trim()
      .refine(isValidTenant, 'must be a tenant GUID, a domain such as contoso.onmicrosoft.com, or common / organizations / consumers')
      .optional(),
    // GUID checked below: a local test authority on 127.0.0.1 (the sandbox) may use other client ids.
    clientId: z.string({ error: 'is required: the Application (client) ID, a GUID' }).trim().min(1, 'is required: the Application (client) ID, a GUID'),
    flow: z.enum(SETTINGS_FLOWS, { error: `must be one of ${SETTINGS_FLOWS.join(', ')}` }),
    scopes: z
      .array(z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty'), { error: 'must be a list of scopes, e.g. ["https://graph.microsoft.com/.default"]' })
      .min(1, 'needs at least one scope, e.g. https://graph.microsoft.com/.default'),
    redirectUri: z
      .string({ error: 'must be a URL such as http://localhost' })
      .trim()
      .refine((v) => isHttpsOrLoopback(v, true), 'must be a URL such as http://localhost (https, loopback http, or an app scheme)')
      .optional(),
    certificateThumbprint: z
      .string({ error: 'must be a text of hex characters' })
      .trim()
      .regex(/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'must be 40 (SHA-1) or 64 (SHA-256) hex characters')
      .optional(),
    certificatePath: z.string({ error: 'must be a file path' }).trim().min(1, 'must not be empty').optional(),
    clientCapabilities: z.array(z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty'), { error: 'must be a list such as ["cp1"]' }).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.authority && value.cloud) ctx.addIssue({ code: 'custom', path: ['cloud'], message: 'give either cloud (with tenant) or authority, not both' });
    if (value.authority && value.tenant) ctx.addIssue({ code: 'custom', path: ['tenant'], message: 'is already part of authority; give one or the other' });
    if (!GUID_RE.test(value.clientId) && !isLoopbackAuthority(value.authority)) {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'must be a GUID (the Application (client) ID from the app registration overview)' });
    }
    const appOnly = value.flow === 'client_credentials' || value.flow === 'client_certificate';
    if (appOnly && !value.authority) {
      const tenant = value.tenant?.toLowerCase();
      if (!tenant || tenant === 'common' || tenant === 'consumers') {
        ctx.addIssue({ code: 'custom', path: ['tenant'], message: `is required for ${value.flow}: a tenant GUID, a domain or organizations (common and consumers cannot issue app-only tokens)` });
      }
    }
    if (appOnly && value.scopes.some((s) => !s.endsWith('/.default'))) {
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: `app-only flows take resource/.default scopes only, e.g. https://graph.microsoft.com/.default` });
    }
  });

export type SettingsRegistration = z.infer<typeof SettingsRegistrationSchema>;

export interface RegistrationsResult {
  /** Entries that passed, in settings order. */
  valid: SettingsRegistration[];
  /** One message per problem, each naming the entry and field, e.g. `authLens.appRegistrations[2].clientId: must be a GUID`. */
  problems: string[];
}

const KEY = `${SETTINGS_SECTION}.${APP_REGISTRATIONS_KEY}`;

/** The entry's name when it has a readable one (shown next to the index so people find the entry). */
function entryName(raw: unknown): string | undefined {
  try {
    const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
    return typeof name === 'string' && name.trim() ? name.trim().slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

function issueMessages(index: number, raw: unknown, error: z.ZodError): string[] {
  const base = `${KEY}[${index}]`;
  const name = entryName(raw);
  const label = name ? `${base} ("${name}")` : base;
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      return `${label}: unknown field${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')} (allowed: ${Object.keys(SettingsRegistrationSchema.shape).join(', ')})`;
    }
    if (issue.path.length === 0) return `${label}: ${issue.code === 'invalid_type' ? 'must be an object with name, clientId, flow and scopes' : issue.message}`;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${base}${path}: ${issue.message}${name ? ` (entry "${name}")` : ''}`;
  });
}

/**
 * Checks the raw `authLens.appRegistrations` value. Never throws: anything that is not a list, or any
 * entry that fails, is reported in `problems` and left out of `valid`. Duplicate names keep the first.
 */
export function validateRegistrations(raw: unknown): RegistrationsResult {
  const result: RegistrationsResult = { valid: [], problems: [] };
  if (raw === undefined || raw === null) return result;
  if (!Array.isArray(raw)) {
    result.problems.push(`${KEY}: must be a list of app registrations (found ${typeof raw})`);
    return result;
  }
  const seen = new Set<string>();
  raw.slice(0, 200).forEach((entry: unknown, index: number) => {
    try {
      const parsed = SettingsRegistrationSchema.safeParse(entry);
      if (!parsed.success) {
        result.problems.push(...issueMessages(index, entry, parsed.error));
        return;
      }
      const key = parsed.data.name.toLowerCase();
      if (seen.has(key)) {
        result.problems.push(`${KEY}[${index}].name: "${parsed.data.name}" is already used by an earlier entry; names must be unique`);
        return;
      }
      seen.add(key);
      result.valid.push(parsed.data);
    } catch {
      result.problems.push(`${KEY}[${index}]: could not be read`);
    }
  });
  if (raw.length > 200) result.problems.push(`${KEY}: only the first 200 entries are used`);
  return result;
}

/** The token client's registration for a settings entry (certificate material comes from secret storage). */
export function toClientRegistration(entry: SettingsRegistration): AppRegistration {
  const registration: AppRegistration = {
    name: entry.name,
    clientId: entry.clientId,
    flow: entry.flow,
    scopes: entry.scopes,
  };
  if (entry.authority) registration.authority = entry.authority;
  else {
    registration.cloud = (entry.cloud ?? 'public') satisfies Cloud;
    registration.tenant = entry.tenant ?? 'organizations';
  }
  if (entry.redirectUri) registration.redirectUri = entry.redirectUri;
  if (entry.clientCapabilities?.length) registration.clientCapabilities = entry.clientCapabilities;
  if (entry.certificateThumbprint || entry.certificatePath) {
    registration.certificate = {
      ...(entry.certificateThumbprint ? { thumbprint: entry.certificateThumbprint } : {}),
      ...(entry.certificatePath ? { certPath: entry.certificatePath } : {}),
    };
  }
  return registration;
}

/**
 * Where this registration sends its secret: the authority's host (with port) and tenant (for an
 * authority URL, its whole path, which names the tenant and, for B2C, the policy), and the client id.
 * Compared without case, as hosts, tenant names and GUIDs are.
 */
export function secretBinding(entry: SettingsRegistration): SecretBinding {
  const clientId = entry.clientId.trim().toLowerCase();
  if (entry.authority) {
    const url = new URL(entry.authority);
    return { host: url.host.toLowerCase(), tenant: url.pathname.replace(/^\/+|\/+$/g, '').toLowerCase(), clientId };
  }
  return { host: CLOUD_HOSTS[entry.cloud ?? 'public'], tenant: (entry.tenant ?? 'organizations').toLowerCase(), clientId };
}

export { SECRET_KINDS, secretKey, type SecretBinding, type SecretKey, type SecretKind } from './settings-keys';

// ---------------------------------------------------------------------------------------------
// PEM checks for Import certificate.

const PEM_BLOCK_RE = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n\t ]+?)-----END \1-----/g;

export interface PemCheck {
  ok: boolean;
  /** The first acceptable block, normalised, when ok. */
  pem?: string;
  message?: string;
}

const KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/** Checks that `text` holds a PEM private key (PKCS#8, PKCS#1 RSA or EC) or a certificate. Never throws. */
export function checkPem(text: string, want: 'key' | 'certificate'): PemCheck {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, message: 'The file is empty.' };
  if (text.length > 1_000_000) return { ok: false, message: 'The file is larger than 1 MB; a PEM key or certificate is a few KB.' };
  if (want === 'key' && text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    return { ok: false, message: 'The private key is password-protected. Export it without a password (e.g. openssl pkcs8 -in key.pem -nocrypt -out plain.pem) and import that.' };
  }
  PEM_BLOCK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  const labels: string[] = [];
  while ((m = PEM_BLOCK_RE.exec(text))) {
    const label = m[1]!;
    labels.push(label);
    const body = m[2]!.replace(/\s+/g, '');
    const wanted = want === 'key' ? KEY_LABELS.includes(label) : label === 'CERTIFICATE';
    if (!wanted) continue;
    if (body.length < 64 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
      return { ok: false, message: `The ${label} block is not valid base64.` };
    }
    const lines = body.match(/.{1,64}/g) ?? [];
    return { ok: true, pem: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n` };
  }
  if (labels.length === 0) return { ok: false, message: `No PEM block found; expected a file starting with -----BEGIN ${want === 'key' ? 'PRIVATE KEY' : 'CERTIFICATE'}-----.` };
  return { ok: false, message: `Found ${labels.join(', ')} but no ${want === 'key' ? 'private key' : 'certificate'}.` };
}
