// Protocol records for the token views: a signature verification (Claims), a comparison of two tokens
// (Compare tokens) and the diagnosis of an API's refusal (Token vs API). Kept beside protocol.ts, which
// puts them in its message unions; the `satisfies`-style checks below keep them in step with the core
// types. Runs in Node and in the browser.
import * as z from 'zod';
import type { ApiDiagnosis } from './core/api/diagnose';
import { API_IDS, PROBLEM_IDS } from './core/api/schema';
import type { TokenComparison } from './core/jwt/compare';
import type { SignatureCheck, ValidationCheck } from './core/jwt/verify';
import { WHO } from './core/types';

const shortText = z.string().max(1_000);
const text = z.string().max(20_000);

export const SignatureCheckSchema = z.object({
  status: z.enum(['valid', 'invalid', 'key_not_found', 'alg_not_allowed', 'unverifiable']),
  alg: shortText.nullable(),
  kid: shortText.nullable(),
  keySource: z.string().max(4_000).nullable(),
  reason: text,
});

export const ValidationCheckSchema = z.object({
  check: z.enum(['exp', 'nbf', 'aud', 'iss', 'ver', 'tid']),
  ok: z.boolean().nullable(),
  detail: text,
});

export const VerificationSchema = z.object({
  signature: SignatureCheckSchema,
  validation: z.array(ValidationCheckSchema).max(20),
  /** Whether keys could be fetched (the authLens.lookup.online setting), so the view can say why not. */
  online: z.boolean(),
});
export type VerificationView = z.infer<typeof VerificationSchema>;

const ComparedTokenSchema = z.object({ description: text, problem: text.nullable() });

export const TokenComparisonSchema = z.object({
  a: ComparedTokenSchema,
  b: ComparedTokenSchema,
  differences: z
    .array(z.object({ claim: shortText, a: z.unknown(), b: z.unknown(), matters: z.boolean(), why: text }))
    .max(500),
});

export const TokenFindingSchema = z.object({ check: shortText, ok: z.boolean().nullable(), detail: text });

export const ApiDiagnosisFields = {
  api: z.object({
    id: z.enum(API_IDS),
    name: shortText,
    host: shortText.nullable(),
    scope: shortText.nullable(),
    recognisedBy: z.enum(['host', 'error code', 'challenge', 'body', 'token']).nullable(),
  }),
  httpStatus: z.number().int().min(0).max(999).nullable(),
  errorCode: shortText.nullable(),
  problem: z.enum(PROBLEM_IDS),
  title: shortText,
  summary: text,
  steps: z.array(z.object({ text, who: z.enum(WHO) })).max(20),
  tokenSource: z.enum(['request', 'given']).nullable(),
  token: text.nullable(),
  tokenFindings: z.array(TokenFindingSchema).max(40),
};

// Compile-time proof that the schemas carry the core records (fails to type-check on drift). The
// comparison's claim values are `unknown`, which zod infers as optional, so only its shape is checked.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DiagnosisWithoutClassification = Omit<ApiDiagnosis, 'classification'>;
const schemasMatchTypes: [
  Same<z.infer<typeof SignatureCheckSchema>, SignatureCheck>,
  Same<z.infer<typeof ValidationCheckSchema>, ValidationCheck>,
  Same<z.infer<z.ZodObject<typeof ApiDiagnosisFields>>, DiagnosisWithoutClassification>,
  Same<Omit<z.infer<typeof TokenComparisonSchema>, 'differences'>, Omit<TokenComparison, 'differences'>>,
] = [true, true, true, true];
void schemasMatchTypes;
