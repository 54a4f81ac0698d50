// The two providers' schemas and migrations must not drift from prisma/models.prisma: the schemas
// are regenerated and compared, and a database built from the migrations must have exactly the
// structure of one built straight from the models.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createTestDb, testProviders, testPgAdminUrl } from './testing.ts';
import type { DbProvider } from './client.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('per-provider schemas are generated from prisma/models.prisma', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'packages/db/scripts/generate.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('both schemas carry the same models', () => {
  const models = (provider: DbProvider) =>
    readFileSync(path.join(ROOT, 'prisma', provider, 'schema.prisma'), 'utf8').split('datasource db {')[1]!.replace(/^[\s\S]*?\n}\n/, '');
  assert.equal(models('sqlite'), models('postgresql'));
});

/** SQL that builds the current models from nothing, as Prisma would write it. */
function sqlFromModels(provider: DbProvider, databaseUrl: string): string {
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/prisma/build/index.js'),
      'migrate', 'diff', '--config', path.join(ROOT, `prisma/${provider}.config.ts`),
      '--from-empty', '--to-schema-datamodel', path.join(ROOT, `prisma/${provider}/schema.prisma`), '--script',
    ],
    { encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function sqliteStructure(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name")
      .all() as { name: string }[];
    return tables.map(({ name }) => ({
      name,
      columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
      foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all().map((f) => ({ ...(f as object), id: 0, seq: 0 })),
      indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
        .map((i) => ({ name: i.name, unique: i.unique, columns: db.prepare(`PRAGMA index_info("${i.name}")`).all() }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  } finally {
    db.close();
  }
}

async function pgStructure(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE '_prisma%' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '_prisma%' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE '_prisma%' ORDER BY conname`,
    );
    const enums = await client.query(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

for (const { provider, skip } of await testProviders()) {
  describe(`${provider}: migrations build exactly the models`, { skip }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups) await c();
    });

    test('structure from migrations equals structure from models', async () => {
      const fromMigrations = await createTestDb(provider);
      cleanups.push(() => fromMigrations.cleanup());
      const fromModels = await createTestDb(provider);
      cleanups.push(() => fromModels.cleanup());
      if (provider === 'sqlite') {
        const dir = mkdtempSync(path.join(tmpdir(), 'ftp-panel-drift-'));
        cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
        const file = path.join(dir, 'models.db');
        const sql = sqlFromModels('sqlite', `file:${file}`);
        const db = new Database(file);
        db.exec(sql);
        db.close();
        assert.deepEqual(sqliteStructure(file), sqliteStructure(fromMigrations.target));
      } else {
        // Rebuild the second database from the models' SQL instead of the migrations.
        const client = new pg.Client({ connectionString: fromModels.url });
        await client.connect();
        await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await client.query(sqlFromModels('postgresql', testPgAdminUrl()));
        await client.end();
        assert.deepEqual(await pgStructure(fromModels.url), await pgStructure(fromMigrations.url));
      }
    });
  });
}
