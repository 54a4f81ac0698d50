// The webhook dispatcher (packages/core/src/webhooks) runs with the app: it starts when the app is
// ready and stops, with its attempts in flight settled, before the app closes.
import type { FastifyInstance } from 'fastify';
import { createWebhookDispatcher, type WebhookDispatcher } from '@ftp-panel/core';

export function startWebhookDispatcher(app: FastifyInstance): void {
  let dispatcher: WebhookDispatcher | null = null;
  app.addHook('onReady', async () => {
    const { tuning } = app;
    dispatcher = createWebhookDispatcher(
      { db: app.ctx.db.prisma, bus: app.bus, log: app.log },
      { retryDelaysMs: tuning.webhookRetryDelaysMs, timeoutMs: tuning.webhookTimeoutMs, pollMs: tuning.webhookPollMs },
    );
  });
  app.addHook('preClose', async () => {
    await dispatcher?.close();
  });
}
