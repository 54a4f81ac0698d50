// The audit trail: reading it, and recording admin actions that have no use case of their own in
// core (an FTP session ended from the panel, a reset link handed out).
import { listAuditEntries, recordAudit } from '@ftp-panel/db';
import type { Actor, AuditEntry, AuditInput, AuditQuery, PrismaDb } from '@ftp-panel/db';

export type AuditContext = { db: PrismaDb; actor: Actor };

/** Newest first; `action` is a prefix ("account" matches account.update). */
export function listAuditTrail(ctx: { db: PrismaDb }, query: AuditQuery = {}): Promise<{ items: AuditEntry[]; total: number }> {
  return listAuditEntries(ctx.db, query);
}

export function auditAction(ctx: AuditContext, entry: Omit<AuditInput, 'actor'>): Promise<AuditEntry> {
  return recordAudit(ctx.db, { ...entry, actor: ctx.actor });
}
