// azure-core's HTTP logging, which every Azure SDK client (Azure Identity's included) writes through.
// A request and its answer are multi-line records, so ../requests follows the lines after a request.
// Python (azure.core.pipeline.policies.http_logging_policy; recorded from Debian's python3-azure,
// azure-core 1.26, test/fixtures/logs/azure-identity-python):
//   2026-12-04 22:08:27,309 INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: 'https://127.0.0.1:36297/f0e1d2c3-…/oauth2/v2.0/token'
//   Request method: 'POST'
//   2026-12-04 22:08:27,311 INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 429
//   Response headers:
//       'retry-after': '2'
// JavaScript (AZURE_LOG_LEVEL=verbose; @azure/core-rest-pipeline 1.24, test/fixtures/logs/azure-identity-js):
//   azure:core-rest-pipeline:info Request: {
//     "url": "https://127.0.0.1:39909/f0e1d2c3-…/oauth2/v2.0/token?client-request-id=REDACTED",
//     "method": "POST",
//   azure:core-rest-pipeline:info Response status code: 429
//   azure:core-rest-pipeline:info Headers: {
//     "retry-after": "2",
// .NET (Azure.Core's event source, as AzureEventSourceListener prints it; HttpClient's own logging below it):
//   Request [5d1c0f7e-2b5e-4d0a-8f3a-1c2b3d4e5f60] POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token
//   Response [5d1c0f7e-2b5e-4d0a-8f3a-1c2b3d4e5f60] 429 Too Many Requests (00.1s)
//   Retry-After:2
//   Sending HTTP request POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token
//   Received HTTP response headers after 83.2ms - 429
import { retryAfterSeconds, type LineEvent } from './event';

const PY_URL_RE = /Request URL: '([^']+)'/;
const PY_METHOD_RE = /^Request method: '([A-Z]+)'/;
const PY_STATUS_RE = /Response status: '?(\d{3})\b/;
const PY_HEADER_RE = /^\s+'([A-Za-z0-9-]+)': '([^']*)'/;
const JS_URL_RE = /^\s+"url": "([^"]+)"/;
const JS_METHOD_RE = /^\s+"method": "([A-Z]+)"/;
const JS_STATUS_RE = /Response status code: (\d{3})\b/;
const JS_HEADER_RE = /^\s+"([A-Za-z0-9-]+)": "([^"]*)"/;
const NET_REQUEST_RE = /\bRequest \[([0-9a-fA-F-]{36})\] ([A-Z]{3,7}) (https?:\/\/\S+)/;
const NET_RESPONSE_RE = /\bResponse \[([0-9a-fA-F-]{36})\] (\d{3})\b/;
const NET_HEADER_RE = /^\s*(Retry-After|x-ms-request-id|x-ms-client-request-id|client-request-id|Date):\s?(.+)$/i;
const HTTPCLIENT_SEND_RE = /Sending HTTP request ([A-Z]{3,7}) (https?:\/\/\S+)/;
const HTTPCLIENT_RECEIVE_RE = /(?:Received HTTP response headers|End processing HTTP request) after [\d.]+ms - (\d{3})\b/;

function header(name: string, value: string, ev: LineEvent): boolean {
  switch (name.toLowerCase()) {
    case 'retry-after':
      ev.retryAfterSeconds = retryAfterSeconds(value);
      return true;
    case 'x-ms-request-id':
      ev.requestId = value.toLowerCase();
      return true;
    case 'x-ms-client-request-id':
    case 'client-request-id':
      if (/^[0-9a-fA-F-]{36}$/.test(value)) ev.correlationId = value.toLowerCase();
      return true;
    case 'date':
      ev.time = value;
      return true;
    default:
      return false;
  }
}

export function readAzureCoreHttp(text: string, ev: LineEvent): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x20 || c === 0x09) {
    // A header or field line inside a record.
    let m = JS_URL_RE.exec(text) ?? null;
    if (m) {
      ev.dialect = 'azure-core-js';
      ev.url = m[1]!;
      ev.awaitsResponse = true;
      return true;
    }
    if ((m = JS_METHOD_RE.exec(text))) {
      ev.method = m[1]!;
      return true;
    }
    m = JS_HEADER_RE.exec(text) ?? PY_HEADER_RE.exec(text);
    if (m) return header(m[1]!, m[2]!, ev);
    // Indented otherwise: .NET console loggers indent the message under its category line.
  }
  let m: RegExpExecArray | null;
  // Every pattern below is tried only where its literal is on the line: most lines are none of them.
  if (text.includes('Request URL: ') && (m = PY_URL_RE.exec(text))) {
    ev.dialect = 'azure-core-python';
    ev.url = m[1]!;
    ev.awaitsResponse = true;
    return true;
  }
  if (text.startsWith('Request method: ') && (m = PY_METHOD_RE.exec(text))) {
    ev.method = m[1]!;
    return true;
  }
  if (text.includes('Response status') && (m = JS_STATUS_RE.exec(text) ?? PY_STATUS_RE.exec(text))) {
    ev.dialect = text.includes('Response status code') ? 'azure-core-js' : 'azure-core-python';
    ev.status = Number(m[1]);
    ev.responsePart = true;
    return true;
  }
  if (text.startsWith('Response headers:') || text.endsWith('Headers: {')) {
    ev.responsePart = true;
    return true;
  }
  if (text.includes('Request [') && (m = NET_REQUEST_RE.exec(text))) {
    ev.dialect = 'azure-core-net';
    ev.correlationId = m[1]!.toLowerCase();
    ev.method = m[2]!;
    ev.url = m[3]!;
    ev.awaitsResponse = true;
    return true;
  }
  if (text.includes('Response [') && (m = NET_RESPONSE_RE.exec(text))) {
    ev.dialect = 'azure-core-net';
    ev.status = Number(m[2]);
    ev.responsePart = true;
    return true;
  }
  if (text.includes('HTTP re')) {
    if ((m = HTTPCLIENT_SEND_RE.exec(text))) {
      ev.dialect = 'httpclient-net';
      ev.method = m[1]!;
      ev.url = m[2]!;
      ev.awaitsResponse = true;
      return true;
    }
    if ((m = HTTPCLIENT_RECEIVE_RE.exec(text))) {
      ev.dialect = 'httpclient-net';
      ev.status = Number(m[1]);
      ev.responsePart = true;
      return true;
    }
  }
  if (text.length < 200 && (m = NET_HEADER_RE.exec(text))) return header(m[1]!, m[2]!, ev);
  return false;
}
