import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { listBans } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import type { Db } from '@ftp-panel/db';
import { createEventBus } from '../events/bus.ts';
import { ACCOUNT_DELAY_MAX_MS, ACCOUNT_FREE_FAILURES, BanGuard, accountDelayMs } from './ban-guard.ts';
import { PASSWORD, startHarness } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

/** A bare control connection from a chosen loopback address (127.0.0.0/8 all reaches the server). */
async function connectFrom(port: number, localAddress: string) {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  let buffer = '';
  const replies: string[] = [];
  const waiters: ((reply: string) => void)[] = [];
  socket.on('data', (text: string) => {
    buffer += text;
    for (let match = /^\d{3} [^\r\n]*\r?\n/m.exec(buffer); match; match = /^\d{3} [^\r\n]*\r?\n/m.exec(buffer)) {
      const reply = buffer.slice(0, match.index + match[0].length);
      buffer = buffer.slice(reply.length);
      const waiter = waiters.shift();
      if (waiter) waiter(reply);
      else replies.push(reply);
    }
  });
  const read = (): Promise<string> => {
    const queued = replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within 10 s')), 10_000);
      waiters.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  };
  await read();
  return {
    command(line: string): Promise<string> {
      socket.write(`${line}\r\n`);
      return read();
    },
    close: () => socket.destroy(),
  };
}

/** One USER/PASS on a fresh connection from `ip`: the reply and how long PASS took to answer. */
async function attempt(port: number, ip: string, username: string, password: string): Promise<{ reply: string; ms: number }> {
  const control = await connectFrom(port, ip);
  try {
    assert.match(await control.command(`USER ${username}`), /^331/);
    const started = performance.now();
    const reply = await control.command(`PASS ${password}`);
    return { reply, ms: performance.now() - started };
  } finally {
    control.close();
  }
}

test('the per-username delay schedule: free failures, then doubling up to the cap', () => {
  const schedule = Array.from({ length: 12 }, (_, i) => accountDelayMs(i + 1));
  assert.deepEqual(schedule, [0, 0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  assert.equal(ACCOUNT_FREE_FAILURES, 5);
  assert.equal(accountDelayMs(1_000_000), ACCOUNT_DELAY_MAX_MS);
});

test('per-username failures are counted within the window and stay bounded in memory', async () => {
  // banFailures = 0: no IP bans, so the database is never reached.
  const guard = new BanGuard({ db: {} as Db, bus: createEventBus(), policy: { failures: 0, windowSec: 60, durationSec: 0 } });
  const t0 = 1_000_000;
  for (let i = 0; i < ACCOUNT_FREE_FAILURES + 1; i++) await guard.recordFailure(`10.0.0.${i}`, 'target', t0 + i);
  assert.equal(guard.accountDelayMs('target', t0 + 10), 1_000);
  assert.equal(guard.accountDelayMs('target', t0 + 61_000), 0, 'failures older than the window no longer count');
  // A spray of other names evicts the least recently failed one rather than growing without end.
  for (let i = 0; i < 10_000; i++) await guard.recordFailure('10.1.0.1', `spray-${i}`, t0 + 20);
  assert.equal(guard.accountDelayMs('target', t0 + 30), 0);
  guard.sweep(t0 + 61_000);
});

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service: a success does not wash away failures at other names (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider, { settings: { banFailures: 3, banWindowSec: 60, banDurationSec: 60, maxLoginFailures: 10 } });
      await h.addAccount('victim');
      await h.addAccount('mallory');
    });
    after(() => h?.close());

    test('guesses at alice with a good login as the own account in between still lead to the ban', async () => {
      const ip = '127.0.0.21';
      // Two guesses at the victim, then the attacker's own account logs in from the same address.
      for (const guess of ['wrong-1-password', 'wrong-2-password']) {
        assert.match((await attempt(h.port, ip, 'victim', guess)).reply, /^530/);
      }
      assert.match((await attempt(h.port, ip, 'mallory', PASSWORD)).reply, /^230/);
      // The third guess at the victim crosses banFailures = 3: the success as mallory did not reset it.
      assert.match((await attempt(h.port, ip, 'victim', 'wrong-3-password')).reply, /^421/);
      const bans = await listBans(h.db.prisma, { ip, isActive: true });
      assert.equal(bans.total, 1);
    });

    test('a success clears that address’s failures at that name only', async () => {
      const ip = '127.0.0.22';
      assert.match((await attempt(h.port, ip, 'victim', 'wrong-1-password')).reply, /^530/);
      assert.match((await attempt(h.port, ip, 'mallory', 'wrong-1-password')).reply, /^530/);
      assert.match((await attempt(h.port, ip, 'mallory', PASSWORD)).reply, /^230/);
      // The failure at mallory is forgotten, the one at victim is not: two more failures ban.
      assert.match((await attempt(h.port, ip, 'mallory', 'wrong-2-password')).reply, /^530/);
      assert.match((await attempt(h.port, ip, 'victim', 'wrong-2-password')).reply, /^421/);
    });
  });

  describe(`FTP service: guessing at one name from many addresses is slowed (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      // One login slot: a delay slept while holding it would stall every other login.
      h = await startHarness(provider, { settings: { maxLoginFailures: 10 }, engineOptions: { maxConcurrentLogins: 1 } });
      await h.addAccount('dora');
      await h.addAccount('erin');
    });
    after(() => h?.close());

    for (const username of ['dora', 'ghost-who-does-not-exist']) {
      test(`failures at "${username}" past ${ACCOUNT_FREE_FAILURES} from different addresses are answered later`, async () => {
        const times: number[] = [];
        for (let i = 1; i <= ACCOUNT_FREE_FAILURES + 1; i++) {
          const { reply, ms } = await attempt(h.port, `127.0.1.${i}`, username, `wrong-${i}-password`);
          assert.match(reply, /^530/);
          times.push(ms);
        }
        const last = times.pop() ?? 0;
        for (const ms of times) assert.ok(ms < 800, `a free failure took ${Math.round(ms)} ms`);
        assert.ok(last >= 1_000, `failure ${ACCOUNT_FREE_FAILURES + 1} was answered after ${Math.round(last)} ms`);
      });
    }

    test('the owner still gets in at once, and the slowed failure holds no login slot', async () => {
      // dora has six failures from other addresses: the next wrong answer waits 2 s.
      const slowed = attempt(h.port, '127.0.1.50', 'dora', 'wrong-again-password');
      await new Promise((r) => setTimeout(r, 300));
      const started = performance.now();
      const owner = await attempt(h.port, '127.0.0.1', 'dora', PASSWORD);
      assert.match(owner.reply, /^230/);
      assert.ok(performance.now() - started < 800, `the owner waited ${Math.round(performance.now() - started)} ms`);
      const other = await attempt(h.port, '127.0.0.1', 'erin', PASSWORD);
      assert.match(other.reply, /^230/);
      const failure = await slowed;
      assert.match(failure.reply, /^530/);
      assert.ok(failure.ms >= 2_000, `the 7th failure was answered after ${Math.round(failure.ms)} ms`);
    });
  });
}
