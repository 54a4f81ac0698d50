// The web session between the password and the second factor: it can only send the code (or
// enrol, when the owner requires two-factor and the admin has none) or sign out. It lives
// PENDING_SESSION_MS; the full session is a new one (new token), started once the code is right.
import { insertPendingWebSession, isWebSessionTwoFactorPending, revokeWebSessionById, type PrismaDb } from '@ftp-panel/db';
import { createWebSession, storeNewWebSession, type NewWebSession, type WebSessionContext, type WebSessionStart } from '../web-sessions.ts';

export const PENDING_SESSION_MS = 10 * 60_000;
/** Wrong codes allowed on one pending session before it ends (the password must be typed again). */
export const MAX_SECOND_FACTOR_FAILURES = 5;

export function createPendingWebSession(ctx: { db: PrismaDb; now?: () => Date }, input: WebSessionStart): Promise<NewWebSession> {
  return storeNewWebSession(ctx.db, insertPendingWebSession, input, new Date((ctx.now?.() ?? new Date()).getTime() + PENDING_SESSION_MS));
}

/** Ends the pending session and starts the full one under a new token (no fixation across the step). */
export async function completePendingWebSession(
  ctx: WebSessionContext,
  pendingId: string,
  input: WebSessionStart,
): Promise<NewWebSession> {
  await revokeWebSessionById(ctx.db, pendingId, ctx.now?.() ?? new Date());
  return createWebSession(ctx, input);
}

export function isTwoFactorPendingSession(ctx: { db: PrismaDb }, id: string): Promise<boolean> {
  return isWebSessionTwoFactorPending(ctx.db, id);
}
