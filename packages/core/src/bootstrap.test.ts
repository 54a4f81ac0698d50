import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '@ftp-panel/db/testing';
import { countAdmins, findAdminByUsername } from '@ftp-panel/db';
import { completeSetup, ensureFirstAdmin, SetupError } from './bootstrap.ts';
import { createPasswordHasher } from './passwords.ts';

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const config = { publicUrl: 'http://panel.test', adminUsername: null, adminPassword: null };

describe('first admin', () => {
  let t: TestDb;
  before(async () => (t = await createTestDb('sqlite')));
  after(async () => t.cleanup());

  test('without ADMIN_* a one-time setup link is issued and works once', async () => {
    const outcome = await ensureFirstAdmin(t.prisma, config, hasher);
    assert.equal(outcome.kind, 'setup-link');
    const token = new URL((outcome as { url: string }).url).searchParams.get('token')!;
    await assert.rejects(completeSetup(t.prisma, hasher, { token: 'forged', username: 'owner', password: 'long-enough-pw' }), SetupError);
    await assert.rejects(completeSetup(t.prisma, hasher, { token, username: 'owner', password: 'short' }), (e: SetupError) => e.field === 'password');
    const admin = await completeSetup(t.prisma, hasher, { token, username: 'owner', password: 'long-enough-pw' });
    assert.equal(admin.role, 'OWNER');
    await assert.rejects(completeSetup(t.prisma, hasher, { token, username: 'other', password: 'long-enough-pw' }), SetupError);
    assert.equal(await countAdmins(t.prisma), 1);
    assert.equal((await ensureFirstAdmin(t.prisma, config, hasher)).kind, 'exists');
  });
});

describe('first admin from the environment', () => {
  let t: TestDb;
  before(async () => (t = await createTestDb('sqlite')));
  after(async () => t.cleanup());

  test('ADMIN_USERNAME and ADMIN_PASSWORD create the owner', async () => {
    const outcome = await ensureFirstAdmin(t.prisma, { ...config, adminUsername: 'boss', adminPassword: 'a-long-password' }, hasher);
    assert.equal(outcome.kind, 'created');
    assert.equal((await findAdminByUsername(t.prisma, 'boss'))?.role, 'OWNER');
  });
});
