// The last step before anything Auth Lens writes leaves the editor (clipboard, report): redaction
// with the secrets this session knows, in every encoding redactSecrets tries. No vscode import, so
// the report tests run it directly.
import { redactSecrets } from '../core/redact';

/** `text` with tokens, credentials and every known secret (raw, base64, base64url, URL-encoded) removed. */
export function redactReport(text: string, knownSecrets: readonly string[]): string {
  return redactSecrets(text, knownSecrets);
}
