// TLS turned off and on again on a running server (setTlsCredentials(null)): new sessions lose
// AUTH TLS and implicit TLS, sessions that are already encrypted keep working, and turning it back
// on restores everything on the same listeners.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { RawClient, readAll, sha256, startServer, testCertificate } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

/** Implicit TLS handshake plus banner; resolves 'refused' when the server hangs up instead. */
function implicitGreeting(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    socket.setEncoding('utf8');
    socket.once('data', (text: string) => {
      socket.destroy();
      resolve(text);
    });
    socket.once('error', () => resolve('refused'));
    socket.once('close', () => resolve('refused'));
  });
}

async function protectedDownload(c: RawClient, name: string): Promise<{ data: Buffer; final: string }> {
  const port = await c.epsv();
  const data = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, session: (c.socket as tls.TLSSocket).getSession() });
  const received = readAll(data);
  assert.match(await c.command(`RETR ${name}`), /^150 /);
  const bytes = await received;
  return { data: bytes, final: await c.read() };
}

describe('TLS turned off and on at runtime', () => {
  let t: TestServer;
  const payload = randomBytes(200_000);

  before(async () => {
    t = await startServer();
    fs.writeFileSync(path.join(t.home, 'file.bin'), payload);
  });
  after(() => t.close());

  it('refuses AUTH with 534, hides the TLS features and drops implicit TLS, while running TLS sessions go on', async () => {
    // Opened while TLS was on: one encrypted session, one still in clear text.
    const encrypted = await RawClient.connect(t.port);
    await encrypted.read();
    await encrypted.startTls();
    await encrypted.command('USER alice');
    assert.match(await encrypted.command('PASS secret'), /^230 /);
    const clear = await RawClient.connect(t.port);
    await clear.read();

    assert.equal(t.server.isTlsEnabled, true);
    t.server.setTlsCredentials(null);
    assert.equal(t.server.isTlsEnabled, false);

    assert.match(await clear.command('AUTH TLS'), /^534 /);
    const fresh = await RawClient.connect(t.port);
    assert.match(await fresh.read(), /^220 /);
    const feat = await fresh.command('FEAT');
    assert.match(feat, /^211-/);
    assert.doesNotMatch(feat, /AUTH|PBSZ|PROT/);
    assert.match(feat, /\r\n EPSV\r\n/);
    assert.match(await fresh.command('AUTH TLS'), /^534 /);
    assert.match(await fresh.command('AUTH SSL'), /^534 /);
    assert.match(await fresh.command('AUTH KERBEROS_V4'), /^504 /);
    assert.match(await fresh.command('PBSZ 0'), /^503 /);
    await fresh.command('USER alice');
    assert.match(await fresh.command('PASS secret'), /^230 /, 'clear-text logins still work');
    assert.equal(await implicitGreeting(t.implicitPort), 'refused');

    // The encrypted session keeps its control channel and can still open protected data connections.
    assert.match(await encrypted.command('PBSZ 0'), /^200 /);
    assert.match(await encrypted.command('PROT P'), /^200 /);
    const { data, final } = await protectedDownload(encrypted, 'file.bin');
    assert.match(final, /^226 /);
    assert.equal(sha256(data), sha256(payload));
    assert.match(await encrypted.command('AUTH TLS'), /^503 /);
    for (const c of [encrypted, clear, fresh]) c.close();
  });

  it('turns back on with new credentials: AUTH TLS, FEAT and the implicit listener work again', async () => {
    t.server.setTlsCredentials(null);
    t.server.setTlsCredentials(testCertificate());
    assert.equal(t.server.isTlsEnabled, true);
    const c = await RawClient.connect(t.port);
    await c.read();
    assert.match(await c.command('FEAT'), /\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n/);
    await c.startTls();
    await c.command('USER alice');
    assert.match(await c.command('PASS secret'), /^230 /);
    c.close();
    assert.match(await implicitGreeting(t.implicitPort), /^220 /);
  });

  it('rejects an unusable pair without turning TLS off', async () => {
    assert.throws(() => t.server.setTlsCredentials({ cert: 'not a certificate', key: 'not a key' }));
    assert.equal(t.server.isTlsEnabled, true);
    assert.match(await implicitGreeting(t.implicitPort), /^220 /);
  });

  it('refuses listenImplicitTls while TLS is off', async () => {
    t.server.setTlsCredentials(null);
    try {
      await assert.rejects(t.server.listenImplicitTls({ port: 0, host: '127.0.0.1' }), /TLS credentials/);
    } finally {
      t.server.setTlsCredentials(testCertificate());
    }
  });
});
