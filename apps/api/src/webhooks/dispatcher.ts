import type { FastifyInstance } from 'fastify';
export function startWebhookDispatcher(_app: FastifyInstance): void {}
