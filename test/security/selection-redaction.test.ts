// Issue 13: what Classify Selection keeps, and the new Copy Redacted Selection/Log. Classify's result,
// its echo of the input and the last result are kept (the panel saves what it shows to disk), so none
// may hold anything the redactor removes; Copy Redacted puts text on the clipboard for a bug report.
// Both read a selection together with the lines around it, so a value selected without its key is
// still recognised as a secret.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { classify } from '../../src/core/classify/index';
import { redactSecrets } from '../../src/core/redact';
import { COMMANDS } from '../../src/extension/commands';
import { classifySelection, copyRedacted } from '../../src/extension/inspect';
import { runCommand } from '../../src/extension/lazy/commands';
import { InspectionPanel } from '../../src/extension/panel';
import { redactInContext } from '../../src/extension/outbound';
import { parseHostMessage, type ShowMessage } from '../../src/protocol';
import { persistable } from '../../src/panel-state';
import { findLeaks, makeServices, output, type Output } from './leaks';

/** Recognised only by its key (`client_secret=`); on its own it reads like any word. */
const KEYED = 'CorrectHorseBatteryStaple42';
/** Stored in SecretStorage, so known to the redactor wherever it appears. */
const STORED = 'Stored8Q~known.secret_value+42/xyz=';
const JWT = `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from('{"aud":"api://x","tid":"contoso"}').toString('base64url')}.c2lnbmF0dXJlLXNlbGVjdGlvbi10ZXN0LXZhbHVl`;
const JWT_SIGNATURE = JWT.split('.')[2]!;

const LOG = [
  '2026-11-20 09:15:11 DEBUG POST https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
  `client_secret=${KEYED}&grant_type=client_credentials`,
  `2026-11-20 09:15:12 ERROR {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}`,
  `2026-11-20 09:15:13 DEBUG Authorization: Bearer ${JWT}`,
  `2026-11-20 09:15:14 DEBUG echoed ${STORED} and ${Buffer.from(STORED).toString('base64')}`,
].join('\n');

function select(...ranges: (readonly [string, string])[]): void {
  // Each range runs from the start of its first text to the end of the next occurrence of its second, as found in LOG.
  const offsets = ranges.map(([from, to]) => [LOG.indexOf(from), LOG.indexOf(to, LOG.indexOf(from)) + to.length] as const);
  for (const [a, b] of offsets) expect(a >= 0 && b > a, `${JSON.stringify(ranges)} is in LOG`).toBe(true);
  fake.window.activeTextEditor = fake.fakeEditor(LOG, offsets);
}

async function storedServices() {
  const s = makeServices();
  fake.recorded.settings.set('authLens.appRegistrations', [{ name: 'daemon', clientId: '11111111-2222-3333-4444-555555555555', flow: 'client_credentials', cloud: 'public', tenant: 'contoso.onmicrosoft.com', scopes: ['https://graph.microsoft.com/.default'] }]);
  await s.context.secrets.store('authLens.secret.daemon', STORED);
  return s;
}

/** Everything Classify keeps or lets out: panel messages, what the panel saves, the last result, the log. */
function kept(s: ReturnType<typeof makeServices>): { outputs: Output[]; shown: Extract<ShowMessage, { view: 'response' }>[] } {
  const posted = fake.captured.webviews.flatMap((w) => w.posted);
  const shown = posted.map((m) => parseHostMessage(m)).filter((m): m is Extract<ShowMessage, { view: 'response' }> => m?.type === 'show' && m.view === 'response');
  return {
    shown,
    outputs: [output('panel messages', posted), output('saved panel state', shown.map(persistable)), output('last result', s.results.get()), output('log', fake.recorded.logLines)],
  };
}

async function classifyAndShow(s: ReturnType<typeof makeServices>, arg?: string) {
  await classifySelection(s, arg);
  await fake.captured.webviews.at(-1)!.receive({ type: 'ready' });
  return kept(s);
}

describe('Classify Selection keeps only redacted input', () => {
  beforeEach(() => {
    fake.resetCaptured();
    InspectionPanel.disposeCurrent();
  });

  it('a value selected without its key is redacted in the echo and everything kept', async () => {
    const s = await storedServices();
    await s.secrets.preload(['daemon']);
    select([KEYED, '"error_codes":[7000215]}']);
    const { outputs, shown } = await classifyAndShow(s);
    expect(shown.at(-1)!.classification.aadsts).toEqual([7000215]);
    expect(shown.at(-1)!.input).toContain('grant_type=client_credentials');
    expect(findLeaks([KEYED, STORED], outputs)).toEqual([]);
  });

  it('a known secret across the echo limit leaves no prefix behind (redacted first, then cut)', async () => {
    const s = await storedServices();
    await s.secrets.preload(['daemon']);
    const filler = 'AADSTS7000215 invalid_client '.repeat(7000).slice(0, 200_000 - 12);
    const { outputs, shown } = await classifyAndShow(s, `${filler}${STORED} tail`);
    expect(shown.at(-1)!.input.length).toBeGreaterThan(190_000);
    expect(findLeaks([STORED], outputs)).toEqual([]);
  });

  it('what is kept is the classification of the redacted input, so no field copied from the input holds what the redactor removes', async () => {
    const s = await storedServices();
    await s.secrets.preload(['daemon']);
    const inputs = [
      LOG,
      // A value under a key the redactor treats as secret, in the shape of an error code: read from the raw text, it became the error.
      `{"error":{"code":"${KEYED}","message":"The client does not have authorization to perform action 'Microsoft.Resources/subscriptions/read'."}}`,
      `{"error":{"code":"${STORED}","message":"The client '${KEYED}' with object id '1b2c3d4e-0000-1111-2222-333344445555' does not have authorization"}}`,
      `{"error":"invalid_grant","error_description":"AADSTS70000: code=${KEYED} was rejected","correlation_id":"${STORED}","timestamp":"${STORED}"}`,
      `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="insufficient_claims", claims="${Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}').toString('base64')}"\nx-ms-request-id: ${STORED}`,
    ];
    for (const input of inputs) {
      await classifySelection(s, input);
      const result = s.results.get();
      expect(result?.kind).toBe('classification');
      expect(result).toEqual({ kind: 'classification', classification: classify(redactSecrets(input, [STORED])) });
    }
    // The claims challenge survives redaction: the snippets to answer it are still offered.
    await fake.captured.webviews.at(-1)!.receive({ type: 'ready' });
    const { outputs, shown } = kept(s);
    expect(shown.at(-1)!.classification.claimsChallenge).toContain('acrs');
    expect(shown.at(-1)!.snippets.length).toBeGreaterThan(0);
    expect(findLeaks([KEYED, STORED], outputs)).toEqual([]);
  });
});

describe('Copy Redacted Selection/Log', () => {
  beforeEach(() => fake.resetCaptured());

  it('copies the whole document when nothing is selected, every secret and token removed, stored ones included', async () => {
    const s = await storedServices();
    fake.window.activeTextEditor = fake.fakeEditor(LOG);
    // Through the command table, as the palette runs it: stored secrets are loaded first.
    await runCommand('copyRedacted', s, []);
    expect(fake.captured.clipboard).toHaveLength(1);
    const copied = fake.captured.clipboard[0]!;
    expect(findLeaks([KEYED, STORED, JWT_SIGNATURE], [output('clipboard', copied)])).toEqual([]);
    // The same redactor as the log and the reports, with the same known secrets.
    expect(copied).toBe(redactSecrets(LOG, s.secrets.knownSecrets()));
    expect(copied).toContain('"error":"invalid_client"');
    expect(copied.split('\n')).toHaveLength(LOG.split('\n').length);
  });

  it('copies the selections alone, each read with the lines around it', async () => {
    const s = await storedServices();
    await s.secrets.preload(['daemon']);
    select([KEYED, 'client_credentials'], ['Bearer ', JWT], ['echoed', 'and']);
    await copyRedacted(s);
    const copied = fake.captured.clipboard[0]!;
    expect(copied.split('\n')).toHaveLength(3);
    expect(copied.split('\n')[0]).toBe('[redacted]&grant_type=client_credentials');
    expect(copied.split('\n')[2]).toBe('echoed [redacted] and');
    expect(findLeaks([KEYED, STORED, JWT_SIGNATURE], [output('clipboard', copied)])).toEqual([]);
  });

  it('a selection with nothing secret is copied exactly', async () => {
    const s = makeServices();
    select(['2026-11-20 09:15:12 ERROR', '[7000215]}']);
    await copyRedacted(s);
    expect(fake.captured.clipboard).toEqual([LOG.split('\n')[2]]);
  });

  it('without an editor it says what to do and copies nothing', async () => {
    await copyRedacted(makeServices());
    expect(fake.captured.clipboard).toEqual([]);
    expect(fake.recorded.messages.at(-1)?.message).toMatch(/open a log/);
  });

  it('is contributed to the palette and the editor context menu', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string; title: string }[]; menus: Record<string, { command: string; when?: string }[]> } };
    expect(manifest.contributes.commands.find((c) => c.command === COMMANDS.copyRedacted.id)?.title).toBe('Copy Redacted Selection/Log');
    const context = manifest.contributes.menus['editor/context']!.find((m) => m.command === COMMANDS.copyRedacted.id);
    // Offered with or without a selection: without one it copies the whole document.
    expect(context).toBeDefined();
    expect(context!.when ?? '').not.toContain('editorHasSelection');
  });
});

describe('redactInContext', () => {
  it('returns the selection unchanged when the redactor changes nothing around it', () => {
    expect(redactInContext('a line\nkey: ', 'plain value', ' rest', [])).toBe('plain value');
  });

  it('finds a secret by the key before the selection, and one straddling either edge, keeping only markers', () => {
    expect(redactInContext('x\nclient_secret=', KEYED, '&next=1', [])).toBe('[redacted]');
    const straddling = redactInContext(`echo ${STORED.slice(0, 10)}`, `${STORED.slice(10)} after`, '', [STORED]);
    expect(straddling).toMatch(/^\[redacted\] after$/);
    const [head, tail] = [STORED.slice(0, 20), STORED.slice(20)];
    const end = redactInContext('', `before ${head}`, `${tail} after`, [STORED]);
    expect(end).toMatch(/^before \[redacted\]$/);
  });

  it('keeps no 8 characters of a secret whichever way a selection cuts it', () => {
    const line = `2026 DEBUG client_secret=${KEYED}&x=1 echoed ${STORED} Bearer ${JWT} done`;
    const outputs: Output[] = [];
    for (let from = 0; from < line.length; from += 3) {
      for (let to = from + 1; to <= line.length; to += 7) {
        outputs.push(output(`${from}..${to}`, redactInContext(`previous line\n${line.slice(0, from)}`, line.slice(from, to), line.slice(to), [STORED])));
      }
    }
    expect(outputs.length).toBeGreaterThan(1000);
    expect(findLeaks([KEYED, STORED, JWT_SIGNATURE], outputs)).toEqual([]);
  });
});
