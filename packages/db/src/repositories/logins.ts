// Login attempts (FTP and web): written in batches by the event persister, queried by the API
// (/api/v1/logins) and the ban logic.
import type { PrismaDb } from '../client.ts';
import type { LoginEvent as LoginRow, Prisma } from '../generated/sqlite/client.ts';
import { listPage, pageArgs, timeRange, withExistingAccounts, type ListResult, type Page } from './list-helpers.ts';

export type LoginResult = 'OK' | 'FAILED' | 'DENIED' | 'BANNED';
export type LoginChannel = 'FTP' | 'WEB';

export type LoginEventRecord = {
  id: string;
  accountId: string | null;
  username: string;
  remoteIp: string;
  channel: LoginChannel;
  result: LoginResult;
  reason: string | null;
  sessionId: string | null;
  createdAt: Date;
};

export type LoginEventInput = Omit<LoginEventRecord, 'id' | 'createdAt'> & { createdAt?: Date };

function toRecord(row: LoginRow): LoginEventRecord {
  return {
    id: row.id,
    accountId: row.accountId,
    username: row.username,
    remoteIp: row.remoteIp,
    channel: row.channel,
    result: row.result,
    reason: row.reason,
    sessionId: row.sessionId,
    createdAt: row.createdAt,
  };
}

/** One INSERT for many rows. Rows whose account was deleted meanwhile keep the username only. */
export async function recordLoginEvents(db: PrismaDb, inputs: LoginEventInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const data = (await withExistingAccounts(db, inputs)).map((i) => ({ ...i, createdAt: i.createdAt ?? new Date() }));
  const { count } = await db.loginEvent.createMany({ data });
  return count;
}

export type LoginListQuery = {
  accountId?: string;
  username?: string;
  remoteIp?: string;
  result?: LoginResult;
  channel?: LoginChannel;
  from?: Date;
  to?: Date;
} & Page;

function loginWhere(q: LoginListQuery): Prisma.LoginEventWhereInput {
  const where: Prisma.LoginEventWhereInput = {};
  if (q.accountId) where.accountId = q.accountId;
  if (q.username) where.username = q.username;
  if (q.remoteIp) where.remoteIp = q.remoteIp;
  if (q.result) where.result = q.result;
  if (q.channel) where.channel = q.channel;
  const createdAt = timeRange(q);
  if (createdAt) where.createdAt = createdAt;
  return where;
}

/** Newest first. */
export function listLoginEvents(db: PrismaDb, q: LoginListQuery = {}): Promise<ListResult<LoginEventRecord>> {
  const where = loginWhere(q);
  return listPage(
    db.loginEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
    db.loginEvent.count({ where }),
    toRecord,
  );
}

/** Failed attempts per IP since a time, most failures first (for the bans page and the ban policy). */
export async function failedLoginsByIp(
  db: PrismaDb,
  since: Date,
  limit = 100,
): Promise<{ ip: string; failures: number; lastAt: Date }[]> {
  const groups = await db.loginEvent.groupBy({
    by: ['remoteIp'],
    where: { result: 'FAILED', createdAt: { gte: since } },
    _count: { _all: true },
    _max: { createdAt: true },
    orderBy: { _count: { remoteIp: 'desc' } },
    take: limit,
  });
  return groups.map((g) => ({ ip: g.remoteIp, failures: g._count._all, lastAt: g._max.createdAt ?? since }));
}

export async function pruneLoginEvents(db: PrismaDb, olderThan: Date): Promise<number> {
  const { count } = await db.loginEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
