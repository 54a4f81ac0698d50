// Single-use password-reset links for customers: a random token in the link, only its SHA-256 in
// PasswordResetToken, valid 30 minutes. Consuming one sets the password through the account
// service (policy checked, running FTP services drop the cached credentials) and ends the
// account's FTP and web sessions. Admins either copy a link (OWNER/ADMIN) or send it to the
// account's email (SUPPORT too): the link itself never reaches SUPPORT.
import {
  claimPasswordResetToken,
  expirePasswordResetTokensOf,
  findPasswordResetToken,
  insertPasswordResetToken,
  recordAudit,
  type Account,
  type Actor,
} from '@ftp-panel/db';
import { randomToken, sha256 } from './bootstrap.ts';
import { DomainError } from './errors.ts';
import { assertStrongPassword } from './password-policy.ts';
import { getAccount, setAccountPassword } from './accounts/service.ts';
import { actorOf, type ServiceContext } from './accounts/context.ts';

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

// The token mechanism, shared with the admins' forgotten passwords (admins/password-reset.ts): one
// mechanism, two subjects (an FTP account, a panel administrator), each with its own table.

export function invalidResetLink(): DomainError {
  return new DomainError('RESET_TOKEN_INVALID', 'This reset link is invalid, used or expired. Ask for a new one.');
}

/** A new link secret, the hash to store and when it dies. */
export function newResetToken(ctx: { now?: () => Date }): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomToken(32);
  return { token, tokenHash: sha256(token), expiresAt: new Date(nowOf(ctx).getTime() + RESET_TTL_MS) };
}

export function resetLinkUrl(ctx: { publicUrl: string }, path: string, token: string): string {
  return `${ctx.publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

type StoredResetToken = { usedAt: Date | null; expiresAt: Date };

export function isResetTokenUsable<T extends StoredResetToken>(row: T | null, now: Date): row is T {
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/** The stored token behind a link when it can still be used; otherwise the "invalid link" error. */
export async function usableResetToken<T extends StoredResetToken>(
  find: (tokenHash: string) => Promise<T | null>,
  token: string,
  now: Date,
): Promise<T> {
  const row = await find(sha256(token));
  if (!isResetTokenUsable(row, now)) throw invalidResetLink();
  return row;
}

/** The email text; `owner` names whose password it is (`the FTP account "x"`). */
export function resetLinkEmailText(url: string, owner: string): string {
  return [
    `Someone (hopefully you) asked to reset the password of ${owner}.`,
    '',
    'Choose a new password here within 30 minutes:',
    url,
    '',
    'The link works once. If you did not ask for it, ignore this email: your password stays as it is.',
  ].join('\n');
}

/** Sends a link; a failure goes to onMailError. Returns whether it left. */
export async function mailResetLink(
  ctx: { mailer: ResetMailer; onMailError?: (error: Error, username: string) => void },
  mail: { to: string; subject: string; text: string },
  username: string,
): Promise<boolean> {
  try {
    await ctx.mailer.send(mail);
    return true;
  } catch (error) {
    ctx.onMailError?.(error as Error, username);
    return false;
  }
}

export function resetEmailText(url: string, username: string): string {
  return resetLinkEmailText(url, `the FTP account "${username}"`);
}

const CUSTOMER_RESET_PATH = '/portal/reset';
const CUSTOMER_RESET_SUBJECT = 'Reset your FTP password';

/** A new token of the account, stored; returns the link. */
async function insertAccountResetLink(ctx: ResetLinkContext, account: Account): Promise<{ url: string; tokenHash: string; expiresAt: Date }> {
  const { token, tokenHash, expiresAt } = newResetToken(ctx);
  await insertPasswordResetToken(ctx.db, { accountId: account.id, tokenHash, expiresAt });
  return { url: resetLinkUrl(ctx, CUSTOMER_RESET_PATH, token), tokenHash, expiresAt };
}

/** Issues a link; emails it when SMTP is configured, the account has an email and that is wanted. */
export async function issueResetLink(
  ctx: ResetLinkContext,
  account: Account,
  options: { isEmailWanted: boolean },
): Promise<{ url: string; expiresAt: Date; isEmailed: boolean }> {
  const { url, expiresAt } = await insertAccountResetLink(ctx, account);
  let isEmailed = false;
  if (options.isEmailWanted && ctx.mailer.isConfigured && account.email) {
    isEmailed = await mailResetLink(ctx, { to: account.email, subject: CUSTOMER_RESET_SUBJECT, text: resetEmailText(url, account.username) }, account.username);
  }
  return { url, expiresAt, isEmailed };
}

export async function isResetTokenValid(ctx: { db: ServiceContext['db']; now?: () => Date }, token: string): Promise<boolean> {
  return isResetTokenUsable(await findPasswordResetToken(ctx.db, sha256(token)), nowOf(ctx));
}

/** Uses the token (once), then sets the password; returns the account's username. */
export async function consumeResetToken(ctx: ResetLinkContext, token: string, password: string, actorIp: string): Promise<string> {
  const now = nowOf(ctx);
  const row = await usableResetToken((hash) => findPasswordResetToken(ctx.db, hash), token, now);
  // A refused password must leave the link usable for a better one.
  assertStrongPassword(password, 'password', [row.username]);
  // Claim first: of two concurrent uses, one wins.
  if (!(await claimPasswordResetToken(ctx.db, row.id, now))) throw invalidResetLink();
  const actor = { type: 'CUSTOMER' as const, id: row.accountId, name: row.username, ip: actorIp };
  await setAccountPassword({ ...ctx, actor }, row.username, password);
  // Other outstanding links of the account die with this use.
  await expirePasswordResetTokensOf(ctx.db, row.accountId, now);
  ctx.kickAccount?.(row.username);
  return row.username;
}

/**
 * For OWNER and ADMIN (the API's accounts:write): a link to hand to the customer another way. Not
 * emailed; audited as account.reset_link.copy, since whoever holds it can take the account over.
 */
export async function copyResetLink(ctx: ResetLinkContext & { actor?: Actor }, username: string): Promise<{ url: string; expiresAt: Date }> {
  const account = await getAccount(ctx, username);
  const { url, expiresAt } = await issueResetLink(ctx, account, { isEmailWanted: false });
  await recordAudit(ctx.db, { actor: actorOf(ctx), action: 'account.reset_link.copy', targetType: 'account', targetId: account.username, after: { expiresAt: expiresAt.toISOString() } });
  return { url, expiresAt };
}

/**
 * For every admin role, SUPPORT included: the link goes only to the account's own email address
 * and is never returned, so sending one does not give the sender the account.
 */
export async function sendResetLink(ctx: ResetLinkContext & { actor?: Actor }, username: string): Promise<{ email: string; expiresAt: Date }> {
  const account = await getAccount(ctx, username);
  if (!account.email) {
    throw new DomainError('ACCOUNT_HAS_NO_EMAIL', `The account "${account.username}" has no email address: add one first, or ask an admin to copy a link.`);
  }
  if (!ctx.mailer.isConfigured) throw new DomainError('SMTP_NOT_CONFIGURED', 'Email is not set up on this server (SMTP_URL), so no link can be sent.');
  const { url, tokenHash, expiresAt } = await insertAccountResetLink(ctx, account);
  if (!(await mailResetLink(ctx, { to: account.email, subject: CUSTOMER_RESET_SUBJECT, text: resetEmailText(url, account.username) }, account.username))) {
    // A link that never left the server must not stay usable.
    const row = await findPasswordResetToken(ctx.db, tokenHash);
    if (row) await claimPasswordResetToken(ctx.db, row.id, nowOf(ctx));
    throw new DomainError('MAIL_NOT_SENT', 'The email could not be sent; check the mail settings and try again.');
  }
  await recordAudit(ctx.db, { actor: actorOf(ctx), action: 'account.reset_link.send', targetType: 'account', targetId: account.username, after: { expiresAt: expiresAt.toISOString(), email: account.email } });
  return { email: account.email, expiresAt };
}
