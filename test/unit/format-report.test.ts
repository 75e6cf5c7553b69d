// The support report: it carries the identifiers support needs, and after redaction no known secret
// (raw, base64, base64url or URL-encoded) and no token is left in it.
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportSubject } from '../../src/core/format/report';
import { describeCode } from '../../src/core/catalog/describe';
import { decodeToken } from '../../src/core/jwt/decode';
import { buildRedactedReport, redactDeep, redactReport } from '../../src/extension/outbound';
import { escapeMarkdown } from '../../src/core/format/escape';
import type { Classification, ScanSummary, Timeline } from '../../src/core/types';

const NOW = new Date('2026-11-24T06:00:00Z');
const SECRET = 'Qx8~s3cr3t.Value_with/slash+plus=';
const SIGNATURE = 'c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1sZWFr';
const TOKEN = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: 'api://x', exp: 1900000000, scp: 'a' })).toString('base64url')}.${SIGNATURE}`;

function classification(overrides: Partial<Classification> = {}): Classification {
  return {
    outcome: 'error',
    category: 'client_credential',
    appAction: 'fix_and_resubmit',
    retryable: false,
    retryAfterSeconds: null,
    actor: 'developer',
    error: 'invalid_client',
    suberror: null,
    aadsts: [7000215],
    correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd',
    traceId: '0000aaaa-11bb-cccc-dd22-eeeeee333333',
    timestamp: '2026-11-24 05:59:58Z',
    httpStatus: 401,
    claimsChallenge: null,
    source: 'token_endpoint_json',
    summary: 'The client secret is wrong.',
    nextSteps: ['Check the secret value.'],
    ...overrides,
  };
}

const context = { generatedAt: NOW, environment: 'Auth Lens 0.1.0, VS Code 1.100.0', describe: (code: number) => describeCode(code) };

describe('report content', () => {
  it('carries correlation ID, trace ID, timestamp, codes, classification and next steps', () => {
    const report = buildReport({ kind: 'classification', classification: classification() }, context);
    expect(report).toMatch(/^# Auth Lens report/);
    expect(report).toContain('Generated 2026-11-24T06:00:00.000Z');
    expect(report).toContain('Correlation ID: `aaaa0000-bb11-2222-33cc-444444dddddd`');
    expect(report).toContain('Trace ID: `0000aaaa-11bb-cccc-dd22-eeeeee333333`');
    expect(report).toContain('Timestamp (UTC): `2026-11-24 05:59:58Z`');
    expect(report).toContain('Codes: `AADSTS7000215`');
    expect(report).toContain('App credential problem');
    expect(report).toContain('*Next steps*');
    expect(report).toContain('Check the secret value');
  });

  it('summarises a scan with its most frequent codes and their first fix', () => {
    const summary: ScanSummary = {
      bytes: 1000,
      lines: 20,
      codes: [
        { code: 50076, count: 3, firstLine: 2, lastLine: 9, name: null, category: 'interaction_required' },
        { code: 700016, count: 7, firstLine: 4, lastLine: 19, name: null, category: 'app_config' },
      ],
      errors: [{ error: 'invalid_client', count: 2, firstLine: 4, lastLine: 5 }],
      correlations: [{ correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd', lines: [4], codes: [700016], errors: ['invalid_client'], traceIds: [], firstTimestamp: '2026-11-24T05:00:00Z', lastTimestamp: null }],
      tokens: [{ line: 3, redacted: 'eyJhbGciOi…[redacted token]' }],
      bursts: [],
      warnings: [],
    };
    const report = buildReport({ kind: 'scan', summary, fileName: 'app.log' }, context);
    expect(report.indexOf('AADSTS700016')).toBeLessThan(report.indexOf('AADSTS50076'));
    expect(report).toContain(escapeMarkdown(describeCode(700016).name ?? 'AADSTS700016'));
    expect(report).toContain('1 tokens (not included)');
    expect(report).not.toContain('eyJhbGciOi');
    expect(report).toContain('## Next steps (most frequent codes)');
  });

  it('describes an acquisition with every attempt and its request IDs', () => {
    const final = classification();
    const timeline: Timeline = {
      operation: 'client_credentials via https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
      startedAt: '2026-11-24T05:59:57Z',
      totalMs: 812,
      attempts: [
        { index: 0, startMs: 0, durationMs: 400, method: 'POST', url: 'https://login.microsoftonline.com/x', httpStatus: 503, requestIds: { 'x-ms-request-id': 'req-1' }, retryAfterSeconds: null, decision: 'retry', reason: 'server busy', waitMs: 1000, networkError: null, classification: classification({ category: 'transient' }) },
        { index: 1, startMs: 1400, durationMs: 300, method: 'POST', url: 'https://login.microsoftonline.com/x', httpStatus: 401, requestIds: { 'x-ms-request-id': 'req-2' }, retryAfterSeconds: null, decision: 'stop', reason: 'bad secret', waitMs: 0, networkError: null, classification: final },
      ],
      final,
    };
    const report = buildReport({ kind: 'acquisition', timeline, registration: 'daemon' }, context);
    expect(report).toContain('| 1 | 503 | retry | server busy |');
    expect(report).toContain('| 2 | 401 | stop | bad secret |');
    expect(report).toContain('Request ID: `req-1`, `req-2`');
    expect(report).toContain('App registration (settings name): daemon');
    expect(report).not.toContain('Note:');
    const noted = buildReport({ kind: 'acquisition', timeline: { ...timeline, notes: ['TLS verification is disabled by NODE_TLS_REJECT_UNAUTHORIZED=0.'] } }, context);
    expect(noted).toContain(`- Note: ${escapeMarkdown('TLS verification is disabled by NODE_TLS_REJECT_UNAUTHORIZED=0.')}`);
  });
});

describe('report redaction', () => {
  const forms = [
    SECRET,
    Buffer.from(SECRET).toString('base64'),
    Buffer.from(SECRET).toString('base64url'),
    encodeURIComponent(SECRET),
  ];

  const leakySubject: ReportSubject = {
    kind: 'classification',
    classification: classification({
      summary: `The request sent client_secret=${encodeURIComponent(SECRET)} and the raw value ${SECRET}.`,
      nextSteps: [`Authorization: Basic ${Buffer.from(SECRET).toString('base64')}`, `A base64url copy: ${Buffer.from(SECRET).toString('base64url')}`, `Bearer ${TOKEN}`, `token in prose ${TOKEN} here`],
      claimsChallenge: `{"assertion":"${TOKEN}"}`,
    }),
  };

  it('removes every known secret form and every token', () => {
    const redacted = buildRedactedReport(leakySubject, context, [SECRET]);
    for (const form of forms) expect(redacted, form).not.toContain(form);
    expect(redacted).not.toContain(SIGNATURE);
    expect(redacted).not.toContain(TOKEN.split('.')[1]!);
    // The identifiers support needs survive redaction.
    expect(redacted).toContain('aaaa0000-bb11-2222-33cc-444444dddddd');
    expect(redacted).toContain('AADSTS7000215');
  });

  it('redacting only the rendered Markdown is not enough: escaping hides secrets from the matcher', () => {
    // Why buildRedactedReport redacts the records first: `a.b` renders as `a\.b`.
    const rendered = buildReport(leakySubject, context);
    expect(redactReport(rendered, [SECRET])).toContain(escapeMarkdown(SECRET));
    expect(buildRedactedReport(leakySubject, context, [SECRET])).not.toContain(escapeMarkdown(SECRET));
  });

  it('redactDeep cleans every string of a record and keeps its shape', () => {
    const cleaned = redactDeep({ a: [SECRET, 1, null], b: { c: `x ${TOKEN}` } }, [SECRET]);
    expect(JSON.stringify(cleaned)).not.toContain(SECRET);
    expect(JSON.stringify(cleaned)).not.toContain(SIGNATURE);
    expect(cleaned.a[1]).toBe(1);
    expect(cleaned.a[2]).toBeNull();
  });

  it('a decoded token subject never includes the token text, even before redaction', () => {
    const token = decodeToken(TOKEN, NOW);
    const report = buildReport({ kind: 'token', token }, context);
    expect(report).not.toContain(SIGNATURE);
    expect(report).not.toContain(TOKEN.split('.')[1]!);
    expect(report).toContain('api://x');
  });

  it('leaves a report without secrets unchanged apart from nothing', () => {
    const clean = buildReport({ kind: 'lookup', entry: describeCode(50076) }, context);
    expect(redactReport(clean, [SECRET])).toBe(clean);
  });
});
