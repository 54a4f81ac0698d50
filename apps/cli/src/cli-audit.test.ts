// End to end: ftpadmin audit verify through the real process, on an intact and a tampered trail.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { recordAudit } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { ftpadmin } from './testing.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`ftpadmin audit verify (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(async () => {
      await db?.cleanup();
    });

    test('ok on an intact trail (including entries the CLI itself writes); exit 1 naming the edited entry', async () => {
      const added = await ftpadmin(db, ['ban', 'add', '203.0.113.9', '--reason', 'scanner']);
      assert.equal(added.code, 0, added.stderr);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await recordAudit(db.prisma, { actor: { type: 'CLI', name: 'cli' }, action: 'account.update', targetType: 'account', targetId: 'bob', before: { quotaBytes: i }, after: { quotaBytes: i + 1 } })).id);
      }
      const ok = await ftpadmin(db, ['audit', 'verify']);
      assert.equal(ok.code, 0, ok.stderr + ok.stdout);
      assert.match(ok.stdout, /^OK: 4 entries verified\.\nHead hash: [0-9a-f]{64}\n$/);

      await db.prisma.$executeRawUnsafe(`UPDATE audit_entry SET actor_name = 'mallory' WHERE id = '${ids[1]}'`);
      const broken = await ftpadmin(db, ['audit', 'verify']);
      assert.equal(broken.code, 1, broken.stderr);
      assert.match(broken.stdout, new RegExp(`^BROKEN at entry ${ids[1]} \\(\\d{4}-\\d\\d-\\d\\dT[^)]*, account\\.update\\): CONTENT_CHANGED\\n`));
      const json = await ftpadmin(db, ['audit', 'verify', '--json']);
      assert.equal(json.code, 1);
      const report = JSON.parse(json.stdout) as { isOk: boolean; checked: number; firstBreak: { entryId: string; problem: string } };
      assert.deepEqual([report.isOk, report.checked, report.firstBreak.entryId, report.firstBreak.problem], [false, 2, ids[1], 'CONTENT_CHANGED']);
    });
  });
}
