// App registrations in user settings and their secrets in SecretStorage: add (guided), pick, remove,
// set a client secret, import a certificate. Settings are only ever written to the user (global)
// scope, and nothing secret is ever written to settings.
import * as vscode from 'vscode';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isValidTenant } from '../core/client/settings';
import {
  APP_REGISTRATIONS_KEY,
  FLOW_LABELS,
  SETTINGS_FLOWS,
  SETTINGS_SECTION,
  SettingsRegistrationSchema,
  checkPem,
  secretBinding,
  validateRegistrations,
  type SettingsFlow,
  type SettingsRegistration,
} from './settings';
import { COMMANDS } from './commands';
import type { Services } from './services';
import { sameBinding, type SecretKind } from './settings-keys';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

/** The raw user-scope value: only user settings are read, so a workspace cannot plant a registration. */
export function rawUserRegistrations(): unknown {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(APP_REGISTRATIONS_KEY)?.globalValue;
}

async function writeUserRegistrations(entries: unknown[]): Promise<void> {
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

// ---------------------------------------------------------------------------------------------
// Add App Registration… : a guided multi-step input.

type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

async function inputStep(options: {
  title: string;
  step: number;
  totalSteps: number;
  prompt: string;
  value?: string;
  placeholder?: string;
  validate: (value: string) => string | undefined;
}): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  const disposables: vscode.Disposable[] = [box];
  try {
    return await new Promise<StepResult<string>>((resolve) => {
      box.title = options.title;
      box.step = options.step;
      box.totalSteps = options.totalSteps;
      box.prompt = options.prompt;
      box.value = options.value ?? '';
      box.placeholder = options.placeholder ?? '';
      box.ignoreFocusOut = true;
      box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
      disposables.push(
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) resolve({ kind: 'back' });
        }),
        box.onDidChangeValue((value) => {
          box.validationMessage = value ? options.validate(value) : undefined;
        }),
        box.onDidAccept(() => {
          const problem = options.validate(box.value);
          if (problem) box.validationMessage = problem;
          else resolve({ kind: 'value', value: box.value.trim() });
        }),
        box.onDidHide(() => resolve({ kind: 'cancel' })),
      );
      box.show();
    });
  } finally {
    disposables.forEach((d) => d.dispose());
  }
}

async function pickStep<T extends string>(options: {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
  items: { value: T; label: string; detail?: string }[];
}): Promise<StepResult<T>> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  const disposables: vscode.Disposable[] = [pick];
  try {
    return await new Promise<StepResult<T>>((resolve) => {
      pick.title = options.title;
      pick.step = options.step;
      pick.totalSteps = options.totalSteps;
      pick.placeholder = options.placeholder;
      pick.ignoreFocusOut = true;
      pick.items = options.items.map((item) => ({ label: item.label, description: item.value, ...(item.detail ? { detail: item.detail } : {}), value: item.value }));
      pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
      disposables.push(
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) resolve({ kind: 'back' });
        }),
        pick.onDidAccept(() => {
          const selected = pick.selectedItems[0];
          if (selected) resolve({ kind: 'value', value: selected.value });
        }),
        pick.onDidHide(() => resolve({ kind: 'cancel' })),
      );
      pick.show();
    });
  } finally {
    disposables.forEach((d) => d.dispose());
  }
}

/** Scopes typed as "a b", "a, b" or "a;b". */
export function splitScopes(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Draft {
  name?: string;
  flow?: SettingsFlow;
  where?: 'public' | 'usgov' | 'china' | 'authority';
  tenant?: string;
  authority?: string;
  clientId?: string;
  scopes?: string;
  redirectUri?: string;
}

export async function addAppRegistration(services: Services): Promise<void> {
  const existing = rawUserRegistrations();
  const existingList: unknown[] = Array.isArray(existing) ? existing : [];
  const taken = new Set(validateRegistrations(existingList).valid.map((r) => r.name.toLowerCase()));
  const title = 'Auth Lens: Add App Registration';
  const draft: Draft = {};
  const total = 7;
  let step = 1;
  for (;;) {
    const appOnly = draft.flow === 'client_credentials' || draft.flow === 'client_certificate';
    let result: StepResult<string>;
    switch (step) {
      case 1:
        result = await inputStep({
          title,
          step,
          totalSteps: total,
          prompt: 'A unique name for this registration (used in the picker and to key its secrets)',
          placeholder: 'contoso-daemon',
          value: draft.name,
          validate: (v) => (!NAME_RE.test(v.trim()) ? 'Use 1–64 letters, digits, spaces, dots, dashes or underscores.' : taken.has(v.trim().toLowerCase()) ? 'That name is already used.' : undefined),
        });
        if (result.kind === 'value') draft.name = result.value;
        break;
      case 2:
        result = await pickStep<SettingsFlow>({
          title,
          step,
          totalSteps: total,
          placeholder: 'How should Auth Lens request the token?',
          items: SETTINGS_FLOWS.map((flow) => ({ value: flow, label: FLOW_LABELS[flow] })),
        });
        if (result.kind === 'value') draft.flow = result.value as SettingsFlow;
        break;
      case 3:
        result = await pickStep<'public' | 'usgov' | 'china' | 'authority'>({
          title,
          step,
          totalSteps: total,
          placeholder: 'Which cloud or authority?',
          items: [
            { value: 'public', label: 'Global Azure', detail: 'login.microsoftonline.com' },
            { value: 'usgov', label: 'Azure US Government', detail: 'login.microsoftonline.us' },
            { value: 'china', label: 'Azure operated by 21Vianet', detail: 'login.chinacloudapi.cn' },
            { value: 'authority', label: 'Another authority URL…', detail: 'B2C, External ID, or any OpenID Connect issuer' },
          ],
        });
        if (result.kind === 'value') draft.where = result.value as Draft['where'];
        break;
      case 4:
        if (draft.where === 'authority') {
          result = await inputStep({
            title,
            step,
            totalSteps: total,
            prompt: 'Authority URL',
            placeholder: 'https://contoso.ciamlogin.com/contoso.onmicrosoft.com',
            value: draft.authority,
            validate: (v) => (SettingsRegistrationSchema.shape.authority.safeParse(v).success ? undefined : 'Enter an https URL (http only for localhost).'),
          });
          if (result.kind === 'value') draft.authority = result.value;
        } else {
          result = await inputStep({
            title,
            step,
            totalSteps: total,
            prompt: appOnly ? 'Tenant ID or domain (app-only tokens need a specific tenant)' : 'Tenant ID, domain, organizations, common or consumers',
            placeholder: appOnly ? 'contoso.onmicrosoft.com' : 'organizations',
            value: draft.tenant ?? (appOnly ? '' : 'organizations'),
            validate: (v) => {
              const t = v.trim();
              if (!isValidTenant(t)) return 'Enter a tenant GUID, a domain such as contoso.onmicrosoft.com, or organizations / common / consumers.';
              if (appOnly && (t.toLowerCase() === 'common' || t.toLowerCase() === 'consumers')) return 'common and consumers cannot issue app-only tokens; enter the tenant ID or domain.';
              return undefined;
            },
          });
          if (result.kind === 'value') draft.tenant = result.value;
        }
        break;
      case 5:
        result = await inputStep({
          title,
          step,
          totalSteps: total,
          prompt: 'Application (client) ID from the app registration overview',
          placeholder: '00000000-0000-0000-0000-000000000000',
          value: draft.clientId,
          validate: (v) => (GUID_RE.test(v.trim()) ? undefined : 'The client ID is a GUID such as 11111111-2222-3333-4444-555555555555.'),
        });
        if (result.kind === 'value') draft.clientId = result.value;
        break;
      case 6:
        result = await inputStep({
          title,
          step,
          totalSteps: total,
          prompt: appOnly ? 'Scopes: resource/.default for app-only tokens' : 'Scopes, separated by spaces',
          value: draft.scopes ?? (appOnly ? 'https://graph.microsoft.com/.default' : 'User.Read'),
          validate: (v) => {
            const scopes = splitScopes(v);
            if (scopes.length === 0) return 'Enter at least one scope.';
            if (appOnly && scopes.some((s) => !s.endsWith('/.default'))) return 'App-only flows take resource/.default scopes, e.g. https://graph.microsoft.com/.default.';
            return undefined;
          },
        });
        if (result.kind === 'value') draft.scopes = result.value;
        break;
      case 7:
        if (draft.flow !== 'auth_code_pkce') {
          result = { kind: 'value', value: '' };
          break;
        }
        result = await inputStep({
          title,
          step,
          totalSteps: total,
          prompt: 'Redirect URI registered for the app (a loopback address; leave as is for the default)',
          value: draft.redirectUri ?? 'http://localhost',
          validate: (v) => (SettingsRegistrationSchema.shape.redirectUri.safeParse(v).success ? undefined : 'Enter a URL such as http://localhost.'),
        });
        if (result.kind === 'value') draft.redirectUri = result.value;
        break;
      default:
        result = { kind: 'cancel' };
    }
    if (result.kind === 'cancel') return;
    if (result.kind === 'back') {
      step = Math.max(1, step - 1);
      continue;
    }
    if (step < total) {
      step++;
      continue;
    }
    break;
  }

  const entry: Record<string, unknown> = { name: draft.name, clientId: draft.clientId, flow: draft.flow, scopes: splitScopes(draft.scopes ?? '') };
  if (draft.where === 'authority') entry.authority = draft.authority;
  else {
    entry.cloud = draft.where ?? 'public';
    entry.tenant = draft.tenant;
  }
  if (draft.flow === 'auth_code_pkce' && draft.redirectUri) entry.redirectUri = draft.redirectUri;
  const check = SettingsRegistrationSchema.safeParse(entry);
  if (!check.success) {
    void vscode.window.showErrorMessage(`Auth Lens: the registration was not saved: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return;
  }
  // Re-read: settings may have changed while the user was typing.
  const latest = rawUserRegistrations();
  await writeUserRegistrations([...(Array.isArray(latest) ? latest : existingList), entry]);
  services.log.info(`Added app registration "${check.data.name}" (${check.data.flow}) to user settings`);

  if (check.data.flow === 'client_credentials') {
    const choice = await vscode.window.showInformationMessage(`Auth Lens: added "${check.data.name}". It needs a client secret, kept in VS Code's secret storage.`, 'Set Client Secret…');
    if (choice) await setClientSecret(services, check.data.name);
  } else if (check.data.flow === 'client_certificate') {
    const choice = await vscode.window.showInformationMessage(`Auth Lens: added "${check.data.name}". Import its certificate and private key into VS Code's secret storage next.`, 'Import Certificate…');
    if (choice) await importCertificate(services, check.data.name);
  } else {
    void vscode.window.showInformationMessage(`Auth Lens: added "${check.data.name}". Run "Auth Lens: Acquire Test Token…" to try it.`);
  }
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
  void vscode.window.showInformationMessage(`Auth Lens: client secret for "${registration.name}" saved in secret storage.`);
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
  void vscode.window.showInformationMessage(`Auth Lens: certificate for "${registration.name}" imported into secret storage.`);
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
  void vscode.window.showInformationMessage(`Auth Lens: removed "${picked.label}".`);
}
