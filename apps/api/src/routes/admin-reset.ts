// Forgotten admin passwords (core/admins/password-reset.ts): ask for a link by username or email
// (one answer whether or not anyone matches), check a link, set a new password with it.
import type { FastifyInstance } from 'fastify';
import { ADMIN_FORGOT_ANSWER, consumeAdminResetToken, isAdminResetTokenValid, requestAdminPasswordReset, type AdminResetContext } from '@ftp-panel/core';
import type { RoutesInstance } from '../schemas.ts';
import { registerResetFlow } from './reset-flow.ts';

function adminResetContext(app: FastifyInstance): AdminResetContext {
  return {
    db: app.ctx.db.prisma,
    hasher: app.ctx.hasher,
    publicUrl: app.ctx.config.publicUrl,
    mailer: app.mailer,
    onMailError: (error, username) => app.log.warn({ err: error.message, username }, 'admin reset email not sent'),
  };
}

export async function adminResetRoutes(app: RoutesInstance): Promise<void> {
  registerResetFlow(app, {
    prefix: '/auth',
    limitKey: 'admin',
    tag: 'Auth',
    operationIds: { forgot: 'requestAdminPasswordReset', check: 'checkAdminResetToken', reset: 'resetAdminPassword' },
    summaries: {
      forgot: 'Email an admin a reset link (the same answer whether or not an admin matches)',
      check: "Whether an admin's reset link is still usable",
      reset: "Set a new admin password with a reset link's token; the admin's web sessions end",
    },
    acceptedText: 'Accepted; a link is sent if an admin with an email matches',
    answer: ADMIN_FORGOT_ANSWER,
    sendLinks: (login) => requestAdminPasswordReset(adminResetContext(app), login),
    onSendError: (error) => app.log.warn({ err: error.message }, 'admin reset link not sent'),
    isTokenValid: (token) => isAdminResetTokenValid({ db: app.ctx.db.prisma }, token),
    consume: (token, password, ip) => consumeAdminResetToken(adminResetContext(app), token, password, ip),
  });
}
