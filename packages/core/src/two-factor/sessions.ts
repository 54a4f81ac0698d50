// The web session between the password and the second factor: it can only send the code (or
// enrol, when the owner requires two-factor and the admin has none) or sign out. It lives
// PENDING_SESSION_MS; the full session is a new one (new token), started once the code is right.
import { insertPendingWebSession, isWebSessionTwoFactorPending, revokeWebSessionById, type PrismaDb, type WebSessionKind } from '@ftp-panel/db';
import { randomToken, sha256 } from '../bootstrap.ts';
import { createWebSession, type WebSessionContext } from '../web-sessions.ts';

export const PENDING_SESSION_MS = 10 * 60_000;
/** Wrong codes allowed on one pending session before it ends (the password must be typed again). */
export const MAX_SECOND_FACTOR_FAILURES = 5;

export async function createPendingWebSession(
  ctx: { db: PrismaDb; now?: () => Date },
  input: { kind: WebSessionKind; adminId?: string; accountId?: string; ip: string; userAgent?: string | undefined },
): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const { id } = await insertPendingWebSession(ctx.db, {
    tokenHash: sha256(token),
    kind: input.kind,
    adminId: input.adminId ?? null,
    accountId: input.accountId ?? null,
    csrfToken,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date((ctx.now?.() ?? new Date()).getTime() + PENDING_SESSION_MS),
  });
  return { token, csrfToken, id };
}

/** Ends the pending session and starts the full one under a new token (no fixation across the step). */
export async function completePendingWebSession(
  ctx: WebSessionContext,
  pendingId: string,
  input: { kind: WebSessionKind; adminId?: string; accountId?: string; ip: string; userAgent?: string | undefined },
): Promise<{ token: string; csrfToken: string; id: string }> {
  await revokeWebSessionById(ctx.db, pendingId, ctx.now?.() ?? new Date());
  return createWebSession(ctx, input);
}

export function isTwoFactorPendingSession(ctx: { db: PrismaDb }, id: string): Promise<boolean> {
  return isWebSessionTwoFactorPending(ctx.db, id);
}
