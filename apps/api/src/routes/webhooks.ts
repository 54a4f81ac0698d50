// Webhook endpoints for provisioning systems and each one's delivery log. The use cases are core's
// (packages/core/src/webhooks); the event names come from core's event catalogue.
import type { FastifyRequest } from 'fastify';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  describeEvents,
  listWebhookSubscriptionDeliveries,
  listWebhookSubscriptions,
  updateWebhookSubscription,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
} from '@ftp-panel/core';
import { alwaysSent, DATE, described, errors, ID_PARAMS, listOf, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, PAGE_QUERY, pageOf, type RoutesInstance } from '../schemas.ts';

/** The names a webhook may subscribe to, as an OpenAPI enum. */
const WEBHOOK_EVENT = { type: 'string', enum: WEBHOOK_EVENT_TYPES } as const;

const WEBHOOK = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: WEBHOOK_EVENT },
    isActive: { type: 'boolean' },
    createdAt: DATE,
    updatedAt: DATE,
  },
} as const);

const DELIVERY = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    event: { type: 'string' },
    payload: { type: 'string' },
    status: { type: 'string', enum: ['PENDING', 'DELIVERED', 'FAILED'] },
    attempts: { type: 'integer' },
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: { ...NULLABLE_STRING, description: 'Why the last attempt failed: TIMEOUT, REFUSED, DNS, TLS, BLOCKED_ADDRESS, REDIRECT or HTTP_<status>' },
    nextAttemptAt: DATE,
    createdAt: DATE,
    deliveredAt: NULLABLE_DATE,
  },
} as const);

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

export async function webhookRoutes(app: RoutesInstance): Promise<void> {
  const access = { access: { perm: 'webhooks:manage' } } as const;

  app.get(
    '/webhooks',
    {
      config: access,
      schema: { operationId: 'listWebhooks', tags: ['Webhooks'], summary: 'Webhook endpoints', response: { 200: described('Every endpoint', { type: 'array', items: WEBHOOK }) } },
    },
    async (request) => listWebhookSubscriptions(webhookContext(request)),
  );

  app.post(
    '/webhooks',
    {
      config: access,
      schema: {
        operationId: 'createWebhook',
        tags: ['Webhooks'],
        summary: 'Add an endpoint; the signing secret is in this answer only',
        description:
          'Each delivery carries x-ftp-panel-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")> (and x-ftp-panel-timestamp). Receivers must check the HMAC and refuse a timestamp older than 5 minutes. The URL may not be, or resolve to, a loopback, private, link-local, unique-local, CGNAT or multicast address unless the setting isWebhookPrivateTargetAllowed is on (400 naming url).',
        body: { type: 'object', required: ['url', 'events'], additionalProperties: false, properties: { url: URL_SCHEMA, events: EVENTS_SCHEMA } },
        response: { 201: described('The endpoint and its signing secret (shown this once)', alwaysSent({ type: 'object', properties: { webhook: WEBHOOK, secret: { type: 'string' } } })) },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhookSubscription(webhookContext(request), request.body)),
  );

  app.patch(
    '/webhooks/:id',
    {
      config: access,
      schema: {
        operationId: 'updateWebhook',
        tags: ['Webhooks'],
        summary: 'Change the URL, the events, or pause it',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, properties: { url: URL_SCHEMA, events: EVENTS_SCHEMA, isActive: { type: 'boolean' } } },
        response: { 200: described('The changed endpoint', WEBHOOK), ...errors(404) },
      },
    },
    async (request) => updateWebhookSubscription(webhookContext(request), request.params.id, request.body),
  );

  app.delete(
    '/webhooks/:id',
    { config: access, schema: { operationId: 'deleteWebhook', tags: ['Webhooks'], summary: 'Remove an endpoint and its delivery log', params: ID_PARAMS, response: { ...NO_CONTENT, ...errors(404) } } },
    async (request, reply) => {
      await deleteWebhookSubscription(webhookContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: access,
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['Webhooks'],
        summary: 'Delivery log of an endpoint, newest first',
        params: ID_PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: PAGE_QUERY },
        response: { 200: described('One page of deliveries', listOf(DELIVERY)), ...errors(404) },
      },
    },
    async (request) => {
      const { items, total } = await listWebhookSubscriptionDeliveries(webhookContext(request), request.params.id, pageOf(request.query));
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
}
