// One event bus for everything that happens: FTP logins, sessions, transfers (with progress),
// bans, quota warnings and admin changes. Subscribers are the API's SSE streams, the persisters
// and the webhook dispatcher. In one process the bus is in memory; with several nodes a relay
// (PostgreSQL LISTEN/NOTIFY) republishes events from other processes with isRemote set.

import type { TransferDirection, TransferRecord } from '@ftp-panel/db';

export type { TransferDirection, TransferStatus } from '@ftp-panel/db';

export type LiveSession = {
  id: string;
  accountId: string | null;
  username: string | null;
  remoteIp: string;
  connectedAt: string;
  isTls: boolean;
  lastCommand: string | null;
  transfer: {
    direction: TransferDirection | 'LIST';
    path: string;
    bytes: number;
    bytesPerSecond: number;
    startedAt: string;
    /** Bytes the transfer is expected to move (downloads: file size minus REST; uploads: ALLO), null when unknown. */
    size?: number | null;
  } | null;
};

/** Every event the product emits. Times are ISO strings so events serialise as they are. */
export type PanelEvent =
  | { type: 'session.opened'; session: LiveSession }
  | { type: 'session.closed'; session: LiveSession }
  | { type: 'login.succeeded'; accountId: string; username: string; remoteIp: string; sessionId: string; channel: 'FTP' | 'WEB' }
  | {
      type: 'login.failed';
      accountId: string | null;
      username: string;
      remoteIp: string;
      sessionId: string | null;
      reason: string;
      channel: 'FTP' | 'WEB';
      /** How the attempt ended (stored in LoginEvent.result); absent = FAILED (wrong credentials). */
      result?: 'FAILED' | 'DENIED' | 'BANNED';
    }
  | {
      type: 'transfer.started';
      accountId: string;
      username: string;
      sessionId: string;
      direction: TransferDirection;
      path: string;
      remoteIp: string;
      startedAt: string;
      /** As LiveSession.transfer.size. */
      size?: number | null;
    }
  | {
      type: 'transfer.progress';
      accountId: string;
      username: string;
      sessionId: string;
      direction: TransferDirection;
      path: string;
      bytes: number;
      bytesPerSecond: number;
      /** As LiveSession.transfer.size. */
      size?: number | null;
    }
  | ({ type: 'transfer.completed'; accountId: string; startedAt: string; endedAt: string } & Omit<TransferRecord, 'id' | 'accountId' | 'startedAt' | 'endedAt'>)
  | { type: 'ban.created'; ip: string; reason: string; expiresAt: string | null }
  | { type: 'ban.lifted'; ip: string }
  | { type: 'quota.warning'; accountId: string; username: string; percent: 80 | 95; usedBytes: number; quotaBytes: number; usedFiles: number; quotaFiles: number }
  | { type: 'account.created' | 'account.updated' | 'account.deleted'; accountId: string; username: string }
  | { type: 'settings.updated' };

export type PanelEventType = PanelEvent['type'];

/** What subscribers receive: the event plus a sequence number (SSE id) and a timestamp. */
export type BusEnvelope = { seq: number; at: string; event: PanelEvent; isRemote: boolean };

export type EventBus = {
  publish(event: PanelEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (envelope: BusEnvelope) => void): () => void;
  /** Envelopes after seq still held in the replay buffer (for SSE Last-Event-ID resume). */
  replaySince(seq: number): BusEnvelope[];
};

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
