// Acquire Test Token…: pick a registration, read its secret from SecretStorage, run the token client
// (loaded lazily from dist/extension-client.js) under a cancellable progress notification, and show
// the timeline and the decoded token in the panel. Tokens go to the panel decoded; they are never
// logged, and the raw values are only remembered so the report and log can redact them.
import * as vscode from 'vscode';
import type * as ClientModule from '../core/client/index';
import type { AppRegistration } from '../core/client/registration';
import { decodeToken } from '../core/jwt/decode';
import type { DecodedToken } from '../core/types';
import { InspectionPanel } from './panel';
import { summarizeToken } from './recent';
import { recordClassification } from './record';
import { findRegistration } from './registrations';
import { redactDecodedToken, redactDeep } from './outbound';
import { secretBinding, toClientRegistration, type SettingsRegistration } from './settings';
import { describeBinding, sameBinding, type SecretKind } from './settings-keys';
import type { Services } from './services';

let client: { instance: ClientModule.TokenClient; maxWaitSeconds: number } | undefined;

function tokenClient(services: Services): ClientModule.TokenClient {
  const maxWaitSeconds = readMaxWait();
  if (client && client.maxWaitSeconds === maxWaitSeconds) return client.instance;
  const old = client?.instance;
  if (old) void old.close().catch(() => undefined);
  const mod = services.loadLazy<typeof ClientModule>('client');
  const version = String((services.context.extension?.packageJSON as { version?: unknown } | undefined)?.version ?? '0.0.0');
  // One client per session keeps its throttle memory, so a loop of failing requests is stopped locally.
  client = {
    instance: mod.createTokenClient({ policy: { maxRetryAfterWaitMs: maxWaitSeconds * 1000 }, clientName: 'auth-lens-vscode', clientVersion: version }),
    maxWaitSeconds,
  };
  return client.instance;
}

function readMaxWait(): number {
  const value = vscode.workspace.getConfiguration('authLens').get<number>('token.maxRetryWaitSeconds', 60);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(3600, Math.max(0, value)) : 60;
}

export async function closeTokenClient(): Promise<void> {
  const current = client?.instance;
  client = undefined;
  if (current) await current.close().catch(() => undefined);
}

const USE_SECRET = 'Use It Here';
const DELETE_SECRET = 'Delete It';

/**
 * The stored value of `kind`, released only to the authority host, tenant and client id it was stored
 * for. When the registration points elsewhere now (edited by hand, synced, written by anything that
 * can change user settings) or the value predates bindings, the user decides: send it there (and bind
 * it there, with the other `kinds` stored for the registration), delete them, or stop. Undefined when
 * nothing is stored or it was just deleted; null when the user declined.
 */
async function releasedSecret(services: Services, registration: SettingsRegistration, kind: SecretKind, kinds: readonly SecretKind[]): Promise<string | undefined | null> {
  const stored = await services.secrets.read(kind, registration.name);
  if (!stored) return undefined;
  const target = secretBinding(registration);
  if (stored.boundTo && sameBinding(stored.boundTo, target)) return stored.value;
  const what = kind === 'secret' ? 'client secret' : 'certificate key';
  const message = stored.boundTo
    ? `The ${what} of "${registration.name}" was stored for ${describeBinding(stored.boundTo)}. The registration now points to ${describeBinding(target)}.`
    : `The ${what} of "${registration.name}" was stored before Auth Lens recorded where it may be sent. The registration points to ${describeBinding(target)}.`;
  services.log.warn(message);
  const choice = await vscode.window.showWarningMessage(
    `Auth Lens: ${message}`,
    { modal: true, detail: `Send it to ${target.host} only if you changed this registration yourself. Otherwise delete it and set it again for the registration you trust.` },
    USE_SECRET,
    DELETE_SECRET,
  );
  if (choice === USE_SECRET) {
    for (const other of kinds) {
      const value = other === kind ? stored.value : (await services.secrets.read(other, registration.name))?.value;
      if (value) await services.secrets.store(other, registration.name, value, target);
    }
    services.log.info(`The ${what} of "${registration.name}" is now bound to ${describeBinding(target)}`);
    return stored.value;
  }
  if (choice === DELETE_SECRET) {
    for (const other of kinds) await services.secrets.delete(other, registration.name);
    services.log.info(`Deleted the ${what} of "${registration.name}" instead of sending it to ${target.host}`);
    return undefined;
  }
  return null;
}

/**
 * Credentials from secret storage; a message saying what is missing and how to add it; or undefined
 * when the user chose not to send a stored secret where the registration now points.
 */
async function credentialsFor(
  services: Services,
  registration: SettingsRegistration,
): Promise<{ credentials: ClientModule.Credentials; settings: AppRegistration } | string | undefined> {
  const settings = toClientRegistration(registration);
  if (registration.flow === 'client_credentials') {
    const secret = await releasedSecret(services, registration, 'secret', ['secret']);
    if (secret === null) return undefined;
    if (!secret) return `"${registration.name}" has no client secret yet. Run "Auth Lens: Set Client Secret…".`;
    return { settings, credentials: { clientSecret: secret } };
  }
  if (registration.flow === 'client_certificate') {
    // The key signs the assertion and is what must not go elsewhere; the certificate is public.
    const key = await releasedSecret(services, registration, 'certKey', ['certKey', 'cert']);
    if (key === null) return undefined;
    const cert = await services.secrets.get('cert', registration.name);
    if (!key || (!cert && !registration.certificatePath)) return `"${registration.name}" has no certificate yet. Run "Auth Lens: Import Certificate…".`;
    // The token client's schema asks for file paths; the PEM texts passed as credentials take precedence
    // and the key path is never read, so it only names where the key really lives.
    settings.certificate = {
      ...(settings.certificate ?? {}),
      certPath: registration.certificatePath ?? `secret-storage:authLens.cert.${registration.name}`,
      keyPath: `secret-storage:authLens.certKey.${registration.name}`,
    };
    return { settings, credentials: { privateKeyPem: key, ...(cert ? { certificatePem: cert } : {}) } };
  }
  return { settings, credentials: {} };
}

export async function acquireTestToken(services: Services, name?: unknown): Promise<void> {
  // Restricted Mode: the manifest disables the command, and a call from elsewhere stops here too.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage('Auth Lens: Acquire Test Token… sends stored credentials to an authority, so it needs a trusted workspace. Explaining, decoding and scanning work in Restricted Mode.');
    return;
  }
  const registration = await findRegistration(services, name, 'Acquire a test token for…');
  if (!registration) return;
  const prepared = await credentialsFor(services, registration);
  if (prepared === undefined) return;
  if (typeof prepared === 'string') {
    const action = registration.flow === 'client_credentials' ? 'Set Client Secret…' : 'Import Certificate…';
    const choice = await vscode.window.showWarningMessage(`Auth Lens: ${prepared}`, action);
    if (choice) await vscode.commands.executeCommand(registration.flow === 'client_credentials' ? 'authLens.setClientSecret' : 'authLens.importCertificate', registration.name);
    return;
  }
  const tokens = tokenClient(services);
  services.log.info(`Acquiring a token for "${registration.name}" (${registration.flow})`);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Auth Lens: token for "${registration.name}"`, cancellable: true },
    async (progress, cancellation) => {
      const abort = new AbortController();
      const subscription = cancellation.onCancellationRequested(() => abort.abort());
      try {
        progress.report({ message: 'requesting…' });
        return await tokens.acquire(prepared, {
          signal: abort.signal,
          // Notifications leave the extension host like the log does: redacted the same way.
          onAttempt: (attempt) => {
            const status = attempt.httpStatus ?? attempt.networkError ?? 'no answer';
            services.log.info(`attempt ${attempt.index + 1}: ${attempt.method} ${attempt.url} → ${status}, ${attempt.decision}: ${attempt.reason}`);
            progress.report({ message: services.log.redact(`attempt ${attempt.index + 1}: ${status} (${attempt.decision})`) });
          },
          onDeviceCode: (info) => {
            progress.report({ message: services.log.redact(`enter code ${info.userCode} at ${info.verificationUri}`) });
            void showDeviceCode(services, info);
          },
          openBrowser: async (url) => {
            progress.report({ message: 'waiting for the sign-in in your browser…' });
            const opened = await openUrlExactly(url);
            if (!opened) void vscode.window.showWarningMessage('Auth Lens: the browser could not be opened for the sign-in.');
          },
        });
      } finally {
        subscription.dispose();
      }
    },
  );

  for (const value of [result.tokens?.accessToken, result.tokens?.idToken, result.tokens?.refreshToken]) {
    if (value) services.secrets.rememberTransient(value);
  }
  if (result.settingsErrors && result.settingsErrors.length > 0) {
    for (const problem of result.settingsErrors) services.log.warn(`${registration.name}: ${problem}`);
    void vscode.window.showErrorMessage(`Auth Lens: "${registration.name}" cannot be used: ${result.settingsErrors.join('; ')}`);
    return;
  }
  // The timeline quotes what the server sent (request-id headers, reasons, summaries); a broken or
  // hostile server can echo the secret there. Redacted once, here, for the panel, its saved state and
  // the report alike; the secret and the new tokens are known by now.
  const known = services.secrets.knownSecrets();
  const timeline = redactDeep(result.timeline, known);
  let token: DecodedToken | undefined;
  if (result.tokens?.accessToken) {
    token = redactDecodedToken(decodeToken(result.tokens.accessToken), known);
    if (!showTokenText()) token = { ...token, redacted: '' };
  }
  services.results.set({ kind: 'acquisition', timeline, registration: registration.name, ...(token ? { token } : {}) });
  if (token?.kind === 'jwt') services.tokens.record(summarizeToken(token, `acquired for "${registration.name}"`));
  recordClassification(services, timeline.final, 'token request');
  InspectionPanel.show(services, { type: 'show', view: 'timeline', timeline, ...(token ? { token } : {}) });
  if (result.cancelled) {
    void vscode.window.showInformationMessage('Auth Lens: the token request was cancelled.');
  } else if (result.classification.outcome === 'success') {
    services.log.info(`Token acquired for "${registration.name}" in ${Math.round(result.timeline.totalMs)} ms`);
  } else {
    services.log.warn(`Token request for "${registration.name}" failed: ${result.classification.summary}`);
    void vscode.window.showWarningMessage(`Auth Lens: no token for "${registration.name}": ${services.log.redact(result.classification.summary)}`);
  }
}

export function showTokenText(): boolean {
  return vscode.workspace.getConfiguration('authLens').get<boolean>('tokens.showRedacted', true) !== false;
}

async function showDeviceCode(services: Services, info: ClientModule.DeviceCodeInfo): Promise<void> {
  const copyAndOpen = 'Copy Code and Open Browser';
  const copy = 'Copy Code';
  const choice = await vscode.window.showInformationMessage(
    services.log.redact(`Auth Lens: to sign in, open ${info.verificationUri} and enter the code ${info.userCode} (valid for ${Math.round(info.expiresInSeconds / 60)} minutes).`),
    copyAndOpen,
    copy,
  );
  if (!choice) return;
  await vscode.env.clipboard.writeText(info.userCode);
  if (choice === copyAndOpen) {
    const target = info.verificationUriComplete ?? info.verificationUri;
    try {
      await openUrlExactly(target);
    } catch {
      services.log.warn('The device-code verification address is not an https (or loopback) URL; not opening it');
    }
  }
}

/**
 * Opens a URL in the browser without VS Code re-encoding its query: Uri.parse/toString rewrites
 * `%3A`, `=` and `&` inside an OAuth authorize URL (microsoft/vscode#85930), which breaks
 * redirect_uri and the PKCE challenge. openExternal takes the string as is at run time.
 */
async function openUrlExactly(url: string): Promise<boolean> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname))) {
    throw new Error('only https (or loopback http) sign-in pages are opened');
  }
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}
