// Explain Error Code… as a quick pick: every keystroke searches every vocabulary of the catalog and
// lists the matches live; text that is not a code (a pasted log line or response) goes to Classify.
import * as vscode from 'vscode';
import { describeCode } from '../core/catalog/describe';
import { searchCatalog } from '../core/catalog/index';
import { lookupMsalLogString } from '../core/catalog/msal-log-strings';
import { explainItems, type ExplainAction, type ExplainItem } from './explain-items';

const CATALOG = { search: searchCatalog, describeCode: (code: number) => describeCode(code), logString: lookupMsalLogString };

/** Shows the pick and resolves with what was chosen, or undefined when it was dismissed. */
export function pickExplanation(initial = ''): Promise<ExplainAction | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<ExplainItem & vscode.QuickPickItem>();
    pick.title = 'Auth Lens: Explain';
    pick.placeholder = 'Type a code, value or words (50076, invalid_grant, interaction_in_progress, consent), or paste an error to classify';
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.ignoreFocusOut = true;
    let settled = false;
    const finish = (action: ExplainAction | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(action);
      pick.dispose();
    };
    const update = (value: string): void => {
      try {
        pick.items = explainItems(value, CATALOG);
      } catch {
        // A search that fails leaves the last list in place rather than closing the pick.
      }
    };
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => finish(pick.selectedItems[0]?.action ?? pick.activeItems[0]?.action));
    pick.onDidHide(() => finish(undefined));
    if (initial) {
      pick.value = initial;
      update(initial);
    }
    pick.show();
  });
}
