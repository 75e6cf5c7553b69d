// The heavy half of the terminal links and the debug-console watch, loaded on first use
// (dist/extension-detect.js): find what a line of output holds and look it up in the catalog. No
// vscode import and no network; the activation bundle turns the answers into links and notifications.
import { lookupCode, lookupValue } from '../../core/catalog/index';
import { findLineItems, type LineItem } from '../../core/scan/line-items';
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

// Compile-time proof that this module is what the activation bundle expects to require.
const moduleShape: DetectModule = { terminalLinks, failuresIn };
void moduleShape;
