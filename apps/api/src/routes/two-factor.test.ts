// Two-factor sign-in over the API: the codes are computed here from the shared secret, as an
// authenticator app does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOTP } from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { createAccount, isKnownDevice } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, TEST_HASHER, TEST_PASSWORD, type Session, type TestApp } from '../test-support.ts';

function appCode(secret: string, offsetSeconds = 0): string {
  return new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

function cookieNamed(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.find((c) => c.startsWith(`${name}=`))?.split(';')[0]?.slice(name.length + 1);
}

function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  assert.ok(first, `a cookie is set (${response.statusCode} ${response.body})`);
  return first.split(';')[0] as string;
}

/** Password step: returns the pending session and what the second step is. */
async function passwordStep(t: TestApp, username: string, url = '/api/v1/auth/login'): Promise<Session & { secondFactor?: string }> {
  const response = await t.app.inject({ method: 'POST', url, payload: { username, password: TEST_PASSWORD } });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json() as { csrfToken: string; secondFactor?: string };
  return { cookie: cookieOf(response), csrfToken: body.csrfToken, ...(body.secondFactor ? { secondFactor: body.secondFactor } : {}) };
}

async function enrol(t: TestApp, session: Session, prefix: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await as(t.app, session, { method: 'POST', url: `${prefix}/enrol` });
  assert.equal(started.statusCode, 200, started.body);
  const { secret, uri, qrSvg } = started.json() as { secret: string; uri: string; qrSvg: string };
  assert.match(uri, /^otpauth:\/\/totp\/panel\.test:/);
  assert.match(qrSvg, /^<svg/);
  const wrong = await as(t.app, session, { method: 'POST', url: `${prefix}/confirm`, payload: { code: '000000' } });
  assert.equal(wrong.statusCode, 400);
  const confirmed = await as(t.app, session, { method: 'POST', url: `${prefix}/confirm`, payload: { code: appCode(secret) } });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
  assert.equal(recoveryCodes.length, 10);
  return { secret, recoveryCodes };
}

for (const { provider, skip } of await testProviders()) {
  describe(`two-factor sign-in API (${provider})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(provider, { ctx: { tuning: { signInPerMinute: 10_000 } } as never });
      await seedAdmin(t, 'tf-owner', 'OWNER');
      await seedAdmin(t, 'tf-admin', 'ADMIN');
      await seedAdmin(t, 'tf-plain', 'SUPPORT');
      await createAccount({ db: t.db.prisma, hasher: TEST_HASHER, homesDir: t.config.homesDir }, { username: 'tf-customer', password: TEST_PASSWORD });
      await seedAdmin(t, 'tf-device', 'ADMIN');
      await createAccount({ db: t.db.prisma, hasher: TEST_HASHER, homesDir: t.config.homesDir }, { username: 'tf-device-customer', password: TEST_PASSWORD });
    });
    after(() => t.close());

    test('admin: enrol, then sign-in needs the code; replayed and wrong codes refused; a pending session reaches nothing else', async () => {
      const first = await signIn(t.app, 'tf-admin');
      const { secret, recoveryCodes } = await enrol(t, first, '/api/v1/auth/two-factor');
      const status = await as(t.app, first, { method: 'GET', url: '/api/v1/auth/two-factor' });
      assert.deepEqual(status.json(), { isEnabled: true, recoveryCodesLeft: 10, isRequired: false });

      const pending = await passwordStep(t, 'tf-admin');
      assert.equal(pending.secondFactor, 'VERIFY');
      for (const [method, url] of [['GET', '/api/v1/accounts'], ['GET', '/api/v1/auth/two-factor'], ['POST', '/api/v1/auth/two-factor/enrol'], ['GET', '/api/v1/settings']] as const) {
        const refused = await as(t.app, pending, { method, url });
        assert.ok(refused.statusCode === 401 || refused.statusCode === 403, `${method} ${url} with a pending session: ${refused.statusCode}`);
      }
      const session = await as(t.app, pending, { method: 'GET', url: '/api/v1/auth/session' });
      assert.deepEqual(session.json(), { user: null, csrfToken: pending.csrfToken }, 'signed out, but the second-step page can read its token');

      const wrong = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: '000000' } });
      assert.equal(wrong.statusCode, 401);
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/auth/second-factor', headers: { cookie: pending.cookie }, payload: { code: appCode(secret, 30) } });
      assert.equal(noCsrf.statusCode, 403);

      // The code of the next step (the enrolment used the current one).
      const code = appCode(secret, 30);
      const done = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code } });
      assert.equal(done.statusCode, 200, done.body);
      const full: Session = { cookie: cookieOf(done), csrfToken: (done.json() as { csrfToken: string }).csrfToken };
      assert.notEqual(full.cookie, pending.cookie, 'the session token is rotated');
      assert.equal((await as(t.app, full, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
      assert.equal((await as(t.app, pending, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 401, 'the pending token is dead');

      // The same code again, within its window: refused.
      const again = await passwordStep(t, 'tf-admin');
      const replay = await as(t.app, again, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code } });
      assert.equal(replay.statusCode, 401, replay.body);

      // A recovery code signs in once.
      const recovery = recoveryCodes[0] as string;
      const byRecovery = await as(t.app, again, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: recovery } });
      assert.equal(byRecovery.statusCode, 200, byRecovery.body);
      assert.equal((byRecovery.json() as { recoveryCodesLeft: number }).recoveryCodesLeft, 9);
      const third = await passwordStep(t, 'tf-admin');
      const reused = await as(t.app, third, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: recovery } });
      assert.equal(reused.statusCode, 401);

      // Signing out ends the pending session too.
      await as(t.app, third, { method: 'POST', url: '/api/v1/auth/logout' });
      const afterLogout = await as(t.app, third, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: recoveryCodes[1] as string } });
      assert.equal(afterLogout.statusCode, 401);

      // Disable needs a code.
      const noCode = await as(t.app, full, { method: 'POST', url: '/api/v1/auth/two-factor/disable', payload: { code: '000000' } });
      assert.equal(noCode.statusCode, 400);
      assert.equal(errorOf(noCode).details[0]?.field, 'code');
      const off = await as(t.app, full, { method: 'POST', url: '/api/v1/auth/two-factor/disable', payload: { code: recoveryCodes[2] as string } });
      assert.equal(off.statusCode, 204, off.body);
      const plain = await passwordStep(t, 'tf-admin');
      assert.equal(plain.secondFactor, undefined);
      assert.equal((await as(t.app, plain, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
    });

    test('five wrong codes end the pending session', async () => {
      const admin = await signIn(t.app, 'tf-owner');
      const { secret } = await enrol(t, admin, '/api/v1/auth/two-factor');
      const pending = await passwordStep(t, 'tf-owner');
      for (let i = 0; i < 5; i++) await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: '000000' } });
      const late = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: appCode(secret, 30) } });
      assert.equal(late.statusCode, 401);
      const reset = await as(t.app, admin, { method: 'DELETE', url: `/api/v1/admins/${(await t.db.prisma.admin.findUniqueOrThrow({ where: { username: 'tf-owner' } })).id}/two-factor` });
      assert.equal(reset.statusCode, 204);
    });

    test('customer: enrol in the portal, then the portal sign-in needs the code; an admin resets it', async () => {
      const first = await signIn(t.app, 'tf-customer', TEST_PASSWORD, '/api/v1/portal/login');
      const { secret } = await enrol(t, first, '/api/v1/me/two-factor');
      const pending = await passwordStep(t, 'tf-customer', '/api/v1/portal/login');
      assert.equal(pending.secondFactor, 'VERIFY');
      assert.equal((await as(t.app, pending, { method: 'GET', url: '/api/v1/me' })).statusCode, 401);
      const done = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: appCode(secret, 30) } });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((done.json() as { user: { kind: string } }).user.kind, 'customer');
      const full: Session = { cookie: cookieOf(done), csrfToken: (done.json() as { csrfToken: string }).csrfToken };
      assert.equal((await as(t.app, full, { method: 'GET', url: '/api/v1/me' })).statusCode, 200);

      const owner = await signIn(t.app, 'tf-plain');
      assert.equal((await as(t.app, owner, { method: 'DELETE', url: '/api/v1/accounts/tf-customer/two-factor' })).statusCode, 403, 'SUPPORT cannot reset');
      const admin = await signIn(t.app, 'tf-admin');
      assert.equal((await as(t.app, admin, { method: 'DELETE', url: '/api/v1/accounts/tf-customer/two-factor' })).statusCode, 204);
      assert.equal((await passwordStep(t, 'tf-customer', '/api/v1/portal/login')).secondFactor, undefined);
    });

    test('the known-device cookie is set once the second factor passes, not after the password alone', async () => {
      const known = (kind: 'admin' | 'customer', username: string, token: string | undefined) => isKnownDevice({ db: t.db.prisma, dataDir: t.config.dataDir }, kind, username, token);
      for (const [kind, username, login, prefix, cookieName] of [
        ['admin', 'tf-device', '/api/v1/auth/login', '/api/v1/auth/two-factor', 'ftp_panel_device'],
        ['customer', 'tf-device-customer', '/api/v1/portal/login', '/api/v1/me/two-factor', 'ftp_panel_portal_device'],
      ] as const) {
        const first = await signIn(t.app, username, TEST_PASSWORD, login);
        const { secret } = await enrol(t, first, prefix);
        const password = await t.app.inject({ method: 'POST', url: login, payload: { username, password: TEST_PASSWORD } });
        assert.equal((password.json() as { secondFactor?: string }).secondFactor, 'VERIFY');
        assert.equal(cookieNamed(password, cookieName), undefined, `${kind}: no device cookie for the password alone`);
        const pending: Session = { cookie: cookieOf(password), csrfToken: (password.json() as { csrfToken: string }).csrfToken };
        const done = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: appCode(secret, 30) } });
        assert.equal(done.statusCode, 200, done.body);
        const device = cookieNamed(done, cookieName);
        assert.ok(device, `${kind}: ${cookieName} is set after the second factor`);
        assert.equal(await known(kind, username, device), true, `${kind}: the cookie marks a known device of ${username}`);
      }
    });

    test('the owner requires two-factor: an admin without it can only enrol, then is signed in', async () => {
      const owner = await signIn(t.app, 'tf-owner');
      const support = await signIn(t.app, 'tf-plain');
      assert.equal((await as(t.app, support, { method: 'PUT', url: '/api/v1/settings/two-factor', payload: { isAdminTwoFactorRequired: true } })).statusCode, 403);
      const on = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/two-factor', payload: { isAdminTwoFactorRequired: true } });
      assert.deepEqual(on.json(), { isAdminTwoFactorRequired: true });
      try {
        const pending = await passwordStep(t, 'tf-plain');
        assert.equal(pending.secondFactor, 'ENROL');
        assert.equal((await as(t.app, pending, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 401);
        const started = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor/enrol' });
        assert.equal(started.statusCode, 200, started.body);
        const { secret } = started.json() as { secret: string };
        const done = await as(t.app, pending, { method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: appCode(secret) } });
        assert.equal(done.statusCode, 200, done.body);
        assert.equal((done.json() as { recoveryCodes: string[] }).recoveryCodes.length, 10);
        const full: Session = { cookie: cookieOf(done), csrfToken: (done.json() as { csrfToken: string }).csrfToken };
        assert.equal((await as(t.app, full, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
        const refused = await as(t.app, full, { method: 'POST', url: '/api/v1/auth/two-factor/disable', payload: { code: appCode(secret, 30) } });
        assert.equal(refused.statusCode, 403, 'cannot turn it off while required');
      } finally {
        await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/two-factor', payload: { isAdminTwoFactorRequired: false } });
      }
    });
  });
}
