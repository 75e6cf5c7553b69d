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
