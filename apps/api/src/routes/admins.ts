// Panel administrators, managed by OWNERs. There is always at least one active OWNER.
import type { FastifyInstance } from 'fastify';
import { DomainError, isValidUsername } from '@ftp-panel/core';
import { createAdmin, deleteAdmin, findAdminById, findAdminByUsername, listAdmins, recordAudit, updateAdmin, type Admin, type AdminRole } from '@ftp-panel/db';
import { revokeSessionsOf } from '../auth/web-sessions.ts';
import { DATE, ID_PARAMS, NEW_PASSWORD, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING } from '../schemas.ts';
import { assertStrongPassword } from '../services/password-strength.ts';

const ADMIN = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    email: NULLABLE_STRING,
    role: { type: 'string', enum: ['OWNER', 'ADMIN', 'SUPPORT'] },
    status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] },
    lastLoginAt: NULLABLE_DATE,
    createdAt: DATE,
    updatedAt: DATE,
  },
} as const;

const ROLE = { type: 'string', enum: ['OWNER', 'ADMIN', 'SUPPORT'] } as const;
const EMAIL = { type: ['string', 'null'], maxLength: 254, pattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' } as const;

function snapshot(a: Admin) {
  return { username: a.username, role: a.role, status: a.status, email: a.email };
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db, hasher } = app.ctx;
  const access = { access: { perm: 'admins:manage' } } as const;

  const notFound = () => new DomainError('ADMIN_NOT_FOUND', 'No such administrator.');
  const activeOwners = async () => (await listAdmins(db.prisma)).filter((a) => a.role === 'OWNER' && a.status === 'ACTIVE');

  app.get('/admins', { config: access, schema: { tags: ['admins'], summary: 'Administrators', response: { 200: { type: 'array', items: ADMIN } } } }, async () =>
    listAdmins(db.prisma),
  );

  app.post<{ Body: { username: string; password: string; role: AdminRole; email?: string | null } }>(
    '/admins',
    {
      config: access,
      schema: {
        tags: ['admins'],
        summary: 'Add an administrator',
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: NEW_PASSWORD, role: ROLE, email: EMAIL },
        },
        response: { 201: ADMIN },
      },
    },
    async (request, reply) => {
      const { username, password, role } = request.body;
      if (!isValidUsername(username)) throw DomainError.field('VALIDATION_FAILED', 'username', 'Use letters, digits, dot, dash and underscore (up to 64).');
      if (await findAdminByUsername(db.prisma, username)) throw DomainError.field('USERNAME_TAKEN', 'username', `The username "${username}" is already taken.`);
      assertStrongPassword(password, 'password', [username]);
      const admin = await createAdmin(db.prisma, { username, role, email: request.body.email || null, passwordHash: await hasher.hash(password) });
      await recordAudit(db.prisma, { actor: request.actor, action: 'admin.create', targetType: 'admin', targetId: admin.username, after: snapshot(admin) });
      return reply.code(201).send(admin);
    },
  );

  app.patch<{ Params: { id: string }; Body: { role?: AdminRole; status?: 'ACTIVE' | 'DISABLED'; email?: string | null } }>(
    '/admins/:id',
    {
      config: access,
      schema: {
        tags: ['admins'],
        summary: 'Change role, status or email (the last active OWNER cannot be demoted or disabled)',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, properties: { role: ROLE, status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] }, email: EMAIL } },
        response: { 200: ADMIN },
      },
    },
    async (request) => {
      const before = await findAdminById(db.prisma, request.params.id);
      if (!before) throw notFound();
      const { role, status, email } = request.body;
      const isLosingOwner = before.role === 'OWNER' && before.status === 'ACTIVE' && ((role && role !== 'OWNER') || status === 'DISABLED');
      if (isLosingOwner && (await activeOwners()).length <= 1) {
        throw DomainError.field('VALIDATION_FAILED', role && role !== 'OWNER' ? 'role' : 'status', 'This is the last active owner: make someone else an owner first.');
      }
      const after = await updateAdmin(db.prisma, before.id, {
        ...(role ? { role } : {}),
        ...(status ? { status } : {}),
        ...(email !== undefined ? { email: email || null } : {}),
      });
      if (after.status === 'DISABLED') await revokeSessionsOf(db.prisma, { adminId: after.id });
      await recordAudit(db.prisma, { actor: request.actor, action: 'admin.update', targetType: 'admin', targetId: after.username, before: snapshot(before), after: snapshot(after) });
      return after;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/admins/:id',
    { config: access, schema: { tags: ['admins'], summary: 'Remove an administrator (never the last active OWNER)', params: ID_PARAMS, response: NO_CONTENT } },
    async (request, reply) => {
      const admin = await findAdminById(db.prisma, request.params.id);
      if (!admin) throw notFound();
      if (admin.role === 'OWNER' && admin.status === 'ACTIVE' && (await activeOwners()).length <= 1) {
        throw DomainError.field('VALIDATION_FAILED', 'id', 'This is the last active owner and cannot be removed.');
      }
      await deleteAdmin(db.prisma, admin.id);
      await recordAudit(db.prisma, { actor: request.actor, action: 'admin.delete', targetType: 'admin', targetId: admin.username, before: snapshot(admin) });
      return reply.code(204).send();
    },
  );
}
