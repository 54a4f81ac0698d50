// The audit trail: who changed what, from where, before and after (never secrets).
import { listAuditTrail } from '@ftp-panel/core';
import { alwaysSent, DATE, described, listOf, NULLABLE_STRING, PAGE_QUERY, pageOf, type RoutesInstance } from '../schemas.ts';

const ENTRY = alwaysSent(
  {
    type: 'object',
    properties: {
      id: { type: 'string' },
      actorType: { type: 'string', enum: ['ADMIN', 'TOKEN', 'CUSTOMER', 'CLI', 'SYSTEM'] },
      actorId: NULLABLE_STRING,
      actorName: { type: 'string' },
      ip: NULLABLE_STRING,
      action: { type: 'string' },
      targetType: { type: 'string' },
      targetId: NULLABLE_STRING,
      before: {},
      after: {},
      createdAt: DATE,
    },
  } as const,
  'before',
  'after',
);

export async function auditRoutes(app: RoutesInstance): Promise<void> {
  app.get(
    '/audit',
    {
      config: { access: { perm: 'audit:read' } },
      schema: {
        operationId: 'listAuditEntries',
        tags: ['Audit'],
        summary: 'Audit entries, newest first (action is a prefix: "account" matches account.update)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...PAGE_QUERY,
            actor: { type: 'string', maxLength: 100 },
            target: { type: 'string', maxLength: 200 },
            targetType: { type: 'string', maxLength: 50 },
            action: { type: 'string', maxLength: 100 },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
        response: { 200: described('One page of audit entries', listOf(ENTRY)) },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await listAuditTrail({ db: app.ctx.db.prisma }, {
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.target ? { target: q.target } : {}),
        ...(q.targetType ? { targetType: q.targetType } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...pageOf(q),
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );
}
