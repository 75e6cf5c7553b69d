// Secret storage keys: one typed union, so a typo cannot create a key that nothing ever deletes. Kept
// apart from settings.ts (which pulls in zod) because the activation bundle needs only these names.

/** `secret`: a client secret; `certKey`: a PEM private key; `cert`: the matching PEM certificate. */
export type SecretKind = 'secret' | 'certKey' | 'cert';
export type SecretKey = `authLens.${SecretKind}.${string}`;
export const SECRET_KINDS: readonly SecretKind[] = ['secret', 'certKey', 'cert'];

export function secretKey(kind: SecretKind, registrationName: string): SecretKey {
  return `authLens.${kind}.${registrationName}`;
}

/** Names of the entries in `authLens.appRegistrations`, read without validation (for preloading secrets). */
export function registrationNames(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
    return typeof name === 'string' && name.trim() ? [name.trim()] : [];
  });
}

/**
 * Where a stored secret may be sent: the authority host (with port), tenant and client id of the
 * registration it was stored for. Kept with the value, so editing a registration's authority (by hand,
 * by settings sync, by anything that can write user settings) cannot redirect the secret unasked.
 */
export interface SecretBinding {
  host: string;
  tenant: string;
  clientId: string;
}

export function isSecretBinding(value: unknown): value is SecretBinding {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['host'] === 'string' && typeof v['tenant'] === 'string' && typeof v['clientId'] === 'string';
}

export function sameBinding(a: SecretBinding, b: SecretBinding): boolean {
  return a.host === b.host && a.tenant === b.tenant && a.clientId === b.clientId;
}

/** e.g. `login.microsoftonline.com, tenant contoso.onmicrosoft.com, client 11111111-…` */
export function describeBinding(binding: SecretBinding): string {
  return `${binding.host}, tenant ${binding.tenant || '(none)'}, client ${binding.clientId}`;
}
