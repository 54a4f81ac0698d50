// One event bus for everything that happens: FTP logins, sessions, transfers (with progress),
// bans, quota warnings and admin changes. Subscribers are the API's SSE streams, the persisters
// and the webhook dispatcher. In one process the bus is in memory; with several nodes a relay
// (PostgreSQL LISTEN/NOTIFY) republishes events from other processes with isRemote set.
import type { BusEnvelope, EventBus, PanelEvent } from './types.ts';

const REPLAY_SIZE = 1000;

export function createEventBus(): EventBus & { publishRemote(event: PanelEvent): void } {
  const listeners = new Set<(e: BusEnvelope) => void>();
  const buffer: BusEnvelope[] = [];
  let seq = 0;
  const emit = (event: PanelEvent, isRemote: boolean) => {
    const envelope: BusEnvelope = { seq: ++seq, at: new Date().toISOString(), event, isRemote };
    // Progress ticks are many and short-lived: they go live but are not kept for replay.
    if (event.type !== 'transfer.progress') {
      buffer.push(envelope);
      if (buffer.length > REPLAY_SIZE) buffer.shift();
    }
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch {
        // one faulty subscriber must not break the others
      }
    }
  };
  return {
    publish: (event) => emit(event, false),
    publishRemote: (event) => emit(event, true),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    replaySince(after) {
      return buffer.filter((e) => e.seq > after);
    },
  };
}
