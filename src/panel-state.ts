// What the panel keeps across reloads (VS Code discards a hidden webview's DOM). Only the current view
// and the last message shown in each view are kept, with every token string removed: state is stored
// by VS Code on disk, and a token — even a redacted one, whose unsigned part still carries claims —
// does not belong there. A restored claims view says the token text was not kept.
// The page writes this state; after a window reload VS Code hands the same object to the host, which
// reads it here too (src/extension/panel.ts), so both sides agree on its shape.
import { parseHostMessage, VIEWS, type PanelView, type ShowMessage } from './protocol';
import type { DecodedToken, ScanSummary } from './core/types';

export const STATE_VERSION = 1;

export interface PanelState {
  version: typeof STATE_VERSION;
  view: PanelView;
  shown: Partial<Record<PanelView, ShowMessage>>;
}

/** Marker stored in place of a token string. */
export const NOT_KEPT = '';

function stripToken(token: DecodedToken): DecodedToken {
  return { ...token, redacted: NOT_KEPT };
}

function stripSummary(summary: ScanSummary): ScanSummary {
  return { ...summary, tokens: summary.tokens.map((t) => ({ line: t.line, redacted: NOT_KEPT })) };
}

/** A copy of a shown message that is safe to persist. */
export function persistable(message: ShowMessage): ShowMessage {
  switch (message.view) {
    case 'claims':
      return { ...message, token: stripToken(message.token) };
    case 'timeline':
      return message.token ? { ...message, token: stripToken(message.token) } : message;
    case 'scan':
      return { ...message, summary: stripSummary(message.summary) };
    default:
      return message;
  }
}

export function emptyState(): PanelState {
  return { version: STATE_VERSION, view: 'response', shown: {} };
}

/** Reads stored state defensively: anything that no longer matches the protocol is dropped. */
export function restoreState(raw: unknown): PanelState {
  const state = emptyState();
  if (typeof raw !== 'object' || raw === null) return state;
  const record = raw as { version?: unknown; view?: unknown; shown?: unknown };
  if (record.version !== STATE_VERSION) return state;
  if (typeof record.view === 'string' && (VIEWS as readonly string[]).includes(record.view)) state.view = record.view as PanelView;
  if (typeof record.shown === 'object' && record.shown !== null) {
    for (const view of VIEWS) {
      const message = parseHostMessage((record.shown as Record<string, unknown>)[view]);
      if (message?.type === 'show' && message.view === view) state.shown[view] = persistable(message);
    }
  }
  return state;
}
