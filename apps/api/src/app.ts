// Builds the Fastify application as a plugin tree; never listens (server.ts does, tests inject).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { createEventBus, type EventBus } from '@ftp-panel/core';
import type { ApiTuning, AppContext } from './context.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerAuthentication } from './plugins/access-guard.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { ERROR_SCHEMA } from './schemas.ts';
import { healthRoutes } from './routes/health.ts';
import { v1Routes } from './routes/index.ts';
import { resolveTuning } from './tuning.ts';
import { startWebhookDispatcher } from './webhooks/dispatcher.ts';
import { createMailer, type Mailer } from './services/mailer.ts';

export type RouteEntry = { method: string; url: string };

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    bus: EventBus;
    tuning: ApiTuning;
    mailer: Mailer;
    /** every route as registered (the authorization matrix test checks it covers them all) */
    registeredRoutes: RouteEntry[];
  }
}

export async function buildApp(ctx: AppContext, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // Unknown fields are refused (naming them) rather than silently dropped; all problems at once.
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
    ...options,
  });
  const tuning = resolveTuning(ctx.tuning);
  app.decorate('ctx', ctx);
  app.decorate('bus', ctx.bus ?? createEventBus());
  app.decorate('tuning', tuning);
  app.decorate('mailer', createMailer(ctx.config));
  const routes: RouteEntry[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: String(method), url: route.url });
  });

  registerSecurityHeaders(app, ctx.config.publicUrl);
  app.addSchema(ERROR_SCHEMA);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app);
  registerErrorHandling(app);
  registerAuthentication(app, { idleMs: tuning.sessionIdleMs, absoluteMs: tuning.sessionAbsoluteMs });

  await app.register(healthRoutes);
  await app.register(v1Routes, { prefix: '/api/v1' });
  startWebhookDispatcher(app);
  return app;
}
