// Uploads. An upload counts only when its data connection really ended (a FIN that was not a
// reset in disguise, and a TLS close_notify when that is required); anything else is a failed
// transfer that leaves the previous file as it was.
//
// - STOR/STOU (and a resume in the middle of a file) write a hidden temp file next to the target
//   and rename it into place at the end. The file they replace is measured at that moment, under
//   the target's path lock, so quota charges what really changed even if the target was renamed,
//   deleted or replaced meanwhile.
// - APPE (and REST+STOR at the file's end, the usual resume) write into the file itself: no copy
//   of the whole file, no double space. The name is held for the whole transfer, so a second
//   writer gets 450 before any byte is accepted, and a failed append is cut back to the original
//   length.
import { randomBytes } from 'node:crypto';
import fs, { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { checkUploadEnd } from './data/end-check.ts';
import { toFtpError } from './fs/confined-fs.ts';
import { TEMP_UPLOAD_PREFIX, TEMP_UPLOAD_SUFFIX } from './list-format.ts';
import { BUSY_TEXT, isHeldByTransfer, lockPaths, withPathLocks } from './path-locks.ts';
import { registerTempUpload, releaseTempUpload } from './temp-sweep.ts';
import type { PathLease } from './path-locks.ts';
import { createThrottle } from './throttle.ts';
import type { BandwidthBucket } from './throttle.ts';
import type { TransferJob } from './transfers.ts';
import { TRANSFER_HIGH_WATER_MARK } from './transfers.ts';
import { FtpError } from './types.ts';
import type { TransferStatus, UploadQuota } from './types.ts';
import type { CommandContext } from './commands/types.ts';

const DISK_ERROR_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'EISDIR']);

const RESET_TEXT = 'Data connection was reset before the upload ended; nothing was kept.';
const NO_CLOSE_NOTIFY_TEXT = 'Upload cut short: the data connection closed without a TLS close_notify; nothing was kept.';

export type UploadTarget = { virtual: string; real: string; stats: Stats | null };

function statFile(real: string): Stats | null {
  try {
    return fs.statSync(real);
  } catch {
    return null;
  }
}

/** Prepares the file, the path lock and the quota, then returns the job startTransfer() runs. Throws before any 150. */
export async function prepareUpload(
  session: CommandContext,
  input: { target: UploadTarget; offset: number; isAppend: boolean; openingText: string; successText?: string },
): Promise<TransferJob> {
  const { target } = input;
  if (target.stats && !target.stats.isFile()) throw new FtpError(553, `${target.virtual}: Not a regular file.`);
  if (isHeldByTransfer(target.real)) throw new FtpError(450, BUSY_TEXT);
  const wantsInPlace = target.stats !== null && (input.isAppend || (input.offset > 0 && input.offset === target.stats.size));
  let lease: PathLease | null = null;
  let stats = target.stats;
  if (wantsInPlace) {
    lease = await lockPaths([target.real], { isTransfer: true });
    // Measured again now that nobody else can change it.
    stats = statFile(target.real);
    if (stats && !stats.isFile()) {
      lease.release();
      throw new FtpError(553, `${target.virtual}: Not a regular file.`);
    }
  }
  const previousSize = stats?.size ?? 0;
  const offset = input.isAppend ? previousSize : input.offset;
  const isInPlace = lease !== null && stats !== null && offset === previousSize;
  if (lease && !isInPlace) {
    // The file changed between the command and the lock (it vanished, or a resume no longer ends
    // where the file does): go the temp-file way instead.
    lease.release();
    lease = null;
  }
  let quota: UploadQuota | null = null;
  try {
    if (offset > previousSize) throw new FtpError(554, 'Restart offset is beyond the end of the file.');
    quota = session.state.auth?.quota
      ? await session.state.auth.quota.openUpload({ path: target.virtual, previousSize, isNewFile: stats === null, offset })
      : null;
  } catch (error) {
    lease?.release();
    throw error;
  }
  return isInPlace
    ? inPlaceJob(session, { ...input, offset, quota, lease: lease as PathLease })
    : tempFileJob(session, { ...input, offset, previousSize, isNewFile: stats === null, quota });
}

type JobInput = { target: UploadTarget; openingText: string; successText?: string; offset: number; quota: UploadQuota | null };

/** Writes into the file from offset (its length when the upload began); a failure cuts it back. */
function inPlaceJob(session: CommandContext, input: JobInput & { lease: PathLease }): TransferJob {
  const { target, offset, quota, lease } = input;
  let bytesWritten = 0;
  return {
    direction: 'upload',
    path: target.virtual,
    openingText: input.openingText,
    ...(input.successText ? { successText: input.successText } : {}),
    async run(socket, transfer) {
      const file = fs.createWriteStream(target.real, { flags: 'r+', start: offset, highWaterMark: TRANSFER_HIGH_WATER_MARK });
      await receive(session, { socket, transfer, file, quota, virtual: target.virtual, isEmptyEndHarmless: true, onBytes: (n) => (bytesWritten = n) });
    },
    async finish(status: TransferStatus) {
      const isKept = status === 'OK' || (session.options.keepPartialUploads && status !== 'QUOTA');
      let isCommitted = false;
      try {
        if (isKept) {
          isCommitted = true;
        } else {
          // The original bytes were never touched: cutting the appended tail restores the file.
          await fsp.truncate(target.real, offset);
        }
      } finally {
        try {
          await quota?.end({ isCommitted, bytesWritten, finalSize: isCommitted ? offset + bytesWritten : offset, replacedSize: offset, isNewFile: false });
        } finally {
          lease.release();
        }
      }
    },
  };
}

/** Writes a hidden temp file and renames it over the target at the end, measuring what it replaces then. */
function tempFileJob(session: CommandContext, input: JobInput & { previousSize: number; isNewFile: boolean }): TransferJob {
  const { target, offset, quota } = input;
  const temp = path.join(path.dirname(target.real), `${TEMP_UPLOAD_PREFIX}${randomBytes(8).toString('hex')}${TEMP_UPLOAD_SUFFIX}`);
  let bytesWritten = 0;
  // The periodic sweep of abandoned temp files leaves this one alone while the upload runs.
  registerTempUpload(temp);
  return {
    direction: 'upload',
    path: target.virtual,
    openingText: input.openingText,
    ...(input.successText ? { successText: input.successText } : {}),
    async run(socket, transfer) {
      if (offset > 0) {
        // A resume in the middle of a file: the kept part is copied (cloned where the file system can).
        try {
          await fsp.copyFile(target.real, temp, fs.constants.COPYFILE_FICLONE);
          await fsp.truncate(temp, offset);
        } catch (error) {
          throw toFtpError(error, target.virtual);
        }
      }
      const file = fs.createWriteStream(temp, { flags: offset > 0 ? 'r+' : 'w', start: offset, highWaterMark: TRANSFER_HIGH_WATER_MARK });
      const isEmptyEndHarmless = offset === 0 && input.previousSize === 0;
      await receive(session, { socket, transfer, file, quota, virtual: target.virtual, isEmptyEndHarmless, onBytes: (n) => (bytesWritten = n) });
    },
    async finish(status: TransferStatus) {
      const isKept = status === 'OK' || (session.options.keepPartialUploads && status !== 'QUOTA');
      let isCommitted = false;
      let replacedSize = 0;
      let isNewFile = input.isNewFile;
      const finalSize = offset + bytesWritten;
      try {
        if (isKept) {
          await withPathLocks([target.real], async () => {
            const current = statFile(target.real);
            if (current?.isDirectory()) throw new FtpError(553, `${target.virtual}: A directory with that name exists; upload discarded.`);
            replacedSize = current?.isFile() ? current.size : 0;
            isNewFile = current === null;
            if (quota?.settle && !quota.settle({ finalSize, replacedSize, isNewFile })) {
              throw new FtpError(552, 'Quota exceeded: the upload does not fit now that the file it replaces is gone; nothing was kept.');
            }
            try {
              await fsp.rename(temp, target.real);
            } catch (error) {
              throw toFtpError(error, target.virtual);
            }
            isCommitted = true;
          });
        }
      } finally {
        if (!isCommitted) await fsp.rm(temp, { force: true }).catch(() => {});
        releaseTempUpload(temp);
        await quota?.end({
          isCommitted,
          bytesWritten,
          finalSize: isCommitted ? finalSize : input.previousSize,
          replacedSize: isCommitted ? replacedSize : 0,
          isNewFile,
        });
      }
    },
  };
}

/** Socket -> throttle -> quota -> file, then proof that the data connection really ended. */
async function receive(
  session: CommandContext,
  input: {
    socket: Parameters<TransferJob['run']>[0];
    transfer: Parameters<TransferJob['run']>[1];
    file: fs.WriteStream;
    quota: UploadQuota | null;
    virtual: string;
    /**
     * Node.js TLS clients (basic-ftp among them) end an empty upload with a bare TCP end: a
     * zero-byte upload without close_notify is accepted where it can only create an empty file or
     * append nothing, never where it would empty a file that has content.
     */
    isEmptyEndHarmless: boolean;
    onBytes(total: number): void;
  },
): Promise<void> {
  const { socket, transfer, file, quota } = input;
  let bytesWritten = 0;
  const stages: (NodeJS.ReadableStream | NodeJS.ReadWriteStream | Writable)[] = [socket];
  const buckets = uploadBuckets(session);
  if (buckets.length > 0) stages.push(createThrottle(buckets, TRANSFER_HIGH_WATER_MARK));
  if (quota) {
    stages.push(
      new Transform({
        highWaterMark: TRANSFER_HIGH_WATER_MARK,
        transform(chunk: Buffer, _encoding, callback) {
          if (!quota.take(chunk.length)) {
            transfer.abort('QUOTA');
            callback(new FtpError(552, 'Quota exceeded; upload stopped.'));
            return;
          }
          bytesWritten += chunk.length;
          transfer.bytes = bytesWritten;
          input.onBytes(bytesWritten);
          callback(null, chunk);
        },
      }),
    );
  } else {
    socket.on('data', (chunk: Buffer) => {
      bytesWritten += chunk.length;
      transfer.bytes = bytesWritten;
      input.onBytes(bytesWritten);
    });
  }
  stages.push(file);
  try {
    await pipeline(stages as unknown as [NodeJS.ReadableStream, Writable], { signal: transfer.signal });
  } catch (error) {
    // Disk trouble gets its own reply (452, 451); a broken data connection stays a 426.
    const code = (file.errored as NodeJS.ErrnoException | null)?.code;
    if (code && DISK_ERROR_CODES.has(code)) throw toFtpError(file.errored, input.virtual);
    throw error;
  }
  const end = await checkUploadEnd(socket);
  if (end === 'reset') throw new FtpError(426, RESET_TEXT);
  if (end === 'no-close-notify' && !(bytesWritten === 0 && input.isEmptyEndHarmless)) throw new FtpError(426, NO_CLOSE_NOTIFY_TEXT);
}

function uploadBuckets(session: CommandContext): BandwidthBucket[] {
  const bucket = session.state.auth?.bandwidth?.upload;
  return bucket ? [bucket] : [];
}
