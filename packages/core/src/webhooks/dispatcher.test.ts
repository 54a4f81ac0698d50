// The dispatcher with its dependencies in hand: a real database, the bus, a clock, and either an
// attempt function the test controls or the real pinned request against real local receivers.
// Only subscribed events become deliveries; a failure waits out its retry delay on the given
// clock; the body is signed with the timestamp; the address is resolved once and pinned; redirects
// are not followed; failures are stored as classes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { updateServerSettings } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { createEventBus } from '../events/bus.ts';
import { createWebhookDispatcher, signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookDispatcherDeps } from './dispatcher.ts';
import type { WebhookAttempt } from './request.ts';
import { createWebhookSubscription, deleteWebhookSubscription, listWebhookSubscriptionDeliveries } from './subscriptions.ts';
import type { WebhookResolver } from './target.ts';

type Received = { url: string; headers: http.IncomingHttpHeaders; body: string };

/** A local HTTP receiver answering each request with the next of `answers` (then 200). */
async function startReceiver(answers: { status: number; location?: string }[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? { status: 200 };
      res.writeHead(answer.status, answer.location ? { location: answer.location } : {});
      res.end('body');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    port,
    close: () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      return closed;
    },
  };
}

for (const { provider, skip } of await testProviders()) {
  describe(`webhook dispatcher, explicit dependencies (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(() => db.cleanup());

    /** One event to one new endpoint, attempted once; the delivery row as stored, and the endpoint removed again. */
    const deliverOnce = async (url: string, deps: Partial<WebhookDispatcherDeps>, timeoutMs = 2000) => {
      await updateServerSettings(db.prisma, { isWebhookPrivateTargetAllowed: true });
      const { webhook } = await createWebhookSubscription({ db: db.prisma }, { url, events: ['ban.lifted'] });
      await updateServerSettings(db.prisma, { isWebhookPrivateTargetAllowed: false });
      const dispatcher = createWebhookDispatcher({ db: db.prisma, bus: createEventBus(), ...deps }, { retryDelaysMs: [], timeoutMs, pollMs: 3_600_000 });
      try {
        await dispatcher.enqueue({ seq: 1, at: new Date().toISOString(), isRemote: false, event: { type: 'ban.lifted', ip: '192.0.2.9' } });
        await dispatcher.runDue();
        const [row] = (await listWebhookSubscriptionDeliveries({ db: db.prisma }, webhook.id, { offset: 0, limit: 10 })).items;
        assert.ok(row);
        return row;
      } finally {
        await dispatcher.close();
        await deleteWebhookSubscription({ db: db.prisma }, webhook.id);
      }
    };

    test('subscribed events only; retried when the clock says so; signed over timestamp and body', async () => {
      const { webhook, secret } = await createWebhookSubscription({ db: db.prisma }, { url: 'https://hooks.example.test/in', events: ['ban.lifted'] });
      let now = new Date('2030-01-01T00:00:00.000Z');
      const calls: WebhookAttempt[] = [];
      const statuses = [503, 204];
      const request = async (attempt: WebhookAttempt) => {
        calls.push(attempt);
        const statusCode = statuses.shift() ?? 200;
        return { statusCode, errorClass: statusCode < 300 ? null : (`HTTP_${statusCode}` as const) };
      };
      const bus = createEventBus();
      const dispatcher = createWebhookDispatcher({ db: db.prisma, bus, clock: () => now, request }, { retryDelaysMs: [60_000], timeoutMs: 1000, pollMs: 3_600_000 });
      try {
        const deliveries = async () => (await listWebhookSubscriptionDeliveries({ db: db.prisma }, webhook.id, { offset: 0, limit: 10 })).items;
        await dispatcher.enqueue({ seq: 1, at: now.toISOString(), isRemote: false, event: { type: 'ban.created', ip: '192.0.2.1', reason: 'x', expiresAt: null } });
        await dispatcher.enqueue({ seq: 2, at: now.toISOString(), isRemote: true, event: { type: 'ban.lifted', ip: '192.0.2.2' } });
        assert.equal((await deliveries()).length, 0, 'not subscribed, and remote events are the other process’s');

        await dispatcher.enqueue({ seq: 3, at: now.toISOString(), isRemote: false, event: { type: 'ban.lifted', ip: '192.0.2.3' } });
        await dispatcher.runDue();
        assert.equal(calls.length, 1);
        const [first] = calls as [WebhookAttempt];
        const t = now.getTime() / 1000;
        assert.equal(first.headers[TIMESTAMP_HEADER], String(t), 'the timestamp header is kept');
        const expected = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${first.body}`).digest('hex')}`;
        assert.equal(first.headers[SIGNATURE_HEADER], expected);
        assert.equal(signWebhookBody(secret, t, first.body), expected);
        assert.equal(first.isPrivateAllowed, false, 'the stored setting (off by default) travels with the attempt');
        assert.deepEqual(JSON.parse(first.body).data, { ip: '192.0.2.3' });
        const [failed] = await deliveries();
        assert.equal(failed?.status, 'PENDING');
        assert.equal(failed?.lastError, 'HTTP_503');
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
        assert.notEqual(calls[1]?.headers[SIGNATURE_HEADER], first.headers[SIGNATURE_HEADER], 'a retry is signed with its own timestamp');
      } finally {
        await dispatcher.close();
        await deleteWebhookSubscription({ db: db.prisma }, webhook.id);
      }
    });

    test('the name is resolved once and the request goes to that address, whatever DNS answers next (rebinding)', async () => {
      const pinned = await startReceiver();
      const other = await startReceiver();
      try {
        // Allowed inside addresses: the first answer is the receiver's address, later ones would be elsewhere.
        const answers = ['127.0.0.1', '127.0.0.2'];
        const asked: string[] = [];
        const resolve: WebhookResolver = async (name) => {
          asked.push(name);
          return [{ address: answers.shift() ?? '127.0.0.2', family: 4 }];
        };
        const row = await deliverOnce(`http://rebind.example.test:${pinned.port}/in`, { resolve, isPrivateTargetAllowed: true });
        assert.equal(row.status, 'DELIVERED', String(row.lastError));
        assert.deepEqual(asked, ['rebind.example.test'], 'one resolution per delivery');
        assert.equal(pinned.received.length, 1);
        assert.equal(pinned.received[0]?.headers.host, `rebind.example.test:${pinned.port}`, 'the Host header keeps the name');
        assert.equal(other.received.length, 0);

        // Not allowed: the check sees a public address, the name then turns to loopback. The request must
        // go to the public address it checked (unroutable TEST-NET here, so it times out) and never inside.
        const rebinding = ['192.0.2.1', '127.0.0.1'];
        const resolveRebinding: WebhookResolver = async () => [{ address: rebinding.shift() ?? '127.0.0.1', family: 4 }];
        const refused = await deliverOnce(`http://rebind.example.test:${pinned.port}/in`, { resolve: resolveRebinding, isPrivateTargetAllowed: false }, 300);
        assert.equal(refused.status, 'FAILED');
        assert.ok(refused.lastError === 'TIMEOUT' || refused.lastError === 'REFUSED', String(refused.lastError));
        assert.equal(pinned.received.length, 1, 'nothing reached the loopback receiver');
        assert.deepEqual(rebinding, ['127.0.0.1'], 'the second answer was never asked for');
      } finally {
        await pinned.close();
        await other.close();
      }
    });

    test('a redirect is not followed: the attempt fails as REDIRECT', async () => {
      const receiver = await startReceiver([{ status: 302, location: '/elsewhere' }]);
      try {
        const row = await deliverOnce(`http://127.0.0.1:${receiver.port}/in`, { isPrivateTargetAllowed: true });
        assert.equal(row.status, 'FAILED');
        assert.equal(row.lastError, 'REDIRECT');
        assert.equal(row.lastStatusCode, 302);
        assert.deepEqual(
          receiver.received.map((r) => r.url),
          ['/in'],
          'the Location was not requested',
        );
      } finally {
        await receiver.close();
      }
    });

    test('failures are stored as classes, never socket messages', async () => {
      // A port with nobody listening.
      const closed = net.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      // A server that accepts and never answers.
      const held = new Set<net.Socket>();
      const silent = net.createServer((socket) => held.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const silentPort = (silent.address() as AddressInfo).port;
      const receiver = await startReceiver([{ status: 500 }]);
      try {
        const allowed = { isPrivateTargetAllowed: true };
        const cases: [string, Partial<WebhookDispatcherDeps>, string][] = [
          [`http://127.0.0.1:${closedPort}/`, allowed, 'REFUSED'],
          [`http://127.0.0.1:${silentPort}/`, allowed, 'TIMEOUT'],
          [`http://127.0.0.1:${receiver.port}/`, allowed, 'HTTP_500'],
          [`https://127.0.0.1:${receiver.port}/`, allowed, 'TLS'],
          [`http://127.0.0.1:${receiver.port}/`, { isPrivateTargetAllowed: false }, 'BLOCKED_ADDRESS'],
          [`http://[::ffff:127.0.0.1]:${receiver.port}/`, { isPrivateTargetAllowed: false }, 'BLOCKED_ADDRESS'],
          [`http://missing.example.test/`, { isPrivateTargetAllowed: false, resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })) }, 'DNS'],
        ];
        for (const [url, deps, errorClass] of cases) {
          const row = await deliverOnce(url, deps, 300);
          assert.equal(row.status, 'FAILED', url);
          assert.equal(row.lastError, errorClass, url);
        }
        assert.equal(receiver.received.length, 1, 'only the allowed HTTP_500 attempt reached the receiver (BLOCKED_ADDRESS never connected)');
      } finally {
        for (const socket of held) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
        await receiver.close();
      }
    });
  });
}
