// End to end: API tokens, admins, db status and help, through the real ftpadmin process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateApiToken, createPasswordHasher, sha256 } from '@ftp-panel/core';
import { findAdminCredentials } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { COMMANDS } from './commands/index.ts';
import { runCli } from './main.ts';
import { ftpadmin, lastLine } from './testing.ts';

const hasher = createPasswordHasher();

/** Everything the database holds, as text, to prove a secret is not in it. */
async function dumpTokens(db: TestDb): Promise<string> {
  const [tokens, audit, changes] = await Promise.all([db.prisma.apiToken.findMany(), db.prisma.auditEntry.findMany(), db.prisma.changeEvent.findMany()]);
  return JSON.stringify({ tokens, audit, changes });
}

for (const { provider, skip } of await testProviders()) {
  describe(`ftpadmin token, admin, db (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(async () => {
      await db?.cleanup();
    });

    test('token create prints the token once on the last line; only its hash is stored; revoke', async () => {
      const created = await ftpadmin(db, ['token', 'create', 'billing', '--scopes', 'accounts:read,accounts:write', '--expires', '2099-01-01']);
      assert.equal(created.code, 0, created.stderr);
      const secret = lastLine(created.stdout);
      assert.match(secret, /^ftpp_[A-Za-z0-9_-]{43}$/);
      assert.equal(created.stdout.split(secret).length, 2, 'printed exactly once');
      const stored = await dumpTokens(db);
      assert.ok(!stored.includes(secret), 'the database never contains the secret');
      assert.ok(stored.includes(sha256(secret)));
      const token = await authenticateApiToken(db.prisma, secret);
      assert.ok(token);
      assert.deepEqual(token.scopes, ['accounts:read', 'accounts:write']);

      const listed = await ftpadmin(db, ['token', 'list']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, new RegExp(`${token.id}\\s+billing\\s+ftpp_\\S+\\.\\.\\.\\s+accounts:read,accounts:write\\s+active`));
      assert.ok(!listed.stdout.includes(secret));

      const revoked = await ftpadmin(db, ['token', 'revoke', token.id]);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal(await authenticateApiToken(db.prisma, secret), null);
      const again = await ftpadmin(db, ['token', 'revoke', token.id]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /No active token/);
    });

    test('admin add --password-stdin, admin list; duplicates refused', async () => {
      const r = await ftpadmin(db, ['admin', 'add', 'root-admin', '--password-stdin', '--role', 'OWNER', '--email', 'ops@example.com'], 'owner password 123\n');
      assert.equal(r.code, 0, r.stderr);
      const creds = await findAdminCredentials(db.prisma, 'root-admin');
      assert.ok(creds && (await hasher.verify(creds.passwordHash, 'owner password 123')));
      assert.equal(creds.admin.role, 'OWNER');
      const listed = await ftpadmin(db, ['admin', 'list']);
      assert.match(listed.stdout, /root-admin\s+OWNER\s+ACTIVE\s+ops@example\.com/);
      const duplicate = await ftpadmin(db, ['admin', 'add', 'root-admin', '--password-stdin'], 'owner password 456\n');
      assert.equal(duplicate.code, 1);
      assert.match(duplicate.stderr, /already exists/);
    });

    test('db status reports an up-to-date database', async () => {
      const r = await ftpadmin(db, ['db', 'status']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Provider\\s+${provider}`));
      assert.match(r.stdout, /State\s+up to date/);
    });
  });
}

describe('help', () => {
  const capture = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '' }, {});
    return { code, stdout, stderr };
  };

  test('every command has --help (in-process: it opens no database)', async () => {
    for (const spec of COMMANDS) {
      const r = await capture([...spec.name.split(' '), '--help']);
      assert.equal(r.code, 0, spec.name);
      assert.match(r.stdout, new RegExp(`^Usage: ftpadmin ${spec.name}`), spec.name);
      for (const option of Object.keys(spec.options ?? {})) assert.ok(r.stdout.includes(`--${option}`), `${spec.name} documents --${option}`);
    }
    for (const group of ['account', 'admin', 'token', 'db']) {
      assert.match((await capture([group, '--help'])).stdout, new RegExp(`Usage: ftpadmin ${group} <command>`));
    }
  });

  test('the real process prints the overview', async () => {
    const r = await ftpadmin({ dataDir: '/nonexistent', url: '' }, ['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /account add <name>/);
    assert.match(r.stdout, /token create <name>/);
    const none = await capture([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: ftpadmin <command>/);
  });
});
