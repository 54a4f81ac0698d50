// Server-Sent Events: live transfers (with progress), sessions, logins and bans. Admins and tokens
// with sessions:read see everything; a customer sees only their own account's events.
// `id:` is the bus sequence number, so a reconnecting browser resumes with Last-Event-ID.
import type { FastifyRequest } from 'fastify';
import { describeEvents, EVENT_CATALOGUE, EVENT_TYPES, eventPayloadSchema, isEventType, type BusEnvelope, type PanelEvent } from '@ftp-panel/core';
import type { Caller } from '../access/caller.ts';
import { DATE, type RoutesInstance } from '../schemas.ts';

/** One message's data for each event type: its payload schema from core's catalogue, plus `type` and `at`. */
const EVENT_MESSAGE = {
  oneOf: EVENT_TYPES.map((type) => {
    const payload = eventPayloadSchema(type);
    return {
      type: 'object',
      title: type,
      description: EVENT_CATALOGUE[type].description,
      additionalProperties: false,
      required: ['type', 'at', ...('required' in payload ? payload.required : [])],
      properties: { type: { type: 'string', enum: [type] }, at: DATE, ...payload.properties },
    };
  }),
  discriminator: { propertyName: 'type' },
  description: `Each message's \`event:\` is its type, \`data:\` the event as JSON (its fields depend on the type) with \`at\`, when it happened:\n${describeEvents(EVENT_TYPES)}`,
};

/** The account an event belongs to, or null for server-wide events (bans, settings). */
function accountOf(event: PanelEvent): string | null {
  if (event.type === 'session.opened' || event.type === 'session.closed') return event.session.accountId;
  if ('accountId' in event) return event.accountId;
  return null;
}

export function isVisibleTo(caller: Caller, event: PanelEvent): boolean {
  // A newer node's event type (relayed over PostgreSQL) that this one does not know is not sent.
  if (!isEventType(event.type)) return false;
  if (caller.kind !== 'customer') return true;
  // Customers: their own sessions, transfers, logins, quota; nothing about others or the server.
  return accountOf(event) === caller.account.id && event.type !== 'account.deleted';
}

export function formatSse(envelope: BusEnvelope): string {
  return `id: ${envelope.seq}\nevent: ${envelope.event.type}\ndata: ${JSON.stringify({ ...envelope.event, at: envelope.at })}\n\n`;
}

function lastEventId(request: Pick<FastifyRequest, 'headers'> & { query: { lastEventId?: number } }): number | null {
  const header = request.headers['last-event-id'];
  const value = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header) : request.query.lastEventId;
  return value === undefined ? null : value;
}

export async function eventRoutes(app: RoutesInstance): Promise<void> {
  // Open streams would keep app.close() waiting: they end before the server closes.
  const closeStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...closeStreams]) close();
  });

  app.get(
    '/events',
    {
      config: { access: { perm: 'sessions:read', isCustomerAllowed: true } },
      schema: {
        operationId: 'streamEvents',
        tags: ['Events'],
        summary: 'Server-Sent Events stream (text/event-stream); resume with the Last-Event-ID header',
        querystring: { type: 'object', additionalProperties: false, properties: { lastEventId: { type: 'integer', minimum: 0 } } },
        response: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: EVENT_MESSAGE } } } },
      },
    },
    (request, reply) => {
      const caller = request.caller;
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.socket?.setNoDelay(true);
      // Browsers reconnect after this many ms when the stream drops.
      raw.write('retry: 3000\n\n');

      const send = (envelope: BusEnvelope): void => {
        if (raw.writableEnded || !isVisibleTo(caller, envelope.event)) return;
        raw.write(formatSse(envelope));
      };
      // Subscribe before replaying so nothing published in between is lost; replayed ids are skipped live.
      let replayedUpTo = 0;
      const unsubscribe = app.bus.subscribe((envelope) => {
        if (envelope.seq > replayedUpTo) send(envelope);
      });
      const resumeFrom = lastEventId(request);
      if (resumeFrom !== null) {
        const missed = app.bus.replaySince(resumeFrom);
        for (const envelope of missed) send(envelope);
        replayedUpTo = missed.at(-1)?.seq ?? 0;
      }
      const heartbeat = setInterval(() => {
        if (!raw.writableEnded) raw.write(`: heartbeat ${new Date().toISOString()}\n\n`);
      }, app.tuning.sseHeartbeatMs);
      heartbeat.unref();

      const close = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        closeStreams.delete(close);
        if (!raw.writableEnded) raw.end();
      };
      closeStreams.add(close);
      request.raw.on('close', close);
      raw.on('error', close);
    },
  );
}
