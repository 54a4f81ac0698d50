// One password policy and one owner rule for every way in: setup, admins, FTP accounts; the last
// active OWNER survives two concurrent demotions (SQLite and PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureFirstAdmin } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, TEST_HASHER, type Session, type TestApp } from '../test-support.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`password policy and the last owner (${provider})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(provider);
    });
    after(() => t?.close());

    test('setup refuses a weak owner password (400 naming password), then accepts a strong one', async () => {
      const first = await ensureFirstAdmin(t.db.prisma, { adminUsername: null, adminPassword: null, publicUrl: t.config.publicUrl }, TEST_HASHER);
      const token = new URL(first.kind === 'setup-link' ? first.url : 'http://x/').searchParams.get('token') as string;
      const weak = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'owner', password: 'password123' } });
      assert.equal(weak.statusCode, 400, weak.body);
      assert.equal(errorOf(weak).details[0]?.field, 'password');
      assert.match(errorOf(weak).message, /commonly used password/);
      const strong = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'owner', password: 'lantern quartz meadow 93 oboe' } });
      assert.equal(strong.statusCode, 201, strong.body);
    });

    let owners: Session[];
    test('admins and FTP accounts created through the API with a weak password are refused', async () => {
      await seedAdmin(t, 'owner-a', 'OWNER');
      await seedAdmin(t, 'owner-b', 'OWNER');
      owners = [await signIn(t.app, 'owner-a'), await signIn(t.app, 'owner-b')];
      const admin = await as(t.app, owners[0] as Session, { method: 'POST', url: '/api/v1/admins', payload: { username: 'helper', password: 'password123', role: 'ADMIN' } });
      assert.equal(admin.statusCode, 400, admin.body);
      assert.deepEqual([errorOf(admin).code, errorOf(admin).details[0]?.field], ['WEAK_PASSWORD', 'password']);
      const account = await as(t.app, owners[0] as Session, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'weakling', password: 'password123' } });
      assert.equal(account.statusCode, 400, account.body);
      assert.equal(errorOf(account).details.find((d) => d.field === 'password')?.message.includes('commonly used password'), true, account.body);
      const named = await as(t.app, owners[0] as Session, { method: 'PUT', url: '/api/v1/accounts/weakling', payload: { password: 'weakling2024' } });
      assert.equal(named.statusCode, 400, named.body);
      assert.equal(errorOf(named).details[0]?.field, 'password');
    });

    test('two owners demoting each other at once: exactly one succeeds, one OWNER remains', async () => {
      const listed = (await as(t.app, owners[0] as Session, { method: 'GET', url: '/api/v1/admins' })).json() as { id: string; username: string }[];
      const idOf = (name: string) => listed.find((a) => a.username === name)?.id as string;
      // owner (from setup) steps down first, so owner-a and owner-b are the last two owners.
      const setupOwner = await as(t.app, owners[0] as Session, { method: 'PATCH', url: `/api/v1/admins/${idOf('owner')}`, payload: { role: 'ADMIN' } });
      assert.equal(setupOwner.statusCode, 200, setupOwner.body);
      const [a, b] = await Promise.all([
        as(t.app, owners[0] as Session, { method: 'PATCH', url: `/api/v1/admins/${idOf('owner-b')}`, payload: { role: 'ADMIN' } }),
        as(t.app, owners[1] as Session, { method: 'PATCH', url: `/api/v1/admins/${idOf('owner-a')}`, payload: { role: 'ADMIN' } }),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 400], `${a.body} / ${b.body}`);
      const refused = a.statusCode === 400 ? a : b;
      assert.equal(errorOf(refused).details[0]?.field, 'role');
      assert.match(errorOf(refused).message, /last active owner/);
      const after = (await t.db.prisma.admin.findMany({ where: { role: 'OWNER', status: 'ACTIVE' } })).map((x) => x.username);
      assert.equal(after.length, 1);
    });
  });
}
