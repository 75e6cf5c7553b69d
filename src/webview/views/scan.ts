// The Log scan view: what a scan of a log file found — codes with their names and categories, OAuth
// error values, requests grouped by correlation ID, bursts of requests, and tokens (redacted). Every
// row leads back to its line in the editor (click, Enter or Space).
import type { ShowMessage } from '../../protocol';
import { cells, emptyState, h, icon, onActivate, section, table } from '../dom';
import { categoryBadge, codeChip, pill, type ViewContext } from './common';
import { renderRequests } from './scan-requests';

type ScanMessage = Extract<ShowMessage, { view: 'scan' }>;

export function renderScanEmpty(): HTMLElement {
  return emptyState('No log scanned yet. Open a log file and run "Auth Lens: Scan Log" to see its codes, errors and correlation IDs here.');
}

const HINT_ID = 'scan-row-hint';

function revealRow(ctx: ViewContext, documentUri: string, line: number, values: (Node | string)[]): HTMLTableRowElement {
  const tr = h('tr', {
    className: 'reveal-row',
    attrs: { tabindex: 0, 'aria-describedby': HINT_ID, title: `Go to line ${line}` },
    dataset: { line: String(line) },
  });
  tr.append(...cells(...values));
  onActivate(tr, () => ctx.host.post({ type: 'revealLine', documentUri, line }));
  return tr;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function lineRange(first: number, last: number): string {
  return first === last ? `${first}` : `${first}–${last}`;
}

export function renderScan(ctx: ViewContext, message: ScanMessage): HTMLElement {
  const s = message.summary;
  const uri = message.documentUri;
  const totalCodes = s.codes.reduce((n, c) => n + c.count, 0);
  const body = h('div', { className: 'view-body' }, h('p', { attrs: { id: HINT_ID }, className: 'visually-hidden', text: 'Press Enter to show this line in the editor.' }));

  if (s.warnings.length) {
    body.append(h('ul', { className: 'warnings', attrs: { 'aria-label': 'Scan warnings' } }, ...s.warnings.map((w) => h('li', {}, icon('warning'), ' ', h('span', { text: w })))));
  }

  body.append(
    section(
      s.codes.length ? `AADSTS codes (${s.codes.length} distinct, ${totalCodes} in all)` : 'AADSTS codes',
      'scan-codes',
      s.codes.length
        ? table(
            `Codes (${s.codes.length} distinct, ${totalCodes} in all)`,
            ['Code', 'Name', 'Category', 'Count', 'Lines', 'Look up'],
            s.codes.map((c) => revealRow(ctx, uri, c.firstLine, [h('code', { text: `AADSTS${c.code}` }), c.name ?? '—', categoryBadge(c.category), String(c.count), lineRange(c.firstLine, c.lastLine), codeChip(ctx, c.code)])),
            'data codes-table',
          )
        : h('p', { className: 'hint', text: 'No AADSTS codes in this file.' }),
    ),
  );

  if (s.errors.length) {
    body.append(
      section(
        `OAuth error values (${s.errors.length})`,
        'scan-errors',
        table(
          `Errors (${s.errors.length})`,
          ['Error', 'Count', 'Lines'],
          s.errors.map((e) => revealRow(ctx, uri, e.firstLine, [h('code', { text: e.error }), String(e.count), lineRange(e.firstLine, e.lastLine)])),
          'data errors-table',
        ),
      ),
    );
  }

  if (s.correlations.length) {
    body.append(
      section(
        `By correlation ID (${s.correlations.length})`,
        'scan-correlations',
        table(
          `Correlation groups (${s.correlations.length})`,
          ['Correlation ID', 'Lines', 'Codes', 'Errors', 'Time'],
          s.correlations.map((g) =>
            revealRow(ctx, uri, g.lines[0] ?? 1, [
              h('code', { text: g.correlationId }),
              `${g.lines.length} (first ${g.lines[0] ?? '—'})`,
              g.codes.map((c) => `AADSTS${c}`).join(', ') || '—',
              g.errors.join(', ') || '—',
              g.firstTimestamp ? (g.lastTimestamp && g.lastTimestamp !== g.firstTimestamp ? `${g.firstTimestamp} → ${g.lastTimestamp}` : g.firstTimestamp) : '—',
            ]),
          ),
          'data correlations-table',
        ),
      ),
    );
  }

  // Token requests read back from the log, with a way to draw them on the Retry timeline.
  body.append(renderRequests(ctx, uri, s, revealRow) ?? '');

  if (s.bursts.length) {
    body.append(
      section(
        `Request bursts (${s.bursts.length})`,
        'scan-bursts',
        table(
          `Bursts (${s.bursts.length})`,
          ['Lines', 'Requests', 'Window', 'What it means'],
          s.bursts.map((b) => revealRow(ctx, uri, b.firstLine, [
            lineRange(b.firstLine, b.lastLine),
            // A burst the server itself flagged (a loop-detection code) has no request count of its own.
            b.requests > 0 ? String(b.requests) : '—',
            b.requests > 0 ? `${b.windowSeconds} s` : '—',
            b.message,
          ])),
          'data bursts-table',
        ),
      ),
    );
  }

  if (s.tokens.length) {
    body.append(
      section(
        `Tokens found (${s.tokens.length})`,
        'scan-tokens',
        h('p', { className: 'hint', text: 'Tokens in logs are a leak: anyone who can read the log can use them until they expire. Only a redacted form is shown.' }),
        table(
          `Tokens (${s.tokens.length})`,
          ['Line', 'Token (redacted)'],
          s.tokens.map((t) => revealRow(ctx, uri, t.line, [String(t.line), t.redacted ? h('code', { text: t.redacted }) : '(not kept after reload)'])),
          'data tokens-table',
        ),
      ),
    );
  }

  const header = h(
    'header',
    { className: 'view-header' },
    h('h2', { text: message.fileName }),
    h(
      'div',
      { className: 'badges' },
      pill(`${s.lines} lines`),
      pill(formatBytes(s.bytes)),
      pill(`${totalCodes} ${totalCodes === 1 ? 'code' : 'codes'}`, totalCodes ? 'error' : 'ok'),
      s.tokens.length ? pill(`${s.tokens.length} ${s.tokens.length === 1 ? 'token' : 'tokens'}`, 'error') : null,
      s.bursts.length ? pill(`${s.bursts.length} ${s.bursts.length === 1 ? 'burst' : 'bursts'}`, 'wait') : null,
    ),
  );
  return h('article', { className: 'view scan-view', attrs: { 'aria-label': `Log scan of ${message.fileName}` } }, header, body);
}
