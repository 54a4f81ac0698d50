import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendChange, createDb, getServerSettings, listLoginEvents, listTransfers, readChangesAfter } from '@ftp-panel/db';
import type { Db } from '@ftp-panel/db';
import { createTestDb, testProviders } from '@ftp-panel/db/testing';
import type { TestDb } from '@ftp-panel/db/testing';
import { createEventBus } from './bus.ts';
import type { BusEnvelope } from './types.ts';
import { notifyChange } from './notify.ts';
import { startEventRuntime } from './runtime.ts';
import type { EventRuntime } from './runtime.ts';
import { runRetention } from './retention.ts';

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

for (const { provider, skip } of await testProviders()) {
  describe(`event runtime (${provider})`, { skip }, () => {
    let db: TestDb;
    let other: Db;
    let runtimeA: EventRuntime;
    let runtimeB: EventRuntime;
    const busA = createEventBus();
    const busB = createEventBus();
    before(async () => {
      db = await createTestDb(provider);
      // A second process is simulated by a second client on the same database.
      other = await createDb({ databaseUrl: db.url, dataDir: db.dataDir });
      runtimeA = await startEventRuntime({ db, bus: busA });
      runtimeB = await startEventRuntime({ db: other, bus: busB });
    });
    after(async () => {
      await runtimeA?.close();
      await runtimeB?.close();
      await other?.close();
      await db?.cleanup();
    });

    test('a change written by one process reaches the other within a second', async () => {
      const seen: string[] = [];
      runtimeA.changes.subscribe((c) => {
        seen.push(`${c.topic}:${c.key}`);
      });
      await notifyChange(other, 'account', 'bob', { reason: 'password' });
      const ms = await until(() => seen.includes('account:bob'), 2000, 'the change');
      assert.ok(ms < 1000, `took ${ms} ms`);
      // Inside a transaction (as the account service writes), NOTIFY comes with the commit.
      await other.prisma.$transaction(async (tx) => {
        await appendChange(tx as typeof other.prisma, 'settings');
      });
      const started = Date.now();
      await until(() => seen.includes('settings:null'), 2000, 'the transactional change');
      if (provider === 'postgresql') assert.ok(Date.now() - started < 500, 'woken by NOTIFY, not by the 1 s safety poll');
      const rows = await readChangesAfter(db.prisma, 0);
      assert.equal(rows.find((r) => r.key === 'bob')?.payload, JSON.stringify({ reason: 'password' }));
    });

    test('live events cross processes on PostgreSQL only, and are persisted once', async () => {
      const remote: BusEnvelope[] = [];
      busB.subscribe((e) => {
        if (e.isRemote) remote.push(e);
      });
      busA.publish({ type: 'login.failed', accountId: null, username: 'mallory', remoteIp: '192.0.2.7', sessionId: 's1', reason: 'unknown user', channel: 'FTP' });
      busA.publish({
        type: 'transfer.completed', accountId: 'nope', username: 'gone', sessionId: 's1', direction: 'UPLOAD', path: '/a b.txt', bytes: 42,
        durationMs: 10, status: 'OK', remoteIp: '192.0.2.7', startedAt: new Date().toISOString(), endedAt: new Date().toISOString(),
      });
      if (provider === 'postgresql') {
        await until(() => remote.length === 2, 2000, 'relayed events');
        assert.equal(remote[0]?.event.type, 'login.failed');
      } else {
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(remote.length, 0);
      }
      await runtimeA.persister.flush();
      await runtimeB.persister.flush();
      const logins = await listLoginEvents(db.prisma, { username: 'mallory' });
      assert.equal(logins.total, 1);
      assert.equal(logins.items[0]?.result, 'FAILED');
      const transfers = await listTransfers(db.prisma, { username: 'gone' });
      assert.equal(transfers.total, 1);
      assert.equal(transfers.items[0]?.accountId, null, 'unknown account ids are stored as null');
    });

    test('retention removes old history, old changes and expired web sessions', async () => {
      const settings = await getServerSettings(db.prisma);
      const now = new Date();
      const old = new Date(now.getTime() - (settings.retentionDays + 1) * 86_400_000);
      await db.prisma.loginEvent.create({ data: { username: 'ancient', remoteIp: '192.0.2.1', result: 'OK', createdAt: old } });
      await db.prisma.changeEvent.create({ data: { topic: 'account', key: 'x', createdAt: new Date(now.getTime() - 2 * 86_400_000) } });
      const result = await runRetention(db.prisma, now);
      assert.equal(result.logins, 1);
      assert.ok(result.changes >= 1);
      assert.equal((await listLoginEvents(db.prisma, { username: 'ancient' })).total, 0);
    });
  });
}
