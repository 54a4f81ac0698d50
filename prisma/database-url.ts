// Shared by the Prisma CLI configs and the runtime: where the SQLite file lives.
import path from 'node:path';

/** DATABASE_URL=file:/abs/or/relative.db, or DATA_DIR/ftp-panel.db when DATABASE_URL is unset. */
export function sqliteFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (url && url.startsWith('file:')) return path.resolve(url.slice('file:'.length));
  return path.resolve(env.DATA_DIR ?? 'data', 'ftp-panel.db');
}
