// What the service says it serves (servedTls, read from the engine) is what a TLS client sees: after
// a valid upload, after a refused one (nothing changes), and after a stored pair the engine cannot
// use (the self-signed one, with the reason).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { appendChange, updateServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { validateCertificatePair } from '../certificates.ts';
import { startHarness, waitFor, type Harness } from './test-helpers.ts';

function peerFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.destroy();
      resolve(fingerprint);
    });
    socket.once('error', reject);
  });
}

const served = (h: Harness): string | null => {
  const pem = h.service.servedTls().certPem;
  return pem === null ? null : new X509Certificate(pem).fingerprint256;
};

for (const { provider, skip } of await testProviders()) {
  describe(`the certificate FTPS serves (${provider})`, { skip }, () => {
    let h: Harness;
    let port: number;
    before(async () => {
      h = await startHarness(provider, { env: { FTPS_PORT: '0' } });
      port = h.service.addresses.ftps?.port as number;
    });
    after(() => h?.close());

    test('the served fingerprint is the one a TLS client sees: at start, after a valid upload, unchanged after a refused one', async () => {
      assert.equal(served(h), await peerFingerprint(port), 'the self-signed one at start');
      const good = await generate([{ name: 'commonName', value: 'served.example' }], { keySize: 2048, algorithm: 'sha256' });
      const info = validateCertificatePair(good.cert, good.private);
      await updateServerSettings(h.db.prisma, { tlsCertPem: good.cert, tlsKeyPem: good.private });
      await appendChange(h.db.prisma, 'settings');
      await waitFor(async () => (await peerFingerprint(port)) === info.fingerprint256, 3000, 'the uploaded certificate');
      assert.equal(served(h), info.fingerprint256);
      assert.equal(h.service.servedTls().applyError, null);

      const weak = await generate([{ name: 'commonName', value: 'weak.example' }], { keySize: 1024, algorithm: 'sha256' });
      assert.throws(() => validateCertificatePair(weak.cert, weak.private), /at least 2048/);
      assert.equal(served(h), info.fingerprint256, 'a refused upload changes nothing');
      assert.equal(await peerFingerprint(port), info.fingerprint256);
    });

    test('a stored pair the engine cannot use: FTPS serves the self-signed one and says why', async () => {
      const a = await generate([{ name: 'commonName', value: 'a.example' }], { keySize: 2048, algorithm: 'sha256' });
      const b = await generate([{ name: 'commonName', value: 'b.example' }], { keySize: 2048, algorithm: 'sha256' });
      await updateServerSettings(h.db.prisma, { tlsCertPem: a.cert, tlsKeyPem: b.private });
      await appendChange(h.db.prisma, 'settings');
      await waitFor(() => h.service.servedTls().applyError !== null, 3000, 'the apply error');
      assert.match(h.service.servedTls().applyError as string, /could not be applied/);
      assert.notEqual(served(h), new X509Certificate(a.cert).fingerprint256);
      assert.equal(served(h), await peerFingerprint(port));
    });
  });
}
