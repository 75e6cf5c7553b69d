// The CLI's option tables: one table per command drives both the parser and --help, so what help
// lists is what the parser takes, `auth-lens help COMMAND` and `COMMAND --help` print the same, and
// every parse error names the option without echoing a value. In-process (src/cli/run.ts).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { memoryIo } from '../fixtures/cli-io';

const COMMANDS = ['explain', 'classify', 'decode', 'compare', 'scan', 'redact', 'token'];

async function cli(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = memoryIo({ NO_COLOR: '1' });
  const status = await runCli(argv, io);
  return { status, stdout: io.out, stderr: io.err };
}

describe('help from the option tables', () => {
  it.each(COMMANDS)('%s: --help, -h and "help COMMAND" print the same', async (command) => {
    const r = await cli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: auth-lens ${command}`));
    if (['explain', 'classify', 'scan'].includes(command)) expect(r.stdout).toMatch(/--fail-on CATEGORY/);
    expect(r.stdout).toMatch(/\n {2}-h, --help +show this help\n/);
    expect((await cli([command, '-h'])).stdout).toBe(r.stdout);
    const topic = await cli(['help', command]);
    expect(topic.status).toBe(0);
    expect(topic.stdout).toBe(r.stdout);
  });

  it('help lists every option a command parses, and the parser accepts every option help lists', async () => {
    const help = (await cli(['decode', '--help'])).stdout;
    for (const option of ['--json', '--now ISO-TIME', '--verify', '--jwks FILE', '--online', '--audience AUD[,AUD]', '--tenant TID']) expect(help).toContain(`  ${option} `);
    // A switch given a value, an option missing its value and an option taken for a value are usage errors.
    expect((await cli(['explain', '50076', '--json=yes'])).stderr).toMatch(/explain: --json takes no value/);
    expect((await cli(['explain', '50076', '--fail-on'])).stderr).toMatch(/explain: --fail-on needs a value/);
    const swallowed = await cli(['explain', '50076', '--fail-on', '--json']);
    expect(swallowed.status).toBe(2);
    expect(swallowed.stderr).toMatch(/--fail-on needs a value/);
    expect((await cli(['scan', '-x', 'f'])).stderr).toMatch(/scan: unknown option -x \(see auth-lens scan --help\)/);
  });

  it('help never lists the refused secret options, which stop the command before --help is read', async () => {
    expect((await cli(['token', '--help'])).stdout).not.toMatch(/--client-secret|--secret |--password/);
    const r = await cli(['token', '--help', '--client-secret', 'hunter2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/token: --client-secret is refused/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('an unknown command or option is a usage error on one line', async () => {
    const a = await cli(['frobnicate']);
    expect(a.status).toBe(2);
    expect(a.stderr).toBe(`auth-lens: unknown command "frobnicate" (commands: ${COMMANDS.join(', ')}; see auth-lens --help)\n`);
    const b = await cli(['scan', '--bogus', 'x']);
    expect(b.status).toBe(2);
    expect(b.stderr).toBe('auth-lens scan: unknown option --bogus (see auth-lens scan --help)\n');
  });

  it('an unknown --fail-on category is a usage error that lists the valid ones', async () => {
    const r = await cli(['explain', '50076', '--fail-on', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown category "nope" \(one of: success, pending/);
  });
});
