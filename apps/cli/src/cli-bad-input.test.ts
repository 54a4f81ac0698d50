// End to end: refused commands exit non-zero with a message on stderr and leave the database
// exactly as it was (accounts, hashes, versions, admins, tokens, change feed, audit).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccount, createPasswordHasher } from '@ftp-panel/core';
import { setAccountUsage } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { ftpadmin, homesDirOf, snapshot } from './testing.ts';

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

for (const { provider, skip } of await testProviders()) {
  describe(`ftpadmin refuses bad input and changes nothing (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
      const ctx = { db: db.prisma, hasher, homesDir: homesDirOf(db) };
      const { account } = await createAccount(ctx, { username: 'alice', password: 'alice password 1', quotaBytes: 50 * 1024 * 1024 });
      // 10 MiB and 4 files already used, as the FTP service would have counted them
      await setAccountUsage(db.prisma, account.id, 10 * 1024 * 1024, 4);
    });
    after(async () => {
      await db?.cleanup();
    });

    // isParseOnly: refused while parsing the command line, before the database is opened, so one
    // provider proves it (each process costs about a second).
    const cases: { name: string; args: string[]; code: number; stderr: RegExp; stdin?: string; isParseOnly?: boolean }[] = [
      { name: 'unknown account', args: ['account', 'set', 'nobody', '--quota-mb', '5'], code: 1, stderr: /No account named "nobody"/ },
      { name: 'invalid name', args: ['account', 'add', 'bad/name'], code: 1, stderr: /<name>: .*letters, digits/ },
      { name: 'negative quota', args: ['account', 'add', 'carol', '--quota-mb', '-5'], code: 1, stderr: /--quota-mb: The disk quota must be a whole number/ },
      { name: 'unknown option', isParseOnly: true, args: ['account', 'add', 'carol', '--quota-gb', '5'], code: 2, stderr: /Unknown option '--quota-gb'/ },
      { name: 'missing argument', isParseOnly: true, args: ['account', 'del'], code: 2, stderr: /missing argument <name>/ },
      { name: 'unknown command', isParseOnly: true, args: ['account', 'frobnicate', 'alice'], code: 2, stderr: /unknown command "account frobnicate"/ },
      { name: 'quota below usage (bytes)', args: ['account', 'set', 'alice', '--quota-mb', '5', '--upload-kbps', '100'], code: 1, stderr: /--quota-mb: .*at least/ },
      { name: 'quota below usage (files)', args: ['account', 'set', 'alice', '--quota-files', '3'], code: 1, stderr: /--quota-files: .*4 files/ },
      { name: 'invalid CIDR', args: ['account', 'set', 'alice', '--allow', '10.0.0.0/8,300.1.1.1'], code: 1, stderr: /--allow: "300\.1\.1\.1" is not an IP address/ },
      { name: 'home outside the root', args: ['account', 'add', 'dave', '--home', '../../etc'], code: 1, stderr: /--home: .*inside the homes root/ },
      { name: 'home inside another account\'s home', args: ['account', 'add', 'dave', '--home', 'alice/dave'], code: 1, stderr: /--home: The home directory "alice\/dave" is inside the home of account "alice"/ },
      { name: 'short password on stdin', args: ['account', 'passwd', 'alice', '--password-stdin'], stdin: 'short\n', code: 1, stderr: /password: .*at least 10/ },
      { name: 'unknown token scope', args: ['token', 'create', 'ci', '--scopes', 'accounts:read,root'], code: 1, stderr: /--scopes: Unknown scope root/ },
    ];

    for (const c of cases.filter((k) => provider === 'sqlite' || !k.isParseOnly)) {
      test(c.name, async () => {
        const before = await snapshot(db);
        const r = await ftpadmin(db, c.args, c.stdin);
        assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr}`);
        assert.match(r.stderr, c.stderr);
        assert.equal(r.stdout, '');
        assert.deepEqual(await snapshot(db), before);
      });
    }

    // Needs an empty database: an SQLite file is free, so it runs there only.
    if (provider === 'sqlite') test('an unmigrated database is refused with the way out', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ftp-panel-cli-empty-'));
      try {
        const r = await ftpadmin({ dataDir, url: '' }, ['account', 'list'], undefined, { DATABASE_URL: '' });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /database not migrated: run ftpadmin db migrate/);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
