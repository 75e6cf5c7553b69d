// `auth-lens classify` on an API's refusal, as users run it: the CLI bundled from source and run in a
// child process. The token comes from the pasted request's Authorization header or from --token
// (a token or a file); tokenFindings and apiDiagnosis join --json, a "Token vs API" section the text,
// and the token never appears in either.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../faults/cli-process';
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

const ANSWERS = join(__dirname, '../fixtures/api-answers');
let tmp = '';
let cli = '';
let appToken = '';
let userToken = '';

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-cli-api-'));
  cli = (await buildCli(tmp)).path;
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  const tenant = '00000000-0000-0000-0000-0000000000aa';
  const base = { iss: `https://sts.windows.net/${tenant}/`, tid: tenant, ver: '1.0', iat: now - 60, nbf: now - 60, exp: now + 3000 };
  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT({ ...base, ...claims }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).sign(privateKey);
  appToken = await sign({ aud: 'https://graph.microsoft.com', appid: '11111111-2222-3333-4444-555555555555', appidacr: '1', idtyp: 'app', roles: ['User.Read.All'], oid: '00000000-0000-0000-0000-0000000000c0' }, { nonce: 'n' });
  userToken = await sign({ aud: 'https://graph.microsoft.com', appid: '11111111-2222-3333-4444-555555555555', appidacr: '0', idtyp: 'user', scp: 'User.Read', oid: '00000000-0000-0000-0000-0000000000b0' }, { nonce: 'n' });
});

describe('classify an API refusal with the token that was sent', () => {
  it('--token FILE: app-only token on Graph 403 → app role missing, tokenFindings in --json, token nowhere', () => {
    const file = join(tmp, 'token.txt');
    writeFileSync(file, `Authorization: Bearer ${appToken}\n`);
    const r = run(['classify', join(ANSWERS, 'graph-403-app-role.txt'), '--token', file, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.category).toBe('consent_required');
    expect(out.apiDiagnosis).toMatchObject({ problem: 'app_role_missing', tokenSource: 'given', api: { id: 'graph' } });
    expect(out.tokenFindings.find((f: { check: string }) => f.check === 'aud')).toEqual({ check: 'aud', ok: true, detail: expect.stringContaining('Microsoft Graph') });
    for (const f of out.tokenFindings) expect(Object.keys(f).sort()).toEqual(['check', 'detail', 'ok']);
    expect(r.stdout).not.toContain(appToken.split('.')[1]!.slice(0, 30));
    expect(r.stdout).not.toContain(appToken.split('.')[2]!);
  });

  it('the pasted request carries the token: used without --token, and the text output has a readable section', () => {
    const text = readFileSync(join(ANSWERS, 'graph-403-scope.txt'), 'utf8').replace('{{TOKEN}}', userToken);
    const file = join(tmp, 'exchange.txt');
    writeFileSync(file, text);
    const r = run(['classify', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Token vs API  Microsoft Graph (graph.microsoft.com): A delegated permission (scope) is missing');
    expect(r.stdout).toContain('Token from the request');
    expect(r.stdout).toMatch(/✓ aud — aud https:\/\/graph\.microsoft\.com/);
    expect(r.stdout).toMatch(/\n {2}What to do\n {4}1\. Developer: In the Entra admin center/);
    expect(r.stdout).not.toContain(userToken.split('.')[1]!.slice(0, 30));
    expect(r.stdout).not.toContain(userToken.split('.')[2]!);
    const j = JSON.parse(run(['classify', file, '--json']).stdout);
    expect(j.apiDiagnosis).toMatchObject({ problem: 'scope_missing', tokenSource: 'request' });
    expect(j.tokenFindings.length).toBeGreaterThan(3);
  });

  it('--token "Bearer TOKEN": a Graph token sent to your own API; --token - with the answer on stdin is refused', () => {
    const r = run(['classify', join(ANSWERS, 'custom-401-expired.txt'), '--token', `Bearer ${userToken}`, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).apiDiagnosis.problem).toBe('graph_token_elsewhere');
    const both = run(['classify', '-', '--token', '-'], 'HTTP/1.1 401 Unauthorized\n');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('cannot both come from standard input');
  });

  it('an API refusal without a token gets the diagnosis but no tokenFindings; a token endpoint error gets neither', () => {
    const r = JSON.parse(run(['classify', join(ANSWERS, 'arm-401-expired-no-token.txt'), '--json']).stdout);
    expect(r.apiDiagnosis).toMatchObject({ problem: 'expired', tokenSource: null, api: { id: 'arm' } });
    expect(r).not.toHaveProperty('tokenFindings');
    const t = JSON.parse(run(['classify', 'samples/responses/token-endpoint-error.json', '--json']).stdout);
    expect(t).not.toHaveProperty('apiDiagnosis');
    expect(t).not.toHaveProperty('tokenFindings');
  });
});
