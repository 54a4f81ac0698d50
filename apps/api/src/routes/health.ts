// Liveness and database state, for load balancers and the setup screen.
import type { FastifyInstance } from 'fastify';
import { migrationState } from '@ftp-panel/core';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok', 'degraded'] },
              database: {
                type: 'object',
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
          },
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
