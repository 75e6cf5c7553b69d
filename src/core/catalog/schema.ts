// The one shape of every catalog entry, in every vocabulary. The JSON files under ./vocab are data;
// this schema checks them (test/unit/catalog-data.test.ts) and is the source of their types. The
// product never runs the schema: hovers must not load zod, and the files are checked before release.
import { z } from 'zod';
import { ACTORS, APP_ACTIONS, CATEGORIES, VOCABULARIES, WHO } from '../types';

export { VOCABULARIES, WHO, type Vocabulary, type Who } from '../types';

const sentence = z.string().min(8).max(600);

export const fixStepSchema = z.strictObject({
  text: sentence,
  who: z.enum(WHO),
});

export const entrySchema = z.strictObject({
  /** What the developer sees: the AADSTS number as digits, the error value, or the error code name. */
  code: z.string().min(1).max(80),
  /** Other spellings that mean this entry: a constant's name (MsalError.X, BrowserAuthErrorCodes.x), an exception type. */
  aliases: z.array(z.string().min(1).max(120)).optional(),
  /** The name Microsoft gives it (AADSTS PascalCase name, the constant name), or null. */
  name: z.string().min(1).max(120).nullable(),
  /** Which library or service raises it ("@azure/msal-browser", "Microsoft.Identity.Client", "msal (PyPI)", "graph.microsoft.com"). */
  source: z.string().min(1).max(80),
  /** The error class or wrapper it usually arrives in (BrowserAuthError, MsalServiceException, ValueError), if any. */
  errorType: z.string().min(1).max(80).optional(),
  /**
   * Short, distinctive, lower-case fragments of the library's fixed message, for text that carries no
   * code (MSAL Python's "state mismatch"). Facts used for matching only; never shown as an explanation.
   */
  patterns: z.array(z.string().min(6).max(160)).optional(),
  summary: sentence,
  causes: z.array(sentence).min(1).max(8),
  fixes: z.array(fixStepSchema).min(1).max(8),
  category: z.enum(CATEGORIES),
  /** Who acts first. */
  actor: z.enum(ACTORS),
  /** What the calling app should do; derived from the category when absent. */
  appAction: z.enum(APP_ACTIONS).optional(),
  /** Would the very same request succeed later without any change. */
  retryable: z.boolean(),
  /** The official page for this error, when there is one. */
  url: z.string().url().nullable(),
  /** True when Microsoft documents the value (a published list, the library's source); false when inferred. */
  documented: z.boolean(),
  /** Where the value was seen (repository path, docs page, public issue); required when documented is false. */
  evidence: z.string().min(8).max(400).optional(),
});

export const vocabularyFileSchema = z.strictObject({
  vocabulary: z.enum(VOCABULARIES),
  /** One line on what this vocabulary is and where its facts come from. */
  description: z.string().min(8).max(600),
  entries: z.array(entrySchema).min(1),
});

export type FixStep = z.infer<typeof fixStepSchema>;
export type CatalogEntryData = z.infer<typeof entrySchema>;
export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;
