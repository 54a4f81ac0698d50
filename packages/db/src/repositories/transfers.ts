// Finished transfers: written in batches by the event persister, queried by the API
// (/api/v1/transfers) and the customer portal.
import type { DbProvider, PrismaDb } from '../client.ts';
import { Prisma, type TransferLog as TransferRow } from '../generated/sqlite/client.ts';
import { listPage, pageArgs, timeRange, withExistingAccounts, type ListResult, type Page } from './list-helpers.ts';

export type TransferDirection = 'UPLOAD' | 'DOWNLOAD';
export type TransferStatus = 'OK' | 'ABORTED' | 'FAILED' | 'QUOTA';

export type TransferRecord = {
  id: string;
  accountId: string | null;
  username: string;
  sessionId: string;
  direction: TransferDirection;
  /** relative to the account's home, starting with / */
  path: string;
  bytes: number;
  durationMs: number;
  status: TransferStatus;
  remoteIp: string;
  startedAt: Date;
  endedAt: Date;
};

export type TransferInput = Omit<TransferRecord, 'id'>;

function toRecord(row: TransferRow): TransferRecord {
  return {
    id: row.id,
    accountId: row.accountId,
    username: row.username,
    sessionId: row.sessionId,
    direction: row.direction,
    path: row.path,
    bytes: Number(row.bytes),
    durationMs: row.durationMs,
    status: row.status,
    remoteIp: row.remoteIp,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
  };
}

/** One INSERT for many rows. Rows whose account was deleted meanwhile keep the username only. */
export async function recordTransfers(db: PrismaDb, inputs: TransferInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const data = (await withExistingAccounts(db, inputs)).map((i) => ({ ...i, bytes: BigInt(i.bytes) }));
  const { count } = await db.transferLog.createMany({ data });
  return count;
}

export type TransferListQuery = {
  accountId?: string;
  username?: string;
  direction?: TransferDirection;
  status?: TransferStatus;
  remoteIp?: string;
  /** substring of the path */
  path?: string;
  /** on endedAt */
  from?: Date;
  to?: Date;
} & Page;

function transferWhere(q: TransferListQuery): Prisma.TransferLogWhereInput {
  const where: Prisma.TransferLogWhereInput = {};
  if (q.accountId) where.accountId = q.accountId;
  if (q.username) where.username = q.username;
  if (q.direction) where.direction = q.direction;
  if (q.status) where.status = q.status;
  if (q.remoteIp) where.remoteIp = q.remoteIp;
  if (q.path) where.path = { contains: q.path };
  const endedAt = timeRange(q);
  if (endedAt) where.endedAt = endedAt;
  return where;
}

/** Newest first. */
export function listTransfers(db: PrismaDb, q: TransferListQuery = {}): Promise<ListResult<TransferRecord>> {
  const where = transferWhere(q);
  return listPage(
    db.transferLog.findMany({ where, orderBy: [{ endedAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
    db.transferLog.count({ where }),
    toRecord,
  );
}

/** Bytes and counts per direction for a filter (dashboard totals, customer portal). */
export async function transferTotals(
  db: PrismaDb,
  q: Omit<TransferListQuery, 'offset' | 'limit' | 'direction'> = {},
): Promise<Record<TransferDirection, { bytes: number; count: number }>> {
  const groups = await db.transferLog.groupBy({
    by: ['direction'],
    where: transferWhere(q),
    _sum: { bytes: true },
    _count: { _all: true },
  });
  const totals: Record<TransferDirection, { bytes: number; count: number }> = {
    UPLOAD: { bytes: 0, count: 0 },
    DOWNLOAD: { bytes: 0, count: 0 },
  };
  for (const g of groups) totals[g.direction] = { bytes: Number(g._sum.bytes ?? 0), count: g._count._all };
  return totals;
}

export type TransferBucket = { at: Date; uploadBytes: number; downloadBytes: number; count: number };

const HOUR_MS = 3_600_000;

/** Seconds from `from` to ended_at, in each provider's dialect (SQLite keeps DateTime as ISO text). */
function secondsSince(provider: DbProvider, fromSec: number): Prisma.Sql {
  return provider === 'postgresql'
    ? Prisma.sql`(EXTRACT(EPOCH FROM ended_at) - ${fromSec})`
    : Prisma.sql`(CAST(strftime('%s', ended_at) AS INTEGER) - ${fromSec})`;
}

/**
 * Transfers that ended in `hours` hourly buckets from `from` (a whole hour): bytes per direction and
 * the count, summed by the database (one GROUP BY, not one row per transfer). Every bucket is
 * returned, empty ones with zeros.
 */
export async function transfersPerHour(db: PrismaDb, provider: DbProvider, q: { from: Date; hours: number }): Promise<TransferBucket[]> {
  const fromMs = q.from.getTime();
  const to = new Date(fromMs + q.hours * HOUR_MS);
  const hour = Prisma.sql`FLOOR(${secondsSince(provider, Math.floor(fromMs / 1000))} / 3600)`;
  const rows = await db.$queryRaw<{ hour: unknown; upload: unknown; download: unknown; count: unknown }[]>`
    SELECT ${hour} AS hour,
      SUM(CASE WHEN direction = 'UPLOAD' THEN bytes ELSE 0 END) AS upload,
      SUM(CASE WHEN direction = 'UPLOAD' THEN 0 ELSE bytes END) AS download,
      COUNT(*) AS count
    FROM transfer_log WHERE ended_at >= ${q.from} AND ended_at < ${to}
    GROUP BY 1`;
  const buckets = Array.from({ length: q.hours }, (_, i) => ({ at: new Date(fromMs + i * HOUR_MS), uploadBytes: 0, downloadBytes: 0, count: 0 }));
  for (const row of rows) {
    const bucket = buckets[Number(row.hour)];
    if (!bucket) continue;
    bucket.uploadBytes = Number(row.upload ?? 0);
    bucket.downloadBytes = Number(row.download ?? 0);
    bucket.count = Number(row.count);
  }
  return buckets;
}

export async function pruneTransfers(db: PrismaDb, olderThan: Date): Promise<number> {
  const { count } = await db.transferLog.deleteMany({ where: { endedAt: { lt: olderThan } } });
  return count;
}
