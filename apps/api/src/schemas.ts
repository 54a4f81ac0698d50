// JSON schemas shared by routes: validation, serialisation (only declared fields leave) and OpenAPI.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@ftp-panel/core';

export const DATE = { type: 'string', format: 'date-time' } as const;
export const NULLABLE_DATE = { type: ['string', 'null'], format: 'date-time' } as const;
export const NULLABLE_STRING = { type: ['string', 'null'] } as const;

export const ERROR_SCHEMA = {
  $id: 'ErrorResponse',
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
} as const;

export const PASSWORD = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } as const;
export const NEW_PASSWORD = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH } as const;

export const ACCOUNT = {
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
} as const;

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

export const LIVE_SESSION = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    accountId: NULLABLE_STRING,
    username: NULLABLE_STRING,
    remoteIp: { type: 'string' },
    connectedAt: { type: 'string' },
    isTls: { type: 'boolean' },
    lastCommand: NULLABLE_STRING,
    transfer: {
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
    },
  },
} as const;

export const TRANSFER = {
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
} as const;

export const LOGIN_EVENT = {
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
} as const;

export const ADMIN_USER = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['admin'] },
    id: { type: 'string' },
    username: { type: 'string' },
    role: { type: 'string', enum: ['OWNER', 'ADMIN', 'SUPPORT'] },
    email: NULLABLE_STRING,
  },
} as const;

export const CUSTOMER_USER = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['customer'] },
    accountId: { type: 'string' },
    username: { type: 'string' },
  },
} as const;

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
