// Issue 12, items 1 and 2: a credentials change ends the other web sessions of whoever owns them,
// role changes and disabling act on the next request, and SUPPORT can only send a reset link to
// the account's email (OWNER and ADMIN may copy one, audited).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveSession } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, TEST_PASSWORD, type Session, type TestApp } from '../test-support.ts';
import { startSmtpSink, type SmtpSink } from '../test-smtp.ts';

const PORTAL = '/api/v1/portal/login';
const NEW_PASSWORD = 'plum orbit canyon whistle 88';

for (const { provider, skip } of await testProviders()) {
  describe(`credentials change, sessions end; reset links by role (${provider})`, { skip }, () => {
    let t: TestApp;
    let smtp: SmtpSink;
    let owner: Session;
    let serial = 0;

    /** A fresh customer (with an email unless told otherwise) and two portal sessions of it. */
    const customer = async (options: { email?: string | null } = {}) => {
      const username = `cust-${++serial}`;
      const email = options.email === undefined ? `${username}@example.test` : options.email;
      const created = await as(t.app, owner, { method: 'POST', url: '/api/v1/accounts', payload: { username, password: TEST_PASSWORD, ...(email ? { email } : {}) } });
      assert.equal(created.statusCode, 201, created.body);
      const first = await signIn(t.app, username, TEST_PASSWORD, PORTAL);
      const second = await signIn(t.app, username, TEST_PASSWORD, PORTAL);
      return { username, first, second };
    };
    const me = async (session: Session) => (await as(t.app, session, { method: 'GET', url: '/api/v1/me' })).statusCode;

    before(async () => {
      smtp = await startSmtpSink();
      const ftp = { sessions: (): LiveSession[] => [], kick: () => false, kickAccount: () => 0 };
      t = await createTestApp(provider, { env: { SMTP_URL: smtp.url }, ctx: { ftp, tuning: { signInPerMinute: 10_000 } } });
      await seedAdmin(t, 'boss', 'OWNER');
      await seedAdmin(t, 'helper', 'ADMIN');
      await seedAdmin(t, 'helpdesk', 'SUPPORT');
      owner = await signIn(t.app, 'boss');
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('an admin setting a customer password ends every portal session of that customer', async () => {
      const c = await customer();
      assert.equal(await me(c.first), 200);
      const set = await as(t.app, owner, { method: 'POST', url: `/api/v1/accounts/${c.username}/password`, payload: { password: NEW_PASSWORD } });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal(await me(c.first), 401);
      assert.equal(await me(c.second), 401);
      // The admin who made the change is still signed in.
      assert.equal((await as(t.app, owner, { method: 'GET', url: '/api/v1/auth/session' })).json().user.username, 'boss');
    });

    test("a customer's own change keeps the session making it and ends the others", async () => {
      const c = await customer();
      const changed = await as(t.app, c.first, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
      assert.equal(changed.statusCode, 204, changed.body);
      assert.equal(await me(c.first), 200);
      assert.equal(await me(c.second), 401);
    });

    test('a reset through the portal link ends every portal session of the account', async () => {
      const c = await customer();
      const link = await as(t.app, owner, { method: 'POST', url: `/api/v1/accounts/${c.username}/reset-link` });
      assert.equal(link.statusCode, 200, link.body);
      const token = new URL(link.json().url).searchParams.get('token');
      const reset = await t.app.inject({ method: 'POST', url: '/api/v1/portal/reset', payload: { token, password: NEW_PASSWORD } });
      assert.equal(reset.statusCode, 204, reset.body);
      assert.equal(await me(c.first), 401);
      assert.equal(await me(c.second), 401);
      await signIn(t.app, c.username, NEW_PASSWORD, PORTAL);
    });

    test('a role change and a disable act on the next request of the admin signed in before', async () => {
      const created = await as(t.app, owner, { method: 'POST', url: '/api/v1/admins', payload: { username: 'demoted', password: 'a-strong-demotion-passphrase-17', role: 'ADMIN' } });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      const session = await signIn(t.app, 'demoted', 'a-strong-demotion-passphrase-17');
      const write = () => as(t.app, session, { method: 'POST', url: '/api/v1/bans', payload: { ip: `203.0.113.${++serial}` } });
      assert.equal((await write()).statusCode, 201);
      assert.equal((await as(t.app, owner, { method: 'PATCH', url: `/api/v1/admins/${id}`, payload: { role: 'SUPPORT' } })).statusCode, 200);
      assert.equal((await write()).statusCode, 403);
      assert.equal((await as(t.app, session, { method: 'GET', url: '/api/v1/auth/session' })).json().user.role, 'SUPPORT');
      assert.equal((await as(t.app, owner, { method: 'PATCH', url: `/api/v1/admins/${id}`, payload: { status: 'DISABLED' } })).statusCode, 200);
      assert.equal((await as(t.app, session, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 401);
    });

    test('SUPPORT never gets a link: copying is refused, sending goes to the email only', async () => {
      const c = await customer();
      const support = await signIn(t.app, 'helpdesk');
      const copy = await as(t.app, support, { method: 'POST', url: `/api/v1/accounts/${c.username}/reset-link` });
      assert.equal(copy.statusCode, 403);
      assert.doesNotMatch(copy.body, /token/);
      const sent = await as(t.app, support, { method: 'POST', url: `/api/v1/accounts/${c.username}/reset-link/send` });
      assert.equal(sent.statusCode, 202, sent.body);
      assert.equal(sent.json().email, `${c.username}@example.test`);
      assert.doesNotMatch(sent.body, /token|http/);
      assert.deepEqual((await smtp.next()).to, [`${c.username}@example.test`]);

      const noEmail = await customer({ email: null });
      const refused = await as(t.app, support, { method: 'POST', url: `/api/v1/accounts/${noEmail.username}/reset-link/send` });
      assert.equal(refused.statusCode, 409);
      assert.equal(errorOf(refused).code, 'ACCOUNT_HAS_NO_EMAIL');
      assert.match(errorOf(refused).message, /no email address/);
    });

    test('OWNER and ADMIN may copy a link (not emailed), and each copy is audited', async () => {
      const c = await customer();
      const before = smtp.mails.length;
      for (const name of ['boss', 'helper']) {
        const session = name === 'boss' ? owner : await signIn(t.app, name);
        const copy = await as(t.app, session, { method: 'POST', url: `/api/v1/accounts/${c.username}/reset-link` });
        assert.equal(copy.statusCode, 200, copy.body);
        assert.match(copy.json().url, /^http:\/\/panel\.test\/portal\/reset\?token=/);
      }
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.mails.length, before, 'a copied link is not emailed');
      const entries = await t.db.prisma.auditEntry.findMany({ where: { action: 'account.reset_link.copy', targetId: c.username } });
      assert.deepEqual(entries.map((e) => e.actorName).sort(), ['boss', 'helper']);
    });
  });

  describe(`sending a reset link without SMTP (${provider})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(provider);
      await seedAdmin(t, 'helpdesk', 'SUPPORT');
      await seedAdmin(t, 'boss', 'OWNER');
      const created = await as(t.app, await signIn(t.app, 'boss'), { method: 'POST', url: '/api/v1/accounts', payload: { username: 'mailless', email: 'm@example.test', password: TEST_PASSWORD } });
      assert.equal(created.statusCode, 201, created.body);
    });
    after(() => t.close());

    test('is refused with the reason', async () => {
      const refused = await as(t.app, await signIn(t.app, 'helpdesk'), { method: 'POST', url: '/api/v1/accounts/mailless/reset-link/send' });
      assert.equal(refused.statusCode, 503);
      assert.equal(errorOf(refused).code, 'SMTP_NOT_CONFIGURED');
    });
  });
}
