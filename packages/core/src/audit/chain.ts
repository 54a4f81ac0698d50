// Verifying the audit trail's hash chain: every hashed entry must match its own content and
// name the hash of the hashed entry before it. Entries from before the chain (no hash) are the
// legacy prefix and are only counted. Removing the newest entries cannot be seen from the chain
// alone: keep the reported head hash somewhere else to detect that.
import { auditEntryHash, listAuditChain } from '@ftp-panel/db';
import type { AuditChainRow, PrismaDb } from '@ftp-panel/db';

export type AuditChainProblem =
  /** the entry's content (or its stored hash) was changed after it was written */
  | 'CONTENT_CHANGED'
  /** the entry does not follow the one before it: an entry was removed, reordered or inserted */
  | 'PREVIOUS_MISMATCH'
  /** an entry without a hash after the chain started (its hash was removed, or it was inserted) */
  | 'HASH_MISSING';

export type AuditChainBreak = {
  entryId: string;
  createdAt: Date;
  action: string;
  problem: AuditChainProblem;
  message: string;
};

export type AuditChainReport = {
  isOk: boolean;
  /** hashed entries checked up to the break (all of them when ok) */
  checked: number;
  /** entries written before the chain existed */
  legacy: number;
  /** hash of the newest entry checked; record it elsewhere to detect removal of the newest entries */
  headHash: string | null;
  firstBreak: AuditChainBreak | null;
};

function breakAt(row: AuditChainRow, problem: AuditChainProblem, message: string): AuditChainBreak {
  return { entryId: row.id, createdAt: row.createdAt, action: row.action, problem, message };
}

/** The first broken link in time order, or ok. Reads the trail in pages; the database is not locked. */
export async function verifyAuditChain(ctx: { db: PrismaDb }, options: { pageSize?: number } = {}): Promise<AuditChainReport> {
  let checked = 0;
  let legacy = 0;
  let previous: AuditChainRow | null = null;
  let cursor: { createdAt: Date; id: string } | null = null;
  const report = (firstBreak: AuditChainBreak | null): AuditChainReport => ({ isOk: firstBreak === null, checked, legacy, headHash: previous?.hash ?? null, firstBreak });
  for (;;) {
    const rows = await listAuditChain(ctx.db, cursor, options.pageSize ?? 500);
    for (const row of rows) {
      if (row.hash === null) {
        if (previous === null) {
          legacy++;
          continue;
        }
        return report(breakAt(row, 'HASH_MISSING', `Entry ${row.id} has no hash, but entries before it do: its hash was removed or the entry was inserted afterwards.`));
      }
      const { hash, ...content } = row;
      if (auditEntryHash(content) !== hash) {
        return report(breakAt(row, 'CONTENT_CHANGED', `Entry ${row.id} does not match its hash: its content was changed after it was written.`));
      }
      const expected = previous?.hash ?? null;
      if (row.prevHash !== expected) {
        const message = previous === null
          ? `Entry ${row.id} is the oldest hashed entry but names a previous one: entries before it were removed.`
          : `Entry ${row.id} does not follow entry ${previous.id}: an entry between them was removed, or one was inserted or reordered.`;
        return report(breakAt(row, 'PREVIOUS_MISMATCH', message));
      }
      previous = row;
      checked++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < (options.pageSize ?? 500)) return report(null);
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
