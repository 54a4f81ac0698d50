// Account homes as stored (relative to the homes root), for the "no nested homes" rule in core.
import type { PrismaDb } from '../client.ts';

export type AccountHome = { username: string; homeDir: string };

/**
 * Homes equal to one of `homeDirs` or starting with `prefix`; every home when neither is given.
 * The prefix match follows the provider (SQLite's LIKE ignores ASCII case): callers re-check.
 */
export async function findAccountHomes(
  db: PrismaDb,
  query: { homeDirs?: string[]; prefix?: string; exceptAccountId?: string } = {},
): Promise<AccountHome[]> {
  const { homeDirs, prefix, exceptAccountId } = query;
  const match = [
    ...(homeDirs && homeDirs.length > 0 ? [{ homeDir: { in: homeDirs } }] : []),
    ...(prefix ? [{ homeDir: { startsWith: prefix } }] : []),
  ];
  return db.account.findMany({
    where: {
      ...(exceptAccountId ? { id: { not: exceptAccountId } } : {}),
      ...(match.length > 0 ? { OR: match } : {}),
    },
    select: { username: true, homeDir: true },
    orderBy: { username: 'asc' },
  });
}
