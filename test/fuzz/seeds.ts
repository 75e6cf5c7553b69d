// Realistic starting points for mutation: one of each input shape the classifier recognises, plus the
// error lines of the sample logs. All identifiers are made up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TRACE = '4c3b1f6e-2a5d-4e7f-9a1b-3c5d7e9f1a2b';
const CORR = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6Im1hZGUtdXAifQ.' +
  'eyJhdWQiOiJhcGk6Ly9mdXp6IiwiaXNzIjoiaHR0cHM6Ly9zdHMud2luZG93cy5uZXQvMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwLyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwLCJzY3AiOiJVc2VyLlJlYWQiLCJ2ZXIiOiIxLjAifQ.' +
  'c2lnbmF0dXJlLW5vdC1yZWFs';

export const SEED_TOKEN = TOKEN;

const BASE_SEEDS: string[] = [
  // MSAL Python result dict
  `{'error': 'invalid_grant', 'error_description': 'AADSTS700082: The refresh token has expired due to inactivity. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-20 09:15:08Z', 'error_codes': [700082], 'timestamp': '2026-11-20 09:15:08Z', 'trace_id': '${TRACE}', 'correlation_id': '${CORR}', 'error_uri': 'https://login.microsoftonline.com/error?code=700082', 'suberror': 'bad_token', 'claims': '{"access_token":{"capolids":{"essential":true,"values":["1"]}}}'}`,
  // Token endpoint JSON
  `{"error":"interaction_required","error_description":"AADSTS50076: MFA needed. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-20 09:16:06Z","error_codes":[50076],"timestamp":"2026-11-20 09:16:06Z","trace_id":"${TRACE}","correlation_id":"${CORR}","claims":"{\\"access_token\\":{\\"acrs\\":{\\"essential\\":true,\\"value\\":\\"c1\\"}}}"}`,
  // Success body
  `{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"${TOKEN}"}`,
  // msal-js text
  `InteractionRequiredAuthError: interaction_required: AADSTS53003: Access has been blocked by Conditional Access policies. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-20 09:16:06Z`,
  `ServerError: invalid_client: Error(s): 7000215 - Timestamp: 2026-11-20 09:15:12Z - Description: AADSTS7000215: Invalid client secret provided. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-20 09:15:12Z - Correlation ID: ${CORR} - Trace ID: ${TRACE}`,
  // .NET exception text
  `Microsoft.Identity.Client.MsalUiRequiredException: AADSTS50076: MFA needed. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-20 09:16:06Z\n   ErrorCode: invalid_grant\n   Classification: BasicAction\n   StatusCode: 400\n   ResponseBody: {"error":"invalid_grant","error_codes":[50076],"suberror":"basic_action"}\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync()`,
  // azure-identity
  `azure.identity._exceptions.CredentialUnavailableError: ClientSecretCredential authentication failed: AADSTS7000222: The provided client secret keys are expired.`,
  // HTTP transcripts
  `HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Type: application/json\r\nx-ms-request-id: ${TRACE}\r\n\r\n{"error":"temporarily_unavailable","error_description":"AADSTS50196: loop detected"}`,
  `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcwMDAwMDAwMCJ9fX0="\r\nContent-Length: 0\r\n\r\n`,
  `HTTP/2 503\nretry-after: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/html\n\n<html><body>Proxy error</body></html>`,
  // WWW-Authenticate alone, several challenges
  `Bearer realm="api", error="invalid_token", error_description="The token expired", Negotiate, Basic realm="x\\"y", PoP nonce="abc"`,
  // Log lines
  `2026-11-20 09:15:11,600 ERROR auth: POST https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token client_id=11111111-2222-3333-4444-555555555555 error=invalid_client AADSTS7000215 correlation_id=${CORR}`,
  `Authorization: Bearer ${TOKEN}\nclient_secret=Zx8Q~made.up.secret.value_1234&grant_type=client_credentials`,
];

function sampleLines(): string[] {
  try {
    const dir = join(__dirname, '..', '..', 'samples');
    const out: string[] = [];
    for (const name of ['msal-python-app.log', 'msal-node-app.log', 'msal-dotnet-app.log']) {
      const lines = readFileSync(join(dir, name), 'utf8').split('\n');
      out.push(...lines.filter((l) => l.includes('AADSTS') || l.includes('error')).slice(0, 12));
    }
    return out;
  } catch {
    // The samples are optional: the built-in seeds cover every shape on their own.
    return [];
  }
}

export const SEEDS: readonly string[] = [...BASE_SEEDS, ...sampleLines()];
