// The Retry timeline view: each attempt of a token request as a bar on a time axis, the waits the
// client made (Retry-After or back-off) as gaps, and the decision after each step. The same data is
// in a table under the chart for screen readers and for copying.
import type { ShowMessage } from '../../protocol';
import { categoryLabel } from '../../core/format/labels';
import { cells, emptyState, facts, h, icon, onActivate, replaceChildren, section, svg, table } from '../dom';
import { BAR_HEIGHT, ROW_HEIGHT, formatDuration, layoutTimeline, type TimelineLayout } from '../timeline-layout';
import { categoryBadge, pill, type ViewContext } from './common';

type TimelineMessage = Extract<ShowMessage, { view: 'timeline' }>;

export function renderTimelineEmpty(): HTMLElement {
  return emptyState('No token request has run yet. Run "Auth Lens: Request a Token" to see each attempt, wait and retry decision here.');
}

function drawChart(layout: TimelineLayout, tableId: string, attemptCount: number, totalMs: number): SVGSVGElement {
  const chart = svg('svg', {
    class: 'timeline-chart',
    width: layout.width,
    height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'img',
    'aria-label': `Timeline of ${attemptCount} ${attemptCount === 1 ? 'attempt' : 'attempts'} over ${formatDuration(totalMs)}; the table below lists the same data.`,
    'aria-describedby': tableId,
  });
  const axis = svg('g', { class: 'axis' });
  for (const tick of layout.ticks) {
    axis.append(
      svg('line', { class: 'tick', x1: tick.x, x2: tick.x, y1: 18, y2: layout.height }),
      svg('text', { class: 'tick-label', x: tick.x, y: 12, 'text-anchor': 'middle' }, tick.label),
    );
  }
  chart.append(axis);
  for (const row of layout.rows) {
    const a = row.attempt;
    const mid = row.y + ROW_HEIGHT / 2;
    const group = svg('g', { class: `attempt tone-${row.tone}`, 'data-index': a.index });
    group.append(
      svg('title', {}, `Attempt ${a.index + 1}: ${row.status}, ${formatDuration(a.durationMs)}; ${row.decision} — ${a.reason}`),
      svg('rect', { class: 'row-band', x: 0, y: row.y, width: layout.width, height: ROW_HEIGHT }),
      svg('text', { class: 'row-label', x: 6, y: mid + 4 }, row.label),
      svg('text', { class: 'row-status', x: 36, y: mid + 4 }, row.status),
      svg('rect', { class: 'bar', x: row.barX, y: mid - BAR_HEIGHT / 2, width: row.barWidth, height: BAR_HEIGHT, rx: 2 }),
    );
    if (row.waitWidth > 0) {
      group.append(svg('rect', { class: 'wait', x: row.waitX, y: mid - BAR_HEIGHT / 2 + 2, width: row.waitWidth, height: BAR_HEIGHT - 4 }));
      if (row.waitLabel) group.append(svg('text', { class: 'wait-label', x: row.waitX + row.waitWidth / 2, y: mid - BAR_HEIGHT / 2 - 1, 'text-anchor': 'middle' }, row.waitLabel));
    }
    group.append(svg('text', { class: `decision decision-${a.decision}`, x: layout.chartX + layout.chartWidth + 10, y: mid + 4 }, row.decision));
    chart.append(group);
  }
  return chart;
}

/** Each request id under its header name, the id kept whole on its own line. */
function requestIds(ids: Record<string, string>): HTMLElement | string {
  const entries = Object.entries(ids);
  if (entries.length === 0) return '—';
  return h('div', { className: 'request-ids' }, ...entries.map(([name, value]) => h('div', {}, h('span', { className: 'id-label', text: `${name}:` }), ' ', h('code', { className: 'id', text: value }))));
}

let tableCount = 0;

export function renderTimeline(ctx: ViewContext, message: TimelineMessage): HTMLElement {
  const t = message.timeline;
  tableCount += 1;
  const tableId = `timeline-table-${tableCount}`;
  const chartHost = h('div', { className: 'chart-host' });

  // A timeline read from a log: each attempt leads back to its line (click, Enter or Space).
  const log = message.log;
  const lineOf = (index: number): number | undefined => log?.lines[index];
  const reveal = (el: HTMLElement | SVGElement, index: number): void => {
    const line = lineOf(index);
    if (!log || line === undefined) return;
    el.classList.add('reveal-row');
    el.setAttribute('tabindex', '0');
    el.setAttribute('aria-label', `Attempt ${index + 1}, line ${line}: press Enter to show it in the editor`);
    onActivate(el as HTMLElement, () => ctx.host.post({ type: 'revealLine', documentUri: log.documentUri, line }));
  };

  const draw = (): void => {
    const width = chartHost.clientWidth || 720;
    const chart = drawChart(layoutTimeline(t, width), tableId, t.attempts.length, t.totalMs);
    if (log) for (const group of chart.querySelectorAll<SVGGElement>('g.attempt')) reveal(group, Number(group.dataset.index ?? group.getAttribute('data-index')));
    replaceChildren(chartHost, chart);
  };
  // Lay out again when the panel is resized so the chart always fits without shrinking its text.
  let lastWidth = -1;
  const observer = new ResizeObserver(() => {
    if (chartHost.clientWidth > 0 && Math.abs(chartHost.clientWidth - lastWidth) > 2) {
      lastWidth = chartHost.clientWidth;
      draw();
    }
  });
  observer.observe(chartHost);
  draw();

  const rows = t.attempts.map((a) => {
    const tr = h('tr', {});
    reveal(tr, a.index);
    tr.append(
      ...cells(
        String(a.index + 1),
        formatDuration(a.startMs),
        // A log says when a request went out, not how long it took.
        log ? '—' : formatDuration(a.durationMs),
        a.httpStatus !== null ? String(a.httpStatus) : a.networkError ?? '—',
        categoryLabel(a.classification.category),
        a.retryAfterSeconds !== null ? `${a.retryAfterSeconds} s` : '—',
        a.waitMs > 0 ? formatDuration(a.waitMs) : '—',
        a.decision,
        a.reason,
        requestIds(a.requestIds),
      ),
    );
    return tr;
  });
  const dataTable = table(
    `Attempts (${t.attempts.length})`,
    ['#', 'Start', 'Duration', 'Status', 'Category', 'Retry-After', 'Wait', 'Decision', 'Why', 'Request IDs'],
    rows,
    'data timeline-table',
  );
  dataTable.id = tableId;

  const f = t.final;
  const token = message.token;
  return h(
    'article',
    { className: 'view timeline-view', attrs: { 'aria-label': 'Retry timeline' } },
    h(
      'header',
      { className: 'view-header' },
      h('h2', { text: 'Retry timeline' }),
      h('div', { className: 'badges' }, categoryBadge(f.category), pill(`${t.attempts.length} ${t.attempts.length === 1 ? 'attempt' : 'attempts'}`), pill(formatDuration(t.totalMs))),
    ),
    h('p', { className: 'summary', text: f.summary }),
    // Notes about the run itself (TLS verification turned off by the environment) come before the data.
    t.notes?.length
      ? h('ul', { className: 'warnings', attrs: { 'aria-label': 'Notes about this run' } }, ...t.notes.map((n) => h('li', {}, icon('warning'), ' ', h('span', { text: n }))))
      : null,
    facts([
      ['Operation', t.operation],
      ['Started', t.startedAt],
      ['Read from', log ? `${log.fileName} (each attempt is a request the app logged; select one to see its line)` : null],
    ]),
    h(
      'div',
      { className: 'legend', attrs: { 'aria-hidden': 'true' } },
      h('span', { className: 'swatch tone-ok' }),
      'success ',
      h('span', { className: 'swatch tone-wait' }),
      'throttled or server error ',
      h('span', { className: 'swatch tone-error' }),
      'failed ',
      h('span', { className: 'swatch tone-network' }),
      'network failure ',
      h('span', { className: 'swatch wait' }),
      'waiting before the next attempt',
    ),
    chartHost,
    dataTable,
    token
      ? section(
          'Token received',
          'timeline-token',
          facts([
            ['Type', `${token.tokenType} token${token.version ? ` (${token.version})` : ''}`],
            ['Audience', token.audience],
            ['Expires', token.expiresAt],
            ['Scopes', token.scopes.join(' ') || null],
            ['Roles', token.roles.join(' ') || null],
          ]),
          h('p', { className: 'hint', text: 'The Claims tab shows every claim of this token.' }),
        )
      : null,
  );
}
