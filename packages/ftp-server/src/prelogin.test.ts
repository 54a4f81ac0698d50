// Connections that never log in must not keep people who do log in out: separate pre-login caps,
// room made by closing the oldest idle pre-login session of the heaviest address, and a shorter
// login deadline while many connections wait without logging in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'basic-ftp';
import { PASSWORD, RawClient, USER, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

// The shipped ServerSettings defaults, as packages/core/src/ftp/settings.ts hands them over.
const SHIPPED = { maxSessions: 500, maxSessionsPerIp: 20, loginTimeoutMs: 60_000 };

/** firstReply: the greeting or refusal line; transcript: everything received, once closed. */
type Idle = { socket: net.Socket; firstReply: Promise<string>; transcript: Promise<string> };

/** A connection from localAddress that reads the greeting (or refusal) and then says nothing. */
function openIdle(port: number, localAddress: string): Promise<Idle> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    socket.setEncoding('utf8');
    let text = '';
    const transcript = new Promise<string>((done) => socket.once('close', () => done(text)));
    const firstReply = new Promise<string>((done) => {
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n')) done(text.slice(0, text.indexOf('\n')));
      });
      socket.once('close', () => done(text || '(closed)'));
    });
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve({ socket, firstReply, transcript });
    });
    socket.once('error', reject);
  });
}

async function withServer(options: Parameters<typeof startServer>[0], fn: (t: TestServer, idle: Idle[]) => Promise<void>): Promise<void> {
  const t = await startServer(options);
  const idle: Idle[] = [];
  try {
    await fn(t, idle);
  } finally {
    for (const { socket } of idle) socket.destroy();
    await t.close();
  }
}

async function loginAndTransfer(port: number): Promise<void> {
  const client = new Client(10_000);
  try {
    await client.access({ host: '127.0.0.1', port, user: USER, password: PASSWORD });
    const payload = Buffer.alloc(256 * 1024, 7);
    await client.uploadFrom(Readable.from([payload]), 'up.bin');
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    await client.downloadTo(sink, 'up.bin');
    assert.deepEqual(Buffer.concat(chunks), payload);
  } finally {
    client.close();
  }
}

describe('pre-login connections', () => {
  it('500 idle pre-login connections from 25 addresses do not keep a real user out (shipped limits)', async () => {
    await withServer({ options: SHIPPED, isTls: false }, async (t, idle) => {
      // 127.0.0.2 .. 127.0.0.26, 20 connections each: the per-IP cap, 500 in all: the global cap.
      const addresses = Array.from({ length: 25 }, (_, i) => `127.0.0.${i + 2}`);
      for (let round = 0; round < 20; round++) {
        idle.push(...(await Promise.all(addresses.map((address) => openIdle(t.port, address)))));
      }
      const replies = await Promise.all(idle.map((c) => c.firstReply));
      const greeted = replies.filter((r) => r.startsWith('220 ')).length;
      assert.ok(greeted <= 250, `${greeted} idle connections were let in (pre-login cap is half of 500)`);
      // Idle sessions become evictable after a short grace period.
      await sleep(1100);
      await loginAndTransfer(t.port);
      // A second user gets in the same way while the flood is still there.
      await loginAndTransfer(t.port);
      assert.ok(idle.some((c) => !c.socket.destroyed), 'the flood was still connected');
    });
  });

  it('caps pre-login sessions per address with 421; logged-in sessions do not count', async () => {
    await withServer({ options: { maxSessionsPerIp: 6, maxPreLoginSessionsPerIp: 2 }, isTls: false }, async (t, idle) => {
      const a = await RawClient.connect(t.port);
      await a.login();
      idle.push(await openIdle(t.port, '127.0.0.1'), await openIdle(t.port, '127.0.0.1'));
      for (const c of idle) assert.match(await c.firstReply, /^220 /);
      const third = await openIdle(t.port, '127.0.0.1');
      idle.push(third);
      assert.match(await third.firstReply, /^421 Too many unauthenticated connections from your address/);
      // Another address is not affected.
      const other = await openIdle(t.port, '127.0.0.2');
      idle.push(other);
      assert.match(await other.firstReply, /^220 /);
      a.close();
    });
  });

  it('closes the oldest idle pre-login session of the heaviest address to make room, never a fresh one', async () => {
    await withServer({ options: { maxPreLoginSessions: 4, maxPreLoginSessionsPerIp: 3 }, isTls: false }, async (t, idle) => {
      const heavy = [];
      for (let i = 0; i < 3; i++) heavy.push(await openIdle(t.port, '127.0.0.2'));
      const light = await openIdle(t.port, '127.0.0.3');
      idle.push(...heavy, light);
      for (const c of idle) assert.match(await c.firstReply, /^220 /);
      // Too young to give way yet: the newcomer is refused.
      const early = await openIdle(t.port, '127.0.0.4');
      idle.push(early);
      assert.match(await early.firstReply, /^421 Too many connections/);
      await sleep(1100);
      const newcomer = await RawClient.connect(t.port, '127.0.0.1', '127.0.0.4');
      assert.match(await newcomer.read(), /^220 /);
      assert.match((await heavy[0]?.transcript) ?? '', /^220 .*\r\n421 Too many unauthenticated connections/);
      for (const c of [...heavy.slice(1), light]) assert.equal(c.socket.destroyed, false);
      // The heaviest address cannot evict others in turn (nobody holds more than it does).
      const same = await openIdle(t.port, '127.0.0.2');
      idle.push(same);
      assert.match(await same.firstReply, /^421 Too many connections/);
      // The newcomer itself was never at risk and logs in.
      await newcomer.command(`USER ${USER}`);
      assert.match(await newcomer.command(`PASS ${PASSWORD}`), /^230 /);
      newcomer.close();
    });
  });

  it('lets logged-in sessions fill maxSessions: idle pre-login sessions give way', async () => {
    await withServer({ options: { maxSessions: 4 }, isTls: false }, async (t, idle) => {
      idle.push(await openIdle(t.port, '127.0.0.2'), await openIdle(t.port, '127.0.0.2'));
      for (const c of idle) assert.match(await c.firstReply, /^220 /);
      await sleep(1100);
      const users: RawClient[] = [];
      for (let i = 0; i < 4; i++) {
        const c = await RawClient.connect(t.port);
        users.push(c);
        await c.login();
      }
      const late = await RawClient.connect(t.port, '127.0.0.1', '127.0.0.3');
      assert.match(await late.read(), /^421 Too many connections/);
      for (const c of [...users, late]) c.close();
    });
  });

  it('shortens the login deadline while pre-login sessions fill half of their cap', async () => {
    const options = { maxPreLoginSessions: 4, busyLoginTimeoutMs: 300, loginTimeoutMs: 60_000 };
    await withServer({ options, isTls: false }, async (t, idle) => {
      const first = await RawClient.connect(t.port);
      assert.match(await first.read(), /^220 /);
      // One of four: not busy, the full deadline applies.
      await sleep(500);
      assert.equal(first.isClosed, false);
      // Two of four: busy; the waiting session is cut to 300 ms from its connect, so it goes now.
      idle.push(await openIdle(t.port, '127.0.0.2'));
      assert.match(await first.read(1000), /^421 Login timeout/);
      assert.match((await idle[0]?.transcript) ?? '', /^220 .*\r\n421 Login timeout/);
      first.close();
    });
  });
});
