// Forgotten admin passwords (core/admins/password-reset.ts): ask for a link by username or email
// (one answer whether or not anyone matches), check a link, set a new password with it.
import type { FastifyInstance } from 'fastify';
import { ADMIN_FORGOT_ANSWER, consumeAdminResetToken, isAdminResetTokenValid, requestAdminPasswordReset, type AdminResetContext } from '@ftp-panel/core';
import { signInLimit } from '../plugins/rate-limit.ts';
import { alwaysSent, described, errors, NO_CONTENT, PASSWORD, type RoutesInstance } from '../schemas.ts';

function adminResetContext(app: FastifyInstance): AdminResetContext {
  return {
    db: app.ctx.db.prisma,
    hasher: app.ctx.hasher,
    publicUrl: app.ctx.config.publicUrl,
    mailer: app.mailer,
    onMailError: (error, username) => app.log.warn({ err: error.message, username }, 'admin reset email not sent'),
  };
}

export async function adminResetRoutes(app: RoutesInstance): Promise<void> {
  app.post(
    '/auth/forgot',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'admin-forgot', app.tuning.signInPerMinute, (b) => b.login),
      schema: {
        operationId: 'requestAdminPasswordReset',
        tags: ['Auth'],
        summary: 'Email an admin a reset link (the same answer whether or not an admin matches)',
        body: { type: 'object', required: ['login'], additionalProperties: false, properties: { login: { type: 'string', minLength: 1, maxLength: 254 } } },
        response: { 202: described('Accepted; a link is sent if an admin with an email matches', alwaysSent({ type: 'object', properties: { message: { type: 'string' } } })), ...errors(429) },
      },
    },
    async (request, reply) => {
      const login = request.body.login;
      // After the answer went out, so its duration tells nothing.
      setImmediate(() => {
        requestAdminPasswordReset(adminResetContext(app), login).catch((error: unknown) => app.log.warn({ err: (error as Error).message }, 'admin reset link not sent'));
      });
      return reply.code(202).send({ message: ADMIN_FORGOT_ANSWER });
    },
  );

  app.get(
    '/auth/reset/:token',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'checkAdminResetToken',
        tags: ['Auth'],
        summary: "Whether an admin's reset link is still usable",
        params: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 200: described('Whether the token can still be used', alwaysSent({ type: 'object', properties: { isValid: { type: 'boolean' } } })) },
      },
    },
    async (request) => ({ isValid: await isAdminResetTokenValid({ db: app.ctx.db.prisma }, request.params.token) }),
  );

  app.post(
    '/auth/reset',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'admin-reset', app.tuning.signInPerMinute),
      schema: {
        operationId: 'resetAdminPassword',
        tags: ['Auth'],
        summary: "Set a new admin password with a reset link's token; the admin's web sessions end",
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, password: PASSWORD },
        },
        response: { ...NO_CONTENT, ...errors(429) },
      },
    },
    async (request, reply) => {
      await consumeAdminResetToken(adminResetContext(app), request.body.token, request.body.password, request.ip);
      return reply.code(204).send();
    },
  );
}
