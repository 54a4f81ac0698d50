// The lifecycle every data transfer shares: 150, data connection (with TLS policy), the work,
// progress events, then exactly one final reply and one transfer:end event.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { ActiveTransfer } from './active-transfer.ts';
import type { DataSocket, DataTls } from './data/data-channel.ts';
import { createThrottle } from './throttle.ts';
import type { BandwidthBucket } from './throttle.ts';
import { FtpError } from './types.ts';
import type { TransferDirection, TransferStatus } from './types.ts';
import type { CommandContext } from './commands/types.ts';

/** Big reads keep syscalls and event-loop turns per byte low on fast links. */
export const TRANSFER_HIGH_WATER_MARK = 256 * 1024;
const PROGRESS_INTERVAL_MS = 500;

export type TransferJob = {
  direction: TransferDirection;
  path: string;
  /** Bytes expected to move (TransferInfo.size); omitted means unknown. */
  size?: number | null;
  /** Text of the 150 reply. */
  openingText: string;
  /** Moves the bytes; throw FtpError to choose the failure reply. */
  run(socket: DataSocket, transfer: ActiveTransfer): Promise<void>;
  /** Text of the 226 reply. */
  successText?: string;
  /** Cleanup that must happen before the final reply (commit or discard an upload). */
  finish?(status: TransferStatus): Promise<void>;
};

/** Refuses before any 150 when no PASV/EPSV/PORT/EPRT prepared a data connection. */
export function requireDataChannel(session: CommandContext): void {
  if (!session.dataChannel.hasPending) throw new FtpError(425, 'Use PORT, EPRT, PASV or EPSV first.');
}

/**
 * The TLS a data connection needs under the session's protection level (null: clear). With
 * direction null (a passive connection accepted before the transfer command) the close_notify
 * watch is included whenever policy needs it, since the connection may carry an upload.
 */
export function dataTls(session: CommandContext, direction: TransferDirection | null): DataTls | null {
  if (session.state.protection !== 'P' || !session.state.isTls || session.secureContext === null) return null;
  const { tlsPolicy } = session.options;
  return {
    secureContext: session.secureContext,
    isReuseRequired: session.state.auth?.isTlsSessionReuseRequired ?? tlsPolicy.requireTlsSessionReuse,
    isCloseNotifyWatched: direction !== 'download' && tlsPolicy.isCloseNotifyRequired,
  };
}

/** Sends 150 and runs the transfer in the background, so the control channel keeps reading. */
export function startTransfer(session: CommandContext, job: TransferJob): void {
  requireDataChannel(session);
  const transfer = new ActiveTransfer(job.direction, job.path, job.size ?? null);
  // An ALLO announcement covers the next transfer command only, whichever it was.
  session.state.allocatedBytes = null;
  session.state.transfer = transfer;
  session.reply(150, job.openingText);
  runTransfer(session, job, transfer).catch((error: unknown) => {
    session.log('error', { err: (error as Error)?.stack }, 'transfer bookkeeping failed');
    transfer.markDone();
    session.close('Internal error, closing control connection.');
  });
}

async function runTransfer(session: CommandContext, job: TransferJob, transfer: ActiveTransfer): Promise<void> {
  const options = session.options;
  let status: TransferStatus = 'OK';
  let code = 226;
  let text = job.successText ?? 'Transfer complete.';
  let socket: DataSocket | null = null;
  let progressTimer: NodeJS.Timeout | null = null;
  let isStarted = false;
  try {
    const connecting = session.dataChannel.connect({ timeoutMs: options.dataTimeoutMs, tls: dataTls(session, job.direction) });
    socket = await raceAbort(connecting, transfer.signal);
    socket.setTimeout(options.dataTimeoutMs, () => socket?.destroy(new FtpError(426, 'Data connection timed out.')));
    isStarted = true;
    session.emit('transfer:start', { session: session.info, direction: job.direction, path: job.path, size: transfer.size });
    let lastBytes = 0;
    let lastTime = performance.now();
    progressTimer = setInterval(() => {
      const now = performance.now();
      transfer.bytesPerSecond = Math.round(((transfer.bytes - lastBytes) * 1000) / (now - lastTime));
      lastBytes = transfer.bytes;
      lastTime = now;
      session.emit('transfer:progress', {
        session: session.info, direction: job.direction, path: job.path, bytes: transfer.bytes, bytesPerSecond: transfer.bytesPerSecond, size: transfer.size,
      });
    }, PROGRESS_INTERVAL_MS);
    await job.run(socket, transfer);
  } catch (error) {
    ({ status, code, text } = classifyFailure(error, transfer));
    if (status === 'FAILED' && !(error instanceof FtpError)) {
      session.log('debug', { err: (error as Error)?.message }, 'transfer failed');
    }
  } finally {
    if (progressTimer) clearInterval(progressTimer);
  }
  if (socket) releaseSocket(socket, status === 'OK');
  if (job.finish) {
    try {
      await job.finish(status);
    } catch (error) {
      if (status === 'OK') ({ status, code, text } = classifyFailure(error, transfer));
    }
  }
  const durationMs = Date.now() - transfer.startedAt.getTime();
  session.reply(code, text);
  if (isStarted || status !== 'OK') {
    session.emit('transfer:end', { session: session.info, direction: job.direction, path: job.path, bytes: transfer.bytes, durationMs, status });
  }
  session.log('debug', { direction: job.direction, path: job.path, bytes: transfer.bytes, durationMs, status }, 'transfer end');
  transfer.markDone();
  session.onTransferFinished();
}

function classifyFailure(error: unknown, transfer: ActiveTransfer): { status: TransferStatus; code: number; text: string } {
  if (transfer.abortStatus === 'QUOTA' || (error instanceof FtpError && error.code === 552)) {
    return { status: 'QUOTA', code: 552, text: error instanceof FtpError ? error.message : 'Quota exceeded.' };
  }
  if (transfer.abortStatus) return { status: 'ABORTED', code: 426, text: 'Connection closed; transfer aborted.' };
  if (error instanceof FtpError) return { status: 'FAILED', code: error.code, text: error.message };
  if (error && typeof error === 'object' && 'cause' in error && error.cause instanceof FtpError) {
    return { status: 'FAILED', code: error.cause.code, text: error.cause.message };
  }
  return { status: 'FAILED', code: 426, text: 'Connection closed; transfer aborted.' };
}

/** Success: a graceful end (TLS close_notify, FIN) with a safety timer; failure: tear down. */
function releaseSocket(socket: DataSocket, isSuccess: boolean): void {
  if (!isSuccess) {
    socket.destroy();
    return;
  }
  if (!socket.writableEnded) socket.end();
  const timer = setTimeout(() => socket.destroy(), 5000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          (value as { destroy?: () => void }).destroy?.();
          reject(new Error('aborted'));
        } else {
          resolve(value);
        }
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

// Below this size one synchronous read beats four threadpool round trips (open, read, read, close).
const SMALL_FILE_BYTES = 128 * 1024;

/** Streams a file (from an offset) to the data socket, paced by the account's buckets. */
export async function sendFile(input: {
  real: string;
  offset: number;
  size: number;
  socket: DataSocket;
  transfer: ActiveTransfer;
  buckets: readonly BandwidthBucket[];
}): Promise<void> {
  if (input.size - input.offset <= SMALL_FILE_BYTES && input.buckets.every((b) => b.bytesPerSecond === 0)) {
    let data: Buffer;
    try {
      data = readSmallFile(input.real, input.offset, Math.max(0, input.size - input.offset));
    } catch (error) {
      throw new FtpError(451, `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
    input.transfer.bytes = data.length;
    await endWith(input.socket, data, input.transfer.signal);
    return;
  }
  const source = fs.createReadStream(input.real, { start: input.offset, highWaterMark: TRANSFER_HIGH_WATER_MARK });
  source.on('data', (chunk) => {
    input.transfer.bytes += chunk.length;
  });
  const openError = new Promise<void>((_, reject) => source.once('error', (e) => reject(new FtpError(451, `Cannot read file: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`))));
  openError.catch(() => {});
  await Promise.race([streamTo(source, input.socket, input.buckets, input.transfer.signal), openError]);
}

/** socket.end(data) as a promise: cheaper than a stream pipeline for one small buffer. */
function endWith(socket: DataSocket, data: Buffer, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      socket.destroy();
      reject(new Error('aborted'));
    };
    const onClose = (): void => reject(new Error('data connection closed early'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('close', onClose);
    socket.end(data, () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('close', onClose);
      resolve();
    });
  });
}

/** Reads exactly the bytes stat announced (a file growing meanwhile is sent as it was). */
function readSmallFile(real: string, offset: number, length: number): Buffer {
  const fd = fs.openSync(real, 'r');
  try {
    const data = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const read = fs.readSync(fd, data, filled, length - filled, offset + filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === length ? data : data.subarray(0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

/** Pipes with optional throttling; the caller counts bytes. */
export function streamTo(source: Readable, target: Writable, buckets: readonly BandwidthBucket[], signal: AbortSignal): Promise<void> {
  if (buckets.length === 0) return pipeline(source, target, { signal });
  return pipeline(source, createThrottle(buckets, TRANSFER_HIGH_WATER_MARK), target, { signal });
}

/** Writes an in-memory listing to the data socket with backpressure, chunk by chunk. */
export async function sendText(socket: DataSocket, chunks: Iterable<string>, transfer: ActiveTransfer): Promise<void> {
  const source = Readable.from(batch(chunks, transfer), { objectMode: false });
  await pipeline(source, socket, { signal: transfer.signal });
}

function* batch(chunks: Iterable<string>, transfer: ActiveTransfer): Generator<Buffer> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 64 * 1024) {
      const buffer = Buffer.from(pending, 'utf8');
      transfer.bytes += buffer.length;
      yield buffer;
      pending = '';
    }
  }
  if (pending) {
    const buffer = Buffer.from(pending, 'utf8');
    transfer.bytes += buffer.length;
    yield buffer;
  }
}
