// The audit trail through the API: an update records only the fields that changed (never a
// secret), GET /audit/verify reports ok or the first broken link, OWNER/ADMIN only.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`audit trail and its verification through the API on ${provider}`, { skip }, () => {
    let t: TestApp;
    let ops: Session;
    let support: Session;
    before(async () => {
      t = await createTestApp(provider);
      await seedAdmin(t, 'ops', 'ADMIN');
      await seedAdmin(t, 'helpdesk', 'SUPPORT');
      ops = await signIn(t.app, 'ops');
      support = await signIn(t.app, 'helpdesk');
    });
    after(() => t?.close());

    test('an account update stores only its changed fields; a password change stores no secret', async () => {
      const created = await as(t.app, ops, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'carol', quotaBytes: 1073741824, note: 'n' } });
      assert.equal(created.statusCode, 201, created.body);
      const patched = await as(t.app, ops, { method: 'PATCH', url: '/api/v1/accounts/carol', payload: { quotaBytes: 2147483648, note: 'n' } });
      assert.equal(patched.statusCode, 200, patched.body);
      const password = await as(t.app, ops, { method: 'POST', url: '/api/v1/accounts/carol/password', payload: { password: 'a-strong-audit-passphrase-77' } });
      assert.equal(password.statusCode, 200, password.body);
      const entries = (await as(t.app, ops, { method: 'GET', url: '/api/v1/audit?target=carol&action=account.update' })).json();
      assert.equal(entries.total, 1);
      assert.deepEqual([entries.items[0].before, entries.items[0].after], [{ quotaBytes: 1073741824 }, { quotaBytes: 2147483648 }]);
      const rows = JSON.stringify(await t.db.prisma.auditEntry.findMany({}));
      assert.ok(!rows.includes('a-strong-audit-passphrase-77'));
      assert.doesNotMatch(rows, /passwordHash|\$argon2/);
    });

    test('verify: ok, then the deleted entry and the edited entry are named; SUPPORT is refused', async () => {
      const ok = await as(t.app, ops, { method: 'GET', url: '/api/v1/audit/verify' });
      assert.equal(ok.statusCode, 200, ok.body);
      const okReport = ok.json();
      assert.equal(okReport.isOk, true);
      assert.equal(okReport.firstBreak, null);
      assert.ok(okReport.checked >= 5, `checked ${okReport.checked}`);
      assert.match(okReport.headHash, /^[0-9a-f]{64}$/);

      const chain = await t.db.prisma.auditEntry.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      const middle = chain[2];
      const next = chain[3];
      assert.ok(middle && next);
      await t.db.prisma.$executeRawUnsafe(`DELETE FROM audit_entry WHERE id = '${middle.id}'`);
      const deleted = (await as(t.app, ops, { method: 'GET', url: '/api/v1/audit/verify' })).json();
      assert.equal(deleted.isOk, false);
      assert.equal(deleted.firstBreak.entryId, next.id);
      assert.equal(deleted.firstBreak.problem, 'PREVIOUS_MISMATCH');
      assert.equal(deleted.firstBreak.createdAt, next.createdAt.toISOString());

      const first = chain[0];
      assert.ok(first);
      await t.db.prisma.$executeRawUnsafe(`UPDATE audit_entry SET ip = '203.0.113.66' WHERE id = '${first.id}'`);
      const edited = (await as(t.app, ops, { method: 'GET', url: '/api/v1/audit/verify' })).json();
      assert.deepEqual([edited.firstBreak.entryId, edited.firstBreak.problem, edited.checked], [first.id, 'CONTENT_CHANGED', 0]);

      const refused = await as(t.app, support, { method: 'GET', url: '/api/v1/audit/verify' });
      assert.equal(refused.statusCode, 403);
    });
  });
}
