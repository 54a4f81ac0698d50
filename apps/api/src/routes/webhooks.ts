// Webhook endpoints for provisioning systems and each one's delivery log. The use cases are core's
// (packages/core/src/webhooks); the event names come from core's event catalogue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  describeEvents,
  listWebhookSubscriptionDeliveries,
  listWebhookSubscriptions,
  updateWebhookSubscription,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
  type WebhookEventType,
} from '@ftp-panel/core';
import { DATE, ID_PARAMS, listOf, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, PAGE_QUERY, pageOf, type PageQuery } from '../schemas.ts';

/** The names a webhook may subscribe to, as an OpenAPI enum. */
const WEBHOOK_EVENT = { type: 'string', enum: WEBHOOK_EVENT_TYPES } as const;

const WEBHOOK = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: WEBHOOK_EVENT },
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
const EVENTS_SCHEMA = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: WEBHOOK_EVENT,
  description: `The events to deliver:\n${describeEvents(WEBHOOK_EVENT_TYPES)}`,
} as const;

function webhookContext(request: FastifyRequest): WebhookContext {
  return { db: request.server.ctx.db.prisma, actor: request.actor };
}

export async function webhookRoutes(app: FastifyInstance): Promise<void> {
  const access = { access: { perm: 'webhooks:manage' } } as const;

  app.get('/webhooks', { config: access, schema: { tags: ['webhooks'], summary: 'Webhook endpoints', response: { 200: { type: 'array', items: WEBHOOK } } } }, async (request) =>
    listWebhookSubscriptions(webhookContext(request)),
  );

  app.post<{ Body: { url: string; events: WebhookEventType[] } }>(
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
    async (request, reply) => reply.code(201).send(await createWebhookSubscription(webhookContext(request), request.body)),
  );

  app.patch<{ Params: { id: string }; Body: { url?: string; events?: WebhookEventType[]; isActive?: boolean } }>(
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
    async (request) => updateWebhookSubscription(webhookContext(request), request.params.id, request.body),
  );

  app.delete<{ Params: { id: string } }>(
    '/webhooks/:id',
    { config: access, schema: { tags: ['webhooks'], summary: 'Remove an endpoint and its delivery log', params: ID_PARAMS, response: NO_CONTENT } },
    async (request, reply) => {
      await deleteWebhookSubscription(webhookContext(request), request.params.id);
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
      const { items, total } = await listWebhookSubscriptionDeliveries(webhookContext(request), request.params.id, pageOf(request.query));
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
}
