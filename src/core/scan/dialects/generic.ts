// Structured logs an app writes itself: JSON lines (pino, bunyan, Serilog's compact JSON, winston) and
// key=value lines (logfmt, Go's slog, Serilog's text), for a line that names an identity endpoint. A URL
// alone is not a request (libraries print their configured endpoints): a method or a status must be there.
// Samples (the shapes the bench log generator writes, bench/lib/gen-log.ts):
//   {"level": "debug", "time": "2026-12-01T10:00:00.000Z", "msg": "POST https://login.microsoftonline.com/contoso/oauth2/v2.0/token client_id=… 200 83ms"}
//   time=2026-12-01T10:00:00Z level=warn msg="token request failed" method=POST url=https://login.microsoftonline.com/contoso/oauth2/v2.0/token status=429 retry_after=2
import { retryAfterSeconds, type LineEvent } from './event';

const URL_RE = /https?:\/\/[^\s"'<>\\]+\/(?:oauth2\/[^\s"'<>\\]*|\.well-known\/openid-configuration|discovery\/instance[^\s"'<>\\]*|metadata\/identity\/[^\s"'<>\\]*|[mM][sS][iI]\/token[^\s"'<>\\]*)/;
const METHOD_RE = /(?:\b|")(GET|POST)\b/;
const STATUS_KEY_RE = /\b(?:status|statusCode|status_code|http_status|httpStatus)"?\s*[:=]\s*"?(\d{3})\b/i;
const STATUS_AFTER_URL_RE = /\b(?:GET|POST)\s+\S*(?:oauth2\/|openid-configuration|discovery\/instance|[mM][sS][iI]\/token)\S*\s+(\d{3})\b/;
const RETRY_RE = /\bretry[-_]?after"?\s*[:=]\s*"?(\d{1,6})\b/i;

export function readGeneric(text: string, ev: LineEvent): boolean {
  if (!text.includes('oauth2/') && !text.includes('/.well-known/') && !text.includes('/discovery/instance') && !text.includes('/metadata/identity/') && !/\/msi\/token/i.test(text)) return false;
  const url = URL_RE.exec(text);
  if (!url) return false;
  const status = STATUS_KEY_RE.exec(text) ?? STATUS_AFTER_URL_RE.exec(text);
  const method = METHOD_RE.exec(text);
  if (!status && !method) return false;
  ev.dialect = text.trimStart().startsWith('{') ? 'json' : 'text';
  ev.url = url[0];
  ev.method = method ? method[1]! : null;
  if (status) ev.status = Number(status[1]);
  const retry = RETRY_RE.exec(text);
  if (retry) ev.retryAfterSeconds = retryAfterSeconds(retry[1]!);
  return true;
}
