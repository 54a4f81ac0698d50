// Test databases for every suite that needs one: a fresh, migrated database per call, on SQLite
// (a copied template file) or PostgreSQL (CREATE DATABASE ... TEMPLATE, fast after the first).
// Not exported from the package index: tests import '@ftp-panel/db/testing'.
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db, type DbProvider } from './client.ts';
import { listMigrations, migrationsDir, runPrismaMigrate } from './migrate.ts';

export const DEFAULT_TEST_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testPgAdminUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_PG_URL;
}

function migrationsHash(provider: DbProvider): string {
  const h = createHash('sha256');
  for (const m of listMigrations(provider)) {
    h.update(m);
    h.update(readFileSync(path.join(migrationsDir(provider), m, 'migration.sql')));
  }
  return h.digest('hex').slice(0, 12);
}

let pgAvailable: Promise<boolean> | undefined;
/** Whether the PostgreSQL test server answers. */
export function isPostgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: testPgAdminUrl(), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgAvailable;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function ensurePgTemplate(): Promise<string> {
  const name = `ftp_panel_tpl_${migrationsHash('postgresql')}`;
  const admin = new pg.Client({ connectionString: testPgAdminUrl() });
  await admin.connect();
  try {
    // One process builds the template; the others wait on the lock and then find it.
    await admin.query('SELECT pg_advisory_lock(727001)');
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_build`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const { code, output } = await runPrismaMigrate('deploy', 'postgresql', {
        DATABASE_URL: withDatabase(testPgAdminUrl(), building),
      });
      if (code !== 0) throw new Error(`migrating the PostgreSQL test template failed:\n${output}`);
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727001)').catch(() => {});
    await admin.end();
  }
}

function ensureSqliteTemplate(): Promise<string> {
  const dir = path.join(tmpdir(), 'ftp-panel-test-templates');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sqlite-${migrationsHash('sqlite')}.db`);
  if (existsSync(file)) return Promise.resolve(file);
  const building = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  return runPrismaMigrate('deploy', 'sqlite', { DATABASE_URL: `file:${building}` }).then(({ code, output }) => {
    if (code !== 0) throw new Error(`migrating the SQLite test template failed:\n${output}`);
    renameSync(building, file); // atomic: concurrent builders race harmlessly
    return file;
  });
}

export type TestDb = Db & { url: string; dataDir: string; cleanup(): Promise<void> };

/** A fresh migrated database of the provider; call cleanup() in after(). */
export async function createTestDb(provider: DbProvider): Promise<TestDb> {
  const id = randomBytes(5).toString('hex');
  const dataDir = path.join(tmpdir(), `ftp-panel-test-${id}`);
  mkdirSync(dataDir, { recursive: true });
  if (provider === 'sqlite') {
    const file = path.join(dataDir, 'test.db');
    copyFileSync(await ensureSqliteTemplate(), file);
    const url = `file:${file}`;
    return testDb(await createDb({ databaseUrl: url, dataDir }), url, dataDir);
  }
  const template = await ensurePgTemplate();
  const name = `ftp_panel_t_${id}`;
  const admin = new pg.Client({ connectionString: testPgAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(testPgAdminUrl(), name);
  return testDb(await createDb({ databaseUrl: url, dataDir, poolSize: 4 }), url, dataDir, async () => {
    const a = new pg.Client({ connectionString: testPgAdminUrl() });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await a.end();
  });
}

/** The handle of a test database: cleanup closes it, drops what the provider needs (dropDatabase), then its data directory. */
function testDb(db: Db, url: string, dataDir: string, dropDatabase?: () => Promise<void>): TestDb {
  return {
    ...db,
    url,
    dataDir,
    cleanup: async () => {
      await db.close();
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Providers a data-layer suite should run on: SQLite always; PostgreSQL when reachable (or required). */
export async function testProviders(): Promise<{ provider: DbProvider; skip: string | false }[]> {
  const { skipUnless } = await import('../../../scripts/test-support.ts');
  return [
    { provider: 'sqlite', skip: false },
    { provider: 'postgresql', skip: skipUnless(await isPostgresAvailable(), 'PostgreSQL (TEST_DATABASE_URL)') },
  ];
}
