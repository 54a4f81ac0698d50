// IP bans: created automatically after repeated failed logins or by an admin, they expire (or not)
// and can be lifted early. Lifting keeps the row, so the history stays visible.
import type { PrismaDb } from '../client.ts';
import type { Ban as BanRow, Prisma } from '../generated/sqlite/client.ts';
import { listPage, pageArgs, timeRange, type ListResult, type Page } from './list-helpers.ts';

export type Ban = {
  id: string;
  /** an IP address or a CIDR block */
  ip: string;
  reason: string;
  createdBy: string | null;
  createdAt: Date;
  /** null = until lifted */
  expiresAt: Date | null;
  liftedAt: Date | null;
  isActive: boolean;
};

export type BanInput = {
  ip: string;
  reason: string;
  createdBy?: string | null;
  /** seconds from now; 0 or undefined = until lifted (unless expiresAt is given) */
  durationSec?: number;
  expiresAt?: Date | null;
};

function toBan(row: BanRow, now = new Date()): Ban {
  return {
    id: row.id,
    ip: row.ip,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    liftedAt: row.liftedAt,
    isActive: row.liftedAt === null && (row.expiresAt === null || row.expiresAt > now),
  };
}

function activeWhere(now: Date): Prisma.BanWhereInput {
  return { liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export async function createBan(db: PrismaDb, input: BanInput, now = new Date()): Promise<Ban> {
  const expiresAt =
    input.expiresAt !== undefined ? input.expiresAt : input.durationSec ? new Date(now.getTime() + input.durationSec * 1000) : null;
  const row = await db.ban.create({
    data: { ip: input.ip, reason: input.reason, createdBy: input.createdBy ?? null, createdAt: now, expiresAt },
  });
  return toBan(row, now);
}

export async function findBanById(db: PrismaDb, id: string): Promise<Ban | null> {
  const row = await db.ban.findUnique({ where: { id } });
  return row ? toBan(row) : null;
}

/** Every ban in force now (the FTP service keeps these in memory). */
export async function listActiveBans(db: PrismaDb, now = new Date()): Promise<Ban[]> {
  const rows = await db.ban.findMany({ where: activeWhere(now), orderBy: { createdAt: 'desc' } });
  return rows.map((r) => toBan(r, now));
}

export async function findActiveBan(db: PrismaDb, ip: string, now = new Date()): Promise<Ban | null> {
  const row = await db.ban.findFirst({ where: { ip, ...activeWhere(now) }, orderBy: { createdAt: 'desc' } });
  return row ? toBan(row, now) : null;
}

export type BanListQuery = {
  ip?: string;
  /** true = in force only; false = expired or lifted only; undefined = all */
  isActive?: boolean;
  from?: Date;
  to?: Date;
} & Page;

function banWhere(q: BanListQuery, now: Date): Prisma.BanWhereInput {
  const and: Prisma.BanWhereInput[] = [];
  if (q.ip) and.push({ ip: q.ip });
  const createdAt = timeRange(q);
  if (createdAt) and.push({ createdAt });
  if (q.isActive === true) and.push(activeWhere(now));
  if (q.isActive === false) and.push({ OR: [{ liftedAt: { not: null } }, { expiresAt: { lte: now } }] });
  return and.length ? { AND: and } : {};
}

export function listBans(db: PrismaDb, q: BanListQuery = {}, now = new Date()): Promise<ListResult<Ban>> {
  const where = banWhere(q, now);
  return listPage(
    db.ban.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...pageArgs(q) }),
    db.ban.count({ where }),
    (r) => toBan(r, now),
  );
}

/** How many bans match the filter (the dashboard's "Active bans": { isActive: true }). */
export function countBans(db: PrismaDb, q: Omit<BanListQuery, 'offset' | 'limit'> = {}, now = new Date()): Promise<number> {
  return db.ban.count({ where: banWhere(q, now) });
}

/** Lifts those of the given bans that are still in force; returns them (empty = none was). */
export async function liftBansById(db: PrismaDb, ids: readonly string[], now = new Date()): Promise<Ban[]> {
  if (ids.length === 0) return [];
  const rows = await db.ban.findMany({ where: { AND: [{ id: { in: [...ids] } }, activeWhere(now)] } });
  if (rows.length === 0) return [];
  await db.ban.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { liftedAt: now } });
  return rows.map((r) => toBan({ ...r, liftedAt: now }, now));
}

/** Deletes bans that ended (expired or lifted) before the given time. */
export async function pruneBans(db: PrismaDb, endedBefore: Date): Promise<number> {
  const { count } = await db.ban.deleteMany({
    where: { OR: [{ liftedAt: { lt: endedBefore } }, { expiresAt: { lt: endedBefore } }] },
  });
  return count;
}
