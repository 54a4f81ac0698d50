// The one watcher of the change feed per process. It reads ChangeEvent rows after the last id it
// saw and hands them to subscribers in order. SQLite: polled every ~300 ms. PostgreSQL: woken by
// LISTEN (see pg-relay.ts calling poke()) with a slower safety poll for missed notifications.
import { lastChangeId, readChangesAfter } from '@ftp-panel/db';
import type { ChangeEvent, Db } from '@ftp-panel/db';

export type ChangeListener = (change: ChangeEvent) => void | Promise<void>;

export type ChangeFeed = {
  subscribe(listener: ChangeListener): () => void;
  /** Reads now (a NOTIFY arrived, or a test wants to be sure). Resolves when the read is done. */
  poke(): Promise<void>;
  close(): void;
};

export const SQLITE_POLL_MS = 300;
export const PG_SAFETY_POLL_MS = 1000;

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void };

export async function createChangeFeed(input: { db: Db; pollMs?: number; logger?: Logger }): Promise<ChangeFeed> {
  const { db } = input;
  const pollMs = input.pollMs ?? (db.provider === 'postgresql' ? PG_SAFETY_POLL_MS : SQLITE_POLL_MS);
  const listeners = new Set<ChangeListener>();
  let lastId = await lastChangeId(db.prisma);
  let running: Promise<void> | null = null;
  let isAgainWanted = false;
  let isClosed = false;
  let timer: NodeJS.Timeout | null = null;

  const readOnce = async (): Promise<void> => {
    for (;;) {
      const changes = await readChangesAfter(db.prisma, lastId);
      for (const change of changes) {
        lastId = change.id;
        for (const listener of listeners) {
          try {
            await listener(change);
          } catch (error) {
            input.logger?.warn({ err: (error as Error).message, topic: change.topic }, 'change listener failed');
          }
        }
      }
      if (changes.length < 500) return;
    }
  };

  // Reads never overlap: a poke during a read schedules exactly one more read after it.
  const poke = (): Promise<void> => {
    if (isClosed) return Promise.resolve();
    if (running) {
      isAgainWanted = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          isAgainWanted = false;
          await readOnce();
        } while (isAgainWanted && !isClosed);
      } catch (error) {
        if (!isClosed) input.logger?.warn({ err: (error as Error).message }, 'reading the change feed failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const schedule = (): void => {
    if (isClosed) return;
    timer = setTimeout(() => void poke().finally(schedule), pollMs);
    timer.unref();
  };
  schedule();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    poke,
    close() {
      isClosed = true;
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
