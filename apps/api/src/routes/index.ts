// /api/v1: every route module below sits behind the folder-level guard (plugins/access-guard.ts), and
// every route declares who may call it (config.access).
import type { FastifyInstance } from 'fastify';
import { registerGuard } from '../plugins/access-guard.ts';
import { accountRoutes } from './accounts.ts';
import { signInRoutes } from './sign-in.ts';
import { adminResetRoutes } from './admin-reset.ts';
import { meRoutes } from './me.ts';
import { portalRoutes } from './portal.ts';
import { setupRoutes } from './setup.ts';
import { sessionRoutes } from './sessions.ts';
import { logRoutes } from './logs.ts';
import { eventRoutes } from './events.ts';
import { overviewRoutes } from './overview.ts';
import { banRoutes } from './bans.ts';
import { settingsRoutes } from './settings.ts';
import { tokenRoutes } from './tokens.ts';
import { adminRoutes } from './admins.ts';
import { auditRoutes } from './audit.ts';
import { auditVerifyRoutes } from './audit-verify.ts';
import { webhookRoutes } from './webhooks.ts';
import { twoFactorRoutes } from './two-factor.ts';

export async function v1Routes(app: FastifyInstance): Promise<void> {
  registerGuard(app);
  await app.register(setupRoutes);
  await app.register(signInRoutes);
  await app.register(adminResetRoutes);
  await app.register(portalRoutes);
  await app.register(meRoutes);
  await app.register(accountRoutes);
  await app.register(sessionRoutes);
  await app.register(logRoutes);
  await app.register(eventRoutes);
  await app.register(overviewRoutes);
  await app.register(banRoutes);
  await app.register(settingsRoutes);
  await app.register(tokenRoutes);
  await app.register(adminRoutes);
  await app.register(auditRoutes);
  await app.register(auditVerifyRoutes);
  await app.register(webhookRoutes);
  await app.register(twoFactorRoutes);
}
