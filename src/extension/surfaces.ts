// Where errors appear outside editors: links in the integrated terminal and a watch on the debug
// console. Both live in the activation bundle but only as a cheap pre-check; the catalog and the
// detection load (dist/extension-detect.js) the first time a line could hold something.
import * as vscode from 'vscode';
import { mayHaveLineItems } from '../core/scan/line-items';
import { COMMANDS } from './commands';
import type { DetectModule } from './extension';
import type { DetectedLink } from './lazy/detect';
import type { FailureInput } from './recent';
import type { Services } from './services';

interface AuthLensTerminalLink extends vscode.TerminalLink {
  detected: DetectedLink;
  line: string;
}

/** Opens what a failure points at (the same arguments a hover's "Open in Auth Lens" link carries). */
export function openFailure(failure: Pick<FailureInput, 'target'>): Thenable<unknown> {
  return vscode.commands.executeCommand(COMMANDS.openInPanel.id, failure.target);
}

export function registerTerminalLinks(services: Services): vscode.Disposable {
  const provider: vscode.TerminalLinkProvider<AuthLensTerminalLink> = {
    provideTerminalLinks(context, token) {
      try {
        if (token.isCancellationRequested || !mayHaveLineItems(context.line)) return [];
        const detected = services.loadLazy<DetectModule>('detect').terminalLinks(context.line);
        return detected.map((d) => ({ startIndex: d.start, length: d.length, tooltip: d.tooltip, detected: d, line: context.line }));
      } catch (error) {
        services.log.error('Terminal links failed', error);
        return [];
      }
    },
    async handleTerminalLink(link) {
      try {
        const { action } = link.detected;
        if (action.kind === 'decode') {
          // The token goes to the decoder in memory; the Claims view shows only its redacted form.
          await vscode.commands.executeCommand(COMMANDS.decodeToken.id, link.detected.token);
        } else if (action.kind === 'classifyLine') {
          await vscode.commands.executeCommand(COMMANDS.classifySelection.id, link.line);
        } else {
          if (link.detected.failure) services.failures.record(link.detected.failure);
          await vscode.commands.executeCommand(COMMANDS.openInPanel.id, action.target);
        }
      } catch (error) {
        services.log.error('Opening a terminal link failed', error);
      }
    },
  };
  return vscode.window.registerTerminalLinkProvider(provider);
}

/** Output read per debug session and second; beyond it a flood of output is skipped, not queued. */
const DEBUG_BUDGET_CHARS_PER_SECOND = 256 * 1024;
const DEBUG_EVENT_CHARS = 16 * 1024;
const FLUSH_MS = 100;

export function watchDebugConsole(services: Services): vscode.Disposable {
  const enabled = (): boolean => vscode.workspace.getConfiguration('authLens').get<boolean>('debugConsole.watch', true) !== false;
  return vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker(session) {
      if (!enabled()) return undefined;
      let pending: string[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      let windowStart = 0;
      let windowChars = 0;
      const flush = (): void => {
        timer = undefined;
        const text = pending.join('');
        pending = [];
        try {
          for (const failure of services.loadLazy<DetectModule>('detect').failuresIn(text, 'debug console')) {
            const { newSource } = services.failures.record(failure);
            if (newSource) notify(services, failure, session.name);
          }
        } catch (error) {
          services.log.error('Reading the debug console failed', error);
        }
      };
      return {
        onDidSendMessage(message: unknown) {
          // Work here is a few comparisons; reading the text waits for a timer, off the session's path.
          const m = message as { type?: unknown; event?: unknown; body?: { output?: unknown; category?: unknown } } | undefined;
          if (m?.type !== 'event' || m.event !== 'output' || typeof m.body?.output !== 'string' || m.body.category === 'telemetry') return;
          const now = Date.now();
          if (now - windowStart > 1000) {
            windowStart = now;
            windowChars = 0;
          }
          const text = m.body.output.length > DEBUG_EVENT_CHARS ? m.body.output.slice(0, DEBUG_EVENT_CHARS) : m.body.output;
          if (windowChars + text.length > DEBUG_BUDGET_CHARS_PER_SECOND || !mayHaveLineItems(text, DEBUG_EVENT_CHARS)) return;
          windowChars += text.length;
          pending.push(text.endsWith('\n') ? text : `${text}\n`);
          timer ??= setTimeout(flush, FLUSH_MS);
        },
        onWillStopSession() {
          if (timer) {
            clearTimeout(timer);
            flush();
          }
        },
      };
    },
  });
}

/** One quiet notification per distinct failure the debug console shows in this window; its button opens the explanation. */
function notify(services: Services, failure: FailureInput, sessionName: string): void {
  services.log.info(`${failure.label} in the debug console (${sessionName})`);
  void vscode.window.showInformationMessage(`Auth Lens: ${failure.label} in the debug console — ${failure.title}`, 'Explain').then(
    (choice) => (choice ? openFailure(failure) : undefined),
    () => undefined,
  );
}
