// Per-account TLS rules (require TLS covers file data; TLS session reuse as an account policy) and
// what the TLS endpoints offer: ECDHE + AEAD suites only on TLS 1.2, and no ALPN other than `ftp`.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { readAll, RawClient, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';
import { run } from './testing/exec.ts';
import type { AuthResult } from './types.ts';

describe('TLS policy per account', () => {
  let t: TestServer;
  // startServer spreads this into every login, so a test can change what the account says.
  const auth: Partial<AuthResult> = {};

  before(async () => {
    t = await startServer({ auth });
    fs.writeFileSync(path.join(t.home, 'hello.txt'), 'hello');
  });
  after(() => t.close());
  beforeEach(() => {
    delete auth.isTlsRequired;
    delete auth.isTlsSessionReuseRequired;
    t.server.updateOptions({ tlsPolicy: { isProtPRequired: false, requireTlsSessionReuse: true } });
  });

  async function tlsLogin(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.read();
    await c.startTls();
    await c.command('USER alice');
    assert.match(await c.command('PASS secret'), /^230 /);
    return c;
  }

  /** RETR hello.txt over a protected data connection that does not resume the control session. */
  async function retrWithoutResume(c: RawClient): Promise<{ reply: string; data: string }> {
    await c.command('PBSZ 0');
    assert.match(await c.command('PROT P'), /^200 /);
    const port = await c.epsv();
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    socket.on('error', () => {});
    // Whatever arrived until the server closed it (a refused connection just closes).
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    assert.match(await c.command('RETR hello.txt'), /^150 /);
    const reply = await c.read();
    await closed;
    return { reply, data: Buffer.concat(chunks).toString() };
  }

  it('refuses PROT C and data commands in clear for an account that requires TLS', async () => {
    auth.isTlsRequired = true;
    const c = await tlsLogin();
    assert.match(await c.command('PBSZ 0'), /^200 /);
    assert.match(await c.command('PROT C'), /^534 This account requires protected data connections/);
    // Still clear (PROT never sent P): every data command is refused before any data connection.
    for (const command of ['LIST', 'NLST', 'MLSD', 'RETR hello.txt', 'STOR x.txt', 'APPE x.txt', 'STOU']) {
      assert.match(await c.command(command), /^521 This account requires protected data connections: use PBSZ 0 and PROT P\./, command);
    }
    assert.equal(fs.existsSync(path.join(t.home, 'x.txt')), false);
    // With PROT P the same account transfers normally.
    assert.match(await c.command('PROT P'), /^200 /);
    const port = await c.epsv();
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, session: (c.socket as tls.TLSSocket).getSession() });
    const received = readAll(socket);
    assert.match(await c.command('RETR hello.txt'), /^150 /);
    assert.equal((await received).toString(), 'hello');
    assert.match(await c.read(), /^226 /);
    c.close();
  });

  it('refuses data in clear when PROT C was sent before logging in to an account that requires TLS', async () => {
    auth.isTlsRequired = true;
    const c = await RawClient.connect(t.port);
    await c.read();
    await c.startTls();
    await c.command('PBSZ 0');
    assert.match(await c.command('PROT C'), /^200 /);
    await c.command('USER alice');
    assert.match(await c.command('PASS secret'), /^230 /);
    assert.match(await c.command('LIST'), /^521 /);
    c.close();
  });

  it('leaves PROT C to accounts that do not require TLS', async () => {
    const c = await tlsLogin();
    await c.command('PBSZ 0');
    assert.match(await c.command('PROT C'), /^200 /);
    const port = await c.epsv();
    const received = readAll(net.connect({ port, host: '127.0.0.1' }));
    assert.match(await c.command('RETR hello.txt'), /^150 /);
    assert.equal((await received).toString(), 'hello');
    assert.match(await c.read(), /^226 /);
    c.close();
  });

  it('refuses a data connection that does not resume by default, and says what to change', async () => {
    const c = await tlsLogin();
    const { reply, data } = await retrWithoutResume(c);
    assert.match(reply, /^522 Data connection must resume the TLS session .*TLS session reuse to "not required" for this account/);
    assert.equal(data, '');
    c.close();
  });

  it('lets an account that does not require session reuse transfer without resuming', async () => {
    auth.isTlsSessionReuseRequired = false;
    const c = await tlsLogin();
    const { reply, data } = await retrWithoutResume(c);
    assert.match(reply, /^226 /);
    assert.equal(data, 'hello');
    c.close();
  });

  it('lets an account require session reuse when the server does not', async () => {
    t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: false } });
    const open = await tlsLogin();
    assert.match((await retrWithoutResume(open)).reply, /^226 /);
    open.close();
    auth.isTlsSessionReuseRequired = true;
    const strict = await tlsLogin();
    assert.match((await retrWithoutResume(strict)).reply, /^522 /);
    strict.close();
  });
});

describe('TLS parameters offered', () => {
  let t: TestServer;

  before(async () => {
    t = await startServer();
  });
  after(() => t.close());

  /** openssl s_client against the implicit-TLS port (or explicit with -starttls ftp); true when the handshake succeeded. */
  async function handshake(args: string[], isExplicit = false): Promise<{ isOk: boolean; output: string }> {
    const port = isExplicit ? t.port : t.implicitPort;
    const r = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...(isExplicit ? ['-starttls', 'ftp'] : []), ...args], { input: '', timeoutMs: 10_000 });
    const output = r.stdout + r.stderr;
    return { isOk: r.code === 0 && /Cipher is (?!\(NONE\))/.test(output), output };
  }

  it('offers only ECDHE key exchange with AEAD ciphers on TLS 1.2', async () => {
    // Static RSA key exchange (with CBC-SHA1 or with GCM) and ECDHE with CBC-SHA1: all refused.
    for (const cipher of ['AES128-SHA', 'AES256-SHA', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA384']) {
      const r = await handshake(['-tls1_2', '-cipher', cipher]);
      assert.equal(r.isOk, false, `${cipher} was accepted:\n${r.output}`);
    }
    for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
      const r = await handshake(['-tls1_2', '-cipher', cipher]);
      assert.equal(r.isOk, true, `${cipher} was refused:\n${r.output}`);
      assert.match(r.output, new RegExp(`Cipher is ${cipher}`));
    }
    // The same on the explicit port (AUTH TLS), and TLS 1.3 as OpenSSL offers it.
    assert.equal((await handshake(['-tls1_2', '-cipher', 'AES128-SHA'], true)).isOk, false);
    assert.equal((await handshake(['-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256'], true)).isOk, true);
    const r13 = await handshake(['-tls1_3']);
    assert.equal(r13.isOk, true, r13.output);
    assert.match(r13.output, /TLSv1\.3/);
  });

  it('refuses an ALPN other than ftp (ALPACA) and accepts ftp or none', async () => {
    for (const isExplicit of [false, true]) {
      const other = await handshake(['-alpn', 'http/1.1'], isExplicit);
      assert.equal(other.isOk, false, other.output);
      assert.match(other.output, /no application protocol/i);
      const ftp = await handshake(['-alpn', 'ftp'], isExplicit);
      assert.equal(ftp.isOk, true, ftp.output);
      assert.match(ftp.output, /ALPN protocol: ftp/);
      assert.equal((await handshake([], isExplicit)).isOk, true);
    }
    // Offering ftp among others is fine (the client gets ftp).
    const mixed = await handshake(['-alpn', 'http/1.1,ftp']);
    assert.match(mixed.output, /ALPN protocol: ftp/);
  });

  it('refuses an ALPN other than ftp on protected data connections too', async () => {
    const c = await RawClient.connect(t.port);
    await c.read();
    await c.startTls();
    await c.command('USER alice');
    assert.match(await c.command('PASS secret'), /^230 /);
    await c.command('PBSZ 0');
    await c.command('PROT P');
    t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: false } });
    try {
      const port = await c.epsv();
      const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
      const failed = new Promise<Error>((resolve) => {
        socket.once('error', resolve);
        socket.once('secureConnect', () => resolve(new Error(`handshake completed with ALPN ${String(socket.alpnProtocol)}`)));
      });
      assert.match(await c.command('LIST'), /^150 /);
      assert.match((await failed).message, /no application protocol/i);
      assert.match(await c.read(), /^425 /);
    } finally {
      t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: true } });
      c.close();
    }
  });
});
