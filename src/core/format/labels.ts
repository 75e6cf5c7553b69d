// Words for the enums in ../types, shared by every surface so the hover, panel, report and CLI name
// things the same way.
import type { Actor, AppAction, Category } from '../types';

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  success: 'Success',
  pending: 'Still pending',
  transient: 'Temporary service problem',
  throttled: 'Throttled',
  interaction_required: 'User interaction required',
  claims_challenge: 'Claims challenge',
  consent_required: 'Consent required',
  client_credential: 'App credential problem',
  app_config: 'App configuration problem',
  tenant_or_account: 'Wrong tenant or account',
  access_blocked: 'Access blocked by policy or state',
  user_credentials: 'User credential problem',
  expired_grant: 'Expired or used grant',
  clock_skew: 'Clock or validity window problem',
  network: 'Network failure',
  misuse: 'Malformed request or library misuse',
  unknown: 'Unknown',
};

export const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  developer: 'the developer (code or app registration)',
  admin: 'a tenant administrator',
  user: 'the signed-in user',
  none: 'nobody (it resolves on its own)',
};

export const APP_ACTION_LABELS: Readonly<Record<AppAction, string>> = {
  none: 'Nothing to do',
  retry: 'Retry after a short pause',
  wait_and_retry: 'Wait for the given time, then retry',
  poll: 'Keep polling at the given interval',
  acquire_interactively: 'Fall back to an interactive sign-in',
  acquire_with_claims: 'Sign in again passing the claims challenge',
  fix_and_resubmit: 'Fix the request or registration, then send it again',
  stop: 'Stop and explain; retrying will not help',
};

export function categoryLabel(category: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[category] ?? category;
}

export function actorLabel(actor: string): string {
  return (ACTOR_LABELS as Record<string, string>)[actor] ?? actor;
}

export function appActionLabel(action: string): string {
  return (APP_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** "in 54 minutes" / "3 hours ago" for a number of seconds from now. */
export function relativeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 90 ? [Math.round(abs), 'second'] : abs < 5400 ? [Math.round(abs / 60), 'minute'] : abs < 172800 ? [Math.round(abs / 3600), 'hour'] : [Math.round(abs / 86400), 'day'];
  const words = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return seconds >= 0 ? `in ${words}` : `${words} ago`;
}
