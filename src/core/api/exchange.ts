// Splits a pasted HTTP exchange into the request (method, URL, bearer token) and the API's answer.
// People paste the answer alone, a request followed by its answer, `curl -v` output (`> ` request
// lines, `< ` answer lines) or a curl command line above the answer; each keeps what it shows.
// Browser-safe, linear scans only. The token is returned to the caller and never put in any text.

export interface PastedExchange {
  /** GET, POST, …; null when no request line was pasted. */
  method: string | null;
  /** The request URL (absolute when the host is known), or null. */
  url: string | null;
  /** Lower-case host name of the request, from the URL or a Host header. */
  host: string | null;
  /** The bearer token the request carried, without "Bearer ". */
  token: string | null;
  /** The request was shown (a request line or curl command) and had no Authorization header. */
  requestWithoutToken: boolean;
  /** The API's answer: the text from its status line on (or the whole text when no request was shown). */
  response: string;
}

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';
const REQUEST_LINE = new RegExp(`^(?:> )?(${METHODS}) +(\\S{1,4000})(?: +HTTP/[0-9.]{1,3})?\\s*$`);
const CURL_LINE = /^\s*(?:\$ )?curl\b/;
/** The answer starts at its status line; curl -v prefixes it with "< ". */
const STATUS_LINE = /^(?:< )?HTTP\/[0-9.]{1,3} +\d{3}\b/;
const BEARER = /authorization\s*:\s*bearer\s+([A-Za-z0-9_\-.~+/=]{8,})/i;
const AUTHORIZATION = /^(?:> )?authorization\s*:/i;

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Reads a pasted exchange. Never throws; text without a request comes back as the response alone. */
export function readExchange(text: string): PastedExchange {
  const lines = text.split(/\r?\n/);
  let statusAt = -1;
  for (let i = 0; i < lines.length; i++) {
    if (STATUS_LINE.test(lines[i]!)) {
      statusAt = i;
      break;
    }
  }
  const before = statusAt >= 0 ? lines.slice(0, statusAt) : lines;
  let method: string | null = null;
  let url: string | null = null;
  let host: string | null = null;
  let token: string | null = null;
  let requestShown = false;
  let authorizationSeen = false;
  for (let i = 0; i < before.length; i++) {
    const line = before[i]!;
    const request = REQUEST_LINE.exec(line);
    if (request && method === null) {
      method = request[1]!;
      url = request[2]!;
      requestShown = true;
      continue;
    }
    if (CURL_LINE.test(line)) {
      requestShown = true;
      const m = /\s-X\s*([A-Z]+)/.exec(line);
      if (m && new RegExp(`^(?:${METHODS})$`).test(m[1]!)) method ??= m[1]!;
      const u = /https?:\/\/[^\s'"]+/.exec(line);
      if (u) url ??= u[0];
      method ??= /\s(?:-d|--data\S*)\s/.test(line) ? 'POST' : 'GET';
    }
    const hostHeader = /^(?:> )?host\s*:\s*(\S+)/i.exec(line);
    if (hostHeader) host ??= hostHeader[1]!.replace(/:\d+$/, '').toLowerCase();
    if (AUTHORIZATION.test(line) || /authorization\s*:/i.test(line)) authorizationSeen = true;
    const bearer = BEARER.exec(line);
    if (bearer) token ??= bearer[1]!.replace(/['"]+$/, '');
  }
  if (url && !/^https?:\/\//i.test(url) && host) url = `https://${host}${url.startsWith('/') ? '' : '/'}${url}`;
  if (url) host = hostOf(url) ?? host;
  // With no status line, the answer may still be a bare body (JSON, XML) after the request's blank line.
  let response: string;
  if (statusAt >= 0) response = lines.slice(statusAt).join('\n');
  else if (requestShown) {
    const blank = lines.findIndex((l, i) => i > 0 && l.trim() === '');
    response = blank >= 0 ? lines.slice(blank + 1).join('\n') : '';
  } else response = text;
  return { method, url, host, token, requestWithoutToken: requestShown && !authorizationSeen, response };
}
