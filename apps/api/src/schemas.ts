// JSON schemas shared by routes: validation, serialisation (only declared fields leave), OpenAPI and
// the handlers' request types (RoutesInstance), so a shape is written once.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@ftp-panel/core';

/**
 * A Fastify type provider (json-schema-to-ts): a handler's params, querystring, headers and body
 * are typed from its route's `as const` schema. Answers are left to the response schemas at run
 * time (they serialise Dates and drop undeclared fields), so they are not typed here.
 */
export interface RequestTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends JSONSchema ? FromSchema<this['schema']> : unknown;
  serializer: unknown;
}

/** What route plugins receive: request types come from the route schemas (RequestTypeProvider). */
export type RoutesInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, RequestTypeProvider>;

export const DATE = { type: 'string', format: 'date-time' } as const;
export const NULLABLE_DATE = { type: ['string', 'null'], format: 'date-time' } as const;
export const NULLABLE_STRING = { type: ['string', 'null'] } as const;

export const ERROR_SCHEMA = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'stable, e.g. ACCOUNT_NOT_FOUND, VALIDATION_FAILED' },
        message: { type: 'string', description: 'for people' },
        details: {
          type: 'array',
          description: 'one entry per field at fault; field is a dotted path (pasvOverrides.1.cidr)',
          items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
} as const;

/** What each error status means, for every route that can answer it. */
export const ERROR_ANSWERS = {
  400: 'The request is not valid: details name every field at fault',
  401: 'Not signed in, or the credentials or API token are wrong, revoked or expired',
  403: 'Not allowed: role, token scope, Origin or x-csrf-token',
  404: 'No such resource',
  409: 'Conflicts with the current state (name taken, homes overlap, quota below usage, already done)',
  412: 'If-Match names a version that is no longer current',
  429: 'Too many attempts: wait a minute (Retry-After)',
  500: 'Something went wrong on the server; it was logged',
  503: 'A service this needs is not configured',
} as const;

export type ErrorStatus = keyof typeof ERROR_ANSWERS;

/** One error answer: the shared ErrorResponse shape with what the status means. */
export function errorAnswer(status: ErrorStatus) {
  return { description: ERROR_ANSWERS[status], $ref: 'ErrorResponse#' } as const;
}

/**
 * The error answers a route owes beyond those its declaration implies (plugins/openapi.ts adds
 * 400/401/403/500 from the schema and access rule): `response: { 200: X, ...errors(409, 412) }`.
 */
export function errors<const S extends ErrorStatus>(...statuses: S[]): Record<S, ReturnType<typeof errorAnswer>> {
  return Object.fromEntries(statuses.map((status) => [status, errorAnswer(status)])) as Record<S, ReturnType<typeof errorAnswer>>;
}

/**
 * A response object whose fields are always sent (all but `optional`): the generated web types then
 * mark them present, and the serialiser refuses to leave one out.
 */
export function alwaysSent<const T extends { properties: Record<string, unknown> }>(schema: T, ...optional: (keyof T['properties'] & string)[]): T & { required: string[] } {
  return { ...schema, required: Object.keys(schema.properties).filter((name) => !optional.includes(name)) };
}

/** A success answer with its description (the OpenAPI response's text). */
export function described<const T extends object>(description: string, schema: T): T & { description: string } {
  return { ...schema, description };
}

export const PASSWORD = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } as const;
export const NEW_PASSWORD = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH } as const;

export const ACCOUNT = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    email: NULLABLE_STRING,
    status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] },
    expiresAt: NULLABLE_DATE,
    homeDir: { type: 'string' },
    quotaBytes: { type: 'integer' },
    quotaFiles: { type: 'integer' },
    usedBytes: { type: 'integer' },
    usedFiles: { type: 'integer' },
    uploadKiBps: { type: 'integer' },
    downloadKiBps: { type: 'integer' },
    maxSessions: { type: 'integer' },
    allowedCidrs: { type: 'array', items: { type: 'string' } },
    deniedCidrs: { type: 'array', items: { type: 'string' } },
    permissions: { type: 'array', items: { type: 'string' } },
    requireTls: { type: 'boolean' },
    isTlsSessionReuseRequired: {
      type: ['boolean', 'null'],
      description: "Protected data connections must resume the control connection's TLS session; null = the server setting",
    },
    note: { type: 'string' },
    version: { type: 'integer' },
    lastLoginAt: NULLABLE_DATE,
    createdAt: DATE,
    updatedAt: DATE,
  },
} as const);

/** Writable account fields; CIDRs and homes are checked by the account service (own error codes). */
export const ACCOUNT_FIELDS = {
  email: { type: ['string', 'null'], maxLength: 254 },
  status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] },
  expiresAt: { type: ['string', 'null'], format: 'date-time' },
  homeDir: { type: ['string', 'null'], maxLength: 1024 },
  quotaBytes: { type: 'integer', minimum: 0 },
  quotaFiles: { type: 'integer', minimum: 0 },
  uploadKiBps: { type: 'integer', minimum: 0 },
  downloadKiBps: { type: 'integer', minimum: 0 },
  maxSessions: { type: 'integer', minimum: 0 },
  allowedCidrs: { type: 'array', items: { type: 'string' }, maxItems: 200 },
  deniedCidrs: { type: 'array', items: { type: 'string' }, maxItems: 200 },
  permissions: { type: 'array', items: { type: 'string', enum: ['list', 'read', 'write', 'delete', 'rename', 'mkdir'] } },
  requireTls: { type: 'boolean' },
  /** false lets in clients that never resume TLS sessions (stock Python ftplib, wget --ftps-implicit) */
  isTlsSessionReuseRequired: {
    type: ['boolean', 'null'],
    description: "Protected data connections must resume the control connection's TLS session; null = the server setting",
  },
  note: { type: 'string', maxLength: 2000 },
} as const;

export const LIVE_SESSION = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    accountId: NULLABLE_STRING,
    username: NULLABLE_STRING,
    remoteIp: { type: 'string' },
    connectedAt: { type: 'string' },
    isTls: { type: 'boolean' },
    lastCommand: NULLABLE_STRING,
    transfer: alwaysSent(
      {
        type: ['object', 'null'],
        properties: {
          direction: { type: 'string' },
          path: { type: 'string' },
          bytes: { type: 'integer' },
          bytesPerSecond: { type: 'number' },
          startedAt: { type: 'string' },
          /** total bytes when known (download size, or announced with ALLO); null otherwise */
          size: { type: ['integer', 'null'] },
        },
      } as const,
      'size',
    ),
  },
} as const);

export const TRANSFER = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    accountId: NULLABLE_STRING,
    username: { type: 'string' },
    sessionId: { type: 'string' },
    direction: { type: 'string', enum: ['UPLOAD', 'DOWNLOAD'] },
    path: { type: 'string' },
    bytes: { type: 'integer' },
    durationMs: { type: 'integer' },
    status: { type: 'string', enum: ['OK', 'ABORTED', 'FAILED', 'QUOTA'] },
    remoteIp: { type: 'string' },
    startedAt: DATE,
    endedAt: DATE,
  },
} as const);

export const LOGIN_EVENT = alwaysSent({
  type: 'object',
  properties: {
    id: { type: 'string' },
    accountId: NULLABLE_STRING,
    username: { type: 'string' },
    remoteIp: { type: 'string' },
    channel: { type: 'string', enum: ['FTP', 'WEB'] },
    result: { type: 'string', enum: ['OK', 'FAILED', 'DENIED', 'BANNED'] },
    reason: NULLABLE_STRING,
    sessionId: NULLABLE_STRING,
    createdAt: DATE,
  },
} as const);

export const ADMIN_USER = alwaysSent({
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['admin'] },
    id: { type: 'string' },
    username: { type: 'string' },
    role: { type: 'string', enum: ['OWNER', 'ADMIN', 'SUPPORT'] },
    email: NULLABLE_STRING,
  },
} as const);

export const CUSTOMER_USER = alwaysSent({
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['customer'] },
    accountId: { type: 'string' },
    username: { type: 'string' },
  },
} as const);

export const PAGE_QUERY = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  order: { type: 'string', enum: ['asc', 'desc'] },
} as const;

export type PageQuery = { page: number; pageSize: number; order?: 'asc' | 'desc' };

export function pageOf(q: PageQuery): { offset: number; limit: number } {
  return { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
}

export function listOf(item: object): object {
  return {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
    },
  };
}

export const NO_CONTENT = { 204: { type: 'null', description: 'Done' } } as const;

export const USERNAME_PARAMS = {
  type: 'object',
  required: ['username'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
