// The hover on a recorded msal-browser 5 console line: the minified code shows the library's own message,
// labelled with its package and version; the rest of the line, and codes no table has, stay honest.
// Explain Error Code with such a code shows the same message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { HoverRegistration } from '../../src/extension/extension';
import * as hoverModule from '../../src/extension/lazy/hover';
import { explainCode } from '../../src/extension/inspect';
import type { Services } from '../../src/extension/services';

const lines = readFileSync(join(__dirname, '../fixtures/logs/msal-browser/code-silent.log'), 'utf8').split('\n');
const live = { isCancellationRequested: false };

function hoverAt(line: string, column: number): fake.Hover | undefined {
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn(), redact: (t: string) => t };
  const registration = new HoverRegistration({ loadLazy: () => hoverModule, log } as unknown as Services);
  const document = { lineCount: 1, lineAt: () => ({ text: line }), uri: fake.Uri.file('/logs/console.log') };
  return registration.provideHover(document as never, new fake.Position(0, column) as never, live as never) as unknown as fake.Hover | undefined;
}

describe('hover on an msal-browser console line', () => {
  beforeEach(() => fake.resetFake());

  it("shows msal-browser's message for the code, quoted and labelled with the package version", () => {
    const line = lines.find((l) => l.endsWith(' - 0x1c4s'))!;
    const start = line.length - 6;
    const hover = hoverAt(line, start + 2)!;
    expect(hover).toBeDefined();
    expect(hover.range!.start.character).toBe(start);
    expect(hover.range!.end.character).toBe(line.length);
    const value = hover.contents.value;
    expect(value).toContain('> acquireTokenSilent called');
    expect(value).toContain('msal\\-browser log message `0x1c4s`');
    expect(value).toMatch(/The library's own message for this code \(level verbose\), from \\@azure\/msal\\-browser 5\\\.30\\\.0/);
  });

  it('puts the logged value into a message that has one variable', () => {
    const line = lines.find((l) => / - 1y65x6 https:/.test(l))!;
    const start = line.indexOf(' - 1y65x6') + 3;
    const value = hoverAt(line, start)!.contents.value;
    expect(value).toContain('attempting to retrieve OAuth endpoints from');
    expect(value).toContain("With this line's value:");
    expect(value).toContain('openid\\-configuration');
  });

  it('says when a code is in neither table, and leaves the rest of the line alone', () => {
    const line = lines.find((l) => l.endsWith(' - 0x1c4s'))!;
    const unknown = hoverAt(line.replace(/0x1c4s$/, 'zz99zz'), line.length - 3)!.contents.value;
    expect(unknown).toContain('Not in the log\\-strings tables of \\@azure/msal\\-browser 5\\.30\\.0');
    expect(unknown).not.toContain('written by');
    const older = hoverAt(line.replace(/0x1c4s$/, 'zz99zz').replace('msal-browser@5.30.0', 'msal-browser@5.1.0'), line.length - 3)!.contents.value;
    expect(older).toContain('The line was written by \\@azure/msal\\-browser 5\\.1\\.0');
    expect(hoverAt(line, line.indexOf('Verbose'))).toBeUndefined();
  });
});

describe('Explain Error Code with an msal-browser log code', () => {
  beforeEach(() => fake.resetFake());

  it("shows the library's message, attributed to msal-browser, without opening the panel", async () => {
    await explainCode({} as Services, ' 0x1c4s ');
    expect(fake.recorded.messages).toHaveLength(1);
    expect(fake.recorded.messages[0]!.level).toBe('info');
    expect(fake.recorded.messages[0]!.message).toMatch(/^0x1c4s is @azure\/msal-browser \d+\.\d+\.\d+'s log message \(verbose\): \u201cacquireTokenSilent called\u201d$/);
  });
});
