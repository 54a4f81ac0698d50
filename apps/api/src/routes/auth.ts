// Admin sign-in with username and password: a session cookie plus the CSRF token for mutations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, dummyPasswordHash } from '@ftp-panel/core';
import { findAdminCredentials, recordAudit, updateAdmin, type Admin } from '@ftp-panel/db';
import { clearSessionCookie, setSessionCookie } from '../auth/cookies.ts';
import { createWebSession, revokeSessionsOf, revokeWebSession } from '../auth/web-sessions.ts';
import { signInLimit } from '../plugins/rate-limit.ts';
import { ADMIN_USER, CUSTOMER_USER, NEW_PASSWORD, NO_CONTENT, PASSWORD } from '../schemas.ts';
import { assertStrongPassword } from '../services/password-strength.ts';

export function adminUser(admin: Admin) {
  return { kind: 'admin' as const, id: admin.id, username: admin.username, role: admin.role, email: admin.email };
}

export const SIGN_IN_RESPONSE = {
  type: 'object',
  properties: { user: ADMIN_USER, csrfToken: { type: 'string' } },
} as const;

/** Starts an admin session: cookie set, CSRF token returned. */
export async function startAdminSession(request: FastifyRequest, reply: FastifyReply, admin: Admin) {
  const app = request.server;
  const session = await createWebSession(
    app.ctx.db.prisma,
    { kind: 'ADMIN', adminId: admin.id, ip: request.ip, userAgent: request.headers['user-agent'] },
    { idleMs: app.tuning.sessionIdleMs, absoluteMs: app.tuning.sessionAbsoluteMs },
  );
  setSessionCookie(request, reply, session.token, app.tuning.sessionAbsoluteMs);
  return { user: adminUser(admin), csrfToken: session.csrfToken };
}

function invalidCredentials(): DomainError {
  return new DomainError('INVALID_CREDENTIALS', 'Wrong username or password.');
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, hasher } = app.ctx;

  app.post<{ Body: { username: string; password: string } }>(
    '/auth/login',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'admin-login', app.tuning.signInPerMinute, (b) => b.username),
      schema: {
        tags: ['auth'],
        summary: 'Admin sign-in',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: PASSWORD },
        },
        response: { 200: SIGN_IN_RESPONSE },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const found = await findAdminCredentials(db.prisma, username);
      // Unknown names cost one verification too: the answer and its timing do not tell who exists.
      const isValid = await hasher.verify(found?.passwordHash ?? (await dummyPasswordHash(hasher)), password);
      if (!found || !isValid || found.admin.status !== 'ACTIVE') {
        request.log.info({ username: username.slice(0, 64), ip: request.ip }, 'admin sign-in refused');
        throw invalidCredentials();
      }
      const changes: Parameters<typeof updateAdmin>[2] = { lastLoginAt: new Date() };
      if (hasher.needsRehash(found.passwordHash)) changes.passwordHash = await hasher.hash(password);
      const admin = await updateAdmin(db.prisma, found.admin.id, changes);
      await recordAudit(db.prisma, { actor: { type: 'ADMIN', id: admin.id, name: admin.username, ip: request.ip }, action: 'admin.login', targetType: 'admin', targetId: admin.username });
      return startAdminSession(request, reply, admin);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Sign out (admins and customers)', response: NO_CONTENT } },
    async (request, reply) => {
      const caller = request.caller;
      if (caller.kind === 'admin' || caller.kind === 'customer') await revokeWebSession(db.prisma, caller.session.id);
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in',
        response: {
          200: {
            type: 'object',
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
      return { user: null, csrfToken: null };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/auth/password',
    {
      config: { access: 'admin' },
      preHandler: signInLimit(app, 'admin-password', app.tuning.signInPerMinute),
      schema: {
        tags: ['auth'],
        summary: 'Change my own (admin) password; other sessions end',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        },
        response: NO_CONTENT,
      },
    },
    async (request, reply) => {
      if (request.caller.kind !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins change their password here.');
      const { admin, session } = request.caller;
      const found = await findAdminCredentials(db.prisma, admin.username);
      if (!found || !(await hasher.verify(found.passwordHash, request.body.currentPassword))) {
        // 400, not 401: a wrong current password must not look like the session ended.
        throw DomainError.field('VALIDATION_FAILED', 'currentPassword', 'The current password is wrong.');
      }
      assertStrongPassword(request.body.newPassword, 'newPassword', [admin.username, admin.email ?? '']);
      await updateAdmin(db.prisma, admin.id, { passwordHash: await hasher.hash(request.body.newPassword) });
      await revokeSessionsOf(db.prisma, { adminId: admin.id }, session.id);
      await recordAudit(db.prisma, { actor: request.actor, action: 'admin.password', targetType: 'admin', targetId: admin.username });
      return reply.code(204).send();
    },
  );
}
