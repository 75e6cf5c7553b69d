// Opt-in Problems for log files: nothing unless the setting is on; then one diagnostic per distinct
// failure at its first line, with quick fixes, read by the real detection module.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import * as detect from '../../src/extension/lazy/detect';
import { registerLogDiagnostics } from '../../src/extension/problems';
import { FailureLog, TokenLog } from '../../src/extension/recent';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';

function makeServices(): Services {
  const context = fake.fakeContext(process.cwd());
  const secrets = new SecretStore(context.secrets as never);
  return { context: context as never, log: new Logger(() => []), secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy: <T,>() => detect as T };
}

const LOG = [
  '2026-11-24 06:00:00 INFO start',
  '2026-11-24 06:00:01 ERROR token: {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."}',
  '2026-11-24 06:00:02 ERROR token: {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."}',
  '2026-11-24 06:00:03 WARN poll: {"error": "authorization_pending", "error_description": "AADSTS70016: pending"}',
  '2026-11-24 06:00:04 ERROR graph: {"error": "invalid_grant", "error_description": "AADSTS50076: MFA required"}',
].join('\n');

function document(text: string, languageId = 'log') {
  return { uri: fake.Uri.file('/w/app.log'), languageId, getText: () => text };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

describe('log diagnostics', () => {
  beforeEach(() => fake.resetFake());

  it('stay off until the setting is on', async () => {
    fake.openDocument(document(LOG));
    registerLogDiagnostics(makeServices());
    await settle();
    expect(fake.recorded.diagnostics.size).toBe(0);
  });

  it('report each distinct failure once at its first line, skip polling, and offer quick fixes', async () => {
    fake.recorded.settings.set('authLens.diagnostics.enabled', true);
    const services = makeServices();
    fake.openDocument(document(LOG));
    registerLogDiagnostics(services);
    await settle();
    const list = fake.recorded.diagnostics.get('file:/w/app.log')!;
    expect(list.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([
      ['AADSTS7000215', 1, LOG.split('\n')[1]!.indexOf('AADSTS7000215')],
      ['AADSTS50076', 4, LOG.split('\n')[4]!.indexOf('AADSTS50076')],
      ['invalid_client', 1, LOG.split('\n')[1]!.indexOf('invalid_client')],
      ['invalid_grant', 4, LOG.split('\n')[4]!.indexOf('invalid_grant')],
    ]);
    expect(list[0]!.message).toMatch(/^AADSTS7000215: .+ \(2 times, lines 2–3\)$/);
    expect(list.every((d) => d.source === 'Auth Lens')).toBe(true);

    const actions = fake.recorded.codeActionProviders[0]!.provideCodeActions(undefined, undefined, { diagnostics: [list[0]] }) as fake.CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Explain AADSTS7000215 with Auth Lens', 'Open in Auth Lens (scan this log)']);
    expect(actions[0]!.command).toEqual({ command: 'authLens.openInPanel', title: actions[0]!.title, arguments: [{ kind: 'code', code: 7000215 }] });
    expect(services.failures.list().map((f) => f.label).sort()).toEqual(['AADSTS50076', 'AADSTS7000215', 'invalid_client', 'invalid_grant']);
  });

  it('appear when the setting is turned on in a running window, and go when it is turned off', async () => {
    fake.openDocument(document(LOG));
    registerLogDiagnostics(makeServices());
    await fake.workspace.getConfiguration('authLens').update('diagnostics.enabled', true);
    await settle();
    expect(fake.recorded.diagnostics.get('file:/w/app.log')).toHaveLength(4);
    await fake.workspace.getConfiguration('authLens').update('diagnostics.enabled', false);
    expect(fake.recorded.diagnostics.has('file:/w/app.log')).toBe(false);
  });

  it('caps the diagnostics of a file', () => {
    const many = Array.from({ length: 80 }, (_, i) => `ERROR AADSTS${50100 + i}: failure`).join('\n');
    expect(detect.diagnosticsFor(many)).toHaveLength(detect.MAX_DIAGNOSTICS);
  });
});
