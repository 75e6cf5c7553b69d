// The Log scan view's token requests: every request read back from the log (click a row for its
// line), the patterns across them, and a chooser that draws one correlation id or a range of lines on
// the Retry timeline, the view the token client uses.
import type { LogRequest, ScanSummary } from '../../core/types';
import { h, icon, onActivate, section, table } from '../dom';
import { categoryBadge, pill, type ViewContext } from './common';

const TIMELINE_ROWS = 200;

function wait(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `+${ms} ms` : `+${(ms / 1000).toFixed(1)} s`;
}

function outcomeBadge(r: LogRequest): HTMLSpanElement {
  const tone = r.outcome === 'success' ? 'ok' : r.outcome === 'pending' || r.outcome === 'throttled' ? 'wait' : r.outcome === 'failure' ? 'error' : 'neutral';
  return pill(r.source === 'cache' ? `${r.outcome} (cache)` : r.outcome, tone);
}

function details(r: LogRequest): Node | string {
  const bits: string[] = [];
  if (r.error) bits.push(r.suberror ? `${r.error}/${r.suberror}` : r.error);
  if (r.aadsts.length) bits.push(r.aadsts.map((c) => `AADSTS${c}`).join(', '));
  if (r.retryAfterSeconds !== null) bits.push(`Retry-After ${r.retryAfterSeconds} s`);
  if (!r.correlationId) return bits.join(' · ') || '—';
  // The correlation id stays on one line, as ids do everywhere in the panel.
  return h('span', {}, bits.length ? `${bits.join(' · ')} · ` : '', h('code', { className: 'id', text: r.correlationId }));
}

/** The choices the timeline can draw: every request, each correlation id, each flagged stretch. */
function chooser(ctx: ViewContext, documentUri: string, s: ScanSummary, requests: LogRequest[]): HTMLElement {
  const select = h('select', { className: 'log-timeline-choice', attrs: { 'aria-label': 'Requests to draw on the Retry timeline' } });
  const first = requests[0]!.line;
  const last = requests[Math.min(requests.length, TIMELINE_ROWS) - 1]!.line;
  select.append(h('option', { text: `All requests, lines ${first}–${last}`, attrs: { value: `lines:${first}:${last}` } }));
  const ids = new Map<string, number>();
  for (const r of requests) if (r.correlationId) ids.set(r.correlationId, (ids.get(r.correlationId) ?? 0) + 1);
  for (const [id, count] of [...ids].filter(([, n]) => n > 1 || ids.size <= 20).slice(0, 100)) {
    select.append(h('option', { text: `Correlation id ${id} (${count})`, attrs: { value: `id:${id}` } }));
  }
  for (const f of (s.requestFlags ?? []).slice(0, 20)) {
    const lines = f.lines.length ? f.lines : [f.line];
    select.append(h('option', { text: `${f.kind.replace(/_/g, ' ')}: lines ${lines[0]}–${lines[lines.length - 1]}`, attrs: { value: `lines:${Math.min(...lines)}:${Math.max(...lines)}` } }));
  }
  const button = h('button', { className: 'action', text: 'Show on Retry timeline', attrs: { type: 'button' } });
  onActivate(button, () => {
    const [kind, a, b] = select.value.split(':');
    if (kind === 'id' && a) ctx.host.post({ type: 'showLogTimeline', documentUri, correlationId: a });
    else if (kind === 'lines') ctx.host.post({ type: 'showLogTimeline', documentUri, correlationId: null, fromLine: Number(a), toLine: Number(b) });
  });
  return h('div', { className: 'toolbar log-timeline-toolbar' }, select, ' ', button);
}

/** `revealRow`: the scan view's clickable row (passed in, so the two modules do not import each other). */
export function renderRequests(
  ctx: ViewContext,
  documentUri: string,
  s: ScanSummary,
  revealRow: (ctx: ViewContext, documentUri: string, line: number, values: (Node | string)[]) => HTMLTableRowElement,
): HTMLElement | null {
  const requests = s.requests ?? [];
  if (requests.length === 0) return null;
  const flags = s.requestFlags ?? [];
  const sent = requests.filter((r) => r.source === 'network').length;
  return section(
    `Token requests (${requests.length}${sent < requests.length ? `, ${requests.length - sent} from the library's memory` : ''})`,
    'scan-requests',
    flags.length
      ? h(
          'ul',
          { className: 'warnings', attrs: { 'aria-label': 'Patterns across requests' } },
          ...flags.map((f) => {
            const li = h('li', { className: 'reveal-row', attrs: { tabindex: 0, title: `Go to line ${f.line}` } }, icon('warning'), ' ', h('span', { text: f.message }));
            onActivate(li, () => ctx.host.post({ type: 'revealLine', documentUri, line: f.line }));
            return li;
          }),
        )
      : null,
    chooser(ctx, documentUri, s, requests),
    table(
      `Requests (${requests.length})`,
      ['Line', 'Time', 'Wait', 'Endpoint', 'Status', 'Outcome', 'Category', 'Details'],
      requests.map((r) =>
        revealRow(ctx, documentUri, r.line, [String(r.line), r.time ?? '—', wait(r.waitBeforeMs), r.grant ? `${r.endpoint} (${r.grant})` : r.endpoint, r.status === null ? '—' : String(r.status), outcomeBadge(r), r.category ? categoryBadge(r.category) : '—', details(r)]),
      ),
      'data requests-table',
    ),
  );
}

