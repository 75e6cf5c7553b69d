// Hover for the minified code on an msal-browser 5 console line: the library's own message for the code
// from the table the package ships, quoted and labelled with its package and version, so it is never
// read as Auth Lens's explanation.
import { decodeMsalLogMessage, fillMsalLogMessage, msalLogPackages, type MsalLogLineCode } from '../catalog/msal-log-strings';
import { escapeMarkdown } from './escape';
import { inlineCode } from './markdown';

export function buildMsalLogHover(found: MsalLogLineCode): string {
  const code = found.text.slice(0, 6);
  const decoded = decodeMsalLogMessage(found.text);
  if (!decoded) {
    const packages = msalLogPackages();
    const tables = packages.map((p) => `${p.name} ${p.version}`).join(' and ');
    const sameVersion = packages.some((p) => p.name === found.packageName && p.version === found.version);
    const why = sameVersion ? '' : ` The line was written by ${escapeMarkdown(`${found.packageName} ${found.version}`)}, whose codes can differ.`;
    return [`**msal-browser log code \`${inlineCode(code)}\`**`, `Not in the log\\-strings tables of ${escapeMarkdown(tables)}.${why}`].join('\n\n');
  }
  const filled = fillMsalLogMessage(decoded);
  const parts = [
    `**${escapeMarkdown(decoded.packageName)} log message \`${inlineCode(code)}\`**`,
    `> ${escapeMarkdown(decoded.message, 1_000)}`,
  ];
  if (filled) parts.push(`With this line's value: ${escapeMarkdown(filled, 1_000)}`);
  else if (decoded.values) parts.push(`Logged after the code: \`${inlineCode(decoded.values)}\``);
  let source = `*The library's own message for this code (level ${escapeMarkdown(decoded.level)}), from ${escapeMarkdown(decoded.packageName)} ${escapeMarkdown(decoded.version)}'s log-strings-mapping.json.*`;
  if (found.packageName === decoded.packageName && found.version !== decoded.version) {
    source += ` The line was written by ${escapeMarkdown(found.version)}; a code can mean something else in another version.`;
  }
  parts.push(source);
  return parts.join('\n\n');
}
