import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_CLAIMS, KNOWN_HEADER_FIELDS } from '../../src/core/jwt/claims';
import { decodeToken, describeToken, MAX_TOKEN_TEXT } from '../../src/core/jwt/decode';
import { b64url, CLIENT, FAKE_SIGNATURE, makeJwt, NOW, NOW_S, TENANT, v1AppOnly, v2Delegated, v2IdToken } from '../fixtures/jwt/make';

const claimNames = (d: ReturnType<typeof decodeToken>) => d.claims.map((c) => c.name);

describe('decodeToken: kinds of token', () => {
  it('v2 delegated access token', () => {
    const d = decodeToken(makeJwt(v2Delegated()), NOW);
    expect(d.kind).toBe('jwt');
    expect(d.problem).toBeNull();
    expect(d.tokenType).toBe('access');
    expect(d.version).toBe('v2');
    expect(d.appOnly).toBe(false);
    expect(d.scopes).toEqual(['Orders.Read', 'Orders.Write']);
    expect(d.appId).toBe(CLIENT);
    expect(d.tenantId).toBe(TENANT);
    expect(d.audience).toBe('api://orders');
    expect(d.expiresInSeconds).toBe(3600);
    expect(d.issuedAt).toBe(new Date((NOW_S - 600) * 1000).toISOString());
    expect(d.signature.status).toBe('unverified');
    expect(d.signature.present).toBe(true);
    expect(describeToken(d)).toBe('Access token v2.0, delegated (on behalf of a user) for api://orders');
  });

  it('v1 app-only access token (roles, no scp, oid == sub)', () => {
    const d = decodeToken(makeJwt(v1AppOnly()), NOW);
    expect(d.tokenType).toBe('access');
    expect(d.version).toBe('v1');
    expect(d.appOnly).toBe(true);
    expect(d.roles).toEqual(['Orders.Read.All']);
    expect(d.scopes).toEqual([]);
    expect(describeToken(d)).toContain('Azure Resource Manager');
  });

  it('idtyp decides app-only vs delegated when present', () => {
    expect(decodeToken(makeJwt(v2Delegated({ scp: undefined, idtyp: 'app', roles: ['A'] })), NOW).appOnly).toBe(true);
    expect(decodeToken(makeJwt(v1AppOnly({ idtyp: 'user', upn: 'a@b.example' })), NOW).appOnly).toBe(false);
  });

  it('ID token: nonce/at_hash in payload, audience is the client id', () => {
    const d = decodeToken(makeJwt(v2IdToken()), NOW);
    expect(d.tokenType).toBe('id');
    expect(d.appOnly).toBe(false);
    expect(d.audience).toBe(CLIENT);
    const bare = v2IdToken({ nonce: undefined, at_hash: undefined });
    expect(decodeToken(makeJwt(JSON.parse(JSON.stringify(bare))), NOW).tokenType).toBe('id');
  });

  it('version from the issuer when ver is missing, and a mismatch hint', () => {
    const noVer = v1AppOnly();
    delete noVer.ver;
    expect(decodeToken(makeJwt(noVer), NOW).version).toBe('v1');
    const mismatch = decodeToken(makeJwt(v2Delegated({ ver: '1.0' })), NOW);
    expect(mismatch.version).toBe('v1');
    expect(mismatch.warnings.join(' ')).toMatch(/ver claim says v1 but the issuer is in the v2 form/);
  });

  it('strips "Bearer " and notes it', () => {
    const d = decodeToken(`Bearer ${makeJwt(v2Delegated())}`, NOW);
    expect(d.hadBearerPrefix).toBe(true);
    expect(d.kind).toBe('jwt');
    expect(decodeToken(`  "${makeJwt(v2Delegated())}"\n`, NOW).kind).toBe('jwt');
  });

  it('an ID token sent as a Bearer token gets a warning', () => {
    const d = decodeToken(`Bearer ${makeJwt(v2IdToken())}`, NOW);
    expect(d.warnings.join(' ')).toMatch(/ID token was sent as a Bearer token/);
  });

  it('Graph token with a header nonce: only Graph can verify', () => {
    const d = decodeToken(
      makeJwt(v1AppOnly({ aud: '00000003-0000-0000-c000-000000000000' }), { typ: 'JWT', nonce: 'abc', alg: 'RS256', x5t: 'x', kid: 'x' }),
      NOW,
    );
    expect(d.signature.status).toBe('graph_nonce');
    expect(d.signature.note).toMatch(/only be checked by Microsoft Graph/);
    expect(d.warnings.join(' ')).toMatch(/for Microsoft Graph\. Any other API will reject it/);
    expect(d.headerClaims.find((h) => h.name === 'nonce')?.unknown).toBeUndefined();
  });

  it('alg none is unsigned and warned about', () => {
    const d = decodeToken(makeJwt(v2Delegated(), { alg: 'none', typ: 'JWT' }, ''), NOW);
    expect(d.kind).toBe('jwt');
    expect(d.signature).toMatchObject({ status: 'unsigned', present: false });
    expect(d.warnings.join(' ')).toMatch(/alg "none"/);
  });

  it('JWE with five segments', () => {
    const jwe = `${b64url({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'k' })}.key.iv.cipher.tag`;
    const d = decodeToken(jwe, NOW);
    expect(d.kind).toBe('jwe');
    expect(d.problem).toMatch(/Encrypted token \(JWE/);
    expect(d.header).toMatchObject({ enc: 'A256GCM' });
    expect(d.headerClaims.map((h) => h.name)).toContain('enc');
    expect(d.payload).toBeNull();
  });

  it('personal-account opaque tokens (EwA/EwB/EwC…)', () => {
    for (const prefix of ['EwA', 'EwB', 'EwC']) {
      const d = decodeToken(`${prefix}oA8l6BAAURSN/k0fV7Zq9+sampleOpaqueTicketData==`, NOW);
      expect(d.kind).toBe('opaque');
      expect(d.problem).toMatch(/personal Microsoft account/);
      expect(d.redacted).toBe(`${prefix}oA8l6BA…[redacted token]`);
    }
    const other = decodeToken('a'.repeat(40), NOW);
    expect(other.kind).toBe('opaque');
    expect(other.problem).toMatch(/not three base64url segments/);
  });

  it('refresh tokens are recognised as opaque', () => {
    expect(decodeToken('1.AXoAabcdefghijklmnopqrstuvwxyz0123456789', NOW).problem).toMatch(/refresh token or authorization code/);
  });
});

describe('decodeToken: damaged input gets a specific problem', () => {
  const good = makeJwt(v2Delegated());
  const [h, p] = good.split('.') as [string, string, string];

  it.each([
    ['empty', '', /input is empty/],
    ['whitespace', '   ', /input is empty/],
    ['too short', 'abc', /Too short to be a token/],
    ['missing signature segment', `${h}.${p}`, /Only two segments/],
    ['four segments', `${h}.${p}.x.y`, /Four dot-separated segments/],
    ['six segments', `${h}.${p}.a.b.c.d`, /6 dot-separated segments/],
    ['cut payload', `${h}.${p.slice(0, p.length - 9)}.${FAKE_SIGNATURE}`, /payload/],
    ['impossible length', `${h}.${p}x.${FAKE_SIGNATURE}`.replace(`${p}x`, p.slice(0, 4 * Math.floor(p.length / 4)) + 'x'), /payload/],
    ['bad character', `${h}.${p.slice(0, 10)}*${p.slice(11)}.${FAKE_SIGNATURE}`, /contains "\*"/],
    ['standard base64', `${h}.${p.slice(0, 10)}+${p.slice(11)}.${FAKE_SIGNATURE}`, /standard base64 instead of base64url/],
    ['header not JSON', `${b64url('not json at all}')}.${p}.${FAKE_SIGNATURE}`, /header does not decode to valid JSON/],
    ['header is an array', `${b64url([1, 2])}.${p}.${FAKE_SIGNATURE}`, /not to an object/],
    ['empty signature on a signed token', `${h}.${p}.`, /signature segment is empty/],
  ])('%s', (_name, input, problem) => {
    const d = decodeToken(input, NOW);
    expect(d.problem).toMatch(problem);
  });

  it('still shows the readable parts of a truncated token', () => {
    const d = decodeToken(`${h}.${p}`, NOW);
    expect(d.kind).toBe('invalid');
    expect(d.payload).not.toBeNull();
    expect(d.claims.length).toBeGreaterThan(5);
  });
});

describe('decodeToken: warnings', () => {
  it('expired and not-yet-valid', () => {
    expect(decodeToken(makeJwt(v2Delegated({ exp: NOW_S - 120 })), NOW).warnings.join(' ')).toMatch(/^Expired 2 minutes ago/);
    const future = decodeToken(makeJwt(v2Delegated({ nbf: NOW_S + 3600, iat: NOW_S + 3600, exp: NOW_S + 7200 })), NOW).warnings.join(' ');
    expect(future).toMatch(/Not valid yet/);
    expect(future).toMatch(/Issued in the future/);
  });

  it('unusual lifetimes', () => {
    expect(decodeToken(makeJwt(v2Delegated({ iat: NOW_S, exp: NOW_S + 120 })), NOW).warnings.join(' ')).toMatch(/Unusually short lifetime/);
    expect(decodeToken(makeJwt(v2Delegated({ iat: NOW_S, exp: NOW_S + 40 * 3600 })), NOW).warnings.join(' ')).toMatch(/Unusually long lifetime/);
    expect(decodeToken(makeJwt(v2Delegated({ iat: NOW_S, exp: NOW_S + 20 * 3600 })), NOW).warnings.join(' ')).toMatch(/Continuous Access Evaluation/);
    expect(decodeToken(makeJwt(v2Delegated({ exp: undefined })), NOW).warnings.join(' ')).toMatch(/no usable exp/);
  });

  it('groups overage (both forms)', () => {
    const viaNames = decodeToken(
      makeJwt(v2Delegated({ _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } })),
      NOW,
    );
    expect(viaNames.warnings.join(' ')).toMatch(/Groups overage/);
    expect(decodeToken(makeJwt(v2Delegated({ hasgroups: true })), NOW).warnings.join(' ')).toMatch(/Groups overage/);
  });

  it('mutable identity claims', () => {
    expect(decodeToken(makeJwt(v2Delegated()), NOW).warnings.join(' ')).toMatch(/switch to oid\+tid/);
    expect(decodeToken(makeJwt(v2Delegated({ oid: undefined })), NOW).warnings.join(' ')).toMatch(/only through mutable claims/);
  });

  it('app-only without roles and personal-account tenant', () => {
    expect(decodeToken(makeJwt(v1AppOnly({ roles: undefined })), NOW).warnings.join(' ')).toMatch(/App-only token without roles/);
    expect(decodeToken(makeJwt(v2Delegated({ tid: '9188040d-6c67-4c5b-b112-36a304b66dad' })), NOW).warnings.join(' ')).toMatch(/personal Microsoft account/);
  });

  it('no warnings on a fresh, ordinary app-only token', () => {
    expect(decodeToken(makeJwt(v1AppOnly()), NOW).warnings).toEqual([]);
  });
});

describe('claim explanations', () => {
  const listed = [
    'aud', 'iss', 'idp', 'iat', 'nbf', 'exp', 'appid', 'azp', 'appidacr', 'azpacr', 'scp', 'roles', 'wids', 'groups',
    '_claim_names', '_claim_sources', 'hasgroups', 'oid', 'sub', 'tid', 'uti', 'ver', 'xms_cc', 'acrs', 'amr', 'idtyp',
    'upn', 'preferred_username', 'unique_name', 'email', 'name', 'nonce', 'at_hash', 'c_hash', 'sid', 'aio', 'rh',
    'xms_tcdt', 'auth_time', 'acr', 'deviceid', 'ipaddr', 'onprem_sid', 'family_name', 'given_name', 'login_hint',
  ];

  it('every listed claim has a written explanation', () => {
    for (const name of listed) expect(KNOWN_CLAIMS, name).toContain(name);
    for (const name of ['typ', 'alg', 'kid', 'x5t', 'nonce']) expect(KNOWN_HEADER_FIELDS, name).toContain(name);
  });

  it('explains every claim of a token that carries them all', () => {
    const payload: Record<string, unknown> = Object.fromEntries(listed.map((n) => [n, 'x']));
    Object.assign(payload, { iat: NOW_S, nbf: NOW_S, exp: NOW_S + 3600, auth_time: NOW_S - 60, amr: ['pwd', 'mfa'], roles: ['R'], groups: ['g'], scp: 'a b' });
    const d = decodeToken(makeJwt(payload, { typ: 'JWT', alg: 'RS256', kid: 'k', x5t: 't' }), NOW);
    expect(claimNames(d)).toEqual(Object.keys(payload));
    for (const c of d.claims) {
      expect(c.unknown, c.name).toBeUndefined();
      expect(c.explanation.length, c.name).toBeGreaterThan(20);
    }
    for (const h of d.headerClaims) expect(h.unknown, h.name).toBeUndefined();
    expect(d.claims.find((c) => c.name === 'exp')?.time).toEqual({ iso: new Date((NOW_S + 3600) * 1000).toISOString(), relative: 'in 1 hour' });
    expect(d.claims.find((c) => c.name === 'amr')?.explanation).toMatch(/password, multifactor authentication/);
  });

  it('client authentication values 0, 1, 2 in words', () => {
    const words = ['0', '1', '2'].map((v) => decodeToken(makeJwt(v1AppOnly({ appidacr: v })), NOW).claims.find((c) => c.name === 'appidacr')!.explanation);
    expect(words[0]).toMatch(/public client/);
    expect(words[1]).toMatch(/client secret/);
    expect(words[2]).toMatch(/certificate/);
  });

  it('marks unknown claims and never keeps the raw token', () => {
    const token = makeJwt(v2Delegated({ custom_thing: 1 }));
    const d = decodeToken(token, NOW);
    expect(d.claims.find((c) => c.name === 'custom_thing')?.unknown).toBe(true);
    expect(JSON.stringify(d)).not.toContain(FAKE_SIGNATURE);
  });
});

describe('decodeToken never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const d = decodeToken(s, NOW);
        expect(['jwt', 'jwe', 'opaque', 'invalid']).toContain(d.kind);
        expect(typeof d.redacted).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('on mutated tokens (characters replaced, deleted, inserted)', () => {
    const token = makeJwt(v2Delegated());
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.string({ maxLength: 3 }), fc.nat(5), (at, insert, del) => {
        const mutated = token.slice(0, at) + insert + token.slice(at + del);
        const d = decodeToken(mutated, NOW);
        expect(d.kind === 'jwt' || d.problem !== null).toBe(true);
        expect(JSON.stringify(d)).not.toContain(FAKE_SIGNATURE);
      }),
      { numRuns: 500 },
    );
  });

  it('on payloads of arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        const d = decodeToken(makeJwt(payload), NOW);
        expect(d.kind).toBe('jwt');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses text longer than MAX_TOKEN_TEXT with the length, and never echoes it', () => {
    const token = makeJwt(v2Delegated());
    const long = `${token} ${'x'.repeat(MAX_TOKEN_TEXT)}`;
    const d = decodeToken(long, NOW);
    expect(d.kind).toBe('invalid');
    expect(d.problem).toMatch(new RegExp(`${long.length.toLocaleString('en-US')} characters long.*not decoded`));
    expect(JSON.stringify(d)).not.toContain(FAKE_SIGNATURE);
    // At the cap a token padded with whitespace is still read.
    const padded = token + ' '.repeat(MAX_TOKEN_TEXT - token.length);
    expect(decodeToken(padded, NOW).kind).toBe('jwt');
  });

  it('on non-string input and a bad clock', () => {
    expect(decodeToken(undefined as unknown as string).problem).toMatch(/No token text/);
    expect(decodeToken(makeJwt(v2Delegated()), new Date('nope')).kind).toBe('jwt');
  });
});

describe('decodeToken: the fast path reads exactly what jwt-decode reads', () => {
  // Raw bytes → base64url, so a segment can carry bytes that are not valid UTF-8.
  const rawSegment = (bytes: number[]) => Buffer.from(bytes).toString('base64url');
  const ascii = (s: string) => [...Buffer.from(s, 'utf8')];
  const header = b64url({ alg: 'RS256', typ: 'JWT' });

  it('claim values with escapes and non-ASCII text match JSON.stringify', () => {
    const payload = { ...v2Delegated(), name: 'Zoë "Q" O\\Brien\n', xms_custom: ['a"b', 'ü'], n: 1e21, neg: -0 };
    const d = decodeToken(makeJwt(payload), NOW);
    for (const c of d.claims) expect(c.value).toBe(JSON.stringify((payload as Record<string, unknown>)[c.name]));
  });

  it('a payload with broken UTF-8 reads as jwt-decode reads it', async () => {
    const { jwtDecode } = await import('jwt-decode');
    const bytes = [...ascii('{"sub":"a'), 0xff, 0xfe, ...ascii('b","exp":'), ...ascii(String(NOW_S + 60)), ...ascii('}')];
    const token = `${header}.${rawSegment(bytes)}.${FAKE_SIGNATURE}`;
    const d = decodeToken(token, NOW);
    expect(d.kind).toBe('jwt');
    expect(d.payload).toEqual(jwtDecode(token));
    expect(d.claims.find((c) => c.name === 'sub')?.value).toBe(JSON.stringify(jwtDecode<Record<string, unknown>>(token).sub));
  });

  it('a payload that starts with a byte-order mark fails as it did with jwt-decode alone', () => {
    const bytes = [0xef, 0xbb, 0xbf, ...ascii(`{"sub":"x","exp":${NOW_S + 60}}`)];
    const d = decodeToken(`${header}.${rawSegment(bytes)}.${FAKE_SIGNATURE}`, NOW);
    expect(d.kind).toBe('invalid');
    expect(d.problem).toMatch(/could not be read/);
  });

  it('time claims show the same ISO text as Date#toISOString, across years and before 1970', () => {
    const seconds = [0, 1, 59, 951_782_400, 951_868_800, 4_107_542_400, 253_402_300_799, 253_402_300_800, -1, -86_400 * 400, 1_795_166_071.5];
    for (const iat of seconds) {
      const d = decodeToken(makeJwt({ ...v2Delegated(), iat }), NOW);
      expect(d.claims.find((c) => c.name === 'iat')?.time?.iso).toBe(new Date(iat * 1000).toISOString());
      expect(d.issuedAt).toBe(new Date(iat * 1000).toISOString());
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (exp) => {
        expect(decodeToken(makeJwt({ ...v2Delegated(), exp }), NOW).expiresAt).toBe(new Date(exp * 1000).toISOString());
      }),
      { numRuns: 300 },
    );
  });
});
