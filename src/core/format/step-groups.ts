// Next steps as people read them: grouped by who acts (developer, admin, user), without repeats,
// without the per-library code lines when the snippet tabs already show that code, and no more than
// about six. Reference links ("Microsoft's current text for … is at …") are kept apart: they are
// where to read more, not something to do. Pure: the panel and the tests share it.

export type StepActor = 'developer' | 'admin' | 'user' | 'other';

export interface StepGroup {
  who: StepActor;
  /** Heading for the group: "Developer", "Admin", "User", "Anyone". */
  label: string;
  /** Step texts without their "Who:" prefix. */
  steps: string[];
}

export interface StepPlan {
  groups: StepGroup[];
  /** Reference links to read more (step texts without the prefix). */
  references: string[];
  /** Steps left out: repeats, library code shown in the snippet tabs, and any over the cap. */
  omitted: number;
}

export interface StepPlanOptions {
  /** The view shows per-library code in tabs, so "Developer, msal-node: …" lines are left out. */
  hasSnippets?: boolean;
  /** Most steps shown (default 6). */
  max?: number;
}

const LABELS: Record<StepActor, string> = { developer: 'Developer', admin: 'Admin', user: 'User', other: 'Anyone' };
const PREFIX = /^\s*(developer|admin|administrator|user|tenant admin)\s*(?:,\s*([^:]{1,40}))?:\s*/i;
const REFERENCE = /^(?:microsoft's current text for|the official documentation for)\b.{0,200}\bis at https?:\/\/\S+\.?$/i;
/** Two steps sharing this much of their vocabulary say the same thing. */
const SAME_STEP = 0.6;

function actorOf(word: string | undefined): StepActor {
  const w = (word ?? '').toLowerCase();
  if (w === 'developer') return 'developer';
  if (w === 'admin' || w === 'administrator' || w === 'tenant admin') return 'admin';
  if (w === 'user') return 'user';
  return 'other';
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9_ ]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

export function planSteps(steps: readonly string[], options: StepPlanOptions = {}): StepPlan {
  const max = options.max ?? 6;
  const groups = new Map<StepActor, StepGroup>();
  const references: string[] = [];
  const kept: { who: StepActor; words: Set<string> }[] = [];
  let omitted = 0;
  let shown = 0;
  for (const raw of steps) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const match = PREFIX.exec(raw);
    const who = actorOf(match?.[1]);
    const library = match?.[2]?.trim();
    const text = match ? raw.slice(match[0].length).trim() : raw.trim();
    if (REFERENCE.test(text)) {
      if (!references.includes(text)) references.push(text);
      continue;
    }
    if (library && options.hasSnippets) {
      omitted++;
      continue;
    }
    const stepWords = words(text);
    if (kept.some((k) => k.who === who && similarity(k.words, stepWords) >= SAME_STEP)) {
      omitted++;
      continue;
    }
    if (shown >= max) {
      omitted++;
      continue;
    }
    kept.push({ who, words: stepWords });
    shown++;
    let group = groups.get(who);
    if (!group) {
      group = { who, label: LABELS[who], steps: [] };
      groups.set(who, group);
    }
    group.steps.push(library ? `${library}: ${text}` : text);
  }
  return { groups: [...groups.values()], references, omitted };
}
