// Prisma client factory: SQLite (embedded default) or PostgreSQL, chosen by DATABASE_URL.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { PrismaClient as PgClient } from './generated/postgresql/client.ts';

/** Both generated clients share the same model API; the SQLite one's type stands for both. */
export type PrismaDb = InstanceType<typeof SqliteClient>;
export type DbProvider = 'sqlite' | 'postgresql';

export type DbOptions = {
  /** postgresql://... or file:... ; unset = SQLite file under dataDir */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL pool size per process */
  poolSize?: number;
};

export type Db = {
  prisma: PrismaDb;
  provider: DbProvider;
  /** PostgreSQL connection string, or the SQLite file path */
  target: string;
  close(): Promise<void>;
};

export function providerOf(databaseUrl: string | undefined): DbProvider {
  if (!databaseUrl || databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error(`DATABASE_URL must start with postgresql:// or file: (got "${databaseUrl.split(':')[0]}:...")`);
}

export function sqliteFile(options: DbOptions): string {
  const url = options.databaseUrl;
  if (url?.startsWith('file:')) return path.resolve(url.slice('file:'.length));
  return path.resolve(options.dataDir, 'ftp-panel.db');
}

export async function createDb(options: DbOptions): Promise<Db> {
  const provider = providerOf(options.databaseUrl);
  if (provider === 'postgresql') {
    const target = options.databaseUrl as string;
    const adapter = new PrismaPg({ connectionString: target, max: options.poolSize ?? 10 });
    const prisma = new PgClient({ adapter }) as unknown as PrismaDb;
    await prisma.$connect();
    return { prisma, provider, target, close: () => prisma.$disconnect() };
  }
  const file = sqliteFile(options);
  mkdirSync(path.dirname(file), { recursive: true });
  // busy timeout: the CLI and the service write the same file; writers wait instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  const prisma = new SqliteClient({ adapter });
  await prisma.$connect();
  // WAL lets readers (the API) run while the FTP service writes logs.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return { prisma, provider, target: file, close: () => prisma.$disconnect() };
}
