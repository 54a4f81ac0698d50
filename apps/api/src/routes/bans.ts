// IP bans: list, add, lift. Running FTP services apply them at once (change feed topic 'ban').
import type { FastifyRequest } from 'fastify';
import { banAddress, liftAddressBan, listAddressBans, type BanContext } from '@ftp-panel/core';
import { alwaysSent, DATE, described, errors, ID_PARAMS, listOf, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, PAGE_QUERY, pageOf, type RoutesInstance } from '../schemas.ts';

const BAN = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    ip: { type: 'string' },
    reason: { type: 'string' },
    createdBy: NULLABLE_STRING,
    createdAt: DATE,
    expiresAt: NULLABLE_DATE,
    liftedAt: NULLABLE_DATE,
    isActive: { type: 'boolean' },
  },
} as const);

export async function banRoutes(app: RoutesInstance): Promise<void> {
  const { db } = app.ctx;
  const contextOf = (request: FastifyRequest): BanContext => ({ db, actor: request.actor, events: app.bus });

  app.get(
    '/bans',
    {
      config: { access: { perm: 'bans:read' } },
      schema: {
        operationId: 'listBans',
        tags: ['Bans'],
        summary: 'Bans, newest first (isActive=true for those in force)',
        querystring: { type: 'object', additionalProperties: false, properties: { ...PAGE_QUERY, ip: { type: 'string', maxLength: 64 }, isActive: { type: 'boolean' } } },
        response: { 200: described('One page of bans', listOf(BAN)) },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await listAddressBans({ db }, {
        ...(q.ip ? { ip: q.ip } : {}),
        ...(q.isActive !== undefined ? { isActive: q.isActive } : {}),
        ...pageOf(q),
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/bans',
    {
      config: { access: { perm: 'bans:write' } },
      schema: {
        operationId: 'createBan',
        tags: ['Bans'],
        summary: 'Ban an address or CIDR range (durationSec 0 or absent = until lifted)',
        body: {
          type: 'object',
          required: ['ip'],
          additionalProperties: false,
          properties: {
            ip: { type: 'string', minLength: 1, maxLength: 64 },
            reason: { type: 'string', maxLength: 500 },
            durationSec: { type: 'integer', minimum: 0, maximum: 10 * 365 * 24 * 3600 },
          },
        },
        response: { 201: described('The ban, in force at once', BAN) },
      },
    },
    async (request, reply) => reply.code(201).send(await banAddress(contextOf(request), request.body)),
  );

  app.delete(
    '/bans/:id',
    {
      config: { access: { perm: 'bans:write' } },
      schema: { operationId: 'liftBan', tags: ['Bans'], summary: 'Lift a ban', params: ID_PARAMS, response: { ...NO_CONTENT, ...errors(404) } },
    },
    async (request, reply) => {
      await liftAddressBan(contextOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
