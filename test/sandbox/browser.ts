// A tiny scripted "browser" for the sandbox's own pages: follows redirects by hand, keeps cookies,
// fills the first form on each page (user code confirmation, dev login, consent) and submits it.
// It is how tests complete the user step of device code and auth code + PKCE without a real browser.
import { request } from 'undici';

export interface UserStepResult {
  /** Every URL visited, in order (for failure messages). */
  visited: string[];
  /** The last page's HTML (device flow ends on a success page). */
  finalHtml: string;
  /** The final URL (auth code flow ends at the loopback redirect). */
  finalUrl: string;
  finalStatus: number;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function parseForm(html: string): { action: string | null; method: string; fields: Map<string, string> } | null {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const attrs = form[1] ?? '';
  const action = /action="([^"]*)"/i.exec(attrs)?.[1] ?? null;
  const method = (/method="([^"]*)"/i.exec(attrs)?.[1] ?? 'get').toLowerCase();
  const fields = new Map<string, string>();
  for (const input of (form[2] ?? '').matchAll(/<(?:input|button)\b([^>]*)>/gi)) {
    const a = input[1] ?? '';
    const name = /name="([^"]*)"/i.exec(a)?.[1];
    if (!name) continue;
    const value = /value="([^"]*)"/i.exec(a)?.[1] ?? '';
    fields.set(name, decodeEntities(value));
  }
  return { action: action ? decodeEntities(action) : null, method, fields };
}

/**
 * Walks from `startUrl` through the provider's pages until a page without a form, or until a redirect
 * reaches `stopAtPrefix` (the loopback redirect URI), which is then requested once like a browser would.
 */
export async function completeUserStep(startUrl: string, options: { login?: string; userCode?: string; stopAtPrefix?: string; maxSteps?: number } = {}): Promise<UserStepResult> {
  const cookies = new Map<string, string>();
  const visited: string[] = [];
  let url = startUrl;
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  for (let step = 0; step < (options.maxSteps ?? 20); step += 1) {
    visited.push(`${method} ${url}`);
    const headers: Record<string, string> = { accept: 'text/html' };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await request(url, { method, headers, body });
    const setCookie = response.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) {
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name);
        else cookies.set(name, value);
      }
    }
    const text = await response.body.text();
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = response.headers.location;
      const next = new URL(String(location), url).toString();
      if (options.stopAtPrefix && next.startsWith(options.stopAtPrefix)) {
        visited.push(`GET ${next}`);
        const landing = await request(next, { method: 'GET' });
        const html = await landing.body.text();
        return { visited, finalHtml: html, finalUrl: next, finalStatus: landing.statusCode };
      }
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const form = parseForm(text);
    if (!form) return { visited, finalHtml: text, finalUrl: url, finalStatus: response.statusCode };
    const fields = form.fields;
    if (fields.has('login')) fields.set('login', options.login ?? 'alex');
    if (fields.has('password')) fields.set('password', 'any-password');
    if (fields.has('user_code') && !fields.get('user_code') && options.userCode) fields.set('user_code', options.userCode);
    url = new URL(form.action ?? url, url).toString();
    method = form.method === 'post' ? 'POST' : 'GET';
    body = new URLSearchParams([...fields]).toString();
    if (method === 'GET') {
      const u = new URL(url);
      for (const [k, v] of fields) u.searchParams.set(k, v);
      url = u.toString();
      body = undefined;
    }
  }
  throw new Error(`user step did not finish; visited: ${visited.join(' -> ')}`);
}
