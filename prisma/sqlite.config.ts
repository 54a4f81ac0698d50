// Prisma CLI configuration for the embedded SQLite database (the default).
// Offline machines: JS schema engine plus driver adapter, see README "Database".
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { sqliteFileFromEnv } from './database-url.ts';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'sqlite/schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'sqlite/migrations') },
  async adapter() {
    return new PrismaBetterSQLite3({ url: sqliteFileFromEnv() });
  },
});
