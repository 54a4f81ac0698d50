// Single-use password-reset tokens for customers: only the SHA-256 of the token is stored.
import type { PrismaDb } from '../client.ts';

export type PasswordResetRow = { id: string; accountId: string; username: string; expiresAt: Date; usedAt: Date | null };

export async function insertPasswordResetToken(db: PrismaDb, input: { accountId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.passwordResetToken.create({ data: input });
}

export async function findPasswordResetToken(db: PrismaDb, tokenHash: string): Promise<PasswordResetRow | null> {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash }, include: { account: { select: { username: true } } } });
  return row ? { id: row.id, accountId: row.accountId, username: row.account.username, expiresAt: row.expiresAt, usedAt: row.usedAt } : null;
}

/** Marks one token used; true only for the caller that claimed it (of two concurrent uses, one wins). */
export async function claimPasswordResetToken(db: PrismaDb, id: string, now: Date): Promise<boolean> {
  const { count } = await db.passwordResetToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

/** Marks every outstanding token of an account used. */
export async function expirePasswordResetTokensOf(db: PrismaDb, accountId: string, now: Date): Promise<void> {
  await db.passwordResetToken.updateMany({ where: { accountId, usedAt: null }, data: { usedAt: now } });
}
