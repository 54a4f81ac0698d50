// Authentication (who is calling) for every /api request, and the guard (may they) that the
// /api/v1 folder installs: role or scope per route, CSRF token and Origin check on cookie mutations.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken, DomainError, findLiveWebSession, findWebSessionOwner, revokeWebSession, type SessionTimes } from '@ftp-panel/core';
import { roleHas, scopeFor, type Access } from '../access/permissions.ts';
import { actorFor, type Caller } from '../access/caller.ts';
import { SESSION_COOKIE } from '../access/session-cookie.ts';
import type { Actor } from '@ftp-panel/db';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
    /** the audit actor for this request */
    actor: Actor;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** sign-in style endpoints: they create a session rather than act on one (Origin still checked) */
    isCsrfExempt?: boolean;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function resolveCaller(app: FastifyInstance, request: FastifyRequest, times: SessionTimes): Promise<Caller> {
  const db = app.ctx.db.prisma;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match ? await authenticateApiToken(db, match[1] as string) : null;
    return token ? { kind: 'token', token } : { kind: 'anonymous', problem: 'The API token is invalid, revoked or expired.' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return { kind: 'anonymous' };
  const session = await findLiveWebSession({ db, times }, cookie);
  if (!session) return { kind: 'anonymous', problem: 'Your session has ended; sign in again.' };
  if (session.isTwoFactorPending) return { kind: 'anonymous', problem: 'Finish signing in: enter the code from your authenticator app.', pending: session };
  const owner = await findWebSessionOwner({ db }, session);
  if (owner) return { ...owner, session };
  // The admin or account behind the session was disabled, expired or deleted.
  await revokeWebSession({ db }, session.id);
  return { kind: 'anonymous', problem: 'Your session has ended; sign in again.' };
}

/** Resolves request.caller for /api paths (the dashboard's pages never touch the database here). */
export function registerAuthentication(app: FastifyInstance, times: SessionTimes): void {
  app.decorateRequest('caller', null as never);
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.caller = { kind: 'anonymous' };
    if (request.url.startsWith('/api/')) request.caller = await resolveCaller(app, request, times);
    request.actor = actorFor(request.caller, request.ip);
  });
}

export function authorize(caller: Caller, access: Access): void {
  if (access === 'public') return;
  if (caller.kind === 'anonymous') {
    throw new DomainError('UNAUTHENTICATED', caller.problem ?? 'Sign in first.');
  }
  const forbidden = () => new DomainError('FORBIDDEN', 'You are not allowed to do this.');
  if (access === 'admin') {
    if (caller.kind !== 'admin') throw forbidden();
    return;
  }
  if (access === 'customer') {
    if (caller.kind !== 'customer') throw forbidden();
    return;
  }
  if (caller.kind === 'admin' && roleHas(caller.admin.role, access.perm)) return;
  if (caller.kind === 'token') {
    const scope = scopeFor(access.perm);
    if (scope && caller.token.scopes.includes(scope)) return;
  }
  if (caller.kind === 'customer' && access.isCustomerAllowed) return;
  throw forbidden();
}

function isSameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A browser's Origin must be this panel (its public URL or the Host it was reached at). */
function isForeignOrigin(request: FastifyRequest, publicUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origin === 'null') return true;
  try {
    const url = new URL(origin);
    return url.origin !== new URL(publicUrl).origin && url.host !== request.host;
  } catch {
    return true;
  }
}

export function checkCsrf(request: FastifyRequest, publicUrl: string): void {
  if (!MUTATING.has(request.method) || request.caller.kind === 'token') return;
  if (isForeignOrigin(request, publicUrl)) {
    throw new DomainError('CSRF_FAILED', 'This request came from another site and was refused.');
  }
  const caller = request.caller;
  if (caller.kind !== 'admin' && caller.kind !== 'customer') return;
  if (request.routeOptions.config.isCsrfExempt) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !isSameText(sent, caller.session.csrfToken)) {
    throw new DomainError('CSRF_FAILED', 'The security token (x-csrf-token) is missing or wrong; reload the page.');
  }
}

/** The folder-level guard of /api/v1: every route there declares config.access. */
export function registerGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`);
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (!access) throw new DomainError('FORBIDDEN', 'This route has no access rule.');
    authorize(request.caller, access);
    checkCsrf(request, app.ctx.config.publicUrl);
  });
}
