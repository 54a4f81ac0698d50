// Everything event-related a process runs once, whatever else it does (API node, FTP node, both):
// the change feed watcher, the PostgreSQL relay of changes and live events, the batched persister
// and the retention cleanup job.
import type { Db } from '@ftp-panel/db';
import type { EventBus, PanelEvent } from './types.ts';
import { createChangeFeed } from './change-feed.ts';
import type { ChangeFeed } from './change-feed.ts';
import { startPgRelay } from './pg-relay.ts';
import type { PgRelay } from './pg-relay.ts';
import { startEventPersister } from './persister.ts';
import type { EventPersister } from './persister.ts';
import { startRetentionJob } from './retention.ts';
import type { RetentionJob } from './retention.ts';

type Logger = {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
};

export type EventRuntime = {
  changes: ChangeFeed;
  persister: EventPersister;
  retention: RetentionJob;
  close(): Promise<void>;
};

export async function startEventRuntime(input: {
  db: Db;
  bus: EventBus & { publishRemote(event: PanelEvent): void };
  logger?: Logger;
  pollMs?: number;
}): Promise<EventRuntime> {
  const { db, bus, logger } = input;
  const changes = await createChangeFeed({ db, ...(input.pollMs ? { pollMs: input.pollMs } : {}), ...(logger ? { logger } : {}) });
  let relay: PgRelay | null = null;
  if (db.provider === 'postgresql') relay = await startPgRelay({ url: db.target, bus, changes, ...(logger ? { logger } : {}) });
  const persister = startEventPersister({ db: db.prisma, bus, ...(logger ? { logger } : {}) });
  const retention = startRetentionJob({ db: db.prisma, ...(logger ? { logger } : {}) });
  return {
    changes,
    persister,
    retention,
    async close() {
      retention.stop();
      await persister.close();
      await relay?.close();
      changes.close();
    },
  };
}
