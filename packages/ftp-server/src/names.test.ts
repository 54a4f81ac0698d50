// Names and modes: arguments that are not valid UTF-8 never reach the filesystem (two byte
// strings must not both become U+FFFD and name one file), and SITE CHMOD can neither make
// anything world-writable nor touch the home root. Raw bytes go over a bare control connection.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { connectData, RawClient, readAll, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

const CRLF = Buffer.from('\r\n');

/** A command line whose argument is given as raw bytes. */
function rawLine(verb: string, ...parts: (string | number[])[]): Buffer {
  const arg = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)));
  return Buffer.concat([Buffer.from(`${verb} `), ...arg, CRLF]);
}

async function rawCommand(c: RawClient, line: Buffer): Promise<string> {
  c.send(line);
  return c.read();
}

describe('names that are not UTF-8', () => {
  let t: TestServer;

  before(async () => {
    t = await startServer({ isTls: false });
  });
  after(() => t.close());
  beforeEach(() => {
    for (const entry of fs.readdirSync(t.home)) fs.rmSync(path.join(t.home, entry), { recursive: true, force: true });
  });

  async function loggedIn(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.login();
    return c;
  }

  /** Uploads through EPSV; returns the first reply (and completes the transfer if it started). */
  async function upload(c: RawClient, line: Buffer, content: string): Promise<string> {
    const data = await connectData(await c.epsv());
    const done = readAll(data).catch(() => Buffer.alloc(0));
    const reply = await rawCommand(c, line);
    if (reply.startsWith('150')) {
      data.end(content);
      await done;
      assert.match(await c.read(), /^226 /);
    } else {
      data.destroy();
    }
    return reply;
  }

  it('refuses two uploads whose names differ only in invalid bytes, creating nothing', async () => {
    const c = await loggedIn();
    assert.match(await upload(c, rawLine('STOR', 'a', [0x80], '.txt'), 'first'), /^553 /);
    assert.match(await upload(c, rawLine('STOR', 'a', [0x81], '.txt'), 'second'), /^553 /);
    assert.match(await upload(c, rawLine('APPE', 'a', [0xfe], '.txt'), 'third'), /^553 /);
    assert.deepEqual(fs.readdirSync(t.home), []);
    // A valid UTF-8 name (split across packets mid-character) still works.
    const name = Buffer.from('é日本.txt', 'utf8');
    const data = await connectData(await c.epsv());
    c.send(Buffer.concat([Buffer.from('STOR '), name.subarray(0, 2)]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    c.send(Buffer.concat([name.subarray(2), CRLF]));
    assert.match(await c.read(), /^150 /);
    data.end('ok');
    assert.match(await c.read(), /^226 /);
    assert.deepEqual(fs.readdirSync(t.home), ['é日本.txt']);
    c.close();
  });

  it('answers 553 to MKD and RNTO and creates or renames nothing', async () => {
    fs.writeFileSync(path.join(t.home, 'src.txt'), 'source');
    const c = await loggedIn();
    assert.match(await rawCommand(c, rawLine('MKD', 'd', [0x80])), /^553 /);
    assert.match(await rawCommand(c, rawLine('XMKD', 'd', [0x81])), /^553 /);
    assert.match(await c.command('RNFR src.txt'), /^350 /);
    assert.match(await rawCommand(c, rawLine('RNTO', 'n', [0x80], '.txt')), /^553 /);
    assert.deepEqual(fs.readdirSync(t.home), ['src.txt']);
    c.close();
  });

  it('answers 550 to commands naming an existing file, even when the lossy name exists', async () => {
    // The names an old lossy decoder would have produced for "f\x80.txt" and "d\x80".
    fs.writeFileSync(path.join(t.home, 'f\uFFFD.txt'), 'victim');
    fs.mkdirSync(path.join(t.home, 'd\uFFFD'));
    const c = await loggedIn();
    const file = (verb: string): Buffer => rawLine(verb, 'f', [0x80], '.txt');
    const dir = (verb: string): Buffer => rawLine(verb, 'd', [0x80]);
    for (const line of [file('DELE'), file('RETR'), file('SIZE'), file('MDTM'), file('RNFR'), file('MLST'), rawLine('SITE', 'CHMOD 600 f', [0x80], '.txt')]) {
      assert.match(await rawCommand(c, line), /^550 /, line.toString('latin1'));
    }
    for (const line of [dir('CWD'), dir('XCWD'), dir('RMD'), dir('XRMD'), dir('LIST'), dir('NLST'), dir('MLSD')]) {
      assert.match(await rawCommand(c, line), /^550 /, line.toString('latin1'));
    }
    assert.match(await c.command('PWD'), /^257 "\/"/);
    assert.equal(fs.readFileSync(path.join(t.home, 'f\uFFFD.txt'), 'utf8'), 'victim');
    assert.ok(fs.statSync(path.join(t.home, 'd\uFFFD')).isDirectory());
    c.close();
  });

  it('refuses overlong encodings, surrogates, truncated sequences and an escaped 0xFF', async () => {
    const c = await loggedIn();
    const invalid: number[][] = [
      [0xc0, 0xaf], // overlong "/"
      [0xe0, 0x80, 0xaf], // overlong "/" in three bytes
      [0xed, 0xa0, 0x80], // UTF-16 surrogate
      [0xe6, 0x97], // truncated "日"
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      [0xff, 0xff], // Telnet-escaped 0xFF, i.e. one 0xFF byte
    ];
    for (const bytes of invalid) {
      assert.match(await rawCommand(c, rawLine('MKD', 'x', bytes)), /^553 /, JSON.stringify(bytes));
    }
    assert.deepEqual(fs.readdirSync(t.home), []);
    c.close();
  });

  it('keeps the login guard first and answers 501 to other verbs', async () => {
    const c = await RawClient.connect(t.port);
    assert.match(await c.read(), /^220 /);
    assert.match(await rawCommand(c, rawLine('STOR', [0x80])), /^530 /);
    assert.match(await rawCommand(c, rawLine('USER', 'al', [0xe9])), /^501 /);
    assert.match(await rawCommand(c, rawLine('PASS', 'x', [0x80])), /^501 /);
    assert.match(await rawCommand(c, rawLine('OPTS', 'UTF8 ', [0x80])), /^501 /);
    assert.match(await c.command('USER alice'), /^331 /);
    assert.match(await c.command('PASS secret'), /^230 /);
    assert.match(await rawCommand(c, rawLine('TYPE', [0x80])), /^501 /);
    assert.match(await c.command('NOOP'), /^200 /);
    c.close();
  });
});

describe('SITE CHMOD', () => {
  let t: TestServer;

  before(async () => {
    t = await startServer({ isTls: false });
    fs.writeFileSync(path.join(t.home, 'file.txt'), 'x');
    fs.mkdirSync(path.join(t.home, 'sub'));
    fs.symlinkSync(t.home, path.join(t.home, 'me'));
  });
  after(() => t.close());

  const modeOf = (name: string): number => fs.statSync(path.join(t.home, name)).mode & 0o7777;

  it('refuses world-writable modes with 550 and leaves the mode alone', async () => {
    fs.chmodSync(path.join(t.home, 'file.txt'), 0o640);
    fs.chmodSync(path.join(t.home, 'sub'), 0o750);
    const c = await RawClient.connect(t.port);
    await c.login();
    for (const mode of ['777', '0666', '002', '1777', '0757']) {
      const reply = await c.command(`SITE CHMOD ${mode} file.txt`);
      assert.match(reply, /^550 .*world-writable/, mode);
    }
    assert.match(await c.command('SITE CHMOD 777 sub'), /^550 /);
    assert.equal(modeOf('file.txt'), 0o640);
    assert.equal(modeOf('sub'), 0o750);
    assert.match(await c.command('SITE CHMOD 664 file.txt'), /^200 /);
    assert.equal(modeOf('file.txt'), 0o664);
    assert.match(await c.command('SITE CHMOD 0775 sub'), /^200 /);
    assert.equal(modeOf('sub'), 0o775);
    c.close();
  });

  it('refuses any change to the home root, however it is named', async () => {
    fs.chmodSync(t.home, 0o750);
    const c = await RawClient.connect(t.port);
    await c.login();
    for (const name of ['/', '.', 'sub/..', '/../..', 'me']) {
      assert.match(await c.command(`SITE CHMOD 700 ${name}`), /^550 .*home directory/, name);
    }
    assert.match(await c.command('CWD sub'), /^250 /);
    assert.match(await c.command('SITE CHMOD 755 ..'), /^550 /);
    assert.equal(fs.statSync(t.home).mode & 0o7777, 0o750);
    c.close();
  });
});
