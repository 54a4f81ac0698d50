// Admin sign-in with username and password: a session cookie plus the CSRF token for mutations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateAdmin, changeOwnAdminPassword, createWebSession, DomainError, revokeWebSession } from '@ftp-panel/core';
import type { Admin } from '@ftp-panel/db';
import { clearSessionCookie, setSessionCookie } from '../access/session-cookie.ts';
import { isRequestFromKnownDevice, rememberDevice } from '../access/device-cookie.ts';
import { signInLimit } from '../plugins/rate-limit.ts';
import { startSecondFactor } from './two-factor.ts';
import { ADMIN_USER, CUSTOMER_USER, described, errors, NEW_PASSWORD, NO_CONTENT, PASSWORD, type RoutesInstance } from '../schemas.ts';

export function adminUser(admin: Admin) {
  return { kind: 'admin' as const, id: admin.id, username: admin.username, role: admin.role, email: admin.email };
}

export const SIGN_IN_RESPONSE = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: {
    user: ADMIN_USER,
    csrfToken: { type: 'string' },
    secondFactor: { type: 'string', enum: ['VERIFY', 'ENROL'], description: 'present when a second step is owed: POST /auth/second-factor (ENROL: after /auth/second-factor/enrol)' },
  },
} as const;

/** The web-session use cases' dependencies: the database and the configured lifetimes. */
export function sessionContext(app: FastifyInstance) {
  return { db: app.ctx.db.prisma, times: { idleMs: app.tuning.sessionIdleMs, absoluteMs: app.tuning.sessionAbsoluteMs } };
}

/** Starts an admin session: cookie set, CSRF token returned. */
export async function startAdminSession(request: FastifyRequest, reply: FastifyReply, admin: Admin) {
  const app = request.server;
  const session = await createWebSession(sessionContext(app), { kind: 'ADMIN', adminId: admin.id, ip: request.ip, userAgent: request.headers['user-agent'] });
  setSessionCookie(request, reply, session.token, app.tuning.sessionAbsoluteMs);
  rememberDevice(request, reply, 'admin', admin.id);
  return { user: adminUser(admin), csrfToken: session.csrfToken };
}

function invalidCredentials(): DomainError {
  return new DomainError('INVALID_CREDENTIALS', 'Wrong username or password.');
}

export async function signInRoutes(app: RoutesInstance): Promise<void> {
  const { db, hasher } = app.ctx;

  app.post(
    '/auth/login',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'admin-login', app.tuning.signInPerMinute, (b) => b.username, (request, name) => isRequestFromKnownDevice(request, 'admin', name)),
      schema: {
        operationId: 'signInAdmin',
        tags: ['Auth'],
        summary: 'Admin sign-in',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: PASSWORD },
        },
        response: { 200: described('Signed in: the session cookie is set; send csrfToken as x-csrf-token on changes', SIGN_IN_RESPONSE), ...errors(401, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const admin = await authenticateAdmin({ db: db.prisma, hasher }, username, password, request.ip);
      if (!admin) {
        request.log.info({ username: username.slice(0, 64), ip: request.ip }, 'admin sign-in refused');
        throw invalidCredentials();
      }
      const pending = await startSecondFactor(request, reply, { admin });
      if (pending) return { user: adminUser(admin), ...pending };
      return startAdminSession(request, reply, admin);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'public' }, schema: { operationId: 'signOut', tags: ['Auth', 'Portal'], summary: 'Sign out (admins and customers)', response: NO_CONTENT } },
    async (request, reply) => {
      const caller = request.caller;
      if (caller.kind === 'admin' || caller.kind === 'customer') await revokeWebSession({ db: db.prisma }, caller.session.id);
      if (caller.kind === 'anonymous' && caller.pending) await revokeWebSession({ db: db.prisma }, caller.pending.id);
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCurrentSession',
        tags: ['Auth', 'Portal'],
        summary: 'Who is signed in',
        response: {
          200: {
            type: 'object',
            description: 'The signed-in admin or customer and their CSRF token, or nulls (user null with a token: a sign-in waiting for its second factor)',
            required: ['user', 'csrfToken'],
            properties: {
              user: { anyOf: [ADMIN_USER, CUSTOMER_USER, { type: 'null' }] },
              csrfToken: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const caller = request.caller;
      if (caller.kind === 'admin') return { user: adminUser(caller.admin), csrfToken: caller.session.csrfToken };
      if (caller.kind === 'customer') {
        return { user: { kind: 'customer', accountId: caller.account.id, username: caller.account.username }, csrfToken: caller.session.csrfToken };
      }
      // Half signed in (password done, code owed): the second-step page needs this session's token.
      if (caller.kind === 'anonymous' && caller.pending) return { user: null, csrfToken: caller.pending.csrfToken };
      return { user: null, csrfToken: null };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'admin' },
      preHandler: signInLimit(app, 'admin-password', app.tuning.signInPerMinute),
      schema: {
        operationId: 'changeAdminPassword',
        tags: ['Auth'],
        summary: 'Change my own (admin) password; other sessions end',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        },
        response: { ...NO_CONTENT, ...errors(429) },
      },
    },
    async (request, reply) => {
      if (request.caller.kind !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins change their password here.');
      const { admin, session } = request.caller;
      await changeOwnAdminPassword({ db: db.prisma, hasher, actor: request.actor }, admin, { ...request.body, keepSessionId: session.id });
      return reply.code(204).send();
    },
  );
}
