// Keeps what must be kept: login attempts and finished transfers become LoginEvent and TransferLog
// rows, written in batches (every ~500 ms or 200 rows) instead of one write per event. Only local
// events are written; the process that produced an event is the one that stores it.
import { recordLoginEvents, recordTransfers } from '@ftp-panel/db';
import type { LoginEventInput, PrismaDb, TransferInput } from '@ftp-panel/db';
import type { BusEnvelope, EventBus } from './types.ts';

export const FLUSH_INTERVAL_MS = 500;
export const FLUSH_BATCH_SIZE = 200;
// A database outage must not grow memory without bound: beyond this, the oldest rows are dropped.
const MAX_PENDING = 20_000;

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void };

export type EventPersister = {
  /** Writes everything queued now. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

export function startEventPersister(input: { db: PrismaDb; bus: EventBus; logger?: Logger; intervalMs?: number }): EventPersister {
  let logins: LoginEventInput[] = [];
  let transfers: TransferInput[] = [];
  let flushing: Promise<void> = Promise.resolve();

  const onEvent = ({ event, isRemote, at }: BusEnvelope): void => {
    if (isRemote) return;
    if (event.type === 'login.succeeded' || event.type === 'login.failed') {
      logins.push({
        accountId: event.accountId,
        username: event.username.slice(0, 255),
        remoteIp: event.remoteIp,
        channel: event.channel,
        result: event.type === 'login.succeeded' ? 'OK' : (event.result ?? 'FAILED'),
        reason: event.type === 'login.failed' ? event.reason : null,
        sessionId: event.sessionId,
        createdAt: new Date(at),
      });
    } else if (event.type === 'transfer.completed') {
      transfers.push({
        accountId: event.accountId,
        username: event.username,
        sessionId: event.sessionId,
        direction: event.direction,
        path: event.path,
        bytes: event.bytes,
        durationMs: event.durationMs,
        status: event.status,
        remoteIp: event.remoteIp,
        startedAt: new Date(event.startedAt),
        endedAt: new Date(event.endedAt),
      });
    } else {
      return;
    }
    if (logins.length > MAX_PENDING) logins = logins.slice(-MAX_PENDING);
    if (transfers.length > MAX_PENDING) transfers = transfers.slice(-MAX_PENDING);
    if (logins.length + transfers.length >= FLUSH_BATCH_SIZE) void flush();
  };

  const writeBatch = async (): Promise<void> => {
    const loginBatch = logins.splice(0, logins.length);
    const transferBatch = transfers.splice(0, transfers.length);
    try {
      await recordLoginEvents(input.db, loginBatch);
    } catch (error) {
      logins.unshift(...loginBatch);
      input.logger?.warn({ err: (error as Error).message, rows: loginBatch.length }, 'writing login events failed; will retry');
    }
    try {
      await recordTransfers(input.db, transferBatch);
    } catch (error) {
      transfers.unshift(...transferBatch);
      input.logger?.warn({ err: (error as Error).message, rows: transferBatch.length }, 'writing transfer log failed; will retry');
    }
  };

  // Flushes run one after another, so rows are written in the order they happened.
  const flush = (): Promise<void> => {
    flushing = flushing.then(() => (logins.length + transfers.length > 0 ? writeBatch() : undefined));
    return flushing;
  };

  const unsubscribe = input.bus.subscribe(onEvent);
  const timer = setInterval(() => void flush(), input.intervalMs ?? FLUSH_INTERVAL_MS);
  timer.unref();

  return {
    flush,
    async close() {
      unsubscribe();
      clearInterval(timer);
      await flush();
    },
  };
}
