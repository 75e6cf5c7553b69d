// App registrations in user settings and their secrets in SecretStorage: pick, remove, set a client
// secret, import a certificate (adding one is registration-wizard.ts). Settings are only ever written
// to the user (global) scope, and nothing secret is ever written to settings.
import * as vscode from 'vscode';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { GUID_RE } from '../core/guid';
import {
  APP_REGISTRATIONS_KEY,
  SETTINGS_SECTION,
  checkPem,
  secretBinding,
  validateRegistrations,
  type SettingsRegistration,
} from './settings';
import { COMMANDS } from './commands';
import type { Services } from './services';
import { sameBinding, type SecretKind } from './settings-keys';

/** Confirmations go to the status bar: the Auth Lens view shows the new state, and toasts are kept for what needs an answer or went wrong. */
const STATUS_MS = 5_000;


/** The raw user-scope value: only user settings are read, so a workspace cannot plant a registration. */
export function rawUserRegistrations(): unknown {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(APP_REGISTRATIONS_KEY)?.globalValue;
}

export async function writeUserRegistrations(entries: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(APP_REGISTRATIONS_KEY, entries, vscode.ConfigurationTarget.Global);
}

/** Valid registrations; problems are logged and shown once, naming entry and field, with a way to the settings. */
export function readRegistrations(services: Services): SettingsRegistration[] {
  const { valid, problems } = validateRegistrations(rawUserRegistrations());
  if (problems.length > 0) {
    for (const problem of problems) services.log.warn(problem);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more, see the Auth Lens log)` : '';
    void vscode.window.showWarningMessage(`Auth Lens: ${problems[0]}${more}. The other entries still work.`, 'Open Settings', 'Show Log').then(
      (choice) => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettingsJson');
        if (choice === 'Show Log') services.log.show();
      },
      () => undefined,
    );
  }
  return valid;
}

interface RegistrationItem extends vscode.QuickPickItem {
  registration: SettingsRegistration;
}

/** Quick pick of valid registrations; undefined when cancelled or when there are none (after offering to add one). */
export async function pickRegistration(services: Services, placeHolder: string, filter?: (r: SettingsRegistration) => boolean): Promise<SettingsRegistration | undefined> {
  const all = readRegistrations(services);
  const registrations = filter ? all.filter(filter) : all;
  if (registrations.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      all.length === 0 ? 'Auth Lens: no valid app registrations are configured yet.' : 'Auth Lens: no app registration fits this command.',
      'Add App Registration…',
    );
    if (choice) await vscode.commands.executeCommand(COMMANDS.addAppRegistration.id);
    return undefined;
  }
  const items: RegistrationItem[] = await Promise.all(
    registrations.map(async (registration) => ({
      label: registration.name,
      description: registration.flow,
      detail: `${registration.clientId} \u00b7 ${registration.authority ?? `${registration.cloud ?? 'public'} / ${registration.tenant ?? 'organizations'}`} \u00b7 ${registration.scopes.join(' ')}${await credentialNote(services, registration)}`,
      registration,
    })),
  );
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  return picked?.registration;
}

async function credentialNote(services: Services, registration: SettingsRegistration): Promise<string> {
  const note = async (kind: SecretKind, set: string, unset: string): Promise<string> => {
    const stored = await services.secrets.read(kind, registration.name);
    if (!stored) return unset;
    return stored.boundTo && sameBinding(stored.boundTo, secretBinding(registration)) ? set : `${set} for another authority (asks before use)`;
  };
  try {
    if (registration.flow === 'client_credentials') return await note('secret', ' \u00b7 secret set', ' \u00b7 no secret set');
    if (registration.flow === 'client_certificate') return await note('certKey', ' \u00b7 certificate imported', ' \u00b7 no certificate imported');
  } catch {
    // Secret storage unavailable (e.g. no keyring): the pick still works.
  }
  return '';
}

export async function findRegistration(services: Services, name: unknown, placeHolder: string, filter?: (r: SettingsRegistration) => boolean): Promise<SettingsRegistration | undefined> {
  if (typeof name === 'string') {
    const found = readRegistrations(services).find((r) => r.name === name);
    if (found) return found;
  }
  return pickRegistration(services, placeHolder, filter);
}

/** GUID-shaped input is almost always the secret's ID column copied instead of its Value. */
export function checkClientSecret(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the client secret value.';
  if (GUID_RE.test(v)) return 'This looks like the secret ID. Copy the Value column from Certificates & secrets instead.';
  if (/\s/.test(v)) return 'A client secret has no spaces.';
  if (v.length < 8) return 'This is too short to be a client secret.';
  return undefined;
}

export async function setClientSecret(services: Services, name?: unknown): Promise<void> {
  const registration = await findRegistration(services, name, 'Set the client secret for…', (r) => r.flow === 'client_credentials');
  if (!registration) return;
  const value = await vscode.window.showInputBox({
    title: `Auth Lens: client secret for "${registration.name}"`,
    prompt: 'The secret Value from App registrations → Certificates & secrets. It is kept only in VS Code secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: checkClientSecret,
  });
  if (value === undefined) return;
  await services.secrets.store('secret', registration.name, value.trim(), secretBinding(registration));
  services.log.info(`Stored a client secret for "${registration.name}" in secret storage`);
  void vscode.window.setStatusBarMessage(`Auth Lens: client secret for "${registration.name}" saved in secret storage.`, STATUS_MS);
}

async function pickPemFile(title: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    filters: { 'PEM files': ['pem', 'key', 'crt', 'cer'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  const info = await stat(uri.fsPath);
  if (info.size > 1_000_000) throw new Error(`${uri.fsPath} is larger than 1 MB; a PEM key or certificate is a few KB.`);
  return readFile(uri.fsPath, 'utf8');
}

/** Checks that key and certificate belong together and match the configured thumbprint. Returns a problem or undefined. */
export function checkKeyPair(keyPem: string, certPem: string, thumbprint?: string): string | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    return 'The certificate file could not be read as an X.509 certificate.';
  }
  try {
    if (!certificate.checkPrivateKey(createPrivateKey(keyPem))) return 'The private key does not belong to this certificate.';
  } catch {
    return 'The private key could not be read (PKCS#8, PKCS#1 RSA or EC, without a password).';
  }
  if (thumbprint) {
    const want = thumbprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
    const sha1 = certificate.fingerprint.replace(/:/g, '').toUpperCase();
    const sha256 = certificate.fingerprint256.replace(/:/g, '').toUpperCase();
    if (want !== sha1 && want !== sha256) return `The certificate's thumbprint (SHA-1 ${sha1}) does not match certificateThumbprint in settings.`;
  }
  if (Date.parse(certificate.validTo) < Date.now()) return `The certificate expired on ${certificate.validTo}; Entra ID rejects assertions signed with it.`;
  return undefined;
}

export async function importCertificate(services: Services, name?: unknown): Promise<void> {
  const registration = await findRegistration(services, name, 'Import a certificate for…', (r) => r.flow === 'client_certificate');
  if (!registration) return;
  const keyText = await pickPemFile(`Private key (PEM) for "${registration.name}"`);
  if (keyText === undefined) return;
  const key = checkPem(keyText, 'key');
  if (!key.ok || !key.pem) {
    void vscode.window.showErrorMessage(`Auth Lens: ${key.message ?? 'not a PEM private key.'}`);
    return;
  }
  // The certificate often sits in the same file as the key.
  let cert = checkPem(keyText, 'certificate');
  if (!cert.ok && registration.certificatePath) cert = checkPem(await readFile(registration.certificatePath, 'utf8'), 'certificate');
  if (!cert.ok) {
    const certText = await pickPemFile(`Certificate (PEM) for "${registration.name}"`);
    if (certText === undefined) return;
    cert = checkPem(certText, 'certificate');
  }
  if (!cert.ok || !cert.pem) {
    void vscode.window.showErrorMessage(`Auth Lens: ${cert.message ?? 'not a PEM certificate.'}`);
    return;
  }
  const problem = checkKeyPair(key.pem, cert.pem, registration.certificateThumbprint);
  if (problem) {
    void vscode.window.showErrorMessage(`Auth Lens: certificate not imported. ${problem}`);
    return;
  }
  const boundTo = secretBinding(registration);
  await services.secrets.store('certKey', registration.name, key.pem, boundTo);
  await services.secrets.store('cert', registration.name, cert.pem, boundTo);
  services.log.info(`Imported a certificate and private key for "${registration.name}" into secret storage`);
  void vscode.window.setStatusBarMessage(`Auth Lens: certificate for "${registration.name}" imported into secret storage.`, STATUS_MS);
}

export async function removeAppRegistration(services: Services, name?: unknown): Promise<void> {
  const raw = rawUserRegistrations();
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  // Broken entries can be removed too, so the picker lists every named entry, valid or not.
  const items = list.flatMap((entry, index) => {
    const entryName = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
    return typeof entryName === 'string' && entryName.trim() ? [{ label: entryName.trim(), description: `entry ${index}`, index }] : [];
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Auth Lens: there are no app registrations in user settings.');
    return;
  }
  const picked = typeof name === 'string' ? items.find((i) => i.label === name) : await vscode.window.showQuickPick(items, { placeHolder: 'Remove which app registration?' });
  if (!picked) return;
  const confirm = await vscode.window.showWarningMessage(
    `Remove "${picked.label}" from your settings and delete its secrets from secret storage?`,
    { modal: true },
    'Remove',
  );
  if (confirm !== 'Remove') return;
  const remaining = list.filter((_, i) => i !== picked.index);
  await writeUserRegistrations(remaining);
  // Secrets are keyed by name; another entry with the same name would keep using them, so only delete when none is left.
  const stillUsed = remaining.some((e) => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === picked.label);
  if (!stillUsed) await services.secrets.deleteAll(picked.label);
  services.log.info(`Removed app registration "${picked.label}"${stillUsed ? '' : ' and its secrets'}`);
  void vscode.window.setStatusBarMessage(`Auth Lens: removed "${picked.label}".`, STATUS_MS);
}
