// A browser's console: Chromium reports a fetch answered with an HTTP error as a console error, which
// DevTools writes as the request's method, URL, status and status text. For an SPA it is the only line
// that gives a token request's status: msal-browser logs none. msal-browser puts its correlation id in
// the URL (client-request-id). Sample, recorded from msal-browser 5.30.0 in Chromium 156
// (test/fixtures/logs/msal-browser/throttle.log):
//   POST https://127.0.0.1:39203/f0e1d2c3-…/oauth2/v2.0/token?client-request-id=01a243a7-50ab-75e2-a8e2-4ee132bc6a8f 429 (Too Many Requests)
import { GUID_SOURCE, type LineEvent } from './event';

const NETWORK_RE = /(?:^|\s)(GET|POST) (https?:\/\/\S+) ([1-5]\d\d)(?: \([^)]*\))?\s*$/;
const CLIENT_REQUEST_ID_RE = new RegExp(`[?&]client-request-id=(${GUID_SOURCE})`);

export function readBrowserConsole(text: string, ev: LineEvent): boolean {
  if (!text.includes('T ')) return false;
  const m = NETWORK_RE.exec(text);
  if (!m) return false;
  ev.dialect = 'browser-console';
  ev.method = m[1]!;
  ev.url = m[2]!;
  ev.status = Number(m[3]);
  const id = CLIENT_REQUEST_ID_RE.exec(m[2]!)?.[1];
  if (id) ev.correlationId = id.toLowerCase();
  return true;
}
