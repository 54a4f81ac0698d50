// SSE with a real client against a listening app, fed by the real FTP service: a customer's upload
// over FTP arrives as session, login and transfer events; customers see only their own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { Client } from 'basic-ftp';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, seedAdmin, signIn, TEST_PASSWORD, type Session, type TestApp } from '../test-support.ts';

type SseMessage = { id: string | null; event: string | null; data: Record<string, unknown> | null; comment: string | null };

function openSse(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  let status = 0;
  let contentType = '';
  const ready = fetch(url, { headers, signal: controller.signal }).then(async (response) => {
    status = response.status;
    contentType = response.headers.get('content-type') ?? '';
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message: SseMessage = { id: null, event: null, data: null, comment: null };
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) message.comment = line.slice(1).trim();
              else if (line.startsWith('id: ')) message.id = line.slice(4);
              else if (line.startsWith('event: ')) message.event = line.slice(7);
              else if (line.startsWith('data: ')) message.data = JSON.parse(line.slice(6)) as Record<string, unknown>;
            }
            messages.push(message);
            for (const wake of [...waiters]) wake();
          }
        }
      } catch {
        // aborted
      }
    })();
    return response;
  });
  return {
    messages,
    ready,
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    async waitFor(predicate: (m: SseMessage) => boolean, timeoutMs = 5000): Promise<SseMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching SSE message; got ${messages.map((m) => m.event ?? `:${m.comment}`).join(', ')}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 100);
        });
      }
    },
    close: () => controller.abort(),
  };
}

async function upload(port: number, username: string, password: string, name: string, bytes: number): Promise<void> {
  const client = new Client(5000);
  try {
    await client.access({ host: '127.0.0.1', port, user: username, password });
    await client.uploadFrom(Readable.from([Buffer.alloc(bytes, 7)]), name);
  } finally {
    client.close();
  }
}

for (const { provider, skip } of await testProviders()) {
  describe(`live events over SSE from the real FTP service (${provider})`, { skip }, () => {
    let t: TestApp;
    let base: string;
    let admin: Session;
    let alice: Session;
    let alicePassword: string;
    before(async () => {
      t = await createTestApp(provider, { isFtpStarted: true, ctx: { tuning: { sseHeartbeatMs: 300 } } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      await seedAdmin(t, 'ops', 'ADMIN');
      admin = await signIn(t.app, 'ops');
      alicePassword = TEST_PASSWORD;
      for (const username of ['alice', 'bob']) {
        const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload: { username, password: TEST_PASSWORD } });
        assert.equal(created.statusCode, 201, created.body);
      }
      alice = await signIn(t.app, 'alice', alicePassword, '/api/v1/portal/login');
    });
    after(() => t.close());

    test('an admin stream receives the session, the login and the transfer; heartbeats and ids', async () => {
      const stream = openSse(`${base}/api/v1/events`, { cookie: admin.cookie });
      await stream.ready;
      assert.equal(stream.status, 200);
      assert.match(stream.contentType, /^text\/event-stream/);
      await upload(t.config.ftpPort, 'alice', alicePassword, 'report.bin', 300_000);
      const done = await stream.waitFor((m) => m.event === 'transfer.completed');
      assert.equal(done.data?.username, 'alice');
      assert.equal(done.data?.direction, 'UPLOAD');
      assert.equal(done.data?.bytes, 300_000);
      assert.equal(done.data?.status, 'OK');
      assert.match(done.id ?? '', /^\d+$/);
      assert.ok(stream.messages.some((m) => m.event === 'session.opened'));
      assert.ok(stream.messages.some((m) => m.event === 'transfer.started' && m.data?.path === '/report.bin'));
      assert.ok(stream.messages.some((m) => m.event === 'login.succeeded' && m.data?.username === 'alice'));
      await stream.waitFor((m) => m.comment?.startsWith('heartbeat') === true, 2000);
      stream.close();

      // The persisted transfer is queryable, and exportable as CSV.
      await t.ftp?.runtime?.persister.flush();
      const list = await as(t.app, admin, { method: 'GET', url: '/api/v1/transfers?account=alice&direction=UPLOAD' });
      assert.equal(list.json().total, 1);
      assert.equal(list.json().items[0].path, '/report.bin');
      const csv = await as(t.app, admin, { method: 'GET', url: '/api/v1/transfers?account=alice&format=csv' });
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      assert.equal(lines[0], 'id,startedAt,endedAt,username,direction,path,bytes,durationMs,status,remoteIp,sessionId');
      assert.match(lines[1] ?? '', /,alice,UPLOAD,\/report\.bin,300000,/);
      const logins = await as(t.app, admin, { method: 'GET', url: '/api/v1/logins?account=alice&result=OK' });
      assert.ok(logins.json().total >= 1);
    });

    test('a customer stream carries only their own account; Last-Event-ID resumes', async () => {
      const own = openSse(`${base}/api/v1/events`, { cookie: alice.cookie });
      await own.ready;
      assert.equal(own.status, 200);
      await upload(t.config.ftpPort, 'bob', TEST_PASSWORD, 'bob.bin', 1000);
      await upload(t.config.ftpPort, 'alice', alicePassword, 'mine.bin', 2000);
      const mine = await own.waitFor((m) => m.event === 'transfer.completed');
      assert.equal(mine.data?.username, 'alice');
      const names = new Set(own.messages.filter((m) => m.data).map((m) => (m.data?.username as string | undefined) ?? (m.data?.session as { username?: string } | undefined)?.username));
      assert.deepEqual([...names].filter((n) => n !== 'alice'), []);
      own.close();

      // Resume from before bob's upload: the admin gets what was missed, in order.
      const firstSeq = Number(mine.id) - 50;
      const resumed = openSse(`${base}/api/v1/events`, { cookie: admin.cookie, 'last-event-id': String(Math.max(0, firstSeq)) });
      await resumed.ready;
      const bobDone = await resumed.waitFor((m) => m.event === 'transfer.completed' && m.data?.username === 'bob');
      const aliceDone = await resumed.waitFor((m) => m.event === 'transfer.completed' && m.data?.username === 'alice' && m.data?.path === '/mine.bin');
      assert.ok(Number(bobDone.id) < Number(aliceDone.id));
      resumed.close();
    });

    test('the passive diagnostics self-test reaches the running FTP service', async () => {
      const d = (await as(t.app, admin, { method: 'GET', url: '/api/v1/settings/passive-diagnostics' })).json();
      assert.equal(d.selfTest.isOk, true, d.selfTest.message);
      await t.ftp?.runtime?.persister.flush();
      const overview = (await as(t.app, admin, { method: 'GET', url: '/api/v1/overview' })).json();
      assert.ok(overview.transfers24h.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0) >= 3);
    });

    test('kicking a live session through the API ends it', async () => {
      const client = new Client(5000);
      await client.access({ host: '127.0.0.1', port: t.config.ftpPort, user: 'bob', password: TEST_PASSWORD });
      const sessions = await as(t.app, admin, { method: 'GET', url: '/api/v1/sessions' });
      const bobs = (sessions.json() as { id: string; username: string }[]).filter((s) => s.username === 'bob');
      assert.equal(bobs.length, 1);
      const kicked = await as(t.app, admin, { method: 'DELETE', url: `/api/v1/sessions/${bobs[0]?.id}` });
      assert.equal(kicked.statusCode, 204);
      await assert.rejects(client.list());
      client.close();
      const again = await as(t.app, admin, { method: 'DELETE', url: `/api/v1/sessions/${bobs[0]?.id}` });
      assert.equal(again.statusCode, 404);
    });
  });
}
