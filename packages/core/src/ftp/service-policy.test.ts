import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendChange, listBans, listLoginEvents, setAccountPasswordHash, updateAccount, updateServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { controlSocketPath, sendControlRequest } from './control.ts';
import { FAST_HASHER, RawControl, bytes, download, replyCode, startHarness, upload, waitFor } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service account policy (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider, { settings: { maxLoginFailures: 10 } });
    });
    after(() => h?.close());

    test('maxSessions counts all sessions of the account', async () => {
      await h.addAccount('limited', { maxSessions: 2 });
      const a = await h.client('limited');
      const b = await h.client('limited');
      await assert.rejects(h.client('limited'), (e) => replyCode(e) === 530);
      a.close();
      await waitFor(() => h.service.sessions().filter((s) => s.username === 'limited').length === 1, 3000, 'a session to end');
      const c = await h.client('limited');
      b.close();
      c.close();
    });

    test('CIDR allow and deny lists', async () => {
      await h.addAccount('lan-only', { allowedCidrs: ['10.0.0.0/8', 'fd00::/8'] });
      await assert.rejects(h.client('lan-only'), (e) => replyCode(e) === 530);
      await h.addAccount('loopback-ok', { allowedCidrs: ['127.0.0.0/8'] });
      (await h.client('loopback-ok')).close();
      await h.addAccount('denied', { deniedCidrs: ['127.0.0.1/32'] });
      await assert.rejects(h.client('denied'), (e) => replyCode(e) === 530);
    });

    test('disabled and expired accounts are refused', async () => {
      await h.addAccount('off', { status: 'DISABLED' });
      await assert.rejects(h.client('off'), (e) => replyCode(e) === 530);
      await h.addAccount('old', { expiresAt: new Date(Date.now() - 1000) });
      await assert.rejects(h.client('old'), (e) => replyCode(e) === 530);
      await h.service.runtime?.persister.flush();
      const denied = await listLoginEvents(h.db.prisma, { result: 'DENIED' });
      assert.ok(denied.items.some((l) => l.username === 'off' && l.reason === 'account disabled'));
      assert.ok(denied.items.some((l) => l.username === 'old' && l.reason === 'account expired'));
    });

    test('a read-only account cannot change anything', async () => {
      await h.addAccount('reader', { permissions: ['list', 'read'] });
      const client = await h.client('reader');
      await assert.rejects(upload(client, bytes(10), 'x.bin'), (e) => replyCode(e) === 550);
      await assert.rejects(client.send('APPE x.bin'), (e) => replyCode(e) === 550);
      await assert.rejects(client.send('DELE x.bin'), (e) => replyCode(e) === 550);
      await assert.rejects(client.send('RNFR x.bin'), (e) => replyCode(e) === 550);
      await assert.rejects(client.send('MKD d'), (e) => replyCode(e) === 550);
      await assert.rejects(client.send('RMD d'), (e) => replyCode(e) === 550);
      await assert.rejects(client.send('SITE CHMOD 644 x.bin'), (e) => replyCode(e) === 550);
      assert.deepEqual(await client.list(), []);
      client.close();
    });

    test('a TLS-required account is refused before AUTH TLS and admitted after', async () => {
      await h.addAccount('secure', { requireTls: true });
      await assert.rejects(h.client('secure'), (e) => replyCode(e) === 530);
      const client = await h.client('secure', undefined, { secure: true });
      await upload(client, bytes(1000), 'over-tls.bin');
      client.close();
    });

    test('permission changes apply to a logged-in session', async () => {
      await h.addAccount('demoted');
      const client = await h.client('demoted');
      await client.send('MKD first');
      await upload(client, bytes(100), 'kept.bin');
      await updateAccount(h.db.prisma, 'demoted', { permissions: ['list', 'read'] });
      await appendChange(h.db.prisma, 'account', 'demoted');
      // A fresh name per probe: directories made before the change arrives are expected, the refused one must not exist.
      const made = ['first'];
      await waitFor(async () => {
        const name = `probe-${made.length}`;
        try {
          await client.send(`MKD ${name}`);
          made.push(name);
          return false;
        } catch (error) {
          return replyCode(error) === 550;
        }
      }, 3000, 'the permission change');
      // The same session keeps what the account may still do (list, read) and loses only the rest.
      assert.deepEqual((await client.list()).map((f) => f.name).sort(), [...made, 'kept.bin'].sort());
      assert.deepEqual(await download(client, 'kept.bin'), bytes(100));
      await assert.rejects(upload(client, bytes(10), 'new.bin'), (e) => replyCode(e) === 550);
      client.close();
    });

    test('the credential cache skips argon2, and a password change refuses the old password at once', async () => {
      await h.addAccount('cached');
      (await h.client('cached')).close();
      let verifications = 0;
      const original = FAST_HASHER.verify;
      FAST_HASHER.verify = (hash, password) => {
        verifications++;
        return original(hash, password);
      };
      try {
        (await h.client('cached')).close();
        assert.equal(verifications, 0, 'second login served from the cache');
        await setAccountPasswordHash(h.db.prisma, 'cached', await FAST_HASHER.hash('brand-new-password'));
        await appendChange(h.db.prisma, 'account', 'cached', { reason: 'password' });
        await assert.rejects(h.client('cached'), (e) => replyCode(e) === 530);
        (await h.client('cached', 'brand-new-password')).close();
      } finally {
        FAST_HASHER.verify = original;
      }
    });

    test('kick one session, all sessions of an account (change feed) and via the control socket', async () => {
      await h.addAccount('kicked');
      const a = await h.client('kicked');
      const b = await h.client('kicked');
      const c = await h.client('kicked');
      const socket = controlSocketPath(h.config.dataDir);
      const listed = await sendControlRequest(socket, { cmd: 'sessions' });
      assert.ok(listed.ok && 'sessions' in listed);
      const mine = listed.sessions.filter((s) => s.username === 'kicked');
      assert.equal(mine.length, 3);
      assert.equal(mine[0]?.remoteIp, '127.0.0.1');
      const first = mine[0]?.id as string;
      assert.deepEqual(await sendControlRequest(socket, { cmd: 'kick', sessionId: first }), { ok: true, kicked: 1 });
      await waitFor(() => h.service.sessions().filter((s) => s.username === 'kicked').length === 2, 3000, 'one kick');
      await appendChange(h.db.prisma, 'session.kick', null, { username: 'kicked' });
      await waitFor(() => h.service.sessions().every((s) => s.username !== 'kicked'), 3000, 'account kick');
      for (const client of [a, b, c]) await assert.rejects(client.pwd());
    });

    test('settings apply without a restart: banner and passive range for a new session', async () => {
      await updateServerSettings(h.db.prisma, { banner: 'Welcome to the test panel', pasvPortMin: 52_710, pasvPortMax: 52_719 });
      await appendChange(h.db.prisma, 'settings');
      await h.addAccount('settings-user');
      await waitFor(async () => {
        const raw = await RawControl.connect(h.port);
        const banner = await raw.read();
        raw.close();
        return banner.includes('Welcome to the test panel');
      }, 3000, 'the new banner');
      const raw = await RawControl.connect(h.port);
      await raw.read();
      await raw.command('USER settings-user');
      assert.match(await raw.command('PASS correct-horse-battery'), /^230/);
      const epsv = await raw.command('EPSV');
      const port = Number(/\|\|\|(\d+)\|/.exec(epsv)?.[1]);
      assert.ok(port >= 52_710 && port <= 52_719, `passive port ${port} in the new range`);
      raw.close();
      await updateServerSettings(h.db.prisma, { pasvPortMin: 0, pasvPortMax: 0 });
      await h.service.reloadSettings();
    });
  });

  describe(`FTP service bans (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider, { settings: { banFailures: 3, banWindowSec: 60, banDurationSec: 2, maxLoginFailures: 10 } });
    });
    after(() => h?.close());

    test('N failures from one IP ban it, the ban is stored, refuses at connect, and expires', async () => {
      await h.addAccount('target');
      const early = await RawControl.connect(h.port);
      await early.read();
      await assert.rejects(h.client('target', 'wrong-1-password'), (e) => replyCode(e) === 530);
      await assert.rejects(h.client('target', 'wrong-2-password'), (e) => replyCode(e) === 530);
      await assert.rejects(h.client('target', 'wrong-3-password'), (e) => replyCode(e) === 421);
      const bans = await listBans(h.db.prisma, { ip: '127.0.0.1', isActive: true });
      assert.equal(bans.total, 1);
      assert.ok(h.events.some((e) => e.type === 'ban.created' && e.ip === '127.0.0.1'));
      // New connections are refused at once; a session opened before the ban cannot log in.
      const refused = await RawControl.connect(h.port);
      assert.match(await refused.read(), /^421/);
      refused.close();
      await early.command('USER target');
      assert.match(await early.command('PASS correct-horse-battery'), /^421/);
      early.close();
      await new Promise((r) => setTimeout(r, 2100));
      (await h.client('target')).close();
      await h.service.runtime?.persister.flush();
      const banned = await listLoginEvents(h.db.prisma, { result: 'BANNED' });
      assert.equal(banned.total, 1);
    });
  });
}
