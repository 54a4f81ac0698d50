// First start without ADMIN_USERNAME: the owner account is created through the one-time link.
import { completeSetup, isSetupNeeded } from '@ftp-panel/core';
import { signInLimit } from '../plugins/rate-limit.ts';
import { described, errors, NEW_PASSWORD, type RoutesInstance } from '../schemas.ts';
import { SIGN_IN_RESPONSE, startAdminSession } from './sign-in.ts';

export async function setupRoutes(app: RoutesInstance): Promise<void> {
  const { db, hasher } = app.ctx;

  app.get(
    '/setup/status',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSetupStatus',
        tags: ['Setup'],
        summary: 'Whether the owner account still has to be created',
        response: { 200: described('Setup state', { type: 'object', required: ['isSetupNeeded'], properties: { isSetupNeeded: { type: 'boolean' } } }) },
      },
    },
    async () => ({ isSetupNeeded: await isSetupNeeded(db.prisma) }),
  );

  app.post(
    '/setup',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'setup', app.tuning.signInPerMinute),
      schema: {
        operationId: 'completeSetup',
        tags: ['Setup'],
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
        response: { 201: described('The owner was created and is signed in (session cookie set)', SIGN_IN_RESPONSE), ...errors(409, 429) },
      },
    },
    async (request, reply) => {
      const admin = await completeSetup(db.prisma, hasher, { ...request.body, ip: request.ip });
      const body = await startAdminSession(request, reply, admin);
      return reply.code(201).send(body);
    },
  );
}
