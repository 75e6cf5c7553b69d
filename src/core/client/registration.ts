// The shape of one app registration / token request, validated with zod. The extension's settings
// validation (`authLens.appRegistrations`) and the CLI's `--profile` files reuse this schema, so a
// mistake is reported the same way everywhere: by field name.
import { GUID_RE } from '../guid';
import { z } from 'zod';

export const FLOWS = ['client_credentials', 'client_certificate', 'device_code', 'auth_code_pkce', 'refresh_token'] as const;
export type Flow = (typeof FLOWS)[number];

export const CLOUDS = ['public', 'usgov', 'china'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Login hosts of the national clouds Auth Lens knows without discovery. */
export const CLOUD_HOSTS: Record<Cloud, string> = {
  public: 'login.microsoftonline.com',
  usgov: 'login.microsoftonline.us',
  china: 'login.chinacloudapi.cn',
};

// A DNS name with at least one dot, e.g. contoso.onmicrosoft.com; labels of letters, digits and hyphens.
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

export function isValidTenant(tenant: string): boolean {
  return ['common', 'organizations', 'consumers'].includes(tenant.toLowerCase()) || GUID_RE.test(tenant) || DOMAIN_RE.test(tenant);
}

const tenantSchema = z
  .string()
  .trim()
  .min(1, 'tenant must not be empty')
  .refine(isValidTenant, {
    message: 'tenant must be a GUID, a domain such as contoso.onmicrosoft.com, or one of common, organizations, consumers',
  });

const authoritySchema = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      } catch {
        return false;
      }
    },
    { message: 'authority must be an https URL (plain http is accepted only for 127.0.0.1, ::1 or localhost)' },
  );

const endpointSchema = authoritySchema;

export const CertificateSettingsSchema = z
  .object({
    /** Path to the PEM certificate (public part). Its SHA-256 thumbprint goes into the x5t#S256 header. */
    certPath: z.string().min(1, 'certificate.certPath must not be empty').optional(),
    /** Path to the PEM private key (PKCS#8 or PKCS#1 RSA). */
    keyPath: z.string().min(1, 'certificate.keyPath must not be empty').optional(),
    /** SHA-1 (40 hex) or SHA-256 (64 hex) thumbprint, checked against the certificate when both are given. */
    thumbprint: z
      .string()
      .trim()
      .regex(/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'certificate.thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex characters')
      .optional(),
    algorithm: z.enum(['RS256', 'PS256']).optional(),
  })
  .strict();

/**
 * One app registration as the user configures it (no secrets: client secrets come from the
 * environment, stdin or VS Code's secret storage; refresh tokens from the caller).
 */
export const AppRegistrationSchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').optional(),
    cloud: z.enum(CLOUDS).optional(),
    /**
     * Full authority URL. Entra (`https://login.microsoftonline.com/{tenant}`), B2C
     * (`https://{t}.b2clogin.com/{t}.onmicrosoft.com/{policy}`), External ID
     * (`https://{t}.ciamlogin.com/{tenant}`) or any OpenID Connect issuer (discovered).
     */
    authority: authoritySchema.optional(),
    tenant: tenantSchema.optional(),
    clientId: z.string().trim().min(1, 'clientId is required'),
    flow: z.enum(FLOWS),
    scopes: z
      .array(z.string().trim().min(1, 'scopes must not contain empty strings'))
      .min(1, 'scopes needs at least one scope, e.g. https://graph.microsoft.com/.default'),
    redirectUri: z.string().trim().url('redirectUri must be a URL such as http://localhost').optional(),
    certificate: CertificateSettingsSchema.optional(),
    /** Client capabilities (e.g. ["cp1"]) sent in the claims parameter. */
    clientCapabilities: z.array(z.string().trim().min(1)).optional(),
    /** Send an Origin header on the token request (single-page app registrations require one). */
    spaOrigin: z.string().trim().url('spaOrigin must be an origin such as http://localhost:3000').optional(),
    /** Explicit endpoints for OpenID Connect issuers that have no discovery document. */
    endpoints: z
      .object({
        token: endpointSchema.optional(),
        deviceAuthorization: endpointSchema.optional(),
        authorization: endpointSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.authority && value.cloud) {
      ctx.addIssue({ code: 'custom', path: ['cloud'], message: 'give either cloud (+ tenant) or authority, not both' });
    }
    if (value.authority && value.tenant) {
      ctx.addIssue({ code: 'custom', path: ['tenant'], message: 'tenant is part of authority; give one or the other' });
    }
    if ((value.flow === 'client_credentials' || value.flow === 'client_certificate') && !value.authority && !value.endpoints?.token) {
      const tenant = value.tenant?.toLowerCase();
      if (!tenant || tenant === 'common' || tenant === 'consumers') {
        ctx.addIssue({
          code: 'custom',
          path: ['tenant'],
          message: `${value.flow} needs a specific tenant (GUID or domain) or organizations; common and consumers cannot issue app-only tokens`,
        });
      }
    }
    // Certificate material may come from files (certificate.certPath / keyPath) or from the caller's
    // secret storage (credentials.certificatePem / privateKeyPem); TokenRequestSchema checks the pair.
  });

export type AppRegistration = z.infer<typeof AppRegistrationSchema>;

/** Secrets and per-call inputs, kept apart from the settings so they are never persisted with them. */
export const CredentialsSchema = z
  .object({
    clientSecret: z.string().min(1, 'clientSecret must not be empty').optional(),
    /** PEM texts, when the caller already read the files (the CLI and tests do). */
    certificatePem: z.string().optional(),
    privateKeyPem: z.string().optional(),
    refreshToken: z.string().min(1, 'refreshToken must not be empty').optional(),
    /** A claims challenge (JSON text, or base64 from WWW-Authenticate) to pass back. */
    claimsChallenge: z.string().optional(),
  })
  .strict();
export type Credentials = z.infer<typeof CredentialsSchema>;

export const TokenRequestSchema = z
  .object({
    settings: AppRegistrationSchema,
    credentials: CredentialsSchema.default({}),
  })
  .superRefine((value, ctx) => {
    if (value.settings.flow !== 'client_certificate') return;
    if (!value.settings.certificate?.certPath && !value.credentials.certificatePem) {
      ctx.addIssue({
        code: 'custom',
        path: ['settings', 'certificate', 'certPath'],
        message: 'client_certificate needs the certificate: certificate.certPath (a PEM file) or credentials.certificatePem',
      });
    }
    if (!value.settings.certificate?.keyPath && !value.credentials.privateKeyPem) {
      ctx.addIssue({
        code: 'custom',
        path: ['settings', 'certificate', 'keyPath'],
        message: 'client_certificate needs the private key: certificate.keyPath (a PEM file) or credentials.privateKeyPem',
      });
    }
  });
export type TokenRequest = z.input<typeof TokenRequestSchema>;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === '127.0.0.1' || h === '::1' || h === 'localhost';
}

/** Field-named messages from a zod error, e.g. "settings.scopes: scopes needs at least one scope". */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Limits applied before zod sees a value. Real registrations are a few hundred bytes; settings files,
 * profiles and webview messages are untrusted, so a huge or hostile value is refused by a cheap walk
 * (lengths only, no scanning) instead of letting the schema trim and regex megabytes.
 */
export interface SettingsLimits {
  maxStringLength: number;
  maxListLength: number;
  maxKeys: number;
  maxDepth: number;
  maxTotalChars: number;
}

export const SETTINGS_LIMITS: Readonly<SettingsLimits> = Object.freeze({
  /** Longest text in a registration: URLs, file paths, names, scopes. */
  maxStringLength: 4_096,
  /** Longest list (scopes, client capabilities). */
  maxListLength: 256,
  /** Most fields in one object. */
  maxKeys: 64,
  /** Deepest nesting (registration → endpoints / certificate is 2). */
  maxDepth: 6,
  /** Total characters of all keys and texts together. */
  maxTotalChars: 64 * 1024,
});

/** Secrets may be whole PEM chains or long refresh tokens, so credentials get a larger text limit. */
const CREDENTIAL_LIMITS: Readonly<SettingsLimits> = Object.freeze({ ...SETTINGS_LIMITS, maxStringLength: 256 * 1024, maxTotalChars: 1024 * 1024 });

/**
 * Copies `input` into plain data (objects, arrays, primitives), reading every property once inside a
 * try so a throwing getter or Proxy trap becomes a message. Returns the copy, or the problems found;
 * never throws. Secrets are never echoed: messages name the field and the limit, not the value.
 */
export function plainCopy(input: unknown, limits: Readonly<SettingsLimits> = SETTINGS_LIMITS, prefix: string[] = []): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  let total = 0;
  const name = (path: string[]) => (path.length ? path.join('.') : 'the registration');
  const copy = (value: unknown, path: string[], depth: number): unknown => {
    if (errors.length > 0) return undefined;
    if (typeof value === 'string') {
      total += value.length;
      if (value.length > limits.maxStringLength) errors.push(`${name(path)}: longer than ${limits.maxStringLength} characters (${value.length}); this cannot be a real value`);
      else if (total > limits.maxTotalChars) errors.push(`${name(path)}: the registration holds more than ${limits.maxTotalChars} characters in all; this cannot be a real registration`);
      return value;
    }
    if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return value;
    if (typeof value !== 'object') {
      errors.push(`${name(path)}: must be text, a number, true/false, a list or an object, not a ${typeof value}`);
      return undefined;
    }
    if (depth >= limits.maxDepth) {
      errors.push(`${name(path)}: nested more than ${limits.maxDepth} levels deep`);
      return undefined;
    }
    try {
      if (Array.isArray(value)) {
        const length = value.length;
        if (length > limits.maxListLength) {
          errors.push(`${name(path)}: a list of ${length} items; at most ${limits.maxListLength} are accepted`);
          return undefined;
        }
        const out: unknown[] = [];
        for (let i = 0; i < length && errors.length === 0; i++) out.push(copy(value[i], [...path, String(i)], depth + 1));
        return out;
      }
      const keys = Object.keys(value);
      if (keys.length > limits.maxKeys) {
        errors.push(`${name(path)}: an object with ${keys.length} fields; at most ${limits.maxKeys} are accepted`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        if (errors.length > 0) break;
        total += key.length;
        if (key.length > limits.maxStringLength || total > limits.maxTotalChars) {
          errors.push(`${name(path)}: a field name longer than ${limits.maxStringLength} characters or too much text in all`);
          break;
        }
        let field: unknown;
        try {
          field = (value as Record<string, unknown>)[key];
        } catch {
          errors.push(`${name([...path, key])}: could not be read (its getter failed); give plain JSON data`);
          break;
        }
        // defineProperty keeps "__proto__" an ordinary field instead of changing the copy's prototype.
        Object.defineProperty(out, key, { value: copy(field, [...path, key], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    } catch {
      errors.push(`${name(path)}: could not be read; give plain JSON data`);
      return undefined;
    }
  };
  const value = copy(input, prefix, 0);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** Validates one app registration; never throws, and refuses huge or unreadable input before zod walks it. */
export function validateAppRegistration(input: unknown): ValidationResult<AppRegistration> {
  try {
    const plain = plainCopy(input);
    if (!plain.ok) return plain;
    const parsed = AppRegistrationSchema.safeParse(plain.value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: formatIssues(parsed.error) };
  } catch (error) {
    // The copy is plain data, so this is not expected; still, the promise is "never throws".
    return { ok: false, errors: [`the registration could not be checked: ${error instanceof Error ? error.name : 'unexpected value'}`] };
  }
}

/** Validates a whole token request (settings + credentials) the same way; never throws. */
export function validateTokenRequest(input: unknown): ValidationResult<z.output<typeof TokenRequestSchema>> {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, errors: ['the token request must be an object with settings (and credentials)'] };
    }
    let settings: unknown;
    let credentials: unknown;
    try {
      settings = (input as Record<string, unknown>).settings;
      credentials = (input as Record<string, unknown>).credentials;
    } catch {
      return { ok: false, errors: ['the token request could not be read (a getter failed); give plain data'] };
    }
    // Each part gets its own limits: settings are small, credentials may hold PEM chains.
    const plainSettings = plainCopy(settings, SETTINGS_LIMITS, ['settings']);
    const plainCredentials = plainCopy(credentials, CREDENTIAL_LIMITS, ['credentials']);
    const errors = [...(plainSettings.ok ? [] : plainSettings.errors), ...(plainCredentials.ok ? [] : plainCredentials.errors)];
    if (!plainSettings.ok || !plainCredentials.ok) return { ok: false, errors };
    const parsed = TokenRequestSchema.safeParse({ settings: plainSettings.value, credentials: plainCredentials.value });
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: formatIssues(parsed.error) };
  } catch (error) {
    return { ok: false, errors: [`the token request could not be checked: ${error instanceof Error ? error.name : 'unexpected value'}`] };
  }
}
