// client_credentials with a certificate: a client assertion signed with the certificate's key, made
// afresh (new jti) for every attempt.
import { readFile } from 'node:fs/promises';
import { loadCertificate, signClientAssertion, type LoadedCertificate } from '../assertion';
import type { AppRegistration, Credentials } from '../registration';
import { settingsFailure } from '../timeline';
import { askTokenEndpoint, grantForm, type Grant } from './context';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function readCertificate(settings: AppRegistration, credentials: Credentials): Promise<{ ok: true; value: LoadedCertificate } | { ok: false; error: string }> {
  let certPem = credentials.certificatePem;
  let keyPem = credentials.privateKeyPem;
  try {
    if (!certPem && settings.certificate?.certPath) certPem = await readFile(settings.certificate.certPath, 'utf8');
  } catch (error) {
    return { ok: false, error: `certificate.certPath could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${settings.certificate?.certPath}` };
  }
  try {
    if (!keyPem && settings.certificate?.keyPath) keyPem = await readFile(settings.certificate.keyPath, 'utf8');
  } catch (error) {
    return { ok: false, error: `certificate.keyPath could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${settings.certificate?.keyPath}` };
  }
  if (!certPem || !keyPem) return { ok: false, error: 'client_certificate needs a PEM certificate and a PEM private key' };
  return loadCertificate(certPem, keyPem, settings.certificate?.thumbprint);
}

export const clientCertificate: Grant = async (context) => {
  const { run, settings, endpoints } = context;
  const cert = await readCertificate(settings, context.credentials);
  if (!cert.ok) return { result: settingsFailure(run.operation, [`certificate: ${cert.error}`], run.options) };
  const outcome = await askTokenEndpoint(context, async () => {
    const assertion = await signClientAssertion({
      certificate: cert.value,
      clientId: settings.clientId,
      audience: endpoints.tokenEndpoint,
      algorithm: settings.certificate?.algorithm,
    });
    run.secrets.push(assertion);
    return grantForm(context, 'client_credentials', { client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }, { secret: false });
  });
  return { outcome };
};
