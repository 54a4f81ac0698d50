// End to end: the real ftpadmin process on a real database (SQLite and PostgreSQL).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPasswordHasher } from '@ftp-panel/core';
import { findAccountByUsername, findAccountCredentials, listAuditEntries } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { ftpadmin, homesDirOf, lastLine } from './testing.ts';

const hasher = createPasswordHasher();
const ACCOUNT_KEYS = [
  'id', 'username', 'email', 'status', 'expiresAt', 'homeDir', 'quotaBytes', 'quotaFiles', 'usedBytes', 'usedFiles',
  'uploadKiBps', 'downloadKiBps', 'maxSessions', 'allowedCidrs', 'deniedCidrs', 'permissions', 'requireTls', 'isTlsSessionReuseRequired', 'note',
  'version', 'lastLoginAt', 'createdAt', 'updatedAt',
].sort();

for (const { provider, skip } of await testProviders()) {
  describe(`ftpadmin account (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(async () => {
      await db?.cleanup();
    });

    test('add without --password-stdin prints a generated password once, and it works', async () => {
      const r = await ftpadmin(db, ['account', 'add', 'alice', '--quota-mb', '100', '--upload-kbps', '256', '--allow', '10.0.0.0/8,2001:db8::/32', '--email', 'alice@example.com']);
      assert.equal(r.code, 0, r.stderr);
      const match = /^password: (\S+)$/.exec(lastLine(r.stdout));
      assert.ok(match, r.stdout);
      const password = match[1] as string;
      assert.equal(r.stdout.split(password).length, 2, 'printed exactly once');
      assert.ok(!r.stderr.includes(password));
      const creds = await findAccountCredentials(db.prisma, 'alice');
      assert.ok(creds && (await hasher.verify(creds.passwordHash, password)));
      assert.equal(creds.account.quotaBytes, 100 * 1024 * 1024);
      assert.deepEqual(creds.account.allowedCidrs, ['10.0.0.0/8', '2001:db8::/32']);
      assert.ok((await stat(path.join(homesDirOf(db), 'alice'))).isDirectory());
      const audit = await listAuditEntries(db.prisma, { target: 'alice' });
      assert.equal(audit.items[0]?.actorType, 'CLI');
    });

    test('add --password-stdin uses stdin minus one trailing newline; nothing printed as password', async () => {
      const r = await ftpadmin(db, ['account', 'add', 'bob', '--password-stdin', '--home', 'clients/bob', '--permissions', 'list,read', '--expires', '2031-06-30', '--note', 'read only'], 'bob secret password \n');
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes('password:'));
      const creds = await findAccountCredentials(db.prisma, 'bob');
      assert.ok(creds && (await hasher.verify(creds.passwordHash, 'bob secret password ')));
      assert.equal(creds.account.homeDir, 'clients/bob');
      assert.deepEqual(creds.account.permissions, ['list', 'read']);
      assert.equal(creds.account.expiresAt?.toISOString(), '2031-06-30T00:00:00.000Z');
    });

    test('show --json prints the API Account shape', async () => {
      const r = await ftpadmin(db, ['account', 'show', 'alice', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const account = JSON.parse(r.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(account).sort(), ACCOUNT_KEYS);
      assert.equal(account.username, 'alice');
      assert.equal(account.uploadKiBps, 256);
      assert.equal(account.email, 'alice@example.com');
      assert.equal(typeof account.createdAt, 'string');
      assert.ok(!('passwordHash' in account));
    });

    test('set changes quota, limits, lists and status; enable again', async () => {
      const before = await findAccountByUsername(db.prisma, 'alice');
      const r = await ftpadmin(db, ['account', 'set', 'alice', '--quota-mb', '200', '--quota-files', '5000', '--download-kbps', '1024', '--max-sessions', '3', '--deny', '192.0.2.1', '--require-tls', '--disable']);
      assert.equal(r.code, 0, r.stderr);
      const after = await findAccountByUsername(db.prisma, 'alice');
      assert.ok(before && after);
      assert.equal(after.quotaBytes, 200 * 1024 * 1024);
      assert.equal(after.quotaFiles, 5000);
      assert.equal(after.downloadKiBps, 1024);
      assert.equal(after.uploadKiBps, 256, 'options not given stay unchanged');
      assert.equal(after.maxSessions, 3);
      assert.deepEqual(after.deniedCidrs, ['192.0.2.1/32']);
      assert.equal(after.requireTls, true);
      assert.equal(after.status, 'DISABLED');
      assert.equal(after.version, before.version + 1);
      const enabled = await ftpadmin(db, ['account', 'set', 'alice', '--enable', '--quota-mb', '0']);
      assert.equal(enabled.code, 0, enabled.stderr);
      const again = await findAccountByUsername(db.prisma, 'alice');
      assert.equal(again?.status, 'ACTIVE');
      assert.equal(again?.quotaBytes, 0);
    });

    test('--tls-session-reuse required|optional|default sets true, false or null; show says which', async () => {
      const added = await ftpadmin(db, ['account', 'add', 'pyuser', '--tls-session-reuse', 'optional']);
      assert.equal(added.code, 0, added.stderr);
      assert.equal((await findAccountByUsername(db.prisma, 'pyuser'))?.isTlsSessionReuseRequired, false);
      let shown = await ftpadmin(db, ['account', 'show', 'pyuser']);
      assert.match(shown.stdout, /TLS session reuse\s+not required/);
      const required = await ftpadmin(db, ['account', 'set', 'pyuser', '--tls-session-reuse', 'required']);
      assert.equal(required.code, 0, required.stderr);
      assert.equal((await findAccountByUsername(db.prisma, 'pyuser'))?.isTlsSessionReuseRequired, true);
      shown = await ftpadmin(db, ['account', 'show', 'pyuser']);
      assert.match(shown.stdout, /TLS session reuse\s+required/);
      const reset = await ftpadmin(db, ['account', 'set', 'pyuser', '--tls-session-reuse', 'default']);
      assert.equal(reset.code, 0, reset.stderr);
      assert.equal((await findAccountByUsername(db.prisma, 'pyuser'))?.isTlsSessionReuseRequired, null);
      const json = JSON.parse((await ftpadmin(db, ['account', 'show', 'pyuser', '--json'])).stdout) as { isTlsSessionReuseRequired: unknown };
      assert.equal(json.isTlsSessionReuseRequired, null);
      const bad = await ftpadmin(db, ['account', 'set', 'pyuser', '--tls-session-reuse', 'sometimes']);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /--tls-session-reuse is one of required, optional, default/);
      const del = await ftpadmin(db, ['account', 'del', 'pyuser']);
      assert.equal(del.code, 0, del.stderr);
    });

    test('list --json has every account; the table shows units', async () => {
      const json = await ftpadmin(db, ['account', 'list', '--json']);
      assert.equal(json.code, 0, json.stderr);
      const accounts = JSON.parse(json.stdout) as { username: string }[];
      assert.deepEqual(accounts.map((a) => a.username), ['alice', 'bob']);
      const table = await ftpadmin(db, ['account', 'list']);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^USERNAME\s+STATUS\s+QUOTA/);
      assert.match(table.stdout, /alice\s+ACTIVE\s+unlimited/);
      assert.match(table.stdout, /256 KiB\/s/);
    });

    test('passwd --password-stdin replaces the password', async () => {
      const r = await ftpadmin(db, ['account', 'passwd', 'bob', '--password-stdin'], 'a brand new password\n');
      assert.equal(r.code, 0, r.stderr);
      const creds = await findAccountCredentials(db.prisma, 'bob');
      assert.ok(creds && (await hasher.verify(creds.passwordHash, 'a brand new password')));
      assert.equal(await hasher.verify(creds.passwordHash, 'bob secret password '), false);
    });

    test('rescan counts the files in the home', async () => {
      const home = path.join(homesDirOf(db), 'clients/bob');
      await writeFile(path.join(home, 'a.bin'), Buffer.alloc(3 * 1024 * 1024));
      await writeFile(path.join(home, '.ftp-upload-x.part'), Buffer.alloc(1000));
      const r = await ftpadmin(db, ['account', 'rescan', 'bob']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /3 MiB in 1 files/);
      const bob = await findAccountByUsername(db.prisma, 'bob');
      assert.equal(bob?.usedBytes, 3 * 1024 * 1024);
      assert.equal(bob?.usedFiles, 1);
    });

    test('del keeps the home; --delete-home removes it', async () => {
      const kept = await ftpadmin(db, ['account', 'del', 'bob']);
      assert.equal(kept.code, 0, kept.stderr);
      assert.equal(await findAccountByUsername(db.prisma, 'bob'), null);
      assert.ok((await stat(path.join(homesDirOf(db), 'clients/bob/a.bin'))).isFile());
      const removed = await ftpadmin(db, ['account', 'del', 'alice', '--delete-home']);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal(await findAccountByUsername(db.prisma, 'alice'), null);
      await assert.rejects(stat(path.join(homesDirOf(db), 'alice')), { code: 'ENOENT' });
    });
  });
}
