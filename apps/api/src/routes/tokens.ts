// API tokens for provisioning systems: the secret is shown once; an admin grants at most the
// scopes their own role covers.
import { DomainError, issueApiToken, listApiTokens, revokeApiToken, TOKEN_SCOPES } from '@ftp-panel/core';
import type { ApiToken } from '@ftp-panel/db';
import { grantableScopes } from '../access/permissions.ts';
import { alwaysSent, DATE, described, errors, ID_PARAMS, NO_CONTENT, NULLABLE_DATE, NULLABLE_STRING, type RoutesInstance } from '../schemas.ts';

const TOKEN = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdById: NULLABLE_STRING,
    createdAt: DATE,
    expiresAt: NULLABLE_DATE,
    lastUsedAt: NULLABLE_DATE,
    revokedAt: NULLABLE_DATE,
    isActive: { type: 'boolean' },
  },
} as const);

function present(token: ApiToken) {
  const now = new Date();
  return { ...token, isActive: token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now) };
}

export async function tokenRoutes(app: RoutesInstance): Promise<void> {
  const { db } = app.ctx;
  const access = { access: { perm: 'tokens:manage' } } as const;

  app.get(
    '/tokens',
    {
      config: access,
      schema: {
        operationId: 'listTokens',
        tags: ['Tokens'],
        summary: 'API tokens (secrets are never shown again)',
        response: { 200: described('Every token, revoked and expired ones too', { type: 'array', items: TOKEN }) },
      },
    },
    async () => (await listApiTokens({ db: db.prisma })).map(present),
  );

  app.post(
    '/tokens',
    {
      config: access,
      schema: {
        operationId: 'createToken',
        tags: ['Tokens'],
        summary: 'Create a token; the secret is in this answer only',
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...TOKEN_SCOPES] } },
            expiresAt: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        response: { 201: described('The token and its secret (shown this once)', alwaysSent({ type: 'object', properties: { token: TOKEN, secret: { type: 'string' } } })) },
      },
    },
    async (request, reply) => {
      if (request.caller.kind !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins create tokens.');
      const allowed = grantableScopes(request.caller.admin.role);
      const excess = request.body.scopes.filter((s) => !(allowed as string[]).includes(s));
      if (excess.length) throw DomainError.field('FORBIDDEN', 'scopes', `Your role cannot grant: ${excess.join(', ')}.`);
      const { token, secret } = await issueApiToken({ db: db.prisma, actor: request.actor }, request.body);
      return reply.code(201).send({ token: present(token), secret });
    },
  );

  app.delete(
    '/tokens/:id',
    { config: access, schema: { operationId: 'revokeToken', tags: ['Tokens'], summary: 'Revoke a token (at once, everywhere)', params: ID_PARAMS, response: { ...NO_CONTENT, ...errors(404) } } },
    async (request, reply) => {
      await revokeApiToken({ db: db.prisma, actor: request.actor }, request.params.id);
      return reply.code(204).send();
    },
  );
}
