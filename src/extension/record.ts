// Turns what a command found (a classification, a log scan) into Recent failures entries, with the
// same keys the terminal and debug-console detection use, so one failure seen in several places is
// one entry with several sources.
import { describeCode } from '../core/catalog/describe';
import { lookupValue } from '../core/catalog/index';
import type { CatalogEntry, Classification, ScanSummary } from '../core/types';
import type { FailureInput, FailureSource } from './recent';
import type { Services } from './services';

/** What Recent failures and notifications show beside a code: its name, else its summary's first sentence. */
export function failureTitle(entry: Pick<CatalogEntry, 'name' | 'summary'> | undefined): string {
  const text = entry?.name ?? (entry ? (entry.summary.split(/(?<=\.)\s/)[0] ?? entry.summary) : 'not in the catalog');
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

function codeFailure(code: number, source: FailureSource): FailureInput {
  const entry = describeCode(code);
  return { key: `AADSTS${code}`, label: `AADSTS${code}`, title: failureTitle(entry), source, target: { kind: 'code', code } };
}

function errorFailure(error: string, source: FailureSource): FailureInput | undefined {
  const entry = lookupValue(error, ['oauth'])[0];
  if (!entry) return undefined;
  return { key: `oauth:${entry.code}`, label: entry.code, title: failureTitle(entry), source, target: { kind: 'entry', vocabulary: 'oauth', code: entry.code } };
}

/** A failed classification's most specific code (AADSTS first, else the OAuth error value). */
export function recordClassification(services: Services, classification: Classification, source: FailureSource): void {
  if (classification.outcome !== 'error') return;
  const code = classification.aadsts[0];
  const failure = code !== undefined ? codeFailure(code, source) : classification.error ? errorFailure(classification.error, source) : undefined;
  if (failure) services.failures.record(failure);
}

/** The codes a scan found, most frequent first, a few at most (the panel lists them all). */
export function recordScan(services: Services, summary: ScanSummary, limit = 5): void {
  const codes = [...summary.codes].sort((a, b) => b.count - a.count).slice(0, limit);
  for (const c of codes) services.failures.record(codeFailure(c.code, 'log scan'));
  if (codes.length === 0) {
    for (const e of summary.errors.filter((x) => !x.pending).slice(0, limit)) {
      const failure = errorFailure(e.error, 'log scan');
      if (failure) services.failures.record(failure);
    }
  }
}
