// What domain services need from their caller: the database, the password hasher, the homes root,
// who is acting (for the audit trail) and, optionally, the live event bus.
import { runInTransaction, SYSTEM_ACTOR, type Actor, type PrismaDb } from '@ftp-panel/db';
import type { EventBus } from '../events/types.ts';
import type { PasswordHasher } from '../passwords.ts';

export type { Actor };

export type ServiceContext = {
  db: PrismaDb;
  hasher: PasswordHasher;
  /** the homes root (config.homesDir) */
  homesDir: string;
  /** defaults to the system actor */
  actor?: Actor;
  /** when given, account.created/updated/deleted are published on it */
  events?: Pick<EventBus, 'publish'>;
};

export function actorOf(ctx: { actor?: Actor }): Actor {
  return ctx.actor ?? SYSTEM_ACTOR;
}

/**
 * Runs the writes of one change (row, change event, audit entry) atomically. Reads that decide
 * what to write happen before, outside: on SQLite a transaction that reads first and writes later
 * can fail with SQLITE_BUSY when another process wrote in between.
 */
export function inTransaction<T>(db: PrismaDb, work: (tx: PrismaDb) => Promise<T>): Promise<T> {
  return runInTransaction(db, work);
}

/** Prisma's "unique constraint failed" and "record not found" errors, without importing Prisma. */
export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
