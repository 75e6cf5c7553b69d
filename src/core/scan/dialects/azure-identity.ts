// Azure Identity's credential lines: which credential asked, and whether it is one a user takes part in.
// JavaScript (AZURE_LOG_LEVEL=verbose, test/fixtures/logs/azure-identity-js):
//   azure:identity:info ClientSecretCredential => getToken() => Attempting to acquire token using client secret
//   azure:identity:info IdentityUtils => ERROR. Scopes: api://auth-lens-sandbox/Sandbox.Read. Error message: Failed to acquire token: post_request_failed: expired_token.
// Python (azure.identity loggers): `DEBUG:azure.identity._internal.get_token_mixin:DeviceCodeCredential.get_token succeeded`.
// .NET (Azure-Identity event source): `DeviceCodeCredential.GetToken invoked. Scopes: [ … ] ParentRequestId: …`.
import type { LineEvent } from './event';

const CREDENTIAL_RE = /\b(\w+Credential)(?: => getToken\(\)|\.get_token|\.GetToken)/;
const INTERACTIVE = new Set(['InteractiveBrowserCredential', 'DeviceCodeCredential', 'AuthorizationCodeCredential', 'UsernamePasswordCredential']);
const ERROR_TAIL_RE = /Error message: .*?\b((?:invalid|unauthorized|interaction|consent|login|expired|access|temporarily|server)_[a-z_]+)\b/;

export function readAzureIdentity(text: string, ev: LineEvent): boolean {
  const identityUtils = text.includes('IdentityUtils =>');
  if (!identityUtils && !text.includes('getToken()') && !text.includes('.get_token') && !text.includes('.GetToken')) return false;
  const m = CREDENTIAL_RE.exec(text);
  if (m && INTERACTIVE.has(m[1]!)) ev.interactive = true;
  const err = text.includes('Error message: ') ? ERROR_TAIL_RE.exec(text) : null;
  if (err) ev.error = err[1]!;
  return m !== null || err !== null;
}
