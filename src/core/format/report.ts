// The Markdown report a developer pastes into a support ticket: the identifiers support needs to find
// the request in the sign-in logs (correlation ID, trace ID, timestamp), the codes, what Auth Lens
// concluded and the next steps. The caller runs the result through redactSecrets with its known
// secrets; this builder already leaves raw tokens out entirely.
import type { CatalogEntry, Classification, DecodedToken, ScanSummary, Timeline } from '../types';
import { entryTitle, formatClassification, formatDecodedToken, inlineCode } from './markdown';
import { escapeMarkdown } from './escape';
import { categoryLabel } from './labels';

/** The last thing Auth Lens explained, which the report describes. */
export type ReportSubject =
  | { kind: 'classification'; classification: Classification }
  | { kind: 'scan'; summary: ScanSummary; fileName: string }
  | { kind: 'acquisition'; timeline: Timeline; token?: DecodedToken; registration?: string }
  | { kind: 'token'; token: DecodedToken }
  | { kind: 'lookup'; entry: CatalogEntry };

export interface ReportContext {
  generatedAt: Date;
  /** e.g. "Auth Lens 0.1.0, VS Code 1.100.0" */
  environment?: string;
  /** Code → entry, for naming codes in scans and timelines (the caller passes describeCode). */
  describe?: (code: number) => CatalogEntry | undefined;
}

/** Report sections are lists of identifiers; a scan can have thousands, support needs a handful. */
const MAX_ROWS = 25;

export function buildReport(subject: ReportSubject, context: ReportContext): string {
  const parts: string[] = ['# Auth Lens report', `Generated ${context.generatedAt.toISOString()}${context.environment ? ` \u00b7 ${escapeMarkdown(context.environment)}` : ''}`];
  switch (subject.kind) {
    case 'classification':
      parts.push(...identifierSection([subject.classification]));
      parts.push('## What happened', formatClassification(subject.classification, { onlineLookup: true }));
      break;
    case 'acquisition': {
      const { timeline } = subject;
      parts.push(
        '## Token request',
        [
          `- Operation: ${escapeMarkdown(timeline.operation, 500)}`,
          subject.registration ? `- App registration (settings name): ${escapeMarkdown(subject.registration)}` : null,
          `- Started: \`${inlineCode(timeline.startedAt)}\`, took ${Math.round(timeline.totalMs)} ms over ${timeline.attempts.length} attempt(s)`,
          ...(timeline.notes ?? []).map((n) => `- Note: ${escapeMarkdown(n, 500)}`),
        ]
          .filter((x): x is string => x !== null)
          .join('\n'),
      );
      parts.push(...identifierSection([timeline.final, ...timeline.attempts.map((a) => a.classification)], timeline));
      if (timeline.attempts.length > 0) {
        const rows = timeline.attempts.slice(0, MAX_ROWS).map((a) => {
          const ids = Object.entries(a.requestIds)
            .map(([k, v]) => `${escapeMarkdown(k)}=\`${inlineCode(v, 80)}\``)
            .join(' ');
          return `| ${a.index + 1} | ${a.httpStatus ?? escapeMarkdown(a.networkError ?? 'no answer', 80)} | ${escapeMarkdown(a.decision)} | ${escapeMarkdown(a.reason, 300)} | ${ids} |`;
        });
        parts.push('## Attempts', ['| # | Status | Decision | Reason | Request IDs |', '|---|---|---|---|---|', ...rows].join('\n'));
      }
      parts.push('## Result', formatClassification(timeline.final, { onlineLookup: true }));
      if (subject.token) parts.push('## Token received (claims summary, token itself omitted)', formatDecodedToken(subject.token, { now: context.generatedAt }));
      break;
    }
    case 'scan':
      parts.push(...scanSections(subject.summary, subject.fileName, context));
      break;
    case 'token':
      parts.push('## Token (claims summary, token itself omitted)', formatDecodedToken(subject.token, { now: context.generatedAt, allClaims: true }));
      break;
    case 'lookup':
      parts.push(`## ${escapeMarkdown(entryTitle(subject.entry))}`, escapeMarkdown(subject.entry.summary, 2_000));
      if (subject.entry.fixes.length > 0) parts.push('## Next steps', subject.entry.fixes.map((f, i) => `${i + 1}. ${escapeMarkdown(f, 2_000)}`).join('\n'));
      parts.push(`Official lookup: ${subject.entry.url}`);
      break;
  }
  parts.push('---', '*Secrets and tokens were removed from this report by Auth Lens before it was copied.*');
  return parts.join('\n\n') + '\n';
}

function identifierSection(classifications: Classification[], timeline?: Timeline): string[] {
  const correlationIds = unique(classifications.map((c) => c.correlationId));
  const traceIds = unique(classifications.map((c) => c.traceId));
  const timestamps = unique(classifications.map((c) => c.timestamp));
  const codes = unique(classifications.flatMap((c) => c.aadsts.map((n) => `AADSTS${n}`)));
  const errors = unique(classifications.map((c) => c.error));
  const requestIds = timeline ? unique(timeline.attempts.flatMap((a) => Object.values(a.requestIds))) : [];
  const lines = [
    listLine('Correlation ID', correlationIds),
    listLine('Trace ID', traceIds),
    listLine('Request ID', requestIds),
    listLine('Timestamp (UTC)', timestamps),
    listLine('Error', errors),
    listLine('Codes', codes),
  ].filter((x): x is string => x !== null);
  return ['## Identifiers for support', lines.length > 0 ? lines.join('\n') : 'No correlation ID, trace ID or timestamp was present in the input.'];
}

function scanSections(summary: ScanSummary, fileName: string, context: ReportContext): string[] {
  const out: string[] = [
    '## Log scan',
    `- File: ${escapeMarkdown(fileName)}\n- ${summary.lines} lines, ${summary.bytes} bytes\n- ${summary.codes.length} distinct AADSTS codes, ${summary.errors.length} distinct error values, ${summary.correlations.length} correlation IDs, ${summary.tokens.length} tokens (not included)`,
  ];
  if (summary.codes.length > 0) {
    const rows = [...summary.codes]
      .sort((a, b) => b.count - a.count)
      .slice(0, MAX_ROWS)
      .map((c) => {
        const entry = context.describe?.(c.code);
        const name = c.name ?? entry?.name ?? '';
        return `| AADSTS${c.code} | ${escapeMarkdown(name)} | ${escapeMarkdown(categoryLabel(c.category))} | ${c.count} | ${c.firstLine}\u2013${c.lastLine} |`;
      });
    out.push('## Codes', ['| Code | Name | Category | Count | Lines |', '|---|---|---|---|---|', ...rows].join('\n'));
  }
  if (summary.errors.length > 0) {
    out.push('## Error values', summary.errors.slice(0, MAX_ROWS).map((e) => `- \`${inlineCode(e.error, 80)}\` \u00d7 ${e.count} (lines ${e.firstLine}\u2013${e.lastLine})`).join('\n'));
  }
  if (summary.correlations.length > 0) {
    const rows = summary.correlations.slice(0, MAX_ROWS).map(
      (g) =>
        `| \`${inlineCode(g.correlationId, 80)}\` | ${escapeMarkdown(g.firstTimestamp ?? '')} | ${g.codes.map((n) => `AADSTS${n}`).join(', ')} | ${g.errors.map((e) => escapeMarkdown(e)).join(', ')} | ${g.traceIds.slice(0, 3).map((t) => `\`${inlineCode(t, 60)}\``).join(', ')} |`,
    );
    out.push('## Correlation IDs', ['| Correlation ID | First seen | Codes | Errors | Trace IDs |', '|---|---|---|---|---|', ...rows].join('\n'));
    if (summary.correlations.length > MAX_ROWS) out.push(`\u2026 and ${summary.correlations.length - MAX_ROWS} more correlation IDs.`);
  }
  if (summary.bursts.length > 0) out.push('## Request bursts', summary.bursts.map((b) => `- ${escapeMarkdown(b.message, 500)}`).join('\n'));
  const topCodes = [...summary.codes].sort((a, b) => b.count - a.count).slice(0, 3);
  const steps = topCodes.flatMap((c) => {
    const entry = context.describe?.(c.code);
    return entry && entry.fixes.length > 0 ? [`**AADSTS${c.code}:** ${escapeMarkdown(entry.fixes[0]!, 1_000)}`] : [];
  });
  if (steps.length > 0) out.push('## Next steps (most frequent codes)', steps.map((s, i) => `${i + 1}. ${s}`).join('\n'));
  if (summary.warnings.length > 0) out.push('## Scan warnings', summary.warnings.map((w) => `- ${escapeMarkdown(w, 500)}`).join('\n'));
  return out;
}

function listLine(label: string, values: string[]): string | null {
  if (values.length === 0) return null;
  return `- ${label}: ${values.slice(0, MAX_ROWS).map((v) => `\`${inlineCode(v, 120)}\``).join(', ')}`;
}

function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}
