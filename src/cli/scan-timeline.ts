// `auth-lens scan --timeline`: the token requests read back from a log, one row each, with the wait
// before it, what came back and the patterns across them. The same rows feed the panel's Retry timeline.
import type { LogRequest, ScanSummary } from '../core/types';
import { safeArg, style, table, wrap } from './util';

/** Time of day with milliseconds when the log has them: `22:04:35.405`. */
function clock(ts: string | null): string {
  if (!ts) return '';
  const m = /(\d{2}:\d{2}:\d{2})(?:[.,](\d{1,3}))?/.exec(ts);
  return m ? (m[2] ? `${m[1]}.${m[2].padEnd(3, '0')}` : m[1]!) : ts;
}

function wait(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `+${ms} ms` : `+${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function details(r: LogRequest): string {
  const bits: string[] = [];
  if (r.source === 'cache') bits.push('answered from the library\'s memory, not sent');
  if (r.error) bits.push(r.suberror ? `${r.error}/${r.suberror}` : r.error);
  if (r.aadsts.length) bits.push(r.aadsts.map((c) => `AADSTS${c}`).join(','));
  if (r.retryAfterSeconds !== null) bits.push(`Retry-After ${r.retryAfterSeconds} s`);
  if (r.correlationId) bits.push(`corr ${r.correlationId}`);
  return bits.join(' · ');
}

export function renderTimeline(name: string, s: ScanSummary, color: boolean): string {
  const st = style(color);
  const requests = s.requests ?? [];
  let out = `${st.bold(safeArg(name))}: ${requests.length} request(s) to identity endpoints read from ${s.lines} lines\n`;
  if (requests.length === 0) {
    out += `  ${st.dim('No token-endpoint requests were recognised. Libraries log them only at their most verbose level (MSAL Python with urllib3 at DEBUG, msal-node Verbose, AZURE_LOG_LEVEL=verbose, MSAL.NET Verbose); msal-node\'s managed-identity client names no request at any level, only its retries.')}\n`;
    return out;
  }
  const paint = (r: LogRequest, text: string): string =>
    r.outcome === 'success' ? st.green(text) : r.outcome === 'pending' ? st.cyan(text) : r.outcome === 'throttled' ? st.yellow(text) : r.outcome === 'failure' ? st.red(text) : text;
  out += table([
    ['LINE', 'TIME', 'WAIT', 'ENDPOINT', 'GRANT', 'STATUS', 'OUTCOME', 'CATEGORY', 'DETAILS'].map(st.dim),
    ...requests.map((r) => [
      String(r.line),
      clock(r.time),
      wait(r.waitBeforeMs),
      r.endpoint,
      r.grant ?? '',
      r.status === null ? '?' : String(r.status),
      paint(r, r.source === 'cache' ? `${r.outcome} (cache)` : r.outcome),
      r.category ?? '',
      // Values from the log are shown as read: control characters would drive the terminal.
      safeArg(details(r)),
    ]),
  ]);
  const flags = s.requestFlags ?? [];
  if (flags.length) {
    out += `\n${st.bold('Across requests')}\n`;
    for (const f of flags) out += wrap(f.message, 92, '    ').replace(/^ {4}/, `  ${st.yellow('!')} `);
  }
  return out;
}
