// The CLI's output promises (issue 13, items 4, 6 and 7) and `auth-lens redact`, run in-process with fake
// streams: no argument that looks like a secret is echoed, JSON is redacted value by value, nothing
// printed carries a terminal control sequence, and redact streams a file or standard input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { stripControls } from '../../src/cli/io';
import { redactedJson } from '../../src/cli/util';
import { runCli } from '../../src/cli/run';
import { redactSecrets } from '../../src/core/redact';
import { b64url, makeJwt, v2Delegated } from '../fixtures/jwt/make';

const ENTRA = 'xJ38Q~mWq3Tk.Fvq_ZR1pI4Yg2o9aLrtB-Ns6cUu';
const REFRESH = '0.AXoAM4-fpqNTWWdjdIE5pz1zJrbi1WUr3wrsZzL51Qg46uzN7o9XmUg-dtRUozG9zacXmvBwN9JJpK4PKT8PdvvYQqsrRu1jFtAOmhIg2RfK5JXaPoW5eGQDO';
const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const CLEAR = '\u001b[2J\u001b[H';

interface Captured {
  status: number;
  stdout: string;
  stderr: string;
}

function fakeIo(input = '', options: Partial<CliIo> & { stream?: boolean } = {}): { io: CliIo; out: () => Captured } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => input,
    stdinStream: options.stream ? Readable.from([Buffer.from(input, 'utf8')]) : undefined,
    stdinIsTTY: false,
    isTTY: false,
    env: {},
    color: false,
    ...options,
  };
  return { io, out: () => ({ status: 0, stdout, stderr }) };
}

async function cli(argv: string[], input = '', options: Partial<CliIo> & { stream?: boolean } = {}): Promise<Captured> {
  const { io, out } = fakeIo(input, options);
  const status = await runCli(argv, io);
  return { ...out(), status };
}

function noPiece(out: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(out, `"${secret.slice(i, i + 8)}" survived in: ${out}`).not.toContain(secret.slice(i, i + 8));
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'auth-lens-hardening-'));
});

describe('item 4: an argument that looks like a secret is never echoed', () => {
  const secrets: [string, string, RegExp][] = [
    ['a client secret', ENTRA, /looks like a client secret/],
    ['a refresh token', REFRESH, /looks like a refresh token/],
    ['a keyed secret', `client_secret=${'h7Rt2vLq9ZpX3s'}`, /looks like a client secret/],
  ];
  for (const [what, secret, says] of secrets) {
    // decode takes a token-shaped argument as the token itself (and shows only its prefix).
    it.each(what === 'a refresh token' ? ['classify', 'scan'] : ['decode', 'classify', 'scan'])(`%s <${what}> says what it looked like`, async (command) => {
      const r = await cli([command, secret]);
      expect(r.status).toBe(3);
      noPiece(r.stderr + r.stdout, secret.replace(/^client_secret=/, ''));
      expect(r.stderr).toMatch(says);
      expect(r.stderr).toMatch(/no such file/);
    });
    it(`explain <${what}> says what it looked like`, async () => {
      const r = await cli(['explain', secret]);
      expect(r.status).toBe(2);
      noPiece(r.stderr, secret.replace(/^client_secret=/, ''));
      expect(r.stderr).toMatch(says);
    });
  }

  it('still names an ordinary missing file', async () => {
    const r = await cli(['classify', join(tmp, 'missing-response.txt')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('missing-response.txt: no such file');
  });

  it('decode --now never echoes its value', async () => {
    const r = await cli(['decode', '--now', ENTRA, makeJwt(v2Delegated())]);
    expect(r.status).toBe(2);
    noPiece(r.stderr, ENTRA);
  });
});

describe('item 6: redact first, then cut; redact values, not serialized text', () => {
  it('an internal error message is redacted before it is shortened', async () => {
    const message = `${'x'.repeat(286)} ${ENTRA} tail`;
    const { io, out } = fakeIo();
    io.stdout = () => {
      throw new Error(message);
    };
    const status = await runCli(['explain', '50076'], io);
    expect(status).toBe(1);
    noPiece(out().stderr, ENTRA);
  });

  it('a known secret with a quote, a backslash or a tab is found in its JSON-escaped form', () => {
    for (const secret of ['Q"7xk9Rz2mNp4TvW8yBc', 'Q\\7xk9Rz2mNp4TvW8yBc', 'Q\t7xk9Rz2mNp4TvW8yBc']) {
      const serialized = JSON.stringify({ echoed: `server said ${secret} back` }, null, 2);
      const out = redactSecrets(serialized, [secret]);
      noPiece(out, JSON.stringify(secret).slice(1, -1));
      expect(out).toContain('server said [redacted] back');
    }
  });

  it('redactedJson redacts each value, then serializes', () => {
    const secret = 'Q"7xk9Rz2mNp4TvW8yBc';
    const text = redactedJson({ a: [`x ${secret} y`, { b: `password=${'h7Rt2vLq9ZpX3s'}` }], n: 1, t: null }, [secret]);
    expect(JSON.parse(text)).toEqual({ a: ['x [redacted] y', { b: 'password=[redacted]' }], n: 1, t: null });
  });
});

describe('item 7: no terminal control sequence is printed', () => {
  it('stripControls keeps text, newlines and tabs, and only our own colours', () => {
    expect(stripControls(`a${OSC52}b${CLEAR}c\td\r\ne\rf\u0008g\u009bh\u202ei`, false)).toBe('a]52;c;ZWNobyBwd25lZA==b[2J[Hc\td\r\nefghi');
    expect(stripControls('\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m', true)).toBe('\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m');
    expect(stripControls('\u001b[1mbold\u001b[22m', false)).toBe('[1mbold[22m');
    expect(stripControls('\u001b[8mhidden\u001b[0m', true)).toBe('[8mhidden[0m');
  });

  it('explain echoes a code without its escapes', async () => {
    const r = await cli(['explain', `bogus${OSC52}${CLEAR}`]);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('decode prints claims without their escapes, and keeps its own colours', async () => {
    const token = makeJwt(v2Delegated({ name: `Eve${OSC52}${CLEAR}` }));
    const plain = await cli(['decode', token]);
    expect(plain.stdout).toContain('Eve');
    expect(plain.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const colored = await cli(['decode', token], '', { color: true });
    expect(colored.stdout).toContain('\u001b[1m');
    expect(colored.stdout).not.toContain('\u001b]');
    expect(colored.stdout).not.toContain('\u001b[2J');
  });

  it('a device-code style message from a server cannot write the clipboard through classify either', async () => {
    const body = JSON.stringify({ error: 'authorization_pending', error_description: `To sign in, use a web browser ${OSC52}${CLEAR}` });
    const r = await cli(['classify', '-'], body);
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('auth-lens redact', () => {
  const log = [
    '2024-05-01T10:00:00Z INFO starting',
    `2024-05-01T10:00:01Z DEBUG POST /token client_secret=${ENTRA}&grant_type=client_credentials`,
    `2024-05-01T10:00:02Z DEBUG {"refresh_token": "${REFRESH}", "token_type": "Bearer"}`,
    `2024-05-01T10:00:03Z WARN terminal ${OSC52} clear ${CLEAR}`,
    '2024-05-01T10:00:04Z ERROR AADSTS7000215: Invalid client secret provided.',
    '',
  ].join('\n');

  it('--help, like every command', async () => {
    const r = await cli(['redact', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: auth-lens redact \[FILE\|-\]/);
    expect((await cli(['--help'])).stdout).toMatch(/\n {2}redact /);
  });

  it('redacts a file and keeps everything else', async () => {
    const file = join(tmp, 'app.log');
    writeFileSync(file, log);
    const r = await cli(['redact', file]);
    expect(r.status).toBe(0);
    noPiece(r.stdout, ENTRA);
    noPiece(r.stdout, REFRESH.slice(8));
    expect(r.stdout).toContain('2024-05-01T10:00:04Z ERROR AADSTS7000215: Invalid client secret provided.\n');
    expect(r.stdout).toContain('"token_type": "Bearer"');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout.split('\n')).toHaveLength(log.split('\n').length);
  });

  it('reads standard input as a stream (-, or no FILE) and as a whole', async () => {
    for (const args of [['redact', '-'], ['redact']]) {
      const streamed = await cli(args, log, { stream: true });
      const whole = await cli(args, log);
      expect(streamed.status).toBe(0);
      expect(streamed.stdout).toBe(whole.stdout);
      noPiece(streamed.stdout, ENTRA);
    }
  });

  it('--json prints the text and how many secrets were removed', async () => {
    const r = await cli(['redact', '--json', '-'], log);
    const parsed = JSON.parse(r.stdout) as { text: string; redactions: number };
    expect(parsed.redactions).toBeGreaterThanOrEqual(2);
    noPiece(parsed.text, ENTRA);
  });

  it('usage and unreadable input exit like the other commands', async () => {
    expect((await cli(['redact', 'a', 'b'])).status).toBe(2);
    expect((await cli(['redact', '--bogus'])).status).toBe(2);
    expect((await cli(['redact'], '', { stdinIsTTY: true })).status).toBe(2);
    const missing = await cli(['redact', join(tmp, 'nope.log')]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/nope\.log: no such file/);
    const dir = await cli(['redact', tmp]);
    expect(dir.status).toBe(3);
  });

  it('streams a large file in pieces and gives what redacting it whole gives', async () => {
    const lines: string[] = [];
    for (let i = 0; lines.length < 60_000; i++) lines.push(i % 5 === 0 ? `${i} access_token=${makeJwt(v2Delegated({ n: i }))} ok` : `${i} INFO ${b64url({ i })} step ${i}`);
    const text = lines.join('\n') + '\n';
    const file = join(tmp, 'big.log');
    writeFileSync(file, text);
    const chunks: string[] = [];
    const { io } = fakeIo();
    io.stdout = (t) => void chunks.push(t);
    expect(await runCli(['redact', file], io)).toBe(0);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('') === redactSecrets(text)).toBe(true);
  });
});
