import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from './client.ts';
import { listMigrations, migrateDatabase, migrationState } from './migrate.ts';

test('a fresh SQLite database: state, migrate with the connection open, state again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-panel-migrate-'));
  const db = await createDb({ dataDir: dir });
  try {
    const before = await migrationState(db);
    assert.equal(before.isUpToDate, false);
    assert.deepEqual(before.pending, listMigrations('sqlite'));
    assert.deepEqual(await migrateDatabase(db), listMigrations('sqlite'));
    const after = await migrationState(db);
    assert.equal(after.isUpToDate, true);
    assert.equal(await db.prisma.account.count(), 0, 'the same client works after migrating');
    assert.deepEqual(await migrateDatabase(db), [], 'a second run applies nothing');
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
