// Next steps grouped by who acts, deduplicated, capped; library code left to the snippet tabs.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify/index';
import { planSteps } from '../../src/core/format/step-groups';

const MFA_LINE =
  '{"error": "invalid_grant", "error_description": "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.", "error_codes": [50076], "suberror": "basic_action", "correlation_id": "4b1c6a2e-5d3f-4e8a-9b7c-1d2e3f4a5b6c", "claims": "{\\"access_token\\":{\\"capolids\\":{\\"essential\\":true,\\"values\\":[\\"c1\\"]}}}"}';

describe('planSteps', () => {
  it('groups by who acts, in order of first appearance, without the prefix', () => {
    const plan = planSteps(['Developer: rotate the secret.', 'User: sign in again.', 'Admin: grant consent for the tenant.', 'Developer: restart the app.']);
    expect(plan.groups.map((g) => [g.label, g.steps])).toEqual([
      ['Developer', ['rotate the secret.', 'restart the app.']],
      ['User', ['sign in again.']],
      ['Admin', ['grant consent for the tenant.']],
    ]);
    expect(plan.omitted).toBe(0);
  });

  it('drops a step that repeats an earlier one for the same person, and caps at six', () => {
    const plan = planSteps([
      'Developer: create a new client secret in the portal and copy its value.',
      'Developer: create a new client secret in the portal, then copy the value.',
      ...['check redirect uris', 'enable logging verbose', 'update msal package', 'verify tenant identifier', 'compare clock skew', 'inspect token audience', 'read conditional access', 'export network trace'].map((t) => `Developer: ${t}.`),
    ]);
    expect(plan.groups[0]!.steps).toHaveLength(6);
    expect(plan.groups[0]!.steps.filter((s) => s.includes('client secret'))).toHaveLength(1);
    expect(plan.omitted).toBe(4);
  });

  it('keeps reference links apart and leaves library code to the snippet tabs', () => {
    const c = classify(MFA_LINE);
    expect(c.nextSteps.length).toBeGreaterThan(6);
    const withTabs = planSteps(c.nextSteps, { hasSnippets: true });
    const shown = withTabs.groups.flatMap((g) => g.steps);
    expect(shown.length).toBeLessThanOrEqual(6);
    expect(shown.some((s) => /^(MSAL Python|msal-node|msal-browser|MSAL\.NET):/.test(s))).toBe(false);
    expect(withTabs.references).toEqual([expect.stringContaining('login.microsoftonline.com/error?code=50076')]);
    expect(withTabs.groups.map((g) => g.who)).toEqual(expect.arrayContaining(['developer', 'user', 'admin']));
    // Without tabs the library lines stay (within the cap), named by library.
    const withoutTabs = planSteps(c.nextSteps, { hasSnippets: false });
    expect(withoutTabs.groups.flatMap((g) => g.steps).some((s) => s.startsWith('MSAL Python:'))).toBe(true);
  });
});
