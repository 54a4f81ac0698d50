// FTP accounts (virtual users). Returns domain objects: numbers instead of BigInt, lists instead of
// comma-separated text; the password hash only leaves through findAccountCredentials.
import type { PrismaDb } from '../client.ts';
import { Prisma, type Account as AccountRow } from '../generated/sqlite/client.ts';

export const PERMISSIONS = ['list', 'read', 'write', 'delete', 'rename', 'mkdir'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type UserStatus = 'ACTIVE' | 'DISABLED';

export type Account = {
  id: string;
  username: string;
  email: string | null;
  status: UserStatus;
  expiresAt: Date | null;
  /** relative to the homes root */
  homeDir: string;
  quotaBytes: number;
  quotaFiles: number;
  usedBytes: number;
  usedFiles: number;
  uploadKiBps: number;
  downloadKiBps: number;
  maxSessions: number;
  allowedCidrs: string[];
  deniedCidrs: string[];
  permissions: Permission[];
  requireTls: boolean;
  /** Data connections must resume the control connection's TLS session; null = the server setting. */
  isTlsSessionReuseRequired: boolean | null;
  note: string;
  version: number;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Fields an admin, the CLI or the API may set. */
export type AccountInput = {
  email?: string | null;
  status?: UserStatus;
  expiresAt?: Date | null;
  homeDir?: string;
  quotaBytes?: number;
  quotaFiles?: number;
  uploadKiBps?: number;
  downloadKiBps?: number;
  maxSessions?: number;
  allowedCidrs?: string[];
  deniedCidrs?: string[];
  permissions?: Permission[];
  requireTls?: boolean;
  isTlsSessionReuseRequired?: boolean | null;
  note?: string;
};

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    status: row.status,
    expiresAt: row.expiresAt,
    homeDir: row.homeDir,
    quotaBytes: Number(row.quotaBytes),
    quotaFiles: row.quotaFiles,
    usedBytes: Number(row.usedBytes),
    usedFiles: row.usedFiles,
    uploadKiBps: row.uploadKiBps,
    downloadKiBps: row.downloadKiBps,
    maxSessions: row.maxSessions,
    allowedCidrs: splitList(row.allowedCidrs),
    deniedCidrs: splitList(row.deniedCidrs),
    permissions: splitList(row.permissions).filter((p): p is Permission =>
      (PERMISSIONS as readonly string[]).includes(p),
    ),
    requireTls: row.requireTls,
    isTlsSessionReuseRequired: row.isTlsSessionReuseRequired,
    note: row.note,
    version: row.version,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toData(input: AccountInput): Prisma.AccountUpdateInput {
  const data: Prisma.AccountUpdateInput = {};
  if (input.email !== undefined) data.email = input.email;
  if (input.status !== undefined) data.status = input.status;
  if (input.expiresAt !== undefined) data.expiresAt = input.expiresAt;
  if (input.homeDir !== undefined) data.homeDir = input.homeDir;
  if (input.quotaBytes !== undefined) data.quotaBytes = BigInt(input.quotaBytes);
  if (input.quotaFiles !== undefined) data.quotaFiles = input.quotaFiles;
  if (input.uploadKiBps !== undefined) data.uploadKiBps = input.uploadKiBps;
  if (input.downloadKiBps !== undefined) data.downloadKiBps = input.downloadKiBps;
  if (input.maxSessions !== undefined) data.maxSessions = input.maxSessions;
  if (input.allowedCidrs !== undefined) data.allowedCidrs = input.allowedCidrs.join(',');
  if (input.deniedCidrs !== undefined) data.deniedCidrs = input.deniedCidrs.join(',');
  if (input.permissions !== undefined) data.permissions = input.permissions.join(',');
  if (input.requireTls !== undefined) data.requireTls = input.requireTls;
  if (input.isTlsSessionReuseRequired !== undefined) data.isTlsSessionReuseRequired = input.isTlsSessionReuseRequired;
  if (input.note !== undefined) data.note = input.note;
  return data;
}

export async function findAccountByUsername(db: PrismaDb, username: string): Promise<Account | null> {
  const row = await db.account.findUnique({ where: { username } });
  return row ? toAccount(row) : null;
}

export async function findAccountById(db: PrismaDb, id: string): Promise<Account | null> {
  const row = await db.account.findUnique({ where: { id } });
  return row ? toAccount(row) : null;
}

export async function findAccountByEmail(db: PrismaDb, email: string): Promise<Account[]> {
  const rows = await db.account.findMany({ where: { email }, take: 10 });
  return rows.map(toAccount);
}

/** The account with its password hash, for authentication only. */
export async function findAccountCredentials(
  db: PrismaDb,
  username: string,
): Promise<{ account: Account; passwordHash: string } | null> {
  const row = await db.account.findUnique({ where: { username } });
  return row ? { account: toAccount(row), passwordHash: row.passwordHash } : null;
}

export async function createAccount(
  db: PrismaDb,
  input: AccountInput & { username: string; passwordHash: string; homeDir: string },
): Promise<Account> {
  const { username, passwordHash, ...rest } = input;
  const data = { ...toData(rest), username, passwordHash, homeDir: input.homeDir } as Prisma.AccountCreateInput;
  return toAccount(await db.account.create({ data }));
}

/**
 * Updates an account; with expectedVersion, only when nobody changed it meanwhile (returns null
 * when the version moved on, so the caller can answer 412/409).
 */
export async function updateAccount(
  db: PrismaDb,
  username: string,
  input: AccountInput,
  expectedVersion?: number,
): Promise<Account | null> {
  const data = { ...toData(input), version: { increment: 1 } };
  if (expectedVersion === undefined) {
    return toAccount(await db.account.update({ where: { username }, data }));
  }
  const { count } = await db.account.updateMany({ where: { username, version: expectedVersion }, data });
  if (count === 0) return null;
  return findAccountByUsername(db, username);
}

export async function setAccountPasswordHash(db: PrismaDb, username: string, passwordHash: string): Promise<Account> {
  return toAccount(
    await db.account.update({ where: { username }, data: { passwordHash, version: { increment: 1 } } }),
  );
}

/** Rehash on login (older argon2 parameters): not a user-visible change, so the version stays. */
export async function upgradeAccountPasswordHash(db: PrismaDb, id: string, oldHash: string, newHash: string): Promise<void> {
  await db.account.updateMany({ where: { id, passwordHash: oldHash }, data: { passwordHash: newHash } });
}

export async function touchAccountLogin(db: PrismaDb, id: string, at = new Date()): Promise<void> {
  await db.account.updateMany({ where: { id }, data: { lastLoginAt: at } });
}

export async function deleteAccount(db: PrismaDb, username: string): Promise<Account | null> {
  const row = await db.account.delete({ where: { username } }).catch(() => null);
  return row ? toAccount(row) : null;
}

export type AccountListQuery = {
  search?: string;
  status?: UserStatus;
  isOverQuota?: boolean;
  sort?: 'username' | 'createdAt' | 'lastLoginAt' | 'usedBytes';
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
};

/** Sort keys map to columns here and nowhere else: the ORDER BY is never built from input. */
const SORT_COLUMNS = {
  username: Prisma.raw('username'),
  createdAt: Prisma.raw('created_at'),
  lastLoginAt: Prisma.raw('last_login_at'),
  usedBytes: Prisma.raw('used_bytes'),
} as const;

/** Every column but the password hash, in the raw list query. */
const LIST_COLUMNS = Prisma.raw(
  [
    'id', 'username', 'email', 'status', 'expires_at', 'home_dir', 'quota_bytes', 'quota_files', 'used_bytes', 'used_files',
    'upload_kibps', 'download_kibps', 'max_sessions', 'allowed_cidrs', 'denied_cidrs', 'permissions', 'require_tls',
    'is_tls_session_reuse_required', 'note', 'version', 'last_login_at', 'created_at', 'updated_at',
  ].join(', '),
);

type ListRow = {
  id: string;
  username: string;
  email: string | null;
  status: string;
  expires_at: unknown;
  home_dir: string;
  quota_bytes: unknown;
  quota_files: unknown;
  used_bytes: unknown;
  used_files: unknown;
  upload_kibps: unknown;
  download_kibps: unknown;
  max_sessions: unknown;
  allowed_cidrs: string;
  denied_cidrs: string;
  permissions: string;
  require_tls: unknown;
  is_tls_session_reuse_required: unknown;
  note: string;
  version: unknown;
  last_login_at: unknown;
  created_at: unknown;
  updated_at: unknown;
};

/** Raw rows: the drivers may hand back BigInt, 0/1 or text/epoch-ms dates (SQLite); normalise. */
function rawDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  return new Date(/^\d+$/.test(text) ? Number(text) : text);
}

function rawBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 'true';
}

function fromListRow(row: ListRow): Account {
  return toAccount({
    id: row.id,
    username: row.username,
    passwordHash: '',
    email: row.email,
    status: row.status as UserStatus,
    expiresAt: rawDate(row.expires_at),
    homeDir: row.home_dir,
    quotaBytes: BigInt(row.quota_bytes as bigint),
    quotaFiles: Number(row.quota_files),
    usedBytes: BigInt(row.used_bytes as bigint),
    usedFiles: Number(row.used_files),
    uploadKiBps: Number(row.upload_kibps),
    downloadKiBps: Number(row.download_kibps),
    maxSessions: Number(row.max_sessions),
    allowedCidrs: row.allowed_cidrs,
    deniedCidrs: row.denied_cidrs,
    permissions: row.permissions,
    requireTls: rawBool(row.require_tls),
    isTlsSessionReuseRequired: row.is_tls_session_reuse_required === null || row.is_tls_session_reuse_required === undefined ? null : rawBool(row.is_tls_session_reuse_required),
    note: row.note,
    version: Number(row.version),
    lastLoginAt: rawDate(row.last_login_at),
    createdAt: rawDate(row.created_at) as Date,
    updatedAt: rawDate(row.updated_at) as Date,
    // The list never reads second-factor secrets.
    totpSecret: null,
    totpEnabledAt: null,
    totpLastStep: null,
    recoveryCodes: '[]',
  });
}

/** `contains` as a LIKE pattern: %, _ and the escape character itself match literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listFilter(q: AccountListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  // an untyped parameter: PostgreSQL infers the enum type, SQLite compares text
  if (q.status) conditions.push(Prisma.sql`status = ${q.status}`);
  if (q.search) {
    const pattern = containsPattern(q.search);
    conditions.push(
      Prisma.sql`(username LIKE ${pattern} ESCAPE '\\' OR email LIKE ${pattern} ESCAPE '\\' OR note LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (q.isOverQuota) {
    // usage reached a non-zero limit
    conditions.push(Prisma.sql`((quota_bytes > 0 AND used_bytes >= quota_bytes) OR (quota_files > 0 AND used_files >= quota_files))`);
  }
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

/**
 * One page of accounts and the number of matches, in raw SQL: the model API costs several times the
 * query itself on this hot path. Not a COUNT(*) OVER () window: that makes the database read and
 * sort every match instead of walking the username index for one page.
 */
export async function listAccounts(db: PrismaDb, q: AccountListQuery = {}): Promise<{ items: Account[]; total: number }> {
  const where = listFilter(q);
  const column = SORT_COLUMNS[q.sort ?? 'username'] ?? SORT_COLUMNS.username;
  const direction = Prisma.raw(q.order === 'desc' ? 'DESC' : 'ASC');
  const limit = Math.max(0, Math.trunc(q.limit ?? 50));
  const offset = Math.max(0, Math.trunc(q.offset ?? 0));
  // Deferred join: the inner query walks past `offset` rows reading ids only, whole rows are read for
  // the page alone (about twice as fast on deep pages). The count rides along as an uncorrelated
  // subquery (evaluated once): one round trip through the client instead of two.
  const rows = await db.$queryRaw<(ListRow & { total: unknown })[]>`
    SELECT ${LIST_COLUMNS}, (SELECT COUNT(*) FROM account ${where}) AS total FROM account
    WHERE id IN (SELECT id FROM account ${where} ORDER BY ${column} ${direction}, id ASC LIMIT ${limit} OFFSET ${offset})
    ORDER BY ${column} ${direction}, id ASC`;
  const first = rows[0];
  // Past the last page no row carries the count.
  const total = first ? Number(first.total) : offset > 0 || limit === 0 ? await countAccounts(db, where) : 0;
  return { items: rows.map(fromListRow), total };
}

async function countAccounts(db: PrismaDb, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ total: unknown }[]>`SELECT COUNT(*) AS total FROM account ${where}`;
  return Number(row?.total ?? 0);
}

/** Applies a usage delta atomically (several sessions of one account upload at once). */
export async function addAccountUsage(db: PrismaDb, id: string, deltaBytes: number, deltaFiles: number): Promise<void> {
  if (deltaBytes === 0 && deltaFiles === 0) return;
  // One atomic statement that never stores usage below zero: a negative usage would read as extra
  // quota. (A plain increment cannot clamp; CASE works the same on SQLite and PostgreSQL.)
  const bytes = BigInt(deltaBytes);
  await db.$executeRaw`UPDATE account SET
    used_bytes = CASE WHEN used_bytes + ${bytes} < 0 THEN 0 ELSE used_bytes + ${bytes} END,
    used_files = CASE WHEN used_files + ${deltaFiles} < 0 THEN 0 ELSE used_files + ${deltaFiles} END
    WHERE id = ${id}`;
}

export async function setAccountUsage(db: PrismaDb, id: string, usedBytes: number, usedFiles: number): Promise<void> {
  await db.account.updateMany({ where: { id }, data: { usedBytes: BigInt(usedBytes), usedFiles } });
}

/**
 * Accounts whose usage is above `percent` of a non-zero byte or file quota: how many, and the
 * first few usernames (alphabetically) to name in a warning.
 */
export async function findAccountsNearQuota(db: PrismaDb, percent: number, sampleSize = 3): Promise<{ total: number; usernames: string[] }> {
  const where = Prisma.sql`WHERE (quota_bytes > 0 AND used_bytes * 100 > quota_bytes * ${percent}) OR (quota_files > 0 AND used_files * 100 > quota_files * ${percent})`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<{ username: string }[]>`SELECT username FROM account ${where} ORDER BY username ASC LIMIT ${sampleSize}`,
    db.$queryRaw<{ total: unknown }[]>`SELECT COUNT(*) AS total FROM account ${where}`,
  ]);
  return { total: Number(counted[0]?.total ?? 0), usernames: rows.map((r) => r.username) };
}
