// "Add App Registration…": the steps of the guided input, as data for the multi-step engine. Each
// step asks one question, checks the answer as the settings schema will, and stores it in the draft;
// the entry is validated whole before it is written to user settings.
import * as vscode from 'vscode';
import { isValidTenant } from '../core/client/registration';
import { GUID_RE } from '../core/guid';
import { runSteps, type Step } from './multi-step';
import { inputStep, pickStep } from './quick-input';
import { importCertificate, rawUserRegistrations, setClientSecret, writeUserRegistrations } from './registrations';
import type { Services } from './services';
import { FLOW_LABELS, SETTINGS_FLOWS, SettingsRegistrationSchema, validateRegistrations, type SettingsFlow } from './settings';

const TITLE = 'Auth Lens: Add App Registration';

type Where = 'public' | 'usgov' | 'china' | 'authority';

interface Draft {
  name?: string;
  flow?: SettingsFlow;
  where?: Where;
  tenant?: string;
  authority?: string;
  clientId?: string;
  scopes?: string;
  redirectUri?: string;
}

/** Scopes typed as "a b", "a, b" or "a;b". */
export function splitScopes(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const appOnly = (d: Readonly<Draft>): boolean => d.flow === 'client_credentials' || d.flow === 'client_certificate';

/** The wizard's steps; `taken` holds the lower-cased names already in use. */
export function registrationSteps(taken: ReadonlySet<string>): Step<Draft>[] {
  return [
    {
      ask: (d, at) =>
        inputStep({
          title: TITLE,
          ...at,
          prompt: 'A unique name for this registration (used in the picker and to key its secrets)',
          placeholder: 'contoso-daemon',
          value: d.name,
          validate: (v) =>
            !SettingsRegistrationSchema.shape.name.safeParse(v).success
              ? 'Use 1–64 letters, digits, spaces, dots, dashes or underscores.'
              : taken.has(v.trim().toLowerCase())
                ? 'That name is already used.'
                : undefined,
        }),
      store: (d, v) => (d.name = v),
    },
    {
      ask: (_d, at) =>
        pickStep<SettingsFlow>({
          title: TITLE,
          ...at,
          placeholder: 'How should Auth Lens request the token?',
          items: SETTINGS_FLOWS.map((flow) => ({ value: flow, label: FLOW_LABELS[flow] })),
        }),
      store: (d, v) => (d.flow = v as SettingsFlow),
    },
    {
      ask: (_d, at) =>
        pickStep<Where>({
          title: TITLE,
          ...at,
          placeholder: 'Which cloud or authority?',
          items: [
            { value: 'public', label: 'Global Azure', detail: 'login.microsoftonline.com' },
            { value: 'usgov', label: 'Azure US Government', detail: 'login.microsoftonline.us' },
            { value: 'china', label: 'Azure operated by 21Vianet', detail: 'login.chinacloudapi.cn' },
            { value: 'authority', label: 'Another authority URL…', detail: 'B2C, External ID, or any OpenID Connect issuer' },
          ],
        }),
      store: (d, v) => (d.where = v as Where),
    },
    {
      applies: (d) => d.where === 'authority',
      ask: (d, at) =>
        inputStep({
          title: TITLE,
          ...at,
          prompt: 'Authority URL',
          placeholder: 'https://contoso.ciamlogin.com/contoso.onmicrosoft.com',
          value: d.authority,
          validate: (v) => (SettingsRegistrationSchema.shape.authority.safeParse(v).success ? undefined : 'Enter an https URL (http only for localhost).'),
        }),
      store: (d, v) => (d.authority = v),
    },
    {
      applies: (d) => d.where !== 'authority',
      ask: (d, at) =>
        inputStep({
          title: TITLE,
          ...at,
          prompt: appOnly(d) ? 'Tenant ID or domain (app-only tokens need a specific tenant)' : 'Tenant ID, domain, organizations, common or consumers',
          placeholder: appOnly(d) ? 'contoso.onmicrosoft.com' : 'organizations',
          value: d.tenant ?? (appOnly(d) ? '' : 'organizations'),
          validate: (v) => {
            const t = v.trim().toLowerCase();
            if (!isValidTenant(t)) return 'Enter a tenant GUID, a domain such as contoso.onmicrosoft.com, or organizations / common / consumers.';
            if (appOnly(d) && (t === 'common' || t === 'consumers')) return 'common and consumers cannot issue app-only tokens; enter the tenant ID or domain.';
            return undefined;
          },
        }),
      store: (d, v) => (d.tenant = v),
    },
    {
      ask: (d, at) =>
        inputStep({
          title: TITLE,
          ...at,
          prompt: 'Application (client) ID from the app registration overview',
          placeholder: '00000000-0000-0000-0000-000000000000',
          value: d.clientId,
          validate: (v) => (GUID_RE.test(v.trim()) ? undefined : 'The client ID is a GUID such as 11111111-2222-3333-4444-555555555555.'),
        }),
      store: (d, v) => (d.clientId = v),
    },
    {
      ask: (d, at) =>
        inputStep({
          title: TITLE,
          ...at,
          prompt: appOnly(d) ? 'Scopes: resource/.default for app-only tokens' : 'Scopes, separated by spaces',
          value: d.scopes ?? (appOnly(d) ? 'https://graph.microsoft.com/.default' : 'User.Read'),
          validate: (v) => {
            const scopes = splitScopes(v);
            if (scopes.length === 0) return 'Enter at least one scope.';
            if (appOnly(d) && scopes.some((s) => !s.endsWith('/.default'))) return 'App-only flows take resource/.default scopes, e.g. https://graph.microsoft.com/.default.';
            return undefined;
          },
        }),
      store: (d, v) => (d.scopes = v),
    },
    {
      applies: (d) => d.flow === 'auth_code_pkce',
      ask: (d, at) =>
        inputStep({
          title: TITLE,
          ...at,
          prompt: 'Redirect URI registered for the app (a loopback address; leave as is for the default)',
          value: d.redirectUri ?? 'http://localhost',
          validate: (v) => (SettingsRegistrationSchema.shape.redirectUri.safeParse(v).success ? undefined : 'Enter a URL such as http://localhost.'),
        }),
      store: (d, v) => (d.redirectUri = v),
    },
  ];
}

/** The settings entry a finished draft becomes (validated by the caller). */
export function draftEntry(draft: Readonly<Draft>): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: draft.name, clientId: draft.clientId, flow: draft.flow, scopes: splitScopes(draft.scopes ?? '') };
  if (draft.where === 'authority') entry.authority = draft.authority;
  else {
    entry.cloud = draft.where ?? 'public';
    entry.tenant = draft.tenant;
  }
  if (draft.flow === 'auth_code_pkce' && draft.redirectUri) entry.redirectUri = draft.redirectUri;
  return entry;
}

export async function addAppRegistration(services: Services): Promise<void> {
  const existing = rawUserRegistrations();
  const existingList: unknown[] = Array.isArray(existing) ? existing : [];
  const taken = new Set(validateRegistrations(existingList).valid.map((r) => r.name.toLowerCase()));
  const draft: Draft = {};
  if (!(await runSteps(registrationSteps(taken), draft))) return;

  const entry = draftEntry(draft);
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
