// msal-browser 5 in Chromium (test/fixtures/logs/msal-browser), read by the whole scanner. msal-browser
// logs each message minified: a six-character code (the package ships the table,
// lib/log-strings-mapping.json) and the message's variables, e.g. `Info - 0wcnep` ("CacheManager:
// getRefreshToken - returning refresh token") right before a refresh-token request. It names no token
// endpoint, no status and no error; the one URL it logs is the OpenID configuration it fetches. A token
// request is read from the code before it (or, for a popup's or redirect's code, from the stored answer);
// its status from Chromium's own line for a fetch answered with an error, as DevTools writes it (`POST
// <token URL>?client-request-id=<correlation id> 429 (Too Many Requests)`). A request answered 200
// leaves no such line: it shows as a success without a status. Times have whole seconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLine } from '../../src/core/scan/dialects/index';
import { scanText } from '../../src/core/scan/index';
import { compareBrowserRecord } from '../conformance/browser-recording';
import { LOG_FIXTURES_DIR, type LogFixture } from '../conformance/log-recording';

const CID = '01a243a9-659c-7f40-b977-5cf65de1a76c';
const T = 'f0e1d2c3-b4a5-4697-8877-665544332211';
const line = (pkg: string, level: string, message: string) => `[Sat, 05 Dec 2026 00:45:04 GMT] : [${CID}] : @azure/${pkg} : ${level} - ${message}`;

function recording(scenario: string): { fixture: LogFixture; log: string } {
  const dir = join(LOG_FIXTURES_DIR, 'msal-browser');
  return { fixture: JSON.parse(readFileSync(join(dir, `${scenario}.json`), 'utf8')) as LogFixture, log: readFileSync(join(dir, `${scenario}.log`), 'utf8') };
}

describe('msal-browser minified lines', () => {
  it('reads the codes that mark a token request, its failure, a stored answer, silent and interactive calls', () => {
    const facts = (text: string) => {
      const ev = readLine(text);
      return ev && { grant: ev.tokenGrant, stored: ev.stored, error: ev.error, suberror: ev.suberror, silent: ev.silent, interactive: ev.interactive, url: ev.url, cid: ev.correlationId, time: ev.time };
    };
    expect(facts(line('msal-common@16.17.0', 'Info', '0wcnep'))).toMatchObject({ grant: 'refresh_token', cid: CID, time: 'Sat, 05 Dec 2026 00:45:04 GMT' });
    expect(facts(line('msal-browser@5.30.0', 'Verbose', '1uic5e'))).toMatchObject({ grant: 'authorization_code' });
    expect(facts(line('msal-common@16.17.0', 'Verbose', '09jz0t'))).toMatchObject({ grant: null, stored: true });
    expect(facts(line('msal-common@16.17.0', 'Verbose', '1pg3ap'))).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token' });
    expect(facts(line('msal-browser@5.30.0', 'Verbose', '0x1c4s'))).toMatchObject({ silent: true, interactive: false });
    expect(facts(line('msal-browser@5.30.0', 'Verbose', '06eh73'))).toMatchObject({ silent: false, interactive: true });
    const metadata = `https://127.0.0.1:42125/${T}/v2.0/.well-known/openid-configuration`;
    expect(facts(line('msal-browser@5.30.0', 'Verbose', `1y65x6 ${metadata}`))).toMatchObject({ url: metadata, grant: null });
    // Codes that say nothing about requests, and a code that only starts a longer word, read as plain lines.
    expect(facts(line('msal-common@16.17.0', 'Info', '09ingz 1'))).toMatchObject({ grant: null, stored: false, error: null, silent: false });
    expect(facts(line('msal-common@16.17.0', 'Info', '0wcnepX'))).toMatchObject({ grant: null });
  });

  it("the browser's line for a failed fetch gives the request before it its status, by correlation id", () => {
    const s = scanText(
      [
        line('msal-common@16.17.0', 'Info', '0wcnep'),
        `POST https://127.0.0.1:42125/${T}/oauth2/v2.0/token?client-request-id=${CID} 429 (Too Many Requests)`,
        'GET http://127.0.0.1:42126/favicon.ico 404 (Not Found)',
        // Another call's failed fetch is a request of its own.
        `POST https://127.0.0.1:42125/${T}/oauth2/v2.0/token?client-request-id=01a243a9-0000-7000-8000-000000000001 400 (Bad Request)`,
      ].join('\n'),
    );
    expect(s.requests).toEqual([
      expect.objectContaining({ line: 1, lines: [1, 2], grant: 'refresh_token', status: 429, correlationId: CID, time: 'Sat, 05 Dec 2026 00:45:04 GMT', outcome: 'throttled', dialect: 'browser-console' }),
      expect.objectContaining({ line: 4, status: 400, correlationId: '01a243a9-0000-7000-8000-000000000001', time: null, authority: `127.0.0.1:42125/${T}`, dialect: 'browser-console' }),
    ]);
  });

  for (const scenario of ['code-silent', 'expired-refresh', 'throttle', 'popup']) {
    it(`${scenario}: every token request the sandbox answered, in order, with its grant, its status where the console shows one, and the waits`, () => {
      const { fixture, log } = recording(scenario);
      const requests = scanText(log).requests ?? [];
      const c = compareBrowserRecord(requests, fixture);
      expect(c.got).toEqual(c.want);
      for (const w of c.waits) expect(Math.abs(w.got! - w.want), `log ${w.got} ms, sandbox ${w.want} ms`).toBeLessThanOrEqual(w.tolerance);
      const sent = requests.filter((r) => r.endpoint === 'token' && r.source === 'network');
      expect(new Set(sent.map((r) => r.correlationId)).size).toBe(sent.length);
      // The OpenID configuration msal-browser fetched first, named by its URL; the token requests share its authority.
      expect(requests[0]).toMatchObject({ endpoint: 'discovery', method: 'GET', dialect: 'msal-js' });
      expect(fixture.requests[0]!.endpoint).toBe('metadata');
      expect(sent.every((r) => r.authority === requests[0]!.authority)).toBe(true);
    });
  }

  it('throttle: the repeat msal-browser held back after the 429 is told apart from a request, and no retry came too soon', () => {
    const { requests, requestFlags } = scanText(recording('throttle').log);
    expect((requests ?? []).filter((r) => r.endpoint === 'token').map((r) => `${r.source} ${r.status}`)).toEqual(['network null', 'network 429', 'cache null', 'network 429']);
    expect(requestFlags).toEqual([]);
  });

  it('expired-refresh: the refused refresh token reads as invalid_grant/bad_token, and no sign-in followed it', () => {
    const { requests, requestFlags } = scanText(recording('expired-refresh').log);
    expect((requests ?? []).find((r) => r.status === 400)).toMatchObject({ grant: 'refresh_token', error: 'invalid_grant', suberror: 'bad_token', outcome: 'failure' });
    expect((requestFlags ?? []).map((f) => f.kind)).toEqual(['no_interactive_fallback']);
  });

  it("popup: the code redemption, which msal-browser marks only by storing the answer, is the popup's authorization_code", () => {
    const sent = (scanText(recording('popup').log).requests ?? []).filter((r) => r.endpoint === 'token');
    expect(sent.map((r) => `${r.grant} ${r.outcome}`)).toEqual(['authorization_code success', 'refresh_token success']);
  });
});
