import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { createAccount as insertAccountRow, findAccountCredentials, listAuditEntries, readChangesAfter, lastChangeId } from '@ftp-panel/db';
import { DomainError } from '../errors.ts';
import { createPasswordHasher } from '../passwords.ts';
import type { ServiceContext } from './context.ts';
import {
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  rescanAccountUsage,
  setAccountPassword,
  updateAccount,
  upsertAccount,
} from './service.ts';

// Cheap argon2 parameters: the tests check behaviour, not hashing cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

async function rejectsWith(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, `expected DomainError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (field) assert.ok(error.details.some((d) => d.field === field), `expected field ${field} in ${JSON.stringify(error.details)}`);
    return true;
  });
}

for (const { provider, skip } of await testProviders()) {
  describe(`account service (${provider})`, { skip }, () => {
    let db: TestDb;
    let homesDir: string;
    let ctx: ServiceContext;

    before(async () => {
      db = await createTestDb(provider);
      homesDir = await mkdtemp(path.join(tmpdir(), 'ftp-panel-homes-'));
      ctx = { db: db.prisma, hasher, homesDir, actor: { type: 'CLI', name: 'tester' } };
    });
    after(async () => {
      await db?.cleanup();
      if (homesDir) await rm(homesDir, { recursive: true, force: true });
    });

    test('create: generated password, hashed with argon2id, home created, change event and audit without secrets', async () => {
      const changeBefore = await lastChangeId(db.prisma);
      const { account, generatedPassword } = await createAccount(ctx, {
        username: 'alice',
        email: 'alice@example.com',
        quotaBytes: 1024 * 1024,
        allowedCidrs: ['10.0.0.0/8', '2001:db8::1'],
        permissions: ['read', 'list'],
      });
      assert.ok(generatedPassword && generatedPassword.length >= 20);
      assert.equal(account.homeDir, 'alice');
      assert.deepEqual(account.allowedCidrs, ['10.0.0.0/8', '2001:db8::1/128']);
      assert.deepEqual(account.permissions, ['list', 'read']);
      assert.ok((await stat(path.join(homesDir, 'alice'))).isDirectory());
      const creds = await findAccountCredentials(db.prisma, 'alice');
      assert.ok(creds && creds.passwordHash.startsWith('$argon2id$'));
      assert.ok(await hasher.verify(creds.passwordHash, generatedPassword));
      const changes = await readChangesAfter(db.prisma, changeBefore);
      assert.deepEqual(changes.map((c) => [c.topic, c.key]), [['account', 'alice']]);
      const audit = await listAuditEntries(db.prisma, { target: 'alice' });
      assert.equal(audit.items[0]?.action, 'account.create');
      assert.equal(audit.items[0]?.actorType, 'CLI');
      const text = JSON.stringify(audit.items);
      assert.ok(!text.includes(generatedPassword) && !text.includes('argon2'));
    });

    test('create with a given password returns no generated one', async () => {
      const result = await createAccount(ctx, { username: 'bob', password: 'correct horse battery', homeDir: 'clients/bob' });
      assert.equal(result.generatedPassword, undefined);
      assert.equal(result.account.homeDir, 'clients/bob');
    });

    test('create validation names the fields; nothing is written', async () => {
      const before = await listAccounts(ctx);
      await rejectsWith(createAccount(ctx, { username: '../evil' }), 'VALIDATION_FAILED', 'username');
      await rejectsWith(createAccount(ctx, { username: 'alice' }), 'USERNAME_TAKEN', 'username');
      await rejectsWith(createAccount(ctx, { username: 'carol', quotaBytes: -1 }), 'VALIDATION_FAILED', 'quotaBytes');
      await rejectsWith(createAccount(ctx, { username: 'carol', maxSessions: 1.5 }), 'VALIDATION_FAILED', 'maxSessions');
      await rejectsWith(createAccount(ctx, { username: 'carol', allowedCidrs: ['10.0.0.0/33'] }), 'INVALID_CIDR', 'allowedCidrs');
      await rejectsWith(createAccount(ctx, { username: 'carol', deniedCidrs: ['not-an-ip'] }), 'INVALID_CIDR', 'deniedCidrs');
      await rejectsWith(createAccount(ctx, { username: 'carol', permissions: ['read', 'chmod'] }), 'VALIDATION_FAILED', 'permissions');
      await rejectsWith(createAccount(ctx, { username: 'carol', email: 'nope' }), 'VALIDATION_FAILED', 'email');
      await rejectsWith(createAccount(ctx, { username: 'carol', password: 'short' }), 'VALIDATION_FAILED', 'password');
      await rejectsWith(createAccount(ctx, { username: 'carol', homeDir: '../outside' }), 'HOME_OUTSIDE_ROOT', 'homeDir');
      await rejectsWith(createAccount(ctx, { username: 'carol', homeDir: '/etc' }), 'HOME_OUTSIDE_ROOT', 'homeDir');
      assert.deepEqual(await listAccounts(ctx), before);
    });

    test('update: limits, disable, version conflict, quota below usage', async () => {
      const alice = await getAccount(ctx, 'alice');
      const updated = await updateAccount(ctx, 'alice', { uploadKiBps: 512, status: 'DISABLED', deniedCidrs: ['192.0.2.7'] }, { expectedVersion: alice.version });
      assert.equal(updated.uploadKiBps, 512);
      assert.equal(updated.status, 'DISABLED');
      assert.deepEqual(updated.deniedCidrs, ['192.0.2.7/32']);
      assert.equal(updated.version, alice.version + 1);
      await rejectsWith(updateAccount(ctx, 'alice', { note: 'x' }, { expectedVersion: alice.version }), 'VERSION_CONFLICT');
      await rejectsWith(updateAccount(ctx, 'nobody', { note: 'x' }), 'ACCOUNT_NOT_FOUND');

      await writeFile(path.join(homesDir, 'alice', 'a.bin'), Buffer.alloc(3000));
      await writeFile(path.join(homesDir, 'alice', 'b.bin'), Buffer.alloc(1000));
      await rescanAccountUsage(ctx, 'alice');
      await rejectsWith(updateAccount(ctx, 'alice', { quotaBytes: 3999 }), 'QUOTA_BELOW_USAGE', 'quotaBytes');
      await rejectsWith(updateAccount(ctx, 'alice', { quotaFiles: 1 }), 'QUOTA_BELOW_USAGE', 'quotaFiles');
      assert.equal((await updateAccount(ctx, 'alice', { quotaBytes: 0, quotaFiles: 2 })).quotaBytes, 0);
      const audit = await listAuditEntries(db.prisma, { target: 'alice', action: 'account.update' });
      const last = audit.items[0];
      assert.ok(last && last.before && last.after);
    });

    test('TLS session reuse: null follows the server, true or false overrides it, anything else is refused', async () => {
      const { account } = await createAccount(ctx, { username: 'reuse', password: 'a-long-enough-password' });
      assert.equal(account.isTlsSessionReuseRequired, null);
      const relaxed = await updateAccount(ctx, 'reuse', { isTlsSessionReuseRequired: false });
      assert.equal(relaxed.isTlsSessionReuseRequired, false);
      assert.equal((await getAccount(ctx, 'reuse')).isTlsSessionReuseRequired, false);
      assert.equal((await listAccounts(ctx, { search: 'reuse' })).items[0]?.isTlsSessionReuseRequired, false);
      assert.equal((await updateAccount(ctx, 'reuse', { isTlsSessionReuseRequired: true })).isTlsSessionReuseRequired, true);
      assert.equal((await listAccounts(ctx, { search: 'reuse' })).items[0]?.isTlsSessionReuseRequired, true);
      assert.equal((await updateAccount(ctx, 'reuse', { isTlsSessionReuseRequired: null })).isTlsSessionReuseRequired, null);
      assert.equal((await listAccounts(ctx, { search: 'reuse' })).items[0]?.isTlsSessionReuseRequired, null);
      // Untouched by an update that does not mention it.
      await updateAccount(ctx, 'reuse', { isTlsSessionReuseRequired: false });
      assert.equal((await updateAccount(ctx, 'reuse', { note: 'x' })).isTlsSessionReuseRequired, false);
      await rejectsWith(updateAccount(ctx, 'reuse', { isTlsSessionReuseRequired: 'yes' as unknown as boolean }), 'VALIDATION_FAILED', 'isTlsSessionReuseRequired');
      const created = await createAccount(ctx, { username: 'reuse2', password: 'a-long-enough-password', isTlsSessionReuseRequired: false });
      assert.equal(created.account.isTlsSessionReuseRequired, false);
    });

    test('rescan counts regular files only: no symlinks, no temporary upload files', async () => {
      const home = path.join(homesDir, 'clients/bob');
      await mkdir(path.join(home, 'sub/deeper'), { recursive: true });
      await writeFile(path.join(home, 'one.txt'), 'hello');
      await writeFile(path.join(home, 'sub/deeper/two.txt'), '12345678');
      await writeFile(path.join(home, 'sub/.ftp-upload-abc123.part'), Buffer.alloc(5000));
      const outside = path.join(homesDir, '..', `outside-${process.pid}-${provider}.bin`);
      await writeFile(outside, Buffer.alloc(10_000));
      await symlink(outside, path.join(home, 'link.bin'));
      try {
        const account = await rescanAccountUsage(ctx, 'bob');
        assert.equal(account.usedBytes, 13);
        assert.equal(account.usedFiles, 2);
      } finally {
        await rm(outside, { force: true });
      }
    });

    test('password change: new hash, change event with reason, old password refused', async () => {
      const changeBefore = await lastChangeId(db.prisma);
      const { generatedPassword } = await setAccountPassword(ctx, 'bob', 'another long password');
      assert.equal(generatedPassword, undefined);
      const creds = await findAccountCredentials(db.prisma, 'bob');
      assert.ok(creds && (await hasher.verify(creds.passwordHash, 'another long password')));
      assert.equal(await hasher.verify(creds.passwordHash, 'correct horse battery'), false);
      const [change] = await readChangesAfter(db.prisma, changeBefore);
      assert.deepEqual(JSON.parse(change?.payload ?? 'null'), { reason: 'password' });
      const generated = await setAccountPassword(ctx, 'bob');
      assert.ok(generated.generatedPassword);
      await rejectsWith(setAccountPassword(ctx, 'bob', 'short'), 'VALIDATION_FAILED', 'password');
      await rejectsWith(setAccountPassword(ctx, 'nobody', 'long enough password'), 'ACCOUNT_NOT_FOUND');
    });

    test('upsert creates then updates idempotently', async () => {
      const first = await upsertAccount(ctx, 'dave', { password: 'dave password 123', quotaFiles: 10 });
      assert.equal(first.isCreated, true);
      const second = await upsertAccount(ctx, 'dave', { quotaFiles: 20 });
      assert.equal(second.isCreated, false);
      assert.equal(second.account.quotaFiles, 20);
      assert.equal(second.generatedPassword, undefined);
    });

    test('a home may not be, lie inside or contain another account\'s home; the error names the account', async () => {
      await createAccount(ctx, { username: 'nest', password: 'nest password 123', homeDir: 'nest/a' });
      const refused: [string, string, RegExp][] = [
        ['nest2', 'nest/a', /is already the home of account "nest"/],
        ['nest2', 'nest/a/b', /is inside the home of account "nest" \(nest\/a\)/],
        ['nest2', './nest/a/../a/b/', /is inside the home of account "nest"/],
        ['nest2', 'nest', /contains the home of account "nest" \(nest\/a\)/],
      ];
      for (const [username, homeDir, message] of refused) {
        await assert.rejects(createAccount(ctx, { username, password: 'nest password 123', homeDir }), (error: unknown) => {
          assert.ok(error instanceof DomainError);
          assert.equal(error.code, 'HOME_OVERLAP');
          assert.equal(error.status, 409);
          assert.deepEqual(error.details.map((d) => d.field), ['homeDir']);
          assert.match(error.message, message);
          return true;
        }, homeDir);
      }
      assert.equal((await listAccounts(ctx, { search: 'nest2' })).total, 0);
      await assert.rejects(stat(path.join(homesDir, 'nest/a/b')), { code: 'ENOENT' });
      // Neighbours whose names only share a prefix do not nest.
      await createAccount(ctx, { username: 'nest2', password: 'nest password 123', homeDir: 'nest/ab' });
      await createAccount(ctx, { username: 'nest3', password: 'nest password 123', homeDir: 'nes' });
      // A home change is checked the same way, against every other account; keeping one's own home is fine.
      await rejectsWith(updateAccount(ctx, 'nest2', { homeDir: 'nest/a/deeper' }), 'HOME_OVERLAP', 'homeDir');
      await rejectsWith(updateAccount(ctx, 'nest3', { homeDir: 'nest' }), 'HOME_OVERLAP', 'homeDir');
      await rejectsWith(upsertAccount(ctx, 'nest4', { homeDir: 'nest/a/x' }), 'HOME_OVERLAP', 'homeDir');
      assert.equal((await updateAccount(ctx, 'nest', { homeDir: 'nest/a', note: 'same home' })).note, 'same home');
      assert.equal((await updateAccount(ctx, 'nest', { homeDir: 'nest/a/inner' })).homeDir, 'nest/a/inner');
      assert.equal((await getAccount(ctx, 'nest2')).homeDir, 'nest/ab');
    });

    test('accounts nested before the rule still load, list and update (no migration)', async () => {
      await insertAccountRow(db.prisma, { username: 'old1', passwordHash: 'x', homeDir: 'old' });
      await insertAccountRow(db.prisma, { username: 'old2', passwordHash: 'x', homeDir: 'old/inner' });
      assert.equal((await listAccounts(ctx, { search: 'old' })).total, 2);
      assert.equal((await updateAccount(ctx, 'old2', { note: 'still works', homeDir: 'old/inner' })).note, 'still works');
      assert.equal((await updateAccount(ctx, 'old1', { quotaFiles: 5 })).quotaFiles, 5);
      await rejectsWith(updateAccount(ctx, 'old2', { homeDir: 'old/other' }), 'HOME_OVERLAP', 'homeDir');
      assert.equal((await updateAccount(ctx, 'old2', { homeDir: 'old-inner' })).homeDir, 'old-inner');
    });

    test('delete keeps the home unless asked; shared homes are never deleted', async () => {
      await createAccount(ctx, { username: 'erin', password: 'erin password 123' });
      // Nested homes are refused today; this pair predates the rule, so it is written directly.
      await insertAccountRow(db.prisma, { username: 'erin2', passwordHash: 'x', homeDir: 'erin/sub' });
      await mkdir(path.join(homesDir, 'erin/sub'), { recursive: true });
      await rejectsWith(deleteAccount(ctx, 'erin', { deleteHome: true }), 'VALIDATION_FAILED', 'deleteHome');
      await deleteAccount(ctx, 'erin2');
      assert.ok((await stat(path.join(homesDir, 'erin/sub'))).isDirectory());
      await deleteAccount(ctx, 'erin', { deleteHome: true });
      await assert.rejects(stat(path.join(homesDir, 'erin')), { code: 'ENOENT' });
      await rejectsWith(deleteAccount(ctx, 'erin'), 'ACCOUNT_NOT_FOUND');
      const audit = await listAuditEntries(db.prisma, { action: 'account.delete' });
      assert.equal(audit.total, 2);
    });
  });
}
