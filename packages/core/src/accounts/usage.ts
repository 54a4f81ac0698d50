// Disk usage of a home, counted from the disk itself: the repair path when the incremental
// counters (kept by the FTP service on every transfer) drift, e.g. after files were copied in.
import { lstat, opendir } from 'node:fs/promises';
import path from 'node:path';
import { isTempUploadName } from '@ftp-panel/ftp-server';

export type DiskUsage = { bytes: number; files: number };

/**
 * Sums regular files below root. Symlinks are neither followed nor counted (a link could point
 * at a huge file outside the home); other special files are ignored too.
 */
export async function measureDiskUsage(root: string): Promise<DiskUsage> {
  const usage: DiskUsage = { bytes: 0, files: 0 };
  const rootStat = await lstat(root).catch(() => null);
  if (!rootStat?.isDirectory()) return usage;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const handle = await opendir(dir).catch(() => null);
    if (!handle) continue; // removed meanwhile or unreadable: count what is reachable
    for await (const entry of handle) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
      } else if (entry.isFile()) {
        // The engine's upload temp files (in progress, or left by a crash) are not the customer's data.
        if (isTempUploadName(entry.name)) continue;
        const stat = await lstat(full).catch(() => null);
        if (!stat?.isFile()) continue;
        usage.bytes += stat.size;
        usage.files += 1;
      }
    }
  }
  return usage;
}
