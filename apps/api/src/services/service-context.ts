// The account/token services' context for one request: the database, hasher, homes root, the
// acting caller (audit) and the bus (account.* events for SSE and webhooks).
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '@ftp-panel/core';

export function serviceContext(request: FastifyRequest): ServiceContext {
  const app = request.server;
  return {
    db: app.ctx.db.prisma,
    hasher: app.ctx.hasher,
    homesDir: app.ctx.config.homesDir,
    actor: request.actor,
    events: app.bus,
  };
}
