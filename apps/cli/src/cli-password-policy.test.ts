// ftpadmin applies the same password policy as the API: a weak admin or FTP account password is
// refused (exit 1, the reason in words); generated passwords pass.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordStrength } from '@ftp-panel/core';
import { findAccountByUsername, findAdminByUsername } from '@ftp-panel/db';
import { createTestDb, type TestDb } from '@ftp-panel/db/testing';
import { ftpadmin, lastLine } from './testing.ts';

describe('ftpadmin password policy', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb('sqlite');
  });
  after(async () => {
    await db?.cleanup();
  });

  test('admin add with a weak password is refused like the API refuses it', async () => {
    const r = await ftpadmin(db, ['admin', 'add', 'helper', '--password-stdin'], 'password123\n');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /commonly used password/);
    assert.equal(await findAdminByUsername(db.prisma, 'helper'), null);
  });

  test('account add with a weak password exits 1; a generated password passes the policy', async () => {
    const weak = await ftpadmin(db, ['account', 'add', 'weakling', '--password-stdin'], 'password123\n');
    assert.equal(weak.code, 1, weak.stdout);
    assert.match(weak.stderr, /commonly used password/);
    assert.equal(await findAccountByUsername(db.prisma, 'weakling'), null);
    const generated = await ftpadmin(db, ['account', 'add', 'strong']);
    assert.equal(generated.code, 0, generated.stderr);
    const password = lastLine(generated.stdout).replace(/^password:\s*/, '');
    assert.deepEqual(checkPasswordStrength(password, ['strong']), { isOk: true });
  });
});
