// Forgotten admin passwords, with the customers' token rules (core/reset-links.ts): a random token
// in an emailed link, only its SHA-256 stored (AdminPasswordResetToken), valid 30 minutes, used
// once; using it sets the password through the admin rules (policy) and ends that admin's web
// sessions. Only active admins with an email get a link; the request's answer never says who.
import {
  claimAdminPasswordResetToken,
  expireAdminPasswordResetTokensOf,
  findActiveAdminIdsByEmail,
  findAdminByUsername,
  findAdminPasswordResetToken,
  insertAdminPasswordResetToken,
} from '@ftp-panel/db';
import { sha256 } from '../bootstrap.ts';
import {
  invalidResetLink,
  isResetTokenUsable,
  mailResetLink,
  newResetToken,
  resetLinkEmailText,
  resetLinkUrl,
  usableResetToken,
  type ResetMailer,
} from '../reset-links.ts';
import { adminPasswordIssue, setAdminPassword, type AdminContext } from './service.ts';
import { throwIssues } from '../accounts/validation.ts';

export const ADMIN_FORGOT_ANSWER = 'If an administrator with an email address matches, we sent a link to choose a new password to it. It is valid for 30 minutes.';
/** Where the emailed link points (the dashboard's reset page). */
export const ADMIN_RESET_PATH = '/reset-password';

export type AdminResetContext = AdminContext & {
  publicUrl: string;
  mailer: ResetMailer;
  now?: () => Date;
  onMailError?: (error: Error, username: string) => void;
};

function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now?.() ?? new Date();
}

export function adminResetEmailText(url: string, username: string): string {
  return resetLinkEmailText(url, `the panel administrator "${username}"`);
}

/**
 * Emails a link to each active admin the login names (a username, or an email shared by up to
 * five admins) that has an email address. Returns how many were sent; callers answer the same
 * either way (ADMIN_FORGOT_ANSWER) and run this after answering, so timing tells nothing either.
 */
export async function requestAdminPasswordReset(ctx: AdminResetContext, login: string): Promise<number> {
  if (!ctx.mailer.isConfigured) return 0;
  const trimmed = login.trim();
  let targets: { id: string; username: string; email: string }[];
  if (trimmed.includes('@')) {
    targets = await findActiveAdminIdsByEmail(ctx.db, trimmed);
  } else {
    const admin = await findAdminByUsername(ctx.db, trimmed);
    targets = admin && admin.status === 'ACTIVE' && admin.email ? [{ id: admin.id, username: admin.username, email: admin.email }] : [];
  }
  let sent = 0;
  for (const target of targets) {
    const { token, tokenHash, expiresAt } = newResetToken(ctx);
    await insertAdminPasswordResetToken(ctx.db, { adminId: target.id, tokenHash, expiresAt });
    const url = resetLinkUrl(ctx, ADMIN_RESET_PATH, token);
    const text = adminResetEmailText(url, target.username);
    if (await mailResetLink(ctx, { to: target.email, subject: 'Reset your panel password', text }, target.username)) sent++;
  }
  return sent;
}

export async function isAdminResetTokenValid(ctx: Pick<AdminContext, 'db'> & { now?: () => Date }, token: string): Promise<boolean> {
  return isResetTokenUsable(await findAdminPasswordResetToken(ctx.db, sha256(token)), nowOf(ctx));
}

/** Uses the token (once), then sets the password and ends the admin's sessions; returns the username. */
export async function consumeAdminResetToken(ctx: AdminResetContext, token: string, password: string, actorIp: string): Promise<string> {
  const now = nowOf(ctx);
  const row = await usableResetToken((hash) => findAdminPasswordResetToken(ctx.db, hash), token, now);
  const admin = await findAdminByUsername(ctx.db, row.username);
  if (!admin || admin.status !== 'ACTIVE') throw invalidResetLink();
  // A refused password must leave the link usable for a better one.
  const issue = adminPasswordIssue(password, 'password', admin);
  if (issue) throwIssues([issue]);
  if (!(await claimAdminPasswordResetToken(ctx.db, row.id, now))) throw invalidResetLink();
  const actor = { type: 'ADMIN' as const, id: admin.id, name: admin.username, ip: actorIp };
  await setAdminPassword({ ...ctx, actor }, admin.username, password, { auditAction: 'admin.password.reset' });
  await expireAdminPasswordResetTokensOf(ctx.db, admin.id, now);
  return admin.username;
}
