// Hourly cleanup: transfer and login history older than the retention period (settings), the
// change feed after a day, web sessions past their expiry.
import { getServerSettings, pruneChanges, pruneExpiredWebSessions, pruneLoginEvents, pruneTransfers } from '@ftp-panel/db';
import type { PrismaDb } from '@ftp-panel/db';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const CHANGE_FEED_KEEP_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type Logger = { info(obj: Record<string, unknown>, msg?: string): void; warn(obj: Record<string, unknown>, msg?: string): void };

export type RetentionResult = { transfers: number; logins: number; changes: number; webSessions: number };
export type RetentionJob = { runNow(now?: Date): Promise<RetentionResult>; stop(): void };

export async function runRetention(db: PrismaDb, now = new Date()): Promise<RetentionResult> {
  const { retentionDays } = await getServerSettings(db);
  const days = retentionDays > 0 ? retentionDays : 90;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const transfers = await pruneTransfers(db, cutoff);
  const logins = await pruneLoginEvents(db, cutoff);
  const changes = await pruneChanges(db, new Date(now.getTime() - CHANGE_FEED_KEEP_MS));
  const webSessions = await pruneExpiredWebSessions(db, now);
  return { transfers, logins, changes, webSessions };
}

export function startRetentionJob(input: { db: PrismaDb; logger?: Logger; intervalMs?: number }): RetentionJob {
  const runNow = async (now = new Date()): Promise<RetentionResult> => {
    const result = await runRetention(input.db, now);
    if (result.transfers + result.logins + result.changes + result.webSessions > 0) input.logger?.info({ ...result }, 'retention cleanup');
    return result;
  };
  const tick = (): void => {
    runNow().catch((error: unknown) => input.logger?.warn({ err: (error as Error).message }, 'retention cleanup failed'));
  };
  // First run shortly after start, not during it; then hourly.
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, input.intervalMs ?? RETENTION_INTERVAL_MS);
  first.unref();
  timer.unref();
  return {
    runNow,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
