// Delivers bus events to webhook endpoints: each subscribable event becomes one WebhookDelivery row
// per subscribed endpoint; a worker POSTs due rows (signed), and retries failures with backoff
// until the attempts run out. Rows are claimed with a conditional update, so several processes
// never send the same attempt twice. Each attempt goes to one address resolved and checked for it
// (request.ts, target.ts); a failure is stored as its class, not the socket's message.
import { createHmac, randomUUID } from 'node:crypto';
import {
  claimWebhookDelivery,
  createWebhookDeliveries,
  isWebhookPrivateTargetAllowed,
  listDueWebhookDeliveries,
  listWebhookSubscribers,
  recordWebhookAttempt,
  type DueWebhookDelivery,
  type PrismaDb,
} from '@ftp-panel/db';
import type { BusEnvelope, EventBus, PanelEvent } from '../events/types.ts';
import { isWebhookEventType } from '../events/catalogue.ts';
import { createPinnedRequest, type WebhookRequest } from './request.ts';
import type { WebhookResolver } from './target.ts';

export const SIGNATURE_HEADER = 'x-ftp-panel-signature';
export const TIMESTAMP_HEADER = 'x-ftp-panel-timestamp';
export const EVENT_HEADER = 'x-ftp-panel-event';
export const DELIVERY_HEADER = 'x-ftp-panel-delivery';
const BATCH = 20;

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void };

export type WebhookDispatcherDeps = {
  db: PrismaDb;
  /** the dispatcher subscribes to it and unsubscribes on close */
  bus: Pick<EventBus, 'subscribe'>;
  log?: Logger;
  /** defaults to the wall clock */
  clock?: () => Date;
  /** one attempt; defaults to a POST to the address resolved (by `resolve`) and pinned for it */
  request?: WebhookRequest;
  /** name resolution for the default request; defaults to the system resolver */
  resolve?: WebhookResolver;
  /** overrides the stored setting isWebhookPrivateTargetAllowed (read before each batch) */
  isPrivateTargetAllowed?: boolean;
};

export type WebhookDispatcherOptions = {
  /** the wait before each retry; attempts = retries + 1 */
  retryDelaysMs: number[];
  /** an endpoint that has not answered by then counts as failed */
  timeoutMs: number;
  /** how often due retries are looked for */
  pollMs: number;
};

export type WebhookDispatcher = {
  /** Sends what is due now; resolves to how many attempts were made. */
  runDue(): Promise<number>;
  /** Turns one bus event into deliveries (already done for every event on the bus). */
  enqueue(envelope: BusEnvelope): Promise<void>;
  /** Stops listening and polling; waits for attempts in flight. */
  close(): Promise<void>;
};

/**
 * The x-ftp-panel-signature value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp is signed with the body, so a receiver that refuses timestamps older than five
 * minutes cannot be fed a captured delivery again later.
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The event's data for receivers: the bus event without its type. */
function dataOf(event: PanelEvent): Record<string, unknown> {
  const { type: _type, ...data } = event;
  return data;
}

export function createWebhookDispatcher(deps: WebhookDispatcherDeps, options: WebhookDispatcherOptions): WebhookDispatcher {
  const { db, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  const send = deps.request ?? createPinnedRequest(deps.resolve ? { resolve: deps.resolve } : {});
  const maxAttempts = options.retryDelaysMs.length + 1;
  let isClosed = false;
  let running: Promise<number> | null = null;
  let isAgainWanted = false;
  const inFlight = new Set<Promise<unknown>>();

  const post = async (delivery: DueWebhookDelivery, isPrivateAllowed: boolean): Promise<{ statusCode: number | null; error: string | null }> => {
    const timestamp = Math.floor(clock().getTime() / 1000);
    const { statusCode, errorClass } = await send({
      url: delivery.webhook.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ftp-panel-webhooks/1',
        [SIGNATURE_HEADER]: signWebhookBody(delivery.webhook.secret, timestamp, delivery.payload),
        [TIMESTAMP_HEADER]: timestamp.toString(),
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: delivery.id,
      },
      body: delivery.payload,
      timeoutMs: options.timeoutMs,
      isPrivateAllowed,
    });
    return { statusCode, error: errorClass };
  };

  const attempt = async (delivery: DueWebhookDelivery, isPrivateAllowed: boolean): Promise<void> => {
    const { statusCode, error } = await post(delivery, isPrivateAllowed);
    const attempts = delivery.attempts + 1;
    if (error === null) {
      await recordWebhookAttempt(db, delivery.id, { status: 'DELIVERED', attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: clock() });
      return;
    }
    const delay = options.retryDelaysMs[attempts - 1];
    const isFinal = attempts >= maxAttempts || delay === undefined;
    await recordWebhookAttempt(db, delivery.id, {
      status: isFinal ? 'FAILED' : 'PENDING',
      attempts,
      lastStatusCode: statusCode,
      lastError: error,
      ...(isFinal ? {} : { nextAttemptAt: new Date(clock().getTime() + delay) }),
    });
    if (isFinal) log?.warn({ deliveryId: delivery.id, errorClass: error }, 'webhook delivery failed for good');
  };

  const runOnce = async (): Promise<number> => {
    const due = await listDueWebhookDeliveries(db, clock(), BATCH);
    if (due.length === 0) return 0;
    const isPrivateAllowed = deps.isPrivateTargetAllowed ?? (await isWebhookPrivateTargetAllowed(db));
    let sent = 0;
    const work: Promise<void>[] = [];
    for (const delivery of due) {
      // Claim: push nextAttemptAt past the timeout so no other worker takes it meanwhile.
      const lease = new Date(clock().getTime() + options.timeoutMs + 5_000);
      if (!(await claimWebhookDelivery(db, delivery, lease))) continue;
      if (!delivery.webhook.isActive) {
        await recordWebhookAttempt(db, delivery.id, { status: 'FAILED', lastError: 'webhook disabled' });
        continue;
      }
      sent++;
      work.push(attempt(delivery, isPrivateAllowed).catch((e: unknown) => log?.warn({ err: (e as Error).message }, 'webhook attempt bookkeeping failed')));
    }
    await Promise.all(work);
    return sent;
  };

  const runDue = (): Promise<number> => {
    if (isClosed) return Promise.resolve(0);
    if (running) {
      isAgainWanted = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        isAgainWanted = false;
        total += await runOnce();
      } while (isAgainWanted && !isClosed);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const track = (p: Promise<unknown>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
  };
  const tick = (): void => track(runDue().catch((e: unknown) => log?.warn({ err: (e as Error).message }, 'webhook worker failed')));
  const timer = setInterval(tick, options.pollMs);
  timer.unref();

  const enqueue = (envelope: BusEnvelope): Promise<void> => {
    const { type } = envelope.event;
    // Remote events are delivered by the process where they happened.
    if (isClosed || envelope.isRemote || !isWebhookEventType(type)) return Promise.resolve();
    const p = (async () => {
      const targets = await listWebhookSubscribers(db, type);
      if (targets.length === 0) return;
      const payload = JSON.stringify({ id: randomUUID(), type, createdAt: envelope.at, data: dataOf(envelope.event) });
      await createWebhookDeliveries(db, { webhookIds: targets.map((t) => t.id), event: type, payload });
      tick();
    })();
    track(p);
    return p;
  };

  const unsubscribe = deps.bus.subscribe((envelope) => {
    enqueue(envelope).catch((e: unknown) => log?.warn({ err: (e as Error).message }, 'webhook enqueue failed'));
  });

  return {
    runDue,
    enqueue,
    async close() {
      isClosed = true;
      unsubscribe();
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
