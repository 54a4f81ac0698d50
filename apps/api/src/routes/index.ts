// /api/v1: every route module below sits behind the folder-level guard (plugins/auth.ts), and
// every route declares who may call it (config.access).
import type { FastifyInstance } from 'fastify';
import { registerGuard } from '../plugins/auth.ts';
import { accountRoutes } from './accounts.ts';
import { authRoutes } from './auth.ts';
import { meRoutes } from './me.ts';
import { portalRoutes } from './portal.ts';
import { setupRoutes } from './setup.ts';

export async function v1Routes(app: FastifyInstance): Promise<void> {
  registerGuard(app);
  await app.register(setupRoutes);
  await app.register(authRoutes);
  await app.register(portalRoutes);
  await app.register(meRoutes);
  await app.register(accountRoutes);
}
