// The heavy half of the hover, loaded on the first hover: find what is under the cursor (bounded
// window on one line), look it up (catalog, OAuth error table, token decoder) and build the Markdown.
// No vscode import and no network: the activation bundle wraps the result in a MarkdownString.
import { describeCode, OAUTH_ERRORS, OAUTH_SUBERRORS } from '../../core/catalog/describe';
import { lookupValue } from '../../core/catalog/index';
import { findMsalLogCode } from '../../core/catalog/msal-log-strings';
import { escapeMarkdown } from '../../core/format/escape';
import { buildCodeHover, buildErrorHover, buildTokenHover } from '../../core/format/hover';
import { buildMsalLogHover } from '../../core/format/msal-log-hover';
import { decodeToken } from '../../core/jwt/decode';
import { findAtPosition } from '../../core/scan/index';
import { COMMANDS } from '../commands';
import type { HoverModule } from '../extension';

export interface HoverResult {
  markdown: string;
  /** 0-based columns of the hovered item on its line (end exclusive). */
  start: number;
  end: number;
}

export interface ComputeHoverOptions {
  onlineLookup: boolean;
  /** Document URI and 0-based line, carried by the token hover's command links instead of the token. */
  uri: string;
  line: number;
  now?: Date;
}

const HOVER_COMMANDS = { open: COMMANDS.openInPanel.id, copy: COMMANDS.copyExplanation.id };

/** Longest JWT a hover decodes; real Entra tokens are a few KB. */
const MAX_TOKEN_CHARS = 16 * 1024;

/**
 * Hover Markdown for the item under `column` on `lineText`, or undefined when there is nothing Auth
 * Lens explains there. Never throws; cost is bounded by the scanner's window, not the line length.
 */
export function computeHover(lineText: string, column: number, options: ComputeHoverOptions): HoverResult | undefined {
  try {
    const hoverOptions = { commands: HOVER_COMMANDS, onlineLookup: options.onlineLookup, ...(options.now ? { now: options.now } : {}) };
    const item = findAtPosition(lineText, column);
    if (!item || (item.kind === 'error' && !Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, item.value))) {
      return msalLogHover(lineText, column) ?? libraryHover(lineText, column, hoverOptions);
    }
    switch (item.kind) {
      case 'aadsts': {
        const code = item.code ?? Number(item.value.replace(/\D/g, ''));
        if (!Number.isSafeInteger(code)) return undefined;
        // The error value on the same line (if any) lets describeCode explain undocumented codes.
        const context = errorContext(lineText, item.start);
        return { markdown: buildCodeHover(describeCode(code, context), hoverOptions), start: item.start, end: item.end };
      }
      case 'error': {
        const info = Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, item.value) ? OAUTH_ERRORS[item.value] : undefined;
        if (!info) return undefined;
        return { markdown: buildErrorHover(item.value, info, hoverOptions), start: item.start, end: item.end };
      }
      case 'jwt': {
        if (item.value.length > MAX_TOKEN_CHARS) return undefined;
        const token = decodeToken(item.value, options.now);
        if (token.kind === 'invalid') return undefined;
        return {
          markdown: buildTokenHover(token, { uri: options.uri, line: options.line, start: item.start, end: item.end }, hoverOptions),
          start: item.start,
          end: item.end,
        };
      }
      default:
        // Correlation IDs are found by the scanner but need no explanation on hover.
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** The minified code of an msal-browser 5 console line, when the cursor is on it. */
function msalLogHover(lineText: string, column: number): HoverResult | undefined {
  const found = findMsalLogCode(lineText);
  if (!found || column < found.start || column > found.start + 6) return undefined;
  return { markdown: buildMsalLogHover(found), start: found.start, end: found.start + 6 };
}

/** The longest code a library or API uses; a longer word under the cursor is not one. */
const MAX_WORD = 80;

/**
 * Names that are also ordinary language words or exception types (Python's ValueError, .NET's
 * Exception): hovering them in source code must not claim they are MSAL's.
 */
const TOO_COMMON = new Set(['none', 'error', 'exception', 'valueerror', 'runtimeerror', 'importerror', 'typeerror', 'keyerror', 'unauthorized', 'forbidden']);

/** A library's or an API's error code under the cursor (interaction_in_progress, AuthorizationFailed). */
function libraryHover(lineText: string, column: number, hoverOptions: Parameters<typeof buildCodeHover>[1]): HoverResult | undefined {
  const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  let start = Math.min(column, lineText.length);
  let end = start;
  while (start > 0 && column - start < MAX_WORD && isWord(lineText.charCodeAt(start - 1))) start--;
  while (end < lineText.length && end - column < MAX_WORD && isWord(lineText.charCodeAt(end))) end++;
  const word = lineText.slice(start, end);
  // Codes are snake_case values or names of at least two words (PascalCase, camelCase): never a
  // short or single plain word, which would make every other identifier a hover.
  if (word.length < 6 || word.length > MAX_WORD || TOO_COMMON.has(word.toLowerCase())) return undefined;
  if (!word.includes('_') && !/[a-z][A-Z]/.test(word)) return undefined;
  // OAuth values are explained only where a log writes them as an error; here they are plain words.
  if (Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, word) || Object.prototype.hasOwnProperty.call(OAUTH_SUBERRORS, word)) return undefined;
  const matches = lookupValue(word).filter((e) => e.vocabulary !== 'aadsts' && e.vocabulary !== 'oauth');
  // Several entries can share a code (ManagedIdentityCredential's many failures): the one whose
  // message fragments are on this line is the one meant.
  const lower = lineText.slice(0, 4096).toLowerCase();
  const entry = matches.find((e) => (e.patterns ?? []).some((p) => lower.includes(p))) ?? matches[0];
  if (!entry) return undefined;
  let markdown = buildCodeHover(entry, hoverOptions);
  const others = [...new Set(matches.slice(1).map((e) => e.source).filter((s) => s !== entry.source))];
  if (others.length > 0) markdown += `\n\n*Also used by:* ${others.slice(0, 4).map(escapeMarkdown).join(', ')}`;
  return { markdown, start, end };
}

const NEARBY = 512;

function errorContext(lineText: string, at: number): { error: string } | undefined {
  const from = Math.max(0, at - NEARBY);
  const window = lineText.slice(from, Math.min(lineText.length, at + NEARBY));
  const match = /["']?error["']?\s{0,4}[:=]\s{0,4}["']?([a-z_]{3,40})/.exec(window);
  return match?.[1] && Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, match[1]) ? { error: match[1] } : undefined;
}

// Compile-time proof that this module is what the activation bundle expects to require.
const moduleShape: HoverModule = { computeHover };
void moduleShape;
