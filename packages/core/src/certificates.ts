// The rules for an uploaded FTPS certificate, and how a certificate is described to people. A pair
// is refused with the reason and the field (certPem or keyPem) when: either does not parse, the key
// does not belong to the certificate, the key is weak (RSA below 2048 bits, EC below P-256), the
// signature uses SHA-1 or MD5/MD2, or the certificate is expired or not yet valid.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { DomainError } from './errors.ts';

export type CertificateInfo = {
  subject: string;
  issuer: string;
  validFrom: Date;
  expiresAt: Date;
  isSelfSigned: boolean;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as tls getPeerCertificate().fingerprint256) */
  fingerprint256: string;
};

export const MIN_RSA_BITS = 2048;
/** EC curves of at least 256 bits that TLS clients accept. */
const STRONG_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

// Signature algorithm OIDs (DER content bytes, hex) that are broken.
const WEAK_SIGNATURES: Record<string, string> = {
  '2a864886f70d010102': 'MD2',
  '2a864886f70d010104': 'MD5',
  '2a864886f70d010105': 'SHA-1',
  '2a8648ce3d0401': 'SHA-1',
  '2a8648ce380403': 'SHA-1',
  '2b0e03021d': 'SHA-1',
};

function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

export function describeCertificate(cert: X509Certificate): CertificateInfo {
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    validFrom: new Date(cert.validFrom),
    expiresAt: new Date(cert.validTo),
    isSelfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
    fingerprint256: cert.fingerprint256,
  };
}

/** A DER element at `at`: where its content starts and ends. */
function derElement(der: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = der[at] ?? 0;
  let length = der[at + 1] ?? 0;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  return { tag, start, end: start + length };
}

/** The OID of the certificate's signatureAlgorithm (Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signature }), hex. */
export function signatureAlgorithmOid(cert: X509Certificate): string | null {
  try {
    const der = cert.raw;
    const outer = derElement(der, 0);
    const tbs = derElement(der, outer.start);
    const algorithm = derElement(der, tbs.end);
    const oid = derElement(der, algorithm.start);
    return oid.tag === 0x06 ? der.subarray(oid.start, oid.end).toString('hex') : null;
  } catch {
    return null;
  }
}

function refuse(field: 'certPem' | 'keyPem', message: string): DomainError {
  return DomainError.field('INVALID_CERTIFICATE', field, message);
}

function keyStrengthIssue(key: KeyObject): string | null {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss': {
      const bits = details.modulusLength ?? 0;
      return bits < MIN_RSA_BITS ? `The RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required.` : null;
    }
    case 'ec':
      return STRONG_CURVES.has(details.namedCurve ?? '') ? null : `The EC key uses the curve ${details.namedCurve ?? 'unknown'}; P-256 (prime256v1), P-384 or P-521 is required.`;
    case 'ed25519':
    case 'ed448':
      return null;
    default:
      return `Keys of type ${key.asymmetricKeyType ?? 'unknown'} are not accepted; use RSA (2048 bits or more) or EC (P-256 or above).`;
  }
}

/** Checks an uploaded pair against every rule; returns its description, or throws INVALID_CERTIFICATE naming the field. */
export function validateCertificatePair(certPem: string, keyPem: string, now = new Date()): CertificateInfo {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw refuse('certPem', 'This is not a PEM certificate (-----BEGIN CERTIFICATE-----).');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw refuse('keyPem', 'This is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----).');
  }
  if (!cert.checkPrivateKey(key)) throw refuse('keyPem', 'This private key does not belong to the certificate.');
  const weakKey = keyStrengthIssue(cert.publicKey);
  if (weakKey) throw refuse('certPem', weakKey);
  const oid = signatureAlgorithmOid(cert);
  const weakHash = oid === null ? null : WEAK_SIGNATURES[oid];
  if (weakHash) throw refuse('certPem', `The certificate is signed with ${weakHash}, which is broken; have it issued with SHA-256 or better.`);
  if (new Date(cert.validTo) <= now) throw refuse('certPem', `The certificate expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}.`);
  if (new Date(cert.validFrom) > now) throw refuse('certPem', `The certificate is not valid before ${new Date(cert.validFrom).toISOString()}.`);
  return describeCertificate(cert);
}

/** The description of a PEM certificate, or null when it does not parse. */
export function describeCertificatePem(pem: string | Buffer): CertificateInfo | null {
  try {
    return describeCertificate(new X509Certificate(pem));
  } catch {
    return null;
  }
}
