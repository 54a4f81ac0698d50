// The forgotten-password flow end to end, with a real SMTP sink (smtp-server): request, email,
// link, reset, sign in with the new password while the old one fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveSession } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, TEST_PASSWORD, type TestApp } from '../test-support.ts';
import { startSmtpSink, tokenInMail, type SinkMail } from '../test-smtp.ts';

const tokenIn = (mail: SinkMail): string => tokenInMail(mail);

for (const { provider, skip } of await testProviders()) {
  describe(`forgotten password through a real SMTP sink (${provider})`, { skip }, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    const kicked: string[] = [];
    before(async () => {
      smtp = await startSmtpSink();
      const ftp = { sessions: (): LiveSession[] => [], kick: () => false, kickAccount: (u: string) => (kicked.push(u), 0) };
      t = await createTestApp(provider, { env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Panel <panel@example.test>' }, ctx: { ftp } });
      await seedAdmin(t, 'helpdesk', 'SUPPORT');
      await seedAdmin(t, 'boss', 'OWNER');
      const owner = await signIn(t.app, 'boss');
      const created = await as(t.app, owner, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'alice', email: 'alice@example.test', password: TEST_PASSWORD } });
      assert.equal(created.statusCode, 201);
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('request, email, reset, new password works, old fails, link is single-use', async () => {
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/portal/config' })).json(), { isPasswordResetAvailable: true });
      const known = await t.app.inject({ method: 'POST', url: '/api/v1/portal/forgot', payload: { login: 'alice' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/portal/forgot', payload: { login: 'nobody-here' } });
      assert.equal(known.statusCode, 202);
      assert.deepEqual(known.json(), unknown.json());
      const mail = await smtp.next();
      assert.deepEqual(mail.to, ['alice@example.test']);
      assert.match(mail.text, /From: Panel <panel@example\.test>/);
      const token = tokenIn(mail);
      assert.deepEqual((await t.app.inject({ method: 'GET', url: `/api/v1/portal/reset/${token}` })).json(), { isValid: true });

      const weak = await t.app.inject({ method: 'POST', url: '/api/v1/portal/reset', payload: { token, password: 'alice12345' } });
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).code, 'WEAK_PASSWORD');
      assert.equal(errorOf(weak).details[0]?.field, 'password');

      const newPassword = 'plum orbit canyon whistle 88';
      const reset = await t.app.inject({ method: 'POST', url: '/api/v1/portal/reset', payload: { token, password: newPassword } });
      assert.equal(reset.statusCode, 204, reset.body);
      assert.deepEqual(kicked, ['alice']);
      await signIn(t.app, 'alice', newPassword, '/api/v1/portal/login');
      const old = await t.app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { username: 'alice', password: TEST_PASSWORD } });
      assert.equal(old.statusCode, 401);
      const reuse = await t.app.inject({ method: 'POST', url: '/api/v1/portal/reset', payload: { token, password: 'another fine passphrase 77' } });
      assert.equal(reuse.statusCode, 400);
      assert.equal(errorOf(reuse).code, 'RESET_TOKEN_INVALID');
      assert.deepEqual((await t.app.inject({ method: 'GET', url: `/api/v1/portal/reset/${token}` })).json(), { isValid: false });
      // No email went to the unknown name.
      assert.equal(smtp.mails.length, 1);
    });

    test('by email address too; SUPPORT can send a link to the email but never gets it', async () => {
      await t.app.inject({ method: 'POST', url: '/api/v1/portal/forgot', payload: { login: 'alice@example.test' } });
      assert.ok(tokenIn(await smtp.next()));
      const support = await signIn(t.app, 'helpdesk');
      const copy = await as(t.app, support, { method: 'POST', url: '/api/v1/accounts/alice/reset-link' });
      assert.equal(copy.statusCode, 403, copy.body);
      const sent = await as(t.app, support, { method: 'POST', url: '/api/v1/accounts/alice/reset-link/send' });
      assert.equal(sent.statusCode, 202, sent.body);
      assert.deepEqual(Object.keys(sent.json()).sort(), ['email', 'expiresAt']);
      assert.equal(sent.json().email, 'alice@example.test');
      assert.doesNotMatch(sent.body, /token=/);
      const mail = await smtp.next();
      assert.deepEqual(mail.to, ['alice@example.test']);
      assert.ok(tokenIn(mail));
    });

    test('a customer changes their password: current required, strength checked', async () => {
      const session = await signIn(t.app, 'alice', 'plum orbit canyon whistle 88', '/api/v1/portal/login');
      const me = await as(t.app, session, { method: 'GET', url: '/api/v1/me' });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().account.username, 'alice');
      assert.equal(me.json().account.note, undefined);
      assert.equal(typeof me.json().connection.port, 'number');
      const weak = await as(t.app, session, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'plum orbit canyon whistle 88', newPassword: 'qwertyuiop' } });
      assert.equal(errorOf(weak).code, 'WEAK_PASSWORD');
      assert.equal(errorOf(weak).details[0]?.field, 'newPassword');
      const ok = await as(t.app, session, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'plum orbit canyon whistle 88', newPassword: 'granite lantern meadow 4417' } });
      assert.equal(ok.statusCode, 204, ok.body);
      await signIn(t.app, 'alice', 'granite lantern meadow 4417', '/api/v1/portal/login');
    });

    test('disabled accounts cannot sign in to the portal; their sessions end', async () => {
      const session = await signIn(t.app, 'alice', 'granite lantern meadow 4417', '/api/v1/portal/login');
      const owner = await signIn(t.app, 'boss');
      await as(t.app, owner, { method: 'PATCH', url: '/api/v1/accounts/alice', payload: { status: 'DISABLED' } });
      assert.equal((await as(t.app, session, { method: 'GET', url: '/api/v1/me' })).statusCode, 401);
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { username: 'alice', password: 'granite lantern meadow 4417' } });
      assert.equal(refused.statusCode, 403);
    });
  });
}

describe('without SMTP', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  test('the portal and the settings say so; forgot still answers 202', async () => {
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/portal/config' })).json(), { isPasswordResetAvailable: false });
    const forgot = await t.app.inject({ method: 'POST', url: '/api/v1/portal/forgot', payload: { login: 'someone' } });
    assert.equal(forgot.statusCode, 202);
    await seedAdmin(t, 'root', 'OWNER');
    const owner = await signIn(t.app, 'root');
    assert.deepEqual((await as(t.app, owner, { method: 'GET', url: '/api/v1/settings/smtp' })).json(), { isConfigured: false, from: 'FTP panel <no-reply@localhost>' });
  });
});
