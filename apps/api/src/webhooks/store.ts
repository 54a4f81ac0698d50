// Webhook endpoints and their deliveries (rows in Webhook / WebhookDelivery).
import type { PrismaDb } from '@ftp-panel/db';

export const WEBHOOK_EVENTS = [
  'account.created',
  'account.updated',
  'account.deleted',
  'transfer.completed',
  'quota.warning',
  'login.failed',
  'ban.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type Webhook = { id: string; url: string; events: WebhookEvent[]; isActive: boolean; createdAt: Date; updatedAt: Date };

type Row = { id: string; url: string; secret: string; events: string; isActive: boolean; createdAt: Date; updatedAt: Date };

export function toWebhook(row: Row): Webhook {
  const events = row.events.split(',').filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e));
  return { id: row.id, url: row.url, events, isActive: row.isActive, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function listWebhooks(db: PrismaDb): Promise<Webhook[]> {
  return (await db.webhook.findMany({ orderBy: { createdAt: 'asc' } })).map(toWebhook);
}

export async function findWebhook(db: PrismaDb, id: string): Promise<Webhook | null> {
  const row = await db.webhook.findUnique({ where: { id } });
  return row ? toWebhook(row) : null;
}

/** Active endpoints subscribed to an event, with their signing secrets (for the dispatcher only). */
export async function subscribersOf(db: PrismaDb, event: WebhookEvent): Promise<{ id: string; secret: string }[]> {
  const rows = await db.webhook.findMany({ where: { isActive: true }, select: { id: true, secret: true, events: true } });
  return rows.filter((r) => r.events.split(',').includes(event)).map(({ id, secret }) => ({ id, secret }));
}

export async function createWebhook(db: PrismaDb, input: { url: string; events: WebhookEvent[]; secret: string }): Promise<Webhook> {
  return toWebhook(await db.webhook.create({ data: { url: input.url, events: input.events.join(','), secret: input.secret } }));
}

export async function updateWebhook(db: PrismaDb, id: string, input: { url?: string; events?: WebhookEvent[]; isActive?: boolean }): Promise<Webhook | null> {
  const data = {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.events !== undefined ? { events: input.events.join(',') } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
  };
  const row = await db.webhook.update({ where: { id }, data }).catch(() => null);
  return row ? toWebhook(row) : null;
}

export async function deleteWebhook(db: PrismaDb, id: string): Promise<boolean> {
  const { count } = await db.webhook.deleteMany({ where: { id } });
  return count > 0;
}

export type Delivery = {
  id: string;
  webhookId: string;
  event: string;
  payload: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
};

export async function listDeliveries(db: PrismaDb, webhookId: string, q: { offset: number; limit: number }): Promise<{ items: Delivery[]; total: number }> {
  const where = { webhookId };
  const [items, total] = await Promise.all([
    db.webhookDelivery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: q.offset, take: q.limit }),
    db.webhookDelivery.count({ where }),
  ]);
  return { items, total };
}
