// Sign-in and reset endpoints: at most N attempts a minute per IP and, separately, per username,
// so neither one address nor a botnet can guess one account's password quickly. A browser that
// signed in before as that username skips the per-username count, so failures sent by others
// cannot lock its owner out.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { DomainError } from '@ftp-panel/core';

type Limit = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

function refuse(reply: FastifyReply, limit: Limit): never {
  if (!limit.isAllowed) reply.header('retry-after', String(Math.max(1, limit.ttlInSeconds)));
  throw new DomainError('RATE_LIMITED', 'Too many attempts; wait a minute and try again.');
}

/**
 * A preHandler for one endpoint. `subject` picks the username (or email) from the body; without
 * it, only the IP is counted. `isSubjectExempt` spares a request from the per-username count (a
 * browser that signed in before as that name: core/device-trust.ts), never from the per-IP one.
 */
export function signInLimit(
  app: FastifyInstance,
  name: string,
  perMinute: number,
  subject?: (body: Record<string, unknown>) => unknown,
  isSubjectExempt?: (request: FastifyRequest, subject: unknown) => Promise<boolean>,
): preHandlerAsyncHookHandler {
  const byIp = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (req) => `${name}:ip:${req.ip}` });
  const bySubject = app.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const value = subject?.((req.body ?? {}) as Record<string, unknown>);
      return `${name}:user:${typeof value === 'string' ? value.toLowerCase() : ''}`;
    },
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const ip = await byIp(request);
    if (!ip.isAllowed && ip.isExceeded) refuse(reply, ip);
    if (subject) {
      if (isSubjectExempt && (await isSubjectExempt(request, subject((request.body ?? {}) as Record<string, unknown>)))) return;
      const user = await bySubject(request);
      if (!user.isAllowed && user.isExceeded) refuse(reply, user);
    }
  };
}
