import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaDb } from '@ftp-panel/db';
import { USAGE_JOURNAL_FILE, UsageJournal } from './usage-journal.ts';

/** A database whose increments fail while `isDown`, and that records what it accepted. */
function flakyDb() {
  const state = { isDown: false, accepted: [] as { id: string; bytes: bigint; files: number }[] };
  const db = {
    // addAccountUsage's one statement: UPDATE ... used_bytes + ${bytes} ... used_files + ${files} ... WHERE id = ${id}
    $executeRaw: async (_sql: TemplateStringsArray, ...values: unknown[]) => {
      if (state.isDown) throw new Error('connect ECONNREFUSED');
      const [bytes, , files, , id] = values as [bigint, bigint, number, number, string];
      state.accepted.push({ id, bytes, files });
      return 1;
    },
  } as unknown as PrismaDb;
  return { db, state };
}

test('a refused change is kept, listed on disk, and written once (summed) when the database is back', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'usage-journal-'));
  const { db, state } = flakyDb();
  const journal = new UsageJournal({ db, dataDir, retryMinMs: 10, retryMaxMs: 20 });
  try {
    await journal.apply('a1', 100, 1);
    assert.deepEqual(state.accepted, [{ id: 'a1', bytes: 100n, files: 1 }]);
    assert.equal(existsSync(path.join(dataDir, USAGE_JOURNAL_FILE)), false, 'no journal while the database answers');

    state.isDown = true;
    await journal.apply('a1', -40, -1); // resolves: never fails the caller
    await journal.apply('a1', 5, 0);
    assert.equal(journal.hasPending('a1'), true);
    assert.match(readFileSync(path.join(dataDir, USAGE_JOURNAL_FILE), 'utf8'), /"accountId":"a1"/);
    await new Promise((r) => setTimeout(r, 60)); // retries fail meanwhile
    assert.equal(journal.hasPending('a1'), true);

    state.isDown = false;
    const started = Date.now();
    while (journal.hasPending('a1') && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
    assert.equal(journal.hasPending('a1'), false);
    assert.deepEqual(state.accepted.slice(1), [{ id: 'a1', bytes: -35n, files: -1 }]);
    assert.equal(existsSync(path.join(dataDir, USAGE_JOURNAL_FILE)), false, 'the journal goes once everything is stored');
  } finally {
    await journal.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
