// One lock per real path, shared by every session of the process, so that the commands that
// change what a name points to (STOR/STOU commit, APPE, RNFR/RNTO, DELE, RMD) never interleave on
// one file: the size an upload replaces is measured and the rename done without anyone else
// moving, deleting or appending to that name in between.
//
// Two kinds of holders:
// - a short critical section (stat + rename/unlink): others wait for it in order;
// - a writer that holds the name for a whole transfer (APPE, resumed STOR writing in place):
//   others do not wait behind a transfer that may last minutes, they get 450 at once.
// Several paths are always taken in sorted order, so two renames in opposite directions cannot
// deadlock.
import { FtpError } from './types.ts';

type Waiter = { isTransfer: boolean; resolve(): void; reject(error: Error): void };
type Entry = { isTransfer: boolean; waiters: Waiter[] };

const locks = new Map<string, Entry>();

export const BUSY_TEXT = 'File is busy: another transfer is writing to it; try again later.';

/** Releases what acquire() took; safe to call more than once. */
export type PathLease = { release(): void };

function acquireOne(path: string, isTransfer: boolean): Promise<void> {
  const entry = locks.get(path);
  if (!entry) {
    locks.set(path, { isTransfer, waiters: [] });
    return Promise.resolve();
  }
  if (entry.isTransfer) return Promise.reject(new FtpError(450, BUSY_TEXT));
  return new Promise((resolve, reject) => entry.waiters.push({ isTransfer, resolve, reject }));
}

function releaseOne(path: string): void {
  const entry = locks.get(path);
  if (!entry) return;
  const next = entry.waiters.shift();
  if (!next) {
    locks.delete(path);
    return;
  }
  entry.isTransfer = next.isTransfer;
  // Whoever queued behind a transfer would wait for all of it: they get 450 now instead.
  if (next.isTransfer) for (const waiter of entry.waiters.splice(0)) waiter.reject(new FtpError(450, BUSY_TEXT));
  next.resolve();
}

/**
 * Takes the locks of every path (duplicates ignored), waiting behind short sections; meeting a
 * transfer that holds one of them fails at once with FtpError 450.
 */
export async function lockPaths(paths: readonly string[], input: { isTransfer?: boolean } = {}): Promise<PathLease> {
  const isTransfer = input.isTransfer === true;
  const sorted = [...new Set(paths)].sort();
  const taken: string[] = [];
  try {
    for (const path of sorted) {
      await acquireOne(path, isTransfer);
      taken.push(path);
    }
  } catch (error) {
    for (const path of taken.reverse()) releaseOne(path);
    throw error;
  }
  let isReleased = false;
  return {
    release() {
      if (isReleased) return;
      isReleased = true;
      for (const path of taken.reverse()) releaseOne(path);
    },
  };
}

/** Runs fn while holding the short locks of paths. */
export async function withPathLocks<T>(paths: readonly string[], fn: () => Promise<T> | T): Promise<T> {
  const lease = await lockPaths(paths);
  try {
    return await fn();
  } finally {
    lease.release();
  }
}

/** Whether a transfer holds this path now (for a quick 450 before a 150). */
export function isHeldByTransfer(path: string): boolean {
  return locks.get(path)?.isTransfer === true;
}
