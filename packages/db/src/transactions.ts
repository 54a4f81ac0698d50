// One interactive transaction for the writes of one change, so core never calls Prisma itself.
import type { PrismaDb } from './client.ts';

/** The limits are generous: on SQLite a writer may wait for another process's write to end. */
export function runInTransaction<T>(db: PrismaDb, work: (tx: PrismaDb) => Promise<T>): Promise<T> {
  return db.$transaction((tx) => work(tx as unknown as PrismaDb), { maxWait: 10_000, timeout: 20_000 });
}
