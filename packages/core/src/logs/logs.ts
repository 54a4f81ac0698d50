// Transfer and login history for the API and the CLI: filtered pages, CSV exports (capped), and
// failed logins grouped by address.
import { failedLoginsByIp, listLoginEvents, listTransfers } from '@ftp-panel/db';
import type { LoginEventRecord, LoginListQuery, PrismaDb, TransferListQuery, TransferRecord } from '@ftp-panel/db';
import { toCsv } from './csv.ts';

export type LogContext = { db: PrismaDb };
export type LogPage<T> = { items: T[]; total: number };
export type TransferLogFilter = Omit<TransferListQuery, 'offset' | 'limit'>;
export type LoginLogFilter = Omit<LoginListQuery, 'offset' | 'limit'>;

/** CSV exports are capped: past this, narrow the filter. */
export const LOG_EXPORT_MAX_ROWS = 50_000;

const TRANSFER_COLUMNS: (keyof TransferRecord & string)[] = ['id', 'startedAt', 'endedAt', 'username', 'direction', 'path', 'bytes', 'durationMs', 'status', 'remoteIp', 'sessionId'];
const LOGIN_COLUMNS: (keyof LoginEventRecord & string)[] = ['id', 'createdAt', 'username', 'remoteIp', 'channel', 'result', 'reason', 'sessionId'];

/** Finished transfers, newest first. */
export function listTransferLog(ctx: LogContext, query: TransferListQuery = {}): Promise<LogPage<TransferRecord>> {
  return listTransfers(ctx.db, query);
}

/** Login attempts (FTP and web), newest first; limit 0 counts without loading rows. */
export function listLoginLog(ctx: LogContext, query: LoginListQuery = {}): Promise<LogPage<LoginEventRecord>> {
  return listLoginEvents(ctx.db, query);
}

export async function exportTransferLogCsv(ctx: LogContext, filter: TransferLogFilter): Promise<string> {
  const { items } = await listTransfers(ctx.db, { ...filter, limit: LOG_EXPORT_MAX_ROWS });
  return toCsv(TRANSFER_COLUMNS, items);
}

export async function exportLoginLogCsv(ctx: LogContext, filter: LoginLogFilter): Promise<string> {
  const { items } = await listLoginEvents(ctx.db, { ...filter, limit: LOG_EXPORT_MAX_ROWS });
  return toCsv(LOGIN_COLUMNS, items);
}

/** Failed logins per address since a time, most first. */
export async function failedLoginsPerAddress(ctx: LogContext, since: Date): Promise<{ ip: string; count: number; lastAt: Date }[]> {
  const rows = await failedLoginsByIp(ctx.db, since);
  return rows.map((r) => ({ ip: r.ip, count: r.failures, lastAt: r.lastAt }));
}
