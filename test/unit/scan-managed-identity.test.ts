// Managed-identity answers as the request reader labels them. Their errors are not Entra's: IMDS says
// "Identity not found" in an OAuth-shaped body that azure-core does not log, so the reader takes the
// endpoint's message where an SDK quotes it and the status otherwise (the lines below are the shapes
// recorded from Azure Identity for Python and JavaScript in test/fixtures/logs).
import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/scan/index';
import { managedIdentityCategory, managedIdentityMessage } from '../../src/core/scan/managed-identity';

const IMDS = 'http://127.0.0.1:43555/metadata/identity/oauth2/token?api-version=REDACTED&resource=REDACTED&client_id=REDACTED';

/** One azure-core (Python) record of an IMDS request and its answer, and what the SDK logged after it. */
function pythonRecord(status: number, after: string[] = [], at = '00:45:06,600', headers: string[] = []): string {
  return [
    `2026-12-05 ${at} INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: '${IMDS}'`,
    "Request method: 'GET'",
    'Request headers:',
    "    'Metadata': 'REDACTED'",
    'No body was attached to the request',
    `2026-12-05 ${at} INFO:azure.core.pipeline.policies.http_logging_policy:Response status: ${status}`,
    'Response headers:',
    "    'content-type': 'application/json; charset=utf-8'",
    ...headers,
    "    'server': 'IMDS/150.870.65.1544'",
    ...after,
  ].join('\n');
}

describe('managed-identity answers in a log', () => {
  it('IMDS "Identity not found" (Python): the error value from the traceback, the identity not assigned to the host', () => {
    const log = pythonRecord(400, [
      '2026-12-05 00:45:06,603 WARNING:azure.identity._internal.get_token_mixin:ImdsCredential.get_token failed: ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.',
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3/dist-packages/azure/identity/_credentials/imds.py", line 90, in _request_token',
      '    token = self._client.request_token(*scopes, headers={"Metadata": "true"})',
      '  File "/usr/lib/python3/dist-packages/azure/identity/_internal/managed_identity_client.py", line 58, in _process_response',
      '    raise ClientAuthenticationError(',
      `azure.core.exceptions.ClientAuthenticationError: Unexpected response "{'error': 'invalid_request', 'error_description': 'Identity not found'}"`,
      'Content: {"error":"invalid_request","error_description":"Identity not found"}',
    ]);
    const [r, ...rest] = scanText(log).requests ?? [];
    expect(rest).toEqual([]);
    // invalid_request alone reads as a malformed request; the endpoint's message says who must act.
    expect(r).toMatchObject({ endpoint: 'managed_identity', method: 'GET', status: 400, error: 'invalid_request', outcome: 'failure', category: 'app_config' });
  });

  it('a 400 with no body in the log (azure-core JS writes none) reads as the SDKs read it: identity not assigned', () => {
    const [r] = scanText(pythonRecord(400)).requests ?? [];
    expect(r).toMatchObject({ endpoint: 'managed_identity', status: 400, error: null, category: 'app_config', outcome: 'failure' });
  });

  it('IMDS statuses: 404 and 410 while it updates and 5xx are transient, 429 throttled, 403 (Docker Desktop) network', () => {
    const read = (status: number) => (scanText(pythonRecord(status)).requests ?? [])[0];
    expect(read(404)).toMatchObject({ category: 'transient', outcome: 'failure' });
    expect(read(410)).toMatchObject({ category: 'transient', outcome: 'failure' });
    expect(read(500)).toMatchObject({ category: 'transient', outcome: 'failure' });
    expect(read(503)).toMatchObject({ category: 'transient', outcome: 'failure' });
    expect(read(429)).toMatchObject({ category: 'throttled', outcome: 'throttled' });
    expect(read(403)).toMatchObject({ category: 'network', outcome: 'failure' });
    expect(read(200)).toMatchObject({ category: 'success', outcome: 'success' });
  });

  it('a request without the Metadata header is the caller\'s mistake, not a missing identity', () => {
    const [r] = scanText(pythonRecord(400, ['Content: {"error":"invalid_request","error_description":"Required metadata header not specified"}'])).requests ?? [];
    expect(r).toMatchObject({ error: 'invalid_request', category: 'misuse' });
  });

  it('an error text far below a managed-identity request that succeeded is not its failure', () => {
    const [r] = scanText(pythonRecord(200, ['2026-12-05 00:45:07,000 ERROR:app:upload failed: error=invalid_request'])).requests ?? [];
    expect(r).toMatchObject({ status: 200, error: null, category: 'success' });
  });

  it('an Entra token request keeps the general reading (a bare 400 is no managed identity)', () => {
    const log = pythonRecord(400).replace(IMDS, 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token').replace("'GET'", "'POST'");
    const [r] = scanText(log).requests ?? [];
    expect(r).toMatchObject({ endpoint: 'token', status: 400 });
    expect(r!.category).not.toBe('app_config');
  });

  it('a retry of a throttled IMDS request sooner than its Retry-After is flagged; one after it is not', () => {
    const throttled = pythonRecord(429, [], '00:45:06,600', ["    'retry-after': '2'"]);
    const soon = [throttled, pythonRecord(200, [], '00:45:07,600')].join('\n');
    const s = scanText(soon);
    expect(s.requests!.map((r) => [r.endpoint, r.status, r.retryAfterSeconds, r.waitBeforeMs])).toEqual([
      ['managed_identity', 429, 2, null],
      ['managed_identity', 200, null, 1000],
    ]);
    expect(s.requestFlags!.map((f) => [f.kind, f.line])).toEqual([['retry_after_ignored', 11]]);
    expect(scanText([throttled, pythonRecord(200, [], '00:45:08,700')].join('\n')).requestFlags).toEqual([]);
  });

  it('knows the endpoints\' messages, and only those', () => {
    expect(managedIdentityMessage('Content: {"error":"invalid_request","error_description":"Identity not found"}')).toBe('Identity not found');
    expect(managedIdentityMessage('{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"x"}')).toBe('Unable to load the proper Managed Identity');
    expect(managedIdentityMessage('The requested identity has not been assigned to this resource.')).not.toBeNull();
    expect(managedIdentityMessage('Identity is fine')).toBeNull();
    expect(managedIdentityCategory(400, 'Identity not found')).toBe('app_config');
    expect(managedIdentityCategory(400, 'Required metadata header not specified')).toBe('misuse');
    expect(managedIdentityCategory(418, null)).toBeNull();
    expect(managedIdentityCategory(null, null)).toBeNull();
  });
});
