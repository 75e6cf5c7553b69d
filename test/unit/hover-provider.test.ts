// The hover provider as VS Code calls it: it reads only the hovered line, trusts only the two hover
// commands, returns the item's range, honours the settings and cancellation, and never throws.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../support/vscode'));

import * as fake from '../support/vscode';
import { HoverRegistration } from '../../src/extension/extension';
import * as hoverModule from '../../src/extension/lazy/hover';
import { HOVER_COMMAND_IDS } from '../../src/extension/commands';
import type { Services } from '../../src/extension/services';

function services(loadLazy: () => unknown = () => hoverModule): Services {
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn(), redact: (t: string) => t };
  return { loadLazy, log } as unknown as Services;
}

function documentOf(lines: string[]) {
  const read: number[] = [];
  return {
    read,
    document: {
      lineCount: lines.length,
      lineAt: (n: number) => {
        read.push(n);
        return { text: lines[n]! };
      },
      uri: fake.Uri.file('/logs/app.log'),
    },
  };
}

const live = { isCancellationRequested: false };

describe('HoverRegistration.provideHover', () => {
  beforeEach(() => fake.resetFake());

  it('returns a hover whose Markdown trusts only the hover commands, with the code range', () => {
    const registration = new HoverRegistration(services());
    const { document, read } = documentOf(['first line', 'x AADSTS700016: app not found', 'third']);
    const hover = registration.provideHover(document as never, new fake.Position(1, 5) as never, live as never) as unknown as fake.Hover;
    expect(hover).toBeDefined();
    expect(read).toEqual([1]);
    const contents = hover.contents;
    expect(contents.isTrusted).toEqual({ enabledCommands: [...HOVER_COMMAND_IDS] });
    expect(contents.supportHtml).toBe(false);
    expect(contents.supportThemeIcons).toBe(true);
    expect(contents.value).toContain('AADSTS700016');
    expect(hover.range!.start.character).toBe(2);
    expect(hover.range!.end.character).toBe(2 + 'AADSTS700016'.length);
  });

  it('shows the lookup as a link only when authLens.lookup.online is on', () => {
    const registration = new HoverRegistration(services());
    const { document } = documentOf(['AADSTS50076']);
    const off = registration.provideHover(document as never, new fake.Position(0, 3) as never, live as never) as unknown as fake.Hover;
    expect(off.contents.value).not.toContain('](https://login.microsoftonline.com');
    fake.recorded.settings.set('authLens.lookup.online', true);
    const on = registration.provideHover(document as never, new fake.Position(0, 3) as never, live as never) as unknown as fake.Hover;
    expect(on.contents.value).toContain('](https://login.microsoftonline.com/error?code=50076');
  });

  it('does not load the heavy module when hovers are off or the request is cancelled', () => {
    const loadLazy = vi.fn(() => hoverModule);
    const registration = new HoverRegistration(services(loadLazy));
    const { document } = documentOf(['AADSTS50076']);
    expect(registration.provideHover(document as never, new fake.Position(0, 3) as never, { isCancellationRequested: true } as never)).toBeUndefined();
    fake.recorded.settings.set('authLens.hover.enabled', false);
    expect(registration.provideHover(document as never, new fake.Position(0, 3) as never, live as never)).toBeUndefined();
    expect(loadLazy).not.toHaveBeenCalled();
  });

  it('returns nothing past the last line and on plain text', () => {
    const registration = new HoverRegistration(services());
    const { document } = documentOf(['just words']);
    expect(registration.provideHover(document as never, new fake.Position(5, 0) as never, live as never)).toBeUndefined();
    expect(registration.provideHover(document as never, new fake.Position(0, 2) as never, live as never)).toBeUndefined();
  });

  it('logs and returns nothing when the lazy module cannot load, instead of throwing', () => {
    const s = services(() => {
      throw new Error('missing bundle');
    });
    const registration = new HoverRegistration(s);
    const { document } = documentOf(['AADSTS50076']);
    expect(registration.provideHover(document as never, new fake.Position(0, 3) as never, live as never)).toBeUndefined();
    expect((s.log.error as unknown as ReturnType<typeof vi.fn>).mock.calls[0]![0]).toBe('Hover failed');
  });

  it('finds codes anywhere on a 10 MB single line, and nothing in the junk between them', () => {
    const registration = new HoverRegistration(services());
    const line = 'AADSTS50076 ' + 'y'.repeat(10 * 1024 * 1024) + ' AADSTS700016';
    const { document } = documentOf([line]);
    const end = registration.provideHover(document as never, new fake.Position(0, line.length - 5) as never, live as never) as unknown as fake.Hover;
    expect(end.contents.value).toContain('AADSTS700016');
    expect(end.range!.start.character).toBe(line.length - 'AADSTS700016'.length);
    const start = registration.provideHover(document as never, new fake.Position(0, 3) as never, live as never) as unknown as fake.Hover;
    expect(start.contents.value).toContain('AADSTS50076');
    expect(registration.provideHover(document as never, new fake.Position(0, 5_000_000) as never, live as never)).toBeUndefined();
  });
});
