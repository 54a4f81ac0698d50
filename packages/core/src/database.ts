// Opening and migrating the configured database, and its migration state: for the process entries
// (the API server, ftpadmin), the health check and `ftpadmin db`.
import { createDb, migrateDatabase, migrationState } from '@ftp-panel/db';
import type { Db, MigrationState } from '@ftp-panel/db';
import type { AppConfig } from './config.ts';

export { migrateDatabase, migrationState };
export type { Db, MigrationState };

/** SQLite under the data directory unless DATABASE_URL names another database. */
export function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>, options: { poolSize?: number } = {}): Promise<Db> {
  return createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...options });
}
