// Panel administrators, managed by OWNERs. There is always at least one active OWNER.
import { createAdmin, deleteAdmin, listAdmins, updateAdmin } from '@ftp-panel/core';
import type { Actor } from '@ftp-panel/db';
import { alwaysSent, DATE, described, errors, ID_PARAMS, NEW_PASSWORD, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, type RoutesInstance } from '../schemas.ts';

const ADMIN = alwaysSent({
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
} as const);

const ROLE = { type: 'string', enum: ['OWNER', 'ADMIN', 'SUPPORT'] } as const;
const EMAIL = { type: ['string', 'null'], maxLength: 254, pattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' } as const;

export async function adminRoutes(app: RoutesInstance): Promise<void> {
  const { db, hasher } = app.ctx;
  const access = { access: { perm: 'admins:manage' } } as const;
  const context = (actor: Actor) => ({ db: db.prisma, hasher, actor });

  app.get(
    '/admins',
    {
      config: access,
      schema: { operationId: 'listAdmins', tags: ['Admins'], summary: 'Administrators', response: { 200: described('Every administrator', { type: 'array', items: ADMIN }) } },
    },
    async () => listAdmins({ db: db.prisma }),
  );

  app.post(
    '/admins',
    {
      config: access,
      schema: {
        operationId: 'createAdmin',
        tags: ['Admins'],
        summary: 'Add an administrator',
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: NEW_PASSWORD, role: ROLE, email: EMAIL },
        },
        response: { 201: described('The new administrator', ADMIN), ...errors(409) },
      },
    },
    async (request, reply) => {
      const { admin } = await createAdmin(context(request.actor), request.body);
      return reply.code(201).send(admin);
    },
  );

  app.patch(
    '/admins/:id',
    {
      config: access,
      schema: {
        operationId: 'updateAdmin',
        tags: ['Admins'],
        summary: 'Change role, status or email (the last active OWNER cannot be demoted or disabled)',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, properties: { role: ROLE, status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] }, email: EMAIL } },
        response: { 200: described('The changed administrator', ADMIN), ...errors(404) },
      },
    },
    async (request) => updateAdmin(context(request.actor), request.params.id, request.body),
  );

  app.delete(
    '/admins/:id',
    { config: access, schema: { operationId: 'deleteAdmin', tags: ['Admins'], summary: 'Remove an administrator (never the last active OWNER)', params: ID_PARAMS, response: { ...NO_CONTENT, ...errors(404) } } },
    async (request, reply) => {
      await deleteAdmin(context(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );
}
