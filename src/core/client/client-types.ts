// What callers of the token client pass and get back, shared by the client's wiring and its grants.
import type { Classification, Timeline, TimelineAttempt } from '../types';
import type { Endpoints } from './authority';
import type { DispatcherOptions } from './dispatcher';
import type { RetryPolicy } from './policy';

export interface TokenClientOptions extends DispatcherOptions {
  policy?: Partial<RetryPolicy>;
  /** How long the loopback listener waits for the browser to come back (auth code + PKCE). */
  loopbackTimeoutMs?: number;
  /** Sent as x-client-sku / x-client-ver. */
  clientName?: string;
  clientVersion?: string;
}

export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  /** The server's own instruction text, when it sent one. */
  message: string | null;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Called after each attempt is recorded (live timelines). */
  onAttempt?: (attempt: TimelineAttempt) => void;
  /** Device code: show the user code and where to enter it. */
  onDeviceCode?: (info: DeviceCodeInfo) => void | Promise<void>;
  /** Auth code + PKCE: open the authorize URL in a browser. */
  openBrowser?: (url: string) => void | Promise<void>;
}

export interface TokenSet {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
  tokenType: string;
}

export interface TokenResult {
  classification: Classification;
  timeline: Timeline;
  tokens?: TokenSet;
  /** True when the caller's AbortSignal ended the operation. */
  cancelled?: boolean;
  /** Field-named problems when the request did not validate (nothing was sent). */
  settingsErrors?: string[];
  /** The endpoints used, when they were resolved. */
  endpoints?: Endpoints;
}

export interface TokenClient {
  acquire(request: unknown, options?: AcquireOptions): Promise<TokenResult>;
  /** Forget local throttling state (e.g. after the user changed the registration). */
  clearThrottle(): void;
  /** Closes pooled connections; the client cannot be used afterwards. */
  close(): Promise<void>;
}
