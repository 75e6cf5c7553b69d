// What the Auth Lens view lists under Recent failures and Recent tokens, kept in memory for the
// window's life. A failure seen again is counted, not listed twice; the lists are capped so a noisy
// debug session cannot grow them. No vscode import: the dedup rules are unit-tested directly.

export type FailureSource = 'terminal' | 'debug console' | 'classify' | 'log scan' | 'log file' | 'token request';

/** What opens the explanation: the hover's command arguments (an AADSTS number or a catalog entry). */
export type FailureTarget = { kind: 'code'; code: number } | { kind: 'entry'; vocabulary: string; code: string };

export interface FailureInput {
  /** Identity for dedup: `AADSTS50076`, `msal-js:interaction_in_progress`. */
  key: string;
  /** What people call it: `AADSTS50076`, `interaction_in_progress`. */
  label: string;
  /** A name or short summary to show beside the label. */
  title: string;
  source: FailureSource;
  target: FailureTarget;
}

export interface Failure extends FailureInput {
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Every place it was seen, first first. */
  sources: FailureSource[];
}

/** A token's claims summary; the token itself is never kept. */
export interface TokenSummary {
  tokenType: string;
  version: string | null;
  audience: string | null;
  appId: string | null;
  tenantId: string | null;
  scopes: string[];
  roles: string[];
  expiresAt: string | null;
  /** Where it came from: `acquired for "sandbox"`, `decoded`. */
  origin: string;
  at: number;
}

type Listener = () => void;

class Listeners {
  private listeners: Listener[] = [];
  onChange(listener: Listener): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => void (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  protected changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A broken listener must not stop the others or the caller.
      }
    }
  }
}

export const MAX_FAILURES = 50;
export const MAX_TOKENS = 20;

export class FailureLog extends Listeners {
  private readonly byKey = new Map<string, Failure>();

  constructor(private readonly limit = MAX_FAILURES) {
    super();
  }

  /**
   * Records a sighting. `isNew`: the first time this failure is seen in this window; `newSource`: the
   * first time it is seen from this source (a code met in a scanned log is still news when the program
   * under the debugger hits it).
   */
  record(input: FailureInput, now = Date.now()): { failure: Failure; isNew: boolean; newSource: boolean } {
    const key = input.key.toLowerCase();
    const existing = this.byKey.get(key);
    let failure: Failure;
    if (existing) {
      this.byKey.delete(key);
      failure = { ...existing, count: existing.count + 1, lastSeen: now, sources: existing.sources.includes(input.source) ? existing.sources : [...existing.sources, input.source] };
    } else {
      failure = { ...input, count: 1, firstSeen: now, lastSeen: now, sources: [input.source] };
    }
    // Map order is insertion order: re-inserting moves it to the newest end, and the oldest falls off.
    this.byKey.set(key, failure);
    while (this.byKey.size > this.limit) this.byKey.delete(this.byKey.keys().next().value as string);
    this.changed();
    return { failure, isNew: !existing, newSource: !existing || !existing.sources.includes(input.source) };
  }

  /** Newest first. */
  list(): Failure[] {
    return [...this.byKey.values()].reverse();
  }

  has(key: string): boolean {
    return this.byKey.has(key.toLowerCase());
  }

  clear(): void {
    this.byKey.clear();
    this.changed();
  }
}

export class TokenLog extends Listeners {
  private items: TokenSummary[] = [];

  constructor(private readonly limit = MAX_TOKENS) {
    super();
  }

  record(summary: TokenSummary): void {
    this.items = [summary, ...this.items].slice(0, this.limit);
    this.changed();
  }

  list(): TokenSummary[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
    this.changed();
  }
}

/** The claims summary of a decoded token, with nothing that could carry the token or its signature. */
export function summarizeToken(
  token: { tokenType: string; version: string | null; audience: string | null; appId: string | null; tenantId: string | null; scopes: string[]; roles: string[]; expiresAt: string | null },
  origin: string,
  now = Date.now(),
): TokenSummary {
  return {
    tokenType: token.tokenType,
    version: token.version,
    audience: token.audience,
    appId: token.appId,
    tenantId: token.tenantId,
    scopes: token.scopes.slice(0, 50),
    roles: token.roles.slice(0, 50),
    expiresAt: token.expiresAt,
    origin,
    at: now,
  };
}
