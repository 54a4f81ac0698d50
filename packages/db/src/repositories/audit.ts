// The audit trail: who changed what, with before/after snapshots. Snapshots are stored as JSON
// text and must never contain a password, a hash or a token secret (callers pass domain objects).
import type { PrismaDb } from '../client.ts';
import type { AuditEntry as AuditRow, Prisma } from '../generated/sqlite/client.ts';

export type ActorType = 'ADMIN' | 'TOKEN' | 'CUSTOMER' | 'CLI' | 'SYSTEM';

/** Who performs a change: an admin, an API token, a customer, the CLI or the system itself. */
export type Actor = { type: ActorType; id?: string | null; name: string; ip?: string | null };

export const SYSTEM_ACTOR: Actor = { type: 'SYSTEM', id: null, name: 'system' };

export type AuditInput = {
  actor: Actor;
  /** dotted verb, e.g. account.create, account.password, token.revoke */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditEntry = {
  id: string;
  actorType: ActorType;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return { ...row, before: parseJson(row.before), after: parseJson(row.after) };
}

export async function recordAudit(db: PrismaDb, entry: AuditInput): Promise<AuditEntry> {
  const row = await db.auditEntry.create({
    data: {
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      actorName: entry.actor.name,
      ip: entry.actor.ip ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
  return toAuditEntry(row);
}

export type AuditQuery = {
  /** actor name or actor id */
  actor?: string;
  /** target id (an account's username, a token id, an admin's username) */
  target?: string;
  targetType?: string;
  /** prefix: "account" matches account.create, account.update, ... */
  action?: string;
  from?: Date;
  to?: Date;
  offset?: number;
  limit?: number;
};

/** Newest first. */
export async function listAuditEntries(db: PrismaDb, q: AuditQuery = {}): Promise<{ items: AuditEntry[]; total: number }> {
  const where: Prisma.AuditEntryWhereInput = {};
  if (q.actor) where.OR = [{ actorName: q.actor }, { actorId: q.actor }];
  if (q.target) where.targetId = q.target;
  if (q.targetType) where.targetType = q.targetType;
  if (q.action) where.action = { startsWith: q.action };
  if (q.from || q.to) where.createdAt = { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) };
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: q.offset ?? 0,
      take: q.limit ?? 50,
    }),
    db.auditEntry.count({ where }),
  ]);
  return { items: rows.map(toAuditEntry), total };
}
