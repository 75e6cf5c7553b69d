// msal-browser 5's minified log codes: the committed table is what scripts/msal-log-strings.ts makes from
// the installed packages (an update that changes codes fails here until the file is regenerated), every
// code the recorded Chromium logs use is in it, and the lookup, line reader and `auth-lens explain` read it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT } from '../../scripts/msal-log-strings';
import { runExplain } from '../../src/cli/explain';
import {
  decodeMsalLogMessage,
  fillMsalLogMessage,
  findMsalLogCode,
  lookupMsalLogString,
  msalLogPackages,
} from '../../src/core/catalog/msal-log-strings';

const root = join(__dirname, '../..');
const fixtures = join(root, 'test/fixtures/logs/msal-browser');
const installed = (name: string): string => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('the committed msal-browser log-strings table', () => {
  it('is exactly what the script generates from the installed msal-browser and msal-common', () => {
    expect(readFileSync(join(root, OUTPUT), 'utf8')).toBe(generate(root));
  });

  it('names the installed packages and holds both tables', () => {
    expect(msalLogPackages()).toEqual([
      { name: '@azure/msal-browser', version: installed('@azure/msal-browser') },
      { name: '@azure/msal-common', version: installed('@azure/msal-common') },
    ]);
    const data = JSON.parse(readFileSync(join(root, OUTPUT), 'utf8')) as { codes: Record<string, [number, string, string]> };
    const browser = JSON.parse(readFileSync(join(root, 'node_modules/@azure/msal-browser/lib/log-strings-mapping.json'), 'utf8')) as { totalStrings: number };
    const common = JSON.parse(readFileSync(join(root, 'node_modules/@azure/msal-common/dist-browser/log-strings-mapping.json'), 'utf8')) as { totalStrings: number };
    expect(Object.keys(data.codes)).toHaveLength(browser.totalStrings + common.totalStrings);
  });

  it('has every code the recorded msal-browser console logs use', () => {
    const logs = readdirSync(fixtures).filter((f) => f.endsWith('.log'));
    expect(logs.length).toBeGreaterThan(0);
    const used = new Set<string>();
    for (const log of logs) {
      for (const line of readFileSync(join(fixtures, log), 'utf8').split('\n')) {
        const found = findMsalLogCode(line);
        if (found) used.add(found.text.slice(0, 6));
      }
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((code) => !lookupMsalLogString(code))).toEqual([]);
  });
});

describe('lookupMsalLogString / decodeMsalLogMessage', () => {
  it('finds a known code with its package, version and level', () => {
    expect(lookupMsalLogString('0x1c4s')).toEqual({
      code: '0x1c4s',
      message: 'acquireTokenSilent called',
      level: 'verbose',
      packageName: '@azure/msal-browser',
      version: installed('@azure/msal-browser'),
    });
    expect(lookupMsalLogString('1y65x6')?.packageName).toBe('@azure/msal-common');
  });

  it('finds nothing for an unknown code or something that is not a code', () => {
    expect(lookupMsalLogString('zzzzzz')).toBeUndefined();
    expect(lookupMsalLogString('0x1c4')).toBeUndefined();
    expect(lookupMsalLogString('constructor')).toBeUndefined();
    expect(lookupMsalLogString('__prot')).toBeUndefined();
    expect(decodeMsalLogMessage('0x1c4sx')).toBeUndefined();
    expect(decodeMsalLogMessage('zzzzzz 1')).toBeUndefined();
  });

  it('reads the variables after the code and puts a single one into the message', () => {
    const decoded = decodeMsalLogMessage('09ingz 1');
    expect(decoded).toMatchObject({ code: '09ingz', values: '1', message: "Token refresh is required due to cache outcome: '${cacheOutcome}'" });
    expect(fillMsalLogMessage(decoded!)).toBe("Token refresh is required due to cache outcome: '1'");
    const url = 'https://127.0.0.1:39151/tenant/v2.0/.well-known/openid-configuration';
    expect(fillMsalLogMessage(decodeMsalLogMessage(`1y65x6 ${url}`)!)).toContain(`from '${url}'`);
    expect(decodeMsalLogMessage('0x1c4s')?.values).toBe('');
    expect(fillMsalLogMessage(decodeMsalLogMessage('0x1c4s')!)).toBeUndefined();
  });
});

describe('findMsalLogCode', () => {
  it('finds the code on a recorded line and nowhere else', () => {
    const line = readFileSync(join(fixtures, 'code-silent.log'), 'utf8').split('\n').find((l) => l.endsWith(' - 0x1c4s'))!;
    const found = findMsalLogCode(line)!;
    expect(found).toMatchObject({ packageName: '@azure/msal-browser', version: '5.30.0', text: '0x1c4s' });
    expect(line.slice(found.start, found.start + 6)).toBe('0x1c4s');
    expect(findMsalLogCode('[x] : [y] : @azure/msal-browser@5.30.0 : Verbose - a longer sentence')).toBeUndefined();
    expect(findMsalLogCode('Verbose - 0x1c4s')).toBeUndefined();
  });
});

describe('auth-lens explain on an msal-browser log code', () => {
  async function explain(args: string[]): Promise<{ status: number; out: string }> {
    let out = '';
    const status = await runExplain(args, { stdout: (s: string) => (out += s), stderr: () => undefined, color: false } as never);
    return { status, out };
  }

  it("prints the library's message, labelled as msal-browser's, next to catalog entries", async () => {
    const { status, out } = await explain(['0x1c4s', 'invalid_grant']);
    expect(status).toBe(0);
    expect(out).toContain('invalid_grant');
    expect(out).toMatch(/0x1c4s {2}@azure\/msal-browser \d+\.\d+\.\d+ log message, level verbose/);
    expect(out).toContain('"acquireTokenSilent called"');
    const json = JSON.parse((await explain(['0x1c4s', '--json'])).out) as unknown[];
    expect(json).toEqual([expect.objectContaining({ kind: 'msal-log-string', code: '0x1c4s', message: 'acquireTokenSilent called' })]);
  });

  it('still refuses a six-character word no table has', async () => {
    let err = '';
    const status = await runExplain(['zzzzzz'], { stdout: () => undefined, stderr: (s: string) => (err += s), color: false } as never);
    expect(status).toBe(2);
    expect(err).toContain('no vocabulary knows "zzzzzz"');
  });
});
