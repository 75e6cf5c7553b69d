// The redactor's passes that find a secret by what names it: a key whose last word says "secret"
// (client_secret, clientSecret, ClientSecret, CLIENT_SECRET, client-secret, X-MS-TOKEN-AAD-REFRESH-TOKEN,
// AccountKey, sig, code_verifier, …) in every way configs, logs, command lines and headers write a pair,
// and the Authorization and Cookie headers. Each pass is one left-to-right scan from a literal anchor.
import { OPERATION_VERBS, strengthOf, wordsOf } from './redact-key-words';
import * as chars from './redact-text';
import { CREDENTIAL_RUN_RE, MIN_WRAP_COLUMNS, SECRET_MARKER, type Span } from './redact-text';
import { allDigits, connectionStringValue, credentialShaped, isLetter, KEEP_VALUES, MASKED_RE, MAX_KEY, nextLineValue, RunShape, separatorAfter, tokenSpan, type Value, valueSpan, variableReference, wrappedValueEnd } from './redact-values';
// The helpers are read off the module once: a hot loop calling an imported function pays a
// module-namespace read per call under some loaders (vitest's, which measures the liveness bound).
const { isAlnum, isBlank, looksRandom, runEnd, wordBefore, wrappedRunEnd } = chars;

/**
 * The last word of a secret's key, in any letter case, as the regex anchor: the key's other words are
 * read backwards from there (so `clientSecret`, `AZURE_CLIENT_SECRET` and `--client-secret` all start at
 * "secret"). After it: an optional quote (with the backslashes of JSON inside JSON, up to three levels),
 * blanks, and a separator: `:` `=` `=>` `:=`, `(` before a quoted argument (WithClientSecret("…")), or
 * only blanks after a command-line flag (--client-secret VALUE).
 */
export const KEY_WORDS = '(?:secret|password)[_.-]?(?:text|value)|pass(?:word|wd|phrase)?|pwd|secrets?|token|key|sig(?:nature)?|assertion|verifier|code|credentials?';
const KEY_RE = new RegExp(`(?:${KEY_WORDS})(?=(?:\\\\{0,7}["'])?[ \\t]{0,8}[:=(]|[ \\t])`, 'gi');
/** The longest text KEY_RE can match. */
const KEY_REACH = 14 + 8 + 8 + 2 + 8;

/** Characters of a key: letters, digits, `_`, `-` and `.` (AzureAd.ClientSecret, spring.datasource.password). */
function isKeyChar(c: number): boolean {
  return isAlnum(c) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/** Secrets after their key: JSON, Python repr, form and query strings, headers, env files, YAML, config code, command-line flags. */
export function keySpans(text: string, out: Span[]): void {
  KEY_RE.lastIndex = 0;
  // Where the last unquoted value scan started and ended: [unquotedFrom, unquotedTo) holds no value-end
  // character, so a key found inside it shares its end and the run is never scanned twice.
  let unquotedFrom = -1;
  let unquotedTo = -1;
  const runShape = new RunShape();
  // Where the previous match ended: keys are read back no further, so no character is read back twice.
  let floor = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_RE.exec(text))) {
    // The anchor word is the match; its quote, blanks and separator follow (the lookahead saw them).
    const suffix = m[0];
    const suffixEnd = m.index + suffix.length;
    // A closing quote, with the backslashes of JSON inside JSON before it.
    let i = suffixEnd;
    while (i - suffixEnd < 7 && text.charCodeAt(i) === 0x5c) i++;
    let quote: string | undefined;
    const q = text.charCodeAt(i);
    if (q === 0x22 || q === 0x27) quote = text.slice(suffixEnd, ++i);
    else i = suffixEnd;
    const blanksFrom = i;
    while (i - blanksFrom < 8 && isBlank(text.charCodeAt(i))) i++;
    let sep: string | undefined;
    const c = text.charCodeAt(i);
    if (c === 0x3d) sep = text.charCodeAt(i + 1) === 0x3e ? '=>' : '=';
    else if (c === 0x3a) sep = text.charCodeAt(i + 1) === 0x3d ? ':=' : ':';
    else if (c === 0x28) sep = '(';
    if (sep !== undefined) {
      i += sep.length;
      const sepEnd = i;
      while (i - sepEnd < 8 && isBlank(text.charCodeAt(i))) i++;
    }
    const valueAt = i;
    KEY_RE.lastIndex = Math.max(KEY_RE.lastIndex, valueAt);
    let keyStart = m.index;
    const limit = Math.max(floor, m.index - MAX_KEY);
    while (keyStart > limit && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
    floor = valueAt;
    // A flag starts a word of a command line: --client-secret, -ClientSecret (PowerShell).
    const flag = text.charCodeAt(keyStart) === 0x2d && (keyStart === 0 || /[\s"']/.test(text[keyStart - 1]!)) && /^--?[A-Za-z]/.test(text.slice(keyStart, keyStart + 3));
    // Without a separator only a flag takes the next word as its value (--client-secret VALUE).
    if (sep === undefined && (!flag || quote !== undefined || valueAt === suffixEnd)) continue;
    const words = wordsOf(text, keyStart, m.index, suffix);
    const found = strengthOf(words);
    if (!found) continue;
    const rule = sep !== '(' && words.length > 1 && OPERATION_VERBS.has(words[0]!) && found.strength === 'strong' ? { ...found, strength: 'weak' as const } : found;

    let v: Value;
    const yaml = sep === ':' ? nextLineValue(text, valueAt, keyStart) : null;
    if (yaml) {
      // A plain value on the next line is one word; a block (a key, a certificate) is hidden whole.
      if (!yaml.block && /\s/.test(text.slice(yaml.start, Math.min(yaml.end, yaml.start + 256)).trim())) continue;
      v = { start: yaml.start, end: yaml.end, quoted: true, close: 0 };
    } else {
      // `"access_token": {` is a claims-request object (structure, not a secret): leave it alone.
      const connection = sep === '=' ? connectionStringValue(text, keyStart, valueAt) : null;
      const first = text.charCodeAt(valueAt);
      if (connection) v = connection;
      else if (first === 0x7b || first === 0x5b) continue;
      else if (valueAt >= unquotedFrom && valueAt < unquotedTo) v = { start: valueAt, end: unquotedTo, quoted: false, close: 0 };
      else {
        v = valueSpan(text, valueAt);
        if (!v.quoted) {
          unquotedFrom = v.start;
          unquotedTo = v.end;
        }
      }
      // A call takes a quoted argument; a name there is a variable (WithClientSecret(secret)).
      if (sep === '(' && !v.quoted) continue;
    }

    // Whether the value is hidden. A value left alone is scanned on like any other text, so a key inside
    // it is still found; only what is read here is bounded (a value's first characters).
    const length = v.end - v.start;
    if (length <= 16) {
      const value = text.slice(v.start, v.end);
      // "set signPopToken=true." ends a sentence: the value is `true`.
      if (KEEP_VALUES.has(value.toLowerCase().replace(/\.$/, '')) || MASKED_RE.test(value)) continue;
    }
    if (flag && sep === undefined) {
      if (text.charCodeAt(v.start) === 0x2d) continue;
      // -newkey rsa:2048: only a strong name (--client-secret) or a random value makes a flag's argument secret.
      if (rule.strength !== 'strong' && !looksRandom(text, v.start, Math.min(v.end, v.start + 256), 0.3)) continue;
    }
    // A sentence, not a config line: a generic word inside one ("Invalid or null password: password
    // doesn't exist") or a value that the sentence goes on after ("clientCredentialsToken: received
    // HTTP status 401"). Its value must look like a credential. A key at a line's start is config (YAML).
    const prose =
      sep === ':' &&
      !v.quoted &&
      ((words.length === 1 && keyStart > 1 && isBlank(text.charCodeAt(keyStart - 1)) && isLetter(text.charCodeAt(keyStart - 2))) ||
        (isBlank(text.charCodeAt(v.end)) && isLetter(text.charCodeAt(v.end + 1))));
    const gated = rule.strength === 'weak' || rule.strength === 'code' || prose;
    if (gated && !(v.quoted ? credentialShaped(text, v.start, v.end) : runShape.shaped(text, v.start, v.end))) continue;
    // `code` also names HTTP and error codes (400, InvalidAuthenticationToken, Authorization_RequestDenied);
    // an authorization code is long and mixes letters and digits.
    if (rule.strength === 'code' && length < 16) continue;
    if (variableReference(text, v.start, v.end)) continue;

    // Hidden: to its end, also where it was wrapped onto the next lines (a terminal, a pasted config).
    let end: number;
    let resume: number;
    if (yaml) {
      end = wrappedValueEnd(text, Math.max(yaml.start, yaml.lastLine), yaml.end);
      resume = end;
    } else {
      end = !v.quoted || v.close === 0 ? wrappedValueEnd(text, v.start, v.end) : v.end;
      // A quoted value is hidden whole, keys inside it included, so scanning resumes after it. An
      // unquoted value ends at a space or separator, and a key glued inside it ("password=pw/client_secret: X")
      // has its own value past that end: only a key ending within KEY_REACH of the end can, so scanning
      // resumes there and every character is read a bounded number of times. A quoted "value" followed
      // by its own separator was really the next key (`password= 'client_secret': 'X'`): scanning
      // resumes at it, so that key's value is found too.
      resume = v.quoted && v.close > 0 ? (separatorAfter(text, v.end + v.close) ? valueAt : v.end) : end - KEY_REACH;
    }
    if (KEY_RE.lastIndex < resume) KEY_RE.lastIndex = resume;
    out.push(tokenSpan(text, v.start, end, rule.kind));
  }
}

/** Short command-line flags that take a password: `-p VALUE` (az login, sqlcmd -P), `-u user:pass` and `--user user:pass` (curl). */
const SHORT_FLAG_RE = /(?:^|[ \t\n])(-[pPu]|--user)[ \t]+/g;

/** Whether the command around `at` (one line, up to `;`, `&&` or `|`) names a user or is sshpass. */
function passwordCommandLine(text: string, at: number): boolean {
  let from = at;
  while (from > 0 && at - from < 512 && !COMMAND_END.has(text.charCodeAt(from - 1))) from--;
  let to = at;
  while (to < text.length && to - at < 512 && !COMMAND_END.has(text.charCodeAt(to))) to++;
  return /(?:^|[\s"'])(?:-[uU]|--user(?:name)?)[ \t=]|\bsshpass[ \t]/.test(text.slice(from, to));
}

// Line end, `;`, `&` and `|`: where one command of a shell line ends.
const COMMAND_END = new Set([0x0a, 0x0d, 0x3b, 0x26, 0x7c]);

export function flagSpans(text: string, out: Span[]): void {
  SHORT_FLAG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SHORT_FLAG_RE.exec(text))) {
    const v = valueSpan(text, m.index + m[0].length);
    if (v.end <= v.start || text.charCodeAt(v.start) === 0x2d) continue;
    if (variableReference(text, v.start, v.end)) continue;
    if (m[1] === '-p' || m[1] === '-P') {
      // `ssh -p 2222`, `-p 8080:80`: a port, not a password.
      if (allDigits(text, v.start, v.end) || /^\d+:\d+$/.test(text.slice(v.start, Math.min(v.end, v.start + 16)))) continue;
      // `mkdir -p dir`, `cp -p a b`: -p is a password only beside a user name (az login -u, docker
      // login -u, sqlcmd -U), after sshpass, or when its value looks random.
      if (!passwordCommandLine(text, m.index) && !looksRandom(text, v.start, Math.min(v.end, v.start + 256), 0.3)) continue;
      out.push({ start: v.start, end: wrappedValueEnd(text, v.start, v.end), replacement: SECRET_MARKER, kind: 'password' });
    } else {
      const colon = text.indexOf(':', v.start);
      if (colon >= 0 && colon + 1 < v.end) out.push({ start: colon + 1, end: wrappedValueEnd(text, colon + 1, v.end), replacement: SECRET_MARKER, kind: 'password' });
    }
    if (SHORT_FLAG_RE.lastIndex < v.end) SHORT_FLAG_RE.lastIndex = v.end;
  }
}

/**
 * A command line written as a list, one quoted element per argument: Python's repr of sys.argv, a JSON
 * array, the Azure CLI's `--debug` ("Command arguments: ['login', '-u', 'app', '-p', 'VALUE', …]").
 * The flag is one element and its value the next, so the flag passes above (which read blanks) miss it.
 */
const ARGV_FLAG_RE = /(["'])(-[pP]|--(?:[A-Za-z]+-){0,3}(password|passwd|pwd|secret|token|key))\1,[ \t]{0,4}(["'])/g;
const ARGV_USER_RE = /(["'])(?:-[uU]|--user(?:name)?)\1,/;

export function argvSpans(text: string, out: Span[]): void {
  ARGV_FLAG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ARGV_FLAG_RE.exec(text))) {
    const start = ARGV_FLAG_RE.lastIndex;
    let end = start;
    // To the closing quote, also where a terminal wrapped the value onto the next lines.
    while (end < text.length && end - start < 512 && text[end] !== m[4]) end++;
    if (text[end] !== m[4]) {
      // No closing quote: no later flag of this list can have one either, so what was read is not read again.
      ARGV_FLAG_RE.lastIndex = end;
      continue;
    }
    if (end === start || text.charCodeAt(start) === 0x2d) continue;
    const word = m[3]?.toLowerCase();
    // -p is a password only in a list that names a user (az login -u, docker login -u); a value after a
    // flag named only "token" or "key" must look random (--key-file names a file, not a key).
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', start);
    const strong = word === undefined ? ARGV_USER_RE.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd)) : word !== 'token' && word !== 'key';
    if (!strong && !looksRandom(text, start, end, 0.3)) continue;
    if (variableReference(text, start, end)) continue;
    out.push({ start, end, replacement: SECRET_MARKER, kind: 'password' });
    ARGV_FLAG_RE.lastIndex = end + 1;
  }
}

const AUTH_HEADER_RE =
  /(?:proxy-)?authorization(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}(?:\\?["'])?[ \t]{0,8}(?:(bearer|basic|negotiate|ntlm|pop|digest|mac)[ \t]{1,8})?/gi;
const BARE_SCHEME_RE = /(bearer|basic)[ \t]{1,8}(?=[A-Za-z0-9+/_~.-]{12})/gi;
const COOKIE_LINE_RE = /[^\r\n]*/y;
const COOKIE_DQ_RE = /[^\r\n"]*/y;
const COOKIE_SQ_RE = /[^\r\n']*/y;
const COOKIE_RE = /(?:set-)?cookie(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}/gi;

/** Authorization and Proxy-Authorization values, a bare "Bearer <credential>", and Cookie / Set-Cookie lines. */
export function headerSpans(text: string, out: Span[]): void {
  AUTH_HEADER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AUTH_HEADER_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    const start = m.index + m[0].length;
    // A long credential that fills its line may go on over the next lines (a wrapped header).
    const i = wrappedRunEnd(CREDENTIAL_RUN_RE, text, start);
    if (i > start && !MASKED_RE.test(text.slice(start, Math.min(i, start + 16)))) out.push({ start, end: i, replacement: SECRET_MARKER, kind: 'credential' });
    if (AUTH_HEADER_RE.lastIndex < i) AUTH_HEADER_RE.lastIndex = i;
  }
  BARE_SCHEME_RE.lastIndex = 0;
  while ((m = BARE_SCHEME_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    const start = m.index + m[0].length;
    const i = runEnd(CREDENTIAL_RUN_RE, text, start);
    // Prose ("Basic authentication failed", "Bearer authorization_uri=…") must survive: a credential
    // is long and carries digits, with `=` only as trailing padding.
    const value = text.slice(start, i);
    if (value.length >= 16 && /\d/.test(value) && !/=[^=]/.test(value)) out.push({ start, end: i, replacement: SECRET_MARKER, kind: 'credential' });
    if (BARE_SCHEME_RE.lastIndex < i) BARE_SCHEME_RE.lastIndex = i;
  }
  COOKIE_RE.lastIndex = 0;
  while ((m = COOKIE_RE.exec(text))) {
    if (wordBefore(text, m.index, false)) continue;
    let start = m.index + m[0].length;
    const q = text.charCodeAt(start);
    // A cookie header runs to the end of its line (or its closing quote): every pair in it is sensitive.
    const rest = q === 0x22 ? COOKIE_DQ_RE : q === 0x27 ? COOKIE_SQ_RE : COOKIE_LINE_RE;
    if (rest !== COOKIE_LINE_RE) start++;
    let i = runEnd(rest, text, start);
    // A long cookie value cut at the line's end goes on at the next line (a wrapped header).
    let piece = i;
    while (piece > start && i - piece < MIN_WRAP_COLUMNS && runEnd(CREDENTIAL_RUN_RE, text, piece - 1) > piece - 1) piece--;
    if (rest === COOKIE_LINE_RE) i = wrappedValueEnd(text, piece, i);
    if (i > start && !MASKED_RE.test(text.slice(start, Math.min(i, start + 16)))) out.push({ start, end: i, replacement: SECRET_MARKER, kind: 'credential' });
    if (COOKIE_RE.lastIndex < i) COOKIE_RE.lastIndex = i;
  }
}
