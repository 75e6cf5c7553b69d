// The heavy half of the terminal links and the debug-console watch, loaded on first use
// (dist/extension-detect.js): find what a line of output holds and look it up in the catalog. No
// vscode import and no network; the activation bundle turns the answers into links and notifications.
import { lookupCode, lookupValue } from '../../core/catalog/index';
import { findLineItems, type LineItem } from '../../core/scan/line-items';
import { scanText } from '../../core/scan/scanner';
import { entryLabel, type CatalogEntry } from '../../core/types';
import type { FailureInput, FailureSource, FailureTarget } from '../recent';
import type { DetectModule } from '../extension';
import { failureTitle } from '../record';

export type LinkAction = { kind: 'explain'; target: FailureTarget } | { kind: 'decode' } | { kind: 'classifyLine' };

export interface DetectedLink {
  start: number;
  length: number;
  tooltip: string;
  action: LinkAction;
  /** Present for a `decode` link only: the token, kept in memory for the click and never shown. */
  token?: string;
  /** For an `explain` link: what Recent failures records when it is clicked. */
  failure?: FailureInput;
}

/** Values that mean "still waiting" (device-code polling), not a failure. */
const PENDING = new Set(['authorization_pending', 'slow_down', '70016']);

const isCode = (word: string): boolean => lookupValue(word).some((e) => e.vocabulary !== 'aadsts');

/** The entry a word means on this line: the one whose message is on the line, else an OAuth value, else the first. */
function entryFor(word: string, line: string): CatalogEntry | undefined {
  const matches = lookupValue(word).filter((e) => e.vocabulary !== 'aadsts');
  const lower = line.slice(0, 4096).toLowerCase();
  return matches.find((e) => (e.patterns ?? []).some((p) => lower.includes(p))) ?? matches.find((e) => e.vocabulary === 'oauth') ?? matches[0];
}

function targetOf(item: LineItem, line: string): { target: FailureTarget; entry: CatalogEntry | undefined } | undefined {
  if (item.kind === 'aadsts' && item.code !== undefined) return { target: { kind: 'code', code: item.code }, entry: lookupCode(item.code) };
  if (item.kind === 'code') {
    const entry = entryFor(item.value, line);
    if (entry) return { target: { kind: 'entry', vocabulary: entry.vocabulary, code: entry.code }, entry };
  }
  return undefined;
}

function failureOf(item: LineItem, found: { target: FailureTarget; entry: CatalogEntry | undefined }, source: FailureSource): FailureInput {
  const label = found.entry ? entryLabel(found.entry) : item.value;
  const key = found.target.kind === 'code' ? label : `${found.target.vocabulary}:${found.target.code}`;
  return { key, label, title: failureTitle(found.entry), source, target: found.target };
}

/** Links for one terminal line: explain codes and values, decode tokens, classify the line of an id. */
export function terminalLinks(line: string): DetectedLink[] {
  const links: DetectedLink[] = [];
  for (const item of findLineItems(line, { isCode })) {
    const length = item.end - item.start;
    if (item.kind === 'jwt') {
      links.push({ start: item.start, length, tooltip: 'Decode this token with Auth Lens (locally; nothing is sent)', action: { kind: 'decode' }, token: item.value });
    } else if (item.kind === 'correlation_id') {
      links.push({ start: item.start, length, tooltip: 'Open in Auth Lens: classify this line (redacted)', action: { kind: 'classifyLine' } });
    } else {
      const found = targetOf(item, line);
      if (!found) continue;
      const name = found.entry?.name ? ` (${found.entry.name})` : '';
      links.push({
        start: item.start,
        length,
        tooltip: `Explain ${item.value}${name} with Auth Lens`,
        action: { kind: 'explain', target: found.target },
        failure: failureOf(item, found, 'terminal'),
      });
    }
  }
  return links;
}

const MAX_OUTPUT_CHARS = 16 * 1024;
const MAX_LINES = 64;
const MAX_FAILURES_PER_TEXT = 4;

/**
 * The distinct failures in a piece of output (a debug `output` event, a log line): per line the most
 * specific one, an AADSTS code before the error value or library code around it.
 */
export function failuresIn(text: string, source: FailureSource): FailureInput[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: FailureInput[] = [];
  const seen = new Set<string>();
  const lines = (text.length > MAX_OUTPUT_CHARS ? text.slice(0, MAX_OUTPUT_CHARS) : text).split('\n', MAX_LINES);
  for (const line of lines) {
    const items = findLineItems(line, { isCode }).filter((i) => i.kind === 'aadsts' || i.kind === 'code');
    const primary = items.find((i) => i.kind === 'aadsts') ?? items[0];
    if (!primary) continue;
    const found = targetOf(primary, line);
    if (!found) continue;
    const pendingKey = found.target.kind === 'code' ? String(found.target.code) : found.target.code;
    if (PENDING.has(pendingKey)) continue;
    const failure = failureOf(primary, found, source);
    if (seen.has(failure.key)) continue;
    seen.add(failure.key);
    out.push(failure);
    if (out.length >= MAX_FAILURES_PER_TEXT) break;
  }
  return out;
}

export interface LogDiagnostic {
  /** 0-based line and columns of the failure's first sighting. */
  line: number;
  start: number;
  end: number;
  message: string;
  failure: FailureInput;
}

/** Diagnostics per log document at most; the panel's scan lists everything. */
export const MAX_DIAGNOSTICS = 50;
/** Text read for diagnostics; the rest of a huge log is left to Scan This Log. */
const MAX_DIAGNOSTIC_CHARS = 8 * 1024 * 1024;

/**
 * One diagnostic per distinct failure in a log's text (AADSTS codes, then OAuth error values without a
 * code; device-code polling is progress and left out), at its first line, saying how often and where.
 */
export function diagnosticsFor(text: string): LogDiagnostic[] {
  if (typeof text !== 'string' || !text) return [];
  const source = text.length > MAX_DIAGNOSTIC_CHARS ? text.slice(0, MAX_DIAGNOSTIC_CHARS) : text;
  const summary = scanText(source);
  const lines = (n: number, first: number, last: number): string => `${n === 1 ? 'once' : `${n} times`}${first === last ? `, line ${first}` : `, lines ${first}–${last}`}`;
  // The text of the lines the diagnostics sit on, found in one pass up to the last of them.
  const wanted = new Set([...summary.codes.map((c) => c.firstLine), ...summary.errors.map((e) => e.firstLine)]);
  const lineTexts = new Map<number, string>();
  const last = Math.max(0, ...wanted);
  for (let lineNo = 1, at = 0; lineNo <= last; lineNo++) {
    const end = source.indexOf('\n', at);
    if (wanted.has(lineNo)) lineTexts.set(lineNo, source.slice(at, end < 0 ? source.length : end).replace(/\r$/, ''));
    if (end < 0) break;
    at = end + 1;
  }
  const out: LogDiagnostic[] = [];
  const place = (oneBased: number, needle: string): { line: number; start: number; end: number } => {
    const text = lineTexts.get(oneBased) ?? '';
    const at = text.indexOf(needle);
    return { line: oneBased - 1, start: Math.max(0, at), end: at >= 0 ? at + needle.length : text.length };
  };
  for (const c of summary.codes) {
    if (out.length >= MAX_DIAGNOSTICS || PENDING.has(String(c.code))) continue;
    const label = `AADSTS${c.code}`;
    const entry = lookupCode(c.code);
    const failure: FailureInput = { key: label, label, title: failureTitle(entry), source: 'log file', target: { kind: 'code', code: c.code } };
    out.push({ ...place(c.firstLine, label), message: `${label}: ${failure.title} (${lines(c.count, c.firstLine, c.lastLine)})`, failure });
  }
  for (const e of summary.errors) {
    if (out.length >= MAX_DIAGNOSTICS || e.pending || PENDING.has(e.error)) continue;
    const entry = lookupValue(e.error, ['oauth'])[0];
    if (!entry) continue;
    const failure: FailureInput = { key: `oauth:${entry.code}`, label: entry.code, title: failureTitle(entry), source: 'log file', target: { kind: 'entry', vocabulary: 'oauth', code: entry.code } };
    out.push({ ...place(e.firstLine, e.error), message: `${entry.code}: ${failure.title} (${lines(e.count, e.firstLine, e.lastLine)})`, failure });
  }
  return out;
}

// Compile-time proof that this module is what the activation bundle expects to require.
const moduleShape: DetectModule = { terminalLinks, failuresIn, diagnosticsFor };
void moduleShape;
