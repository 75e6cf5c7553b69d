import { describe, expect, it } from 'vitest';
import {
  claimsFromChallenges,
  claimsSnippets,
  interactiveSnippets,
  parsePythonRepr,
  parseRetryAfter,
  parseWwwAuthenticate,
} from '../../src/core/classify/index';

const NOW = new Date('2024-05-01T10:00:00Z');
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

describe('parseWwwAuthenticate', () => {
  it('reads quoted params in any order with an empty realm', () => {
    const [ch] = parseWwwAuthenticate([
      'Bearer error="insufficient_claims", realm="", claims="abc=", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
    ]);
    expect(ch!.scheme).toBe('Bearer');
    expect(ch!.params).toEqual({
      error: 'insufficient_claims',
      realm: '',
      claims: 'abc=',
      authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
    });
  });

  it('reads unquoted values, URLs and base64 padding, and lower-cases names', () => {
    const [ch] = parseWwwAuthenticate(['Bearer Authorization_URI=https://login.microsoftonline.com/x/oauth2/authorize, Error=insufficient_claims, Claims=eyJhIjoxfQ==']);
    expect(ch!.params).toEqual({
      authorization_uri: 'https://login.microsoftonline.com/x/oauth2/authorize',
      error: 'insufficient_claims',
      claims: 'eyJhIjoxfQ==',
    });
  });

  it('splits several challenges in one header and across headers', () => {
    const list = parseWwwAuthenticate([
      'Negotiate, Basic realm="corp", Bearer realm="api", error="invalid_token"',
      'PoP nonce="n1", Bearer error=insufficient_claims',
      'Negotiate abc123==',
    ]);
    expect(list.map((c) => c.scheme)).toEqual(['Negotiate', 'Basic', 'Bearer', 'PoP', 'Bearer', 'Negotiate']);
    expect(list[1]!.params).toEqual({ realm: 'corp' });
    expect(list[2]!.params).toEqual({ realm: 'api', error: 'invalid_token' });
    expect(list[3]!.params).toEqual({ nonce: 'n1' });
    expect(list[4]!.params).toEqual({ error: 'insufficient_claims' });
    expect(list[5]!.token68).toBe('abc123==');
  });

  it('unescapes quoted-pairs and survives an unterminated quote', () => {
    const [a] = parseWwwAuthenticate(['Bearer realm="a \\"quoted\\" \\\\ realm", error="x"']);
    expect(a!.params).toEqual({ realm: 'a "quoted" \\ realm', error: 'x' });
    const [b] = parseWwwAuthenticate(['Bearer realm="never closed, error=x']);
    expect(b!.params['realm']).toBe('never closed, error=x');
  });

  it('accepts a missing realm, a bare scheme, empty and junk input', () => {
    expect(parseWwwAuthenticate(['Bearer'])).toEqual([{ scheme: 'Bearer', params: {} }]);
    expect(parseWwwAuthenticate([''])).toEqual([]);
    expect(parseWwwAuthenticate([])).toEqual([]);
    expect(parseWwwAuthenticate(null as never)).toEqual([]);
    expect(() => parseWwwAuthenticate(['"""===,,,\\\\', '=,=,=', ', , ,'])).not.toThrow();
  });

  it('keeps the first of repeated parameters and ignores __proto__ tricks', () => {
    const [ch] = parseWwwAuthenticate(['Bearer error="a", error="b", __proto__="x"']);
    expect(ch!.params['error']).toBe('a');
    expect(Object.getPrototypeOf(ch!.params)).toBe(Object.prototype);
  });
});

describe('claimsFromChallenges', () => {
  const json = '{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}';

  it('decodes base64 and base64url claims', () => {
    expect(claimsFromChallenges(parseWwwAuthenticate([`Bearer error="insufficient_claims", claims="${b64(json)}"`]))).toBe(json);
    expect(claimsFromChallenges(parseWwwAuthenticate([`Bearer error="insufficient_claims", claims="${b64url(json)}"`]))).toBe(json);
  });

  it('only counts claims when error is insufficient_claims', () => {
    expect(claimsFromChallenges(parseWwwAuthenticate([`Bearer error="invalid_token", claims="${b64(json)}"`]))).toBeNull();
    expect(claimsFromChallenges(parseWwwAuthenticate([`Bearer claims="${b64(json)}"`]))).toBeNull();
  });

  it('finds the challenge among several and rejects undecodable or non-JSON values', () => {
    const list = parseWwwAuthenticate(['Basic realm="x"', `Bearer error="insufficient_claims", claims="${b64(json)}"`]);
    expect(claimsFromChallenges(list)).toBe(json);
    expect(claimsFromChallenges(parseWwwAuthenticate(['Bearer error="insufficient_claims", claims="%%%"']))).toBeNull();
    expect(claimsFromChallenges(parseWwwAuthenticate([`Bearer error="insufficient_claims", claims="${b64('not json')}"`]))).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads the three HTTP date forms as GMT', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:01:30 GMT', NOW)).toBe(90);
    expect(parseRetryAfter('Wednesday, 01-May-24 10:02:00 GMT', NOW)).toBe(120);
    expect(parseRetryAfter('Wed May  1 10:00:10 2024', NOW)).toBe(10);
  });

  it('never goes negative and rejects nonsense', () => {
    expect(parseRetryAfter('Tue, 30 Apr 2024 10:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('1.5', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('Wed, 41 Foo 2024 10:00:00 GMT', NOW)).toBeNull();
    expect(parseRetryAfter('99999999999999999999', NOW)).toBeNull();
  });
});

describe('parsePythonRepr', () => {
  it('reads dicts, lists, tuples, strings in both quotes, True/False/None and numbers', () => {
    const r = parsePythonRepr(`{'a': "it's", "b": [1, -2.5, 3e2, (4, 5,), ()], 'c': True, 'd': False, 'e': None, 'f': {'g': {}}}`);
    expect(r).toEqual({ ok: true, value: { a: "it's", b: [1, -2.5, 300, [4, 5], []], c: true, d: false, e: null, f: { g: {} } } });
  });

  it('decodes escapes: \\r\\n, \\\', \\\\, \\xNN, \\uNNNN, \\UNNNNNNNN, octal', () => {
    const r = parsePythonRepr(`'a\\r\\nb \\'q\\' \\\\ \\x41\\u00e9\\U0001F600 \\101'`);
    expect(r).toEqual({ ok: true, value: "a\r\nb 'q' \\ A\u00e9\u{1F600} A" });
  });

  it('reads the repr of an MSAL Python error dict', () => {
    const r = parsePythonRepr(
      "{'error': 'invalid_grant', 'error_description': 'AADSTS700082: Expired.\\r\\nTrace ID: x\\r\\n', 'error_codes': [700082], 'classification': ''}",
    );
    expect(r.ok && (r.value as Record<string, unknown>)['error_description']).toBe('AADSTS700082: Expired.\r\nTrace ID: x\r\n');
  });

  it('reads sets, empty constructors, string prefixes and trailing commas', () => {
    expect(parsePythonRepr("{1, 2}")).toEqual({ ok: true, value: [1, 2] });
    expect(parsePythonRepr('set()')).toEqual({ ok: true, value: [] });
    expect(parsePythonRepr("[b'bytes', u'uni', r'raw\\d']")).toEqual({ ok: true, value: ['bytes', 'uni', 'raw\\d'] });
    expect(parsePythonRepr("{'a': 1,}")).toEqual({ ok: true, value: { a: 1 } });
    expect(parsePythonRepr('{1: 2}')).toEqual({ ok: true, value: { '1': 2 } });
  });

  it('gives a specific message for bad input and never evaluates', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ["{'a': 1", /ended inside a dict/],
      ["'open", /ended inside a string/],
      ["__import__('os').system('x')", /Unknown name/],
      ["{'a' 1}", /Expected "," or "}"/],
      ["{'a': 1, 'b' 2}", /Expected ":"/],
      ["[1 2]", /Expected ","/],
      ["{'a': 1} trailing", /after the value/],
      ["'\\xZZ'", /hex digits/],
    ];
    for (const [text, message] of cases) {
      const r = parsePythonRepr(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = parsePythonRepr(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Nested more than/);
  });

  it('keeps __proto__ as a plain key', () => {
    const r = parsePythonRepr("{'__proto__': {'polluted': True}}");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.value as object)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
  });
});

describe('advice snippets', () => {
  const claims = `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`;

  it('gives MSAL Python, msal-node, msal-browser and MSAL.NET claims snippets with the claims escaped per language', () => {
    const snippets = claimsSnippets(claims, ['api://contoso/.default']);
    expect(snippets.map((s) => s.library)).toEqual(['MSAL Python', 'msal-node', 'msal-browser', 'MSAL.NET']);
    const [py, node, browser, net] = snippets;
    expect(py!.code).toContain(`claims = '${claims}'`);
    expect(py!.code).toContain('claims_challenge=claims');
    expect(node!.code).toContain(`const claims = ${JSON.stringify(claims)};`);
    expect(node!.code).toContain('acquireTokenInteractive({ scopes: ["api://contoso/.default"], claims');
    expect(browser!.code).toContain('acquireTokenRedirect');
    expect(net!.code).toContain(`@"${claims.replace(/"/g, '""')}"`);
    expect(net!.code).toContain('.WithClaims(claims)');
    expect(snippets.map((s) => s.code).join('\n')).toMatch(/CP1|cp1/);
  });

  it('escapes quotes and backslashes so the literal round-trips', () => {
    const tricky = `{"a":"it's \\"x\\""}`;
    const [py, node] = claimsSnippets(tricky);
    const pyLiteral = /claims = ('.*')/.exec(py!.code)![1]!;
    const parsed = parsePythonRepr(pyLiteral);
    expect(parsed).toEqual({ ok: true, value: tricky });
    const jsLiteral = /const claims = (".*");/.exec(node!.code)![1]!;
    expect(JSON.parse(jsLiteral)).toBe(tricky);
  });

  it('gives interactive fallbacks with the scopes or a placeholder', () => {
    const s = interactiveSnippets(['User.Read']);
    expect(s.map((x) => x.library)).toEqual(['MSAL Python', 'msal-node', 'msal-browser', 'MSAL.NET']);
    expect(s[0]!.code).toContain("acquire_token_interactive(['User.Read'])");
    expect(s[1]!.code).toContain('acquireTokenInteractive');
    expect(s[3]!.code).toContain('AcquireTokenInteractive(new[] { "User.Read" })');
    expect(interactiveSnippets()[0]!.code).toContain('<scope>');
  });
});
