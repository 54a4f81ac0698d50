// Customer accounts as the portal meets them: found by username or email (forgotten password),
// signed in with the FTP password, kept out while disabled or expired.
import { findAccountByEmail, findAccountByUsername, findAccountCredentials } from '@ftp-panel/db';
import type { Account, PrismaDb } from '@ftp-panel/db';
import { dummyPasswordHash, type PasswordHasher } from './passwords.ts';

export type PortalContext = { db: PrismaDb; hasher: PasswordHasher };

export function isAccountUsable(account: { status: string; expiresAt: Date | null }, now = new Date()): boolean {
  return account.status === 'ACTIVE' && (account.expiresAt === null || account.expiresAt > now);
}

/** A login containing "@" is an email address (several accounts may share it); else a username. */
export async function findAccountsForLogin(ctx: { db: PrismaDb }, login: string): Promise<Account[]> {
  if (login.includes('@')) return findAccountByEmail(ctx.db, login.trim());
  const account = await findAccountByUsername(ctx.db, login.trim());
  return account ? [account] : [];
}

/**
 * The account and whether `password` is its FTP password. Unknown names cost one verification
 * too, so neither the answer nor its timing tells who exists.
 */
export async function checkAccountPassword(ctx: PortalContext, username: string, password: string): Promise<{ account: Account | null; isValid: boolean }> {
  const found = await findAccountCredentials(ctx.db, username);
  const isValid = await ctx.hasher.verify(found?.passwordHash ?? (await dummyPasswordHash(ctx.hasher)), password);
  return { account: found?.account ?? null, isValid: found !== null && isValid };
}
