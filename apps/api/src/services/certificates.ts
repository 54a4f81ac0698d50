// The certificate summary shown in settings and overview; the upload rules are core's
// (packages/core/src/certificates.ts).
import { readFile } from 'node:fs/promises';
import { certificatePaths, describeCertificatePem, type CertificateInfo } from '@ftp-panel/core';

export { describeCertificate, validateCertificatePair, type CertificateInfo } from '@ftp-panel/core';

/** The certificate FTPS serves: the uploaded one, else the self-signed one under DATA_DIR (if generated). */
export async function currentCertificate(storedPem: string | null, dataDir: string): Promise<CertificateInfo | null> {
  const pem = storedPem ?? (await readFile(certificatePaths(dataDir).cert, 'utf8').catch(() => null));
  return pem ? describeCertificatePem(pem) : null;
}
