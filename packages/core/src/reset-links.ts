// Single-use password-reset links for customers: a random token in the link, only its SHA-256 in
// PasswordResetToken, valid 30 minutes. Consuming one sets the password through the account
// service (policy checked, running FTP services drop the cached credentials) and ends the
// account's FTP sessions.
import {
  claimPasswordResetToken,
  expirePasswordResetTokensOf,
  findPasswordResetToken,
  insertPasswordResetToken,
  type Account,
} from '@ftp-panel/db';
import { randomToken, sha256 } from './bootstrap.ts';
import { DomainError } from './errors.ts';
import { assertStrongPassword } from './password-policy.ts';
import { setAccountPassword } from './accounts/service.ts';
import type { ServiceContext } from './accounts/context.ts';

export const RESET_TTL_MS = 30 * 60 * 1000;

export type ResetMailer = { isConfigured: boolean; send(mail: { to: string; subject: string; text: string }): Promise<void> };

/** What the reset use cases depend on: the account service's context, where links point, mail, a clock. */
export type ResetLinkContext = Omit<ServiceContext, 'actor'> & {
  publicUrl: string;
  mailer: ResetMailer;
  now?: () => Date;
  /** ends the account's live FTP sessions (absent when FTP runs elsewhere: the change feed does it) */
  kickAccount?: (username: string) => void;
  onMailError?: (error: Error, username: string) => void;
};

function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now?.() ?? new Date();
}

function invalidLink(): DomainError {
  return new DomainError('RESET_TOKEN_INVALID', 'This reset link is invalid, used or expired. Ask for a new one.');
}

export function resetEmailText(url: string, username: string): string {
  return [
    `Someone (hopefully you) asked to reset the password of the FTP account "${username}".`,
    '',
    'Choose a new password here within 30 minutes:',
    url,
    '',
    'The link works once. If you did not ask for it, ignore this email: your password stays as it is.',
  ].join('\n');
}

/** Issues a link; emails it when SMTP is configured, the account has an email and that is wanted. */
export async function issueResetLink(
  ctx: ResetLinkContext,
  account: Account,
  options: { isEmailWanted: boolean },
): Promise<{ url: string; expiresAt: Date; isEmailed: boolean }> {
  const token = randomToken(32);
  const expiresAt = new Date(nowOf(ctx).getTime() + RESET_TTL_MS);
  await insertPasswordResetToken(ctx.db, { accountId: account.id, tokenHash: sha256(token), expiresAt });
  const url = `${ctx.publicUrl}/portal/reset?token=${encodeURIComponent(token)}`;
  let isEmailed = false;
  if (options.isEmailWanted && ctx.mailer.isConfigured && account.email) {
    try {
      await ctx.mailer.send({ to: account.email, subject: 'Reset your FTP password', text: resetEmailText(url, account.username) });
      isEmailed = true;
    } catch (error) {
      ctx.onMailError?.(error as Error, account.username);
    }
  }
  return { url, expiresAt, isEmailed };
}

export async function isResetTokenValid(ctx: { db: ServiceContext['db']; now?: () => Date }, token: string): Promise<boolean> {
  const row = await findPasswordResetToken(ctx.db, sha256(token));
  return !!row && row.usedAt === null && row.expiresAt > nowOf(ctx);
}

/** Uses the token (once), then sets the password; returns the account's username. */
export async function consumeResetToken(ctx: ResetLinkContext, token: string, password: string, actorIp: string): Promise<string> {
  const now = nowOf(ctx);
  const row = await findPasswordResetToken(ctx.db, sha256(token));
  if (!row || row.usedAt !== null || row.expiresAt <= now) throw invalidLink();
  // A refused password must leave the link usable for a better one.
  assertStrongPassword(password, 'password', [row.username]);
  // Claim first: of two concurrent uses, one wins.
  if (!(await claimPasswordResetToken(ctx.db, row.id, now))) throw invalidLink();
  const actor = { type: 'CUSTOMER' as const, id: row.accountId, name: row.username, ip: actorIp };
  await setAccountPassword({ ...ctx, actor }, row.username, password);
  // Other outstanding links of the account die with this use.
  await expirePasswordResetTokensOf(ctx.db, row.accountId, now);
  ctx.kickAccount?.(row.username);
  return row.username;
}
