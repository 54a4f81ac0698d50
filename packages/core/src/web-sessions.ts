// Browser sessions (admins and customers): a random token in an HttpOnly cookie, only its SHA-256
// in WebSession. Revocable; idle expiry from lastSeenAt, absolute expiry fixed at sign-in.
import {
  findWebSessionByTokenHash,
  insertWebSession,
  revokeWebSessionById,
  revokeWebSessionsOf,
  touchWebSession,
  type PrismaDb,
  type WebSessionKind,
  type WebSessionOwner,
  type WebSessionRow,
} from '@ftp-panel/db';
import { randomToken, sha256 } from './bootstrap.ts';

/** lastSeenAt is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export type SessionTimes = { idleMs: number; absoluteMs: number };
/** What the session use cases depend on: the database, the lifetimes (configuration) and a clock. */
export type WebSessionContext = { db: PrismaDb; times: SessionTimes; now?: () => Date };

export type WebSessionRecord = Omit<WebSessionRow, 'expiresAt' | 'revokedAt'>;

function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now?.() ?? new Date();
}

/** Who signs in, from where. */
export type WebSessionStart = { kind: WebSessionKind; adminId?: string; accountId?: string; ip: string; userAgent?: string | undefined };
export type NewWebSession = { token: string; csrfToken: string; id: string };

/**
 * New cookie and CSRF tokens, stored (the cookie token hashed) through `insert` until `expiresAt`:
 * full sessions here, the ones waiting for the second factor in two-factor/sessions.ts.
 */
export async function storeNewWebSession(db: PrismaDb, insert: typeof insertWebSession, input: WebSessionStart, expiresAt: Date): Promise<NewWebSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const { id } = await insert(db, {
    tokenHash: sha256(token),
    kind: input.kind,
    adminId: input.adminId ?? null,
    accountId: input.accountId ?? null,
    csrfToken,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { token, csrfToken, id };
}

export function createWebSession(ctx: WebSessionContext, input: WebSessionStart): Promise<NewWebSession> {
  return storeNewWebSession(ctx.db, insertWebSession, input, new Date(nowOf(ctx).getTime() + ctx.times.absoluteMs));
}

/** The live session for a cookie token, or null (unknown, revoked, idle too long, expired). */
export async function findLiveWebSession(ctx: WebSessionContext, token: string): Promise<WebSessionRecord | null> {
  const now = nowOf(ctx);
  const row = await findWebSessionByTokenHash(ctx.db, sha256(token));
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (idleFor > ctx.times.idleMs) return null;
  if (idleFor > TOUCH_EVERY_MS) await touchWebSession(ctx.db, row.id, now);
  return { id: row.id, kind: row.kind, adminId: row.adminId, accountId: row.accountId, csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt, isTwoFactorPending: row.isTwoFactorPending };
}

export async function revokeWebSession(ctx: { db: PrismaDb; now?: () => Date }, id: string): Promise<void> {
  await revokeWebSessionById(ctx.db, id, nowOf(ctx));
}

/** Ends every session of an admin or account, except the one making the change. */
export function revokeSessionsOf(ctx: { db: PrismaDb; now?: () => Date }, owner: WebSessionOwner, exceptId?: string): Promise<number> {
  return revokeWebSessionsOf(ctx.db, owner, nowOf(ctx), exceptId);
}
