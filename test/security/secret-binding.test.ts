// Issue 13, item 10: a stored secret goes only where it was stored for. Secrets used to be keyed by
// registration name alone, so editing a registration's authority (by hand, by settings sync, by
// anything that can write user settings) sent its stored secret to the new host on the next Acquire
// Test Token. Now each value is bound to the authority host, tenant and client id it was stored for;
// when those change the user is asked, and only "Use It Here" lets the secret go.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { classify } from '../../src/core/classify/index';
import type { Timeline } from '../../src/core/types';
import { acquireTestToken, closeTokenClient } from '../../src/extension/acquire';
import { importCertificate, setClientSecret } from '../../src/extension/registrations';
import type { Services } from '../../src/extension/services';
import { makeServices } from './leaks';

const SECRET = 'Bound8Q~client.secret_value+42/xyz=';
const NAME = 'Contoso daemon';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const KEY_PATH = 'test/fixtures/client/sandbox-client-key.pem';
const CERT_PATH = 'test/fixtures/client/sandbox-client-cert.pem';

interface Sent {
  settings: { authority?: string; cloud?: string; tenant?: string; clientId: string };
  credentials: { clientSecret?: string; privateKeyPem?: string };
}

/** A token client that records what it was asked to send, and where. */
function recordingClient(sent: Sent[]) {
  const classification = classify('{"error":"invalid_client","error_codes":[7000215]}');
  const timeline: Timeline = { operation: 'client_credentials', startedAt: new Date(0).toISOString(), totalMs: 1, attempts: [], final: classification };
  return {
    createTokenClient: () => ({
      acquire: async (request: Sent) => {
        sent.push(request);
        return { classification, timeline };
      },
      clearThrottle: () => undefined,
      close: async () => undefined,
    }),
  };
}

function configure(entry: Record<string, unknown>): void {
  fake.recorded.settings.set('authLens.appRegistrations', [{ name: NAME, clientId: CLIENT_ID, flow: 'client_credentials', scopes: ['https://graph.microsoft.com/.default'], ...entry }]);
}

async function acquire(s: Services, choice?: string): Promise<void> {
  fake.captured.quickPickLabel = NAME;
  fake.captured.warningChoice = choice;
  await acquireTestToken(s);
}

/** The modal asking whether the stored secret may go where the registration now points. */
function prompts(): string[] {
  return fake.captured.boxes.filter((b) => /was stored (for|before)/.test(b));
}

describe('a stored secret is bound to the authority host, tenant and client id it was stored for', () => {
  let sent: Sent[];
  let s: Services;

  beforeEach(async () => {
    fake.resetCaptured();
    // The extension keeps one token client per session; each test brings its own recording one.
    await closeTokenClient();
    sent = [];
    s = makeServices(recordingClient(sent));
    configure({ cloud: 'public', tenant: 'contoso.onmicrosoft.com' });
    fake.captured.quickPickLabel = NAME;
    fake.captured.inputValue = SECRET;
    await setClientSecret(s, NAME);
  });

  it('is sent without asking while the registration is unchanged', async () => {
    await acquire(s);
    expect(prompts()).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.credentials.clientSecret).toBe(SECRET);
  });

  it.each([
    ['the authority moves to another host', { authority: 'https://login.evil.example/contoso.onmicrosoft.com' }, 'login.evil.example'],
    ['the cloud changes', { cloud: 'china', tenant: 'contoso.onmicrosoft.com' }, 'login.chinacloudapi.cn'],
    ['the tenant changes', { cloud: 'public', tenant: 'fabrikam.onmicrosoft.com' }, 'fabrikam.onmicrosoft.com'],
    ['the client id changes', { cloud: 'public', tenant: 'contoso.onmicrosoft.com', clientId: '99999999-2222-3333-4444-555555555555' }, '99999999-2222'],
  ])('is not sent when %s and the question is dismissed', async (_what, edit, named) => {
    configure(edit);
    await acquire(s);
    expect(sent).toEqual([]);
    expect(prompts()).toHaveLength(1);
    expect(prompts()[0]).toContain(named);
    // Dismissing keeps the secret where it was: nothing is lost by not answering.
    expect(await s.secrets.get('secret', NAME)).toBe(SECRET);
  });

  it('"Delete It" removes the stored secret instead of sending it', async () => {
    configure({ authority: 'https://login.evil.example/contoso.onmicrosoft.com' });
    await acquire(s, 'Delete It');
    expect(sent).toEqual([]);
    expect(await s.context.secrets.get(`authLens.secret.${NAME}`)).toBeUndefined();
    expect(fake.captured.boxes.at(-1)).toMatch(/has no client secret yet/);
  });

  it('"Use It Here" sends it to the new authority and binds it there, so the next request does not ask again', async () => {
    configure({ authority: 'https://login.example.org/contoso.onmicrosoft.com' });
    await acquire(s, 'Use It Here');
    await acquire(s);
    expect(prompts()).toHaveLength(1);
    expect(sent.map((r) => [r.settings.authority, r.credentials.clientSecret])).toEqual([
      ['https://login.example.org/contoso.onmicrosoft.com', SECRET],
      ['https://login.example.org/contoso.onmicrosoft.com', SECRET],
    ]);
    // And moving back is a change again.
    configure({ cloud: 'public', tenant: 'contoso.onmicrosoft.com' });
    await acquire(s);
    expect(sent).toHaveLength(2);
    expect(prompts()).toHaveLength(2);
  });

  it('a secret stored by an older version (no binding) is not sent without asking', async () => {
    await s.context.secrets.store(`authLens.secret.${NAME}`, SECRET);
    await acquire(s);
    expect(sent).toEqual([]);
    expect(prompts()).toHaveLength(1);
    await acquire(s, 'Use It Here');
    await acquire(s);
    expect(sent).toHaveLength(2);
    expect(prompts()).toHaveLength(2);
  });

  it('the case of host, tenant and client id does not matter', async () => {
    configure({ cloud: 'public', tenant: 'CONTOSO.onmicrosoft.com', clientId: CLIENT_ID.toUpperCase() });
    await acquire(s);
    expect(prompts()).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('the picker says when a stored secret was set for another authority', async () => {
    configure({ authority: 'https://login.evil.example/contoso.onmicrosoft.com' });
    const items: { label: string; detail?: string }[] = [];
    const pick = fake.window.showQuickPick;
    fake.window.showQuickPick = async <T extends { label: string }>(list: readonly T[] | Promise<readonly T[]>) => {
      items.push(...((await list) as unknown as { label: string; detail?: string }[]));
      return undefined;
    };
    try {
      await acquireTestToken(s);
    } finally {
      fake.window.showQuickPick = pick;
    }
    expect(items[0]!.detail).toMatch(/secret set for another authority/);
  });

  it('a certificate key is bound the same way', async () => {
    configure({ flow: 'client_certificate', cloud: 'public', tenant: 'contoso.onmicrosoft.com' });
    fake.captured.openDialog.push(KEY_PATH, CERT_PATH);
    await importCertificate(s, NAME);
    expect(fake.captured.status.at(-1)).toMatch(/imported into secret storage/);
    await acquire(s);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.credentials.privateKeyPem).toMatch(/PRIVATE KEY/);

    configure({ flow: 'client_certificate', authority: 'https://login.evil.example/contoso.onmicrosoft.com' });
    await acquire(s);
    expect(sent).toHaveLength(1);
    expect(prompts()).toHaveLength(1);
    expect(prompts()[0]).toMatch(/certificate key/);
  });
});
