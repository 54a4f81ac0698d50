// Repositories against real databases: SQLite always, PostgreSQL when reachable (required in CI).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testProviders, type TestDb } from '../testing.ts';
import {
  addAccountUsage,
  createAccount,
  deleteAccount,
  findAccountByUsername,
  findAccountCredentials,
  listAccounts,
  updateAccount,
} from './accounts.ts';
import { getServerSettings, updateServerSettings } from './settings.ts';
import { createApiToken, findApiTokenByHash, revokeApiToken } from './tokens.ts';
import { appendChange, lastChangeId, readChangesAfter } from './changes.ts';
import { consumeSetupToken, createSetupToken } from './setup.ts';
import { countAdmins, createAdmin, findAdminCredentials } from './admins.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`repositories on ${provider}`, { skip }, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(provider);
    });
    after(async () => {
      await t?.cleanup();
    });

    test('accounts: create, read back domain values, credentials only on request', async () => {
      const a = await createAccount(t.prisma, {
        username: 'alice',
        passwordHash: '$argon2id$fake',
        homeDir: 'alice',
        quotaBytes: 5 * 1024 ** 4, // 5 TiB: beyond 32-bit
        allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'],
        permissions: ['list', 'read'],
      });
      assert.equal(a.quotaBytes, 5 * 1024 ** 4);
      assert.deepEqual(a.allowedCidrs, ['10.0.0.0/8', '2001:db8::/32']);
      assert.deepEqual(a.permissions, ['list', 'read']);
      assert.equal('passwordHash' in a, false);
      const creds = await findAccountCredentials(t.prisma, 'alice');
      assert.equal(creds?.passwordHash, '$argon2id$fake');
    });

    test('accounts: optimistic update refuses a stale version', async () => {
      const a = (await findAccountByUsername(t.prisma, 'alice'))!;
      const updated = await updateAccount(t.prisma, 'alice', { note: 'first' }, a.version);
      assert.equal(updated?.version, a.version + 1);
      assert.equal(await updateAccount(t.prisma, 'alice', { note: 'second' }, a.version), null);
      assert.equal((await findAccountByUsername(t.prisma, 'alice'))?.note, 'first');
    });

    test('accounts: concurrent usage deltas all land; over-quota filter', async () => {
      const b = await createAccount(t.prisma, { username: 'bob', passwordHash: 'x', homeDir: 'bob', quotaBytes: 1000, quotaFiles: 0 });
      await Promise.all(Array.from({ length: 20 }, () => addAccountUsage(t.prisma, b.id, 50, 1)));
      const after = (await findAccountByUsername(t.prisma, 'bob'))!;
      assert.equal(after.usedBytes, 1000);
      assert.equal(after.usedFiles, 20);
      // A removal larger than what is recorded stops at zero: negative usage would read as extra quota.
      await addAccountUsage(t.prisma, b.id, -5000, -50);
      const floored = (await findAccountByUsername(t.prisma, 'bob'))!;
      assert.equal(floored.usedBytes, 0);
      assert.equal(floored.usedFiles, 0);
      await addAccountUsage(t.prisma, b.id, 1000, 20);
      const over = await listAccounts(t.prisma, { isOverQuota: true });
      assert.deepEqual(over.items.map((x) => x.username), ['bob']);
      const page = await listAccounts(t.prisma, { search: 'ali', limit: 1 });
      assert.equal(page.total, 1);
      assert.equal(page.items[0]?.username, 'alice');
    });

    test('accounts: delete', async () => {
      assert.equal((await deleteAccount(t.prisma, 'bob'))?.username, 'bob');
      assert.equal(await deleteAccount(t.prisma, 'bob'), null);
    });

    test('settings: one row, seeded once, versioned updates', async () => {
      const s = await getServerSettings(t.prisma, { pasvPortMin: 40000, pasvPortMax: 40010 });
      assert.equal(s.pasvPortMin, 40000);
      const again = await getServerSettings(t.prisma, { pasvPortMin: 1 });
      assert.equal(again.pasvPortMin, 40000, 'the seed only applies to the first read');
      const u = await updateServerSettings(t.prisma, { banner: 'hi', pasvOverrides: [{ cidr: '10.0.0.0/8', host: '10.0.0.5' }] }, s.version);
      assert.equal(u?.banner, 'hi');
      assert.deepEqual(u?.pasvOverrides, [{ cidr: '10.0.0.0/8', host: '10.0.0.5' }]);
      assert.equal(await updateServerSettings(t.prisma, { banner: 'x' }, s.version), null);
    });

    test('tokens: found by hash, revoked once', async () => {
      const tok = await createApiToken(t.prisma, { name: 'billing', tokenHash: 'h1', prefix: 'ftpp_ab', scopes: ['accounts:read'] });
      assert.deepEqual((await findApiTokenByHash(t.prisma, 'h1'))?.scopes, ['accounts:read']);
      assert.equal(await revokeApiToken(t.prisma, tok.id), true);
      assert.equal(await revokeApiToken(t.prisma, tok.id), false);
    });

    test('change feed: ordered, read after an id', async () => {
      const start = await lastChangeId(t.prisma);
      await appendChange(t.prisma, 'account', 'alice', { reason: 'password' });
      await appendChange(t.prisma, 'settings');
      const changes = await readChangesAfter(t.prisma, start);
      assert.deepEqual(changes.map((c) => c.topic), ['account', 'settings']);
      assert.equal(changes[0]?.payload, '{"reason":"password"}');
    });

    test('setup tokens are single use and expire', async () => {
      await createSetupToken(t.prisma, 'tok', new Date(Date.now() + 60_000));
      await createSetupToken(t.prisma, 'old', new Date(Date.now() - 1));
      assert.equal(await consumeSetupToken(t.prisma, 'tok'), true);
      assert.equal(await consumeSetupToken(t.prisma, 'tok'), false);
      assert.equal(await consumeSetupToken(t.prisma, 'old'), false);
    });

    test('admins: hash kept apart', async () => {
      const admin = await createAdmin(t.prisma, { username: 'root', passwordHash: 'h', role: 'OWNER' });
      assert.equal('passwordHash' in admin, false);
      assert.equal(await countAdmins(t.prisma), 1);
      assert.equal((await findAdminCredentials(t.prisma, 'root'))?.passwordHash, 'h');
    });
  });
}
