// MSAL for JavaScript: msal-node's logger callback and msal-browser's console output share msal-common's
// format `[date] : [correlationId] : @azure/msal-<package>@<version> : <Level> - <message>`. Before a
// correlation id exists (or in older versions) the id block is `[]` or missing. Azure Identity for
// JavaScript forwards the same lines inside its own ("… => MSAL Node V2 info message: [date] : …").
// Samples, recorded from @azure/msal-node 7.2.3 with piiLoggingEnabled: false (test/fixtures/logs/msal-node):
//   [Fri, 04 Dec 2026 22:04:42 GMT] : [] : @azure/msal-node@7.2.3 : Info - acquireTokenByClientCredential called
//   [Fri, 04 Dec 2026 22:04:42 GMT] : [79260bce-daa6-4714-9c92-695e289dee3e] : @azure/msal-node@7.2.3 : Info - Sending token request to endpoint: https://127.0.0.1:39909/f0e1d2c3-…/oauth2/v2.0/token
//   [Fri, 04 Dec 2026 22:04:45 GMT] : [c8d70295-…] : @azure/msal-node@7.2.3 : Verbose - Authority.getEndpointMetadataFromNetwork: attempting to retrieve OAuth endpoints from 'https://127.0.0.1:39909/f0e1d2c3-…/v2.0/.well-known/openid-configuration'
// msal-browser 5 (and the msal-common it bundles) writes each message minified: a six-character code
// from the table the package ships (lib/log-strings-mapping.json) and the message's variables, recorded
// in Chromium (test/fixtures/logs/msal-browser):
//   [Sat, 05 Dec 2026 00:45:04 GMT] : [01a243a9-659c-7f40-b977-5cf65de1a76c] : @azure/msal-browser@5.30.0 : Verbose - 0x1c4s
// It names neither the token endpoint nor a status: ./msal-browser-codes reads the codes that mark a
// request, and an SPA's failed requests get their status from the browser's own line (./browser-console).
//   [Sat, 05 Dec 2026 00:45:04 GMT] : [01a243a9-…] : @azure/msal-browser@5.30.0 : Verbose - 1y65x6 https://…/v2.0/.well-known/openid-configuration
import type { LineEvent } from './event';
import { readMsalBrowserCode } from './msal-browser-codes';

// msal-common writes this right before it fetches the authority's OpenID configuration (only when its cache has none).
const METADATA_REQUEST = "Authority.getEndpointMetadataFromNetwork: attempting to retrieve OAuth endpoints from '";
/** msal-browser's "attempting to retrieve OAuth endpoints from '<url>'", minified: the OpenID configuration it fetches. */
const METADATA_CODE = '1y65x6 ';

const PREFIX_RE =
  /\[([A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)\] : (?:\[([0-9a-fA-F-]{0,36})\] : )?@azure\/msal-[a-z-]+@[\w.-]+ : (?:Error|Warning|Info|Verbose|Trace) - /;
const SILENT_RE = /^(?:acquireTokenSilent|acquireTokenByRefreshToken|acquireTokenSilentAsync|acquireTokenFromCache)\b/;
const INTERACTIVE_RE = /^(?:acquireTokenPopup|acquireTokenRedirect|acquireTokenInteractive|acquireTokenByDeviceCode|acquireTokenByCode|loginPopup|loginRedirect)\b/;

export function readMsalJs(text: string, ev: LineEvent): boolean {
  const at = text.indexOf('@azure/msal-');
  if (at < 0) return false;
  const m = PREFIX_RE.exec(text);
  if (!m) return false;
  ev.time = m[1]!;
  if (m[2] && m[2].length === 36) ev.correlationId = m[2].toLowerCase();
  const message = text.slice(m.index + m[0].length);
  if (message.startsWith('Sending token request to endpoint: ')) {
    ev.dialect = 'msal-js';
    ev.url = message.slice('Sending token request to endpoint: '.length).trim();
    ev.method = 'POST';
  } else if (message.startsWith(METADATA_REQUEST)) {
    ev.dialect = 'msal-js';
    const end = message.indexOf("'", METADATA_REQUEST.length);
    ev.url = message.slice(METADATA_REQUEST.length, end < 0 ? undefined : end).trim();
    ev.method = 'GET';
  } else if (message.startsWith(METADATA_CODE) && message.includes('://')) {
    ev.dialect = 'msal-js';
    ev.url = message.slice(METADATA_CODE.length).trim();
    ev.method = 'GET';
  } else if (readMsalBrowserCode(message, ev)) {
    if (ev.tokenGrant || ev.stored) ev.dialect = 'msal-js';
  } else if (SILENT_RE.test(message)) ev.silent = true;
  else if (INTERACTIVE_RE.test(message)) ev.interactive = true;
  return true;
}
