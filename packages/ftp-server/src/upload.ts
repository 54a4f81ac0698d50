// Uploads land in a hidden temp file next to the target and are renamed into place only on
// success, so a failed, aborted or over-quota upload never leaves a truncated file under the real
// name. Resume (REST/APPE) works on a copy of the existing file, never on the original.
import { randomBytes } from 'node:crypto';
import fs, { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { toFtpError } from './fs/confined-fs.ts';
import { TEMP_UPLOAD_PREFIX, TEMP_UPLOAD_SUFFIX } from './listing.ts';
import type { FtpSession } from './session.ts';
import { createThrottle } from './throttle.ts';
import type { BandwidthBucket } from './throttle.ts';
import type { TransferJob } from './transfers.ts';
import { TRANSFER_HIGH_WATER_MARK } from './transfers.ts';
import { FtpError } from './types.ts';
import type { TransferStatus, UploadQuota } from './types.ts';

const DISK_ERROR_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'EISDIR']);

export type UploadTarget = { virtual: string; real: string; stats: Stats | null };

/** Prepares temp file and quota, then returns the job startTransfer() runs. Throws before any 150. */
export async function prepareUpload(
  session: FtpSession,
  input: { target: UploadTarget; offset: number; isAppend: boolean; openingText: string; successText?: string },
): Promise<TransferJob> {
  const { target } = input;
  if (target.stats && !target.stats.isFile()) throw new FtpError(553, `${target.virtual}: Not a regular file.`);
  const previousSize = target.stats?.size ?? 0;
  const offset = input.isAppend ? previousSize : input.offset;
  if (offset > previousSize) throw new FtpError(554, 'Restart offset is beyond the end of the file.');
  const quota: UploadQuota | null = session.auth?.quota
    ? await session.auth.quota.openUpload({ path: target.virtual, previousSize, isNewFile: target.stats === null, offset })
    : null;
  const temp = path.join(path.dirname(target.real), `${TEMP_UPLOAD_PREFIX}${randomBytes(8).toString('hex')}${TEMP_UPLOAD_SUFFIX}`);
  let bytesWritten = 0;
  try {
    if (offset > 0) {
      await fsp.copyFile(target.real, temp, fs.constants.COPYFILE_FICLONE);
      await fsp.truncate(temp, offset);
    }
  } catch (error) {
    await fsp.rm(temp, { force: true });
    await quota?.end({ isCommitted: false, bytesWritten: 0, finalSize: previousSize, replacedSize: 0 });
    throw toFtpError(error, target.virtual);
  }
  return {
    direction: 'upload',
    path: target.virtual,
    openingText: input.openingText,
    ...(input.successText ? { successText: input.successText } : {}),
    async run(socket, transfer) {
      const file = fs.createWriteStream(temp, { flags: offset > 0 ? 'r+' : 'w', start: offset, highWaterMark: TRANSFER_HIGH_WATER_MARK });
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
              callback(null, chunk);
            },
          }),
        );
      } else {
        socket.on('data', (chunk: Buffer) => {
          bytesWritten += chunk.length;
          transfer.bytes = bytesWritten;
        });
      }
      stages.push(file);
      try {
        await pipeline(stages as unknown as [NodeJS.ReadableStream, Writable], { signal: transfer.signal });
      } catch (error) {
        // Disk trouble gets its own reply (452, 451); a broken data connection stays a 426.
        const code = (file.errored as NodeJS.ErrnoException | null)?.code;
        if (code && DISK_ERROR_CODES.has(code)) throw toFtpError(file.errored, target.virtual);
        throw error;
      }
    },
    async finish(status: TransferStatus) {
      const isKept = status === 'OK' || (session.options.keepPartialUploads && status !== 'QUOTA');
      let finalSize = previousSize;
      let isCommitted = false;
      try {
        if (isKept) {
          finalSize = offset + bytesWritten;
          await fsp.rename(temp, target.real);
          isCommitted = true;
        }
      } finally {
        if (!isCommitted) await fsp.rm(temp, { force: true }).catch(() => {});
        await quota?.end({ isCommitted, bytesWritten, finalSize: isCommitted ? finalSize : previousSize, replacedSize: isCommitted ? previousSize : 0 });
      }
    },
  };
}

function uploadBuckets(session: FtpSession): BandwidthBucket[] {
  const bucket = session.auth?.bandwidth?.upload;
  return bucket ? [bucket] : [];
}
