// Live FTP sessions (with transfer progress) and kicking one. When the FTP service runs in another
// process, the kick travels through the change feed.
import type { FastifyInstance } from 'fastify';
import { auditAction, DomainError, notifyChange } from '@ftp-panel/core';
import { ID_PARAMS, LIVE_SESSION, NO_CONTENT } from '../schemas.ts';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/sessions',
    {
      config: { access: { perm: 'sessions:read' } },
      schema: { tags: ['sessions'], summary: 'Everyone connected to FTP now, with transfer progress', response: { 200: { type: 'array', items: LIVE_SESSION } } },
    },
    async () => app.ctx.ftp?.sessions() ?? [],
  );

  app.delete<{ Params: { id: string } }>(
    '/sessions/:id',
    {
      config: { access: { perm: 'sessions:write' } },
      schema: { tags: ['sessions'], summary: 'Disconnect one FTP session', params: ID_PARAMS, response: NO_CONTENT },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ftp = app.ctx.ftp;
      if (ftp) {
        if (!ftp.kick(id)) throw new DomainError('SESSION_NOT_FOUND', 'No such FTP session (it may have ended already).');
      } else {
        await notifyChange(db, 'session.kick', null, { sessionId: id });
      }
      await auditAction({ db: db.prisma, actor: request.actor }, { action: 'session.kick', targetType: 'session', targetId: id });
      return reply.code(204).send();
    },
  );
}
