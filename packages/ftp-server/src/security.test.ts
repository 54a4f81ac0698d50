// Attacks and abuse: bounce, data-connection hijack, traversal, symlink escape, smuggled
// commands, floods, silent clients, cross-session TLS resumption, real-path leaks.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { connectData, RawClient, readAll, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

describe('security', () => {
  let t: TestServer;
  let outside: string;

  before(async () => {
    t = await startServer({ options: { tlsPolicy: { requireTlsSessionReuse: true } } });
    outside = path.join(t.root, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    fs.writeFileSync(path.join(t.home, 'public.txt'), 'hello');
    fs.symlinkSync(outside, path.join(t.home, 'escape'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(t.home, 'escape-file'));
    fs.symlinkSync(path.join(t.home, 'public.txt'), path.join(t.home, 'inside-link'));
  });

  after(() => t.close());

  async function loggedIn(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.login();
    return c;
  }

  it('refuses PORT/EPRT to a foreign address, to privileged ports and unknown families', async () => {
    const c = await loggedIn();
    assert.match(await c.command('PORT 10,0,0,1,4,1'), /^501 /);
    assert.match(await c.command('EPRT |1|192.0.2.7|4000|'), /^501 /);
    assert.match(await c.command('PORT 127,0,0,1,0,21'), /^501 /);
    assert.match(await c.command('EPRT |3|127.0.0.1|4000|'), /^522 /);
    assert.match(await c.command('PORT 127,0,0,1,40,1'), /^200 /);
    c.close();
  });

  it('allows EPRT over IPv6 only to the control peer', async () => {
    const s6 = await startServer({ host: '::1', isTls: false });
    try {
      fs.writeFileSync(path.join(s6.home, 'v6.txt'), 'six');
      const c = await RawClient.connect(s6.port, '::1');
      await c.login();
      assert.match(await c.command('EPRT |2|2001:db8::1|4000|'), /^501 /);
      assert.match(await c.command('EPRT |1|127.0.0.1|4000|'), /^501 /);
      const listener = net.createServer();
      await new Promise<void>((resolve) => listener.listen(0, '::1', resolve));
      const received = new Promise<Buffer>((resolve) => listener.once('connection', (s) => void readAll(s).then(resolve)));
      assert.match(await c.command(`EPRT |2|::1|${(listener.address() as net.AddressInfo).port}|`), /^200 /);
      assert.match(await c.command('RETR v6.txt'), /^150 /);
      assert.equal((await received).toString(), 'six');
      assert.match(await c.read(), /^226 /);
      listener.close();
      c.close();
    } finally {
      await s6.close();
    }
  });

  it('drops a data connection from another address while the real client still transfers', async () => {
    const c = await loggedIn();
    const port = await c.epsv();
    const stranger = await connectData(port, '127.0.0.1', '127.0.0.2');
    await new Promise<void>((resolve) => stranger.once('close', () => resolve()).resume());
    const data = await connectData(port);
    const received = readAll(data);
    assert.match(await c.command('RETR public.txt'), /^150 /);
    assert.equal((await received).toString(), 'hello');
    assert.match(await c.read(), /^226 /);
    c.close();
  });

  it('keeps traversal and symlink escapes inside the home', async () => {
    const c = await loggedIn();
    assert.match(await c.command('RETR ../../etc/passwd'), /^550 /);
    assert.match(await c.command('RETR /../outside/secret.txt'), /^550 /);
    assert.match(await c.command('CWD /../..'), /^250 /);
    assert.match(await c.command('PWD'), /^257 "\/" /);
    assert.match(await c.command('CWD escape'), /^550 /);
    assert.match(await c.command('RETR escape/secret.txt'), /^550 /);
    assert.match(await c.command('RETR escape-file'), /^550 /);
    assert.match(await c.command('SIZE escape-file'), /^550 /);
    assert.match(await c.command('STOR escape/new.txt'), /^550 /);
    assert.match(await c.command('DELE escape-file'), /^550 /);
    assert.match(await c.command('RNFR escape-file'), /^550 /);
    assert.match(await c.command('SIZE inside-link'), /^213 5/);
    assert.ok(fs.existsSync(path.join(outside, 'secret.txt')));
    // Links inside the home are entries of their own: deleting one leaves its target alone.
    fs.symlinkSync(path.join(t.home, 'public.txt'), path.join(t.home, 'doomed-link'));
    assert.match(await c.command('DELE doomed-link'), /^250 /);
    assert.equal(fs.readFileSync(path.join(t.home, 'public.txt'), 'utf8'), 'hello');
    const port = await c.epsv();
    const data = await connectData(port);
    const listing = readAll(data);
    assert.match(await c.command('LIST -la'), /^150 /);
    const text = (await listing).toString();
    await c.read();
    assert.match(text, /public\.txt/);
    assert.match(text, /inside-link/);
    assert.doesNotMatch(text, /escape/);
    c.close();
  });

  it('refuses names containing NUL or CR', async () => {
    const c = await loggedIn();
    c.send(Buffer.from('MKD bad\r\0name\r\n'));
    assert.match(await c.read(), /^501 /);
    c.send(Buffer.from('MKD bad\0name\r\n'));
    assert.match(await c.read(), /^501 /);
    assert.ok(!fs.readdirSync(t.home).some((n) => n.startsWith('bad')));
    c.close();
  });

  it('keeps in-flight upload temp names out of reach', async () => {
    const c = await loggedIn();
    fs.writeFileSync(path.join(t.home, '.ftp-upload-deadbeef.part'), 'partial');
    assert.match(await c.command('RETR .ftp-upload-deadbeef.part'), /^550 /);
    assert.match(await c.command('DELE .ftp-upload-deadbeef.part'), /^550 /);
    assert.match(await c.command('STOR .ftp-upload-cafe.part'), /^553 /);
    fs.rmSync(path.join(t.home, '.ftp-upload-deadbeef.part'));
    c.close();
  });

  it('refuses TLS versions below 1.2', async () => {
    const socket = tls.connect({ port: t.implicitPort, host: '127.0.0.1', rejectUnauthorized: false, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('secureConnect', () => resolve(`connected ${socket.getProtocol()}`));
      socket.once('error', (error) => resolve(`error ${error.message}`));
    });
    socket.destroy();
    assert.match(outcome, /^error /);
  });

  it('refuses an over-long line and keeps serving', async () => {
    const c = await loggedIn();
    assert.match(await c.command(`NOOP ${'x'.repeat(5000)}`), /^500 /);
    assert.match(await c.command('NOOP'), /^200 /);
    c.close();
  });

  it('answers 200 pipelined commands in one packet, in order', async () => {
    const c = await loggedIn();
    let packet = '';
    for (let i = 0; i < 200; i++) packet += i % 2 === 0 ? `MKD p${i}\r\n` : 'NOOP\r\n';
    c.send(Buffer.from(packet));
    for (let i = 0; i < 200; i++) {
      const reply = await c.read();
      if (i % 2 === 0) assert.match(reply, new RegExp(`^257 "/p${i}" `));
      else assert.match(reply, /^200 /);
    }
    c.close();
  });

  it('does not execute commands sent in clear in the same packet as AUTH TLS', async () => {
    const c = await RawClient.connect(t.port);
    await c.read();
    c.send(Buffer.from('AUTH TLS\r\nUSER alice\r\nPASS secret\r\nMKD injected\r\n'));
    assert.match(await c.read(), /^234 /);
    const raw = c.socket as net.Socket;
    raw.removeAllListeners('data');
    const secure = tls.connect({ socket: raw, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    secure.setEncoding('utf8');
    const reply = await new Promise<string>((resolve) => {
      secure.once('data', (text: string) => resolve(text));
      secure.write('PWD\r\n');
    });
    assert.match(reply, /^530 /);
    assert.ok(!fs.existsSync(path.join(t.home, 'injected')));
    secure.destroy();
  });

  it('drops a silent client at the login deadline', async () => {
    const s = await startServer({ options: { loginTimeoutMs: 200 }, isTls: false });
    try {
      const c = await RawClient.connect(s.port);
      assert.match(await c.read(), /^220 /);
      assert.match(await c.read(1000), /^421 /);
      await c.closed;
    } finally {
      await s.close();
    }
  });

  it("refuses a data connection that resumes another session's TLS session", async () => {
    const a = await RawClient.connect(t.port);
    await a.read();
    await a.startTls();
    const ticket = await waitForSession(a.socket as tls.TLSSocket);
    const b = await RawClient.connect(t.port);
    await b.read();
    await b.startTls();
    await b.command('USER alice');
    assert.match(await b.command('PASS secret'), /^230 /);
    await b.command('PBSZ 0');
    assert.match(await b.command('PROT P'), /^200 /);
    // Foreign ticket: the handshake completes in full, and the server refuses the transfer.
    let port = await b.epsv();
    const foreign = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, session: ticket });
    foreign.on('error', () => {});
    assert.match(await b.command('RETR public.txt'), /^150 /);
    assert.match(await b.read(), /^522 /);
    foreign.destroy();
    // Own ticket: resumed and served.
    const own = await waitForSession(b.socket as tls.TLSSocket);
    port = await b.epsv();
    const data = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, session: own });
    const received = readAll(data);
    assert.match(await b.command('RETR public.txt'), /^150 /);
    assert.equal((await received).toString(), 'hello');
    assert.match(await b.read(), /^226 /);
    a.close();
    b.close();
  });

  it('never shows the real home path', async () => {
    const c = await loggedIn();
    const replies: string[] = [];
    for (const command of ['PWD', 'STAT public.txt', 'MLST public.txt', 'MLST /', 'RETR nothing', 'CWD escape', 'STAT', 'SIZE ../../../etc']) {
      replies.push(await c.command(command));
    }
    for (const command of ['LIST -la', 'MLSD', 'NLST']) {
      const port = await c.epsv();
      const data = await connectData(port);
      const received = readAll(data);
      replies.push(await c.command(command));
      replies.push((await received).toString());
      replies.push(await c.read());
    }
    const all = replies.join('\n');
    assert.ok(!all.includes(t.root), all);
    const listLines = (replies[9] ?? '').trim().split('\r\n');
    assert.ok(listLines.length >= 2);
    for (const line of listLines) assert.match(line, /^[-dl][-rwx]{9} +\d+ ftp +ftp +\d+ /);
    c.close();
  });
});

function waitForSession(socket: tls.TLSSocket): Promise<Buffer> {
  return new Promise((resolve) => {
    const existing = socket.getSession();
    // TLS 1.3 tickets arrive after the handshake, as 'session' events.
    socket.once('session', (session: Buffer) => resolve(session));
    if (existing && socket.getProtocol() !== 'TLSv1.3') resolve(existing);
    setTimeout(() => {
      const late = socket.getSession();
      if (late) resolve(late);
    }, 300);
  });
}
