// Command-level behaviour checked with a raw control connection.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BandwidthBucket } from './throttle.ts';
import { connectData, RawClient, readAll, sha256, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

describe('protocol', () => {
  let t: TestServer;
  const slow = new BandwidthBucket(0);

  before(async () => {
    t = await startServer({ auth: { bandwidth: { download: slow } }, options: process.env.FTP_DEBUG ? { logger: { info() {}, debug() {}, warn: console.warn, error: console.error } } : {} });
    fs.writeFileSync(path.join(t.home, 'ten.txt'), 'abcdefghij');
  });
  after(() => t.close());

  async function loggedIn(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.login();
    return c;
  }

  async function transfer(c: RawClient, command: string, upload?: Buffer): Promise<{ reply: string; data: Buffer; final: string }> {
    const port = await c.epsv();
    const socket = await connectData(port);
    const received = readAll(socket);
    const reply = await c.command(command);
    if (upload) socket.end(upload);
    const data = await received;
    return { reply, data, final: await c.read() };
  }

  it('greets, and answers FEAT, SYST, HELP, HOST, OPTS before login', async () => {
    const c = await RawClient.connect(t.port);
    assert.match(await c.read(), /^220 /);
    const feat = await c.command('FEAT');
    assert.match(feat, /^211-Features:\r\n/);
    assert.match(feat, /\r\n AUTH TLS\r\n/);
    assert.match(feat, /\r\n MLST type\*;size\*;modify\*;perm\*;unique\*;UNIX\.mode\*;\r\n/);
    assert.match(feat, /\r\n UTF8\r\n/);
    assert.match(feat, /\r\n211 End\r\n$/);
    assert.match(await c.command('SYST'), /^215 UNIX Type: L8/);
    assert.match(await c.command('HELP'), /^214-[\s\S]*\r\n214 /);
    assert.match(await c.command('OPTS UTF8 ON'), /^200 /);
    assert.match(await c.command('HOST ftp.example.com'), /^220 /);
    assert.match(await c.command('PWD'), /^530 /);
    assert.match(await c.command('PASS x'), /^503 /);
    assert.match(await c.command('USER nobody-such'), /^331 /);
    assert.match(await c.command('HOST again'), /^503 /);
    assert.match(await c.command('CCC'), /^533 /);
    assert.match(await c.command('XYZZY'), /^500 /);
    assert.match(await c.command('ACCT x'), /^502 /);
    c.close();
  });

  it('reassembles a command split across packets and strips Telnet IAC bytes', async () => {
    const c = await loggedIn();
    c.send(Buffer.from('NO'));
    await new Promise((r) => setTimeout(r, 30));
    c.send(Buffer.from('OP\r\n'));
    assert.match(await c.read(), /^200 /);
    c.send(Buffer.from([0xff, 0xf4, 0xff, 0xf2, ...Buffer.from('STAT\r\n')]));
    assert.match(await c.read(), /^211-/);
    c.close();
  });

  it('quotes 257 paths, navigates with CWD/CDUP/XPWD, removes directories', async () => {
    const c = await loggedIn();
    assert.match(await c.command('MKD a"b'), /^257 "\/a""b" created/);
    assert.match(await c.command('CWD a"b'), /^250 /);
    assert.match(await c.command('XPWD'), /^257 "\/a""b" /);
    assert.match(await c.command('XMKD inner'), /^257 "\/a""b\/inner" /);
    assert.match(await c.command('CDUP'), /^250 /);
    assert.match(await c.command('RMD a"b'), /^550 .*not empty/i);
    assert.match(await c.command('XRMD a"b/inner'), /^250 /);
    assert.match(await c.command('RMD a"b'), /^250 /);
    assert.match(await c.command('CWD ten.txt'), /^550 /);
    assert.match(await c.command('RNTO x'), /^503 /);
    c.close();
  });

  it('handles UTF-8 names end to end', async () => {
    const c = await loggedIn();
    assert.match(await c.command('OPTS UTF8 ON'), /^200 /);
    assert.match(await c.command('MKD répertoire 日本'), /^257 "\/répertoire 日本" created/);
    assert.ok(fs.existsSync(path.join(t.home, 'répertoire 日本')));
    assert.match((await transfer(c, 'STOR répertoire 日本/ü.txt', Buffer.from('u'))).final, /^226 /);
    const names = (await transfer(c, 'NLST répertoire 日本')).data.toString('utf8');
    assert.equal(names, 'ü.txt\r\n');
    c.close();
  });

  it('answers 425 to a transfer without PASV/PORT, before any 150', async () => {
    const c = await loggedIn();
    assert.match(await c.command('RETR ten.txt'), /^425 /);
    assert.match(await c.command('LIST'), /^425 /);
    assert.match(await c.command('STOR x.txt'), /^425 /);
    assert.ok(!fs.existsSync(path.join(t.home, 'x.txt')));
    c.close();
  });

  it('STOU reports the name it chose', async () => {
    const c = await loggedIn();
    const { reply, final } = await transfer(c, 'STOU', Buffer.from('unique'));
    const name = /^150 FILE: (\S+)/.exec(reply)?.[1];
    assert.ok(name, reply);
    assert.match(final, new RegExp(`^226 .*${name.replace('.', '\\.')}`));
    assert.equal(fs.readFileSync(path.join(t.home, name), 'utf8'), 'unique');
    c.close();
  });

  it('REST + STOR writes from the offset and keeps the bytes before it', async () => {
    const c = await loggedIn();
    fs.writeFileSync(path.join(t.home, 'rest.txt'), 'abcdefghij');
    assert.match(await c.command('REST 4'), /^350 /);
    const { final } = await transfer(c, 'STOR rest.txt', Buffer.from('XY'));
    assert.match(final, /^226 /);
    assert.equal(fs.readFileSync(path.join(t.home, 'rest.txt'), 'utf8'), 'abcdXY');
    assert.match(await c.command('REST 100'), /^350 /);
    await c.epsv();
    assert.match(await c.command('STOR rest.txt'), /^554 /);
    c.close();
  });

  it('serves MLSD and MLST facts', async () => {
    const c = await loggedIn();
    const when = new Date(Date.UTC(2021, 4, 6, 7, 8, 9));
    fs.mkdirSync(path.join(t.home, 'facts'));
    fs.writeFileSync(path.join(t.home, 'facts', 'f.bin'), '12345');
    fs.chmodSync(path.join(t.home, 'facts', 'f.bin'), 0o640);
    fs.utimesSync(path.join(t.home, 'facts', 'f.bin'), when, when);
    fs.writeFileSync(path.join(t.home, 'facts', '.ftp-upload-0123.part'), 'temp');
    const { data } = await transfer(c, 'MLSD facts');
    const lines = data.toString().trim().split('\r\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^type=file;size=5;modify=20210506070809;perm=awrdf;unique=[0-9a-f]+g[0-9a-f]+;UNIX\.mode=0640; f\.bin$/);
    const mlst = await c.command('MLST facts');
    assert.match(mlst, /^250-.*\r\n type=dir;modify=\d{14};perm=celmdpf;unique=\w+;UNIX\.mode=0\d+; \/facts\r\n250 /);
    assert.match(await c.command('OPTS MLST type;size;'), /^200 /);
    assert.match(await c.command('MLST facts/f.bin'), /\r\n type=file;size=5; \/facts\/f\.bin\r\n/);
    c.close();
  });

  it('lists like ls -l, hides dotfiles without -a and ignores -R', async () => {
    const c = await loggedIn();
    fs.mkdirSync(path.join(t.home, 'ls'));
    fs.writeFileSync(path.join(t.home, 'ls', '.hidden'), 'h');
    fs.writeFileSync(path.join(t.home, 'ls', 'old.txt'), 'o');
    fs.utimesSync(path.join(t.home, 'ls', 'old.txt'), new Date('2001-02-03T04:05:06Z'), new Date('2001-02-03T04:05:06Z'));
    fs.writeFileSync(path.join(t.home, 'ls', 'new.txt'), 'n');
    fs.mkdirSync(path.join(t.home, 'ls', 'deep'));
    fs.writeFileSync(path.join(t.home, 'ls', 'deep', 'nested.txt'), 'x');
    const plain = (await transfer(c, 'LIST ls')).data.toString();
    assert.doesNotMatch(plain, /\.hidden/);
    assert.match(plain, /^-rw-r--r-- +1 ftp +ftp +1 Feb {2}3 {2}2001 old\.txt$/m);
    assert.match(plain, /^-rw-r--r-- +1 ftp +ftp +1 \w{3} [ \d]\d \d\d:\d\d new\.txt$/m);
    assert.match(plain, /^drwx/m);
    const all = (await transfer(c, 'LIST -laR ls')).data.toString();
    assert.match(all, / \.hidden\r\n/);
    assert.doesNotMatch(all, /nested/);
    const names = (await transfer(c, 'NLST ls')).data.toString().split('\r\n').filter(Boolean).sort();
    assert.deepEqual(names, ['deep', 'new.txt', 'old.txt']);
    c.close();
  });

  it('answers SIZE, MDTM, MFMT, SITE CHMOD, ALLO, TYPE, MODE, STRU', async () => {
    const c = await loggedIn();
    assert.match(await c.command('SIZE ten.txt'), /^213 10\r\n$/);
    assert.match(await c.command('MFMT 20200102030405 ten.txt'), /^213 Modify=20200102030405; \/ten\.txt/);
    assert.match(await c.command('MDTM ten.txt'), /^213 20200102030405\r\n$/);
    assert.match(await c.command('SITE CHMOD 600 ten.txt'), /^200 /);
    assert.equal(fs.statSync(path.join(t.home, 'ten.txt')).mode & 0o777, 0o600);
    assert.match(await c.command('SITE CHMOD 644 ten.txt'), /^200 /);
    assert.match(await c.command('SITE EXEC ls'), /^504 /);
    assert.match(await c.command('ALLO 1000'), /^202 /);
    assert.match(await c.command('TYPE E'), /^504 /);
    assert.match(await c.command('MODE B'), /^504 /);
    assert.match(await c.command('MODE S'), /^200 /);
    assert.match(await c.command('STRU R'), /^504 /);
    assert.match(await c.command('STRU F'), /^200 /);
    assert.match(await c.command('TYPE I'), /^200 /);
    c.close();
  });

  it('transfers bytes unchanged in TYPE A', async () => {
    const c = await loggedIn();
    const payload = Buffer.from('line1\r\nline2\nline3\r\x00\xff binary\n');
    assert.match(await c.command('TYPE A'), /^200 /);
    assert.match((await transfer(c, 'STOR ascii.bin', payload)).final, /^226 /);
    assert.equal(sha256(fs.readFileSync(path.join(t.home, 'ascii.bin'))), sha256(payload));
    assert.equal(sha256((await transfer(c, 'RETR ascii.bin')).data), sha256(payload));
    c.close();
  });

  it('refuses PASV/PORT after EPSV ALL and keeps one passive listener per session', async () => {
    const c = await loggedIn();
    const first = await c.epsv();
    const second = await c.epsv();
    assert.notEqual(first, second);
    await assert.rejects(connectData(first), /ECONNREFUSED/);
    assert.match(await c.command('EPSV ALL'), /^200 /);
    assert.match(await c.command('PASV'), /^503 /);
    assert.match(await c.command('PORT 127,0,0,1,40,1'), /^503 /);
    c.close();
  });

  it('transfers in active mode to the client', async () => {
    const c = await loggedIn();
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as net.AddressInfo).port;
    const received = new Promise<Buffer>((resolve) => listener.once('connection', (s) => void readAll(s).then(resolve)));
    assert.match(await c.command(`EPRT |1|127.0.0.1|${port}|`), /^200 /);
    assert.match(await c.command('RETR ten.txt'), /^150 /);
    assert.equal((await received).toString(), 'abcdefghij');
    assert.match(await c.read(), /^226 /);
    listener.close();
    c.close();
  });

  it('answers NOOP and STAT during a transfer, and ABOR (after IAC IP/Synch) with 426 then 226', async () => {
    const c = await loggedIn();
    fs.writeFileSync(path.join(t.home, 'big.bin'), randomBytes(4 * 1024 * 1024));
    slow.setRate(256 * 1024);
    try {
      const port = await c.epsv();
      const data = await connectData(port);
      data.resume();
      assert.match(await c.command('RETR big.bin'), /^150 /);
      assert.match(await c.command('NOOP'), /^200 /);
      assert.match(await c.command('STAT'), /^211-[\s\S]*Transfer in progress: download \/big\.bin/);
      c.send(Buffer.from([0xff, 0xf4, 0xff, 0xf2, ...Buffer.from('ABOR\r\n')]));
      assert.match(await c.read(), /^426 /);
      assert.match(await c.read(), /^226 /);
      assert.match(await c.command('NOOP'), /^200 /);
    } finally {
      slow.setRate(0);
    }
    c.close();
  });

  it('ABOR while the transfer still waits for its data connection closes the passive port', async () => {
    const c = await loggedIn();
    const port = await c.epsv();
    assert.match(await c.command('RETR ten.txt'), /^150 /);
    c.send('ABOR');
    assert.match(await c.read(), /^426 /);
    assert.match(await c.read(), /^226 /);
    await assert.rejects(connectData(port), /ECONNREFUSED/);
    c.close();
  });

  it('an aborted or broken upload leaves neither the real name nor a temp file', async () => {
    const c = await loggedIn();
    fs.writeFileSync(path.join(t.home, 'keep.txt'), 'original');
    const port = await c.epsv();
    const data = await connectData(port);
    assert.match(await c.command('STOR keep.txt'), /^150 /);
    data.write(randomBytes(100_000));
    await new Promise((r) => setTimeout(r, 50));
    assert.match(await c.command('ABOR'), /^426 /);
    assert.match(await c.read(), /^226 /);
    const port2 = await c.epsv();
    const data2 = await connectData(port2);
    assert.match(await c.command('STOR fresh.txt'), /^150 /);
    data2.write(randomBytes(50_000));
    await new Promise((r) => setTimeout(r, 50));
    data2.resetAndDestroy();
    assert.match(await c.read(), /^426 /);
    assert.equal(fs.readFileSync(path.join(t.home, 'keep.txt'), 'utf8'), 'original');
    assert.ok(!fs.existsSync(path.join(t.home, 'fresh.txt')));
    assert.deepEqual(fs.readdirSync(t.home).filter((n) => n.includes('.part')), []);
    c.close();
  });

  it('survives a host event listener that throws', async () => {
    const boom = (): never => {
      throw new Error('listener bug');
    };
    t.server.on('transfer:start', boom);
    t.server.on('fs:change', boom);
    try {
      const c = await loggedIn();
      assert.match(await c.command('MKD boom'), /^257 /);
      assert.equal((await transfer(c, 'RETR ten.txt')).data.toString(), 'abcdefghij');
      assert.match(await c.command('NOOP'), /^200 /);
      c.close();
    } finally {
      t.server.off('transfer:start', boom);
      t.server.off('fs:change', boom);
    }
  });

  it('emits session, login, transfer and fs events with virtual paths', async () => {
    const recorded: { port: number; text: string }[] = [];
    let clientPort = -1;
    const record = (name: string) => (e: unknown) => {
      const event = e as { path?: string; status?: string; action?: string; session?: { remotePort: number }; remotePort?: number };
      recorded.push({ port: event.session?.remotePort ?? event.remotePort ?? 0, text: `${name}${event.action ? `:${event.action}` : ''}${event.path ? ` ${event.path}` : ''}${event.status ? ` ${event.status}` : ''}` });
    };
    const names = ['session:open', 'session:close', 'login:ok', 'login:failed', 'transfer:start', 'transfer:end', 'fs:change'] as const;
    const handlers = names.map((n) => [n, record(n)] as const);
    for (const [n, h] of handlers) t.server.on(n, h);
    try {
      const c = await RawClient.connect(t.port);
      clientPort = c.socket.localPort ?? 0;
      await c.read();
      await c.command('USER alice');
      await c.command('PASS wrong');
      await c.command('USER alice');
      await c.command('PASS secret');
      await c.command('MKD ev');
      await transfer(c, 'STOR ev/f.txt', Buffer.from('x'));
      await c.command('RNFR ev/f.txt');
      await c.command('RNTO ev/g.txt');
      await c.command('DELE ev/g.txt');
      await c.command('RMD ev');
      await c.command('QUIT');
      await c.closed;
      await new Promise((r) => setTimeout(r, 20));
      const events = recorded.filter((r) => r.port === clientPort).map((r) => r.text);
      assert.deepEqual(events, [
        'session:open', 'login:failed', 'login:ok', 'fs:change:mkdir /ev', 'transfer:start /ev/f.txt', 'transfer:end /ev/f.txt OK',
        'fs:change:rename /ev/f.txt', 'fs:change:delete /ev/g.txt', 'fs:change:rmdir /ev', 'session:close',
      ]);
    } finally {
      for (const [n, h] of handlers) t.server.off(n, h);
    }
  });
});
