// MSAL.NET's log callback (and IdentityLogger): `<pii> MSAL <version> <sku> <runtime> <os> [<UTC time> - <correlationId>] <message>`.
// Its HTTP layer writes only failures, as the exception text of the status. Sample (format from MSAL.NET's
// logger, LoggerHelper/MsalLogger in AzureAD/microsoft-authentication-library-for-dotnet):
//   False MSAL 4.61.3.0 MSAL.NetCore .NET 8.0.4 Linux 5.15.0 [2026-12-01 10:00:00Z - 3f2a9c51-8d7e-4c1b-9a0f-5e6d7c8b9a01] Response status code does not indicate success: 400 (BadRequest).
// Older versions print the time in the machine's culture (`[12/01/2026 10:00:00 - 3f2a…]`); the id is read either way.
import type { LineEvent } from './event';

const PREFIX_RE = /\bMSAL \d+\.\d+\.\d+(?:\.\d+)? \S+ [^[\n]*\[([^\]]*?)[ ]-[ ]([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\]/;
const STATUS_RE = /Response status code does not indicate success: (\d{3})\b/;
const ISO_UTC_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;

export function readMsalDotnet(text: string, ev: LineEvent): boolean {
  if (!text.includes('MSAL ')) return false;
  const m = PREFIX_RE.exec(text);
  if (!m) return false;
  ev.correlationId = m[2]!.toLowerCase();
  if (ISO_UTC_RE.test(m[1]!)) ev.time = m[1]!;
  const message = text.slice(m.index + m[0].length);
  const status = STATUS_RE.exec(message);
  if (status) {
    ev.dialect = 'msal-dotnet';
    ev.status = Number(status[1]);
  } else if (/AcquireTokenSilent|\bSilentRequest\b/.test(message)) ev.silent = true;
  else if (/AcquireTokenInteractive|AcquireTokenWithDeviceCode|AcquireTokenByAuthorizationCode/.test(message)) ev.interactive = true;
  return true;
}
