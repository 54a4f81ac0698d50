// Transfer and login history: filters, pagination, CSV export; failed logins grouped by address.
import type { FastifyReply } from 'fastify';
import { exportLoginLogCsv, exportTransferLogCsv, failedLoginsPerAddress, listLoginLog, listTransferLog } from '@ftp-panel/core';
import type { LoginLogFilter, TransferLogFilter } from '@ftp-panel/core';
import { alwaysSent, DATE, described, listOf, LOGIN_EVENT, PAGE_QUERY, pageOf, TRANSFER, type PageQuery, type RoutesInstance } from '../schemas.ts';

type Common = PageQuery & { account?: string; ip?: string; from?: string; to?: string; format?: 'json' | 'csv' };

const COMMON_QUERY = {
  ...PAGE_QUERY,
  account: { type: 'string', maxLength: 64, description: 'username' },
  ip: { type: 'string', maxLength: 64 },
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
  format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
} as const;

function range(q: Common): { from?: Date; to?: Date } {
  return { ...(q.from ? { from: new Date(q.from) } : {}), ...(q.to ? { to: new Date(q.to) } : {}) };
}

function sendCsv(reply: FastifyReply, name: string, csv: string): FastifyReply {
  const stamp = new Date().toISOString().slice(0, 10);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${stamp}.csv"`)
    .send(csv);
}

export async function logRoutes(app: RoutesInstance): Promise<void> {
  const ctx = { db: app.ctx.db.prisma };
  const access = { access: { perm: 'logs:read' } } as const;

  app.get(
    '/transfers',
    {
      config: access,
      schema: {
        operationId: 'listTransfers',
        tags: ['Transfers'],
        summary: 'Finished transfers (newest first); format=csv exports the filtered rows',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...COMMON_QUERY,
            direction: { type: 'string', enum: ['UPLOAD', 'DOWNLOAD'] },
            status: { type: 'string', enum: ['OK', 'ABORTED', 'FAILED', 'QUOTA'] },
            path: { type: 'string', maxLength: 1024 },
          },
        },
        response: { 200: described('One page of transfers (JSON), or with format=csv every filtered row as a CSV attachment', listOf(TRANSFER)) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter: TransferLogFilter = {
        ...(q.account ? { username: q.account } : {}),
        ...(q.ip ? { remoteIp: q.ip } : {}),
        ...(q.direction ? { direction: q.direction } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.path ? { path: q.path } : {}),
        ...range(q),
      };
      if (q.format === 'csv') return sendCsv(reply, 'transfers', await exportTransferLogCsv(ctx, filter));
      const { items, total } = await listTransferLog(ctx, { ...filter, ...pageOf(q) });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/logins',
    {
      config: access,
      schema: {
        operationId: 'listLogins',
        tags: ['Logins'],
        summary: 'Login attempts (newest first); format=csv exports the filtered rows',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...COMMON_QUERY,
            result: { type: 'string', enum: ['OK', 'FAILED', 'DENIED', 'BANNED'] },
            channel: { type: 'string', enum: ['FTP', 'WEB'] },
          },
        },
        response: { 200: described('One page of login attempts (JSON), or with format=csv every filtered row as a CSV attachment', listOf(LOGIN_EVENT)) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter: LoginLogFilter = {
        ...(q.account ? { username: q.account } : {}),
        ...(q.ip ? { remoteIp: q.ip } : {}),
        ...(q.result ? { result: q.result } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...range(q),
      };
      if (q.format === 'csv') return sendCsv(reply, 'logins', await exportLoginLogCsv(ctx, filter));
      const { items, total } = await listLoginLog(ctx, { ...filter, ...pageOf(q) });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/logins/failed-by-ip',
    {
      config: access,
      schema: {
        operationId: 'listFailedLoginsByIp',
        tags: ['Logins'],
        summary: 'Failed logins per address since a time (default: 24 hours), most first',
        querystring: { type: 'object', additionalProperties: false, properties: { since: { type: 'string', format: 'date-time' } } },
        response: {
          200: described('Addresses with their failed logins', { type: 'array', items: alwaysSent({ type: 'object', properties: { ip: { type: 'string' }, count: { type: 'integer' }, lastAt: DATE } }) }),
        },
      },
    },
    async (request) => {
      const since = request.query.since ? new Date(request.query.since) : new Date(Date.now() - 24 * 60 * 60 * 1000);
      return failedLoginsPerAddress(ctx, since);
    },
  );
}

