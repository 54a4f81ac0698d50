// The overview's 24 h chart is summed by the database, with the same buckets on both providers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testProviders, type TestDb } from '../testing.ts';
import { recordTransfers, transfersPerHour, type TransferInput } from './transfers.ts';

const FROM = new Date('2026-03-01T10:00:00.000Z');
const at = (iso: string) => new Date(iso);

function transfer(endedAt: Date, direction: 'UPLOAD' | 'DOWNLOAD', bytes: number): TransferInput {
  return { accountId: null, username: 'alice', sessionId: 's', direction, path: '/f', bytes, durationMs: 1, status: 'OK', remoteIp: '192.0.2.1', startedAt: endedAt, endedAt };
}

for (const { provider, skip } of await testProviders()) {
  describe(`transfersPerHour on ${provider}`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
      await recordTransfers(db.prisma, [
        transfer(at('2026-03-01T09:59:59.999Z'), 'UPLOAD', 1), // before the window
        transfer(at('2026-03-01T10:00:00.000Z'), 'UPLOAD', 10), // first instant of bucket 0
        transfer(at('2026-03-01T10:59:59.999Z'), 'DOWNLOAD', 20), // last instant of bucket 0
        transfer(at('2026-03-01T11:00:00.000Z'), 'DOWNLOAD', 300),
        transfer(at('2026-03-01T11:30:00.000Z'), 'UPLOAD', 4_000_000_000_000), // beyond 32 bits
        transfer(at('2026-03-02T09:59:59.999Z'), 'UPLOAD', 5), // last instant of bucket 23
        transfer(at('2026-03-02T10:00:00.000Z'), 'UPLOAD', 7), // after the window
      ]);
    });
    after(() => db?.close());

    test('bucket boundaries, both directions, big byte counts, empty hours as zeros', async () => {
      const buckets = await transfersPerHour(db.prisma, provider, { from: FROM, hours: 24 });
      assert.equal(buckets.length, 24);
      assert.deepEqual(buckets[0], { at: FROM, uploadBytes: 10, downloadBytes: 20, count: 2 });
      assert.deepEqual(buckets[1], { at: at('2026-03-01T11:00:00.000Z'), uploadBytes: 4_000_000_000_000, downloadBytes: 300, count: 2 });
      assert.deepEqual(buckets[23], { at: at('2026-03-02T09:00:00.000Z'), uploadBytes: 5, downloadBytes: 0, count: 1 });
      const rest = buckets.slice(2, 23);
      assert.ok(rest.every((b) => b.count === 0 && b.uploadBytes === 0 && b.downloadBytes === 0));
      assert.equal(buckets.reduce((sum, b) => sum + b.count, 0), 5);
    });
  });
}
