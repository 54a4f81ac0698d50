// PostgreSQL LISTEN/NOTIFY: wakes the change feed at once, and carries live PanelEvents between
// processes (an API node sees the transfers of an FTP node). Only local events are sent; events
// from other processes come back through publishRemote with isRemote set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BusEnvelope, EventBus, PanelEvent } from './types.ts';
import type { ChangeFeed } from './change-feed.ts';
import { CHANGES_CHANNEL, EVENTS_CHANNEL, MAX_NOTIFY_PAYLOAD } from './notify.ts';

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void; debug?(obj: Record<string, unknown>, msg?: string): void };
type RelayBus = EventBus & { publishRemote(event: PanelEvent): void };

export type PgRelay = { close(): Promise<void> };

const RECONNECT_MS = 1000;

export async function startPgRelay(input: { url: string; bus: RelayBus; changes: ChangeFeed; logger?: Logger }): Promise<PgRelay> {
  const origin = randomBytes(6).toString('hex');
  let client: pg.Client | null = null;
  let isClosed = false;
  let reconnectTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: input.url });
    const onLost = (error?: Error): void => {
      if (client === next) client = null;
      void next.end().catch(() => {});
      if (isClosed) return;
      input.logger?.warn({ err: error?.message ?? 'connection ended' }, 'event relay connection lost');
      scheduleReconnect();
    };
    next.on('error', onLost);
    next.on('end', () => {
      if (client === next) onLost();
    });
    next.on('notification', (message) => onNotification(message.channel, message.payload));
    await next.connect();
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    client = next;
    // Anything written while we were not listening is read now.
    void input.changes.poke();
  };

  const scheduleReconnect = (): void => {
    if (isClosed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((error: unknown) => {
        input.logger?.warn({ err: (error as Error).message }, 'event relay reconnect failed');
        scheduleReconnect();
      });
    }, RECONNECT_MS);
    reconnectTimer.unref();
  };

  const onNotification = (channel: string, payload: string | undefined): void => {
    if (channel === CHANGES_CHANNEL) {
      void input.changes.poke();
      return;
    }
    if (channel !== EVENTS_CHANNEL || !payload) return;
    try {
      const message = JSON.parse(payload) as { origin: string; event: PanelEvent };
      if (message.origin !== origin) input.bus.publishRemote(message.event);
    } catch {
      // not ours
    }
  };

  const unsubscribe = input.bus.subscribe((envelope: BusEnvelope) => {
    if (envelope.isRemote || !client) return;
    const payload = JSON.stringify({ origin, event: envelope.event });
    if (Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD) {
      input.logger?.debug?.({ type: envelope.event.type }, 'event too large to relay');
      return;
    }
    client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, payload]).catch(() => {});
  });

  await connect();
  return {
    async close() {
      isClosed = true;
      unsubscribe();
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
