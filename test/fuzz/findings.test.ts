// Inputs the fuzzers found, pinned as plain examples so they stay fixed once fixed. Each case names
// the public function and the promise it broke.
import { describe, expect, it } from 'vitest';
import { classify, classifyResponse } from '../../src/core/classify';
import { validateAppRegistration } from '../../src/core/client/registration';
import { ClassificationSchema } from '../../src/protocol';
import { redactSecrets } from '../../src/core/redact';

const NOW = new Date('2026-11-20T09:15:00Z');

describe('fuzz findings', () => {
  // classifyResponse copies any integer status into httpStatus; the panel's schema (0–999) then drops
  // the whole message, so the user sees nothing.
  it.each([-1, 1000, 70_000])('classifyResponse keeps httpStatus inside what the panel accepts (status %i)', (status) => {
    const c = classifyResponse({ status, headers: {}, body: '{"error":"invalid_grant"}' }, NOW);
    expect(ClassificationSchema.safeParse(c).success).toBe(true);
  });

  // validateAppRegistration promises never to throw; zod reads properties of the value, so an
  // object with a throwing getter escapes as an exception.
  it('validateAppRegistration does not throw on an object whose getters throw', () => {
    const hostile = new Proxy({}, { get: (t, k) => (typeof k === 'symbol' ? Reflect.get(t, k) : (() => { throw new Error('getter'); })()) });
    expect(() => validateAppRegistration({ name: hostile, clientId: 'x', flow: 'device_code', scopes: ['a'] })).not.toThrow();
    const result = validateAppRegistration({ name: hostile, clientId: 'x', flow: 'device_code', scopes: ['a'] });
    expect(result.ok).toBe(false);
  });

  // redactSecrets (src/core/redact.ts, jwtSpans): JWT_RE is greedy over dot-separated segments, so
  // "eyJ." (or any short eyJ segment) glued in front of a token makes one candidate whose first
  // segment is too short; the candidate is dropped whole and the real token behind it survives.
  it('redactSecrets removes a JWT that follows a short "eyJ." segment', () => {
    const signature = 'c2lnbmF0dXJlLXNlY3JldC1mdXp6LXByb2Jl';
    const jwt = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9mdXp6IiwiZXhwIjoxNzAwMDAzNjAwfQ.${signature}`;
    expect(redactSecrets(`.eyJ.${jwt}`)).not.toContain(signature);
    expect(redactSecrets(`token=eyJ.${jwt}`)).not.toContain(signature);
  });

  // redactSecrets (keySpans): after a secret key's unquoted value, scanning resumes at the value's
  // end. A second key glued inside that value ("password=a:client_secret: X") is skipped, and its
  // value, which starts after the space that ended the first value, is never redacted.
  it('redactSecrets redacts a secret whose key sits inside the previous secret value', () => {
    const secret = 'Q7x~k9Rz2mNp4TvW8yBc';
    expect(redactSecrets(`password=AADSTS{client_secret: ${secret}`)).not.toContain(secret);
    expect(redactSecrets(`password=pw/client_secret: ${secret}`)).not.toContain(secret);
  });

  // redactSecrets (jwtSpans, headerSpans): a token wrapped over several lines (terminal, e-mail,
  // fixed-width logs — decodeToken accepts these on purpose) is redacted only on its first line(s);
  // the continuation lines, which hold the signature, do not start with eyJ and pass through.
  it('redactSecrets removes the signature of a token wrapped over several lines', () => {
    const signature = 'c2lnbmF0dXJlLXNlY3JldC1mdXp6LXByb2JlLWxvbmdlci10aGFuLWEtbGluZQ';
    const jwt = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9mdXp6IiwiZXhwIjoxNzAwMDAzNjAwLCJzdWIiOiJhbGV4In0.${signature}`;
    const wrapped = jwt.match(/.{1,64}/g)!.join('\n');
    for (const text of [`Authorization: Bearer ${wrapped}`, `access_token=${wrapped}`, wrapped]) {
      const out = redactSecrets(text);
      for (const piece of signature.match(/.{1,16}/g)!) expect(out, text.slice(0, 40)).not.toContain(piece);
    }
  });

  // classify (src/core/classify/index.ts build → advice.ts buildSummary): the error field is cleaned
  // (redacted when long), but the summary sentence about an unknown error value quotes the raw value.
  it('classify never quotes a secret in the summary that it redacted from the error field', () => {
    const secret = 'Kq8~fuzzSecretValue.0123456789';
    const c = classify(`Graph returned 401; WWW-Authenticate: Bearer realm="", error=" client_secret=${secret}&`);
    expect(c.error ?? '').not.toContain(secret);
    expect(JSON.stringify(c)).not.toContain(secret);
  });

  // classify (extract.ts claimsValue, advice.ts): a "claims challenge" is passed on verbatim — as
  // claimsChallenge and inside the next steps — even when what sits there is a token. A real claims
  // challenge never holds one, so redacting tokens in it costs nothing and keeps the promise.
  it.each([
    ['dict', (jwt: string) => `{"error": "interaction_required", "claims": {"access_token": "${jwt}"}}`],
    ['string', (jwt: string) => `{"error": "interaction_required", "claims": "{\\"access_token\\": \\"${jwt}\\"}"}`],
    ['WWW-Authenticate', (jwt: string) => `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="insufficient_claims", claims="${Buffer.from(`{"access_token":"${jwt}"}`).toString('base64')}"\r\n\r\n`],
  ])('classify does not pass a token through as a claims challenge (%s)', (_shape, make) => {
    const signature = 'c2lnbmF0dXJlLWNsYXNzaWZ5LXByb2Jl';
    const jwt = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9jbGFzc2lmeSIsImV4cCI6MTcwMDAwMzYwMH0.${signature}`;
    expect(JSON.stringify(classify(make(jwt)))).not.toContain(signature);
  });
});
