// Builds the Fastify application as a plugin tree; never listens (server.ts does, tests inject).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { migrationState } from '@ftp-panel/db';
import type { AppContext } from './context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export async function buildApp(ctx: AppContext, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, ...options });
  app.decorate('ctx', ctx);

  app.get(
    '/api/health',
    {
      schema: {
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
        const state = await migrationState(ctx.db);
        return {
          status: state.isUpToDate ? 'ok' : 'degraded',
          database: {
            provider: ctx.db.provider,
            isReachable: true,
            migrations: { isUpToDate: state.isUpToDate, applied: state.applied.length, pending: state.pending },
          },
        };
      } catch {
        return { status: 'degraded', database: { provider: ctx.db.provider, isReachable: false } };
      }
    },
  );

  return app;
}
