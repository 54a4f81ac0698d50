// Bans have one home (core): a ban added in the panel is lifted by `ftpadmin ban lift`, and the
// reverse, whatever spelling of the address either side uses; counts use the repository's filter.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createBan } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { ftpadmin } from '../../../cli/src/testing.ts';
import { as, createTestApp, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`bans through the API and the CLI on ${provider}`, { skip }, () => {
    let t: TestApp;
    let ops: Session;
    before(async () => {
      t = await createTestApp(provider);
      await seedAdmin(t, 'ops', 'ADMIN');
      ops = await signIn(t.app, 'ops');
    });
    after(() => t?.close());

    const activeOf = async (ip: string) => (await as(t.app, ops, { method: 'GET', url: `/api/v1/bans?isActive=true&ip=${encodeURIComponent(ip)}` })).json();

    test('added through the API (IPv6 in mixed case, expanded), lifted through the CLI (compressed)', async () => {
      const added = await as(t.app, ops, { method: 'POST', url: '/api/v1/bans', payload: { ip: '2001:DB8:0:0:0:0:0:A1' } });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().ip, '2001:db8::a1');
      const lifted = await ftpadmin(t.db, ['ban', 'lift', '2001:db8::a1']);
      assert.equal(lifted.code, 0, lifted.stderr);
      assert.match(lifted.stdout, new RegExp(`id ${added.json().id}`));
      assert.equal((await activeOf('2001:db8::a1')).total, 0);
    });

    test('added through the CLI, found and lifted through the API under another spelling', async () => {
      const added = await ftpadmin(t.db, ['ban', 'add', '2001:0DB8::0:B2', '--reason', 'scanner']);
      assert.equal(added.code, 0, added.stderr);
      const found = await activeOf('2001:db8:0:0::b2');
      assert.equal(found.total, 1);
      assert.equal(found.items[0].ip, '2001:db8::b2');
      const lifted = await as(t.app, ops, { method: 'DELETE', url: `/api/v1/bans/${found.items[0].id}` });
      assert.equal(lifted.statusCode, 204, lifted.body);
      assert.equal((await activeOf('2001:db8::b2')).total, 0);
      const again = await ftpadmin(t.db, ['ban', 'lift', '2001:db8::b2']);
      assert.notEqual(again.code, 0, 'nothing left to lift');
    });

    test('IPv4-mapped IPv6 and CIDR blocks are one ban whichever side writes them', async () => {
      const mapped = await as(t.app, ops, { method: 'POST', url: '/api/v1/bans', payload: { ip: '::FFFF:192.0.2.9' } });
      assert.equal(mapped.json().ip, '192.0.2.9');
      assert.equal((await ftpadmin(t.db, ['ban', 'lift', '192.0.2.9'])).code, 0);
      const block = await ftpadmin(t.db, ['ban', 'add', '::ffff:198.51.100.0/120']);
      assert.equal(block.code, 0, block.stderr);
      const found = await activeOf('198.51.100.0/24');
      assert.equal(found.total, 1);
      assert.equal((await as(t.app, ops, { method: 'DELETE', url: `/api/v1/bans/${found.items[0].id}` })).statusCode, 204);
    });

    test('a ban stored before addresses were normalised is still lifted by the CLI', async () => {
      await createBan(t.db.prisma, { ip: '2001:DB8::C3', reason: 'old row' });
      const lifted = await ftpadmin(t.db, ['ban', 'lift', '2001:db8:0::c3']);
      assert.equal(lifted.code, 0, lifted.stderr);
    });

    test('60 active bans are counted as 60 (beyond one page), expired and lifted ones are not', async () => {
      for (let i = 0; i < 60; i++) await createBan(t.db.prisma, { ip: `203.0.113.${i}`, reason: 'test' });
      await createBan(t.db.prisma, { ip: '203.0.113.200', reason: 'expired', expiresAt: new Date(Date.now() - 1000) });
      const liftedLater = await createBan(t.db.prisma, { ip: '203.0.113.201', reason: 'lifted' });
      assert.equal((await as(t.app, ops, { method: 'DELETE', url: `/api/v1/bans/${liftedLater.id}` })).statusCode, 204);
      const page = (await as(t.app, ops, { method: 'GET', url: '/api/v1/bans?isActive=true' })).json();
      assert.equal(page.total, 60);
      assert.equal(page.items.length, 50);
      const overview = await as(t.app, ops, { method: 'GET', url: '/api/v1/overview' });
      assert.equal(overview.json().activeBans, 60);
    });
  });
}
