// `auth-lens scan FILE`: streams a log of any size and reports AADSTS codes, OAuth errors, failures
// grouped by correlation ID, tokens (redacted) and token-request loops.
import { OAUTH_ERRORS } from '../core/catalog/describe';
import { scanText } from '../core/scan/index';
import { scanFile, ScanInputError, scanStream } from '../core/scan/node';
import type { Category, ScanSummary } from '../core/types';
import type { CommandSpec, ParsedArgs } from './command';
import type { CliIo } from './io';
import { renderTimeline } from './scan-timeline';
import { CliError, errorReason, EXIT_MATCHED, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, failOnOption, parseFailOn, readInput, redactedJson, safeArg, style, table, wrap } from './util';

export const SCAN: CommandSpec = {
  name: 'scan',
  usage: ['scan FILE|- [--json] [--timeline] [--all] [--fail-on CATEGORY,…]'],
  about: `Scans a log (any size; it is streamed, never loaded whole) for Microsoft identity platform failures:
AADSTS codes with counts and first/last line, OAuth error values, failures grouped by correlation ID
(with trace IDs and times), tokens (shown redacted), and bursts of token requests that look like a
retry loop (or the server's own loop verdict, AADSTS50196). Device-code polling (authorization_pending,
slow_down, AADSTS70016) is progress and is listed apart, under "Pending".

Token requests are read back from the logs of MSAL Python (with urllib3 at DEBUG), msal-node and
msal-browser, MSAL.NET, Azure Identity and azure-core HTTP logging (Python, JavaScript, .NET), and
JSON or key=value lines: each with its time, status, error, Retry-After and the wait before it, and
flags for a retry sooner than Retry-After, a loop, and a silent failure with no interactive sign-in.

FILE may be a pipe, a FIFO or <(command); - reads standard input. UTF-8 (with or without a BOM),
UTF-16LE/BE with a BOM (Windows PowerShell's >) and gzip (recognised by its first bytes, not its
name) are read as text; CRLF line ends are fine. Line numbers count lines of the decoded text.`,
  options: [
    { name: 'json', help: 'print the scan summary as JSON (with requests[] and requestFlags[])' },
    { name: 'timeline', help: 'print the token requests read from the log as a timeline' },
    {
      name: 'all',
      help: 'list every correlation ID (not only those with a code or error) and every loop warning; without it long lists stop after one page',
    },
    failOnOption('Codes and error values are matched by their catalog category, reconstructed requests by theirs; a token-request loop counts as "throttled"; device-code polls only as "pending".'),
  ],
  exit: 'Exit status: 0 scanned, 2 usage error, 3 input unreadable, 4 --fail-on matched.',
  run: runScan,
};

async function runScan(args: ParsedArgs, io: CliIo): Promise<number> {
  const failOn = parseFailOn(args, 'scan');
  if (args.positionals.length !== 1) throw new CliError('scan: give exactly one FILE (or - for standard input)', EXIT_USAGE);
  const source = args.positionals[0]!;
  let summary: ScanSummary;
  if (source === '-') {
    if (io.stdinIsTTY) throw new CliError('scan: nothing to read: pass a FILE or pipe a log in', EXIT_USAGE);
    if (io.stdinStream) {
      try {
        summary = await scanStream(io.stdinStream);
      } catch (err) {
        const reason = err instanceof ScanInputError ? err.message.replace(/^cannot read input: /, '') : 'read failed';
        throw new CliError(`scan: cannot read standard input: ${safeArg(reason)}`, EXIT_UNREADABLE);
      }
    } else summary = scanText(await readInput('-', io, 'scan'));
  } else {
    try {
      summary = await scanFile(source);
    } catch (err) {
      // The reason from the error's code: its message quotes the path, which may be anything.
      const reason = err instanceof ScanInputError ? errorReason(err, source).replace(/^cannot read .*?: /, '') : 'read failed';
      throw new CliError(`scan: cannot read ${safeArg(source)}: ${reason}`, EXIT_UNREADABLE);
    }
  }
  const name = source === '-' ? 'standard input' : source;
  io.stdout(args.flags.has('json') ? redactedJson(summary) : args.flags.has('timeline') ? renderTimeline(name, summary, io.color) : render(name, summary, io.color, args.flags.has('all')));
  if (failOn && matched(summary, failOn)) return EXIT_MATCHED;
  return EXIT_OK;
}

/** The categories a scan found, for --fail-on. */
export function scanCategories(summary: ScanSummary): Set<Category> {
  const found = new Set<Category>();
  for (const c of summary.codes) found.add(c.category);
  for (const e of summary.errors) {
    const info = e.pending ? { category: 'pending' as const } : OAUTH_ERRORS[e.error];
    if (info) found.add(info.category);
  }
  if (summary.bursts.length || summary.requestFlags?.some((f) => f.kind !== 'no_interactive_fallback')) found.add('throttled');
  if (summary.requestFlags?.some((f) => f.kind === 'no_interactive_fallback')) found.add('interaction_required');
  // A request's own verdict: some logs show a failure only as a status (a managed-identity endpoint's 400).
  for (const r of summary.requests ?? []) if (r.category !== null && r.category !== 'success') found.add(r.category);
  return found;
}

function matched(summary: ScanSummary, failOn: Set<Category>): boolean {
  for (const c of scanCategories(summary)) if (failOn.has(c)) return true;
  return false;
}

const GROUP_ROWS = 50;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function shortTime(ts: string | null): string {
  if (!ts) return '';
  const m = /(\d{2}:\d{2}:\d{2})/.exec(ts);
  return m ? m[1]! : ts;
}

/** How the input was read, when that is not plain UTF-8: ` (UTF-16LE, gzip: 5.8 KB read)`. */
function inputNote(s: ScanSummary): string {
  const i = s.input;
  if (!i || (i.encoding === 'utf-8' && !i.compression)) return '';
  const labels = [...(i.encoding === 'utf-8' ? [] : [i.encoding.toUpperCase()]), ...(i.compression ? [i.compression] : [])];
  return ` (${labels.join(', ')}: ${size(i.bytesRead)} read)`;
}

function render(name: string, s: ScanSummary, color: boolean, all: boolean): string {
  const st = style(color);
  let out = `${st.bold(safeArg(name))}: ${s.lines} lines, ${size(s.bytes)}${inputNote(s)}\n`;
  // Device-code polling is progress: kept out of the failure counts and tables, listed on its own.
  const codes = s.codes.filter((c) => c.category !== 'pending');
  const errors = s.errors.filter((e) => !e.pending);
  const pendingCodes = s.codes.filter((c) => c.category === 'pending');
  const pendingErrors = s.errors.filter((e) => e.pending);
  const failures = codes.reduce((n, c) => n + c.count, 0);
  const polls = pendingErrors.reduce((n, e) => n + e.count, 0) || pendingCodes.reduce((n, c) => n + c.count, 0);
  out += `  ${failures ? st.red(`${failures} AADSTS mention(s)`) : st.green('no AADSTS codes')}, ${errors.length} distinct error value(s), ${s.correlations.length} correlation ID(s), ${s.tokens.length} token(s), ${s.bursts.length} loop warning(s)${polls ? `, ${polls} device-code poll(s) pending` : ''}\n`;

  if (codes.length) {
    out += `\n${st.bold('AADSTS codes')}\n`;
    out += table([
      ['CODE', 'COUNT', 'FIRST', 'LAST', 'CATEGORY', 'NAME'].map(st.dim),
      ...codes.map((c) => [`AADSTS${c.code}`, String(c.count), String(c.firstLine), String(c.lastLine), c.category, c.name ?? (c.category === 'unknown' ? st.dim('(not in the published list)') : '-')]),
    ]);
  }
  if (errors.length) {
    out += `\n${st.bold('OAuth error values')}\n`;
    out += table([
      ['ERROR', 'COUNT', 'FIRST', 'LAST', 'CATEGORY'].map(st.dim),
      ...errors.map((e) => [e.error, String(e.count), String(e.firstLine), String(e.lastLine), OAUTH_ERRORS[e.error]?.category ?? '']),
    ]);
  }
  if (pendingCodes.length || pendingErrors.length) {
    out += `\n${st.bold('Pending (device-code polling)')} ${st.dim('progress, not failures: the app polls while the user signs in elsewhere')}\n`;
    out += table([
      ['VALUE', 'COUNT', 'FIRST', 'LAST'].map(st.dim),
      ...pendingErrors.map((e) => [e.error, String(e.count), String(e.firstLine), String(e.lastLine)]),
      ...pendingCodes.map((c) => [`AADSTS${c.code}`, String(c.count), String(c.firstLine), String(c.lastLine)]),
    ]);
    const waiting = s.correlations.filter((g) => g.pending);
    if (waiting.length) {
      const shown = waiting.slice(0, all ? waiting.length : 5).map((g) => g.correlationId);
      out += `  ${st.dim('correlation ID(s):')} ${shown.join(', ')}${waiting.length > shown.length ? st.dim(` … ${waiting.length - shown.length} more`) : ''}\n`;
    }
  }
  const matching = all ? s.correlations : s.correlations.filter((g) => (g.codes.length || g.errors.length) && !g.pending);
  // A terminal page, not a dump: --json has everything.
  const groups = matching.slice(0, all ? matching.length : GROUP_ROWS);
  if (groups.length) {
    out += `\n${st.bold(all ? 'Correlation IDs' : 'Failures by correlation ID')}${all ? '' : st.dim(` (${matching.length} of ${s.correlations.length})`)}\n`;
    out += table([
      ['CORRELATION ID', 'LINES', 'TIME', 'CODES', 'ERRORS', 'TRACE ID'].map(st.dim),
      ...groups.map((g) => [
        g.correlationId,
        g.lines.length ? (g.lines.length === 1 ? String(g.lines[0]) : `${g.lines[0]}–${g.lines[g.lines.length - 1]}`) : '',
        g.firstTimestamp === g.lastTimestamp ? shortTime(g.firstTimestamp) : `${shortTime(g.firstTimestamp)}–${shortTime(g.lastTimestamp)}`,
        g.codes.join(',') || '-',
        g.errors.join(',') || '-',
        g.traceIds[0] ?? '-',
      ]),
    ]);
    if (matching.length > groups.length) out += `  ${st.dim(`… ${matching.length - groups.length} more (--all lists every one, --json gives everything)`)}\n`;
  }
  if (s.bursts.length) {
    out += `\n${st.bold('Token request loops')}\n`;
    const shown = all ? s.bursts : s.bursts.slice(0, 20);
    for (const b of shown) out += wrap(b.message, 92, '    ').replace(/^ {4}/, `  ${st.yellow('!')} `);
    if (s.bursts.length > shown.length) out += `  ${st.dim(`… ${s.bursts.length - shown.length} more (--all lists every one)`)}\n`;
  }
  const requests = s.requests ?? [];
  if (requests.length) {
    const sent = requests.filter((r) => r.source === 'network');
    const failed = sent.filter((r) => r.outcome === 'failure' || r.outcome === 'throttled').length;
    out += `\n${st.bold('Token requests')} ${st.dim('(auth-lens scan --timeline lists each one)')}\n`;
    out += `  ${sent.length} sent, ${failed ? st.red(`${failed} failed or throttled`) : st.green('none failed')}${requests.length > sent.length ? `, ${requests.length - sent.length} answered from the library's memory` : ''}\n`;
    for (const f of s.requestFlags ?? []) out += wrap(f.message, 92, '    ').replace(/^ {4}/, `  ${st.yellow('!')} `);
  }
  if (s.tokens.length) {
    out += `\n${st.bold('Tokens')} ${st.dim('(redacted; decode one with: auth-lens decode FILE)')}\n`;
    out += table(s.tokens.slice(0, 20).map((t) => [st.dim(`line ${t.line}`), t.redacted]));
    if (s.tokens.length > 20) out += `  ${st.dim(`… ${s.tokens.length - 20} more`)}\n`;
  }
  if (s.warnings.length) {
    out += `\n${st.bold('Notes')}\n`;
    for (const w of s.warnings) out += wrap(w, 92, '    ').replace(/^ {4}/, `  ${st.yellow('!')} `);
  }
  if (failures) out += `\n${st.dim('Explain a code: auth-lens explain ' + codes.slice(0, 3).map((c) => c.code).join(' '))}\n`;
  return out;
}
