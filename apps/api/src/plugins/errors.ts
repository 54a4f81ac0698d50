// The one error shape: {"error":{"code","message","details":[{field,message}]}}. Domain errors keep
// their status; schema validation failures name the offending fields; 5xx are logged, not shown.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS, HomeDirError, SetupError, type ErrorCode, type FieldIssue } from '@ftp-panel/core';

export type ErrorBody = { error: { code: string; message: string; details: FieldIssue[] } };

export function errorBody(code: string, message: string, details: FieldIssue[] = []): ErrorBody {
  return { error: { code, message, details } };
}

type AjvIssue = {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
};

/** `/allowedCidrs/0` → `allowedCidrs.0`; a missing property is named by itself. */
export function fieldOf(issue: AjvIssue): string {
  const base = (issue.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean).join('.');
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (typeof extra === 'string') return base ? `${base}.${extra}` : extra;
  return base;
}

function describe(issue: AjvIssue): string {
  if (issue.keyword === 'required') return 'is required';
  if (issue.keyword === 'additionalProperties') return 'is not a known field';
  if (issue.keyword === 'enum' && Array.isArray(issue.params?.allowedValues)) {
    return `must be one of ${(issue.params.allowedValues as unknown[]).join(', ')}`;
  }
  return issue.message ?? 'is invalid';
}

export function validationIssues(validation: AjvIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of validation) {
    const field = fieldOf(issue);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: describe(issue) });
  }
  return out;
}

function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    if (error.code === 'RATE_LIMITED') reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    return sendError(reply, error.status, errorBody(error.code, error.message, error.details));
  }
  if (error instanceof SetupError) {
    const details = error.field ? [{ field: error.field, message: error.message }] : [];
    return sendError(reply, ERROR_STATUS[error.code], errorBody(error.code, error.message, details));
  }
  if (error instanceof HomeDirError) {
    return sendError(reply, 400, errorBody('HOME_OUTSIDE_ROOT', 'The home directory must stay inside the homes root.', [{ field: 'homeDir', message: error.message }]));
  }
  const fastifyError = error as FastifyError & { validation?: AjvIssue[] };
  if (Array.isArray(fastifyError.validation)) {
    const details = validationIssues(fastifyError.validation);
    const names = details.map((d) => d.field).filter(Boolean);
    const message = names.length ? `Check these fields: ${names.join(', ')}.` : 'The request is not valid.';
    return sendError(reply, 400, errorBody('VALIDATION_FAILED', message, details));
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return sendError(reply, 429, errorBody('RATE_LIMITED', 'Too many attempts; wait a minute and try again.'));
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, unsupported media type, body too large).
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
    return sendError(reply, status, errorBody(code, fastifyError.message));
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, errorBody('INTERNAL', 'Something went wrong on the server. The error was logged.'));
}

/** Registers the handlers on the root instance (not encapsulated: they apply everywhere). */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, 404, errorBody('NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`));
  });
  // The dashboard's catch-all route (web.ts) would otherwise answer unknown API paths with a page.
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/api/*',
    schema: { hide: true },
    config: { access: 'public' },
    handler: (request, reply) => {
      sendError(reply, 404, errorBody('NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`));
    },
  });
}
