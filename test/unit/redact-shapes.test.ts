// The redactor by key names and value shapes (issue 13, item 2): every shape the review found surviving,
// plus the near misses that must stay readable. Values here are made up.
import { describe, expect, it } from 'vitest';
import { redactSecrets, secretKind, SECRET_MARKER } from '../../src/core/redact';
import { createRedactStream } from '../../src/core/redact-stream';

// Plain values (no `~`, not base64-long): only the key says they are secret.
const PW = 'h7Rt2vLq9ZpX3s';
const ENTRA = 'xJ38Q~mWq3Tk.Fvq_ZR1pI4Yg2o9aLrtB-Ns6cUu';
const REFRESH = '1.AXoA' + 'M4-fpqNTWWdjdIE5pz1zJrbi1WUr3wrsZzL51Qg46uzN7o9XmUg-dtRUozG9zacXmvBwN9JJpK4PKT8PdvvYQqsrRu1jFtAOmhIg2RfK5JXaPoW5eGQDOe9VJK1EboocmZ0MNKB46_vwkf89aq6KqMGLRVsAIvg_9elxpx7tJRqQFRV9EKtKgbjzrenvseJKprrQCCAEzqjrUFq4Eth7-FUrPGrhmkjYv4f-IgjjAAaGgsALZIUsBhLXzZYZ9qiMAEA4K7lEafAWgH9k1mxXZsoV8bzeo3ZbRcXIT0L2';
const STORAGE_KEY = 'o3eCpfjioas0tKbUdCpRXSJWm6yeNK6szA55WNRH2yBY++O8QvMylAaw6p36Em7sCEPTyWFdOGNodL8kOkDicA==';
const SAS_SIG = 'k3RrQ9vZ%2BmX2pL7wN4tY8uV1sA6dF0gH5jK2lZ3xC9b%3D';
const PEM_BODY = [
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
];
const PEM = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY.join('\n')}\n-----END PRIVATE KEY-----`;

/** No run of 8 characters of `secret` is left in `out`. */
function noPiece(out: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(out, `"${secret.slice(i, i + 8)}" of ${secret.slice(0, 6)}… survived in: ${out}`).not.toContain(secret.slice(i, i + 8));
}

describe('redactSecrets: secret keys in any case and separator', () => {
  const cases: [string, string, string][] = [
    ['appsettings.json ClientSecret', `{ "AzureAd": { "ClientId": "11111111-2222-3333-4444-555555555555", "ClientSecret": "${PW}" } }`, PW],
    ['msal-node clientSecret', `const config = { auth: { clientId: "x", clientSecret: '${PW}' } };`, PW],
    ['env AZURE_CLIENT_SECRET', `AZURE_CLIENT_SECRET=${PW}\nAZURE_TENANT_ID=abc`, PW],
    ['export with quotes', `export AZURE_CLIENT_SECRET="${PW}"`, PW],
    ['PowerShell env', `$env:AZURE_CLIENT_SECRET = '${PW}'`, PW],
    ['refreshToken camel', `{"refreshToken":"${PW}","expiresOn":1700000000}`, PW],
    ['RefreshToken Pascal', `RefreshToken = ${PW}`, PW],
    ['App Service header', `X-MS-TOKEN-AAD-REFRESH-TOKEN: ${PW}\r\nX-MS-CLIENT-PRINCIPAL-NAME: user@contoso.example`, PW],
    ['storage AccountKey', `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${PW};EndpointSuffix=core.windows.net`, PW],
    ['Service Bus SharedAccessKey', `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${PW}`, PW],
    ['SQL Password', `Server=tcp:x.database.windows.net;User ID=app;Password=${PW};Encrypt=True`, PW],
    ['SQL Pwd', `Driver={ODBC Driver 18};Server=x;Uid=app;Pwd=${PW};`, PW],
    ['SAS sig', `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&sp=r&se=2026-01-01&sig=${SAS_SIG}`, SAS_SIG],
    ['PKCE code_verifier', `grant_type=authorization_code&code_verifier=${PW}&client_id=x`, PW],
    ['URL-encoded client_secret', `body=grant_type%3Dclient_credentials%26client_secret%3D${PW}%26scope%3Dx`, PW],
    ['URL-encoded JSON', encodeURIComponent(`{"clientSecret":"${PW}"}`), PW],
    ['YAML value on the next line', `auth:\n  clientSecret:\n    ${PW}\n  clientId: abc\n`, PW],
    ['YAML block scalar', `password: |\n  ${PW}\nuser: app\n`, PW],
    ['--client-secret VALUE', `az ad sp credential reset --id x --client-secret ${PW} --years 1`, PW],
    ['--password VALUE quoted', `az login --service-principal -u app --password "${PW}" --tenant t`, PW],
    ['-p VALUE', `az login --service-principal -u 11111111-2222-3333-4444-555555555555 -p ${PW} --tenant t`, PW],
    ['URL userinfo', `proxy: http://svc-user:${PW}@proxy.contoso.example:8080/`, PW],
    ['MSAL.NET builder', `.WithClientSecret("${PW}")`, PW],
    ['MSAL Python client_credential', `ConfidentialClientApplication(cid, client_credential="${PW}", authority=a)`, PW],
    ['JSON escaped three times', JSON.stringify(JSON.stringify(JSON.stringify({ client_secret: PW }))), PW],
    ['password with quote, backslash and tab (JSON)', JSON.stringify({ password: `a"b\\c\td${PW}` }), PW],
    ['api key header', `Ocp-Apim-Subscription-Key: ${PW}`, PW],
    ['secretText (Graph addPassword)', `{"keyId":"k","secretText":"${PW}","hint":"h7R"}`, PW],
    ['connection-string Password with spaces', 'Server=tcp:x.database.windows.net;User ID=app;Password=correct horse battery staple;Encrypt=True', 'horse battery staple'],
    ['ODBC Pwd in braces with ; inside', 'Driver={ODBC Driver 18};Server=x;Uid=app;Pwd={tr0ub;4dor }}x};Encrypt=yes', 'tr0ub;4dor }}x'],
    ['connection-string Password quoted with ;', 'Server=x;User Id=app;Password="s3cr;et value";Trusted_Connection=False', 's3cr;et value'],
    ['docker login -p', 'docker login -u bob -p Tr0ub4dor3x registry.contoso.example', 'Tr0ub4dor3x'],
    ['sqlcmd -P', 'sqlcmd -S srv -U sa -P Passw0rdXyz -Q "select 1"', 'Passw0rdXyz'],
    ['sshpass -p', 'sshpass -p hunter2horse ssh deploy@host', 'hunter2horse'],
    // The Azure CLI's --debug output as the real az 2.45 writes it (test/fixtures/logs/azure-cli).
    ['az --debug argument list, -p', "DEBUG: cli.knack.cli: Command arguments: ['login', '--service-principal', '-u', 'app', '-p', 'Tr0ub4dor3x', '--tenant', 't']", 'Tr0ub4dor3x'],
    ['argv as a JSON array, --password and --client-secret', '["login", "--password", "hunter2horse", "--client-secret", "xyzzy-s3cret"]', 'hunter2horse'],
    ['argv list, --client-secret', "['az', 'ad', 'sp', 'create', '--client-secret', 'xyzzy-s3cret']", 'xyzzy-s3cret'],
  ];
  for (const [name, text, secret] of cases) {
    it(name, () => {
      const out = redactSecrets(text);
      noPiece(out, secret);
      expect(out).toContain('[redacted');
    });
  }
});

describe('redactSecrets: secret values by their shape alone', () => {
  const cases: [string, string, string][] = [
    ['Entra client secret', `using secret ${ENTRA} for app`, ENTRA],
    ['refresh token', `cached RT ${REFRESH} (expires later)`, REFRESH],
    ['storage key (base64)', `key1 ${STORAGE_KEY}`, STORAGE_KEY],
    ['PEM private key', `key file:\n${PEM}\n`, PEM_BODY.join('')],
    ['PEM private key, JSON-escaped', JSON.stringify({ note: PEM }), PEM_BODY.join('')],
    ['base64 of a config with a secret', Buffer.from(`{"clientSecret":"${PW}","tenant":"contoso"}`).toString('base64'), Buffer.from(`{"clientSecret":"${PW}","tenant":"contoso"}`).toString('base64').slice(8, 40)],
    ['Entra secret wrapped over two lines', `client_secret=${ENTRA.slice(0, 22)}\n${ENTRA.slice(22)}&scope=x`, ENTRA],
  ];
  for (const [name, text, secret] of cases) {
    it(name, () => {
      const out = redactSecrets(text);
      for (const piece of secret.split('\n')) noPiece(out, piece);
    });
  }

  it('keeps the PEM markers so the reader knows what was there', () => {
    expect(redactSecrets(PEM)).toBe(`-----BEGIN PRIVATE KEY-----\n${SECRET_MARKER}\n-----END PRIVATE KEY-----`);
  });
});

describe('redactSecrets: a value left alone is still searched', () => {
  it('a weak key whose value is prose does not hide the keys inside it', () => {
    for (const text of [`{"token": "x client_secret=${PW}"}`, `token: 'see password=${PW} below'`, `key = "a b" ; clientSecret: "${PW}"`]) {
      noPiece(redactSecrets(text), PW);
    }
  });

  it('stays linear when many skipped values share one long line and a long next line', () => {
    const text = 'token=token '.repeat(40_000) + 'token=' + 'a'.repeat(200_000) + '\n' + 'b'.repeat(400_000);
    const t0 = performance.now();
    redactSecrets(text);
    expect(performance.now() - t0).toBeLessThan(2_000);
    const quoted = "'token': '".repeat(60_000);
    const t1 = performance.now();
    redactSecrets(quoted);
    expect(performance.now() - t1).toBeLessThan(2_000);
  });
});

describe('redactSecrets: what must stay readable', () => {
  const keep = [
    'EnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.',
    'ClientSecretCredential.get_token failed: AADSTS7000215: Invalid client secret provided.',
    '{"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "token_endpoint": "https://login.microsoftonline.com/t/oauth2/v2.0/token"}',
    'Failed to acquire token: interaction_required',
    'correlation_id=c4d2e6f8-1a3b-4c5d-9e7f-2b4d6f8a0c1e trace_id=7f2c1d3e-0000-4b5a-9c8d-aa11bb22cc33',
    '{"error_codes": [50076], "error_code": "invalid_grant", "code": 400, "user_code": "FJ2KQ7XYZ"}',
    'SharedAccessKeyName=RootManageSharedAccessKey;EntityPath=orders',
    'GET https://graph.microsoft.com/v1.0/users?$skiptoken=abc&$top=10',
    'ssh -p 2222 host',
    'mkdir -p build/output && cp -p a.txt build/output',
    "args: ['mkdir', '-p', 'build/output'] ['openssl', 'req', '--key-file', 'a.pem', '--key', 'signing']",
    'pip install --user -r requirements.txt; git add -p src',
    'Server=tcp:x.database.windows.net;Database=orders;Encrypt=True;Connection Timeout=30',
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&response_type=code',
    'InvalidAuthenticationTokenAudience: The access token has been obtained for wrong audience or resource',
    'at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync(CancellationToken cancellationToken)',
    '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/my-rg/providers/Microsoft.Web/sites/app',
    'WWW-Authenticate: Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19"',
    'partitionKey: orders-2024, rowKey: 00012345, publicKey: none',
  ];
  for (const text of keep) it(text.slice(0, 60), () => expect(redactSecrets(text)).toBe(text));
});

describe('secretKind: what a value looked like, for messages that must not show it', () => {
  it('names the kind of secret', () => {
    expect(secretKind(ENTRA)).toBe('client secret');
    expect(secretKind(REFRESH)).toBe('refresh token');
    expect(secretKind(`client_secret=${PW}`)).toBe('client secret');
    expect(secretKind(PEM)).toBe('private key');
    expect(secretKind('app.log')).toBeNull();
    expect(secretKind('./logs/2024-05-01/msal-python-app.log')).toBeNull();
  });
});

describe('createRedactStream: the same answer as redacting the whole text, chunk by chunk', () => {
  const line = (i: number): string => {
    switch (i % 7) {
      case 0: return `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} took 12 ms`;
      case 1: return `2024-05-01T10:00:01Z DEBUG client_secret=${ENTRA}&scope=x`;
      case 2: return `  clientSecret:\n    ${PW}${i}`;
      case 3: return PEM;
      case 4: return `token wrapped ${REFRESH.slice(0, 40)}\n${REFRESH.slice(40)}`;
      case 5: return `{"refresh_token": "${REFRESH}", "id_token": null}`;
      default: return `Authorization: Bearer ${STORAGE_KEY}`;
    }
  };
  it('on a 3 MB log fed in uneven pieces', () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 3_000_000; i++) {
      lines.push(line(i));
      size += lines[lines.length - 1]!.length + 1;
    }
    const text = lines.join('\n') + '\n';
    const stream = createRedactStream(undefined, { chunkChars: 64 * 1024 });
    let out = '';
    for (let at = 0, step = 1; at < text.length; at += step, step = (step * 7919) % 100_003 + 1) out += stream.push(text.slice(at, at + step));
    out += stream.end();
    expect(out === redactSecrets(text)).toBe(true);
  });
});
