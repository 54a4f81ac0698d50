// The shapes of events: each PanelEvent member is built from its payload's JSON schema in the
// catalogue (json-schema-to-ts), so the TypeScript type and the documented schema cannot differ.
import type { FromSchema } from 'json-schema-to-ts';
import type { TransferInput } from '@ftp-panel/db';
import type { EVENT_CATALOGUE, LIVE_SESSION_SCHEMA, PanelEventType } from './catalogue.ts';

export type { TransferDirection, TransferStatus } from '@ftp-panel/db';
export type { PanelEventType, WebhookEventType } from './catalogue.ts';

type Flatten<T> = { [K in keyof T]: T[K] };

/** One FTP control connection and its running transfer, if any. Times are ISO strings. */
export type LiveSession = FromSchema<typeof LIVE_SESSION_SCHEMA>;

type Catalogue = typeof EVENT_CATALOGUE;
type Payloads = { [T in PanelEventType]: FromSchema<Catalogue[T]['payload']> };

/** What an event carries besides its type (a webhook delivery's `data`). */
export type EventPayload<T extends PanelEventType> = Payloads[T];

/** Every event the product emits. Times are ISO strings so events serialise as they are. */
export type PanelEvent = { [T in PanelEventType]: { type: T } & Payloads[T] }[PanelEventType];

/** The event of one type, as the bus carries it. */
export type PanelEventOf<T extends PanelEventType> = Extract<PanelEvent, { type: T }>;

/** What subscribers receive: the event plus a sequence number (SSE id) and a timestamp. */
export type BusEnvelope = { seq: number; at: string; event: PanelEvent; isRemote: boolean };

export type EventBus = {
  publish(event: PanelEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (envelope: BusEnvelope) => void): () => void;
  /** Envelopes after seq still held in the replay buffer (for SSE Last-Event-ID resume). */
  replaySince(seq: number): BusEnvelope[];
};

// A finished transfer's event is the stored row with ISO times (the persister writes it as is):
// checked both ways so the catalogue's schema and the database's record cannot drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type CompletedAsRow = Omit<TransferInput, 'accountId' | 'startedAt' | 'endedAt'> & { accountId: string; startedAt: string; endedAt: string };
const _isCompletedTheStoredRow: Same<Flatten<CompletedAsRow>, EventPayload<'transfer.completed'>> = true;
void _isCompletedTheStoredRow;
