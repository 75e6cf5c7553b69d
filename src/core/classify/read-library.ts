// Readers for what each library wraps around the protocol answer: msal-js errors (class, code,
// "Error(s):" list, Node's inspect output), MSAL.NET exceptions (type, ErrorCode, Classification,
// ResponseBody) and Azure Identity credential chains (the most telling inner failure is chosen).
import { emptyFacts, type Facts } from './facts';
import { readObject, scanText } from './read-text';
import { hasAny, MSAL_JS_CLASSES } from './sniff';
import { balancedObject, errorKeys, idAfter, isWordChar, jsonObjectOrNull, keyedWord, MAX_CODES, statusAfter } from './text';

export function readMsalJs(text: string, f: Facts): void {
  let best = -1;
  for (const cls of MSAL_JS_CLASSES) {
    const i = text.indexOf(cls);
    if (i >= 0 && (best < 0 || i < best)) {
      best = i;
      f.exceptionType = cls;
    }
  }
  if (best >= 0 && f.exceptionType) {
    // "ServerError: invalid_grant: Error(s): …" — the word after the class is the error code.
    let p = best + f.exceptionType.length;
    if (text.charCodeAt(p) === 58) {
      p++;
      while (text.charCodeAt(p) === 32) p++;
      const start = p;
      while (p < text.length && p - start < 80 && (isWordChar(text.charCodeAt(p)) || text.charCodeAt(p) === 46)) p++;
      if (p > start && text.charCodeAt(p) === 58) f.error ??= text.slice(start, p);
    }
  }
  // Node's inspect output of the error object: errorCode: '…', subError: '…', claims: '…'
  const keys = errorKeys(text, text.toLowerCase(), () => true);
  f.error ??= keys.errorCode;
  f.suberror ??= keys.suberror;
  // "Error(s): 700082, 50126 - Timestamp: …"
  const errs = text.indexOf('Error(s):');
  if (errs >= 0) {
    const m = /^Error\(s\): ?([\d, ]{1,200})/.exec(text.slice(errs, errs + 220));
    if (m) {
      for (const part of m[1]!.split(',')) {
        const n = Number(part.trim());
        if (part.trim() && Number.isSafeInteger(n) && !f.aadsts.includes(n) && f.aadsts.length < MAX_CODES) f.aadsts.push(n);
      }
    }
  }
  const statusInspect = /\bstatus: (\d{3})\b/.exec(text.slice(0, 65536));
  if (statusInspect) f.httpStatus ??= Number(statusInspect[1]);
}

const DOTNET_CLASSIFICATIONS: Record<string, string> = {
  basicaction: 'basic_action',
  additionalaction: 'additional_action',
  messageonly: 'message_only',
  consentrequired: 'consent_required',
  userpasswordexpired: 'user_password_expired',
};

export function readMsalDotnet(text: string, f: Facts, lower: string): void {
  let from = 0;
  for (let tries = 0; tries < 16 && !f.exceptionType; tries++) {
    const i = text.indexOf('Msal', from);
    if (i < 0) break;
    let p = i + 4;
    while (p < text.length && p - i < 60 && isWordChar(text.charCodeAt(p))) p++;
    const name = text.slice(i, p);
    if (name.endsWith('Exception')) f.exceptionType = name;
    from = i + 4;
  }
  f.error ??= errorKeys(text, lower, () => true).errorCode;
  f.httpStatus ??= statusAfter(text, lower);
  const classification = keyedWord(text, lower, 'classification');
  if (classification) {
    f.netClassification = classification;
    const sub = DOTNET_CLASSIFICATIONS[classification.toLowerCase()];
    if (sub) f.suberror ??= sub;
  }
  const retryable = keyedWord(text, lower, 'isretryable') ?? keyedWord(text, lower, 'is retryable');
  if (retryable) f.isRetryable = retryable.toLowerCase() === 'true';
  // "ResponseBody: {…}" carries the token endpoint's JSON.
  const rb = lower.indexOf('responsebody');
  if (rb >= 0) {
    const brace = text.indexOf('{', rb);
    if (brace >= 0 && brace - rb < 40) {
      const body = balancedObject(text, brace);
      const obj = body ? jsonObjectOrNull(body) : null;
      if (obj) readObject(obj, f);
    }
  }
  const claimsLine = lower.indexOf('claims:');
  if (claimsLine >= 0 && !f.claims) {
    const brace = text.indexOf('{', claimsLine);
    if (brace >= 0 && brace - claimsLine < 20) {
      const body = balancedObject(text, brace, 65536);
      if (body && jsonObjectOrNull(body)) f.claims = body;
    }
  }
}

/** One inner failure of a credential chain. */
interface Segment {
  credential: string;
  text: string;
  /** The line was printed as a CredentialUnavailableError. */
  unavailable: boolean;
}

const CHAIN_MARKERS = [
  'failed to retrieve a token from the included credentials',
  'ChainedTokenCredential authentication failed',
  'Attempted credentials:',
  'AggregateAuthenticationError',
];

function credentialAtLineStart(line: string): { name: string; unavailable: boolean } | null {
  // "\tEnvironmentCredential: …", "- ManagedIdentityCredential authentication unavailable…",
  // "CredentialUnavailableError: AzureCliCredential: …"
  let s = line.trimStart();
  if (s.startsWith('- ') || s.startsWith('* ')) s = s.slice(2);
  const unavailable = s.startsWith('CredentialUnavailableError');
  for (const prefix of ['CredentialUnavailableError: ', 'ClientAuthenticationError: ', 'AuthenticationError: ', 'AuthenticationRequiredError: ']) {
    if (s.startsWith(prefix)) s = s.slice(prefix.length);
  }
  let p = 0;
  while (p < s.length && p < 60 && isWordChar(s.charCodeAt(p))) p++;
  const name = s.slice(0, p);
  if (name.length > 10 && name.endsWith('Credential') && name !== 'DefaultAzureCredential' && name !== 'ChainedTokenCredential') {
    return { name, unavailable };
  }
  return null;
}

function splitChain(text: string): Segment[] {
  const lines = text.split('\n', 2000);
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const line of lines) {
    const cred = credentialAtLineStart(line);
    if (cred) {
      current = { credential: cred.name, text: line, unavailable: cred.unavailable };
      segments.push(current);
    } else if (current) {
      if (line.trim() === '' || /^\s*(To mitigate|To troubleshoot|See the troubleshooting|\s+at )/.test(line)) {
        current = line.trim() === '' ? current : null;
        continue;
      }
      current.text += '\n' + line;
    }
  }
  return segments;
}

const UNAVAILABLE_HINTS = ['unavailable', 'not installed', 'not found', 'not fully configured', 'could not be found', 'no response from', 'is not available', 'not configured', 'was not found', 'not supported'];
const SIGN_IN_HINTS: Array<[string, string]> = [
  ["az login", 'az login'],
  ['azd auth login', 'azd auth login'],
  ['Connect-AzAccount', 'Connect-AzAccount'],
];

function segmentScore(seg: Segment, now: Date): { score: number; facts: Facts } {
  const f = emptyFacts('azure_identity');
  const lower = seg.text.toLowerCase();
  scanText(seg.text, f, now, lower);
  const unavailable = seg.unavailable || UNAVAILABLE_HINTS.some((h) => lower.includes(h));
  const signIn = SIGN_IN_HINTS.find(([h]) => seg.text.includes(h));
  // Most telling first: a service answer (code or error value), then a sign-in the developer can do,
  // then any other failure, and last a credential that could not even try.
  let score = 0;
  if (f.aadsts.length > 0 || f.error) score = 4;
  else if (signIn) score = 3;
  else if (seg.unavailable) score = 0;
  else if (lower.includes('authentication failed')) score = 2;
  else if (!unavailable) score = 1;
  if (signIn) f.toolSignInNeeded = signIn[1];
  f.credentialUnavailable = score <= 1 && unavailable;
  f.networkError = null; // an IMDS probe timing out only means "no managed identity here"
  return { score, facts: f };
}

export function readAzureIdentity(text: string, f: Facts, now: Date, lower: string): void {
  for (const cls of [
    'AuthenticationRequiredError',
    'AuthenticationRequiredException',
    'AggregateAuthenticationError',
    'AuthenticationFailedException',
    'CredentialUnavailableException',
    'CredentialUnavailableError',
    'ClientAuthenticationError',
  ]) {
    if (text.includes(cls)) {
      f.exceptionType = cls;
      break;
    }
  }
  const chained = hasAny(text, CHAIN_MARKERS);
  const segments = chained ? splitChain(text) : [];
  if (segments.length === 0) {
    scanText(text, f, now, lower);
    const signIn = SIGN_IN_HINTS.find(([h]) => text.includes(h));
    if (signIn) f.toolSignInNeeded = signIn[1];
    if (f.exceptionType?.startsWith('CredentialUnavailable') && f.aadsts.length === 0 && !f.error) f.credentialUnavailable = true;
    else if (!f.error && f.aadsts.length === 0 && UNAVAILABLE_HINTS.some((h) => lower.includes(h)) && !lower.includes('authentication failed')) {
      f.credentialUnavailable = true;
    }
    return;
  }
  f.credentialCount = segments.length;
  let best: { score: number; facts: Facts; seg: Segment } | null = null;
  for (const seg of segments) {
    const scored = segmentScore(seg, now);
    if (!best || scored.score > best.score) best = { ...scored, seg };
    // 4 is the highest score and only a higher one replaces the best, so the credentials after it
    // cannot change the result: their text is not read again.
    if (best.score >= 4) break;
  }
  if (!best) return;
  const inner = best.facts;
  Object.assign(f, {
    ...inner,
    source: 'azure_identity',
    exceptionType: f.exceptionType,
    credential: best.seg.credential,
    credentialCount: segments.length,
    notes: f.notes,
  });
  // Ids printed once for the whole chain still belong to it.
  f.correlationId ??= idAfter(text, lower, 'correlation');
  f.traceId ??= idAfter(text, lower, 'trace');
}
