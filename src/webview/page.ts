// The panel's HTML shell. Pure string building (no DOM, no vscode) so the extension host, the
// webview tests and Node can all produce the same page. Everything dynamic is attribute-escaped; the
// page carries no inline script or handler, only one module script that holds the nonce.

export interface PanelHtmlOptions {
  /** `webview.cspSource` in VS Code; the served origin in tests. */
  cspSource: string;
  /** A fresh random value per render (base64 or hex); it authorises the one script. */
  nonce: string;
  /** URI of dist/webview/main.js as the webview can load it. */
  scriptUri: string;
  /** Stylesheets in order (media/panel.css, …). */
  styleUris: string[];
  /** URI of codicon.css; omitted when icons are not available. */
  codiconUri?: string;
  /** Title shown by screen readers; defaults to "Auth Lens". */
  title?: string;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use inside a double-quoted attribute or element text. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ATTRIBUTE_ESCAPES[ch] ?? ch);
}

// A nonce or CSP source that could close the policy or add a directive must never reach the header.
const NONCE_RE = /^[A-Za-z0-9+/=_-]{8,200}$/;
const CSP_SOURCE_RE = /^[A-Za-z0-9+.:/*_-]{1,500}$/;

/** The Content-Security-Policy for the panel. Throws a clear error on a nonce or source that is not safe to embed. */
export function panelCsp(cspSource: string, nonce: string): string {
  if (!NONCE_RE.test(nonce)) throw new Error('renderPanelHtml: the nonce must be 8–200 base64/hex characters.');
  const sources = cspSource.split(/\s+/).filter((s) => s.length > 0);
  // VS Code (desktop and code-server) gives `'self' https://*.vscode-cdn.net`; 'self' is the one keyword allowed.
  if (sources.length === 0 || !sources.every((s) => s === "'self'" || CSP_SOURCE_RE.test(s))) {
    throw new Error('renderPanelHtml: cspSource must be one or more origins such as https://*.vscode-cdn.net.');
  }
  const src = sources.join(' ');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${src} 'nonce-${nonce}'`,
    `font-src ${src}`,
    `img-src ${src} data:`,
  ].join('; ');
}

/** The complete panel page. */
export function renderPanelHtml(options: PanelHtmlOptions): string {
  const csp = panelCsp(options.cspSource, options.nonce);
  const nonce = escapeHtml(options.nonce);
  const styles = [...(options.codiconUri ? [options.codiconUri] : []), ...options.styleUris]
    .map((href) => `    <link rel="stylesheet" href="${escapeHtml(href)}" nonce="${nonce}"${href === options.codiconUri ? ' id="vscode-codicon-stylesheet"' : ''}>`)
    .join('\n');
  const title = escapeHtml(options.title ?? 'Auth Lens');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${title}</title>
  </head>
  <body>
    <main id="app" aria-label="${title}">
      <p class="loading" role="status">Loading…</p>
    </main>
    <script type="module" nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
  </body>
</html>
`;
}
