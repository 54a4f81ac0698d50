// Browser sessions (admins and customers): only the SHA-256 of the cookie token is stored.
import type { PrismaDb } from '../client.ts';

export type WebSessionKind = 'ADMIN' | 'CUSTOMER';
export type WebSessionOwner = { adminId: string } | { accountId: string };

export type WebSessionRow = {
  id: string;
  kind: WebSessionKind;
  adminId: string | null;
  accountId: string | null;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** signed in with the password only: the second factor is still owed (core/two-factor) */
  isTwoFactorPending: boolean;
};

export async function insertWebSession(
  db: PrismaDb,
  input: { tokenHash: string; kind: WebSessionKind; adminId: string | null; accountId: string | null; csrfToken: string; ip: string; userAgent: string | null; expiresAt: Date },
): Promise<{ id: string }> {
  const row = await db.webSession.create({ data: input, select: { id: true } });
  return row;
}

export async function findWebSessionByTokenHash(db: PrismaDb, tokenHash: string): Promise<WebSessionRow | null> {
  return db.webSession.findUnique({
    where: { tokenHash },
    select: { id: true, kind: true, adminId: true, accountId: true, csrfToken: true, lastSeenAt: true, expiresAt: true, revokedAt: true, isTwoFactorPending: true },
  });
}

export async function touchWebSession(db: PrismaDb, id: string, now: Date): Promise<void> {
  await db.webSession.updateMany({ where: { id }, data: { lastSeenAt: now } });
}

export async function revokeWebSessionById(db: PrismaDb, id: string, now: Date): Promise<void> {
  await db.webSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
}

/** Deletes sessions past their absolute expiry (the hourly retention job); returns how many. */
export async function pruneExpiredWebSessions(db: PrismaDb, now: Date): Promise<number> {
  const { count } = await db.webSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

/** Revokes the live sessions of an admin or an account, except one; returns how many ended. */
export async function revokeWebSessionsOf(db: PrismaDb, owner: WebSessionOwner, now: Date, exceptId?: string): Promise<number> {
  const { count } = await db.webSession.updateMany({
    where: { ...owner, revokedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}
