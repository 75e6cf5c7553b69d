import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldSecret, redactSecrets, redactToken, secretForms, SECRET_MARKER, TOKEN_MARKER } from '../../src/core/redact';
import { makeJwt, v2Delegated } from '../fixtures/jwt/make';

const JWT = makeJwt(v2Delegated());
const SIG = JWT.split('.')[2]!;
const PAYLOAD = JWT.split('.')[1]!;

function noLeak(out: string, ...secrets: string[]): void {
  for (const s of secrets) expect(out, `leaked ${s.slice(0, 12)}`).not.toContain(s);
}

describe('redactSecrets: tokens', () => {
  it('keeps a short prefix of a bare JWT and drops the rest', () => {
    const out = redactSecrets(`token=${JWT} done`);
    expect(out).toContain(JWT.slice(0, 10) + TOKEN_MARKER);
    noLeak(out, SIG, PAYLOAD);
    expect(out.endsWith(' done')).toBe(true);
  });

  it('redacts a five-segment JWE', () => {
    const jwe = 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji.XFBoMYUZodetZdvTiFvSkQ';
    const out = redactSecrets(`x ${jwe} y`);
    expect(out).toBe(`x ${jwe.slice(0, 10)}${TOKEN_MARKER} y`);
  });

  it('leaves a lone base64 JSON header alone (not a token)', () => {
    expect(redactSecrets('client_info eyJ1aWQiOiJ4In0')).toBe('client_info eyJ1aWQiOiJ4In0');
  });
});

describe('redactSecrets: keyed secrets in every shape', () => {
  const keys = ['client_secret', 'client_assertion', 'refresh_token', 'access_token', 'id_token', 'password'];
  const value = 'Zq8~verySecretValue.123_-x';
  for (const key of keys) {
    it(`${key} in JSON, Python repr, form, header and escaped JSON`, () => {
      const shapes = [
        `{"${key}": "${value}", "next": 1}`,
        `{'${key}': '${value}', 'next': 1}`,
        `grant_type=x&${key}=${encodeURIComponent(value)}&scope=y`,
        `${key}: ${value}`,
        `"{\\"${key}\\":\\"${value}\\"}"`,
      ];
      for (const shape of shapes) {
        const out = redactSecrets(shape);
        noLeak(out, value, encodeURIComponent(value));
        expect(out).toContain(SECRET_MARKER);
        expect(out).toContain(key);
      }
    });
  }

  it('keeps structure around the value', () => {
    expect(redactSecrets(`{"refresh_token": "abc.def-123456", "scope": "x"}`)).toBe(`{"refresh_token": "${SECRET_MARKER}", "scope": "x"}`);
    expect(redactSecrets(`a=1&client_secret=s3cr3t-value&b=2`)).toBe(`a=1&client_secret=${SECRET_MARKER}&b=2`);
  });

  it('redacts authorization codes but not error codes or numbers', () => {
    const code = '0.AXoA1234567890abcdefghijklmnopqrstuvwxyz';
    const out = redactSecrets(`GET /cb?code=${code}&state=abc`);
    noLeak(out, code);
    expect(redactSecrets('{"code": 400, "error_codes": [50076], "error_code": "invalid_grant"}')).toBe(
      '{"code": 400, "error_codes": [50076], "error_code": "invalid_grant"}',
    );
    expect(redactSecrets("{'code': 'short'}")).toBe("{'code': 'short'}");
  });

  it('keeps null/None values and claims-request objects', () => {
    expect(redactSecrets("{'refresh_token': None, 'id_token': null}")).toBe("{'refresh_token': None, 'id_token': null}");
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    expect(redactSecrets(claims)).toBe(claims);
  });
});

describe('redactSecrets: headers', () => {
  it('Authorization Bearer and Basic', () => {
    const basic = Buffer.from('client:secret-password-1').toString('base64');
    const out = redactSecrets(`Authorization: Bearer ${JWT}\nAuthorization: Basic ${basic}\n"authorization": "Bearer opaque-token-1234567890"`);
    noLeak(out, SIG, PAYLOAD, basic, 'opaque-token-1234567890');
    expect(out.split('\n')).toHaveLength(3);
    expect(out).toContain('Authorization: Bearer');
  });

  it('bare Bearer credential without a header name', () => {
    const out = redactSecrets('sending Bearer Ab3dEf6hIj9kLm2nOp5q to the API');
    noLeak(out, 'Ab3dEf6hIj9kLm2nOp5q');
  });

  it('does not eat prose or WWW-Authenticate parameters', () => {
    const www = 'WWW-Authenticate: Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims"';
    expect(redactSecrets(www)).toBe(www);
    expect(redactSecrets('Basic authentication failed for the proxy')).toBe('Basic authentication failed for the proxy');
  });

  it('Cookie and Set-Cookie to the end of the line', () => {
    const out = redactSecrets('Cookie: ESTSAUTH=abc123; buid=xyz789\nnext line\nSet-Cookie: fpc=secretvalue; path=/');
    noLeak(out, 'abc123', 'xyz789', 'secretvalue');
    expect(out).toContain('next line');
  });
});

describe('redactSecrets: extra secrets', () => {
  const secret = 'p@ss word+/~42!';
  it('redacts raw, base64, base64url, URL- and form-encoded forms', () => {
    const b64 = Buffer.from(secret).toString('base64');
    const b64url = Buffer.from(secret).toString('base64url');
    const text = [secret, b64, b64url, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')].join(' | ');
    const out = redactSecrets(text, [secret]);
    noLeak(out, secret, b64, b64url, encodeURIComponent(secret));
    expect(out.split(' | ')).toEqual(Array(5).fill(SECRET_MARKER));
  });

  it('lists the forms it looks for, longest first', () => {
    const forms = secretForms(secret);
    expect(forms).toContain(Buffer.from(secret).toString('base64'));
    for (let i = 1; i < forms.length; i++) expect(forms[i - 1]!.length).toBeGreaterThanOrEqual(forms[i]!.length);
  });

  it('reads a list again when it changes between calls (a run adds its verifier, then its code)', () => {
    const known = ['firstpassphrase'];
    const text = 'a=firstpassphrase b=secondpassphrase c=thirdpassphrase';
    expect(redactSecrets(text, known)).toBe(`a=${SECRET_MARKER} b=secondpassphrase c=thirdpassphrase`);
    known.push('secondpassphrase');
    expect(redactSecrets(text, known)).toBe(`a=${SECRET_MARKER} b=${SECRET_MARKER} c=thirdpassphrase`);
    known[0] = 'thirdpassphrase';
    expect(redactSecrets(text, known)).toBe(`a=firstpassphrase b=${SECRET_MARKER} c=${SECRET_MARKER}`);
    known.length = 0;
    expect(redactSecrets(text, known)).toBe(text);
    expect(redactSecrets(encodeURIComponent('x y/thirdpassphrase'), ['x y/thirdpassphrase'])).toBe(SECRET_MARKER);
  });

  it('ignores secrets too short to hide safely and non-strings', () => {
    expect(redactSecrets('abc abc', ['abc'])).toBe('abc abc');
    expect(redactSecrets('x', [undefined as unknown as string])).toBe('x');
  });
});

describe('redactSecrets: glued and wrapped input', () => {
  it('finds the token behind short eyJ segments glued in front', () => {
    for (const lead of ['eyJ.', 'eyJ.eyJ.', 'eyJab.', 'x.eyJ.']) {
      const out = redactSecrets(`see ${lead}${JWT} end`);
      noLeak(out, SIG, PAYLOAD);
      expect(out).toContain(`see ${lead}${JWT.slice(0, 10)}${TOKEN_MARKER} end`);
    }
  });

  it('redacts a key glued inside the unquoted value of another key', () => {
    const secret = 'Zq8~verySecretValue.123_-x';
    for (const text of [`password=x/client_secret: ${secret}`, `code=abc;refresh_token=\t${secret}`, `passwd=a{client_assertion = ${secret} tail`]) {
      const out = redactSecrets(text);
      noLeak(out, secret);
    }
    expect(redactSecrets(`password=x/client_secret: ${'Zq8~verySecretValue'} tail`)).toMatch(/ tail$/);
  });

  it('follows a token wrapped over lines, and stops at the first line that is not part of it', () => {
    const wrapped = JWT.match(/.{1,50}/g)!.join('\r\n');
    for (const text of [wrapped, `Authorization: Bearer ${wrapped}`, `id_token=${wrapped}`]) {
      const out = redactSecrets(`${text}\nINFO next request took 12 ms\n`);
      for (const piece of SIG.match(/.{1,12}/g)!) expect(out).not.toContain(piece);
      expect(out).toContain('\nINFO next request took 12 ms\n');
    }
    // A short token-like word after a short line is left alone: wrapping needs a full line.
    expect(redactSecrets('id eyJhbGciOi\nabcdef')).toBe('id eyJhbGciOi\nabcdef');
  });
});

describe('redactSecrets: robustness', () => {
  it('never throws and never returns a raw planted token', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const out = redactSecrets(`${before} ${JWT} ${after}`);
        expect(typeof out).toBe('string');
        expect(out).not.toContain(SIG);
      }),
      { numRuns: 300 },
    );
  });

  it('handles non-string input', () => {
    expect(redactSecrets(undefined as unknown as string)).toBe('');
    expect(redactSecrets(42 as unknown as string)).toBe('');
  });

  it('stays linear on hostile input (1 MB of anchors)', () => {
    for (const unit of ['eyJ', 'eyJa.', 'access_token=', '"password":"', 'Authorization: Bearer ', 'Cookie: ']) {
      const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const out = redactSecrets(text);
      expect(typeof out).toBe('string');
    }
  });
});

describe('redactToken', () => {
  it('keeps header.payload and replaces the signature', () => {
    const out = redactToken(`Bearer ${JWT}`);
    expect(out).toBe(`${JWT.split('.')[0]}.${PAYLOAD}.[signature redacted]`);
    expect(out).not.toContain(SIG);
  });

  it('masks fully when asked', () => {
    const out = redactToken(JWT, { full: true });
    expect(out).toBe(`[redacted token, ${JWT.length} chars]`);
  });

  it('keeps only the header of a JWE and a prefix of opaque tokens', () => {
    expect(redactToken('eyJhbGciOiJSU0EifQ.a.b.c.d')).toBe('eyJhbGciOiJSU0EifQ.[encrypted key, content and tag redacted]');
    expect(redactToken('EwBwA8l6BAAURSN/dummyopaquetokenvalue')).toBe('EwBwA8l6BA' + TOKEN_MARKER);
    expect(redactToken('short')).toBe('[redacted token]');
    expect(redactToken(null as unknown as string)).toBe('[redacted token]');
  });
});

describe('redactSecrets: the quick pre-scan never skips a text that has something to hide', () => {
  // An extra secret that never occurs turns the pre-scan off without adding spans, so both calls
  // must agree on every text: any difference is a secret the pre-scan let through.
  const NEVER = '\u0001never-present\u0001';
  const fragments = [
    'PassWord', 'passwd', 'CODE', 'device_code', 'Client_Secret', 'ACCESS_TOKEN', 'id_token', 'client_assertion', 'Assertion',
    'Authorization', 'proxy-authorization', 'Set-Cookie', 'cookie', 'Bearer', 'bAsIc', 'eyJ', 'eyJhbGciOiJIUzI1NiJ9', '.',
    ' ', '\t', '  ', ':', '=', '"', "'", '\\"', '\n', 'abc123DEF456ghi789', '0123456789abcdef0123', 'error_code', 'authcode', 'é',
  ];
  it('agrees with the full redaction on texts built from key, header and token fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        expect(redactSecrets(text)).toBe(redactSecrets(text, [NEVER]));
      }),
      { numRuns: 3000 },
    );
  });
  it('still redacts keys and schemes in any letter case', () => {
    expect(redactSecrets('PaSsWoRd = hunter2hunter2')).toBe('PaSsWoRd = [redacted]');
    expect(redactSecrets('BEARER abcdef0123456789abcdef')).toBe('BEARER [redacted]');
  });
});

describe('mayHoldSecret: the pre-check callers use to skip redaction', () => {
  const fragments = [
    'PassWord', 'passwd', 'CODE', 'client_secret', 'ACCESS_TOKEN', 'Assertion', 'Authorization', 'Cookie', 'Bearer', 'bAsIc',
    'eyJ', 'eyJhbGciOiJIUzI1NiJ9', '.', ' ', '\t', ':', '=', '"', '\\"', 'abc123DEF456ghi789', 'around', ',',
  ];
  it('is false only where redactSecrets returns the text unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        if (!mayHoldSecret(text)) expect(redactSecrets(text)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
  it('flags tokens, keyed secrets and auth schemes, and passes plain text', () => {
    expect(mayHoldSecret(`x ${JWT}`)).toBe(true);
    expect(mayHoldSecret('client_secret=abc')).toBe(true);
    expect(mayHoldSecret('Authorization: Basic abc')).toBe(true);
    expect(mayHoldSecret('c4d2e6f8-1a3b-4c5d-9e7f-2b4d6f8a0c1e around 2024-05-01 10:00:00Z')).toBe(false);
    expect(mayHoldSecret('')).toBe(false);
    expect(mayHoldSecret(null as unknown as string)).toBe(false);
  });
});

describe('redactSecrets: findings of the million-run fuzz', () => {
  it('a token prefix never shows the start of a known secret inside it', () => {
    const out = redactSecrets(`{"access_token":"eyJaaaaaa{'error': 'invalid_grant'}"}`, ['aaaaaa']);
    expect(out).not.toContain('aaaaaa');
    expect(out).toContain(TOKEN_MARKER);
  });

  it('a quoted "value" that is really the next key does not hide that key\'s value', () => {
    for (const text of [
      `password= 'client_secret': 'Q7x~k9Rz2mNp4TvW8yBc'`,
      `password= "client_secret":"Q7x~k9Rz2mNp4TvW8yBc"`,
      `password= "refresh_token": "Q7x~k9Rz2mNp4TvW8yBc"`,
    ]) {
      const out = redactSecrets(text);
      expect(out, text).not.toContain('Q7x~k9Rz2mNp4TvW8yBc');
      expect(out).toContain(SECRET_MARKER);
    }
  });
});

describe('a `code` key: API error codes stay, authorization codes go', () => {
  it.each(['AuthorizationFailed', 'InvalidAuthenticationTokenAudience', 'Authorization_RequestDenied', 'InvalidAuthenticationToken'])('keeps %s', (code) => {
    expect(redactSecrets(`{"error":{"code":"${code}","message":"m"}}`)).toContain(`"code":"${code}"`);
  });
  it.each(['0.AXoAabcdefghijklmnopqrstuvwxyz0123456789abcdefghij', 'CorrectHorseBatteryStaple42', 'M.C507_BAY.2.U.abcdefgh-1234-5678'])('hides %s', (code) => {
    expect(redactSecrets(`code=${code}&state=x`)).not.toContain(code);
    expect(redactSecrets(`{"code": "${code}"}`)).not.toContain(code);
  });
});
