// Pieces every "newest first, filtered, paged" repository list shares (logins, transfers, bans,
// audit) and the batch writers of the event persister (logins, transfers).
import type { PrismaDb } from '../client.ts';

export type Page = { offset?: number; limit?: number };
export type ListResult<T> = { items: T[]; total: number };

/** The Prisma skip/take of a page: from the start, 50 rows unless told. */
export function pageArgs(q: Page): { skip: number; take: number } {
  return { skip: q.offset ?? 0, take: q.limit ?? 50 };
}

/** A time filter: from inclusive; to exclusive, or inclusive with `toInclusive` (audit). */
export function timeRange(q: { from?: Date; to?: Date }, toInclusive = false): { gte?: Date; lt?: Date; lte?: Date } | undefined {
  if (!q.from && !q.to) return undefined;
  return { ...(q.from ? { gte: q.from } : {}), ...(q.to ? (toInclusive ? { lte: q.to } : { lt: q.to }) : {}) };
}

/** Runs a page query and its count together and maps the rows. */
export async function listPage<Row, T>(rows: Promise<Row[]>, total: Promise<number>, toItem: (row: Row) => T): Promise<ListResult<T>> {
  const [found, count] = await Promise.all([rows, total]);
  return { items: found.map(toItem), total: count };
}

/** Batch rows with the account ids that no longer exist (deleted meanwhile) set to null: they keep the username only. */
export async function withExistingAccounts<T extends { accountId: string | null }>(db: PrismaDb, inputs: T[]): Promise<T[]> {
  const ids = [...new Set(inputs.map((i) => i.accountId).filter((id): id is string => id !== null))];
  const existing = ids.length
    ? new Set((await db.account.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id))
    : new Set<string>();
  return inputs.map((i) => ({ ...i, accountId: i.accountId !== null && existing.has(i.accountId) ? i.accountId : null }));
}
