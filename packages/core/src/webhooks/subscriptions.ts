// Webhook subscriptions: which URL gets which events. Every write validates first (nothing changes
// on bad input), then writes the row and its audit entry together.
import {
  createWebhook,
  deleteWebhook,
  findWebhookById,
  isWebhookPrivateTargetAllowed,
  listWebhookDeliveries,
  listWebhooks,
  recordAudit,
  updateWebhook,
  type Actor,
  type PrismaDb,
  type Webhook as WebhookRow,
  type WebhookDelivery,
} from '@ftp-panel/db';
import { actorOf, inTransaction } from '../accounts/context.ts';
import { randomToken } from '../bootstrap.ts';
import { DomainError, type FieldIssue } from '../errors.ts';
import { isWebhookEventType, type WebhookEventType } from '../events/catalogue.ts';
import { systemResolver, webhookTargetIssue, type WebhookResolver } from './target.ts';

export type WebhookContext = {
  db: PrismaDb;
  /** defaults to the system actor */
  actor?: Actor;
  /** name resolution for the address check; defaults to the system resolver */
  resolve?: WebhookResolver;
};

export type Webhook = Omit<WebhookRow, 'events'> & { events: WebhookEventType[] };
export type WebhookCreateInput = { url: string; events: string[] };
export type WebhookUpdateInput = { url?: string; events?: string[]; isActive?: boolean };

/** Signing secrets start with this, so a leaked one is recognisable. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

// Rows written before an event left the catalogue keep the name; it is no longer delivered or shown.
function toWebhook(row: WebhookRow): Webhook {
  return { ...row, events: row.events.filter(isWebhookEventType) };
}

function notFound(): DomainError {
  return new DomainError('WEBHOOK_NOT_FOUND', 'No such webhook.');
}

function urlIssue(url: string): FieldIssue | null {
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username && !parsed.password) return null;
  } catch {
    // not a URL at all
  }
  return { field: 'url', message: 'Give an http(s) URL without credentials in it.' };
}

function eventsIssue(events: string[]): FieldIssue | null {
  const unknown = events.filter((e) => !isWebhookEventType(e));
  if (events.length === 0) return { field: 'events', message: 'Choose at least one event.' };
  if (unknown.length > 0) return { field: 'events', message: `No webhook event named ${unknown.map((e) => `"${e}"`).join(', ')}.` };
  return null;
}

/** A URL whose host is, or resolves to, an inside address, unless the setting allows those. */
async function targetIssue(ctx: WebhookContext, url: string): Promise<FieldIssue | null> {
  if (urlIssue(url) !== null) return null;
  return webhookTargetIssue(url, { resolve: ctx.resolve ?? systemResolver, isPrivateAllowed: await isWebhookPrivateTargetAllowed(ctx.db) });
}

/** All problems at once, as the API reports them. */
async function validate(ctx: WebhookContext, input: WebhookUpdateInput): Promise<void> {
  const issues = [
    input.url === undefined ? null : (urlIssue(input.url) ?? (await targetIssue(ctx, input.url))),
    input.events === undefined ? null : eventsIssue(input.events),
  ].filter((i) => i !== null);
  const first = issues[0];
  if (!first) return;
  throw new DomainError('VALIDATION_FAILED', issues.length === 1 ? first.message : issues.map((i) => i.message).join(' '), issues);
}

function snapshot(w: Webhook) {
  return { url: w.url, events: w.events, isActive: w.isActive };
}

export async function listWebhookSubscriptions(ctx: WebhookContext): Promise<Webhook[]> {
  return (await listWebhooks(ctx.db)).map(toWebhook);
}

export async function getWebhookSubscription(ctx: WebhookContext, id: string): Promise<Webhook> {
  const row = await findWebhookById(ctx.db, id);
  if (!row) throw notFound();
  return toWebhook(row);
}

/** The signing secret is returned here only; it is never shown again. */
export async function createWebhookSubscription(ctx: WebhookContext, input: WebhookCreateInput): Promise<{ webhook: Webhook; secret: string }> {
  await validate(ctx, input);
  const secret = `${WEBHOOK_SECRET_PREFIX}${randomToken(32)}`;
  const webhook = await inTransaction(ctx.db, async (tx) => {
    const created = toWebhook(await createWebhook(tx, { url: input.url, events: [...new Set(input.events)], secret }));
    await recordAudit(tx, { actor: actorOf(ctx), action: 'webhook.create', targetType: 'webhook', targetId: created.id, after: snapshot(created) });
    return created;
  });
  return { webhook, secret };
}

export async function updateWebhookSubscription(ctx: WebhookContext, id: string, input: WebhookUpdateInput): Promise<Webhook> {
  await validate(ctx, input);
  const before = await getWebhookSubscription(ctx, id);
  const patch = { ...input, ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}) };
  return inTransaction(ctx.db, async (tx) => {
    const row = await updateWebhook(tx, id, patch);
    if (!row) throw notFound();
    const after = toWebhook(row);
    await recordAudit(tx, { actor: actorOf(ctx), action: 'webhook.update', targetType: 'webhook', targetId: id, before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

/** Removes the endpoint and its delivery log. */
export async function deleteWebhookSubscription(ctx: WebhookContext, id: string): Promise<void> {
  const before = await getWebhookSubscription(ctx, id);
  await inTransaction(ctx.db, async (tx) => {
    if (!(await deleteWebhook(tx, id))) throw notFound();
    await recordAudit(tx, { actor: actorOf(ctx), action: 'webhook.delete', targetType: 'webhook', targetId: id, before: snapshot(before) });
  });
}

/** An endpoint's deliveries, newest first. */
export async function listWebhookSubscriptionDeliveries(ctx: WebhookContext, id: string, page: { offset: number; limit: number }): Promise<{ items: WebhookDelivery[]; total: number }> {
  await getWebhookSubscription(ctx, id);
  return listWebhookDeliveries(ctx.db, id, page);
}
