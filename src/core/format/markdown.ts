// Markdown for the shared records. Hover, report and panel copy all render through these functions,
// so a code reads the same wherever it is shown. Catalog and classifier text is the project's own and
// is still escaped: it can quote the input (a scope, a tenant name) and escaping costs nothing.
import { type CatalogEntry, type Classification, type DecodedToken, entryLabel, type FixStep } from '../types';
import { escapeMarkdown, markdownLink } from './escape';
import { actorLabel, appActionLabel, categoryLabel, relativeSeconds } from './labels';

export interface EntryFormatOptions {
  /** How many fix steps to list (all when undefined). */
  maxFixes?: number;
  /** Show causes as well as fixes. */
  includeCauses?: boolean;
  /**
   * When true the official lookup page is a clickable link; when false it is shown as plain text, so
   * nothing in the rendered Markdown invites a request to the network (`authLens.lookup.online`).
   */
  onlineLookup?: boolean;
}

/** `AADSTS50076 · UserStrongAuthClientAuthNRequired`, `interaction_in_progress · @azure/msal-browser` */
export function entryTitle(entry: Pick<CatalogEntry, 'vocabulary' | 'code' | 'name'> & { source?: string }): string {
  const label = entryLabel(entry);
  if (entry.vocabulary === 'aadsts') return entry.name ? `${label} \u00b7 ${entry.name}` : label;
  const name = entry.name && entry.name !== entry.code ? ` (${entry.name})` : '';
  return entry.source ? `${label}${name} \u00b7 ${entry.source}` : `${label}${name}`;
}

/** A fix step as one line that starts with who acts: "Admin: grant consent …". */
export function fixLine(fix: FixStep): string {
  return `${fix.who.charAt(0).toUpperCase()}${fix.who.slice(1)}: ${fix.text}`;
}

/** The official lookup page, as a link or (offline) as inert text. */
export function lookupLine(url: string | null, online: boolean): string {
  if (url === null) return 'No official page documents this value.';
  if (online) return `Official lookup: ${markdownLink(url.replace(/^https:\/\//, ''), url, 'Microsoft error lookup')}`;
  // A code span is never turned into a link, so the address stays readable and copyable but inert.
  return `Official lookup: \`${inlineCode(url.replace(/^https:\/\//, ''))}\` (links are off: \`authLens.lookup.online\`)`;
}

export function bulletList(items: readonly string[], max?: number): string {
  const shown = max === undefined ? items : items.slice(0, max);
  const lines = shown.map((item) => `- ${escapeMarkdown(item, 1_000)}`);
  if (max !== undefined && items.length > max) lines.push(`- \u2026 ${items.length - max} more in the panel`);
  return lines.join('\n');
}

export function numberedList(items: readonly string[], max?: number): string {
  const shown = max === undefined ? items : items.slice(0, max);
  return shown.map((item, i) => `${i + 1}. ${escapeMarkdown(item, 2_000)}`).join('\n');
}

/** A catalog entry as Markdown: title, summary, category and actor, fixes, lookup link. */
export function formatCatalogEntry(entry: CatalogEntry, options: EntryFormatOptions = {}): string {
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(entryTitle(entry))}**`);
  parts.push(escapeMarkdown(entry.summary, 2_000));
  parts.push(
    `*Category:* ${escapeMarkdown(categoryLabel(entry.category))} \u00a0 *Who acts:* ${escapeMarkdown(actorLabel(entry.actor))} \u00a0 *Retry helps:* ${entry.retryable ? 'yes' : 'no'}`,
  );
  if (!entry.documented) parts.push(undocumentedNote(entry));
  if (options.includeCauses && entry.causes.length > 0) parts.push(`*Likely causes*\n\n${bulletList(entry.causes)}`);
  if (entry.fixes.length > 0) parts.push(`*What to do*\n\n${numberedList(entry.fixes.map(fixLine), options.maxFixes)}`);
  if (options.maxFixes !== undefined && entry.fixes.length > options.maxFixes) {
    parts.push(`\u2026 ${entry.fixes.length - options.maxFixes} more steps in the panel.`);
  }
  parts.push(lookupLine(entry.url, options.onlineLookup === true));
  return parts.join('\n\n');
}

/** Why an entry is not documented: an AADSTS code outside the published list, or an inference. */
export function undocumentedNote(entry: Pick<CatalogEntry, 'vocabulary' | 'evidence'>): string {
  const base = entry.vocabulary === 'aadsts' ? 'This code is not in Microsoft\u2019s published list' : 'Microsoft does not document this value';
  return entry.evidence ? `*${base}; ${escapeMarkdown(lowerFirst(entry.evidence), 400)}*` : `*${base}.*`;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** A classification as Markdown: verdict, what the app should do, identifiers, next steps. */
export function formatClassification(c: Classification, options: { onlineLookup?: boolean } = {}): string {
  const parts: string[] = [];
  const head = c.outcome === 'success' ? 'Success' : c.outcome === 'pending' ? 'Pending' : 'Failed';
  parts.push(`**${head}: ${escapeMarkdown(categoryLabel(c.category))}**`);
  parts.push(escapeMarkdown(c.summary, 2_000));
  const facts: string[] = [];
  if (c.error) facts.push(`- error: \`${inlineCode(c.error)}\`${c.suberror ? ` (suberror \`${inlineCode(c.suberror)}\`)` : ''}`);
  if (c.aadsts.length > 0) facts.push(`- AADSTS: ${c.aadsts.map((n) => `AADSTS${n}`).join(', ')}`);
  if (c.httpStatus !== null) facts.push(`- HTTP status: ${c.httpStatus}`);
  facts.push(`- What the app should do: ${escapeMarkdown(appActionLabel(c.appAction))}`);
  facts.push(`- Who acts: ${escapeMarkdown(actorLabel(c.actor))}`);
  facts.push(`- Retry helps: ${c.retryable ? 'yes' : 'no'}${c.retryAfterSeconds !== null ? `, after ${c.retryAfterSeconds} s` : ''}`);
  if (c.correlationId) facts.push(`- Correlation ID: \`${inlineCode(c.correlationId)}\``);
  if (c.traceId) facts.push(`- Trace ID: \`${inlineCode(c.traceId)}\``);
  if (c.timestamp) facts.push(`- Timestamp: \`${inlineCode(c.timestamp)}\``);
  parts.push(facts.join('\n'));
  if (c.claimsChallenge) parts.push(`*Claims challenge to pass back:*\n\n${fenced(c.claimsChallenge, 'json')}`);
  if (c.nextSteps.length > 0) parts.push(`*Next steps*\n\n${c.nextSteps.map((s, i) => formatStep(s, i)).join('\n')}`);
  if (c.aadsts.length > 0) {
    parts.push(c.aadsts.map((n) => lookupLine(`https://login.microsoftonline.com/error?code=${n}`, options.onlineLookup === true)).join('\n\n'));
  }
  return parts.join('\n\n');
}

/**
 * A next step can hold a code snippet (the classifier adds MSAL snippets for claims challenges);
 * those keep their line breaks in a fence, plain steps are escaped text.
 */
function formatStep(step: string, index: number): string {
  const fenceAt = step.indexOf('```');
  if (fenceAt >= 0 || step.includes('\n')) {
    const lead = fenceAt > 0 ? step.slice(0, fenceAt) : fenceAt === 0 ? '' : step.split('\n')[0]!;
    const rest = fenceAt >= 0 ? step.slice(fenceAt).replace(/^```[a-zA-Z]*\n?/, '').replace(/```\s*$/, '') : step.split('\n').slice(1).join('\n');
    return `${index + 1}. ${escapeMarkdown(lead.trim(), 2_000)}\n\n${indent(fenced(rest.replace(/\s+$/, ''), ''), '   ')}`;
  }
  return `${index + 1}. ${escapeMarkdown(step, 2_000)}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** Text for inside a single-backtick code span: backticks and line breaks cannot end or split it. */
export function inlineCode(text: string, maxChars = 200): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) + '\u2026' : text;
  return cut.replace(/[\r\n]+/g, ' ').replace(/`/g, '\u02cb');
}

/** A fenced block whose fence is longer than any backtick run in the content, so it cannot be closed early. */
export function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language.replace(/[^a-z]/gi, '')}\n${text.replace(/\r/g, '')}\n${fence}`;
}

export interface TokenFormatOptions {
  /** Current time, for expiry wording (tests pass a fixed clock). */
  now?: Date;
  /** List every claim with its explanation (panel copy, report) rather than the short summary. */
  allClaims?: boolean;
}

function tokenTypeLabel(token: DecodedToken): string {
  if (token.kind === 'jwe') return 'Encrypted token (JWE)';
  if (token.kind === 'opaque') return 'Opaque token (not a JWT)';
  if (token.kind === 'invalid') return 'Not a readable token';
  const kind = token.tokenType === 'access' ? 'Access token' : token.tokenType === 'id' ? 'ID token' : 'Token';
  const flavour = token.appOnly === true ? ', app-only' : token.appOnly === false ? ', delegated' : '';
  return `${kind}${token.version ? ` (${token.version}${flavour})` : flavour ? ` (${flavour.slice(2)})` : ''}`;
}

/** Expiry in words from exp and the decoding time; "expired 3 hours ago" / "expires in 54 minutes". */
export function expiryWords(token: DecodedToken, now = new Date()): string | null {
  if (!token.expiresAt) return null;
  const exp = Date.parse(token.expiresAt);
  if (Number.isNaN(exp)) return escapeMarkdown(token.expiresAt);
  const seconds = Math.round((exp - now.getTime()) / 1000);
  return seconds >= 0 ? `expires ${relativeSeconds(seconds)} (${token.expiresAt})` : `expired ${relativeSeconds(seconds)} (${token.expiresAt})`;
}

/** A decoded token as Markdown: type, audience, app, scopes/roles, expiry, warnings; claims on request. */
export function formatDecodedToken(token: DecodedToken, options: TokenFormatOptions = {}): string {
  const parts: string[] = [`**${escapeMarkdown(tokenTypeLabel(token))}**`];
  if (token.problem) parts.push(escapeMarkdown(token.problem, 1_000));
  const facts: string[] = [];
  if (token.audience) facts.push(`- Audience: \`${inlineCode(token.audience)}\``);
  if (token.appId) facts.push(`- App (client) ID: \`${inlineCode(token.appId)}\``);
  if (token.tenantId) facts.push(`- Tenant: \`${inlineCode(token.tenantId)}\``);
  if (token.scopes.length > 0) facts.push(`- Scopes: ${token.scopes.slice(0, 20).map((s) => `\`${inlineCode(s, 120)}\``).join(', ')}${token.scopes.length > 20 ? ' \u2026' : ''}`);
  if (token.roles.length > 0) facts.push(`- Roles: ${token.roles.slice(0, 20).map((s) => `\`${inlineCode(s, 120)}\``).join(', ')}${token.roles.length > 20 ? ' \u2026' : ''}`);
  if (token.kind === 'jwt' && token.scopes.length === 0 && token.roles.length === 0 && token.tokenType === 'access') {
    facts.push('- Scopes/roles: none in this token');
  }
  const expiry = expiryWords(token, options.now);
  if (expiry) facts.push(`- ${expiry.startsWith('expired') ? '**Expired**' : 'Expiry'}: ${escapeMarkdown(expiry)}`);
  if (token.kind === 'jwt' || token.kind === 'jwe') facts.push(`- Signature: ${escapeMarkdown(token.signature.note, 400)}`);
  if (facts.length > 0) parts.push(facts.join('\n'));
  if (token.warnings.length > 0) parts.push(`*Warnings*\n\n${bulletList(token.warnings, options.allClaims ? undefined : 3)}`);
  if (options.allClaims && token.claims.length > 0) {
    const rows = token.claims.map(
      (claim) =>
        `| \`${inlineCode(claim.name, 60)}\` | ${escapeMarkdown(claim.value, 200)} | ${escapeMarkdown(claim.time ? `${claim.explanation} (${claim.time.relative})` : claim.explanation, 400)} |`,
    );
    parts.push(['| Claim | Value | Meaning |', '|---|---|---|', ...rows].join('\n'));
  }
  return parts.join('\n\n');
}
