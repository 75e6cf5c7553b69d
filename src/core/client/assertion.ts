// Signed client assertions (private_key_jwt) for certificate credentials: RS256 or PS256, with the
// certificate's SHA-256 thumbprint in `x5t#S256`, aud = token endpoint, iss = sub = client id.
import { X509Certificate, createHash, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export interface LoadedCertificate {
  key: KeyObject;
  x5tS256: string;
  x5t: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
  notAfter: Date;
  subject: string;
}

export type CertificateResult = { ok: true; value: LoadedCertificate } | { ok: false; error: string };

/** Reads a PEM certificate and key and checks they belong together; never throws. */
export function loadCertificate(certificatePem: string, privateKeyPem: string, expectedThumbprint?: string): CertificateResult {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certificatePem);
  } catch {
    return { ok: false, error: 'the certificate file is not a readable PEM X.509 certificate (expected -----BEGIN CERTIFICATE-----)' };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    return { ok: false, error: 'the key file is not a readable PEM private key (PKCS#8 or PKCS#1 RSA, unencrypted)' };
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
    return { ok: false, error: `the private key is ${key.asymmetricKeyType ?? 'of an unknown type'}; Entra certificate credentials need an RSA key` };
  }
  if (!cert.checkPrivateKey(key)) return { ok: false, error: 'the private key does not belong to the certificate' };
  const der = cert.raw;
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  const thumbprintSha1 = sha1.toString('hex').toUpperCase();
  const thumbprintSha256 = sha256.toString('hex').toUpperCase();
  if (expectedThumbprint) {
    const wanted = expectedThumbprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
    if (wanted !== thumbprintSha1 && wanted !== thumbprintSha256) {
      return { ok: false, error: `the certificate's thumbprint (SHA-1 ${thumbprintSha1}) does not match the configured thumbprint ${wanted}` };
    }
  }
  return {
    ok: true,
    value: {
      key,
      x5tS256: sha256.toString('base64url'),
      x5t: sha1.toString('base64url'),
      thumbprintSha1,
      thumbprintSha256,
      notAfter: new Date(cert.validTo),
      subject: cert.subject,
    },
  };
}

export async function signClientAssertion(options: {
  certificate: LoadedCertificate;
  clientId: string;
  audience: string;
  algorithm?: 'RS256' | 'PS256';
  lifetimeSeconds?: number;
  now?: number;
}): Promise<string> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const alg = options.algorithm ?? 'RS256';
  return new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', 'x5t#S256': options.certificate.x5tS256, x5t: options.certificate.x5t })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.audience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setNotBefore(now)
    // Short-lived on purpose: an assertion is used once, right away.
    .setExpirationTime(now + (options.lifetimeSeconds ?? 300))
    .sign(options.certificate.key);
}
