// `npm run sandbox [-- --port N] [--json] [--managed-identity]`: starts the local sandbox authority and
// prints what to paste into VS Code settings (and, with --managed-identity, the environment that points
// an app's managed-identity credential at the sandbox's IMDS or App Service). Ctrl+C stops it.
import { extensionRegistrations } from '../../scripts/lib/registrations';
import { SANDBOX_CERT_PATH, SANDBOX_KEY_PATH, SANDBOX_MI_CLIENT_ID, SANDBOX_SECRET_ENV, SCENARIO_NAMES, sandboxAppRegistrations, startSandbox } from './index';

function usage(): string {
  return 'usage: npm run sandbox -- [--port N] [--json] [--device-interval SECONDS] [--managed-identity]\n';
}

async function main(argv: string[]): Promise<number> {
  let port = 0;
  let json = false;
  let managedIdentity = false;
  let deviceInterval: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--port' || arg === '--device-interval') {
      const value = Number(argv[i + 1]);
      i += 1;
      if (!Number.isInteger(value) || value < 0 || (arg === '--port' && value > 65_535)) {
        process.stderr.write(`${arg} needs a whole number${arg === '--port' ? ' between 0 and 65535' : ''}\n${usage()}`);
        return 2;
      }
      if (arg === '--port') port = value;
      else deviceInterval = value;
    } else if (arg === '--json') json = true;
    else if (arg === '--managed-identity') managedIdentity = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage());
      return 0;
    } else {
      process.stderr.write(`unknown option ${String(arg)}\n${usage()}`);
      return 2;
    }
  }
  let sandbox;
  try {
    sandbox = await startSandbox({ port, deviceInterval, managedIdentity });
  } catch (error) {
    process.stderr.write(`the sandbox could not start: ${(error as Error).message}\n`);
    return 3;
  }
  // VS Code gets entries in the extension's settings shape (checked by its own validator); the CLI's
  // --profile files take the token client's shape, with certificate file paths.
  const forVsCode = extensionRegistrations(sandbox);
  const forCli = sandboxAppRegistrations(sandbox);
  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          issuer: sandbox.issuer,
          secretEnv: SANDBOX_SECRET_ENV,
          testOnlySecret: sandbox.clientSecret,
          resource: sandbox.resourceUrl,
          stepUpResource: sandbox.stepUpResourceUrl,
          vscodeSettings: { 'authLens.appRegistrations': forVsCode.entries },
          cliProfiles: forCli,
          problems: forVsCode.problems,
          ...(sandbox.managedIdentity
            ? { managedIdentity: { imds: sandbox.managedIdentity.env('imds'), appService: sandbox.managedIdentity.env('app-service'), userAssignedClientId: SANDBOX_MI_CLIENT_ID } }
            : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const out = [
      `Auth Lens sandbox authority listening at ${sandbox.issuer}`,
      `  discovery: ${sandbox.issuer}/.well-known/openid-configuration`,
      `  protected resource: ${sandbox.resourceUrl} (claims challenge: ${sandbox.stepUpResourceUrl})`,
      '',
      'Paste into VS Code user settings.json:',
      JSON.stringify({ 'authLens.appRegistrations': forVsCode.entries }, null, 2),
      ...forVsCode.problems.map((p) => `  (left out: ${p})`),
      '',
      'Client secret: TEST-ONLY secret of this sandbox run (worthless anywhere else):',
      `  ${sandbox.clientSecret}`,
      `  VS Code: "Auth Lens: Set Client Secret…" on "${forCli[0]?.name ?? 'Sandbox client secret'}" (and any text for the scenario entries).`,
      `  CLI:     export ${SANDBOX_SECRET_ENV}='${sandbox.clientSecret}'`,
      `           auth-lens token --authority ${sandbox.issuer} --client-id sandbox-secret --flow client_credentials --scope api://auth-lens-sandbox/.default`,
      `Certificate (test-only): key ${SANDBOX_KEY_PATH}`,
      `                         certificate ${SANDBOX_CERT_PATH}`,
      '',
      `Failure scenarios: client id "scenario-<name>", header x-sandbox-scenario, or ?scenario=<name> on /token;`,
      `  names: ${SCENARIO_NAMES.join(', ')}`,
      '',
      ...(sandbox.managedIdentity
        ? [
            `Managed identity (resource api://auth-lens-sandbox; user-assigned client id ${SANDBOX_MI_CLIENT_ID}, or none for system-assigned):`,
            ...Object.entries(sandbox.managedIdentity.env('imds')).map(([k, v]) => `  IMDS:        export ${k}='${v}'`),
            ...Object.entries(sandbox.managedIdentity.env('app-service')).map(([k, v]) => `  App Service: export ${k}='${v}'`),
            '',
          ]
        : []),
      'Press Ctrl+C to stop.',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
  const stop = () => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
