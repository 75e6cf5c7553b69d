// Hover content for the three things Auth Lens recognises on a log line: an AADSTS code, an OAuth
// `error` value and a JWT. Pure: the extension turns the returned Markdown into a MarkdownString
// that trusts exactly the command ids passed in here.
import { type CatalogEntry, type Category, type Actor, type AppAction, type DecodedToken, type Vocabulary, VOCABULARIES } from '../types';
import { commandUri, escapeMarkdown } from './escape';
import { entryTitle, expiryWords, fixLine, formatDecodedToken, inlineCode, lookupLine, numberedList, undocumentedNote } from './markdown';
import { actorLabel, appActionLabel, categoryLabel } from './labels';

/** Fix steps a code hover lists before pointing to the panel. */
export const HOVER_MAX_FIXES = 3;

/** What the hover's command links carry: never log text or a token, only what identifies the target. */
export type HoverCommandArgs =
  | { kind: 'code'; code: number }
  | { kind: 'entry'; vocabulary: Vocabulary; code: string }
  | { kind: 'error'; error: string }
  | { kind: 'token'; uri: string; line: number; start: number; end: number };

export interface HoverCommands {
  /** Command id that opens the target in the panel (e.g. authLens.openInPanel). */
  open: string;
  /** Command id that copies a plain explanation (e.g. authLens.copyExplanation). */
  copy: string;
}

export interface HoverOptions {
  commands: HoverCommands;
  /** `authLens.lookup.online`: make the official lookup a clickable link. */
  onlineLookup: boolean;
  now?: Date;
}

export interface OAuthErrorSummary {
  summary: string;
  category: Category;
  actor: Actor;
  appAction: AppAction;
  retryable: boolean;
}

function commandLinks(commands: HoverCommands, args: HoverCommandArgs): string {
  return (
    `[$(link-external) Open in Auth Lens](${commandUri(commands.open, [args])} "Open in the Auth Lens panel")` +
    ' \u00a0\u00b7\u00a0 ' +
    `[$(copy) Copy explanation](${commandUri(commands.copy, [args])} "Copy a plain-text explanation")`
  );
}

export function buildCodeHover(entry: CatalogEntry, options: HoverOptions): string {
  const parts = [
    `**${escapeMarkdown(entryTitle(entry))}**`,
    escapeMarkdown(entry.summary, 1_000),
    `*Category:* ${escapeMarkdown(categoryLabel(entry.category))} \u00a0 *Who acts:* ${escapeMarkdown(actorLabel(entry.actor))}`,
  ];
  if (!entry.documented) parts.push(undocumentedNote(entry));
  if (entry.fixes.length > 0) {
    parts.push(`*First steps*\n\n${numberedList(entry.fixes.map(fixLine), HOVER_MAX_FIXES)}`);
  }
  parts.push(lookupLine(entry.url, options.onlineLookup));
  parts.push(
    commandLinks(
      options.commands,
      entry.vocabulary === 'aadsts' ? { kind: 'code', code: Number(entry.code) } : { kind: 'entry', vocabulary: entry.vocabulary, code: entry.code },
    ),
  );
  return parts.join('\n\n');
}

export function buildErrorHover(error: string, info: OAuthErrorSummary, options: HoverOptions): string {
  return [
    `**OAuth error \`${inlineCode(error, 60)}\`**`,
    escapeMarkdown(info.summary, 1_000),
    `*Category:* ${escapeMarkdown(categoryLabel(info.category))} \u00a0 *Who acts:* ${escapeMarkdown(actorLabel(info.actor))}`,
    `*What the app should do:* ${escapeMarkdown(appActionLabel(info.appAction))}${info.retryable ? ' (the same request can succeed later)' : ''}`,
    'Apps should react to this value (and `suberror`), not to the AADSTS number or the description text.',
    commandLinks(options.commands, { kind: 'error', error }),
  ].join('\n\n');
}

export interface TokenLocation {
  uri: string;
  /** 0-based line and columns of the token in the document. */
  line: number;
  start: number;
  end: number;
}

export function buildTokenHover(token: DecodedToken, location: TokenLocation, options: HoverOptions): string {
  const body = formatDecodedToken(token, { now: options.now });
  const expiry = expiryWords(token, options.now);
  const parts = [body];
  if (!expiry && token.kind === 'jwt') parts.push('*No expiry (exp) claim.*');
  parts.push(commandLinks(options.commands, { kind: 'token', ...location }));
  return parts.join('\n\n');
}

/** Parses the argument of a hover command link back; undefined for anything malformed. */
export function parseHoverCommandArgs(value: unknown): HoverCommandArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === 'code' && typeof v.code === 'number' && Number.isSafeInteger(v.code) && v.code >= 0) return { kind: 'code', code: v.code };
  if (
    v.kind === 'entry' &&
    typeof v.code === 'string' &&
    /^[\w.:/ -]{1,80}$/.test(v.code) &&
    typeof v.vocabulary === 'string' &&
    (VOCABULARIES as readonly string[]).includes(v.vocabulary)
  ) {
    return { kind: 'entry', vocabulary: v.vocabulary as Vocabulary, code: v.code };
  }
  if (v.kind === 'error' && typeof v.error === 'string' && /^[a-z_]{1,60}$/.test(v.error)) return { kind: 'error', error: v.error };
  if (
    v.kind === 'token' &&
    typeof v.uri === 'string' &&
    v.uri.length < 8_000 &&
    [v.line, v.start, v.end].every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) &&
    (v.end as number) > (v.start as number)
  ) {
    return { kind: 'token', uri: v.uri, line: v.line as number, start: v.start as number, end: v.end as number };
  }
  return undefined;
}
