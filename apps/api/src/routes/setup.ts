// First start without ADMIN_USERNAME: the owner account is created through the one-time link.
import type { FastifyInstance } from 'fastify';
import { completeSetup, isSetupNeeded } from '@ftp-panel/core';
import { signInLimit } from '../plugins/rate-limit.ts';
import { NEW_PASSWORD } from '../schemas.ts';
import { SIGN_IN_RESPONSE, startAdminSession } from './auth.ts';

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const { db, hasher } = app.ctx;

  app.get(
    '/setup/status',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Whether the owner account still has to be created',
        response: { 200: { type: 'object', properties: { isSetupNeeded: { type: 'boolean' } } } },
      },
    },
    async () => ({ isSetupNeeded: await isSetupNeeded(db.prisma) }),
  );

  app.post<{ Body: { token: string; username: string; password: string; email?: string | null } }>(
    '/setup',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'setup', app.tuning.signInPerMinute),
      schema: {
        tags: ['setup'],
        summary: 'Create the owner account with the setup link token, and sign in',
        body: {
          type: 'object',
          required: ['token', 'username', 'password'],
          additionalProperties: false,
          properties: {
            token: { type: 'string', minLength: 1, maxLength: 200 },
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: NEW_PASSWORD,
            email: { type: ['string', 'null'], maxLength: 254 },
          },
        },
        response: { 201: SIGN_IN_RESPONSE },
      },
    },
    async (request, reply) => {
      const admin = await completeSetup(db.prisma, hasher, { ...request.body, ip: request.ip });
      const body = await startAdminSession(request, reply, admin);
      return reply.code(201).send(body);
    },
  );
}
