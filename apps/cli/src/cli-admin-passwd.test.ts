// ftpadmin admin passwd: an owner locked out of the dashboard gets back in from the shell. The
// policy applies, the new password signs in, the old does not, and the admin's web sessions end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateAdmin, createPasswordHasher, createWebSession, findLiveWebSession } from '@ftp-panel/core';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { ftpadmin } from './testing.ts';

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const TIMES = { idleMs: 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };
const OLD = 'first owner passphrase 4471';
const NEW = 'second owner passphrase 9063';

for (const { provider, skip } of await testProviders()) {
  describe(`ftpadmin admin passwd (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
      const added = await ftpadmin(db, ['admin', 'add', 'boss', '--password-stdin', '--role', 'OWNER'], `${OLD}\n`);
      assert.equal(added.code, 0, added.stderr);
    });
    after(async () => {
      await db?.cleanup();
    });

    test('sets the password from stdin, refuses a weak one, ends the web sessions', async () => {
      const admin = await authenticateAdmin({ db: db.prisma, hasher }, 'boss', OLD, '127.0.0.1');
      assert.ok(admin);
      const session = await createWebSession({ db: db.prisma, times: TIMES }, { kind: 'ADMIN', adminId: admin.id, ip: '127.0.0.1' });

      const weak = await ftpadmin(db, ['admin', 'passwd', 'boss', '--password-stdin'], 'password123\n');
      assert.notEqual(weak.code, 0);
      assert.match(weak.stderr, /password/i);
      assert.ok(await authenticateAdmin({ db: db.prisma, hasher }, 'boss', OLD, '127.0.0.1'), 'a refused password changes nothing');
      assert.ok(await findLiveWebSession({ db: db.prisma, times: TIMES }, session.token));

      const set = await ftpadmin(db, ['admin', 'passwd', 'boss', '--password-stdin'], `${NEW}\n`);
      assert.equal(set.code, 0, set.stderr);
      assert.ok(!set.stdout.includes(NEW), 'the password is not echoed');
      assert.ok(await authenticateAdmin({ db: db.prisma, hasher }, 'boss', NEW, '127.0.0.1'));
      assert.equal(await authenticateAdmin({ db: db.prisma, hasher }, 'boss', OLD, '127.0.0.1'), null);
      assert.equal(await findLiveWebSession({ db: db.prisma, times: TIMES }, session.token), null, 'the web session ended');
      const audit = await db.prisma.auditEntry.findMany({ where: { action: 'admin.password.set', targetId: 'boss' } });
      assert.equal(audit.length, 1);
    });

    test('without --password-stdin prints a generated password once; unknown names are refused', async () => {
      const generated = await ftpadmin(db, ['admin', 'passwd', 'boss']);
      assert.equal(generated.code, 0, generated.stderr);
      const password = /password: (\S+)/.exec(generated.stdout)?.[1];
      assert.ok(password);
      assert.ok(await authenticateAdmin({ db: db.prisma, hasher }, 'boss', password, '127.0.0.1'));
      const unknown = await ftpadmin(db, ['admin', 'passwd', 'nobody', '--password-stdin'], `${NEW}\n`);
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stderr, /No such administrator/);
    });
  });
}
