// MSAL Python through the `logging` module, and azure-cli --debug, which prints the same loggers.
// MSAL's own loggers never write the HTTP exchange; urllib3's DEBUG line (under requests) does, with the
// status on the same line. Samples, recorded from Debian's python3-msal 1.21 (test/fixtures/logs/msal-python):
//   2026-12-04 22:04:35,405 DEBUG:urllib3.connectionpool:https://127.0.0.1:39909 "POST /f0e1d2c3-…/oauth2/v2.0/token HTTP/1.1" 429 490
//   2026-12-04 22:04:42,256 DEBUG:msal.application:Cache attempts an RT
//   2026-12-04 22:04:42,259 DEBUG:msal.application:Refresh failed. invalid_grant: AADSTS700082: The refresh token was not used …
//   2026-12-04 22:04:35,401 DEBUG:msal.telemetry:Generate or reuse correlation_id: d36ad3da-6d0c-46a3-a082-8c477857e701
// azure-cli --debug writes `DEBUG: urllib3.connectionpool: https://login.microsoftonline.com:443 "POST /organizations/oauth2/v2.0/token HTTP/1.1" 200 4316`.
import { GUID_SOURCE, type LineEvent } from './event';

const URLLIB3_RE = /(https?:\/\/[^\s"]+) "([A-Z]{3,7}) (\/[^\s"]*) HTTP\/[\d.]+" (\d{3})\b/;
const REFRESH_FAILED_RE = /Refresh failed\. ([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b/;
const TELEMETRY_RE = new RegExp(`Generate or reuse correlation_id: (${GUID_SOURCE})`);

export function readMsalPython(text: string, ev: LineEvent): boolean {
  if (text.includes(' HTTP/1')) {
    const m = URLLIB3_RE.exec(text);
    if (m) {
      ev.dialect = 'urllib3';
      ev.url = m[1]!.replace(/:443$/, '') + m[3]!;
      ev.method = m[2]!;
      ev.status = Number(m[4]);
      return true;
    }
  }
  if (!text.includes('msal.')) return false;
  if (text.includes('Generate or reuse')) {
    const telemetry = TELEMETRY_RE.exec(text);
    if (telemetry) ev.nextCorrelationId = telemetry[1]!.toLowerCase();
    return telemetry !== null;
  }
  if (text.includes('Cache attempts an RT') || text.includes('acquire_token_silent')) {
    ev.silent = true;
    return true;
  }
  if (text.includes('acquire_token_interactive') || text.includes('initiate_device_flow') || text.includes('acquire_token_by_device_flow')) {
    ev.interactive = true;
    return true;
  }
  const refresh = text.includes('Refresh failed') ? REFRESH_FAILED_RE.exec(text) : null;
  if (refresh) {
    // MSAL Python writes this whether the answer came over the network or from its HTTP cache;
    // ../requests tells the two apart by whether a request line was logged since the attempt.
    ev.dialect = 'msal-python';
    ev.error = refresh[1]!;
    ev.fromCache = true;
    return true;
  }
  return false;
}
