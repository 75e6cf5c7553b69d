// The shape of the "Token vs API" data (./advice.json): the APIs Auth Lens knows (hosts, audiences, the
// scope to request, the built-in RBAC roles of their data plane) and the problems an API's refusal can
// mean, each with its advice steps. Sentences are data, not code; this schema checks them in
// test/unit/api-advice.test.ts and is the source of their types. The product does not run the schema.
import { z } from 'zod';
import { WHO } from '../types';

export const API_IDS = ['graph', 'arm', 'key-vault', 'storage', 'custom'] as const;
export type ApiId = (typeof API_IDS)[number];

export const PROBLEM_IDS = [
  'no_token',
  'not_access_token',
  'graph_token_elsewhere',
  'wrong_audience',
  'expired',
  'not_yet_valid',
  'wrong_tenant',
  'issuer_version',
  'bad_signature',
  'claims_challenge',
  'scope_missing',
  'app_role_missing',
  'permission_missing',
  'rbac_role_missing',
  'access_policy_missing',
  'network_rule',
  'unrecognised',
] as const;
export type ProblemId = (typeof PROBLEM_IDS)[number];

/** Placeholders a sentence may use; diagnose.ts always supplies a value (a generic phrase when it knows none). */
export const PLACEHOLDERS = [
  'api',
  'scope',
  'aud',
  'expected',
  'tenant',
  'tokenTenant',
  'roles',
  'resourceScope',
  'principal',
  'action',
  'permission',
  'scp',
  'roleClaims',
  'exp',
  'nbf',
  'client',
  'code',
  'issuer',
  'validIssuer',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const sentence = z
  .string()
  .min(8)
  .max(600)
  .refine((s) => [...s.matchAll(/\{([A-Za-z]+)\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!)), 'unknown {placeholder}');

export const roleSchema = z.strictObject({
  name: z.string().min(3).max(80),
  /** The part of the API the role covers: Key Vault secrets/keys/certificates, a Storage service, or "any". */
  area: z.enum(['secrets', 'keys', 'certificates', 'blob', 'queue', 'table', 'file', 'any']),
  /** read: reads (and, for keys, cryptographic use); write: changes too. */
  access: z.enum(['read', 'write']),
});

export const apiSchema = z.strictObject({
  id: z.enum(API_IDS),
  name: z.string().min(3).max(60),
  /** Exact host names, lower case. */
  hosts: z.array(z.string().min(3)),
  /** Host suffixes (".vault.azure.net"), lower case. */
  hostSuffixes: z.array(z.string().startsWith('.')),
  /** Every aud value this API accepts (v1 identifier URIs with and without the slash, the app id). */
  audiences: z.array(z.string().min(3)),
  /** The scope a client requests for a token this API accepts (in the public cloud). */
  scope: z.string().nullable(),
  /** The scope for a host (or host suffix) of another cloud: US Government, 21Vianet (China), Managed HSM. */
  scopeByHost: z.record(z.string(), z.string().regex(/^https:\/\/[a-z.-]+\/\.default$/)),
  /** Built-in Azure roles of the data plane, most specific first. */
  roles: z.array(roleSchema),
});

export const stepSchema = z.strictObject({
  text: sentence,
  who: z.enum(WHO),
  /** Only for these APIs. */
  apis: z.array(z.enum(API_IDS)).optional(),
  /** Only when the token was (app) or was not (user) app-only; shown either way when the token is unknown. */
  caller: z.enum(['app', 'user']).optional(),
  /** Only when a token was (true) or was not (false) available to Auth Lens. */
  token: z.boolean().optional(),
});

export const problemSchema = z.strictObject({
  id: z.enum(PROBLEM_IDS),
  title: z.string().min(5).max(80),
  summary: sentence,
  /** Catalog entries that mean this problem, as "vocabulary:code" or "vocabulary:code:name". */
  entries: z.array(z.string().regex(/^[a-z-]+:[^:]+(?::.+)?$/)),
  /** Lower-case fragments of an API's message that mean this problem (IDX codes, fixed phrases). */
  fragments: z.array(z.string().min(4)),
  steps: z.array(stepSchema).min(1).max(10),
});

export const adviceFileSchema = z.strictObject({
  description: z.string().min(8),
  apis: z.array(apiSchema).min(5),
  problems: z.array(problemSchema).length(PROBLEM_IDS.length),
});

export type ApiData = z.infer<typeof apiSchema>;
export type RoleData = z.infer<typeof roleSchema>;
export type ProblemData = z.infer<typeof problemSchema>;
export type StepData = z.infer<typeof stepSchema>;
export type AdviceFile = z.infer<typeof adviceFileSchema>;
