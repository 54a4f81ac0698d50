// Issue 12, item 4: sign-in cannot lock the owner out. Failures sent by others for the owner's
// name hit the per-username limit, but a browser that signed in before (a signed device cookie)
// is spared it (never the per-IP limit or the password check); the same for the portal. Admins
// with an email reset a forgotten password by email (single use, 30 minutes, sessions end).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { createAccount } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, TEST_HASHER, TEST_PASSWORD, type TestApp } from '../test-support.ts';
import { startSmtpSink, tokenInMail, type SmtpSink } from '../test-smtp.ts';

const WRONG = 'not the password at all 1';

function cookieNamed(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.find((c) => c.startsWith(`${name}=`));
}

function valueOf(setCookie: string): string {
  return (setCookie.split(';')[0] as string).slice(setCookie.indexOf('=') + 1);
}

for (const { provider, skip } of await testProviders()) {
  describe(`a known device is spared the per-username sign-in limit (${provider})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      // The production limit: 10 a minute per IP and per username.
      t = await createTestApp(provider, { ctx: { tuning: { signInPerMinute: 10 } } });
      await seedAdmin(t, 'owner', 'OWNER');
      await seedAdmin(t, 'other', 'ADMIN');
      await createAccount({ db: t.db.prisma, hasher: TEST_HASHER, homesDir: t.config.homesDir }, { username: 'carol', password: TEST_PASSWORD });
    });
    after(() => t.close());

    const attempt = (url: string, username: string, password: string, ip: string, device?: string, cookieName = 'ftp_panel_device') =>
      t.app.inject({ method: 'POST', url, payload: { username, password }, remoteAddress: ip, ...(device ? { cookies: { [cookieName]: device } } : {}) });

    test('admin: the owner still signs in from a known device after an attacker sent 10 wrong passwords', async () => {
      const login = '/api/v1/auth/login';
      const first = await attempt(login, 'owner', TEST_PASSWORD, '192.0.2.10');
      assert.equal(first.statusCode, 200, first.body);
      const setCookie = cookieNamed(first, 'ftp_panel_device');
      assert.ok(setCookie, 'a device cookie is set on sign-in');
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Strict/i);
      assert.match(setCookie, /Max-Age=15552000/);
      assert.doesNotMatch(setCookie, /Secure/, 'PUBLIC_URL is http here');
      const device = valueOf(setCookie);
      const keyFile = path.join(t.config.dataDir, 'device-key');
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);

      // Other's device cookie: a real one, but bound to another admin.
      const othersDevice = valueOf(cookieNamed(await attempt(login, 'other', TEST_PASSWORD, '192.0.2.11'), 'ftp_panel_device') as string);

      // (the earlier success counted too, so the tenth may already be refused)
      for (let i = 0; i < 10; i++) assert.ok([401, 429].includes((await attempt(login, 'owner', WRONG, '198.51.100.66')).statusCode));
      // The name is now limited for everyone else: another address, no cookie, a forged or foreign cookie.
      assert.equal((await attempt(login, 'owner', TEST_PASSWORD, '203.0.113.7')).statusCode, 429);
      assert.equal((await attempt(login, 'owner', TEST_PASSWORD, '203.0.113.8', `${device.slice(0, -2)}xx`)).statusCode, 429);
      assert.equal((await attempt(login, 'owner', TEST_PASSWORD, '203.0.113.9', othersDevice)).statusCode, 429);

      // The owner's browser is not.
      const again = await attempt(login, 'owner', TEST_PASSWORD, '192.0.2.10', device);
      assert.equal(again.statusCode, 200, again.body);
      // It still needs the password.
      assert.equal((await attempt(login, 'owner', WRONG, '192.0.2.12', device)).statusCode, 401);
      // And it is still counted per IP.
      let status = 0;
      for (let i = 0; i < 12 && status !== 429; i++) status = (await attempt(login, 'owner', TEST_PASSWORD, '192.0.2.13', device)).statusCode;
      assert.equal(status, 429);
    });

    test('portal: the same for a customer', async () => {
      const login = '/api/v1/portal/login';
      const first = await attempt(login, 'carol', TEST_PASSWORD, '192.0.2.20');
      assert.equal(first.statusCode, 200, first.body);
      const setCookie = cookieNamed(first, 'ftp_panel_portal_device');
      assert.ok(setCookie);
      const device = valueOf(setCookie);
      // (the earlier success counted too, so the tenth may already be refused)
      for (let i = 0; i < 10; i++) assert.ok([401, 429].includes((await attempt(login, 'carol', WRONG, '198.51.100.77')).statusCode));
      assert.equal((await attempt(login, 'carol', TEST_PASSWORD, '203.0.113.20')).statusCode, 429);
      // An admin's device cookie is no portal device.
      const adminDevice = valueOf(cookieNamed(await attempt('/api/v1/auth/login', 'other', TEST_PASSWORD, '192.0.2.21'), 'ftp_panel_device') as string);
      assert.equal((await attempt(login, 'carol', TEST_PASSWORD, '203.0.113.21', adminDevice, 'ftp_panel_portal_device')).statusCode, 429);
      assert.equal((await attempt(login, 'carol', TEST_PASSWORD, '192.0.2.20', device, 'ftp_panel_portal_device')).statusCode, 200);
    });
  });

  describe(`forgotten admin password through a real SMTP sink (${provider})`, { skip }, () => {
    let t: TestApp;
    let smtp: SmtpSink;
    before(async () => {
      smtp = await startSmtpSink();
      t = await createTestApp(provider, { env: { SMTP_URL: smtp.url, SMTP_FROM: 'Panel <panel@example.test>' }, ctx: { tuning: { signInPerMinute: 1000 } } });
      await seedAdmin(t, 'keeper', 'OWNER');
      await seedAdmin(t, 'mailless', 'ADMIN');
      const owner = await signIn(t.app, 'keeper');
      const me = (await as(t.app, owner, { method: 'GET', url: '/api/v1/auth/session' })).json().user;
      const set = await as(t.app, owner, { method: 'PATCH', url: `/api/v1/admins/${me.id}`, payload: { email: 'keeper@example.test' } });
      assert.equal(set.statusCode, 200, set.body);
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('request (same answer for anyone), email, reset, sessions end, new password works, link single-use', async () => {
      const session = await signIn(t.app, 'keeper');
      const known = await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { login: 'keeper' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { login: 'nobody-here' } });
      const noEmail = await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { login: 'mailless' } });
      assert.equal(known.statusCode, 202);
      assert.deepEqual(known.json(), unknown.json());
      assert.deepEqual(known.json(), noEmail.json());
      const mail = await smtp.next();
      assert.deepEqual(mail.to, ['keeper@example.test']);
      const token = tokenInMail(mail, '/reset-password');
      assert.deepEqual((await t.app.inject({ method: 'GET', url: `/api/v1/auth/reset/${token}` })).json(), { isValid: true });

      const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token, password: 'keeper12345' } });
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).code, 'WEAK_PASSWORD');

      const fresh = 'amber harbour violin 5520';
      const reset = await t.app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token, password: fresh } });
      assert.equal(reset.statusCode, 204, reset.body);
      assert.equal((await as(t.app, session, { method: 'GET', url: '/api/v1/admins' })).statusCode, 401, 'the old session ended');
      await signIn(t.app, 'keeper', fresh);
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'keeper', password: TEST_PASSWORD } })).statusCode, 401);
      const reuse = await t.app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token, password: 'another fine passphrase 77' } });
      assert.equal(errorOf(reuse).code, 'RESET_TOKEN_INVALID');
      assert.deepEqual((await t.app.inject({ method: 'GET', url: `/api/v1/auth/reset/${token}` })).json(), { isValid: false });

      // By email address too; nothing went to the unknown name or the admin without an email.
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { login: 'keeper@example.test' } });
      assert.deepEqual((await smtp.next()).to, ['keeper@example.test']);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.mails.length, 2);
      const audit = await t.db.prisma.auditEntry.findMany({ where: { action: 'admin.password.reset', targetId: 'keeper' } });
      assert.equal(audit.length, 1);
    });
  });
}
