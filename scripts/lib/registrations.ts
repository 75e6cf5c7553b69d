// The sandbox authority's app registrations, shaped as the extension's `authLens.appRegistrations`
// user setting and checked with the extension's own validator, so the demo and the e2e test only hand
// VS Code entries it will accept — and say which ones it would not, and why.
import { validateRegistrations } from '../../src/extension/settings';
import { sandboxAppRegistrations, type Sandbox } from '../../test/sandbox/authority';

export interface ExtensionRegistrations {
  /** Entries to put under `authLens.appRegistrations` (no secrets in them). */
  entries: Record<string, unknown>[];
  /** Entries the extension would reject, one message per problem. */
  problems: string[];
  /** Client id of the sandbox client that authenticates with the sandbox's client secret. */
  secretClientId: string | undefined;
}

/** Registration names are keys for secrets: letters, digits, spaces, dots, dashes, underscores. */
function settingsName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 64)
    .trim();
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `Sandbox ${cleaned}`.slice(0, 64).trim();
}

export function extensionRegistrations(sandbox: Pick<Sandbox, 'issuer' | 'clients'>): ExtensionRegistrations {
  const candidates = sandboxAppRegistrations(sandbox).map((raw) => {
    const entry: Record<string, unknown> = { ...raw, name: settingsName(String(raw.name ?? '')) };
    // The sandbox describes certificate clients with PEM paths; the extension keeps the private key in
    // SecretStorage ("Import Certificate…") and only the certificate's path in settings.
    const certificate = entry.certificate as { certPath?: string } | undefined;
    delete entry.certificate;
    if (certificate?.certPath) entry.certificatePath = certificate.certPath;
    return entry;
  });
  const entries: Record<string, unknown>[] = [];
  const problems: string[] = [];
  for (const candidate of candidates) {
    const result = validateRegistrations([candidate]);
    if (result.valid.length === 1) entries.push(candidate);
    else problems.push(...result.problems.map((p) => p.replace('authLens.appRegistrations[0]', `sandbox "${String(candidate.name)}"`)));
  }
  const secretClientId = sandbox.clients.find((c) => c.flow === 'client_credentials' && c.secretFrom)?.clientId;
  return { entries, problems, secretClientId };
}
