// The database's part of the dashboard's first screen: transfers per hour over the last 24 hours
// (summed in SQL), failed logins, active bans, accounts near their quota.
import { findAccountsNearQuota, transfersPerHour } from '@ftp-panel/db';
import type { Db, PrismaDb, TransferBucket } from '@ftp-panel/db';
import { countActiveBans } from './bans/index.ts';
import { listLoginLog } from './logs/index.ts';

const HOUR_MS = 60 * 60 * 1000;

export type TrafficOverview = { buckets: TransferBucket[]; failedLogins24h: number; activeBans: number };

/** The 24 hourly buckets end with the current (partial) hour. */
export async function trafficOverview(ctx: { db: Db }, now = Date.now()): Promise<TrafficOverview> {
  const since = new Date(Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
  const [buckets, failedLogins, activeBans] = await Promise.all([
    transfersPerHour(ctx.db.prisma, ctx.db.provider, { from: since, hours: 24 }),
    listLoginLog({ db: ctx.db.prisma }, { result: 'FAILED', from: new Date(now - 24 * HOUR_MS), limit: 0 }),
    countActiveBans(ctx),
  ]);
  return { buckets, failedLogins24h: failedLogins.total, activeBans };
}

/** How many accounts use more than `percent` of a byte or file quota, and the first few names. */
export function accountsNearQuota(ctx: { db: PrismaDb }, percent: number, sampleSize?: number): Promise<{ total: number; usernames: string[] }> {
  return findAccountsNearQuota(ctx.db, percent, sampleSize);
}
