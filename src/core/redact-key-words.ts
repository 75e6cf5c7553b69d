// The redactor's reading of a key's name: its words (client_secret, clientSecret, X-MS-TOKEN-AAD-REFRESH-TOKEN
// all give the same ones) and how sure those words are that the value is a secret.
import { isDigit, isLower, isUpper, type SecretKind } from './redact-text';

/** The words of a key, lower-cased: split at `_`, `-`, `.` and where camelCase or PascalCase starts a word. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 0x5f;
    if (c === 0x5f || c === 0x2d || c === 0x2e) {
      if (start >= 0) words.push(key.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start >= 0 && isUpper(c)) {
      const prev = key.charCodeAt(i - 1);
      // fooBar, foo2Bar → a new word at B; SASToken, XMLHttp → a new word at the last capital before lower case.
      if (isLower(prev) || isDigit(prev) || (isUpper(prev) && i + 1 < key.length && isLower(key.charCodeAt(i + 1)))) {
        words.push(key.slice(start, i).toLowerCase());
        start = i;
      }
    }
    if (start < 0) start = i;
  }
  return words;
}

/**
 * The words of the key [keyStart, suffixStart + suffix). The anchor word is one word when it starts
 * one (after a separator, at a camelCase boundary, or the key's start), whatever its letter case
 * (PaSsWoRd); otherwise it is the tail of a longer word (clientsecret, monkey).
 */
export function wordsOf(text: string, keyStart: number, suffixStart: number, suffix: string): string[] {
  const prev = text.charCodeAt(suffixStart - 1);
  const first = suffix.charCodeAt(0);
  const next = suffix.charCodeAt(1);
  const boundary =
    suffixStart === keyStart ||
    prev === 0x5f || prev === 0x2d || prev === 0x2e ||
    (isUpper(first) && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next))));
  if (!boundary) return keyWords(text.slice(keyStart, suffixStart + suffix.length));
  const lower = suffix.toLowerCase();
  // The compound anchors (secretText, password_value) are two words; every other anchor is one.
  let last = [lower];
  if (lower.length > 5 && (lower.endsWith('text') || lower.endsWith('value'))) {
    const flat = lower.replace(/[_.-]/g, '');
    const cut = flat.endsWith('text') ? flat.length - 4 : flat.length - 5;
    last = [flat.slice(0, cut), flat.slice(cut)];
  }
  return suffixStart === keyStart ? last : [...keyWords(text.slice(keyStart, suffixStart)), ...last];
}

type Strength = 'strong' | 'weak' | 'code';

/** Words before `token` that name a cursor, not a credential (paging, cancellation). */
const CURSOR_WORDS = new Set(['next', 'page', 'paging', 'continuation', 'skip', 'cancellation', 'sync', 'delta', 'resume', 'change', 'request']);
/**
 * First words that make a key an operation's name (GetSecret, Get-MsalToken, acquireTokenByUsernamePassword,
 * get-access-token): followed by `:` that is an error message's subject, so only a credential-shaped
 * value is hidden. Called with a quoted argument (setPassword("…")), it is still a secret.
 */
export const OPERATION_VERBS = new Set([
  'get', 'set', 'list', 'create', 'delete', 'update', 'fetch', 'read', 'load', 'add', 'remove', 'rotate', 'regenerate', 'purge',
  'recover', 'backup', 'restore', 'acquire', 'validate', 'verify', 'parse', 'decode', 'generate', 'retrieve', 'save', 'store', 'find', 'handle',
]);
/** Words before `key` that name a record's key, not a secret one. */
const RECORD_KEY_WORDS = new Set(['public', 'partition', 'row', 'sort', 'cache', 'foreign', 'idempotency', 'routing', 'lookup', 'unique', 'composite', 'hash', 'dedup', 'registry', 'map', 'dictionary', 'object']);

/**
 * How sure a key is about its value. Strong keys hide any value; weak ones (`token`, `key` or
 * `signature` alone, a word merely ending in one of them) hide only a credential-shaped value, so prose
 * such as "Failed to acquire token: interaction_required" stays readable. `code` alone hides only
 * authorization-code-like values (long, not a number).
 */
export function strengthOf(words: string[]): { strength: Strength; kind: SecretKind } | null {
  const w = words[words.length - 1] ?? '';
  const p = words.length > 1 ? words[words.length - 2]! : '';
  // .NET assembly names: PublicKeyToken=31bf3856ad364e35 is a public key's hash.
  if (w === 'token' && p === 'key' && words[words.length - 3] === 'public') return null;
  switch (w) {
    case 'secret':
      return { strength: 'strong', kind: words.includes('client') || words.length === 1 ? 'client secret' : 'secret' };
    case 'password':
    case 'passwd':
    case 'pwd':
    case 'passphrase':
      return { strength: 'strong', kind: 'password' };
    case 'pass':
      return p ? null : { strength: 'weak', kind: 'password' };
    case 'secrets':
      return { strength: 'weak', kind: 'secret' };
    case 'token':
      if (CURSOR_WORDS.has(p)) return null;
      return { strength: p ? 'strong' : 'weak', kind: p === 'refresh' ? 'refresh token' : 'token' };
    case 'key':
      if (RECORD_KEY_WORDS.has(p)) return null;
      return { strength: p ? 'strong' : 'weak', kind: 'key' };
    case 'sig':
      return { strength: p ? 'weak' : 'strong', kind: 'signature' };
    case 'signature':
      return { strength: 'weak', kind: 'signature' };
    case 'assertion':
      return { strength: 'strong', kind: 'client assertion' };
    case 'verifier':
      return { strength: 'strong', kind: 'code verifier' };
    case 'code':
      if (words.length === 1) return { strength: 'code', kind: 'authorization code' };
      return p === 'device' || p === 'auth' || p === 'authorization' ? { strength: 'strong', kind: 'authorization code' } : null;
    case 'credential':
      return { strength: p === 'client' ? 'strong' : 'weak', kind: 'credential' };
    case 'credentials':
      return { strength: 'weak', kind: 'credential' };
    case 'text':
    case 'value':
      return p === 'secret' || p === 'password' ? { strength: 'strong', kind: p === 'secret' ? 'client secret' : 'password' } : null;
  }
  // One word that merely ends in the anchor: clientsecret, AZURE_CLIENTSECRET, accountkey, monkey.
  if (/(?:secret|password|passwd)$|(?:secret|password)(?:text|value)$/.test(w)) return { strength: 'strong', kind: w.includes('secret') ? 'client secret' : 'password' };
  if (/(?:assertion|verifier)$/.test(w)) return { strength: 'strong', kind: w.endsWith('verifier') ? 'code verifier' : 'client assertion' };
  if (/(?:token|key|pwd|credentials?|signature|secrets)$/.test(w)) return { strength: 'weak', kind: w.endsWith('token') ? 'token' : w.endsWith('key') ? 'key' : 'secret' };
  return null;
}
