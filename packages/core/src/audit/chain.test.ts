// The audit trail's hash chain: concurrent appends still form one chain, and an edited, removed
// or un-hashed entry is reported at the first broken link (SQLite and PostgreSQL).
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { appendChange, recordAudit, type Actor, type PrismaDb } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { verifyAuditChain } from './chain.ts';

const ACTOR: Actor = { type: 'ADMIN', id: 'a1', name: 'alice', ip: '192.0.2.7' };

for (const { provider, skip } of await testProviders()) {
  describe(`audit chain on ${provider}`, { skip }, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(provider);
    });
    after(async () => {
      await t?.cleanup();
    });
    beforeEach(async () => {
      await t.prisma.auditEntry.deleteMany({});
    });

    async function appendMany(n: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const e = await recordAudit(t.prisma, { actor: ACTOR, action: 'account.update', targetType: 'account', targetId: `u${i}`, before: { quotaBytes: i }, after: { quotaBytes: i + 1 } });
        ids.push(e.id);
      }
      return ids;
    }

    test('concurrent appends (own transactions and callers’ transactions) form one chain that verifies', async () => {
      const writers = Array.from({ length: 24 }, (_, i) =>
        i % 2 === 0
          ? recordAudit(t.prisma, { actor: ACTOR, action: 'token.create', targetType: 'token', targetId: `t${i}` })
          : t.prisma.$transaction(async (itx) => {
              const tx = itx as unknown as PrismaDb;
              await appendChange(tx, 'account', `u${i}`);
              return recordAudit(tx, { actor: ACTOR, action: 'account.create', targetType: 'account', targetId: `u${i}`, after: { username: `u${i}` } });
            }),
      );
      await Promise.all(writers);
      const rows = await t.prisma.auditEntry.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      assert.equal(rows.length, 24);
      assert.equal(new Set(rows.map((r) => r.prevHash)).size, 24, 'no two entries chain onto the same previous entry');
      const report = await verifyAuditChain({ db: t.prisma });
      assert.equal(report.firstBreak, null);
      assert.deepEqual({ isOk: report.isOk, checked: report.checked, legacy: report.legacy }, { isOk: true, checked: 24, legacy: 0 });
      assert.equal(report.headHash, rows.at(-1)?.hash);
    });

    test('an entry edited in the database is reported at that entry', async () => {
      const ids = await appendMany(5);
      const target = ids[2] as string;
      await t.prisma.$executeRawUnsafe(`UPDATE audit_entry SET "after" = '{"quotaBytes":999}' WHERE id = '${target}'`);
      const report = await verifyAuditChain({ db: t.prisma });
      assert.equal(report.isOk, false);
      assert.equal(report.firstBreak?.entryId, target);
      assert.equal(report.firstBreak?.problem, 'CONTENT_CHANGED');
      assert.equal(report.checked, 2);
    });

    test('an entry deleted from the middle is detected at the entry after it', async () => {
      const ids = await appendMany(5);
      await t.prisma.$executeRawUnsafe(`DELETE FROM audit_entry WHERE id = '${ids[2]}'`);
      const report = await verifyAuditChain({ db: t.prisma, }, { pageSize: 2 });
      assert.equal(report.isOk, false);
      assert.equal(report.firstBreak?.entryId, ids[3]);
      assert.equal(report.firstBreak?.problem, 'PREVIOUS_MISMATCH');
    });

    test('removing the oldest hashed entry, or an entry’s hash, is detected', async () => {
      const ids = await appendMany(3);
      await t.prisma.$executeRawUnsafe(`UPDATE audit_entry SET hash = NULL WHERE id = '${ids[1]}'`);
      let report = await verifyAuditChain({ db: t.prisma });
      assert.deepEqual([report.firstBreak?.entryId, report.firstBreak?.problem], [ids[1], 'HASH_MISSING']);
      await t.prisma.$executeRawUnsafe(`DELETE FROM audit_entry WHERE id IN ('${ids[0]}', '${ids[1]}')`);
      report = await verifyAuditChain({ db: t.prisma });
      assert.deepEqual([report.firstBreak?.entryId, report.firstBreak?.problem], [ids[2], 'PREVIOUS_MISMATCH']);
    });

    test('entries from before the chain are a legacy prefix; verification starts at the first hashed entry', async () => {
      for (let i = 0; i < 3; i++) {
        await t.prisma.auditEntry.create({ data: { actorType: 'CLI', actorName: 'cli', action: 'account.create', targetType: 'account', targetId: `old${i}`, createdAt: new Date(Date.now() - 60_000 + i) } });
      }
      await appendMany(4);
      const report = await verifyAuditChain({ db: t.prisma });
      assert.deepEqual({ isOk: report.isOk, checked: report.checked, legacy: report.legacy }, { isOk: true, checked: 4, legacy: 3 });
    });

    test('an update stores only the fields that changed, and never a secret', async () => {
      const e = await recordAudit(t.prisma, {
        actor: ACTOR,
        action: 'account.update',
        targetType: 'account',
        targetId: 'bob',
        before: { username: 'bob', quotaBytes: 1024, note: 'x', version: 3, updatedAt: 'a', passwordHash: 'h1', totpSecret: 'S1' },
        after: { username: 'bob', quotaBytes: 2048, note: 'x', version: 4, updatedAt: 'b', passwordHash: 'h2', totpSecret: 'S2' },
      });
      assert.deepEqual(e.before, { quotaBytes: 1024 });
      assert.deepEqual(e.after, { quotaBytes: 2048 });
      const created = await recordAudit(t.prisma, {
        actor: ACTOR,
        action: 'webhook.create',
        targetType: 'webhook',
        after: { url: 'https://example.com/h', secret: 's', tokenHash: 't', recoveryCodes: ['r'], nested: { password: 'p', keep: 1 } },
      });
      assert.deepEqual(created.after, { url: 'https://example.com/h', nested: { keep: 1 } });
      const stored = await t.prisma.auditEntry.findMany({});
      assert.doesNotMatch(JSON.stringify(stored), /"h1"|"h2"|S1|S2|"secret"|tokenHash|recoveryCodes|password/);
      assert.equal((await verifyAuditChain({ db: t.prisma })).isOk, true);
    });
  });
}
