// IP bans: list, add, lift. Running FTP services apply them at once (change feed topic 'ban').
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DomainError, normalizeCidr, notifyChange } from '@ftp-panel/core';
import { createBan, findBanById, liftBan, listBans, recordAudit, type Ban } from '@ftp-panel/db';
import { DATE, ID_PARAMS, listOf, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, PAGE_QUERY, pageOf, type PageQuery } from '../schemas.ts';

const BAN = {
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
} as const;

function banJson(ban: Ban) {
  return { id: ban.id, ip: ban.ip, reason: ban.reason, expiresAt: ban.expiresAt?.toISOString() ?? null };
}

export async function banRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get<{ Querystring: PageQuery & { ip?: string; isActive?: boolean } }>(
    '/bans',
    {
      config: { access: { perm: 'bans:read' } },
      schema: {
        tags: ['bans'],
        summary: 'Bans, newest first (isActive=true for those in force)',
        querystring: { type: 'object', additionalProperties: false, properties: { ...PAGE_QUERY, ip: { type: 'string', maxLength: 64 }, isActive: { type: 'boolean' } } },
        response: { 200: listOf(BAN) },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await listBans(db.prisma, {
        ...(q.ip ? { ip: q.ip } : {}),
        ...(q.isActive !== undefined ? { isActive: q.isActive } : {}),
        ...pageOf(q),
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post<{ Body: { ip: string; reason?: string; durationSec?: number } }>(
    '/bans',
    {
      config: { access: { perm: 'bans:write' } },
      schema: {
        tags: ['bans'],
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
        response: { 201: BAN },
      },
    },
    async (request, reply) => {
      const { durationSec } = request.body;
      const ip = isIP(request.body.ip) ? request.body.ip : normalizeCidr(request.body.ip);
      if (!ip) throw DomainError.field('INVALID_CIDR', 'ip', `"${request.body.ip}" is not an IP address or CIDR range.`);
      const ban = await createBan(db.prisma, {
        ip,
        reason: request.body.reason?.trim() || 'banned by an administrator',
        createdBy: request.actor.name,
        ...(durationSec ? { durationSec } : {}),
      });
      await notifyChange(db, 'ban', ip);
      await recordAudit(db.prisma, { actor: request.actor, action: 'ban.create', targetType: 'ban', targetId: ban.id, after: banJson(ban) });
      app.bus.publish({ type: 'ban.created', ip, reason: ban.reason, expiresAt: ban.expiresAt?.toISOString() ?? null });
      return reply.code(201).send(ban);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/bans/:id',
    {
      config: { access: { perm: 'bans:write' } },
      schema: { tags: ['bans'], summary: 'Lift a ban', params: ID_PARAMS, response: NO_CONTENT },
    },
    async (request, reply) => {
      const existing = await findBanById(db.prisma, request.params.id);
      const lifted = existing ? await liftBan(db.prisma, existing.id) : [];
      if (!existing || lifted.length === 0) throw new DomainError('BAN_NOT_FOUND', 'No ban in force with this id.');
      await notifyChange(db, 'ban', existing.ip);
      await recordAudit(db.prisma, { actor: request.actor, action: 'ban.lift', targetType: 'ban', targetId: existing.id, before: banJson(existing) });
      app.bus.publish({ type: 'ban.lifted', ip: existing.ip });
      return reply.code(204).send();
    },
  );
}
