// Panel administrators, managed by OWNERs. There is always at least one active OWNER.
import type { FastifyInstance } from 'fastify';
import { createAdmin, deleteAdmin, listAdmins, updateAdmin, type AdminStatus } from '@ftp-panel/core';
import type { Actor, AdminRole } from '@ftp-panel/db';
import { DATE, ID_PARAMS, NEW_PASSWORD, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING } from '../schemas.ts';

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

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db, hasher } = app.ctx;
  const access = { access: { perm: 'admins:manage' } } as const;
  const context = (actor: Actor) => ({ db: db.prisma, hasher, actor });

  app.get('/admins', { config: access, schema: { tags: ['admins'], summary: 'Administrators', response: { 200: { type: 'array', items: ADMIN } } } }, async () =>
    listAdmins({ db: db.prisma }),
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
      const { admin } = await createAdmin(context(request.actor), request.body);
      return reply.code(201).send(admin);
    },
  );

  app.patch<{ Params: { id: string }; Body: { role?: AdminRole; status?: AdminStatus; email?: string | null } }>(
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
    async (request) => updateAdmin(context(request.actor), request.params.id, request.body),
  );

  app.delete<{ Params: { id: string } }>(
    '/admins/:id',
    { config: access, schema: { tags: ['admins'], summary: 'Remove an administrator (never the last active OWNER)', params: ID_PARAMS, response: NO_CONTENT } },
    async (request, reply) => {
      await deleteAdmin(context(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );
}
