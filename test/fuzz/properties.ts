// Every fuzz property, in one list, so `npm test` (a bounded number of runs) and `npm run fuzz`
// (N runs each) exercise exactly the same checks. A property fails by throwing: each one checks that
// the public API did not throw and that its answer keeps the promises its callers rely on.
import fc from 'fast-check';
import { redactSecrets, redactToken } from '../../src/core/redact';
import { decodeToken } from '../../src/core/jwt/decode';
import { createScanner, findAtPosition, scanText } from '../../src/core/scan';
import {
  DecodedTokenSchema,
  describeRejectedMessage,
  MAX_HOST_MESSAGE_CHARS,
  MAX_WEBVIEW_MESSAGE_CHARS,
  parseHostMessage,
  parseWebviewMessage,
  ScanSummarySchema,
  isAllowedExternalUrl,
} from '../../src/protocol';
import { validateAppRegistration } from '../../src/core/client/registration';
import { checkPem, validateRegistrations } from '../../src/extension/settings';
import { parsePythonRepr } from '../../src/core/classify/pyrepr';
import { parseHttpMessage, parseRetryAfter, parseWwwAuthenticate } from '../../src/core/classify/http-text';
import { anyValue, byteChunks, chunkings, hostileText, mutatedSeed, tokenLike } from './arbitraries';
import { CLASSIFIER_PROPERTIES } from './properties-classify';
import { computeHover } from '../../src/extension/lazy/hover';
import { fail, prop, type FuzzProperty } from './harness';
import { pyRepr, type Json } from './pyrepr-writer';

export type { FuzzProperty };

const NOW = new Date('2026-11-20T09:15:00Z');

// A JWT whose signature is long and unmistakable: if it survives anywhere, a secret leaked.
const LEAK_SIGNATURE = 'c2lnbmF0dXJlLXNlY3JldC1mdXp6LXByb2Jl';
const LEAK_JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9mdXp6IiwiZXhwIjoxNzAwMDAzNjAwfQ.' + LEAK_SIGNATURE;

// ---------------------------------------------------------------------------------------------
// Redaction

const secretValue = fc.string({ unit: fc.constantFrom(...'abcXYZ0189~._-+/=!*()\'" %&'.split('')), minLength: 6, maxLength: 24 })
  .filter((s) => s.trim().length >= 6);

const REDACT: FuzzProperty[] = [
  prop('redact: never throws, always text', fc.tuple(hostileText(), fc.array(fc.oneof(fc.string(), anyValue()), { maxLength: 3 })), ([text, extras]) => {
    const out = redactSecrets(text, extras as string[]);
    if (typeof out !== 'string') fail('redactSecrets returned a non-string');
  }),
  prop('redact: a known secret never survives, in any encoding, in any context', fc.tuple(hostileText(), hostileText(), secretValue, fc.constantFrom('raw', 'b64', 'b64url', 'url')), ([before, after, secret, form]) => {
    const encoded =
      form === 'raw' ? secret :
      form === 'b64' ? Buffer.from(secret).toString('base64') :
      form === 'b64url' ? Buffer.from(secret).toString('base64url') :
      encodeURIComponent(secret);
    const out = redactSecrets(before + encoded + after, [secret]);
    // The secret may legitimately appear in the surrounding random text only if the input had it there too.
    const expected = (before + after).split(encoded).length - 1;
    const found = out.split(encoded).length - 1;
    if (found > expected || (expected === 0 && found > 0)) fail(`secret survived redaction (${form})`, { before, secret, after, out });
  }),
  prop('redact: a JWT signature never survives, in any context', fc.tuple(hostileText(), hostileText(), fc.constantFrom('', 'Bearer ', 'access_token=', '"id_token": "', "'refresh_token': '", 'Authorization: Bearer ')), ([before, after, lead]) => {
    const out = redactSecrets(before + lead + LEAK_JWT + after);
    if (out.includes(LEAK_SIGNATURE)) fail('JWT signature survived redaction', { before, lead, after });
  }),
  prop('redact: secret values after secret keys never survive', fc.tuple(fc.tuple(hostileText(), fc.constantFrom(' ', '\n', '&', '?', ', ', '{')).map(([t, sep]) => t + sep), fc.constantFrom('client_secret=', 'client_secret: ', '"client_secret":"', "'client_secret': '", 'password=', '"refresh_token": "', 'Cookie: a=', 'Authorization: Basic '), fc.constantFrom('', '&x=1', '"', "'", ' ', '\n', ',')), ([before, key, after]) => {
    const secret = 'Q7x~k9Rz2mNp4TvW8yBc';
    const out = redactSecrets(before + key + secret + after);
    if (out.includes(secret) && !before.includes(secret)) fail('secret value after a secret key survived', { before, key, after, out });
  }),
  prop('redact: redactToken never shows a JWT signature', fc.tuple(tokenLike(), fc.boolean()), ([t, full]) => {
    const out = redactToken(t, { full });
    if (typeof out !== 'string') fail('redactToken returned a non-string');
    const parts = t.trim().replace(/^bearer\s+/i, '').split('.');
    const sig = parts.length === 3 ? parts[2]! : '';
    // The header and payload are shown on purpose; a signature that happens to be part of them is not a leak.
    if (sig.length >= 12 && out.includes(sig) && !`${parts[0]}.${parts[1]}`.includes(sig)) fail('redactToken kept the signature', { t, out });
  }),
];

// ---------------------------------------------------------------------------------------------
// JWT decoder

const JWT: FuzzProperty[] = [
  prop('jwt: decodeToken never throws and its record fits the panel protocol', fc.oneof(tokenLike(), hostileText()), (text) => {
    const d = decodeToken(text, NOW);
    if (!['jwt', 'jwe', 'opaque', 'invalid'].includes(d.kind)) fail('unknown kind', d.kind);
    if (d.kind !== 'jwt' && d.kind !== 'jwe' && !d.problem) fail('a token that did not decode has no problem text', text);
    const parsed = DecodedTokenSchema.safeParse(d);
    if (!parsed.success) fail('decodeToken output is rejected by DecodedTokenSchema', { text: text.slice(0, 200), issues: parsed.error.issues.slice(0, 3) });
  }, 2),
  prop('jwt: the redacted form never carries the signature', fc.tuple(fc.constantFrom('', 'Bearer ', '"', 'Authorization: Bearer '), tokenLike()), ([lead, t]) => {
    const token = `${t.split('.').slice(0, 2).join('.')}.${LEAK_SIGNATURE}`;
    const d = decodeToken(lead + token, NOW);
    const shown = JSON.stringify(d);
    if (shown.includes(LEAK_SIGNATURE)) fail('decoded record carries the signature', { token });
  }),
  prop('jwt: a non-string never throws', anyValue(), (v) => {
    const d = decodeToken(v as string, NOW);
    if (d.kind !== 'invalid' && typeof v !== 'string') fail('a non-string decoded as a token', d.kind);
  }),
];

// ---------------------------------------------------------------------------------------------
// Scanner and hover locator

function summaryKey(text: string | Uint8Array[], asBytes: boolean): string {
  const s = createScanner();
  if (asBytes) for (const c of text as Uint8Array[]) s.push(c);
  else for (const c of text as unknown as string[]) s.push(c);
  return JSON.stringify(s.end());
}

const scanInput = fc.oneof(
  { weight: 3, arbitrary: fc.array(hostileText(), { maxLength: 12 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((nl) => lines.join(nl))) },
  { weight: 1, arbitrary: hostileText() },
);

const SCAN: FuzzProperty[] = [
  prop('scan: scanText never throws and its summary fits the panel protocol', scanInput, (text) => {
    const summary = scanText(text);
    const parsed = ScanSummarySchema.safeParse(summary);
    if (!parsed.success) fail('scan summary rejected by ScanSummarySchema', { text: text.slice(0, 200), issues: parsed.error.issues.slice(0, 3) });
    if (JSON.stringify(summary).includes(LEAK_SIGNATURE)) fail('summary carries a JWT signature');
  }, 2),
  prop('scan: random byte chunkings give the same summary as one piece', scanInput.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.nat(), { maxLength: 10 }))), ([text, cuts]) => {
    const bytes = new TextEncoder().encode(text);
    const whole = summaryKey([bytes], true);
    const chunked = summaryKey(byteChunks(bytes, cuts), true);
    if (whole !== chunked) fail('chunked bytes changed the summary', { text: text.slice(0, 300), cuts });
  }, 3),
  prop('scan: random string chunkings give the same summary as one piece', scanInput.chain((text) => fc.tuple(fc.constant(text), chunkings(text))), ([text, chunks]) => {
    const whole = summaryKey([text] as unknown as Uint8Array[], false);
    const chunked = summaryKey(chunks as unknown as Uint8Array[], false);
    if (whole !== chunked) fail('chunked text changed the summary', { text: text.slice(0, 300), chunks: chunks.map((c) => c.length) });
  }, 3),
  prop('scan: a JWT in a log line is reported only redacted', fc.tuple(hostileText(), hostileText()), ([before, after]) => {
    const line = `${before.replace(/[\r\n]/g, ' ')} ${LEAK_JWT} ${after.replace(/[\r\n]/g, ' ')}`;
    const seen: string[] = [];
    const s = createScanner({ onFinding: (f) => seen.push(f.value) });
    s.push(line);
    const summary = s.end();
    if (JSON.stringify(summary).includes(LEAK_SIGNATURE) || seen.some((v) => v.includes(LEAK_SIGNATURE))) fail('scanner leaked a JWT signature', { before, after });
  }),
  prop('scan: findAtPosition never throws; a hit covers the column and matches the text', fc.tuple(hostileText(), fc.oneof(fc.nat({ max: 400 }), fc.integer({ min: -5, max: -1 }), fc.constantFrom(NaN, Infinity, -Infinity, 0.5, 1e12))), ([line, column]) => {
    const hit = findAtPosition(line, column);
    if (hit === null) return;
    // Hovering the `error` key or the `Correlation ID:` label explains the value that follows it.
    const from = hit.kind === 'error' || hit.kind === 'correlation_id' ? hit.start - 96 : hit.start;
    if (!(from <= column && column <= hit.end)) fail('hit does not cover the column', { line, column, hit });
    const text = line.slice(hit.start, hit.end);
    if (hit.kind === 'correlation_id' ? text.toLowerCase() !== hit.value : text !== hit.value) fail('hit value is not the text at its range', { line, column, hit });
    if (hit.kind === 'aadsts' && !(Number.isInteger(hit.code) && hit.code! >= 0)) fail('aadsts hit without a code', hit);
  }),
  prop('scan: findAtPosition finds an item under every column it spans, wherever it sits', fc.tuple(hostileText(), fc.constantFrom('AADSTS50076', LEAK_JWT, 'error=invalid_grant', 'Correlation ID: 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'), hostileText(), fc.nat()), ([before, item, after, k]) => {
    const pre = before.replace(/[\r\n]/g, ' ') + ' ';
    const line = pre + item + ' ' + after.replace(/[\r\n]/g, ' ');
    // The item's last character is part of every kind's match.
    const column = pre.length + (k % item.length);
    const hit = findAtPosition(line, column);
    if (hit === null) fail('item under the cursor not found', { line: line.slice(0, 300), column });
  }),
  prop('scan: non-string and odd inputs never throw', anyValue(), (v) => {
    scanText(v as string);
    findAtPosition(v as string, 3);
    const s = createScanner();
    s.push(v as string);
    s.end();
  }),
];

// ---------------------------------------------------------------------------------------------
// Classifier parsers that already have a public home (Python repr, HTTP pieces)

const pyJson: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const wwwParam = fc.tuple(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
  fc.string({ unit: fc.constantFrom(...'ab =,"\\;:/.eyJ'.split('')), maxLength: 20 }),
);
const wwwChallenge = fc.tuple(fc.constantFrom('Bearer', 'PoP', 'Negotiate', 'Basic', 'Digest', 'X-Custom'), fc.uniqueArray(wwwParam, { minLength: 1, maxLength: 5, selector: ([k]) => k }));

function quoteParam(v: string): string {
  return `"${v.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

const CLASSIFY_PARSERS: FuzzProperty[] = [
  prop('pyrepr: parsePythonRepr never throws', fc.oneof(hostileText(), mutatedSeed(), pyJson.map(pyRepr).chain((t) => fc.tuple(fc.constant(t), fc.nat(), fc.nat({ max: 5 })).map(([s, at, cut]) => s.slice(0, Math.max(0, (at % (s.length + 1)) - cut))))), (text) => {
    const r = parsePythonRepr(text);
    if (!r.ok && (typeof r.error !== 'string' || r.error.length === 0)) fail('failure without a message', text);
    if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype was polluted');
  }),
  prop('pyrepr: __proto__ keys never pollute prototypes', fc.jsonValue({ maxDepth: 2 }), (v) => {
    const text = `{'__proto__': {'polluted': ${pyRepr(v as Json)}}, 'constructor': {'prototype': {'polluted': 1}}}`;
    parsePythonRepr(text);
    if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype was polluted', text);
  }),
  prop('www-authenticate: never throws on any text', fc.array(fc.oneof(hostileText(), anyValue()), { maxLength: 4 }), (values) => {
    const out = parseWwwAuthenticate(values as string[]);
    if (!Array.isArray(out)) fail('not a list');
  }),
  prop('www-authenticate: written challenges read back', fc.array(wwwChallenge, { minLength: 1, maxLength: 4 }), (challenges) => {
    const header = challenges.map(([scheme, params]) => `${scheme} ${params.map(([k, v]) => `${k}=${quoteParam(v)}`).join(', ')}`).join(', ');
    const out = parseWwwAuthenticate([header]);
    if (out.length !== challenges.length) fail('wrong number of challenges', { header, out });
    challenges.forEach(([scheme, params], i) => {
      const got = out[i]!;
      if (got.scheme.toLowerCase() !== scheme.toLowerCase()) fail('scheme changed', { header, got });
      for (const [k, v] of params) if (got.params[k] !== v) fail(`parameter ${k} changed`, { header, want: v, got: got.params[k] });
    });
  }),
  prop('retry-after: never throws; result is null or a non-negative safe integer', fc.tuple(fc.oneof(hostileText(), fc.nat().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())), fc.oneof(fc.constant(NOW), fc.date())), ([v, now]) => {
    const r = parseRetryAfter(v, now);
    if (r !== null && !(Number.isSafeInteger(r) && r >= 0)) fail('bad seconds', { v, r });
  }),
  prop('retry-after: delta seconds and HTTP dates read exactly', fc.oneof(
    fc.nat({ max: 10_000_000 }).map((n) => ({ text: String(n), want: n })),
    fc.integer({ min: -86_400 * 400, max: 86_400 * 400 }).map((dt) => {
      const when = new Date(Math.floor(NOW.getTime() / 1000) * 1000 + dt * 1000);
      return { text: when.toUTCString(), want: Math.max(0, dt) };
    }),
  ), ({ text, want }) => {
    const r = parseRetryAfter(text, NOW);
    if (r !== want) fail('Retry-After misread', { text, want, got: r });
  }),
  prop('http: parseHttpMessage never throws', fc.oneof(hostileText(), mutatedSeed()), (text) => {
    parseHttpMessage(text);
  }),
];

// ---------------------------------------------------------------------------------------------
// Settings validation

const GOOD_REGISTRATION = {
  name: 'Fuzz app',
  clientId: '11111111-2222-3333-4444-555555555555',
  tenant: 'contoso.onmicrosoft.com',
  flow: 'client_credentials',
  scopes: ['https://graph.microsoft.com/.default'],
};

/** Settings entries: `junk` fills fields with wrong values (JSON for settings.json, anything for JS callers). */
function registrationLike(junk: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    junk,
    fc.record(
      {
        name: fc.oneof(fc.string(), junk),
        clientId: fc.oneof(fc.uuid(), fc.string(), junk),
        tenant: fc.oneof(fc.constantFrom('common', 'organizations', 'consumers', 'contoso.onmicrosoft.com', '', '..', 'a'.repeat(300)), fc.uuid(), fc.string()),
        authority: fc.oneof(fc.webUrl(), fc.constantFrom('http://evil.example/', 'javascript:alert(1)', 'https://login.microsoftonline.com@evil/', 'http://127.0.0.1:1/', 'file:///etc/passwd'), fc.string()),
        cloud: fc.oneof(fc.constantFrom('public', 'usgov', 'china', 'mars'), junk),
        flow: fc.oneof(fc.constantFrom('client_credentials', 'client_certificate', 'device_code', 'auth_code_pkce', 'refresh_token', 'implicit'), junk),
        scopes: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), junk),
        redirectUri: fc.oneof(fc.webUrl(), fc.string()),
        certificateThumbprint: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.string()),
        certificatePath: fc.string(),
        clientCapabilities: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), junk),
        __proto__: fc.constant({ polluted: true }),
        extra: junk,
      },
      { requiredKeys: [] },
    ),
    fc.constant(GOOD_REGISTRATION),
  );
}

// What settings.json can hold: JSON values only (no getters, no proxies; those are in findings.test.ts).
const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileText());

const SETTINGS: FuzzProperty[] = [
  prop('settings: validateRegistrations never throws; every problem names its field; valid ⊆ input', fc.oneof(anyValue(), fc.array(registrationLike(anyValue()), { maxLength: 5 })), (raw) => {
    const r = validateRegistrations(raw);
    if (!Array.isArray(r.valid) || !Array.isArray(r.problems)) fail('bad result shape');
    for (const p of r.problems) if (typeof p !== 'string' || !p.startsWith('authLens.appRegistrations')) fail('problem does not name the setting', p);
    if (Array.isArray(raw) && r.valid.length > raw.length) fail('more valid entries than input entries');
    if (!Array.isArray(raw) && raw !== undefined && raw !== null && r.problems.length === 0) fail('a non-list was accepted silently', raw);
    if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype was polluted');
  }),
  prop('settings: validateAppRegistration never throws on settings JSON; errors are specific', registrationLike(jsonJunk), (raw) => {
    const r = validateAppRegistration(raw);
    if (r.ok) {
      if (typeof r.value.clientId !== 'string' || r.value.scopes.length === 0) fail('accepted an entry without clientId/scopes', raw);
      if (r.value.authority && !/^(https:|http:\/\/(127\.0\.0\.1|localhost|\[::1\]))/i.test(r.value.authority)) fail('accepted a non-https authority', r.value.authority);
    } else if (r.errors.length === 0 || r.errors.some((e) => typeof e !== 'string' || e.length === 0)) fail('rejected without a message', raw);
  }),
  prop('settings: checkPem never throws and always explains a refusal', fc.tuple(fc.oneof(hostileText(), fc.string({ unit: 'binary' }), fc.base64String().map((b) => `-----BEGIN CERTIFICATE-----\n${b}\n-----END CERTIFICATE-----\n`)), fc.constantFrom('key' as const, 'certificate' as const)), ([text, want]) => {
    const r = checkPem(text, want);
    if (!r.ok && !r.message) fail('refusal without a message', text);
    if (r.ok && !r.pem) fail('accepted without a PEM');
  }),
];

// ---------------------------------------------------------------------------------------------
// Protocol parsers

const messageLike = fc.oneof(
  anyValue(),
  fc.record({ type: fc.constantFrom('ready', 'revealLine', 'lookup', 'selectCode', 'copy', 'openExternal', 'switchView', 'log', 'show', 'error', 'lookupResults', '__proto__', 'constructor'), view: fc.constantFrom('response', 'lookup', 'timeline', 'claims', 'scan', 'x'), url: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'https://login.microsoftonline.com@evil.example/', 'https://learn.microsoft.com\\@evil', 'https://evil.example/login.microsoftonline.com', 'HTTPS://LOGIN.MICROSOFTONLINE.COM/error?code=1', 'https://user:pw@learn.microsoft.com/')), query: fc.string(), message: fc.string(), level: fc.constantFrom('debug', 'info', 'warn', 'error', 'fatal'), line: fc.oneof(fc.integer(), fc.double()), code: fc.oneof(fc.integer(), fc.double()), text: fc.string(), documentUri: fc.string() }, { requiredKeys: ['type'] }),
);

const PROTOCOL: FuzzProperty[] = [
  prop('protocol: parsers never throw; accepted messages are re-accepted unchanged and within limits', messageLike, (v) => {
    for (const [parse, limit] of [[parseWebviewMessage, MAX_WEBVIEW_MESSAGE_CHARS], [parseHostMessage, MAX_HOST_MESSAGE_CHARS]] as const) {
      const m = parse(v);
      describeRejectedMessage(v);
      if (m === undefined) continue;
      const size = JSON.stringify(m).length;
      if (size > limit) fail('accepted an oversized message', size);
      const again = parse(JSON.parse(JSON.stringify(m)));
      if (JSON.stringify(again) !== JSON.stringify(m)) fail('accepted message does not survive a round trip', m);
      if (m.type === 'openExternal' && !isAllowedExternalUrl(m.url)) fail('openExternal accepted a disallowed URL', m.url);
    }
  }),
  prop('protocol: openExternal only ever allows https to the two Microsoft hosts', fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostileText(), fc.constantFrom('https://login.microsoftonline.com.evil.example/', 'https://login.microsoftonline.com:444/', 'https://LOGIN.microsoftonline.com/x', 'https://learn.microsoft.com./x')), (url) => {
    const m = parseWebviewMessage({ type: 'openExternal', url });
    if (!m) return;
    const u = new URL(url);
    if (u.protocol !== 'https:' || !['login.microsoftonline.com', 'learn.microsoft.com'].includes(u.hostname) || u.port || u.username || u.password) fail('disallowed URL accepted', url);
  }),
];

// ---------------------------------------------------------------------------------------------
// Hover Markdown: VS Code trusts the two hover commands in it, so text from the line or a token
// must never become a link, an image or HTML.

const MARKDOWN_PAYLOADS = [
  '[open](command:workbench.action.terminal.new)',
  '[x](command:authLens.openInPanel?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D)',
  '![img](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.openSettings">s</a>',
  '`code` *em* _u_ # head',
  'javascript:alert(1)',
  ']()[',
  '\\](command:x)',
];

const hostileClaims = fc.dictionary(
  fc.constantFrom('name', 'upn', 'preferred_username', 'aud', 'iss', 'scp', 'roles', 'xms_custom', '[x](command:y)', 'tid', 'appid'),
  fc.oneof(fc.constantFrom(...MARKDOWN_PAYLOADS), fc.array(fc.constantFrom(...MARKDOWN_PAYLOADS), { maxLength: 3 }), fc.integer()),
  { minKeys: 1, maxKeys: 6 },
);
const ALLOWED_LINK = /^(command:authLens\.(openInPanel|copyExplanation)\?|https:\/\/(login\.microsoftonline\.com|learn\.microsoft\.com)\/)/;

const HOVER: FuzzProperty[] = [
  prop('hover: only our own links; text from the line or a token is escaped', fc.tuple(hostileClaims, fc.constantFrom(...MARKDOWN_PAYLOADS), fc.boolean(), fc.nat({ max: 200 }), fc.constantFrom('jwt', 'aadsts', 'error')), ([claims, around, online, k, kind]) => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const token = `${b64({ alg: 'RS256', typ: 'JWT', kid: MARKDOWN_PAYLOADS[k % MARKDOWN_PAYLOADS.length] })}.${b64({ exp: 1_900_000_000, ...claims })}.${LEAK_SIGNATURE}`;
    const item = kind === 'jwt' ? token : kind === 'aadsts' ? 'AADSTS50076' : 'invalid_grant';
    const pre = `${around} error="invalid_grant" ${kind === 'error' ? 'error=' : ''}`;
    const line = `${pre}${item} ${around}`;
    const hover = computeHover(line, pre.length + (k % item.length), { onlineLookup: online, uri: 'file:///x.log', line: 3, now: NOW });
    if (!hover) fail('nothing under the cursor', { line, kind });
    // Code spans render literally (a run of n backticks closes only at the next run of exactly n).
    const outsideCode = hover.markdown.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    const links = [...outsideCode.matchAll(/\]\(([^)\s]*)/g)].map((m) => m[1]!);
    for (const link of links) if (!ALLOWED_LINK.test(link)) fail('hover Markdown carries a link Auth Lens did not build', { link, markdown: hover.markdown.slice(0, 600) });
    if (/<[a-z!/]/i.test(outsideCode)) fail('hover Markdown carries HTML outside code', hover.markdown.slice(0, 600));
    if (hover.markdown.includes(LEAK_SIGNATURE)) fail('hover shows a token signature');
  }),
];

export const PROPERTIES: readonly FuzzProperty[] = [...REDACT, ...JWT, ...SCAN, ...CLASSIFY_PARSERS, ...CLASSIFIER_PROPERTIES, ...SETTINGS, ...PROTOCOL, ...HOVER];
export { LEAK_JWT, LEAK_SIGNATURE, NOW };
