// Issue 13, item 3: what a token endpoint answers is not trusted. A hostile (or broken) server on
// 127.0.0.1 echoes the client secret it received into its request-id headers, its error description
// and ids, and into the claims of the token it hands out; Acquire Test Token runs the real token
// client against it. Nothing the extension host lets out may carry the secret: the panel messages,
// the state the panel saves from them, the last result, the report, the log, progress notifications.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import * as clientModule from '../../src/core/client/index';
import { classify } from '../../src/core/classify/index';
import { decodeToken } from '../../src/core/jwt/decode';
import type { Timeline } from '../../src/core/types';
import { acquireTestToken, closeTokenClient } from '../../src/extension/acquire';
import { copyReport } from '../../src/extension/inspect';
import { InspectionPanel } from '../../src/extension/panel';
import { redactShown } from '../../src/extension/outbound';
import { SettingsRegistrationSchema, secretBinding } from '../../src/extension/settings';
import { parseHostMessage, type ShowMessage } from '../../src/protocol';
import { persistable } from '../../src/panel-state';
import { findLeaks, makeServices, output, type Output } from './leaks';

// Characters that change under every encoding: ~ . _ + / = and a space.
const SECRET = 'Echo8Q~Hostile.Server_Secret+42/xyz= end';

let server: Server;
let authority = '';

function unsignedJwt(payload: Record<string, unknown>): string {
  const seg = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${seg({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${seg(payload)}.${'c2lnbmF0dXJl'.repeat(6)}`;
}

/** Answers discovery, then echoes the client secret it receives everywhere a server can put text. */
function hostileServer(): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url?.endsWith('/.well-known/openid-configuration')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: authority, token_endpoint: `${authority}/token` }));
        return;
      }
      const form = new URLSearchParams(body);
      const secret = form.get('client_secret') ?? '';
      const echo = {
        'x-ms-request-id': secret,
        'client-request-id': `echo ${encodeURIComponent(secret)}`,
        'x-ms-ests-server': Buffer.from(secret).toString('base64'),
        // Past the client's 200-character cut: only redacting before cutting hides the piece that is left.
        'x-request-id': `${'r'.repeat(180)}${secret}`,
      };
      if (form.get('client_id') === 'echo-redirect') {
        // A query value longer than the client's 100-character cut, with the secret straddling it.
        res.writeHead(302, { location: `${authority}/elsewhere?next=${'n'.repeat(90)}${encodeURIComponent(secret)}`, ...echo });
        res.end();
        return;
      }
      if (form.get('client_id') === 'echo-token') {
        const token = unsignedJwt({ aud: 'api://hostile', tid: 'hostile', iat: 1, exp: 4102444800, echo: secret, [secret]: 'as a claim name' });
        res.writeHead(200, { 'content-type': 'application/json', ...echo });
        res.end(JSON.stringify({ token_type: 'Bearer', access_token: token, expires_in: 3600 }));
        return;
      }
      res.writeHead(400, { 'content-type': 'application/json', ...echo });
      res.end(
        JSON.stringify({
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided: ${secret} (${encodeURIComponent(secret)}). Trace ID: ${secret} Correlation ID: ${secret} Timestamp: ${secret}`,
          error_codes: [7000215],
          correlation_id: secret,
          trace_id: secret,
          timestamp: secret,
        }),
      );
    });
  });
}

function registration(name: string, clientId: string) {
  return SettingsRegistrationSchema.parse({ name, authority, clientId, flow: 'client_credentials', scopes: ['api://hostile/.default'] });
}

beforeAll(async () => {
  server = hostileServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hostile`;
});

afterAll(async () => {
  InspectionPanel.disposeCurrent();
  await closeTokenClient();
  await new Promise((resolve) => server.close(resolve));
});

describe('the token request timeline leaves the extension host redacted', () => {
  beforeEach(() => {
    fake.resetCaptured();
    InspectionPanel.disposeCurrent();
  });

  it('a server that echoes the secret into headers, ids, reasons and token claims: none of it reaches panel, saved state, result, report, log or notifications', async () => {
    const s = makeServices(clientModule);
    const entries = [registration('Echo error', 'echo-error'), registration('Echo token', 'echo-token')];
    fake.recorded.settings.set('authLens.appRegistrations', entries);
    for (const entry of entries) await s.secrets.store('secret', entry.name, SECRET, secretBinding(entry));

    const outputs: Output[] = [];
    for (const entry of entries) {
      fake.captured.quickPickLabel = entry.name;
      await acquireTestToken(s);
      // The page says ready once loaded; the host then sends what it holds.
      await fake.captured.webviews.at(-1)!.receive({ type: 'ready' });
      outputs.push(output(`${entry.name}: last result`, s.results.get()));
      await copyReport(s);
    }
    const posted = fake.captured.webviews.flatMap((w) => w.posted);
    const shown = posted.map((m) => parseHostMessage(m)).filter((m): m is ShowMessage => m?.type === 'show');
    // The page saves what it shows (persistable) with vscode.setState; that is what lands on disk.
    outputs.push(output('panel messages', posted), output('saved panel state', shown.map(persistable)));
    outputs.push(output('report', fake.captured.clipboard), output('log', fake.recorded.logLines), output('notifications', fake.captured.boxes), output('progress', fake.captured.progress));

    // The requests really went out and came back with the echoes: one failure and one token, both shown.
    const timelines = shown.filter((m): m is Extract<ShowMessage, { view: 'timeline' }> => m.view === 'timeline');
    expect(new Set(timelines.map((m) => JSON.stringify(m))).size).toBe(2);
    expect(timelines[0]!.timeline.attempts.at(-1)!.httpStatus).toBe(400);
    expect(timelines[0]!.timeline.final.aadsts).toContain(7000215);
    expect(timelines.at(-1)!.timeline.final.outcome).toBe('success');
    expect(Object.keys(timelines[0]!.timeline.attempts.at(-1)!.requestIds)).toEqual(expect.arrayContaining(['x-ms-request-id', 'x-ms-ests-server']));
    // The token is still decoded; the claim that echoed the secret is not, and neither is the display form that encodes it.
    const token = timelines.at(-1)!.token!;
    expect(token.audience).toBe('api://hostile');
    expect(token.redacted).toBe('');
    expect(fake.captured.clipboard).toHaveLength(2);

    expect(findLeaks([SECRET], outputs)).toEqual([]);
  });

  it('a redirect whose Location echoes the secret past the cut: the timeline shows none of it', async () => {
    const client = clientModule.createTokenClient({ env: {} });
    try {
      const result = await client.acquire({
        settings: { authority, clientId: 'echo-redirect', flow: 'client_credentials', scopes: ['api://hostile/.default'] },
        credentials: { clientSecret: SECRET },
      });
      const last = result.timeline.attempts.at(-1)!;
      expect(last.httpStatus).toBe(302);
      expect(last.reason).toContain('/elsewhere?next=nnn');
      expect(findLeaks([SECRET], [output('timeline', result.timeline)])).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('every string of a timeline, a classification and a token carrying a known secret is cleaned, and the message still fits the protocol', () => {
    const planted = (text: string) => `${text} ${SECRET} ${encodeURIComponent(SECRET)}`;
    // Every free-text field; the enums would not pass the protocol with anything added.
    const enums = new Set(['outcome', 'category', 'appAction', 'actor', 'source', 'decision', 'kind']);
    const plantEverywhere = <T,>(value: T): T => JSON.parse(JSON.stringify(value), (key, v: unknown) => (typeof v === 'string' && !enums.has(key) ? planted(v) : v)) as T;
    const classification = classify('{"error":"invalid_client","error_codes":[7000215]}');
    const timeline: Timeline = plantEverywhere({
      operation: 'client_credentials via http://127.0.0.1/hostile',
      startedAt: '2026-01-01T00:00:00.000Z',
      totalMs: 5,
      attempts: [
        {
          index: 0,
          startMs: 0,
          durationMs: 5,
          method: 'POST',
          url: 'http://127.0.0.1/hostile/token',
          httpStatus: 400,
          requestIds: { 'x-ms-request-id': 'id' },
          retryAfterSeconds: null,
          decision: 'stop' as const,
          reason: 'the server refused the client',
          waitMs: 0,
          networkError: 'ECONNRESET',
          classification,
        },
      ],
      final: classification,
    });
    const token = decodeToken(unsignedJwt({ aud: 'api://hostile', echo: SECRET }));
    const messages: ShowMessage[] = [
      { type: 'show', view: 'timeline', timeline, token },
      { type: 'show', view: 'response', classification: plantEverywhere(classification), input: planted('input'), snippets: [{ language: 'MSAL Python', code: planted('code') }] },
      { type: 'show', view: 'claims', token },
    ];
    for (const message of messages) {
      const clean = redactShown(message, [SECRET]);
      expect(parseHostMessage(clean), message.view).toBeDefined();
      expect(findLeaks([SECRET], [output(message.view, clean)])).toEqual([]);
    }
    // A token without anything secret in its claims keeps its display form.
    const plain = decodeToken(unsignedJwt({ aud: 'api://plain', tid: 'contoso' }));
    expect(redactShown({ type: 'show', view: 'claims', token: plain }, [SECRET])).toEqual({ type: 'show', view: 'claims', token: plain });
  });
});
