// TLS certificate checks for the upload (PEM pair) and the summary shown in settings and overview.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { certificatePaths, DomainError } from '@ftp-panel/core';

export type CertificateInfo = { subject: string; issuer: string; expiresAt: Date; isSelfSigned: boolean };

function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

export function describeCertificate(cert: X509Certificate): CertificateInfo {
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    expiresAt: new Date(cert.validTo),
    isSelfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
  };
}

/** Checks an uploaded pair: both parse, the key belongs to the certificate, the certificate is valid now. */
export function validateCertificatePair(certPem: string, keyPem: string, now = new Date()): CertificateInfo {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw DomainError.field('INVALID_CERTIFICATE', 'certPem', 'This is not a PEM certificate (-----BEGIN CERTIFICATE-----).');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw DomainError.field('INVALID_CERTIFICATE', 'keyPem', 'This is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----).');
  }
  if (!cert.checkPrivateKey(key)) {
    throw DomainError.field('INVALID_CERTIFICATE', 'keyPem', 'This private key does not belong to the certificate.');
  }
  if (new Date(cert.validTo) <= now) {
    throw DomainError.field('INVALID_CERTIFICATE', 'certPem', `The certificate expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}.`);
  }
  if (new Date(cert.validFrom) > now) {
    throw DomainError.field('INVALID_CERTIFICATE', 'certPem', `The certificate is not valid before ${new Date(cert.validFrom).toISOString()}.`);
  }
  return describeCertificate(cert);
}

/** The certificate FTPS serves: the uploaded one, else the self-signed one under DATA_DIR (if generated). */
export async function currentCertificate(storedPem: string | null, dataDir: string): Promise<CertificateInfo | null> {
  const pem = storedPem ?? (await readFile(certificatePaths(dataDir).cert, 'utf8').catch(() => null));
  if (!pem) return null;
  try {
    return describeCertificate(new X509Certificate(pem));
  } catch {
    return null;
  }
}
