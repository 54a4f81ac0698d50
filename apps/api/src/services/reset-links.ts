// Single-use password-reset links for customers: a random token in the link, only its SHA-256 in
// PasswordResetToken, valid 30 minutes. Consuming one sets the password through the account
// service (running FTP services drop the cached credentials) and ends the account's FTP sessions.
import type { FastifyInstance } from 'fastify';
import { DomainError, randomToken, setAccountPassword, sha256 } from '@ftp-panel/core';
import type { Account, Actor, PrismaDb } from '@ftp-panel/db';

export const RESET_TTL_MS = 30 * 60 * 1000;

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

export async function createResetToken(db: PrismaDb, accountId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await db.passwordResetToken.create({ data: { accountId, tokenHash: sha256(token), expiresAt } });
  return { token, expiresAt };
}

/** Issues a link; emails it when SMTP is configured, the account has an email and that is wanted. */
export async function issueResetLink(
  app: FastifyInstance,
  account: Account,
  options: { isEmailWanted: boolean },
): Promise<{ url: string; expiresAt: Date; isEmailed: boolean }> {
  const { token, expiresAt } = await createResetToken(app.ctx.db.prisma, account.id);
  const url = `${app.ctx.config.publicUrl}/portal/reset?token=${encodeURIComponent(token)}`;
  let isEmailed = false;
  if (options.isEmailWanted && app.mailer.isConfigured && account.email) {
    try {
      await app.mailer.send({ to: account.email, subject: 'Reset your FTP password', text: resetEmailText(url, account.username) });
      isEmailed = true;
    } catch (error) {
      app.log.warn({ err: (error as Error).message, username: account.username }, 'reset email not sent');
    }
  }
  return { url, expiresAt, isEmailed };
}

export async function isResetTokenValid(db: PrismaDb, token: string, now = new Date()): Promise<boolean> {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: sha256(token) } });
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/** Uses the token (once), then sets the password; returns the account's username. */
export async function consumeResetToken(
  app: FastifyInstance,
  token: string,
  password: string,
  actorIp: string,
  now = new Date(),
): Promise<string> {
  const db = app.ctx.db.prisma;
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: sha256(token) }, include: { account: true } });
  const invalid = () => new DomainError('RESET_TOKEN_INVALID', 'This reset link is invalid, used or expired. Ask for a new one.');
  if (!row || row.usedAt !== null || row.expiresAt <= now) throw invalid();
  // Claim first: of two concurrent uses, one wins.
  const { count } = await db.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw invalid();
  const username = row.account.username;
  const actor: Actor = { type: 'CUSTOMER', id: row.accountId, name: username, ip: actorIp };
  await setAccountPassword({ db, hasher: app.ctx.hasher, homesDir: app.ctx.config.homesDir, actor, events: app.bus }, username, password);
  // Other outstanding links of the account die with this use.
  await db.passwordResetToken.updateMany({ where: { accountId: row.accountId, usedAt: null }, data: { usedAt: now } });
  app.ctx.ftp?.kickAccount(username);
  return username;
}
