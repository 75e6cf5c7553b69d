// A multi-step input as data: each step asks for one value and stores it in a draft; Back returns to
// the step asked before it, with its answer filled in; steps that do not apply to the draft so far are
// skipped and not counted. The engine knows nothing of VS Code, so its order and counting are tested
// without it; quick-input.ts holds the VS Code prompts the steps use.

export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

/** Where a step stands among the steps that apply: shown as "step of totalSteps". */
export interface StepPosition {
  step: number;
  totalSteps: number;
}

export interface Step<D> {
  /** Whether the step is asked, given the answers so far (default: always). */
  applies?: (draft: Readonly<D>) => boolean;
  ask: (draft: Readonly<D>, position: StepPosition) => Promise<StepResult<string>>;
  store: (draft: D, value: string) => void;
}

/** Runs the steps in order; true when every applicable step was answered, false when cancelled. */
export async function runSteps<D>(steps: readonly Step<D>[], draft: D): Promise<boolean> {
  // Indices of the steps answered, in order: Back pops the last one.
  const answered: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    if (step.applies && !step.applies(draft)) {
      i++;
      continue;
    }
    const applicable = steps.filter((s) => !s.applies || s.applies(draft));
    const result = await step.ask(draft, { step: answered.length + 1, totalSteps: Math.max(applicable.length, answered.length + 1) });
    if (result.kind === 'cancel') return false;
    if (result.kind === 'back') {
      i = answered.pop() ?? i;
      continue;
    }
    step.store(draft, result.value);
    answered.push(i);
    i++;
  }
  return true;
}
