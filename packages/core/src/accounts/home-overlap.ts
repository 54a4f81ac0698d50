// One account, one folder tree: a home may not be another account's home, lie inside it or
// contain it. Nested homes would let one account read and overwrite another's files and count the
// same bytes against two quotas. Homes are compared as stored (relative to the homes root,
// normalised, "/"-separated) segment by segment, so "a" and "ab" do not nest; case is folded only
// when the homes root sits on a case-insensitive filesystem.
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { findAccountHomes, type PrismaDb } from '@ftp-panel/db';
import type { Issue } from './validation.ts';

export type HomeOverlap = { username: string; homeDir: string; relation: 'same' | 'inside' | 'contains' };

const caseInsensitiveRoots = new Map<string, Promise<boolean>>();

/** True when the filesystem of the homes root treats "Abc" and "abc" as one name (probed once). */
export function isCaseInsensitiveDir(dir: string): Promise<boolean> {
  const root = path.resolve(dir);
  let probe = caseInsensitiveRoots.get(root);
  if (!probe) {
    probe = probeCaseInsensitive(root);
    caseInsensitiveRoots.set(root, probe);
  }
  return probe;
}

async function probeCaseInsensitive(root: string): Promise<boolean> {
  const real = await realpath(root).catch(() => null);
  if (!real) return false;
  // Flip the case of the deepest component that has letters and see whether it is the same entry.
  for (let dir = real; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const base = path.basename(dir);
    const flipped = [...base].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    if (flipped === base) continue;
    const [a, b] = await Promise.all([lstat(dir), lstat(path.join(path.dirname(dir), flipped)).catch(() => null)]);
    return b !== null && a.ino === b.ino && a.dev === b.dev;
  }
  return false;
}

/** How `other` relates to `home`, or null when they are separate folders. */
export function homeRelation(home: string, other: string, isCaseInsensitive: boolean): HomeOverlap['relation'] | null {
  const fold = (p: string): string[] => (isCaseInsensitive ? p.toLowerCase() : p).split('/').filter(Boolean);
  const a = fold(home);
  const b = fold(other);
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) if (a[i] !== b[i]) return null;
  if (a.length === b.length) return 'same';
  return a.length > b.length ? 'inside' : 'contains';
}

/** The first other account whose home overlaps `homeDir` (a stored, normalised home). */
export async function findHomeOverlap(
  db: PrismaDb,
  homesDir: string,
  homeDir: string,
  exceptAccountId?: string,
): Promise<HomeOverlap | null> {
  const isCaseInsensitive = await isCaseInsensitiveDir(homesDir);
  const parts = homeDir.split('/');
  const ancestors = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  // Case-sensitive: an indexed lookup of the ancestors and a prefix scan. Case-insensitive: every
  // home is compared. Either way the rows are re-checked exactly below.
  const rows = await findAccountHomes(
    db,
    isCaseInsensitive ? { exceptAccountId } : { homeDirs: ancestors, prefix: `${homeDir}/`, exceptAccountId },
  );
  for (const row of rows) {
    const relation = homeRelation(homeDir, row.homeDir, isCaseInsensitive);
    if (relation) return { username: row.username, homeDir: row.homeDir, relation };
  }
  return null;
}

export function homeOverlapIssue(homeDir: string, overlap: HomeOverlap): Issue {
  const where = {
    same: `is already the home of account "${overlap.username}"`,
    inside: `is inside the home of account "${overlap.username}" (${overlap.homeDir})`,
    contains: `contains the home of account "${overlap.username}" (${overlap.homeDir})`,
  }[overlap.relation];
  return {
    code: 'HOME_OVERLAP',
    field: 'homeDir',
    message: `The home directory "${homeDir}" ${where}: each account needs a folder of its own, neither inside nor around another account's home.`,
  };
}
