// Who is behind a live web session: an active admin or a usable customer account. Null when that
// admin or account was disabled, expired or deleted since sign-in (the caller ends the session).
import { findAccountById, findAdminById } from '@ftp-panel/db';
import type { Account, Admin, PrismaDb } from '@ftp-panel/db';
import { isAccountUsable } from './portal.ts';
import type { WebSessionRecord } from './web-sessions.ts';

export type WebSessionOwnerRecord = { kind: 'admin'; admin: Admin } | { kind: 'customer'; account: Account };

export async function findWebSessionOwner(
  ctx: { db: PrismaDb },
  session: Pick<WebSessionRecord, 'kind' | 'adminId' | 'accountId'>,
): Promise<WebSessionOwnerRecord | null> {
  if (session.kind === 'ADMIN' && session.adminId) {
    const admin = await findAdminById(ctx.db, session.adminId);
    if (admin && admin.status === 'ACTIVE') return { kind: 'admin', admin };
  }
  if (session.kind === 'CUSTOMER' && session.accountId) {
    const account = await findAccountById(ctx.db, session.accountId);
    if (account && isAccountUsable(account)) return { kind: 'customer', account };
  }
  return null;
}
