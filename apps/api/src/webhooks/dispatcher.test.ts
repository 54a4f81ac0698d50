// Webhooks delivered to a local HTTP receiver: signed over the timestamp and the raw body, retried
// after a failure. The receiver is on loopback, so these tests turn isWebhookPrivateTargetAllowed on
// (through the settings API) after checking that, by default, such a target is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

type Received = { headers: http.IncomingHttpHeaders; body: string };

for (const { provider, skip } of await testProviders()) {
  describe(`webhook dispatcher (${provider})`, { skip }, () => {
    let t: TestApp;
    let admin: Session;
    let receiver: http.Server;
    let url: string;
    const received: Received[] = [];
    let failuresLeft = 0;

    before(async () => {
      receiver = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.statusCode = failuresLeft-- > 0 ? 500 : 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      t = await createTestApp(provider, { ctx: { tuning: { webhookRetryDelaysMs: [100, 100, 100, 100, 100], webhookPollMs: 50, webhookTimeoutMs: 2000 } } });
      await seedAdmin(t, 'integrator', 'ADMIN');
      admin = await signIn(t.app, 'integrator');
      // By default an inside target is refused, naming the field; the setting allows it.
      for (const target of [url, 'http://10.0.0.1/hook', 'http://[::1]/hook', 'http://localhost/hook']) {
        const refused = await as(t.app, admin, { method: 'POST', url: '/api/v1/webhooks', payload: { url: target, events: ['account.created'] } });
        assert.equal(refused.statusCode, 400, `${target}: ${refused.body}`);
        assert.match(refused.body, /"field":"url"/, target);
      }
      await seedAdmin(t, 'settings-owner', 'OWNER');
      const owner = await signIn(t.app, 'settings-owner');
      const allowed = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { isWebhookPrivateTargetAllowed: true } });
      assert.equal(allowed.statusCode, 200, allowed.body);
      assert.equal(allowed.json().settings.isWebhookPrivateTargetAllowed, true);
    });
    after(async () => {
      await t.close();
      await new Promise((resolve) => receiver.close(resolve));
    });

    const waitFor = async (predicate: () => boolean, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 25));
      }
    };

    test('a subscribed event arrives signed; a 500 is retried until it succeeds; the log shows it', async () => {
      const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/webhooks', payload: { url, events: ['account.created', 'account.deleted'] } });
      assert.equal(created.statusCode, 201, created.body);
      const { webhook, secret } = created.json();
      assert.match(secret, /^whsec_/);
      assert.equal((await as(t.app, admin, { method: 'GET', url: '/api/v1/webhooks' })).body.includes(secret), false);

      failuresLeft = 1;
      await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'hooked' } });
      await waitFor(() => received.length >= 2);
      const [first, second] = received as [Received, Received];
      assert.equal(first.body, second.body, 'a retry sends the same body (same event id)');
      const timestamp = String(second.headers['x-ftp-panel-timestamp']);
      assert.match(timestamp, /^\d{10}$/);
      const expected = `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${second.body}`).digest('hex')}`;
      assert.equal(second.headers['x-ftp-panel-signature'], expected);
      const payload = JSON.parse(second.body);
      assert.equal(payload.type, 'account.created');
      assert.equal(payload.data.username, 'hooked');
      assert.ok(payload.id && payload.createdAt);

      // The bookkeeping of the second attempt may land just after the receiver answered.
      const again = async () => (await as(t.app, admin, { method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries` })).json();
      assert.equal((await again()).total, 1);
      let row = (await again()).items[0];
      const deadline = Date.now() + 3000;
      while (row.status !== 'DELIVERED' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        row = (await again()).items[0];
      }
      assert.equal(row.status, 'DELIVERED');
      assert.equal(row.attempts, 2);
      assert.equal(row.lastStatusCode, 200);

      // Events it did not subscribe to are not sent.
      const before = received.length;
      await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/hooked', payload: { note: 'x' } });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(received.length, before);
    });

    test('an endpoint that keeps failing is given up after 6 attempts', async () => {
      const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/webhooks', payload: { url: url.replace('/hook', '/down'), events: ['ban.created'] } });
      const { webhook } = created.json();
      failuresLeft = 1000;
      const start = received.length;
      await as(t.app, admin, { method: 'POST', url: '/api/v1/bans', payload: { ip: '192.0.2.9', reason: 'test' } });
      await waitFor(() => received.length - start >= 6, 8000);
      let row;
      const deadline = Date.now() + 3000;
      do {
        row = (await as(t.app, admin, { method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries` })).json().items[0];
        if (row.status === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 50));
      } while (Date.now() < deadline);
      assert.equal(row.status, 'FAILED');
      assert.equal(row.attempts, 6);
      assert.equal(row.lastError, 'HTTP_500');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(received.length - start, 6);
      failuresLeft = 0;
    });
  });
}
