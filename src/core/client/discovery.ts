// Finds an acquisition's endpoints: from the authority itself when they are known (Entra, B2C,
// External ID), else from the issuer's OpenID Connect discovery document, read once per client.
import type { Classification } from '../types';
import { applyOverrides, parseDiscovery, planAuthority, type Endpoints } from './authority';
import type { TokenResult } from './client-types';
import type { Exchange } from './request';
import { localClassification } from './outcome';
import type { AppRegistration } from './registration';
import { safeUrl, type Run } from './timeline';

/** A finished step, not a token attempt still waiting: it reads as done, with "discovery" as its reason. */
function discovered(doc: Record<string, unknown>): Classification {
  return localClassification({
    category: 'success',
    actor: 'none',
    appAction: 'none',
    httpStatus: 200,
    summary: `The issuer's discovery document was read (token endpoint ${typeof doc.token_endpoint === 'string' ? safeUrl(doc.token_endpoint) : 'missing'}); this step finds the endpoints and requests no token.`,
  });
}

/** The endpoints, or the result that ends the acquisition (the authority is unusable or discovery failed). */
export async function resolveEndpoints(
  run: Run,
  settings: AppRegistration,
  exchange: Exchange,
  cache: Map<string, Endpoints>,
): Promise<{ endpoints: Endpoints } | { result: TokenResult }> {
  const plan = planAuthority(settings);
  if (plan.type === 'invalid') {
    return { result: run.finish(localClassification({ category: 'misuse', summary: `The authority is not usable: ${plan.error}.`, nextSteps: [plan.error] })) };
  }
  if (plan.type === 'static') return { endpoints: plan.endpoints };
  const cached = cache.get(plan.authority);
  if (cached) return { endpoints: applyOverrides(cached, plan.overrides) };
  const outcome = await exchange(run, {
    method: 'GET',
    url: plan.discoveryUrl,
    expect: 'json',
    describeSuccess: discovered,
    successReason: 'discovery: OpenID configuration read',
  });
  if (outcome.cancelled) return { result: run.finish(outcome.classification, { cancelled: true }) };
  const { attempt } = outcome;
  if (attempt.networkError !== null || attempt.status === null) {
    const classification = localClassification({
      category: 'network',
      retryable: attempt.networkKind !== 'dns' && attempt.networkKind !== 'tls',
      actor: 'developer',
      summary: `The issuer's discovery document at ${safeUrl(plan.discoveryUrl)} could not be fetched: ${attempt.networkError ?? 'no answer'}.`,
      nextSteps: ['Check the authority URL, DNS and network access from this machine (and HTTPS_PROXY / NO_PROXY if a proxy is required).'],
    });
    run.patchLast(classification);
    return { result: run.finish(classification) };
  }
  const parsed = parseDiscovery(plan.authority, attempt.status, attempt.body, attempt.headers['content-type'], plan.overrides);
  if (!parsed.ok) {
    const classification = localClassification({
      category: 'app_config',
      httpStatus: attempt.status,
      summary: `OpenID Connect discovery failed (${parsed.problem.replace(/_/g, ' ')}): ${parsed.message}.`,
      nextSteps: [parsed.message],
    });
    run.patchLast(classification, `discovery failed: ${parsed.problem.replace(/_/g, ' ')}`);
    return { result: run.finish(classification) };
  }
  cache.set(plan.authority, parsed.endpoints);
  return { endpoints: parsed.endpoints };
}

/** The authority as the timeline and the throttle memory name it. */
export function authorityLabel(settings: AppRegistration): string {
  const plan = planAuthority(settings);
  return plan.type === 'static' ? plan.endpoints.authority : plan.type === 'discover' ? plan.authority : 'an invalid authority';
}
