// The webview's side of the channel to the extension host. Outgoing messages are checked against the
// protocol before they are posted, so a bug here cannot send the host something it would reject.
import { parseWebviewMessage, type WebviewMessage } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewMessage): boolean;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Outside VS Code (a plain browser) there is no host: messages go nowhere and state lives in memory. */
function detachedApi(): VsCodeApi {
  let state: unknown;
  return {
    postMessage: () => undefined,
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}

export function connectHost(): HostChannel {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : detachedApi();
  const channel: HostChannel = {
    post(message) {
      const checked = parseWebviewMessage(message);
      if (!checked) {
        if (message.type !== 'log') channel.log('warn', `webview refused to send an invalid "${message.type}" message`);
        return false;
      }
      api.postMessage(checked);
      return true;
    },
    log(level, message) {
      const text = message.length > 4_000 ? `${message.slice(0, 3_990)}…` : message;
      const checked = parseWebviewMessage({ type: 'log', level, message: text });
      if (checked) api.postMessage(checked);
    },
    getState: () => {
      try {
        return api.getState();
      } catch {
        return undefined;
      }
    },
    setState: (state) => {
      try {
        api.setState(state);
      } catch (error) {
        channel.log('warn', `could not save panel state: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
  return channel;
}
