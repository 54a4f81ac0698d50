// The change feed between processes: writers append, running services read what is new.
import type { PrismaDb } from '../client.ts';

export type ChangeTopic = 'account' | 'settings' | 'ban' | 'session.kick' | 'token' | 'admin';
export type ChangeEvent = { id: number; topic: string; key: string | null; payload: string | null; createdAt: Date };

/** PostgreSQL channel that wakes LISTENing services on every appended change (payload: the id). */
export const CHANGES_CHANNEL = 'ftp_panel_changes';

export async function appendChange(db: PrismaDb, topic: ChangeTopic, key?: string | null, payload?: unknown): Promise<number> {
  const row = await db.changeEvent.create({
    data: { topic, key: key ?? null, payload: payload === undefined ? null : JSON.stringify(payload) },
  });
  // On PostgreSQL, wake the services now instead of at their next safety poll. Inside a
  // transaction the notification is delivered at commit, together with the row.
  if ((db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql') {
    await db.$executeRawUnsafe('SELECT pg_notify($1, $2)', CHANGES_CHANNEL, String(row.id));
  }
  return row.id;
}

export async function readChangesAfter(db: PrismaDb, afterId: number, limit = 500): Promise<ChangeEvent[]> {
  return db.changeEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit });
}

export async function lastChangeId(db: PrismaDb): Promise<number> {
  const row = await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}

export async function pruneChanges(db: PrismaDb, olderThan: Date): Promise<number> {
  const { count } = await db.changeEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
