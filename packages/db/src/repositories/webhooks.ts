// Webhook endpoints and their deliveries (rows in Webhook / WebhookDelivery). Which event names are
// valid is core's business (the event catalogue): here they are plain strings.
import type { PrismaDb } from '../client.ts';

export type Webhook = { id: string; url: string; events: string[]; isActive: boolean; createdAt: Date; updatedAt: Date };

export type WebhookInput = { url: string; events: string[]; secret: string };
export type WebhookPatch = { url?: string; events?: string[]; isActive?: boolean };

type WebhookRow = { id: string; url: string; events: string; isActive: boolean; createdAt: Date; updatedAt: Date };

function toWebhook(row: WebhookRow): Webhook {
  const events = row.events.split(',').filter((e) => e !== '');
  return { id: row.id, url: row.url, events, isActive: row.isActive, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function listWebhooks(db: PrismaDb): Promise<Webhook[]> {
  return (await db.webhook.findMany({ orderBy: { createdAt: 'asc' } })).map(toWebhook);
}

export async function findWebhookById(db: PrismaDb, id: string): Promise<Webhook | null> {
  const row = await db.webhook.findUnique({ where: { id } });
  return row ? toWebhook(row) : null;
}

/** Active endpoints subscribed to an event, with their signing secrets (for the dispatcher only). */
export async function listWebhookSubscribers(db: PrismaDb, event: string): Promise<{ id: string; secret: string }[]> {
  const rows = await db.webhook.findMany({ where: { isActive: true }, select: { id: true, secret: true, events: true } });
  return rows.filter((r) => r.events.split(',').includes(event)).map(({ id, secret }) => ({ id, secret }));
}

export async function createWebhook(db: PrismaDb, input: WebhookInput): Promise<Webhook> {
  return toWebhook(await db.webhook.create({ data: { url: input.url, events: input.events.join(','), secret: input.secret } }));
}

/** null when the row is gone. */
export async function updateWebhook(db: PrismaDb, id: string, patch: WebhookPatch): Promise<Webhook | null> {
  const data = {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events !== undefined ? { events: patch.events.join(',') } : {}),
    ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
  };
  const { count } = await db.webhook.updateMany({ where: { id }, data });
  return count === 1 ? findWebhookById(db, id) : null;
}

export async function deleteWebhook(db: PrismaDb, id: string): Promise<boolean> {
  const { count } = await db.webhook.deleteMany({ where: { id } });
  return count > 0;
}

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export type WebhookDelivery = {
  id: string;
  webhookId: string;
  event: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
};

/** A due delivery with what it takes to send it. */
export type DueWebhookDelivery = WebhookDelivery & { webhook: { url: string; secret: string; isActive: boolean } };

export async function listWebhookDeliveries(db: PrismaDb, webhookId: string, page: { offset: number; limit: number }): Promise<{ items: WebhookDelivery[]; total: number }> {
  const where = { webhookId };
  const [items, total] = await Promise.all([
    db.webhookDelivery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }),
    db.webhookDelivery.count({ where }),
  ]);
  return { items, total };
}

/** One PENDING delivery per endpoint, all carrying the same payload. */
export async function createWebhookDeliveries(db: PrismaDb, input: { webhookIds: string[]; event: string; payload: string }): Promise<void> {
  await db.webhookDelivery.createMany({ data: input.webhookIds.map((webhookId) => ({ webhookId, event: input.event, payload: input.payload })) });
}

export async function listDueWebhookDeliveries(db: PrismaDb, now: Date, limit: number): Promise<DueWebhookDelivery[]> {
  return db.webhookDelivery.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
    include: { webhook: { select: { url: true, secret: true, isActive: true } } },
  });
}

/**
 * Takes a due delivery for one attempt by pushing its nextAttemptAt to leaseUntil, only if nobody
 * else did first (same attempts and nextAttemptAt as read). False when another worker has it.
 */
export async function claimWebhookDelivery(db: PrismaDb, delivery: Pick<WebhookDelivery, 'id' | 'attempts' | 'nextAttemptAt'>, leaseUntil: Date): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: delivery.id, status: 'PENDING', attempts: delivery.attempts, nextAttemptAt: delivery.nextAttemptAt },
    data: { nextAttemptAt: leaseUntil },
  });
  return count === 1;
}

export type WebhookAttemptRecord = {
  status: WebhookDeliveryStatus;
  attempts?: number;
  lastStatusCode?: number | null;
  lastError: string | null;
  nextAttemptAt?: Date;
  deliveredAt?: Date;
};

export async function recordWebhookAttempt(db: PrismaDb, id: string, record: WebhookAttemptRecord): Promise<void> {
  await db.webhookDelivery.update({ where: { id }, data: record });
}

/** ServerSettings.isWebhookPrivateTargetAllowed, false while the settings row does not exist yet (not created here). */
export async function isWebhookPrivateTargetAllowed(db: PrismaDb): Promise<boolean> {
  const row = await db.serverSettings.findUnique({ where: { id: 1 }, select: { isWebhookPrivateTargetAllowed: true } });
  return row?.isWebhookPrivateTargetAllowed ?? false;
}
