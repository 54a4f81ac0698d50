// Leftover upload temp files: a crash (kill -9, power loss) between opening `.ftp-upload-*.part`
// and renaming it into place leaves the file behind. The listing hides it and usage ignores it,
// but the disk still holds it, so the host sweeps homes for temp files nobody writes any more.
// Uploads of this process register their temp path while it exists, and the sweep never touches
// those; uploads of other processes sharing the homes are recognised by recent writes (mtime).
import type { Dir, Stats } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isTempUploadName } from './list-format.ts';

const liveTempUploads = new Set<string>();

/** Marks a temp upload path (the real path, as written) as in use by a running upload. */
export function registerTempUpload(realPath: string): void {
  liveTempUploads.add(path.resolve(realPath));
}

/** The upload is over (renamed into place or removed): the sweep may judge the path again. */
export function releaseTempUpload(realPath: string): void {
  liveTempUploads.delete(path.resolve(realPath));
}

/** Whether an upload of this process currently owns that temp path. */
export function isTempUploadLive(realPath: string): boolean {
  return liveTempUploads.has(path.resolve(realPath));
}

export type TempSweepOptions = {
  /** Only files whose mtime is at least this old are removed (0 = any age). */
  olderThanMs: number;
  /** Clock for the age check (tests). */
  now?: number;
  /** Stop after visiting this many directory entries (bounded work on huge trees). Default 5,000,000. */
  maxEntries?: number;
  /** Stops the walk early (service shutdown). */
  signal?: AbortSignal;
};

export type TempSweepResult = {
  /** Temp files removed, and their bytes. */
  removed: number;
  removedBytes: number;
  /** Temp files left alone: in use here, or written too recently. */
  kept: number;
  /** Directory entries visited. */
  entries: number;
  /** The walk stopped early (maxEntries or signal): some directories were not visited. */
  isTruncated: boolean;
};

// Give the event loop a turn this often: a big tree must not stall the FTP sessions.
const YIELD_EVERY = 256;
const DEFAULT_MAX_ENTRIES = 5_000_000;

/**
 * Walks root (never following symlinks) and removes upload temp files that no upload of this
 * process owns and that were not written for olderThanMs. Unreadable or vanishing directories
 * are skipped; the walk itself never throws for what it finds on disk.
 */
export async function sweepTempUploads(root: string, options: TempSweepOptions): Promise<TempSweepResult> {
  const result: TempSweepResult = { removed: 0, removedBytes: 0, kept: 0, entries: 0, isTruncated: false };
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  let rootReal: string;
  try {
    rootReal = fs.realpathSync.native(root);
    if (!fs.statSync(rootReal).isDirectory()) return result;
  } catch {
    return result;
  }
  const pending = [rootReal];
  while (pending.length > 0) {
    if (options.signal?.aborted || result.entries >= maxEntries) {
      result.isTruncated = true;
      break;
    }
    const dir = pending.pop() as string;
    let handle: Dir;
    try {
      handle = await fs.promises.opendir(dir, { bufferSize: 128 });
    } catch {
      continue; // removed meanwhile or unreadable
    }
    try {
      for await (const entry of handle) {
        result.entries += 1;
        if (result.entries % YIELD_EVERY === 0) await yieldToLoop();
        if (options.signal?.aborted || result.entries > maxEntries) {
          result.isTruncated = true;
          break;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) pending.push(full);
        else if (entry.isFile() && isTempUploadName(entry.name)) removeIfAbandoned(full, options, result);
      }
    } catch {
      // The directory went away mid-read: what was seen is handled, the rest no longer exists.
    }
    if (result.isTruncated) break;
  }
  return result;
}

function removeIfAbandoned(file: string, options: TempSweepOptions, result: TempSweepResult): void {
  // Checked right before the unlink, in the same tick: an upload of this process cannot slip in.
  if (liveTempUploads.has(file)) {
    result.kept += 1;
    return;
  }
  let stats: Stats | undefined;
  try {
    stats = fs.lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return;
  }
  if (!stats?.isFile()) return; // renamed into place meanwhile, or replaced by something else
  const now = options.now ?? Date.now();
  if (now - stats.mtimeMs < options.olderThanMs) {
    result.kept += 1;
    return;
  }
  try {
    fs.unlinkSync(file);
    result.removed += 1;
    result.removedBytes += stats.size;
  } catch {
    // Gone already (the upload finished) or not ours to remove: nothing to do.
  }
}
