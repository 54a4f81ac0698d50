// The certificate upload through the API: a weak or mismatched pair is a 400 naming the field and
// changes nothing; the settings show what FTPS really serves (the fingerprint a TLS client sees),
// or that another node serves it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

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

for (const { provider, skip } of await testProviders()) {
  describe(`certificate upload and the served certificate (${provider})`, { skip }, () => {
    let t: TestApp;
    let owner: Session;
    before(async () => {
      t = await createTestApp(provider, { isFtpStarted: true, env: { FTPS_PORT: '0' } });
      await seedAdmin(t, 'cert-owner', 'OWNER');
      owner = await signIn(t.app, 'cert-owner');
    });
    after(() => t.close());

    const served = async () => (await as(t.app, owner, { method: 'GET', url: '/api/v1/settings' })).json().served;

    test('a valid upload is served (same fingerprint as a TLS client sees); a weak or mismatched one is a 400 naming the field and changes nothing', async () => {
      const port = t.ftp?.addresses.ftps?.port as number;
      assert.ok(port, 'implicit FTPS listener');
      const atStart = await served();
      assert.equal(atStart.isServedHere, true);
      assert.equal(atStart.certificate.fingerprint256, await peerFingerprint(port));

      const good = await generate([{ name: 'commonName', value: 'api-served.example' }], { keySize: 2048, algorithm: 'sha256' });
      const uploaded = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: good.cert, keyPem: good.private } });
      assert.equal(uploaded.statusCode, 200, uploaded.body);
      const fingerprint = uploaded.json().fingerprint256 as string;
      const deadline = Date.now() + 3000;
      while ((await served()).certificate?.fingerprint256 !== fingerprint && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal((await served()).certificate.fingerprint256, fingerprint);
      assert.equal(await peerFingerprint(port), fingerprint);

      const weak = await generate([{ name: 'commonName', value: 'weak.example' }], { keySize: 1024, algorithm: 'sha256' });
      const refused = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: weak.cert, keyPem: weak.private } });
      assert.equal(refused.statusCode, 400);
      assert.equal(errorOf(refused).code, 'INVALID_CERTIFICATE');
      assert.equal(errorOf(refused).details[0]?.field, 'certPem');
      assert.match(errorOf(refused).message, /1024 bits/);
      const mismatch = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: good.cert, keyPem: weak.private } });
      assert.equal(mismatch.statusCode, 400);
      assert.equal(errorOf(mismatch).details[0]?.field, 'keyPem');

      await new Promise((r) => setTimeout(r, 200));
      const after = await served();
      assert.equal(after.certificate.fingerprint256, fingerprint, 'refused uploads leave the served certificate alone');
      assert.equal(after.applyError, null);
      assert.equal(await peerFingerprint(port), fingerprint);
    });
  });

  describe(`the FTP service on another node (${provider})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(provider);
    });
    after(() => t.close());

    test('the settings say the certificate is served elsewhere instead of guessing', async () => {
      await seedAdmin(t, 'remote-owner', 'OWNER');
      const owner = await signIn(t.app, 'remote-owner');
      const settings = (await as(t.app, owner, { method: 'GET', url: '/api/v1/settings' })).json();
      assert.deepEqual(settings.served, { isServedHere: false, certificate: null, applyError: null });
    });
  });
}
