// Delivers bus events to webhook endpoints: each event becomes one WebhookDelivery row per
// subscribed endpoint; a worker POSTs due rows (signed), and retries failures with exponential
// backoff until the attempts run out. Rows are claimed with a conditional update, so several API
// processes never send the same attempt twice.
import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BusEnvelope, PanelEvent } from '@ftp-panel/core';
import type { PrismaDb } from '@ftp-panel/db';
import { subscribersOf, WEBHOOK_EVENTS, type WebhookEvent } from './store.ts';

export const SIGNATURE_HEADER = 'x-ftp-panel-signature';
export const TIMESTAMP_HEADER = 'x-ftp-panel-timestamp';
const BATCH = 20;

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The event's data for receivers: the bus event without its type. */
function dataOf(event: PanelEvent): Record<string, unknown> {
  const { type: _type, ...data } = event;
  return data;
}

export type DispatcherOptions = { retryDelaysMs: number[]; timeoutMs: number; pollMs: number };

export type Dispatcher = { runDue(): Promise<number>; close(): Promise<void> };

export function createDispatcher(db: PrismaDb, options: DispatcherOptions, log: FastifyInstance['log']): Dispatcher & { enqueue(envelope: BusEnvelope): Promise<void> } {
  const maxAttempts = options.retryDelaysMs.length + 1;
  let isClosed = false;
  let running: Promise<number> | null = null;
  let isAgainWanted = false;
  const inFlight = new Set<Promise<unknown>>();

  const attempt = async (delivery: { id: string; payload: string; attempts: number; event: string; webhook: { url: string; secret: string } }): Promise<void> => {
    const timestamp = Math.floor(Date.now() / 1000).toString();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ftp-panel-webhooks/1',
          [SIGNATURE_HEADER]: sign(delivery.webhook.secret, delivery.payload),
          [TIMESTAMP_HEADER]: timestamp,
          'x-ftp-panel-event': delivery.event,
          'x-ftp-panel-delivery': delivery.id,
        },
        body: delivery.payload,
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'manual',
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => {});
      if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
    }
    const attempts = delivery.attempts + 1;
    if (error === null) {
      await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'DELIVERED', attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: new Date() } });
      return;
    }
    const delay = options.retryDelaysMs[attempts - 1];
    const isFinal = attempts >= maxAttempts || delay === undefined;
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: isFinal ? 'FAILED' : 'PENDING',
        attempts,
        lastStatusCode: statusCode,
        lastError: error.slice(0, 500),
        ...(isFinal ? {} : { nextAttemptAt: new Date(Date.now() + delay) }),
      },
    });
    if (isFinal) log.warn({ deliveryId: delivery.id, error }, 'webhook delivery failed for good');
  };

  const runOnce = async (): Promise<number> => {
    const now = new Date();
    const due = await db.webhookDelivery.findMany({
      where: { status: 'PENDING', nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: 'asc' },
      take: BATCH,
      include: { webhook: { select: { url: true, secret: true, isActive: true } } },
    });
    let sent = 0;
    const work: Promise<void>[] = [];
    for (const delivery of due) {
      // Claim: push nextAttemptAt past the timeout so no other worker takes it meanwhile.
      const lease = new Date(Date.now() + options.timeoutMs + 5_000);
      const { count } = await db.webhookDelivery.updateMany({
        where: { id: delivery.id, status: 'PENDING', attempts: delivery.attempts, nextAttemptAt: delivery.nextAttemptAt },
        data: { nextAttemptAt: lease },
      });
      if (count !== 1) continue;
      if (!delivery.webhook.isActive) {
        await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED', lastError: 'webhook disabled' } });
        continue;
      }
      sent++;
      work.push(attempt(delivery).catch((e: unknown) => log.warn({ err: (e as Error).message }, 'webhook attempt bookkeeping failed')));
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

  const tick = (): void => {
    const p = runDue().catch((e: unknown) => log.warn({ err: (e as Error).message }, 'webhook worker failed'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const timer = setInterval(tick, options.pollMs);
  timer.unref();

  return {
    runDue,
    enqueue(envelope) {
      const type = envelope.event.type as WebhookEvent;
      // Remote events are delivered by the process where they happened.
      if (isClosed || envelope.isRemote || !(WEBHOOK_EVENTS as readonly string[]).includes(type)) return Promise.resolve();
      const p = (async () => {
        const targets = await subscribersOf(db, type);
        if (targets.length === 0) return;
        const payload = JSON.stringify({ id: randomUUID(), type, createdAt: envelope.at, data: dataOf(envelope.event) });
        await db.webhookDelivery.createMany({ data: targets.map((t) => ({ webhookId: t.id, event: type, payload })) });
        tick();
      })();
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p)).catch(() => {});
      return p;
    },
    async close() {
      isClosed = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Starts with the app, stops before it closes. */
export function startWebhookDispatcher(app: FastifyInstance): void {
  const { tuning } = app;
  let dispatcher: ReturnType<typeof createDispatcher> | null = null;
  let unsubscribe: (() => void) | null = null;
  app.addHook('onReady', async () => {
    dispatcher = createDispatcher(app.ctx.db.prisma, { retryDelaysMs: tuning.webhookRetryDelaysMs, timeoutMs: tuning.webhookTimeoutMs, pollMs: tuning.webhookPollMs }, app.log);
    const d = dispatcher;
    unsubscribe = app.bus.subscribe((envelope) => {
      d.enqueue(envelope).catch((e: unknown) => app.log.warn({ err: (e as Error).message }, 'webhook enqueue failed'));
    });
  });
  app.addHook('preClose', async () => {
    unsubscribe?.();
    await dispatcher?.close();
  });
}
