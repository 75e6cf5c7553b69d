// What the activation bundle hands to the lazily loaded parts: the logger, the secret store and the
// last result (for the report). Kept in the activation bundle so every lazy module shares the same
// instances, whichever loads first.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { redactSecrets } from '../core/redact';
import type { ReportSubject } from '../core/format/report';
import { CONTEXT_KEYS } from './commands';
import type { FailureLog, TokenLog } from './recent';
import { SECRET_KINDS, isSecretBinding, secretKey, type SecretBinding, type SecretKey, type SecretKind } from './settings-keys';

/** A logger that cannot leak: every message is redacted (known secrets included) before it is written. */
export class Logger implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(private readonly knownSecrets: () => readonly string[]) {
    this.channel = vscode.window.createOutputChannel('Auth Lens', { log: true });
  }

  redact(text: string): string {
    return redactSecrets(text, this.knownSecrets());
  }

  trace(message: string): void {
    this.channel.trace(this.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }
  error(message: string, error?: unknown): void {
    this.channel.error(this.redact(error === undefined ? message : `${message}: ${describeError(error)}`));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}

/** An error's message and the top of its stack, as text (never the error object, which could hold request bodies). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const stack = error.stack?.split('\n').slice(1, 4).join('\n') ?? '';
    return `${error.name}: ${error.message}${stack ? `\n${stack}` : ''}`;
  }
  return String(error);
}

/** A stored value and, when it has one, the authority host, tenant and client id it may be sent to. */
export interface StoredSecret {
  value: string;
  /** Absent for values stored before Auth Lens recorded bindings. */
  boundTo?: SecretBinding;
}

/** How a bound value is kept in SecretStorage: one JSON text, so value and binding change together. */
const ENVELOPE_PREFIX = '{"authLens":1,';

function wrap(value: string, boundTo: SecretBinding): string {
  return `${ENVELOPE_PREFIX}${JSON.stringify({ value, boundTo }).slice(1)}`;
}

function unwrap(raw: string): StoredSecret {
  if (raw.startsWith(ENVELOPE_PREFIX)) {
    try {
      const parsed = JSON.parse(raw) as { value?: unknown; boundTo?: unknown };
      if (typeof parsed.value === 'string' && isSecretBinding(parsed.boundTo)) {
        return { value: parsed.value, boundTo: { host: parsed.boundTo.host, tenant: parsed.boundTo.tenant, clientId: parsed.boundTo.clientId } };
      }
    } catch {
      // Not an envelope after all: the raw text is the value.
    }
  }
  return { value: raw };
}

/**
 * Secrets live only in VS Code's SecretStorage, under keys of one typed union, each with the authority
 * host, tenant and client id it was stored for (see SecretBinding). The values read or written in
 * this session are remembered (in memory only) so the logger and the report can redact them in every
 * encoding.
 */
export class SecretStore {
  private readonly known = new Set<string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  knownSecrets(): string[] {
    return [...this.known];
  }

  /** The value with its binding, or undefined when none is stored. */
  async read(kind: SecretKind, registrationName: string): Promise<StoredSecret | undefined> {
    const raw = await this.storage.get(secretKey(kind, registrationName));
    if (!raw) return undefined;
    const stored = unwrap(raw);
    if (stored.value) this.remember(kind, stored.value);
    return stored.value ? stored : undefined;
  }

  /** The value alone, for redaction and checks; code that sends a secret anywhere reads its binding too. */
  async get(kind: SecretKind, registrationName: string): Promise<string | undefined> {
    return (await this.read(kind, registrationName))?.value;
  }

  /** Stores `value`, bound to where it may be sent; an unbound value is treated like an old one (asked about before use). */
  async store(kind: SecretKind, registrationName: string, value: string, boundTo?: SecretBinding): Promise<void> {
    this.remember(kind, value);
    await this.storage.store(secretKey(kind, registrationName), boundTo ? wrap(value, boundTo) : value);
  }

  async has(kind: SecretKind, registrationName: string): Promise<boolean> {
    return (await this.storage.get(secretKey(kind, registrationName))) !== undefined;
  }

  async delete(kind: SecretKind, registrationName: string): Promise<void> {
    await this.storage.delete(secretKey(kind, registrationName));
  }

  /** Values that are secret but not stored (tokens just acquired): redacted for the rest of the session. */
  rememberTransient(value: string): void {
    if (typeof value === 'string' && value.length >= 8) this.known.add(value);
  }

  /** Deletes every secret kind kept for a registration. */
  async deleteAll(registrationName: string): Promise<SecretKey[]> {
    const keys = SECRET_KINDS.map((kind) => secretKey(kind, registrationName));
    await Promise.all(keys.map((key) => this.storage.delete(key)));
    return keys;
  }

  /** Loads the secrets of the given registrations so they are redacted even before they are used. */
  async preload(registrationNames: readonly string[]): Promise<void> {
    await Promise.all(registrationNames.flatMap((name) => SECRET_KINDS.map((kind) => this.get(kind, name).catch(() => undefined))));
  }

  private remember(kind: SecretKind, value: string): void {
    // A certificate is public; remembering it would redact harmless text such as its base64 body.
    if (kind === 'cert') return;
    this.known.add(value);
    // PEM keys also appear line by line or without the armour in logs and dumps.
    if (value.includes('-----BEGIN')) {
      const body = value.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      if (body.length >= 16) this.known.add(body);
      for (const line of value.split(/\r?\n/)) if (line.length >= 32 && !line.startsWith('-----')) this.known.add(line);
    }
  }
}

/** The last thing explained, for Copy Redacted Report; also drives the `authLens.hasResult` context key. */
export class ResultStore {
  private last: ReportSubject | undefined;

  get(): ReportSubject | undefined {
    return this.last;
  }

  set(subject: ReportSubject): void {
    this.last = subject;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasResult, true);
  }
}

export interface Services {
  context: vscode.ExtensionContext;
  log: Logger;
  secrets: SecretStore;
  results: ResultStore;
  /** Recent failures (terminal, debug console, classify, scans) and recent tokens' claims, for the Auth Lens view. */
  failures: FailureLog;
  tokens: TokenLog;
  /** Loads `dist/extension-<name>.js` once (the lazy parts). */
  loadLazy<T>(name: LazyModuleName): T;
}

export type LazyModuleName = 'hover' | 'commands' | 'client' | 'detect';

export function lazyModulePath(dir: string, name: LazyModuleName): string {
  return path.join(dir, `extension-${name}.js`);
}
