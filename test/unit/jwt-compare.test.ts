// compareTokens: which claims differ, which of the differences decide authorization, and why.
import { describe, expect, it } from 'vitest';
import { compareTokens, type ClaimDifference } from '../../src/core/jwt/compare';
import { CLIENT, makeJwt, NOW, NOW_S, TENANT, v1AppOnly, v2Delegated } from '../fixtures/jwt/make';

function diff(a: Record<string, unknown>, b: Record<string, unknown>, headerB?: Record<string, unknown>): ClaimDifference[] {
  return compareTokens(makeJwt(a), makeJwt(b, headerB), NOW).differences;
}

function claim(list: ClaimDifference[], name: string): ClaimDifference | undefined {
  return list.find((d) => d.claim === name);
}

describe('compareTokens', () => {
  it('two copies of the same token have no differences; issue time and ids differ without mattering', () => {
    expect(diff(v2Delegated(), v2Delegated())).toEqual([]);
    const d = diff(v2Delegated(), v2Delegated({ iat: NOW_S - 60, uti: 'other', name: 'Someone Else' }));
    expect(d.map((x) => [x.claim, x.matters])).toEqual([
      ['iat', false],
      ['name', false],
      ['uti', false],
    ]);
    expect(claim(d, 'name')!.why).toMatch(/oid and tid/);
  });

  it('delegated vs app-only: scp against roles, with the switch named', () => {
    const d = diff(v2Delegated(), v2Delegated({ scp: undefined, roles: ['Orders.Read.All'], idtyp: 'app' }));
    expect(claim(d, 'scp')).toMatchObject({ matters: true, a: 'Orders.Read Orders.Write', b: null, why: expect.stringMatching(/^A is delegated \(scp.*B is app-only/) });
    expect(claim(d, 'roles')).toMatchObject({ matters: true, why: expect.stringMatching(/only B has Orders\.Read\.All/) });
    expect(claim(d, 'idtyp')!.matters).toBe(true);
  });

  it('a missing scope is named', () => {
    const d = diff(v2Delegated(), v2Delegated({ scp: 'Orders.Read' }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ claim: 'scp', matters: true, why: expect.stringMatching(/only A has Orders\.Write.*403/) });
  });

  it('audience, issuer form, tenant and version', () => {
    const aud = diff(v2Delegated(), v2Delegated({ aud: 'https://graph.microsoft.com' }));
    expect(claim(aud, 'aud')).toMatchObject({ matters: true, why: expect.stringMatching(/Microsoft Graph.*401/) });
    expect(claim(diff(v1AppOnly(), v1AppOnly({ aud: 'https://management.azure.com' })), 'aud')!.why).toMatch(/trailing slash/);
    expect(claim(diff(v2Delegated(), v2Delegated({ aud: CLIENT })), 'aud')!.why).toMatch(/client id, the other by App ID URI/);

    const v1 = diff(v2Delegated(), v2Delegated({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' }));
    expect(claim(v1, 'iss')).toMatchObject({ matters: true, why: expect.stringMatching(/Different issuer forms \(v2 vs v1\)/) });
    expect(claim(v1, 'ver')!.matters).toBe(true);

    const other = '99999999-9999-9999-9999-999999999999';
    const tenant = diff(v2Delegated(), v2Delegated({ iss: `https://login.microsoftonline.com/${other}/v2.0`, tid: other }));
    expect(claim(tenant, 'iss')!.why).toMatch(/different tenants/);
    expect(claim(tenant, 'tid')!.why).toMatch(/single-tenant API/);
    expect(claim(diff(v2Delegated(), v2Delegated({ iss: `https://login.microsoftonline.us/${TENANT}/v2.0` })), 'iss')!.why).toMatch(/different clouds \(public vs usgov\)/);
  });

  it('groups vs group overage, directory roles, client app, sign-in methods, contexts and capabilities', () => {
    const overage = { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } };
    const d = diff(v2Delegated({ groups: ['g1', 'g2'] }), v2Delegated(overage));
    expect(claim(d, 'groups')).toMatchObject({ matters: true });
    expect(claim(d, '_claim_names')).toMatchObject({ matters: true, why: expect.stringMatching(/Group overage in B.*must call Graph/) });
    expect(claim(d, '_claim_sources')!.matters).toBe(false);

    const more = diff(
      v2Delegated({ wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'], amr: ['pwd'] }),
      v2Delegated({ wids: ['62e90394-69f5-4237-9190-012177145e10', 'b79fbf4d-3ef9-4689-8143-76b194e85509'], amr: ['pwd', 'mfa'], acrs: ['c1'], xms_cc: ['cp1'], azp: 'other-app' }),
    );
    expect(claim(more, 'wids')!.why).toMatch(/only B has 62e90394-69f5-4237-9190-012177145e10 \(Global Administrator\)/);
    expect(claim(more, 'amr')!.why).toMatch(/only B has mfa/);
    expect(claim(more, 'acrs')!.why).toMatch(/claims challenge/);
    expect(claim(more, 'xms_cc')!.why).toMatch(/cp1.*Continuous Access Evaluation/);
    expect(claim(more, 'azp')!.why).toMatch(/different client apps/);
  });

  it('expiry matters only when one token is outside its window beyond the clock skew', () => {
    expect(claim(diff(v2Delegated(), v2Delegated({ exp: NOW_S + 7200 })), 'exp')!.matters).toBe(false);
    expect(claim(diff(v2Delegated(), v2Delegated({ exp: NOW_S - 120 })), 'exp')!.matters).toBe(false);
    expect(claim(diff(v2Delegated(), v2Delegated({ exp: NOW_S - 3600 })), 'exp')).toMatchObject({ matters: true, why: expect.stringMatching(/^B expired 1 hour ago.*401/) });
    expect(claim(diff(v2Delegated({ nbf: NOW_S + 3600 }), v2Delegated()), 'nbf')).toMatchObject({ matters: true, why: expect.stringMatching(/^A is not valid until/) });
  });

  it('a Graph nonce in one header matters; a different kid does not', () => {
    const d = diff(v2Delegated(), v2Delegated(), { typ: 'JWT', alg: 'RS256', kid: 'other-kid', nonce: 'n' });
    expect(claim(d, 'header.nonce')).toMatchObject({ matters: true, why: expect.stringMatching(/^B carries a nonce.*only Graph can validate/) });
    expect(claim(d, 'header.kid')!.matters).toBe(false);
  });

  it('lists what matters first, the most decisive first, then the rest by name', () => {
    const d = diff(v2Delegated(), v2Delegated({ aud: 'api://other', scp: 'Orders.Read', iat: NOW_S, tid: '99999999-9999-9999-9999-999999999999', aio: 'x' }));
    expect(d.map((x) => x.claim)).toEqual(['aud', 'tid', 'scp', 'aio', 'iat']);
  });

  it('a token without readable claims has nothing to compare', () => {
    const r = compareTokens('not a token', makeJwt(v2Delegated()), NOW);
    expect(r.a.problem).toMatch(/Too short to be a token/);
    expect(r.b).toMatchObject({ problem: null, description: expect.stringMatching(/^Access token v2\.0, delegated/) });
    expect(r.differences).toEqual([]);
  });
});
