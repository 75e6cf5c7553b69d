// Each log dialect on the sample its file documents, read through the whole scanner (pre-filter,
// request reader, counting state), plus the patterns judged across requests.
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/scan/index';

const T = 'f0e1d2c3-b4a5-4697-8877-665544332211';
const CORR = '3f2a9c51-8d7e-4c1b-9a0f-5e6d7c8b9a01';

describe('log dialects', () => {
  it('MSAL Python, default logging format: a failed refresh is a request and its error value is counted', () => {
    const s = scanText(
      [
        'DEBUG:msal.telemetry:Generate or reuse correlation_id: 8bdb3fde-aafd-468c-92e9-e0b4dae69874',
        'DEBUG:msal.application:Cache attempts an RT',
        'DEBUG:msal.application:Refresh failed. invalid_grant: AADSTS700082: The refresh token has expired due to inactivity. Trace ID: 6496b36f-7737-45d6-880d-d59d1967ac89',
      ].join('\n'),
    );
    expect(s.errors.map((e) => [e.error, e.count])).toEqual([['invalid_grant', 1]]);
    expect(s.requests).toHaveLength(1);
    expect(s.requests![0]).toMatchObject({ line: 3, endpoint: 'token', grant: 'refresh_token', error: 'invalid_grant', aadsts: [700082], outcome: 'failure', source: 'network', correlationId: '8bdb3fde-aafd-468c-92e9-e0b4dae69874' });
    // The id MSAL's telemetry generated is the request's, not a failure group of its own.
    expect(s.correlations.map((g) => g.correlationId)).not.toContain('8bdb3fde-aafd-468c-92e9-e0b4dae69874');
  });

  it('azure-cli --debug: the urllib3 line is a request with its status', () => {
    const s = scanText(`DEBUG: urllib3.connectionpool: https://login.microsoftonline.com:443 "POST /organizations/oauth2/v2.0/token HTTP/1.1" 400 512\n`);
    expect(s.requests).toEqual([expect.objectContaining({ endpoint: 'token', method: 'POST', status: 400, authority: 'login.microsoftonline.com/organizations', dialect: 'urllib3', outcome: 'failure' })]);
  });

  it('MSAL.NET: the bracketed correlation id, a request and a failure from "Response status code does not indicate success"', () => {
    const s = scanText(`False MSAL 4.61.3.0 MSAL.NetCore .NET 8.0.4 Linux 5.15.0 [2026-12-01 10:00:00Z - ${CORR}] Response status code does not indicate success: 400 (BadRequest).\n`);
    expect(s.requests).toEqual([expect.objectContaining({ line: 1, endpoint: 'token', status: 400, correlationId: CORR, time: '2026-12-01 10:00:00Z', outcome: 'failure', dialect: 'msal-dotnet' })]);
    expect(s.correlations.map((g) => g.correlationId)).toEqual([CORR]);
  });

  it('azure-core HTTP logging, Python: request URL and method, then status, Retry-After and request id on later lines', () => {
    const s = scanText(
      [
        `2026-12-01 10:00:00,100 INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: 'https://login.microsoftonline.com/${T}/oauth2/v2.0/token'`,
        "Request method: 'POST'",
        'Request headers:',
        "    'Accept': 'application/json'",
        'A body is sent with the request',
        '2026-12-01 10:00:00,180 INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 429',
        'Response headers:',
        "    'x-ms-request-id': '6171a235-332c-440c-a546-657494484a66'",
        "    'Retry-After': '5'",
        '2026-12-01 10:00:01,000 INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: \'https://management.azure.com/subscriptions?api-version=2022-12-01\'',
        '2026-12-01 10:00:01,200 INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 200',
      ].join('\n'),
    );
    expect(s.requests).toHaveLength(1);
    expect(s.requests![0]).toMatchObject({ line: 1, method: 'POST', status: 429, retryAfterSeconds: 5, requestId: '6171a235-332c-440c-a546-657494484a66', outcome: 'throttled', dialect: 'azure-core-python' });
    expect(s.requests![0]!.lines).toEqual([1, 2, 6, 7, 8, 9]);
  });

  it('azure-core HTTP logging, .NET event source and HttpClient', () => {
    const s = scanText(
      [
        `Request [${CORR}] POST https://login.microsoftonline.com/${T}/oauth2/v2.0/token`,
        'x-ms-client-request-id:' + CORR,
        `Response [${CORR}] 429 Too Many Requests (00.1s)`,
        'Retry-After:2',
        'x-ms-request-id:5ff41088-f014-4295-b34c-d7ec404d04df',
        'info: System.Net.Http.HttpClient.Default.ClientHandler[100]',
        `      Sending HTTP request POST https://login.microsoftonline.com/${T}/oauth2/v2.0/token`,
        'info: System.Net.Http.HttpClient.Default.ClientHandler[101]',
        '      Received HTTP response headers after 83.2ms - 200',
      ].join('\n'),
    );
    expect(s.requests!.map((r) => [r.line, r.status, r.retryAfterSeconds, r.dialect])).toEqual([
      [1, 429, 2, 'azure-core-net'],
      [7, 200, null, 'httpclient-net'],
    ]);
    expect(s.requests![0]!.correlationId).toBe(CORR);
  });

  it('JSON and key=value lines; a URL in configuration is not a request', () => {
    const s = scanText(
      [
        `{"level":"debug","time":"2026-12-01T10:00:00.000Z","msg":"POST https://login.microsoftonline.com/${T}/oauth2/v2.0/token 200 83ms"}`,
        `time=2026-12-01T10:00:01Z level=warn msg="token request failed" method=POST url=https://login.microsoftonline.com/${T}/oauth2/v2.0/token status=429 retry_after=30`,
        `DEBUG:msal.authority:openid_config = {'token_endpoint': 'https://login.microsoftonline.com/${T}/oauth2/v2.0/token'}`,
        `[Tue, 01 Dec 2026 10:00:02 GMT] : [] : @azure/msal-node@7.2.3 : Info - Building oauth client configuration with the following authority: https://login.microsoftonline.com/${T}/oauth2/v2.0/token.`,
        `time=2026-12-01T10:00:03Z level=warn msg="token request failed" method=POST url=https://login.microsoftonline.com/${T}/oauth2/v2.0/token status=429 retry_after=30`,
      ].join('\n'),
    );
    expect(s.requests!.map((r) => [r.line, r.status, r.dialect, r.waitBeforeMs])).toEqual([
      [1, 200, 'json', null],
      [2, 429, 'text', 1000],
      [5, 429, 'text', 2000],
    ]);
    // The third request came 2 s after an answer that asked for 30.
    expect(s.requestFlags!.map((f) => [f.kind, f.line])).toEqual([['retry_after_ignored', 5]]);
  });

  it('a loop: many token requests to one authority seconds apart, judged from the requests', () => {
    const lines = Array.from({ length: 9 }, (_, i) => `2026-12-01T10:00:0${i}.000Z DEBUG urllib3.connectionpool: https://login.microsoftonline.com:443 "POST /${T}/oauth2/v2.0/token HTTP/1.1" 200 4316`);
    const s = scanText(lines.join('\n'));
    expect(s.requests).toHaveLength(9);
    expect(s.requestFlags!.map((f) => [f.kind, f.line])).toEqual([['request_loop', 1]]);
    // Device-code polls are never a loop.
    const polls = [`2026-12-01T10:00:00.000Z DEBUG urllib3.connectionpool: https://login.microsoftonline.com:443 "POST /${T}/oauth2/v2.0/devicecode HTTP/1.1" 200 300`, ...lines.map((l) => l.replace('" 200 4316', '" 400 120'))];
    const p = scanText(polls.join('\n'));
    expect(p.requests!.filter((r) => r.outcome === 'pending')).toHaveLength(9);
    expect(p.requestFlags).toEqual([]);
  });
});

describe('discovery and managed-identity requests', () => {
  // Lines as the libraries wrote them against the sandbox (test/fixtures/logs), cut to what each test needs.
  const PORT_URL = `https://127.0.0.1:35837/${T}/v2.0/.well-known/openid-configuration`;

  it('MSAL Python through urllib3: the OpenID configuration fetch, then the token request it was for', () => {
    const s = scanText(
      [
        `2026-12-04 22:04:42,118 DEBUG:urllib3.connectionpool:https://127.0.0.1:39909 "GET /${T}/v2.0/.well-known/openid-configuration HTTP/1.1" 200 1478`,
        `2026-12-04 22:04:42,118 DEBUG:msal.authority:openid_config = {'token_endpoint': 'https://127.0.0.1:39909/${T}/oauth2/v2.0/token', 'jwks_uri': 'https://127.0.0.1:39909/${T}/discovery/v2.0/keys'}`,
        `2026-12-04 22:04:42,120 DEBUG:urllib3.connectionpool:https://127.0.0.1:39909 "POST /${T}/oauth2/v2.0/token HTTP/1.1" 401 500`,
      ].join('\n'),
    );
    expect(s.requests!.map((r) => [r.line, r.endpoint, r.method, r.status, r.authority, r.outcome, r.waitBeforeMs])).toEqual([
      [1, 'discovery', 'GET', 200, `127.0.0.1:39909/${T}`, 'success', null],
      [3, 'token', 'POST', 401, `127.0.0.1:39909/${T}`, 'failure', 2],
    ]);
  });

  it('azure-core HTTP logging, Python: the request URL, then urllib3 and the response status on later lines', () => {
    const s = scanText(
      [
        `2026-12-04 22:09:10,205 INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: '${PORT_URL}'`,
        "Request method: 'GET'",
        'Request headers:',
        "    'User-Agent': 'azsdk-python-identity/1.13.0b2 Python/3.11.2 (Linux-6.18.44-fc-v1252-x86_64-with-glibc2.36)'",
        'No body was attached to the request',
        '2026-12-04 22:09:10,207 DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): 127.0.0.1:35837',
        `2026-12-04 22:09:10,213 DEBUG:urllib3.connectionpool:https://127.0.0.1:35837 "GET /${T}/v2.0/.well-known/openid-configuration HTTP/1.1" 200 1478`,
        '2026-12-04 22:09:10,214 INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 200',
      ].join('\n'),
    );
    expect(s.requests).toEqual([expect.objectContaining({ line: 1, endpoint: 'discovery', method: 'GET', status: 200, time: '2026-12-04 22:09:10,205', outcome: 'success' })]);
  });

  it('msal-node: the line before the fetch is the request; Azure Identity for JavaScript adds azure-core\'s record of it', () => {
    const msal = `[Fri, 04 Dec 2026 22:04:54 GMT] : [6ff065f9-9e51-4e70-a800-c903e8b00a2d] : @azure/msal-node@5.6.0 : Verbose - Authority.getEndpointMetadataFromNetwork: attempting to retrieve OAuth endpoints from '${PORT_URL}'`;
    expect(scanText(`${msal}\n`).requests).toEqual([expect.objectContaining({ endpoint: 'discovery', method: 'GET', status: null, dialect: 'msal-js', correlationId: '6ff065f9-9e51-4e70-a800-c903e8b00a2d' })]);
    const s = scanText(
      [
        `azure:identity:info ClientSecretCredential => MSAL Node V2 verbose message: ${msal}`,
        'azure:core-rest-pipeline:info Request: {',
        `  "url": "${PORT_URL}",`,
        '  "method": "GET",',
        '  "headers": {',
        '    "x-ms-client-request-id": "72bc391e-3bed-4918-b87e-b7fd0134d694"',
        '  },',
        '  "allowInsecureConnection": false',
        '}',
        'azure:core-rest-pipeline:info Response status code: 200',
        'azure:core-rest-pipeline:info Headers: {',
        '  "x-ms-request-id": "805a6ba7-c040-4ace-a0c3-539792bc73eb",',
      ].join('\n'),
    );
    expect(s.requests).toEqual([expect.objectContaining({ line: 1, endpoint: 'discovery', status: 200, requestId: '805a6ba7-c040-4ace-a0c3-539792bc73eb', dialect: 'azure-core-js' })]);
  });

  it('instance discovery is discovery, though its query names the authorize endpoint, and counts with the authority it asks about', () => {
    const s = scanText(
      [
        `2026-12-01 10:00:00,100 DEBUG:urllib3.connectionpool:https://login.microsoftonline.com:443 "GET /common/discovery/instance?api-version=1.0&authorization_endpoint=https%3A%2F%2Flogin.microsoftonline.com%2F${T}%2Foauth2%2Fv2.0%2Fauthorize HTTP/1.1" 200 945`,
        `2026-12-01 10:00:00,140 DEBUG:urllib3.connectionpool:https://login.microsoftonline.com:443 "GET /${T}/v2.0/.well-known/openid-configuration HTTP/1.1" 200 1753`,
        `{"time":"2026-12-01T10:00:01.000Z","msg":"GET https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/${T}/oauth2/v2.0/authorize 400"}`,
        `2026-12-01 10:00:02,000 DEBUG:urllib3.connectionpool:https://login.microsoftonline.com:443 "GET /common/discovery/instance?api-version=1.0&authorization_endpoint=%E0%A4%A HTTP/1.1" 200 945`,
      ].join('\n'),
    );
    expect(s.requests!.map((r) => [r.line, r.endpoint, r.status, r.authority])).toEqual([
      [1, 'discovery', 200, `login.microsoftonline.com/${T}`],
      [2, 'discovery', 200, `login.microsoftonline.com/${T}`],
      [3, 'discovery', 400, `login.microsoftonline.com/${T}`],
      [4, 'discovery', 200, 'login.microsoftonline.com/common'],
    ]);
    expect(s.requests![1]!.waitBeforeMs).toBe(40);
  });

  it('App Service managed identity (/msi/token, /MSI/token) and IMDS', () => {
    const s = scanText(
      [
        "2026-12-01 10:00:00,100 INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: 'http://127.0.0.1:41741/msi/token?api-version=2019-08-01&resource=REDACTED'",
        "Request method: 'GET'",
        '2026-12-01 10:00:00,180 INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 500',
        '2026-12-01 10:00:02,000 DEBUG:urllib3.connectionpool:http://127.0.0.1:41741 "GET /MSI/token/?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net HTTP/1.1" 200 1710',
        '2026-12-01 10:00:03,000 DEBUG:urllib3.connectionpool:http://169.254.169.254:80 "GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net HTTP/1.1" 400 120',
      ].join('\n'),
    );
    expect(s.requests!.map((r) => [r.line, r.endpoint, r.method, r.status])).toEqual([
      [1, 'managed_identity', 'GET', 500],
      [4, 'managed_identity', 'GET', 200],
      [5, 'managed_identity', 'GET', 400],
    ]);
  });
});
