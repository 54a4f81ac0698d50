import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '@ftp-panel/db/testing';
import { countAdmins, findAdminByUsername } from '@ftp-panel/db';
import { completeSetup, ensureFirstAdmin, SetupError } from './bootstrap.ts';
import type { DomainError } from './errors.ts';
import { ConfigError } from './config.ts';
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
    await assert.rejects(completeSetup(t.prisma, hasher, { token, username: 'owner', password: 'short' }), (e: DomainError) => e.details[0]?.field === 'password');
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

  test('a weak ADMIN_PASSWORD stops the start with a message naming it; nothing is created', async () => {
    await assert.rejects(ensureFirstAdmin(t.prisma, { ...config, adminUsername: 'boss', adminPassword: 'password123' }, hasher), (e: Error) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /^ADMIN_PASSWORD: too weak\. This is a commonly used password\./);
      return true;
    });
    assert.equal(await countAdmins(t.prisma), 0);
  });

  test('ADMIN_USERNAME and ADMIN_PASSWORD create the owner', async () => {
    const outcome = await ensureFirstAdmin(t.prisma, { ...config, adminUsername: 'boss', adminPassword: 'a-long-password' }, hasher);
    assert.equal(outcome.kind, 'created');
    assert.equal((await findAdminByUsername(t.prisma, 'boss'))?.role, 'OWNER');
  });
});
