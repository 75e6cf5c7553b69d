// What the readers learn from an input: the protocol fields (error, suberror, codes, status, headers)
// plus what a library wrapper or an API's error body adds. The rules (rules.ts) decide from this alone.
import type { CatalogEntry, Source } from '../types';
import type { Challenge } from './http-text';

/** The library whose code the advice shows; 'msal-js' when it is MSAL.js but not which of node or browser; null when the input does not say. */
export type InputLibrary = 'msal-python' | 'msal-node' | 'msal-browser' | 'msal-dotnet' | 'msal-js';

export interface TokenFacts {
  tokenType: string | null;
  expiresIn: number | null;
  scope: string | null;
  hasRefreshToken: boolean;
  hasIdToken: boolean;
}

/** Everything the parsers learned; the rules turn it into a Classification. */
export interface Facts {
  source: Source;
  success: TokenFacts | null;
  /** A device-code start answer (device_code + user_code): the flow is waiting for the user. */
  deviceCode: boolean;
  /** The whole input is Python's None: what acquire_token_silent() returns when it has nothing. */
  silentReturnedNone: boolean;
  error: string | null;
  suberror: string | null;
  description: string | null;
  aadsts: number[];
  correlationId: string | null;
  traceId: string | null;
  timestamp: string | null;
  httpStatus: number | null;
  /** Decoded claims challenge JSON. */
  claims: string | null;
  /** From a Retry-After header (seconds), before any capping. */
  retryAfterHeader: number | null;
  /** The library's exception/error class, e.g. MsalUiRequiredException, ServerError, ValueError. */
  exceptionType: string | null;
  /** MSAL.NET UiRequiredExceptionClassification, e.g. BasicAction. */
  netClassification: string | null;
  /** MSAL.NET IsRetryable as printed. */
  isRetryable: boolean | null;
  /** No HTTP answer: the transport failure text. */
  networkError: string | null;
  /** The `error` of a WWW-Authenticate challenge (invalid_token, insufficient_claims). */
  challengeError: string | null;
  challenges: Challenge[];
  /** Azure Identity: the credential whose failure was chosen, and how many were listed. */
  credential: string | null;
  credentialCount: number;
  /** Azure Identity: the chosen inner failure only says the credential could not run. */
  credentialUnavailable: boolean;
  /** Azure CLI / azd / PowerShell credential needs a sign-in on the machine. */
  toolSignInNeeded: string | null;
  /**
   * The failed request was app-only (client credentials: the app's own secret, certificate or
   * assertion, no user), as the input shows it or the token client said. Nobody can be asked to sign
   * in, so advice that needs a user does not apply.
   */
  appOnly: boolean;
  /** The MSAL library (or language) the input came from, so advice can show that library's code first. */
  library: InputLibrary | null;
  /** An error code from an API's own error body (Graph/ARM `error.code`, Storage `<Code>`, `x-ms-error-code`). */
  resourceCode: string | null;
  /**
   * The catalog entry of a library's or an API's own error (interaction_in_progress,
   * AuthorizationFailed, MSAL Python's "state mismatch"), when the input names one.
   */
  known: CatalogEntry | null;
  /** How the input named it: its code, its fixed message, or only the exception type it was raised as. */
  knownVia: 'code' | 'message' | 'type' | null;
  notes: string[];
}

export function emptyFacts(source: Source): Facts {
  return {
    source,
    success: null,
    deviceCode: false,
    silentReturnedNone: false,
    error: null,
    suberror: null,
    description: null,
    aadsts: [],
    correlationId: null,
    traceId: null,
    timestamp: null,
    httpStatus: null,
    claims: null,
    retryAfterHeader: null,
    exceptionType: null,
    netClassification: null,
    isRetryable: null,
    networkError: null,
    challengeError: null,
    challenges: [],
    credential: null,
    credentialCount: 0,
    credentialUnavailable: false,
    toolSignInNeeded: null,
    appOnly: false,
    library: null,
    resourceCode: null,
    known: null,
    knownVia: null,
    notes: [],
  };
}
