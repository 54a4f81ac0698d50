// Liveness and database state, for load balancers and the setup screen.
import type { FastifyInstance } from 'fastify';
import { migrationState } from '@ftp-panel/core';
import { described } from '../schemas.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['Health'],
        summary: 'Whether the API runs and its database is reachable and migrated',
        response: {
          200: described('ok, or degraded with what is wrong', {
            type: 'object',
            required: ['status', 'database'],
            properties: {
              status: { type: 'string', enum: ['ok', 'degraded'] },
              database: {
                type: 'object',
                required: ['provider', 'isReachable'],
                properties: {
                  provider: { type: 'string' },
                  isReachable: { type: 'boolean' },
                  migrations: {
                    type: 'object',
                    properties: {
                      isUpToDate: { type: 'boolean' },
                      applied: { type: 'integer' },
                      pending: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
              },
            },
          }),
        },
      },
    },
    async () => {
      try {
        const state = await migrationState(db);
        return {
          status: state.isUpToDate ? 'ok' : 'degraded',
          database: {
            provider: db.provider,
            isReachable: true,
            migrations: { isUpToDate: state.isUpToDate, applied: state.applied.length, pending: state.pending },
          },
        };
      } catch {
        return { status: 'degraded', database: { provider: db.provider, isReachable: false } };
      }
    },
  );
}
