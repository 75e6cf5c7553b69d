// Hover content: codes, OAuth error values in context and JWTs are explained; log text is escaped
// so it cannot form links, HTML or code spans; the command links carry no token; the work is
// bounded on a 10 MB single line.
import { describe, expect, it } from 'vitest';
import { computeHover } from '../../src/extension/lazy/hover';
import { describeCode, OAUTH_ERRORS } from '../../src/core/catalog/describe';
import { escapeMarkdown } from '../../src/core/format/escape';
import { buildCodeHover, parseHoverCommandArgs } from '../../src/core/format/hover';
import { fixLine } from '../../src/core/format/markdown';
import { categoryLabel } from '../../src/core/format/labels';
import { COMMANDS, HOVER_COMMAND_IDS } from '../../src/extension/commands';
import type { CatalogEntry } from '../../src/core/types';

const NOW = new Date('2026-11-24T06:00:00Z');
const opts = { onlineLookup: false, uri: 'file:///logs/app.log', line: 7, now: NOW };

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const SIGNATURE = 'c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1zaG93LXVwLWluLWEtaG92ZXI';
const TOKEN = [
  b64url({ alg: 'RS256', typ: 'JWT', kid: 'abc' }),
  b64url({
    aud: 'https://graph.microsoft.com',
    iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    iat: NOW.getTime() / 1000 - 600,
    nbf: NOW.getTime() / 1000 - 600,
    exp: NOW.getTime() / 1000 + 3000,
    appid: '11111111-2222-3333-4444-555555555555',
    scp: 'User.Read Mail.Send',
    tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    ver: '1.0',
    oid: '22222222-3333-4444-5555-666666666666',
  }),
  SIGNATURE,
].join('.');

/** Decodes the JSON argument of every command link in the markdown. */
function commandLinks(markdown: string): { id: string; args: unknown[] }[] {
  return [...markdown.matchAll(/\]\(command:([A-Za-z.]+)\?([^ )]+)/g)].map((m) => ({ id: m[1]!, args: JSON.parse(decodeURIComponent(m[2]!)) as unknown[] }));
}

describe('code hovers', () => {
  const line = 'ERROR msal: AADSTS50076: Due to a configuration change made by your administrator, you must use MFA. Trace ID: 0000aaaa';

  it('explain an AADSTS code from the catalog with fixes, lookup and both command links', () => {
    const column = line.indexOf('AADSTS') + 4;
    const result = computeHover(line, column, opts)!;
    const entry = describeCode(50076);
    expect(result.start).toBe(line.indexOf('AADSTS'));
    expect(result.end).toBe(line.indexOf('AADSTS') + 'AADSTS50076'.length);
    expect(result.markdown).toContain(escapeMarkdown(`AADSTS50076 \u00b7 ${entry.name}`));
    expect(result.markdown).toContain(escapeMarkdown(entry.summary, 1_000));
    expect(result.markdown).toContain(escapeMarkdown(categoryLabel(entry.category)));
    expect(result.markdown).toContain('*Who acts:*');
    expect(result.markdown).toContain('*First steps*');
    expect(result.markdown).toContain(`1. ${escapeMarkdown(fixLine(entry.fixes[0]!), 2_000)}`);
    expect(result.markdown).toContain('login.microsoftonline.com/error?code=50076');
    const links = commandLinks(result.markdown);
    expect(links.map((l) => l.id)).toEqual([COMMANDS.openInPanel.id, COMMANDS.copyExplanation.id]);
    expect(links[0]!.args).toEqual([{ kind: 'code', code: 50076 }]);
    for (const link of links) expect(HOVER_COMMAND_IDS).toContain(link.id);
  });

  it('lists at most three fix steps', () => {
    const entry = describeCode(50076);
    const result = computeHover(line, line.indexOf('AADSTS') + 2, opts)!;
    expect(result.markdown).not.toMatch(/^4\. /m);
    if (entry.fixes.length > 3) expect(result.markdown).not.toContain(escapeMarkdown(fixLine(entry.fixes[3]!), 2_000));
  });

  it('makes the lookup a link only when authLens.lookup.online is on', () => {
    const column = line.indexOf('AADSTS') + 4;
    expect(computeHover(line, column, opts)!.markdown).not.toContain('](https://');
    expect(computeHover(line, column, { ...opts, onlineLookup: true })!.markdown).toContain('](https://login.microsoftonline.com/error?code=50076');
  });

  it('explains an undocumented code honestly, using the error value on the line', () => {
    const text = '{"error": "invalid_grant", "error_description": "AADSTS99999001: something new"}';
    const result = computeHover(text, text.indexOf('AADSTS') + 3, opts)!;
    expect(result.markdown).toContain('AADSTS99999001');
    expect(result.markdown).toContain('not in Microsoft');
    expect(result.markdown).toContain('invalid\\_grant');
  });

  it('returns nothing away from a code or for plain text', () => {
    expect(computeHover(line, 2, opts)).toBeUndefined();
    expect(computeHover('nothing to see here', 5, opts)).toBeUndefined();
    expect(computeHover('', 0, opts)).toBeUndefined();
    expect(computeHover(line, -1, opts)).toBeUndefined();
    expect(computeHover(line, line.length + 10, opts)).toBeUndefined();
  });
});

describe('error value hovers', () => {
  it.each([
    ['JSON', '{"error": "invalid_grant", "error_codes": [70008]}', 'invalid_grant'],
    ['Python repr', "{'error': 'interaction_required', 'suberror': 'basic_action'}", 'interaction_required'],
    ['form style', 'token failed: error=temporarily_unavailable&error_description=busy', 'temporarily_unavailable'],
  ])('explain %s error values in context', (_label, text, value) => {
    const at = text.indexOf(value);
    const result = computeHover(text, at + 2, opts)!;
    expect(result, text).toBeDefined();
    expect(result.start).toBe(at);
    expect(result.end).toBe(at + value.length);
    const info = OAUTH_ERRORS[value]!;
    expect(result.markdown).toContain(`OAuth error \`${value}\``);
    expect(result.markdown).toContain(escapeMarkdown(info.summary, 1_000));
    expect(result.markdown).toContain(escapeMarkdown(categoryLabel(info.category)));
    expect(commandLinks(result.markdown)[0]!.args).toEqual([{ kind: 'error', error: value }]);
  });

  it('ignores the same words outside an error context', () => {
    const text = 'the docs mention invalid_grant in passing';
    expect(computeHover(text, text.indexOf('invalid_grant') + 2, opts)).toBeUndefined();
  });

  it('ignores error values Auth Lens does not know', () => {
    const text = '{"error": "made_up_value"}';
    expect(computeHover(text, text.indexOf('made_up') + 2, opts)).toBeUndefined();
  });
});

describe('JWT hovers', () => {
  const line = `2026-11-24 06:00:01 DEBUG Authorization: Bearer ${TOKEN} sent`;
  const at = line.indexOf('eyJ');

  it('show token type, audience, app, scopes and expiry', () => {
    const result = computeHover(line, at + 40, opts)!;
    expect(result.start).toBe(at);
    expect(result.end).toBe(at + TOKEN.length);
    expect(result.markdown).toMatch(/Access token/);
    expect(result.markdown).toContain('Audience: `https://graph.microsoft.com`');
    expect(result.markdown).toContain('App (client) ID: `11111111-2222-3333-4444-555555555555`');
    expect(result.markdown).toContain('`User.Read`');
    expect(result.markdown).toContain('`Mail.Send`');
    expect(result.markdown).toMatch(/Expiry: expires in 50 minutes/);
  });

  it('never puts the token (or its signature) in the hover or its links', () => {
    const result = computeHover(line, at + 5, opts)!;
    expect(result.markdown).not.toContain(SIGNATURE);
    expect(result.markdown).not.toContain(TOKEN.split('.')[1]!);
    const links = commandLinks(result.markdown);
    expect(links[0]!.args).toEqual([{ kind: 'token', uri: opts.uri, line: 7, start: at, end: at + TOKEN.length }]);
    expect(parseHoverCommandArgs(links[0]!.args[0])).toEqual(links[0]!.args[0]);
  });

  it('says when a token has expired', () => {
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    const result = computeHover(line, at + 5, { ...opts, now: later })!;
    expect(result.markdown).toMatch(/\*\*Expired\*\*: expired 70 minutes ago/);
  });
});

describe('escaping of outside text', () => {
  const hostile: CatalogEntry = {
    vocabulary: 'aadsts',
    source: 'Microsoft Entra ID',
    code: '1',
    name: '<img src=x onerror=alert(1)>',
    summary: 'Before <script>alert("x")</script> [click](javascript:alert(1)) `code` **bold** $(zap) ![i](https://evil/x.png)\nline two',
    causes: [],
    fixes: [
      { text: '[link](command:workbench.action.terminal.new) and <b>html</b>', who: 'developer' },
      { text: 'back`tick`s ``` fence', who: 'user' },
    ],
    category: 'unknown',
    actor: 'none',
    retryable: false,
    url: 'https://login.microsoftonline.com/error?code=1',
    documented: false,
  };
  const markdown = buildCodeHover(hostile, { commands: { open: COMMANDS.openInPanel.id, copy: COMMANDS.copyExplanation.id }, onlineLookup: false });

  it('leaves no HTML tags', () => {
    expect(markdown).not.toMatch(/<script|<img|<b>/i);
    expect(markdown).toContain('&lt;script&gt;');
  });

  it('forms no links or images from the text: only our two command links remain', () => {
    expect(markdown).not.toContain('](javascript:');
    expect(markdown).not.toContain('](command:workbench');
    expect(markdown).not.toContain('![i](');
    expect(commandLinks(markdown).map((l) => l.id)).toEqual([COMMANDS.openInPanel.id, COMMANDS.copyExplanation.id]);
  });

  it('escapes backticks, emphasis and theme icons, and keeps outside text on its line', () => {
    expect(markdown).toContain('\\`code\\`');
    expect(markdown).toContain('\\*\\*bold\\*\\*');
    expect(markdown).toContain('\\$\\(zap\\)');
    expect(markdown).not.toMatch(/[^\\]```/);
    expect(markdown).toContain('line two');
    expect(markdown).not.toContain('\nline two');
  });

  it('escapes hostile text found on a log line before it reaches the hover', () => {
    const text = `{"error": "invalid_grant", "error_description": "AADSTS70008: <script>x</script> [a](javascript:b)"}`;
    const result = computeHover(text, text.indexOf('AADSTS') + 2, opts)!;
    expect(result.markdown).not.toContain('<script>');
    expect(result.markdown).not.toContain('](javascript:');
  });
});

describe('bounded work on huge lines', () => {
  const TEN_MB = 10 * 1024 * 1024;

  it('finds a code at the end of a 10 MB single line', () => {
    const line = 'x'.repeat(TEN_MB) + ' AADSTS700016: app not found';
    const at = line.indexOf('AADSTS', TEN_MB - 10);
    const result = computeHover(line, at + 3, opts)!;
    expect(result.start).toBe(at);
    expect(result.markdown).toContain('AADSTS700016');
  });

  it('returns nothing in the middle of 10 MB of base64-like junk, and ignores a far-away code', () => {
    const line = 'AADSTS50076 ' + 'eyJ' + 'A'.repeat(TEN_MB);
    expect(computeHover(line, TEN_MB / 2, opts)).toBeUndefined();
  });

  it('does not decode a multi-megabyte token-shaped run', () => {
    const giant = `eyJ${'a'.repeat(3 * 1024 * 1024)}.eyJ${'b'.repeat(1024)}.sig`;
    expect(computeHover(giant, 10, opts)).toBeUndefined();
  });
});

describe('library and API code hovers', () => {
  it.each([
    ['BrowserAuthError: interaction_in_progress: Interaction is currently in progress.', 'interaction_in_progress', 'handleRedirectPromise'],
    ["(AuthorizationFailed) The client 'x' with object id 'y' does not have authorization to perform action 'a' over scope 's'", 'AuthorizationFailed', 'Access control (IAM)'],
    ['{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}', 'InvalidAuthenticationToken', 'InvalidAuthenticationToken'],
    ['   ErrorCode: multiple_matching_tokens_detected', 'multiple_matching_tokens_detected', 'multiple\\_matching\\_tokens\\_detected'],
  ])('explains %s', (line, code, expected) => {
    const result = computeHover(line, line.indexOf(code) + 3, opts)!;
    expect(result).toBeDefined();
    expect(line.slice(result.start, result.end)).toBe(code);
    expect(result.markdown).toContain(expected.includes('\\') ? expected : escapeMarkdown(expected));
    expect(commandLinks(result.markdown)[0]!.args[0]).toMatchObject({ kind: 'entry', code });
    expect(parseHoverCommandArgs(commandLinks(result.markdown)[0]!.args[0])).toMatchObject({ kind: 'entry', code });
  });

  it('chooses, among entries sharing a code, the one whose message is on the line', () => {
    const line = 'ManagedIdentityCredential: ManagedIdentityCredential authentication unavailable. No identity has been assigned to this resource.';
    const result = computeHover(line, 5, opts)!;
    expect(result.markdown).toMatch(/assigned|identity/i);
  });

  it('stays quiet on ordinary identifiers and exception names that are not MSAL\u2019s', () => {
    for (const line of ['result = None', 'raise ValueError("bad")', 'def acquire_token_for_client(self):', 'the docs mention invalid_grant in passing']) {
      for (let column = 0; column < line.length; column += 3) expect(computeHover(line, column, opts), `${line} @${column}`).toBeUndefined();
    }
  });
});
