// ftpadmin admin reset-2fa: the lockout exit, through the real ftpadmin process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAdmin, listAuditEntries } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { ftpadmin } from './testing.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`ftpadmin admin reset-2fa (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => (db = await createTestDb(provider)));
    after(async () => db?.cleanup());

    test('turns two-factor off for the named admin, audited; unknown names fail', async () => {
      const admin = await createAdmin(db.prisma, { username: 'locked-out', role: 'OWNER', passwordHash: 'x' });
      await db.prisma.admin.update({ where: { id: admin.id }, data: { totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date(), totpLastStep: 1, recoveryCodes: '["a"]' } });
      const r = await ftpadmin(db, ['admin', 'reset-2fa', 'locked-out']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Two-factor sign-in of locked-out is off/);
      const row = await db.prisma.admin.findUniqueOrThrow({ where: { id: admin.id } });
      assert.deepEqual([row.totpSecret, row.totpEnabledAt, row.totpLastStep, row.recoveryCodes], [null, null, null, '[]']);
      const { items } = await listAuditEntries(db.prisma, { action: 'two-factor.reset' });
      assert.equal(items[0]?.targetId, 'locked-out');
      assert.equal(items[0]?.actorType, 'CLI');
      const unknown = await ftpadmin(db, ['admin', 'reset-2fa', 'nobody']);
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stderr, /No such admin/);
    });
  });
}
