// Webhook endpoints for provisioning systems and each one's delivery log.
import type { FastifyInstance } from 'fastify';
import { DomainError, randomToken } from '@ftp-panel/core';
import { recordAudit } from '@ftp-panel/db';
import { DATE, ID_PARAMS, listOf, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, PAGE_QUERY, pageOf, type PageQuery } from '../schemas.ts';
import { createWebhook, deleteWebhook, findWebhook, listDeliveries, listWebhooks, updateWebhook, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from '../webhooks/store.ts';

const WEBHOOK = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    isActive: { type: 'boolean' },
    createdAt: DATE,
    updatedAt: DATE,
  },
} as const;

const DELIVERY = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    event: { type: 'string' },
    payload: { type: 'string' },
    status: { type: 'string', enum: ['PENDING', 'DELIVERED', 'FAILED'] },
    attempts: { type: 'integer' },
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: NULLABLE_STRING,
    nextAttemptAt: DATE,
    createdAt: DATE,
    deliveredAt: NULLABLE_DATE,
  },
} as const;

const URL_SCHEMA = { type: 'string', minLength: 8, maxLength: 2000, pattern: '^https?://' } as const;
const EVENTS_SCHEMA = { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...WEBHOOK_EVENTS] } } as const;

function checkUrl(url: string | undefined): void {
  if (url === undefined) return;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    if (parsed.username || parsed.password) throw new Error('credentials');
  } catch {
    throw DomainError.field('VALIDATION_FAILED', 'url', 'Give an http(s) URL without credentials in it.');
  }
}

function snapshot(w: Webhook) {
  return { url: w.url, events: w.events, isActive: w.isActive };
}

export async function webhookRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;
  const access = { access: { perm: 'webhooks:manage' } } as const;
  const notFound = () => new DomainError('WEBHOOK_NOT_FOUND', 'No such webhook.');

  app.get('/webhooks', { config: access, schema: { tags: ['webhooks'], summary: 'Webhook endpoints', response: { 200: { type: 'array', items: WEBHOOK } } } }, async () =>
    listWebhooks(db.prisma),
  );

  app.post<{ Body: { url: string; events: WebhookEvent[] } }>(
    '/webhooks',
    {
      config: access,
      schema: {
        tags: ['webhooks'],
        summary: 'Add an endpoint; the signing secret is in this answer only (x-ftp-panel-signature: sha256=HMAC(secret, raw body))',
        body: { type: 'object', required: ['url', 'events'], additionalProperties: false, properties: { url: URL_SCHEMA, events: EVENTS_SCHEMA } },
        response: { 201: { type: 'object', properties: { webhook: WEBHOOK, secret: { type: 'string' } } } },
      },
    },
    async (request, reply) => {
      checkUrl(request.body.url);
      const secret = `whsec_${randomToken(32)}`;
      const webhook = await createWebhook(db.prisma, { url: request.body.url, events: request.body.events, secret });
      await recordAudit(db.prisma, { actor: request.actor, action: 'webhook.create', targetType: 'webhook', targetId: webhook.id, after: snapshot(webhook) });
      return reply.code(201).send({ webhook, secret });
    },
  );

  app.patch<{ Params: { id: string }; Body: { url?: string; events?: WebhookEvent[]; isActive?: boolean } }>(
    '/webhooks/:id',
    {
      config: access,
      schema: {
        tags: ['webhooks'],
        summary: 'Change the URL, the events, or pause it',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, properties: { url: URL_SCHEMA, events: EVENTS_SCHEMA, isActive: { type: 'boolean' } } },
        response: { 200: WEBHOOK },
      },
    },
    async (request) => {
      checkUrl(request.body.url);
      const before = await findWebhook(db.prisma, request.params.id);
      if (!before) throw notFound();
      const after = await updateWebhook(db.prisma, before.id, request.body);
      if (!after) throw notFound();
      await recordAudit(db.prisma, { actor: request.actor, action: 'webhook.update', targetType: 'webhook', targetId: after.id, before: snapshot(before), after: snapshot(after) });
      return after;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/webhooks/:id',
    { config: access, schema: { tags: ['webhooks'], summary: 'Remove an endpoint and its delivery log', params: ID_PARAMS, response: NO_CONTENT } },
    async (request, reply) => {
      const before = await findWebhook(db.prisma, request.params.id);
      if (!before || !(await deleteWebhook(db.prisma, before.id))) throw notFound();
      await recordAudit(db.prisma, { actor: request.actor, action: 'webhook.delete', targetType: 'webhook', targetId: before.id, before: snapshot(before) });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/webhooks/:id/deliveries',
    {
      config: access,
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery log of an endpoint, newest first',
        params: ID_PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: PAGE_QUERY },
        response: { 200: listOf(DELIVERY) },
      },
    },
    async (request) => {
      if (!(await findWebhook(db.prisma, request.params.id))) throw notFound();
      const { items, total } = await listDeliveries(db.prisma, request.params.id, pageOf(request.query));
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
}
