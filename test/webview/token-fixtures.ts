// Messages for the token views, built with the real core: two tokens compared, an API refusal
// diagnosed with the token that was sent (signed here with jose), and a decoded token verified
// against its key. Nothing is hand-written but the inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { diagnoseApiAnswer } from '../../src/core/api/diagnose';
import { compareTokens } from '../../src/core/jwt/compare';
import { decodeToken } from '../../src/core/jwt/decode';
import { parseKeyText } from '../../src/core/jwt/keys';
import { verifyToken } from '../../src/core/jwt/verify';
import type { ShowMessage } from '../../src/protocol';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const CLIENT = '0f3c9a6e-1b2d-4c5e-8f70-a1b2c3d4e5f6';
const API = '2b7c1d4e-5f60-4a71-8b92-c3d4e5f6a7b8';

/** A claim value that would run code if the compare view ever turned claims into markup. */
export const HOSTILE_NAME = `<script>window.__pwned = 'compare'</script><img src=x onerror="window.__pwned = 'img'">`;

export interface TokenViewMessages {
  compare: Extract<ShowMessage, { view: 'compare' }>;
  tokenApi: Extract<ShowMessage, { view: 'tokenApi' }>;
  claims: Extract<ShowMessage, { view: 'claims' }>;
  /** The same token checked offline with no keys: unverifiable, with the reason. */
  claimsOffline: Extract<ShowMessage, { view: 'claims' }>;
  /** The tokens the messages were built from; none may appear in the page or its state. */
  tokens: string[];
}

export async function tokenViewMessages(): Promise<TokenViewMessages> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT({ iat: now - 600, nbf: now - 600, exp: now + 3000, ...claims }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'panel-key', ...header }).sign(privateKey);
  const works = await sign({ aud: `api://${API}`, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT, azp: CLIENT, azpacr: '0', scp: 'Orders.Read Orders.Write', ver: '2.0', oid: '6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', xms_cc: ['cp1'] });
  const fails = await sign({ aud: 'https://graph.microsoft.com', iss: `https://sts.windows.net/${OTHER_TENANT}/`, tid: OTHER_TENANT, appid: CLIENT, appidacr: '1', idtyp: 'app', roles: ['Orders.Read.All'], ver: '1.0', oid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', exp: now - 900, name: HOSTILE_NAME }, { nonce: 'graph-nonce' });
  const compare: TokenViewMessages['compare'] = { type: 'show', view: 'compare', comparison: compareTokens(works, fails) };

  const answer = readFileSync(join(__dirname, '../fixtures/api-answers/keyvault-403-rbac.txt'), 'utf8');
  const appToken = await sign({ aud: 'https://vault.azure.net', iss: 'https://sts.windows.net/00000000-0000-0000-0000-0000000000aa/', tid: '00000000-0000-0000-0000-0000000000aa', appid: '11111111-2222-3333-4444-555555555555', appidacr: '2', idtyp: 'app', oid: '00000000-0000-0000-0000-0000000000c0', ver: '1.0' });
  const pasted = answer.replace('{{TOKEN}}', appToken);
  const diagnosis = diagnoseApiAnswer(pasted);
  const tokenApi: TokenViewMessages['tokenApi'] = { type: 'show', view: 'tokenApi', diagnosis, input: pasted.replace(appToken, '[redacted token]') };

  const keys = await parseKeyText(JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'panel-key', use: 'sig' }] }), 'keys.json');
  if ('error' in keys) throw new Error(keys.error);
  const v = await verifyToken(works, { keys, audience: [`api://${API}`], tenant: TENANT });
  const claims: TokenViewMessages['claims'] = { type: 'show', view: 'claims', token: { ...decodeToken(works), redacted: '' }, verification: { signature: v.signature, validation: v.validation, online: false } };
  const offline = await verifyToken(works);
  const claimsOffline: TokenViewMessages['claimsOffline'] = { ...claims, verification: { signature: offline.signature, validation: offline.validation, online: false } };
  return { compare, tokenApi, claims, claimsOffline, tokens: [works, fails, appToken] };
}
