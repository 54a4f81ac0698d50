// Browser sessions (admins and customers): a random token in an HttpOnly cookie, only its SHA-256
// in WebSession. Revocable; idle expiry from lastSeenAt, absolute expiry fixed at sign-in.
import { randomToken, sha256 } from '@ftp-panel/core';
import type { PrismaDb } from '@ftp-panel/db';

export const SESSION_COOKIE = 'ftp_panel_session';
/** lastSeenAt is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export type SessionTimes = { idleMs: number; absoluteMs: number };

export type WebSessionRecord = {
  id: string;
  kind: 'ADMIN' | 'CUSTOMER';
  adminId: string | null;
  accountId: string | null;
  csrfToken: string;
  lastSeenAt: Date;
};

export async function createWebSession(
  db: PrismaDb,
  input: { kind: 'ADMIN' | 'CUSTOMER'; adminId?: string; accountId?: string; ip: string; userAgent?: string | undefined },
  times: SessionTimes,
): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const row = await db.webSession.create({
    data: {
      tokenHash: sha256(token),
      kind: input.kind,
      adminId: input.adminId ?? null,
      accountId: input.accountId ?? null,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + times.absoluteMs),
    },
  });
  return { token, csrfToken, id: row.id };
}

/** The live session for a cookie token, or null (unknown, revoked, idle too long, expired). */
export async function findLiveWebSession(db: PrismaDb, token: string, times: SessionTimes, now = new Date()): Promise<WebSessionRecord | null> {
  const row = await db.webSession.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > times.idleMs) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.webSession.updateMany({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  return { id: row.id, kind: row.kind, adminId: row.adminId, accountId: row.accountId, csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt };
}

export async function revokeWebSession(db: PrismaDb, id: string): Promise<void> {
  await db.webSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of an admin or account, except the one making the change. */
export async function revokeSessionsOf(
  db: PrismaDb,
  owner: { adminId: string } | { accountId: string },
  exceptId?: string,
): Promise<number> {
  const { count } = await db.webSession.updateMany({
    where: { ...owner, revokedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
