// auth_code_pkce: the browser signs the user in and comes back to a loopback listener with a code,
// which is redeemed with the PKCE verifier.
import type { Classification } from '../../types';
import { createPkcePair, randomState, startLoopbackListener } from '../loopback';
import { classifyAttempt, localClassification } from '../outcome';
import { MAX_TIMER_MS, seconds } from '../policy';
import { cancelledClassification, safeUrl, settingsFailure } from '../timeline';
import { askTokenEndpoint, grantForm, spaHeaders, type Grant, type GrantContext } from './context';

function authorizeUrl(context: GrantContext, authorizationEndpoint: string, redirectUri: string, state: string, challenge: string): URL {
  const url = new URL(authorizationEndpoint);
  url.searchParams.set('client_id', context.settings.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', context.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('response_mode', 'query');
  if (context.claims) url.searchParams.set('claims', context.claims);
  return url;
}

/** The authorize endpoint's error travels in the redirect; it is classified like a token-endpoint body. */
function redirectError(answer: { error: string; errorDescription?: string | null; errorCodes?: string | null; claims?: string | null }, secrets: readonly string[]): Classification {
  const body = JSON.stringify({
    error: answer.error,
    error_description: answer.errorDescription ?? undefined,
    error_codes: answer.errorCodes ? answer.errorCodes.split(/[,\s]+/).map(Number).filter(Number.isFinite) : undefined,
    claims: answer.claims ?? undefined,
  });
  return classifyAttempt({ status: 400, headers: { 'content-type': 'application/json' }, body, networkError: null, networkKind: null, durationMs: 0 }, secrets);
}

export const authCode: Grant = async (context) => {
  const { run, settings, endpoints } = context;
  if (!endpoints.authorizationEndpoint) {
    return { result: run.finish(localClassification({ category: 'app_config', summary: 'This authority has no authorization endpoint, so the authorization code flow cannot be used.' })) };
  }
  const openBrowser = run.options.openBrowser;
  if (!openBrowser) return { result: settingsFailure(run.operation, ['auth_code_pkce needs an openBrowser callback'], run.options) };
  const configured = settings.redirectUri ? new URL(settings.redirectUri) : null;
  if (configured && !(configured.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(configured.hostname))) {
    return {
      result: settingsFailure(run.operation, [`redirectUri: ${settings.redirectUri} is not a loopback URI; Auth Lens listens on http://127.0.0.1 or http://localhost (any port)`], run.options),
    };
  }
  const pkce = createPkcePair();
  const state = randomState();
  run.secrets.push(pkce.verifier);
  let listener;
  try {
    listener = await startLoopbackListener({
      state,
      path: configured?.pathname ?? '/',
      timeoutMs: Math.min(Math.max(context.loopbackTimeoutMs, 1), MAX_TIMER_MS),
      signal: run.signal,
      hostName: configured?.hostname === 'localhost' ? 'localhost' : '127.0.0.1',
    });
  } catch (error) {
    if (run.cancelled) return { result: run.finish(cancelledClassification(), { cancelled: true }) };
    return { result: run.finish(localClassification({ category: 'misuse', summary: `The loopback listener could not start: ${(error as Error).message}.` })) };
  }
  const authorize = authorizeUrl(context, endpoints.authorizationEndpoint, listener.redirectUri, state, pkce.challenge);
  const startMs = run.elapsed();
  try {
    await openBrowser(authorize.toString());
  } catch (error) {
    listener.close();
    return { result: run.finish(localClassification({ category: 'misuse', summary: `The browser could not be opened: ${(error as Error).message}.` })) };
  }
  const answer = await listener.result;
  const browserStep = (classification: Classification, decision: 'done' | 'stop', reason: string) =>
    run.recordLocal({ startMs, durationMs: run.elapsed() - startMs, method: 'GET', url: safeUrl(authorize.toString()), decision, reason, classification });
  if (answer.kind === 'cancelled') {
    const c = cancelledClassification();
    browserStep(c, 'stop', 'cancelled by the caller while waiting for the browser sign-in');
    return { result: run.finish(c, { cancelled: true }) };
  }
  if (answer.kind === 'timeout') {
    const c = localClassification({
      category: 'interaction_required',
      actor: 'user',
      summary: `The browser sign-in did not come back within ${seconds(context.loopbackTimeoutMs)}.`,
      nextSteps: ['Run the request again and finish the sign-in in the browser window that opens.'],
    });
    browserStep(c, 'stop', 'no redirect arrived at the loopback listener before the time limit');
    return { result: run.finish(c) };
  }
  if (answer.kind === 'error') {
    const c = redirectError(answer, run.secrets);
    browserStep(c, 'stop', `the authorize step answered ${answer.error}`);
    return { result: run.finish(c) };
  }
  const code = answer.code;
  run.secrets.push(code);
  browserStep(
    localClassification({ category: 'pending', actor: 'none', appAction: 'none', summary: 'The browser sign-in returned an authorization code.' }),
    'done',
    'authorization code received on the loopback redirect (state matched)',
  );
  const redirectUri = listener.redirectUri;
  const outcome = await askTokenEndpoint(
    context,
    () => grantForm(context, 'authorization_code', { code, redirect_uri: redirectUri, code_verifier: pkce.verifier }),
    spaHeaders(settings),
  );
  return { outcome };
};
