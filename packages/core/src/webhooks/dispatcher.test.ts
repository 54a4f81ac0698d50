// The dispatcher with its dependencies in hand: a real database, the bus, a clock and a fetch that
// the test controls. Only subscribed events become deliveries; a failure waits out its retry delay
// on the given clock; the body is signed with the endpoint's secret.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { createEventBus } from '../events.ts';
import { createWebhookDispatcher, signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './dispatcher.ts';
import { createWebhookSubscription, listWebhookSubscriptionDeliveries } from './subscriptions.ts';

type Call = { url: string; headers: Record<string, string>; body: string };

for (const { provider, skip } of await testProviders()) {
  describe(`webhook dispatcher, explicit dependencies (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(() => db.cleanup());

    test('subscribed events only; retried when the clock says so; signed', async () => {
      const { webhook, secret } = await createWebhookSubscription({ db: db.prisma }, { url: 'https://hooks.example.test/in', events: ['ban.lifted'] });
      let now = new Date('2030-01-01T00:00:00.000Z');
      const calls: Call[] = [];
      const statuses = [503, 204];
      const fakeFetch = (async (url: string, init: RequestInit) => {
        calls.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
        return new Response(null, { status: statuses.shift() ?? 200 });
      }) as typeof fetch;
      const bus = createEventBus();
      const dispatcher = createWebhookDispatcher({ db: db.prisma, bus, clock: () => now, fetch: fakeFetch }, { retryDelaysMs: [60_000], timeoutMs: 1000, pollMs: 3_600_000 });
      try {
        const deliveries = async () => (await listWebhookSubscriptionDeliveries({ db: db.prisma }, webhook.id, { offset: 0, limit: 10 })).items;
        await dispatcher.enqueue({ seq: 1, at: now.toISOString(), isRemote: false, event: { type: 'ban.created', ip: '192.0.2.1', reason: 'x', expiresAt: null } });
        await dispatcher.enqueue({ seq: 2, at: now.toISOString(), isRemote: true, event: { type: 'ban.lifted', ip: '192.0.2.2' } });
        assert.equal((await deliveries()).length, 0, 'not subscribed, and remote events are the other process’s');

        await dispatcher.enqueue({ seq: 3, at: now.toISOString(), isRemote: false, event: { type: 'ban.lifted', ip: '192.0.2.3' } });
        await dispatcher.runDue();
        assert.equal(calls.length, 1);
        const [first] = calls as [Call];
        assert.equal(first.headers[SIGNATURE_HEADER], signWebhookBody(secret, first.body));
        assert.equal(first.headers[TIMESTAMP_HEADER], String(now.getTime() / 1000));
        assert.deepEqual(JSON.parse(first.body).data, { ip: '192.0.2.3' });
        const [failed] = await deliveries();
        assert.equal(failed?.status, 'PENDING');
        assert.equal(failed?.lastError, 'HTTP 503');
        assert.equal(failed?.nextAttemptAt.getTime(), now.getTime() + 60_000);

        now = new Date(now.getTime() + 59_000);
        assert.equal(await dispatcher.runDue(), 0, 'not due yet');
        now = new Date(now.getTime() + 1_000);
        assert.equal(await dispatcher.runDue(), 1);
        const [delivered] = await deliveries();
        assert.equal(delivered?.status, 'DELIVERED');
        assert.equal(delivered?.attempts, 2);
        assert.equal(delivered?.deliveredAt?.getTime(), now.getTime());
        assert.equal(calls[1]?.body, first.body, 'a retry sends the same body');
      } finally {
        await dispatcher.close();
      }
    });
  });
}
