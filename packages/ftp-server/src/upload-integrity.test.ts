// Uploads that never lie: a data connection cut by a TCP reset, or an FTPS data connection that
// ends without a TLS close_notify, is a failed upload (426) that leaves the previous file intact;
// APPE appends in place, and two sessions appending to one file never lose a 226'd byte.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { RawClient, connectData, sha256, sha256File, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

const ORIGINAL = randomBytes(200_000);

function homeNames(t: TestServer): string[] {
  // Temp upload files are hidden from clients but must not be left behind either.
  return fs.readdirSync(t.home).sort();
}

async function loggedIn(t: TestServer): Promise<RawClient> {
  const c = await RawClient.connect(t.port);
  await c.login();
  return c;
}

/** Writes data and waits until the kernel took it (so the reset follows the bytes). */
function writeAll(socket: net.Socket | tls.TLSSocket, data: Buffer): Promise<void> {
  return new Promise((resolve) => socket.write(data, () => resolve()));
}

describe('uploads cut by a TCP reset', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer({ isTls: false });
  });
  after(() => t.close());

  it('20 of 20 reset-cut STORs over an existing file get 426 and keep the previous file', async () => {
    fs.writeFileSync(path.join(t.home, 'site.tar'), ORIGINAL);
    const replies: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await loggedIn(t);
      const data = await connectData(await c.epsv());
      assert.match(await c.command('STOR site.tar'), /^150 /);
      // Half immediately, half after the server has read some: both shapes of a reset.
      data.write(randomBytes(300_000));
      if (i % 2 === 1) await new Promise((r) => setTimeout(r, 20));
      data.resetAndDestroy();
      replies.push((await c.read()).slice(0, 3));
      c.close();
    }
    assert.deepEqual(replies, Array(20).fill('426'));
    assert.equal(sha256File(path.join(t.home, 'site.tar')), sha256(ORIGINAL));
    assert.deepEqual(homeNames(t), ['site.tar']);
  });

  it('a reset-cut STOR of a new name leaves nothing', async () => {
    const c = await loggedIn(t);
    const data = await connectData(await c.epsv());
    assert.match(await c.command('STOR new.bin'), /^150 /);
    data.write(randomBytes(300_000));
    data.resetAndDestroy();
    assert.match(await c.read(), /^426 .*reset/);
    assert.equal(fs.existsSync(path.join(t.home, 'new.bin')), false);
    c.close();
  });

  it('an upload the client ends with FIN is kept (226), even when the client half-closes and waits', async () => {
    const c = await loggedIn(t);
    const payload = randomBytes(500_000);
    const data = await connectData(await c.epsv());
    assert.match(await c.command('STOR fin.bin'), /^150 /);
    data.end(payload);
    assert.match(await c.read(), /^226 /);
    assert.equal(sha256File(path.join(t.home, 'fin.bin')), sha256(payload));
    data.destroy();
    c.close();
  });

  it('a reset-cut APPE gets 426 and cuts the file back to its original bytes', async () => {
    fs.writeFileSync(path.join(t.home, 'log.txt'), ORIGINAL);
    const c = await loggedIn(t);
    const data = await connectData(await c.epsv());
    assert.match(await c.command('APPE log.txt'), /^150 /);
    await writeAll(data, randomBytes(300_000));
    await new Promise((r) => setTimeout(r, 20));
    data.resetAndDestroy();
    assert.match(await c.read(), /^426 /);
    assert.equal(sha256File(path.join(t.home, 'log.txt')), sha256(ORIGINAL));
    c.close();
  });
});

describe('FTPS uploads and TLS close_notify', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer({ options: { tlsPolicy: { requireTlsSessionReuse: false } } });
  });
  after(() => t.close());

  async function protectedSession(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.read();
    await c.startTls();
    await c.command('USER alice');
    assert.match(await c.command('PASS secret'), /^230 /);
    await c.command('PBSZ 0');
    assert.match(await c.command('PROT P'), /^200 /);
    return c;
  }

  /** STOR over PROT P, ending the data connection with close_notify or with a bare TCP end. */
  async function upload(name: string, payload: Buffer, end: 'close_notify' | 'tcp-fin'): Promise<string> {
    const c = await protectedSession();
    const port = await c.epsv();
    const raw = net.connect({ port, host: '127.0.0.1' });
    await new Promise((resolve) => raw.once('connect', resolve));
    const data = tls.connect({ socket: raw, rejectUnauthorized: false });
    data.on('error', () => {});
    assert.match(await c.command(`STOR ${name}`), /^150 /);
    await new Promise((resolve) => data.once('secureConnect', resolve));
    await writeAll(data, payload);
    if (end === 'close_notify') data.end();
    else raw.end();
    const reply = await c.read();
    data.destroy();
    c.close();
    return reply;
  }

  it('5 of 5 uploads ended without close_notify get 426 and keep the previous file', async () => {
    fs.writeFileSync(path.join(t.home, 'page.html'), ORIGINAL);
    for (let i = 0; i < 5; i++) {
      const reply = await upload('page.html', randomBytes(100_000 + i * 50_000), 'tcp-fin');
      assert.match(reply, /^426 .*close_notify/);
    }
    assert.equal(sha256File(path.join(t.home, 'page.html')), sha256(ORIGINAL));
    assert.deepEqual(homeNames(t), ['page.html']);
  });

  it('an empty upload without close_notify (as Node.js clients send it) creates an empty file but never empties one', async () => {
    assert.match(await upload('empty.bin', Buffer.alloc(0), 'tcp-fin'), /^226 /);
    assert.equal(fs.statSync(path.join(t.home, 'empty.bin')).size, 0);
    assert.match(await upload('page.html', Buffer.alloc(0), 'tcp-fin'), /^426 /);
    assert.equal(sha256File(path.join(t.home, 'page.html')), sha256(ORIGINAL));
  });

  it('an upload ended with close_notify is kept', async () => {
    const payload = randomBytes(700_000);
    assert.match(await upload('ok.bin', payload, 'close_notify'), /^226 /);
    assert.equal(sha256File(path.join(t.home, 'ok.bin')), sha256(payload));
  });

  it('with the requirement off, a bare TCP end is accepted (for clients that never send close_notify)', async () => {
    t.server.updateOptions({ tlsPolicy: { isCloseNotifyRequired: false } });
    try {
      const payload = randomBytes(300_000);
      assert.match(await upload('lenient.bin', payload, 'tcp-fin'), /^226 /);
      assert.equal(sha256File(path.join(t.home, 'lenient.bin')), sha256(payload));
    } finally {
      t.server.updateOptions({ tlsPolicy: { isCloseNotifyRequired: true } });
    }
  });
});

describe('APPE appends in place', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer({ isTls: false });
  });
  after(() => t.close());

  it('appends without copying the file (same inode) and keeps every byte', async () => {
    const file = path.join(t.home, 'data.log');
    fs.writeFileSync(file, ORIGINAL);
    const inode = fs.statSync(file).ino;
    const extra = randomBytes(300_000);
    const c = await loggedIn(t);
    const data = await connectData(await c.epsv());
    assert.match(await c.command('APPE data.log'), /^150 /);
    data.end(extra);
    assert.match(await c.read(), /^226 /);
    assert.equal(fs.statSync(file).ino, inode, 'APPE wrote into the file, not a copy renamed over it');
    assert.equal(sha256File(file), sha256(Buffer.concat([ORIGINAL, extra])));
    c.close();
  });

  it('two sessions appending 2 MB each: both bytes kept, or the second refused with 450 before any byte', async () => {
    const file = path.join(t.home, 'shared.log');
    fs.writeFileSync(file, ORIGINAL);
    const parts = [randomBytes(2 * 1024 * 1024), randomBytes(2 * 1024 * 1024)];
    const a = await loggedIn(t);
    const b = await loggedIn(t);
    const dataA = await connectData(await a.epsv());
    assert.match(await a.command('APPE shared.log'), /^150 /);
    // A is mid-transfer (first half sent, not ended) when B asks to append.
    await writeAll(dataA, parts[0]!.subarray(0, 1024 * 1024));
    const portB = await b.epsv();
    const replyB = await b.command('APPE shared.log');
    assert.match(replyB, /^450 /, 'a second writer is refused before its 150');
    dataA.end(parts[0]!.subarray(1024 * 1024));
    assert.match(await a.read(), /^226 /);
    // Once A is done, B's retry appends after A's bytes.
    const dataB = await connectData(await b.epsv());
    void portB;
    assert.match(await b.command('APPE shared.log'), /^150 /);
    dataB.end(parts[1]!);
    assert.match(await b.read(), /^226 /);
    assert.equal(sha256File(file), sha256(Buffer.concat([ORIGINAL, parts[0]!, parts[1]!])));
    a.close();
    b.close();
  });

  it('DELE and RNFR/RNTO of a file being appended get 450 and change nothing', async () => {
    const file = path.join(t.home, 'busy.log');
    fs.writeFileSync(file, ORIGINAL);
    const a = await loggedIn(t);
    const b = await loggedIn(t);
    const data = await connectData(await a.epsv());
    assert.match(await a.command('APPE busy.log'), /^150 /);
    await writeAll(data, randomBytes(100_000));
    assert.match(await b.command('DELE busy.log'), /^450 /);
    assert.match(await b.command('RNFR busy.log'), /^350 /);
    assert.match(await b.command('RNTO moved.log'), /^450 /);
    data.end();
    assert.match(await a.read(), /^226 /);
    assert.equal(fs.statSync(file).size, ORIGINAL.length + 100_000);
    assert.equal(fs.existsSync(path.join(t.home, 'moved.log')), false);
    a.close();
    b.close();
  });

  it('REST at the end of the file + STOR resumes in place; REST in the middle still works', async () => {
    const file = path.join(t.home, 'resume.bin');
    fs.writeFileSync(file, ORIGINAL);
    const inode = fs.statSync(file).ino;
    const tail = randomBytes(100_000);
    const c = await loggedIn(t);
    let data = await connectData(await c.epsv());
    assert.match(await c.command(`REST ${ORIGINAL.length}`), /^350 /);
    assert.match(await c.command('STOR resume.bin'), /^150 /);
    data.end(tail);
    assert.match(await c.read(), /^226 /);
    assert.equal(fs.statSync(file).ino, inode);
    assert.equal(sha256File(file), sha256(Buffer.concat([ORIGINAL, tail])));
    data = await connectData(await c.epsv());
    assert.match(await c.command('REST 1000'), /^350 /);
    assert.match(await c.command('STOR resume.bin'), /^150 /);
    data.end(tail);
    assert.match(await c.read(), /^226 /);
    assert.equal(sha256File(file), sha256(Buffer.concat([ORIGINAL.subarray(0, 1000), tail])));
    c.close();
  });
});
