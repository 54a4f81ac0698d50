// A self-signed certificate generated on first start under DATA_DIR/tls, so FTPS works at once.
// A certificate stored in the settings replaces it.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { TlsCredentials } from '@ftp-panel/ftp-server';

export function certificatePaths(dataDir: string): { cert: string; key: string } {
  const dir = path.join(dataDir, 'tls');
  return { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
}

export async function ensureSelfSignedCertificate(dataDir: string, commonName = 'localhost'): Promise<TlsCredentials & { isNew: boolean }> {
  const paths = certificatePaths(dataDir);
  try {
    const [cert, key] = await Promise.all([readFile(paths.cert, 'utf8'), readFile(paths.key, 'utf8')]);
    return { cert, key, isNew: false };
  } catch {
    // generate below
  }
  await mkdir(path.dirname(paths.cert), { recursive: true, mode: 0o700 });
  const notAfterDate = new Date(Date.now() + 825 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: commonName }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  await writeFile(paths.key, pems.private, { mode: 0o600 });
  await chmod(paths.key, 0o600);
  await writeFile(paths.cert, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, isNew: true };
}
