// The conformance rules: where Auth Lens's classification of a library's output must agree with what the
// library did. The test checks them one by one; the recorder uses them for the table's "agrees" column.
import type { Classification } from '../../src/core/types';
import type { ConformanceFixture } from './harness';

/** The conformance rules (the same as test/conformance/conformance.test.ts checks), as sentences. */
export function disagreements(f: ConformanceFixture, c: Classification): string[] {
  const e = f.expect;
  const out: string[] = [];
  if (c.retryable !== e.retryable) out.push(`retryable ${c.retryable}, library ${e.retryable}`);
  const interactive = c.appAction === 'acquire_interactively' || c.appAction === 'acquire_with_claims';
  if (e.interactionRequired !== null && interactive !== e.interactionRequired) out.push(`appAction ${c.appAction}, library interaction ${e.interactionRequired}`);
  if (e.claims !== null && (c.category !== 'claims_challenge' || !c.claimsChallenge)) out.push(`claims surfaced, Auth Lens ${c.category} claimsChallenge ${c.claimsChallenge ? 'set' : 'null'}`);
  if (e.throttled) {
    if (c.category !== 'throttled') out.push(`category ${c.category}, library throttled`);
    if (retryAfterVisible(f.output, e.retryAfterSeconds)) {
      if (c.retryAfterSeconds !== e.retryAfterSeconds) out.push(`retryAfterSeconds ${c.retryAfterSeconds}, Retry-After ${e.retryAfterSeconds}`);
    } else if (c.retryAfterSeconds === null) out.push('no wait, but the library waited');
  }
  return out;
}

/** Whether the output itself carries the Retry-After value (a header or field naming it). */
export function retryAfterVisible(output: string, seconds: number | null): boolean {
  if (seconds === null) return false;
  return new RegExp(`retry[-_ ]?after['"]?\\s*[:=]\\s*['"]?${seconds}\\b`, 'i').test(output);
}

