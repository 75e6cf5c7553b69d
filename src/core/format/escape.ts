// Escaping for text that came from logs, tokens or HTTP answers before it goes into Markdown. Hovers
// trust our own command links, so anything from outside must never be able to form a link, an HTML
// tag, a code span or a heading.

/** Longest run of outside text put into one rendered line; the rest is cut with an ellipsis. */
export const MAX_INLINE_CHARS = 300;

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|~:=$%@^]/g;

/**
 * Makes outside text inert in Markdown: HTML-significant characters become entities, Markdown
 * punctuation is backslash-escaped, line breaks become spaces (one hover line stays one line) and
 * control characters are dropped. Escaping ':' stops `javascript:` and `command:` from forming URLs.
 */
export function escapeMarkdown(text: unknown, maxChars = MAX_INLINE_CHARS): string {
  let value = typeof text === 'string' ? text : String(text ?? '');
  if (value.length > maxChars) value = value.slice(0, maxChars) + '\u2026';
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(MARKDOWN_SPECIAL, (ch) => '\\' + ch);
}

/**
 * A command link VS Code runs when clicked: `command:<id>?<encoded JSON args>`. Only used with our
 * own command ids; the arguments are JSON-encoded and URI-escaped so they cannot break the link.
 */
export function commandUri(commandId: string, args: readonly unknown[]): string {
  return `command:${commandId}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** A Markdown link whose label is escaped; the target must be a URL we built ourselves. */
export function markdownLink(label: string, target: string, title?: string): string {
  const safeTarget = target.replace(/[()\s]/g, (ch) => encodeURIComponent(ch));
  const safeTitle = title ? ` "${title.replace(/["\\]/g, '')}"` : '';
  return `[${escapeMarkdown(label)}](${safeTarget}${safeTitle})`;
}
