// OpenAPI 3 generated from the route schemas, served at /api/openapi.json, and the Swagger UI at
// /api/docs with its assets bundled in the package (no CDN). Every documented operation names
// itself (operationId), says what it does (summary, tags) and describes each answer it can give;
// the error answers it owes by construction (validation, sign-in, access, server error) are added
// here from the route's own declaration, so routes list only their own (404, 409, 412, 429...).
import type { FastifyInstance, RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorAnswer, type ErrorStatus } from '../schemas.ts';

/** The groups of the reference, in the order the docs show them. */
export const API_TAGS = [
  { name: 'Health', description: 'Liveness and database state' },
  { name: 'Setup', description: 'Creating the owner account on first start' },
  { name: 'Auth', description: 'Admin sign-in, sign-out and own password' },
  { name: 'Portal', description: "The customer portal: sign-in with FTP credentials, forgotten passwords, the customer's own account" },
  { name: 'Overview', description: "The dashboard's summary" },
  { name: 'Accounts', description: 'FTP accounts' },
  { name: 'Sessions', description: 'Live FTP sessions' },
  { name: 'Transfers', description: 'Finished transfers' },
  { name: 'Logins', description: 'Login attempts' },
  { name: 'Events', description: 'The live event stream (Server-Sent Events)' },
  { name: 'Bans', description: 'Banned addresses and ranges' },
  { name: 'Settings', description: 'Server settings, the FTPS certificate, diagnostics' },
  { name: 'Tokens', description: 'API tokens for provisioning systems' },
  { name: 'Admins', description: 'Panel administrators' },
  { name: 'Audit', description: 'Who changed what' },
  { name: 'Webhooks', description: 'Webhook endpoints and their deliveries' },
] as const;

export type ApiTag = (typeof API_TAGS)[number]['name'];

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error statuses any route can answer because of how it is declared. */
function statusesOwedBy(route: RouteOptions): ErrorStatus[] {
  const schema = route.schema ?? {};
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const access = route.config?.access;
  const statuses: ErrorStatus[] = [];
  if (schema.body || schema.querystring || schema.params || schema.headers) statuses.push(400);
  if (access !== undefined && access !== 'public') statuses.push(401);
  // Cookie mutations are checked for Origin and CSRF token, public ones included.
  if ((access !== undefined && access !== 'public') || methods.some((m) => MUTATING.has(m))) statuses.push(403);
  statuses.push(500);
  return statuses;
}

/** Adds the owed error answers (one shape, ErrorResponse) to a documented route's responses. */
export function completeResponses(route: RouteOptions): void {
  const schema = route.schema;
  if (!schema?.response || typeof schema.response !== 'object' || schema.hide) return;
  const response = schema.response as Record<string, unknown>;
  for (const status of statusesOwedBy(route)) response[status] ??= errorAnswer(status);
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', completeResponses);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'FTP panel API',
        version: '1',
        description:
          'Admins and customers authenticate with the session cookie (mutations need the x-csrf-token header); ' +
          'provisioning systems with `Authorization: Bearer ftpp_...` tokens and scopes. ' +
          'Every error answer has one shape (ErrorResponse): a stable code, a message, and one detail per field at fault.',
      },
      tags: API_TAGS.map((tag) => ({ ...tag })),
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'ftp_panel_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: false } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
}
