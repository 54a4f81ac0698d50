import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { listAdmins as queryAdmins } from '@ftp-panel/db';
import { DomainError } from '../errors.ts';
import { createPasswordHasher } from '../passwords.ts';
import { createAdmin, deleteAdmin, updateAdmin } from './service.ts';

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const STRONG = 'violet harbour tractor 47 sings';

async function activeOwners(t: TestDb): Promise<string[]> {
  return (await queryAdmins(t.prisma)).filter((a) => a.role === 'OWNER' && a.status === 'ACTIVE').map((a) => a.username);
}

function isLastOwnerError(error: unknown): boolean {
  return error instanceof DomainError && error.status === 400 && /last active owner/.test(error.message);
}

for (const { provider, skip } of await testProviders()) {
  describe(`admin use cases (${provider})`, { skip }, () => {
    let t: TestDb;
    let ids: [string, string];
    before(async () => (t = await createTestDb(provider)));
    after(async () => t?.cleanup());
    beforeEach(async () => {
      await t.prisma.webSession.deleteMany();
      await t.prisma.admin.deleteMany();
      const ctx = { db: t.prisma, hasher };
      const a = await createAdmin(ctx, { username: 'owner-a', password: STRONG, role: 'OWNER' });
      const b = await createAdmin(ctx, { username: 'owner-b', password: STRONG, role: 'OWNER' });
      ids = [a.admin.id, b.admin.id];
    });

    const rounds = 5;
    const race = async (change: (id: string) => Promise<unknown>) => {
      const results = await Promise.allSettled(ids.map((id) => change(id)));
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1, `exactly one of two concurrent changes succeeds: ${JSON.stringify(results.map((r) => r.status))}`);
      const reason = (refused[0] as PromiseRejectedResult).reason;
      assert.ok(isLastOwnerError(reason), `a clear last-owner refusal, got ${String(reason)}`);
      assert.equal((await activeOwners(t)).length, 1, 'one active OWNER remains');
    };

    test('two concurrent demotions of the last two owners: exactly one succeeds', async () => {
      for (let i = 0; i < rounds; i++) {
        if (i > 0) await updateAdmin({ db: t.prisma, hasher }, ids[0], { role: 'OWNER' }).then(() => updateAdmin({ db: t.prisma, hasher }, ids[1], { role: 'OWNER' }));
        await race((id) => updateAdmin({ db: t.prisma, hasher }, id, { role: 'ADMIN' }));
      }
    });

    test('two concurrent disables, and two concurrent deletes, keep one active owner', async () => {
      await race((id) => updateAdmin({ db: t.prisma, hasher }, id, { status: 'DISABLED' }));
      await t.prisma.admin.updateMany({ data: { status: 'ACTIVE' } });
      await race((id) => deleteAdmin({ db: t.prisma, hasher }, id));
    });

    test('the last owner is refused alone too; demoting one of two owners works', async () => {
      await updateAdmin({ db: t.prisma, hasher }, ids[0], { role: 'SUPPORT' });
      await assert.rejects(updateAdmin({ db: t.prisma, hasher }, ids[1], { status: 'DISABLED' }), (e: DomainError) => e.details[0]?.field === 'status');
      await assert.rejects(deleteAdmin({ db: t.prisma, hasher }, ids[1]), (e: DomainError) => e.details[0]?.field === 'id');
      assert.deepEqual(await activeOwners(t), ['owner-b']);
    });

    test('a weak password is refused with the reason in words; a generated one passes', async () => {
      await assert.rejects(createAdmin({ db: t.prisma, hasher }, { username: 'weak', password: 'password123' }), (e: DomainError) => {
        assert.equal(e.code, 'WEAK_PASSWORD');
        assert.equal(e.details[0]?.field, 'password');
        assert.match(e.message, /commonly used password/);
        return true;
      });
      const made = await createAdmin({ db: t.prisma, hasher }, { username: 'generated' });
      assert.ok(made.generatedPassword && made.generatedPassword.length >= 20);
    });
  });
}
