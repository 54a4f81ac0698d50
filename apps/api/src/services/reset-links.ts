// The API's wiring of the password-reset use cases (packages/core/src/reset-links.ts): the
// database, hasher, homes root, bus, mailer, public URL and the running FTP service.
import type { FastifyInstance } from 'fastify';
import type { ResetLinkContext } from '@ftp-panel/core';

export function resetLinkContext(app: FastifyInstance): ResetLinkContext {
  return {
    db: app.ctx.db.prisma,
    hasher: app.ctx.hasher,
    homesDir: app.ctx.config.homesDir,
    events: app.bus,
    publicUrl: app.ctx.config.publicUrl,
    mailer: app.mailer,
    kickAccount: (username) => app.ctx.ftp?.kickAccount(username),
    onMailError: (error, username) => app.log.warn({ err: error.message, username }, 'reset email not sent'),
  };
}
