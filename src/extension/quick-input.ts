// The two VS Code prompts a multi-step input is built from (multi-step.ts): a text box and a pick
// list, each with a Back button after the first step, kept open when focus moves away.
import * as vscode from 'vscode';
import type { StepPosition, StepResult } from './multi-step';

interface Common extends StepPosition {
  title: string;
}

/** Waits for one answer from a quick input, then disposes it whatever happened. */
async function answer<T>(input: vscode.QuickInput, wire: (resolve: (result: StepResult<T>) => void) => vscode.Disposable[]): Promise<StepResult<T>> {
  const disposables: vscode.Disposable[] = [input];
  try {
    return await new Promise<StepResult<T>>((resolve) => {
      disposables.push(...wire(resolve), input.onDidHide(() => resolve({ kind: 'cancel' })));
      input.show();
    });
  } finally {
    disposables.forEach((d) => d.dispose());
  }
}

export function inputStep(options: Common & { prompt: string; value?: string; placeholder?: string; validate: (value: string) => string | undefined }): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.prompt = options.prompt;
  box.value = options.value ?? '';
  box.placeholder = options.placeholder ?? '';
  box.ignoreFocusOut = true;
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return answer<string>(box, (resolve) => [
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) resolve({ kind: 'back' });
    }),
    box.onDidChangeValue((value) => {
      box.validationMessage = value ? options.validate(value) : undefined;
    }),
    box.onDidAccept(() => {
      const problem = options.validate(box.value);
      if (problem) box.validationMessage = problem;
      else resolve({ kind: 'value', value: box.value.trim() });
    }),
  ]);
}

export function pickStep<T extends string>(options: Common & { placeholder: string; items: { value: T; label: string; detail?: string }[] }): Promise<StepResult<T>> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.items = options.items.map((item) => ({ label: item.label, description: item.value, ...(item.detail ? { detail: item.detail } : {}), value: item.value }));
  pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return answer<T>(pick, (resolve) => [
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) resolve({ kind: 'back' });
    }),
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0];
      if (selected) resolve({ kind: 'value', value: selected.value });
    }),
  ]);
}
