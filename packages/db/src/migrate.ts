// Applies the provider's migrations with the Prisma CLI (JS schema engine, works offline) and
// reports the migration state by comparing the migration folders with _prisma_migrations.
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Db, DbProvider } from './client.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function migrationsDir(provider: DbProvider): string {
  return path.join(ROOT, 'prisma', provider, 'migrations');
}

export function listMigrations(provider: DbProvider): string[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

function prismaCli(): string {
  return createRequire(import.meta.url).resolve('prisma/build/index.js');
}

/** Runs `prisma migrate deploy` (or status) for the database; resolves with its output. */
export function runPrismaMigrate(
  command: 'deploy' | 'status',
  provider: DbProvider,
  env: { DATABASE_URL: string },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [prismaCli(), 'migrate', command, '--config', path.join(ROOT, 'prisma', `${provider}.config.ts`)],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, PRISMA_HIDE_UPDATE_MESSAGE: '1', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** DATABASE_URL as the Prisma CLI configs expect it for this db. */
export function cliDatabaseUrl(db: Pick<Db, 'provider' | 'target'>): string {
  return db.provider === 'sqlite' ? `file:${db.target}` : db.target;
}

export async function migrateDatabase(db: Pick<Db, 'provider' | 'target'> & Partial<Pick<Db, 'prisma'>>): Promise<string[]> {
  // The caller's own connection must let go of the SQLite file while the schema engine (a child
  // process) takes its write lock; Prisma reconnects on the next query.
  if (db.prisma && db.provider === 'sqlite') await db.prisma.$disconnect();
  const before = new Set((await appliedMigrationsOf(db)).applied);
  const { code, output } = await runPrismaMigrate('deploy', db.provider, { DATABASE_URL: cliDatabaseUrl(db) });
  if (code !== 0) throw new Error(`database migration failed:\n${output.trim()}`);
  return listMigrations(db.provider).filter((m) => !before.has(m));
}

export type MigrationState = { applied: string[]; pending: string[]; isUpToDate: boolean };

async function appliedMigrationsOf(db: Pick<Db, 'provider' | 'target'>): Promise<{ applied: string[] }> {
  // A short-lived client keeps this usable before the app's own client exists.
  const { createDb } = await import('./client.ts');
  const probe = await createDb({ databaseUrl: cliDatabaseUrl(db), dataDir: '.' });
  try {
    return { applied: await readApplied(probe) };
  } finally {
    await probe.close();
  }
}

async function readApplied(db: Db): Promise<string[]> {
  // Look before querying: a failed query on SQLite can leave the connection holding a lock that
  // makes the migrate child process time out.
  const exists =
    db.provider === 'sqlite'
      ? await db.prisma.$queryRawUnsafe<unknown[]>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      : await db.prisma.$queryRawUnsafe<unknown[]>("SELECT 1 FROM information_schema.tables WHERE table_name = '_prisma_migrations' AND table_schema = current_schema()");
  if (exists.length === 0) return [];
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return rows.map((r) => r.migration_name);
  } catch {
    return []; // no table yet: nothing applied
  }
}

export async function migrationState(db: Db): Promise<MigrationState> {
  const applied = await readApplied(db);
  const appliedSet = new Set(applied);
  const pending = listMigrations(db.provider).filter((m) => !appliedSet.has(m));
  return { applied, pending, isUpToDate: pending.length === 0 };
}
