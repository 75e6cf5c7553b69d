// Generated inputs for the classifier: every input shape the classifier knows,
// with codes, ids and timestamps varied so no two inputs are the same text. Nothing here is a real
// secret or a real token.
import { CODES, guid, Rng } from './gen-log';

export const SHAPES = ['msal_python', 'token_endpoint_json', 'msal_js', 'msal_dotnet', 'azure_identity', 'http_response', 'log_line', 'unknown'] as const;
export type Shape = (typeof SHAPES)[number];

export interface ClassifyInput {
  shape: Shape;
  text: string;
}

function ts(r: Rng): string {
  return `2026-11-${String(10 + r.int(18)).padStart(2, '0')} ${String(r.int(24)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}Z`;
}

function one(shape: Shape, r: Rng): string {
  const c = CODES[r.int(CODES.length)]!;
  const trace = guid(r);
  const corr = guid(r);
  const t = ts(r);
  const desc = `AADSTS${c.code}: ${c.desc} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${t}`;
  switch (shape) {
    case 'msal_python':
      return `{'error': '${c.error}', 'error_description': '${desc}', 'error_codes': [${c.code}], 'timestamp': '${t}', 'trace_id': '${trace}', 'correlation_id': '${corr}', 'error_uri': 'https://login.microsoftonline.com/error?code=${c.code}'${r.int(3) === 0 ? ", 'suberror': 'basic_action', 'claims': '{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"" + guid(r) + "\"]}}}'" : ''}}`;
    case 'token_endpoint_json':
      return JSON.stringify({ error: c.error, error_description: desc, error_codes: [c.code], timestamp: t, trace_id: trace, correlation_id: corr, error_uri: `https://login.microsoftonline.com/error?code=${c.code}` }, null, r.int(2) ? 2 : 0);
    case 'msal_js': {
      const kind = c.error === 'interaction_required' ? 'InteractionRequiredAuthError' : 'ServerError';
      return `${kind}: ${c.error}: ${desc}\n    at ${kind}.create (node_modules/@azure/msal-common/dist/error/${kind}.mjs:95:12)\n    at ResponseHandler.validateTokenResponse (node_modules/@azure/msal-common/dist/response/ResponseHandler.mjs:62:19)`;
    }
    case 'msal_dotnet': {
      const kind = c.error === 'interaction_required' ? 'MsalUiRequiredException' : 'MsalServiceException';
      return `Microsoft.Identity.Client.${kind}: ${desc}\n   ErrorCode: ${c.error}\n   StatusCode: 400\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.HandleTokenRefreshErrorAsync(MsalServiceException e, MsalAccessTokenCacheItem item)`;
    }
    case 'azure_identity':
      return `azure.core.exceptions.ClientAuthenticationError: DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\n\tManagedIdentityCredential: ManagedIdentityCredential authentication unavailable, no response from the IMDS endpoint.\n\tAzureCliCredential: ${desc}. Run 'az login' to set up an account.`;
    case 'http_response': {
      const status = c.error === 'temporarily_unavailable' ? 429 : c.error === 'invalid_client' ? 401 : 400;
      const body = JSON.stringify({ error: c.error, error_description: desc, error_codes: [c.code], timestamp: t, trace_id: trace, correlation_id: corr });
      return `HTTP/1.1 ${status} ${status === 429 ? 'Too Many Requests' : status === 401 ? 'Unauthorized' : 'Bad Request'}\nContent-Type: application/json; charset=utf-8\n${status === 429 ? `Retry-After: ${1 + r.int(60)}\n` : ''}x-ms-request-id: ${trace}\nclient-request-id: ${corr}\nx-ms-ests-server: 2.1.19000.5 - WEULR1 ProdSlices\nDate: Fri, 20 Nov 2026 09:17:25 GMT\n\n${body}`;
    }
    case 'log_line':
      return `${t.replace('Z', '').replace(' ', ' ')},${String(r.int(1000)).padStart(3, '0')} ERROR   orders.worker: token request failed error=${c.error} AADSTS${c.code} correlation_id=${corr} trace_id=${trace}`;
    case 'unknown':
      return r.int(2) ? `Deployment ${guid(r)} finished in ${r.int(900)} s with ${r.int(5)} warnings.` : `The quick brown fox ${r.int(1e6)} jumps over the lazy dog.`;
  }
}

/** `count` inputs, shapes in equal shares, shuffled. */
export function classifyInputs(count: number, seed = 7): ClassifyInput[] {
  const r = new Rng(seed);
  const out: ClassifyInput[] = [];
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length]!;
    out.push({ shape, text: one(shape, r) });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
