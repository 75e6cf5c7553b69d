// msal-browser 5's minified log lines, as recorded in Chromium (test/fixtures/logs/msal-browser): what
// the msal-js dialect reads from each code, and the requests the request reader rebuilds when it is
// handed every line of a recording, held against the sandbox's record. (Through the whole scanner the
// code lines do not reach the reader yet: they hold none of the pre-filter's literals; see MSAL_BROWSER
// in scan-requests-recorded.test.ts for what the scan reads from these logs today.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLine } from '../../src/core/scan/dialects/index';
import { createRequestReader } from '../../src/core/scan/requests';
import { compareWithRecord, LOG_FIXTURES_DIR, type LogFixture } from '../conformance/log-recording';

const CID = '01a243a9-659c-7f40-b977-5cf65de1a76c';
const line = (pkg: string, level: string, message: string) => `[Sat, 05 Dec 2026 00:45:04 GMT] : [${CID}] : @azure/${pkg} : ${level} - ${message}`;

function recording(scenario: string): { fixture: LogFixture; log: string } {
  const dir = join(LOG_FIXTURES_DIR, 'msal-browser');
  return { fixture: JSON.parse(readFileSync(join(dir, `${scenario}.json`), 'utf8')) as LogFixture, log: readFileSync(join(dir, `${scenario}.log`), 'utf8') };
}

/** Every line to the request reader, as the scanner hands over the lines it reads. */
function readEveryLine(log: string) {
  const reader = createRequestReader();
  let last: string | null = null;
  log.split('\n').forEach((text, i) => {
    const ev = reader.line(i + 1, text, null, last);
    if (ev?.time) last = ev.time;
  });
  return reader.finish();
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
    const metadata = 'https://127.0.0.1:42125/f0e1d2c3-b4a5-4697-8877-665544332211/v2.0/.well-known/openid-configuration';
    expect(facts(line('msal-browser@5.30.0', 'Verbose', `1y65x6 ${metadata}`))).toMatchObject({ url: metadata, grant: null });
    // Codes that say nothing about requests, and a code that only starts a longer word, read as plain lines.
    expect(facts(line('msal-common@16.17.0', 'Info', '09ingz 1'))).toMatchObject({ grant: null, stored: false, error: null, silent: false });
    expect(facts(line('msal-common@16.17.0', 'Info', '0wcnepX'))).toMatchObject({ grant: null });
  });

  for (const scenario of ['code-silent', 'expired-refresh', 'throttle', 'popup']) {
    it(`${scenario}: every token request the sandbox answered, in order, with its grant, its status where the console shows one, and the waits`, () => {
      const { fixture, log } = recording(scenario);
      const { requests } = readEveryLine(log);
      const sent = requests.filter((r) => r.endpoint === 'token' && r.source === 'network');
      const want = fixture.requests.filter((q) => q.endpoint === 'token');
      // msal-browser logs no status: a failure's comes from the browser's line, a success shows as a stored answer.
      expect(sent.map((r) => `${r.grant} ${r.status ?? r.outcome}`)).toEqual(want.map((q) => `${q.grantType} ${q.status! >= 400 ? q.status : 'success'}`));
      expect(new Set(sent.map((r) => r.correlationId)).size).toBe(sent.length);
      for (const w of compareWithRecord(requests, fixture).waits) expect(Math.abs(w.got! - w.want), `log ${w.got} ms, sandbox ${w.want} ms`).toBeLessThanOrEqual(w.tolerance);
      // The OpenID configuration msal-browser fetched first, named by its URL.
      expect(requests[0]).toMatchObject({ endpoint: 'discovery', method: 'GET' });
      expect(fixture.requests[0]!.endpoint).toBe('metadata');
    });
  }

  it('throttle: the repeat msal-browser held back after the 429 is told apart from a request', () => {
    const { requests } = readEveryLine(recording('throttle').log);
    expect(requests.filter((r) => r.endpoint === 'token').map((r) => `${r.source} ${r.status}`)).toEqual(['network null', 'network 429', 'cache null', 'network 429']);
  });

  it('expired-refresh: the refused refresh token reads as invalid_grant/bad_token, and no sign-in followed it', () => {
    const { requests, flags } = readEveryLine(recording('expired-refresh').log);
    const refused = requests.find((r) => r.status === 400)!;
    expect(refused).toMatchObject({ grant: 'refresh_token', error: 'invalid_grant', suberror: 'bad_token', outcome: 'failure' });
    expect(flags.map((f) => f.kind)).toEqual(['no_interactive_fallback']);
  });
});
