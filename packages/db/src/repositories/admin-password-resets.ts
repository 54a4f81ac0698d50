// Single-use password-reset tokens for admins (forgotten password): only the SHA-256 is stored.
import type { PrismaDb } from '../client.ts';

export type AdminPasswordResetRow = { id: string; adminId: string; username: string; expiresAt: Date; usedAt: Date | null };

export async function insertAdminPasswordResetToken(db: PrismaDb, input: { adminId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.adminPasswordResetToken.create({ data: input });
}

export async function findAdminPasswordResetToken(db: PrismaDb, tokenHash: string): Promise<AdminPasswordResetRow | null> {
  const row = await db.adminPasswordResetToken.findUnique({ where: { tokenHash }, include: { admin: { select: { username: true } } } });
  return row ? { id: row.id, adminId: row.adminId, username: row.admin.username, expiresAt: row.expiresAt, usedAt: row.usedAt } : null;
}

/** Marks one token used; true only for the caller that claimed it (of two concurrent uses, one wins). */
export async function claimAdminPasswordResetToken(db: PrismaDb, id: string, now: Date): Promise<boolean> {
  const { count } = await db.adminPasswordResetToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

/** Marks every outstanding token of an admin used. */
export async function expireAdminPasswordResetTokensOf(db: PrismaDb, adminId: string, now: Date): Promise<void> {
  await db.adminPasswordResetToken.updateMany({ where: { adminId, usedAt: null }, data: { usedAt: now } });
}

/** Active admins with this email address (case as stored; several admins may share one). */
export async function findActiveAdminIdsByEmail(db: PrismaDb, email: string): Promise<{ id: string; username: string; email: string }[]> {
  const rows = await db.admin.findMany({ where: { email, status: 'ACTIVE' }, select: { id: true, username: true, email: true }, take: 5 });
  return rows.flatMap((r) => (r.email ? [{ id: r.id, username: r.username, email: r.email }] : []));
}
