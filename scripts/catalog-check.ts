// Checks catalog vocabulary files while they are written: schema, wording borrowed from the reference
// (any run of 6 words shared with a reference message or meaning), and which reference values
// (../shared/reference/client-and-resource-errors.json) the given files leave uncovered.
// Usage: tsx scripts/catalog-check.ts FILE.json… [--sources "Microsoft Graph,Azure Storage"]
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { vocabularyFileSchema, type CatalogEntryData } from '../src/core/catalog/schema';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sources: { type: 'string' } } });
const refPath = new URL('../../shared/reference/client-and-resource-errors.json', import.meta.url);
const reference: { source: string; code: string; value: string; message: string; meaning: string }[] = existsSync(refPath)
  ? JSON.parse(readFileSync(refPath, 'utf8'))
  : [];

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9_' ]+/g, ' ').split(/\s+/).filter(Boolean);
function runs(s: string, n = 6): Set<string> {
  const w = words(s);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}
const refRuns = new Set<string>();
for (const r of reference) for (const t of [r.message, r.meaning]) for (const x of runs(t ?? '')) refRuns.add(x);

let failed = false;
const all: CatalogEntryData[] = [];
for (const file of positionals) {
  const parsed = vocabularyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    failed = true;
    console.log(`${file}: schema errors`);
    for (const i of parsed.error.issues.slice(0, 30)) console.log(`  ${i.path.join('.')}: ${i.message}`);
    continue;
  }
  for (const e of parsed.data.entries) {
    all.push(e);
    const texts = [e.summary, ...e.causes, ...e.fixes.map((f) => f.text)];
    for (const t of texts) for (const r of runs(t)) if (refRuns.has(r)) { failed = true; console.log(`${file} ${e.code}: shares "${r}" with the reference`); }
    if (!e.documented && !e.evidence) { failed = true; console.log(`${file} ${e.code}: inferred entry without evidence`); }
  }
  console.log(`${file}: ${parsed.data.entries.length} entries`);
}

/** The spellings a developer would paste for one reference row. */
export function referenceKeys(r: { code: string; value: string }): string[] {
  const keys = new Set<string>();
  const v = r.value.replace(/\s*\(type\)$/, '').trim();
  if (v && v !== '(type)') keys.add(v);
  const code = r.code.replace(/^(HTTP\s+)?\d{3}\s+/, '').trim();
  if (code && !/^HTTP \d{3}$/.test(r.code)) keys.add(code);
  return [...keys];
}
function covered(r: { code: string; value: string; message: string }): boolean {
  const keys = referenceKeys(r).map((k) => k.toLowerCase());
  const text = `${r.value} ${r.message}`.toLowerCase();
  return all.some(
    (e) =>
      e.documented &&
      (keys.includes(e.code.toLowerCase()) ||
        (e.aliases ?? []).some((a) => keys.includes(a.toLowerCase())) ||
        (e.patterns ?? []).some((p) => r.value.toLowerCase().includes(p))),
  ) && text.length > 0;
}
if (values.sources) {
  const wanted = values.sources.split(',').map((s) => s.trim());
  const rows = reference.filter((r) => wanted.includes(r.source));
  const missing = rows.filter((r) => !covered(r));
  console.log(`reference rows for ${wanted.join(', ')}: ${rows.length}; uncovered: ${missing.length}`);
  for (const m of missing) console.log(`  uncovered: ${m.source} | ${m.code} | ${m.value}`);
}
process.exitCode = failed ? 1 : 0;
