// Per-library code for the two things an app most often has to do after a failure: pass a claims
// challenge back, and fall back to an interactive sign-in (MSAL Python, msal-node, msal-browser,
// MSAL.NET). The panel shows them in tabs; the steps quote the same calls.

export interface Snippet {
  language: 'python' | 'javascript' | 'csharp';
  library: 'MSAL Python' | 'msal-node' | 'msal-browser' | 'MSAL.NET';
  code: string;
}

function pyString(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n') + "'";
}

function csVerbatim(s: string): string {
  return '@"' + s.replace(/"/g, '""') + '"';
}

function pyList(scopes: readonly string[]): string {
  return '[' + scopes.map(pyString).join(', ') + ']';
}

function jsList(scopes: readonly string[]): string {
  return '[' + scopes.map((s) => JSON.stringify(s)).join(', ') + ']';
}

function csArray(scopes: readonly string[]): string {
  return 'new[] { ' + scopes.map((s) => JSON.stringify(s)).join(', ') + ' }';
}

function cleanScopes(scopes: readonly string[] | undefined): string[] {
  const list = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()) : [];
  return list.length > 0 ? list.slice(0, 20) : ['<scope>'];
}

/**
 * How to pass a claims challenge back, per library. `claimsJson` is the decoded JSON text; it is
 * embedded as a correctly escaped string literal in each language.
 */
export function claimsSnippets(claimsJson: string, scopes?: readonly string[]): Snippet[] {
  const claims = typeof claimsJson === 'string' ? claimsJson : String(claimsJson);
  const s = cleanScopes(scopes);
  return [
    {
      language: 'python',
      library: 'MSAL Python',
      code: [
        `claims = ${pyString(claims)}`,
        '# Declare client_capabilities=["CP1"] when building the app so resources send challenges.',
        `result = app.acquire_token_interactive(${pyList(s)}, claims_challenge=claims)`,
        '# The same claims_challenge= works on acquire_token_silent, acquire_token_by_auth_code_flow,',
        '# initiate_device_flow, acquire_token_for_client and acquire_token_on_behalf_of.',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-node',
      code: [
        `const claims = ${JSON.stringify(claims)};`,
        '// auth: { clientId, authority, clientCapabilities: ["CP1"] } in the PublicClientApplication config',
        `const result = await pca.acquireTokenInteractive({ scopes: ${jsList(s)}, claims, openBrowser });`,
        '// Confidential clients: cca.acquireTokenByClientCredential({ scopes, claims }) / acquireTokenOnBehalfOf({ oboAssertion, scopes, claims })',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-browser',
      code: [
        `const claims = ${JSON.stringify(claims)};`,
        `await msalInstance.acquireTokenRedirect({ scopes: ${jsList(s)}, claims });`,
        '// or: const result = await msalInstance.acquireTokenPopup({ scopes, claims });',
      ].join('\n'),
    },
    {
      language: 'csharp',
      library: 'MSAL.NET',
      code: [
        `string claims = ${csVerbatim(claims)}; // or ex.Claims from MsalUiRequiredException`,
        '// Build the app with .WithClientCapabilities(new[] { "cp1" }) so resources send challenges.',
        `var result = await app.AcquireTokenInteractive(${csArray(s)})`,
        '    .WithClaims(claims)',
        '    .ExecuteAsync();',
      ].join('\n'),
    },
  ];
}

/** How to fall back to an interactive sign-in with the same scopes, per library. */
export function interactiveSnippets(scopes?: readonly string[]): Snippet[] {
  const s = cleanScopes(scopes);
  return [
    {
      language: 'python',
      library: 'MSAL Python',
      code: [
        `result = app.acquire_token_silent(${pyList(s)}, account=account)`,
        'if not result:',
        `    result = app.acquire_token_interactive(${pyList(s)})`,
        '# No browser? flow = app.initiate_device_flow(scopes); result = app.acquire_token_by_device_flow(flow)',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-node',
      code: [
        'try {',
        `  result = await pca.acquireTokenSilent({ account, scopes: ${jsList(s)} });`,
        '} catch (e) {',
        '  if (!(e instanceof InteractionRequiredAuthError)) throw e;',
        `  result = await pca.acquireTokenInteractive({ scopes: ${jsList(s)}, openBrowser });`,
        '}',
      ].join('\n'),
    },
    {
      language: 'javascript',
      library: 'msal-browser',
      code: [
        `msalInstance.acquireTokenSilent({ account, scopes: ${jsList(s)} }).catch((e) => {`,
        '  if (e instanceof InteractionRequiredAuthError) {',
        `    return msalInstance.acquireTokenRedirect({ scopes: ${jsList(s)} });`,
        '  }',
        '  throw e;',
        '});',
      ].join('\n'),
    },
    {
      language: 'csharp',
      library: 'MSAL.NET',
      code: [
        'try {',
        `    result = await app.AcquireTokenSilent(${csArray(s)}, account).ExecuteAsync();`,
        '} catch (MsalUiRequiredException) {',
        `    result = await app.AcquireTokenInteractive(${csArray(s)}).WithAccount(account).ExecuteAsync();`,
        '}',
      ].join('\n'),
    },
  ];
}
