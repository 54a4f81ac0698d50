// The audit trail: who changed what, with before/after values. Values are stored as JSON text and
// never contain a password, a hash, a TOTP secret or a token (removed here by name, whatever the
// caller passes). Entries form a hash chain (tamper evidence): each stores a SHA-256 over its own
// content and the previous entry's hash; entries written before the chain existed have no hash.
import { createHash, randomUUID } from 'node:crypto';
import type { PrismaDb } from '../client.ts';
import type { AuditEntry as AuditRow, Prisma } from '../generated/sqlite/client.ts';
import { listPage, pageArgs, timeRange, type ListResult, type Page } from './list-helpers.ts';

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
  /** With `after`, for an update: only the fields whose values differ are stored. */
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

/** An entry as stored (before/after as their JSON text), which is what its hash covers. */
export type AuditChainRow = Omit<AuditEntry, 'before' | 'after'> & {
  before: string | null;
  after: string | null;
  hash: string | null;
  prevHash: string | null;
};

/** Field names whose values never enter the audit trail (any depth). */
const SECRET_FIELD = /password|secret|recoverycodes|token$|tokenhash$|keypem$|privatekey/i;
/** Bookkeeping that changes on every update and says nothing about what was changed. */
const BOOKKEEPING_FIELDS = new Set(['updatedAt', 'version']);

/** Any session of any process serialises appends on this (PostgreSQL transaction-level advisory lock). */
const AUDIT_CHAIN_LOCK = 727_112;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || SECRET_FIELD.test(key)) continue;
    out[key] = withoutSecrets(v);
  }
  return out;
}

/**
 * What an entry stores: secrets removed, and for an update (two objects) only the fields that
 * changed, old values in `before` and new ones in `after`. A field missing on one side is kept
 * on the side that has it (a deletion's `before` is the whole object).
 */
export function auditChanges(before: unknown, after: unknown): { before: unknown; after: unknown } {
  const b = withoutSecrets(before);
  const a = withoutSecrets(after);
  if (!isPlainObject(b) || !isPlainObject(a)) return { before: b, after: a };
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (BOOKKEEPING_FIELDS.has(key) && key in b && key in a) continue;
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    if (key in b) changedBefore[key] = b[key];
    if (key in a) changedAfter[key] = a[key];
  }
  return { before: changedBefore, after: changedAfter };
}

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
  return {
    id: row.id,
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    ip: row.ip,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: parseJson(row.before),
    after: parseJson(row.after),
    createdAt: row.createdAt,
  };
}

/** SHA-256 (hex) over an entry's content, in a fixed order, and the previous entry's hash. */
export function auditEntryHash(row: Omit<AuditChainRow, 'hash'>): string {
  const content = [
    row.actorType,
    row.actorId,
    row.actorName,
    row.ip,
    row.action,
    row.targetType,
    row.targetId,
    row.before,
    row.after,
    row.createdAt.toISOString(),
    row.id,
    row.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function isPostgres(db: PrismaDb): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql';
}

/** A transaction client has no $transaction of its own. */
function isInTransaction(db: PrismaDb): boolean {
  return typeof (db as unknown as { $transaction?: unknown }).$transaction !== 'function';
}

async function appendAudit(tx: PrismaDb, entry: AuditInput): Promise<AuditEntry> {
  // Serialise appends so two writers never chain onto the same previous entry. SQLite: a write
  // (even of no row) takes the database's write lock until the transaction ends.
  if (isPostgres(tx)) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  else await tx.$executeRawUnsafe('UPDATE "audit_entry" SET "hash" = "hash" WHERE 1 = 0');
  const newest = await tx.auditEntry.findFirst({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { createdAt: true } });
  const lastHashed = await tx.auditEntry.findFirst({
    where: { hash: { not: null } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { hash: true },
  });
  // The chain is read in time order: each entry is later than every entry before it, even when
  // the clock is coarse or steps back.
  const now = Date.now();
  const createdAt = new Date(newest && newest.createdAt.getTime() >= now ? newest.createdAt.getTime() + 1 : now);
  const { before, after } = auditChanges(entry.before, entry.after);
  const row: Omit<AuditChainRow, 'hash'> = {
    id: randomUUID(),
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorName: entry.actor.name,
    ip: entry.actor.ip ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: toJson(before),
    after: toJson(after),
    createdAt,
    prevHash: lastHashed?.hash ?? null,
  };
  const created = await tx.auditEntry.create({ data: { ...row, hash: auditEntryHash(row) } });
  return toAuditEntry(created);
}

/** Appends an entry to the chain, inside the caller's transaction when given one. */
export async function recordAudit(db: PrismaDb, entry: AuditInput): Promise<AuditEntry> {
  if (isInTransaction(db)) return appendAudit(db, entry);
  return db.$transaction((tx) => appendAudit(tx as unknown as PrismaDb, entry), { maxWait: 10_000, timeout: 20_000 });
}

/** Stored entries oldest first (time, then id), after `from` when given: the chain's order. */
export async function listAuditChain(db: PrismaDb, from: { createdAt: Date; id: string } | null, limit = 500): Promise<AuditChainRow[]> {
  const rows = await db.auditEntry.findMany({
    ...(from ? { where: { OR: [{ createdAt: { gt: from.createdAt } }, { createdAt: from.createdAt, id: { gt: from.id } }] } } : {}),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  return rows;
}

export type AuditQuery = {
  /** actor name or actor id */
  actor?: string;
  /** target id (an account's username, a token id, an admin's username) */
  target?: string;
  targetType?: string;
  /** prefix: "account" matches account.create, account.update, ... */
  action?: string;
  /** both inclusive */
  from?: Date;
  to?: Date;
} & Page;

/** Newest first. */
export function listAuditEntries(db: PrismaDb, q: AuditQuery = {}): Promise<ListResult<AuditEntry>> {
  const where: Prisma.AuditEntryWhereInput = {};
  if (q.actor) where.OR = [{ actorName: q.actor }, { actorId: q.actor }];
  if (q.target) where.targetId = q.target;
  if (q.targetType) where.targetType = q.targetType;
  if (q.action) where.action = { startsWith: q.action };
  const createdAt = timeRange(q, true);
  if (createdAt) where.createdAt = createdAt;
  return listPage(
    db.auditEntry.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
    db.auditEntry.count({ where }),
    toAuditEntry,
  );
}
