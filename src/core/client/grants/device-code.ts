// device_code (RFC 8628): ask for a user code, show it, then poll the token endpoint at the server's
// interval until the user has signed in, declined, or the code expired.
import type { DeviceCodeInfo } from '../client-types';
import type { FinalOverride } from '../request';
import { localClassification } from '../outcome';
import { sleep } from '../policy';
import { cancelledClassification, safeUrl, settingsFailure } from '../timeline';
import { grantForm, type Grant, type GrantContext } from './context';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function deviceCodeInfo(json: Record<string, unknown>): DeviceCodeInfo {
  return {
    userCode: String(json.user_code ?? ''),
    verificationUri: String(json.verification_uri ?? json.verification_url ?? ''),
    verificationUriComplete: typeof json.verification_uri_complete === 'string' ? json.verification_uri_complete : null,
    message: typeof json.message === 'string' ? json.message : null,
    expiresInSeconds: Number(json.expires_in) > 0 ? Number(json.expires_in) : 900,
    // RFC 8628's default is 5 s; an absurd interval is capped rather than trusted.
    intervalSeconds: Number(json.interval) >= 0 && json.interval !== undefined ? Math.min(Number(json.interval), 600) : 5,
  };
}

/** How a poll's answer moves the polling on: pending and slow_down wait, expiry and refusal stop. */
function pollDecision(error: string | null, info: DeviceCodeInfo, deadline: number): FinalOverride | null {
  const left = deadline - Date.now();
  if (error === 'authorization_pending' || error === 'slow_down') {
    if (error === 'slow_down') info.intervalSeconds += 5;
    const waitMs = info.intervalSeconds * 1000;
    if (left <= waitMs) return { decision: 'stop', reason: `${error}; the device code expires before the next poll`, waitMs: 0 };
    return {
      decision: 'wait',
      reason: error === 'slow_down' ? `slow_down: polling interval raised by 5 s to ${info.intervalSeconds} s` : `authorization_pending: the user has not finished; polling again in ${info.intervalSeconds} s`,
      waitMs,
    };
  }
  if (error === 'expired_token') return { decision: 'stop', reason: 'expired_token: the device code expired; start again', waitMs: 0 };
  if (error === 'access_denied') return { decision: 'stop', reason: 'access_denied: the user declined or a policy refused the sign-in', waitMs: 0 };
  return null;
}

async function start(context: GrantContext, deviceAuthorizationEndpoint: string) {
  return context.exchange(context.run, {
    method: 'POST',
    url: deviceAuthorizationEndpoint,
    expect: 'device',
    buildForm: async () => grantForm(context, null, {}, { secret: false }),
    describeSuccess: (answer) =>
      localClassification({
        category: 'pending',
        actor: 'user',
        appAction: 'poll',
        httpStatus: 200,
        summary: `A device code was issued; the user must enter it at ${String(answer.verification_uri ?? answer.verification_url ?? 'the verification page')} within ${String(answer.expires_in ?? '?')} seconds.`,
      }),
  });
}

export const deviceCode: Grant = async (context) => {
  const { run, endpoints } = context;
  if (!endpoints.deviceAuthorizationEndpoint) {
    return {
      result: run.finish(
        localClassification({
          category: 'app_config',
          summary: `This authority (${endpoints.kind}) offers no device authorization endpoint, so the device code flow cannot be used with it.`,
          nextSteps: ['Use auth_code_pkce instead, or configure endpoints.deviceAuthorization for an OpenID Connect issuer that has one.'],
        }),
      ),
    };
  }
  if (!run.options.onDeviceCode) {
    return { result: settingsFailure(run.operation, ['device_code needs an onDeviceCode callback to show the user code'], run.options) };
  }
  const started = await start(context, endpoints.deviceAuthorizationEndpoint);
  if (!started.ok || !started.json) return { outcome: started };
  const deviceCodeValue = String(started.json.device_code);
  run.secrets.push(deviceCodeValue);
  const info = deviceCodeInfo(started.json);
  try {
    // Not awaited for the polling: the callback may keep a prompt open while we poll.
    void Promise.resolve(run.options.onDeviceCode({ ...info })).catch(() => undefined);
  } catch {
    // The caller's display problem is not a protocol failure.
  }
  const deadline = Date.now() + info.expiresInSeconds * 1000;
  for (;;) {
    const poll = await context.exchange(run, {
      method: 'POST',
      url: endpoints.tokenEndpoint,
      expect: 'token',
      buildForm: async () => grantForm(context, DEVICE_GRANT, { device_code: deviceCodeValue }, { scope: false }),
      onFinal: ({ json }) => pollDecision(typeof json?.error === 'string' ? json.error : null, info, deadline),
    });
    if (poll.ok || poll.cancelled || !poll.override || poll.override.decision !== 'wait') {
      if (poll.override?.decision === 'stop' && poll.classification.category === 'pending') {
        const expired = localClassification({
          category: 'expired_grant',
          appAction: 'acquire_interactively',
          actor: 'user',
          summary: 'The device code expired before the user finished signing in.',
          nextSteps: ['Start the device code flow again and complete the sign-in within the time shown.'],
        });
        run.patchLast(expired);
        return { outcome: { ...poll, classification: expired } };
      }
      return { outcome: poll };
    }
    if (!(await sleep(poll.override.waitMs, run.signal))) {
      const cancelled = cancelledClassification();
      run.recordLocal({ method: 'POST', url: safeUrl(endpoints.tokenEndpoint), reason: 'cancelled by the caller while waiting for the user to sign in', classification: cancelled });
      return { outcome: { ...poll, classification: cancelled, cancelled: true } };
    }
  }
};

