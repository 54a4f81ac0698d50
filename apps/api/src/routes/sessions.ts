// Live FTP sessions (with transfer progress) and kicking one. When the FTP service runs in another
// process, the kick travels through the change feed.
import { auditAction, DomainError, notifyChange } from '@ftp-panel/core';
import { described, errors, ID_PARAMS, LIVE_SESSION, NO_CONTENT, type RoutesInstance } from '../schemas.ts';

export async function sessionRoutes(app: RoutesInstance): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/sessions',
    {
      config: { access: { perm: 'sessions:read' } },
      schema: {
        operationId: 'listSessions',
        tags: ['Sessions'],
        summary: 'Everyone connected to FTP now, with transfer progress',
        response: { 200: described('The live sessions', { type: 'array', items: LIVE_SESSION }) },
      },
    },
    async () => app.ctx.ftp?.sessions() ?? [],
  );

  app.delete(
    '/sessions/:id',
    {
      config: { access: { perm: 'sessions:write' } },
      schema: { operationId: 'closeSession', tags: ['Sessions'], summary: 'Disconnect one FTP session', params: ID_PARAMS, response: { ...NO_CONTENT, ...errors(404) } },
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
