// What the leak tests share: the encodings a secret can leak in, a search of captured outputs for
// them, and extension services on the fake `vscode` (the test file installs the mock).
import * as fake from '../support/vscode';
import { Logger, ResultStore, SecretStore, type Services } from '../../src/extension/services';
import { FailureLog, TokenLog } from '../../src/extension/recent';

/** Every form a value can leak in: as is, base64 (with and without padding), base64url, URL- and form-encoded, JSON-escaped. */
export function leakForms(value: string): string[] {
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  const url = encodeURIComponent(value);
  const forms = new Set([value, b64, b64.replace(/=+$/, ''), Buffer.from(value, 'utf8').toString('base64url'), url, url.replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)]);
  return [...forms].filter((f) => f.length >= 12);
}

export interface Output {
  name: string;
  text: string;
}

export function output(name: string, value: unknown): Output {
  return { name, text: typeof value === 'string' ? value : (JSON.stringify(value) ?? '') };
}

/**
 * Each place a secret shows in an output: any of its leak forms, or (as is) any 8 characters of it,
 * since a cut or a partial match would otherwise let a prefix through.
 */
export function findLeaks(secrets: readonly string[], outputs: readonly Output[]): string[] {
  const hits: string[] = [];
  for (const secret of secrets) {
    const probes = new Set(leakForms(secret));
    for (let i = 0; i + 8 <= secret.length; i++) probes.add(secret.slice(i, i + 8));
    for (const out of outputs) {
      const found = [...probes].find((p) => out.text.includes(p));
      if (found !== undefined) hits.push(`${JSON.stringify(found)} of ${JSON.stringify(secret.slice(0, 6))}… in ${out.name}`);
    }
  }
  return hits;
}

/** Services as activate builds them, on the fake `vscode`; `loadLazy` hands out `lazy` (the token client module). */
export function makeServices(lazy: unknown = {}): Services {
  const context = { ...fake.fakeContext(process.cwd()), workspaceState: undefined };
  const secrets = new SecretStore(context.secrets as never);
  const log = new Logger(() => secrets.knownSecrets());
  return { context: context as never, log, secrets, results: new ResultStore(), failures: new FailureLog(), tokens: new TokenLog(), loadLazy: <T,>() => lazy as T };
}
