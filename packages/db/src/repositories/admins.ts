// Panel administrators.
import type { PrismaDb } from '../client.ts';
import type { Admin as AdminRow } from '../generated/sqlite/client.ts';
import type { UserStatus } from './accounts.ts';

export type AdminRole = 'OWNER' | 'ADMIN' | 'SUPPORT';
export const ADMIN_ROLES: readonly AdminRole[] = ['OWNER', 'ADMIN', 'SUPPORT'];

export type Admin = {
  id: string;
  username: string;
  email: string | null;
  role: AdminRole;
  status: UserStatus;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function toAdmin(row: AdminRow): Admin {
  const { passwordHash: _hash, ...admin } = row;
  return admin;
}

export async function countAdmins(db: PrismaDb): Promise<number> {
  return db.admin.count();
}

export async function createAdmin(
  db: PrismaDb,
  input: { username: string; passwordHash: string; role: AdminRole; email?: string | null },
): Promise<Admin> {
  return toAdmin(await db.admin.create({ data: { ...input, email: input.email ?? null } }));
}

export async function findAdminByUsername(db: PrismaDb, username: string): Promise<Admin | null> {
  const row = await db.admin.findUnique({ where: { username } });
  return row ? toAdmin(row) : null;
}

export async function findAdminById(db: PrismaDb, id: string): Promise<Admin | null> {
  const row = await db.admin.findUnique({ where: { id } });
  return row ? toAdmin(row) : null;
}

export async function findAdminCredentials(
  db: PrismaDb,
  username: string,
): Promise<{ admin: Admin; passwordHash: string } | null> {
  const row = await db.admin.findUnique({ where: { username } });
  return row ? { admin: toAdmin(row), passwordHash: row.passwordHash } : null;
}

export async function listAdmins(db: PrismaDb): Promise<Admin[]> {
  return (await db.admin.findMany({ orderBy: { username: 'asc' } })).map(toAdmin);
}

export async function updateAdmin(
  db: PrismaDb,
  id: string,
  input: { role?: AdminRole; status?: UserStatus; email?: string | null; passwordHash?: string; lastLoginAt?: Date },
): Promise<Admin> {
  return toAdmin(await db.admin.update({ where: { id }, data: input }));
}

export async function deleteAdmin(db: PrismaDb, id: string): Promise<void> {
  await db.admin.delete({ where: { id } });
}

/** Active OWNERs; read inside the transaction that changes an admin, so the last one is never lost. */
export async function countActiveOwners(db: PrismaDb): Promise<number> {
  return db.admin.count({ where: { role: 'OWNER', status: 'ACTIVE' } });
}

/**
 * Inside a transaction: locks the active OWNER rows until it ends, so two changes that could each
 * remove an owner run one after the other (PostgreSQL). SQLite has no row locks and needs none:
 * its writers are serialised by the database lock, taken by the transaction's first write.
 */
export async function lockActiveOwners(db: PrismaDb): Promise<void> {
  if ((db as unknown as { _activeProvider?: string })._activeProvider !== 'postgresql') return;
  await db.$queryRawUnsafe(`SELECT id FROM "admin" WHERE role = 'OWNER' AND status = 'ACTIVE' FOR UPDATE`);
}
