import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, TEST_PASSWORD, type TestApp } from '../test-support.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`admin sign-in, sessions and CSRF (${provider})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(provider);
      await seedAdmin(t, 'olivia', 'OWNER');
      await seedAdmin(t, 'sam', 'SUPPORT');
    });
    after(() => t.close());

    test('login sets an HttpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'olivia', password: TEST_PASSWORD } });
      assert.equal(response.statusCode, 200);
      const cookie = String(response.headers['set-cookie']);
      assert.match(cookie, /^ftp_panel_session=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/); // PUBLIC_URL is http in this suite
      const body = response.json();
      assert.deepEqual(body.user, { kind: 'admin', id: body.user.id, username: 'olivia', role: 'OWNER', email: null });
      assert.equal(typeof body.csrfToken, 'string');
      assert.ok(!JSON.stringify(body).includes('argon2'));
    });

    test('unknown user and wrong password get the same answer', async () => {
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'whatever-123' } });
      const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sam', password: 'whatever-123' } });
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(unknown.json(), wrong.json());
      assert.equal(errorOf(unknown).code, 'INVALID_CREDENTIALS');
    });

    test('session endpoint, logout revokes the session', async () => {
      const session = await signIn(t.app, 'sam');
      const who = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/session' });
      assert.equal(who.json().user.username, 'sam');
      assert.equal(who.json().csrfToken, session.csrfToken);
      const out = await as(t.app, session, { method: 'POST', url: '/api/v1/auth/logout' });
      assert.equal(out.statusCode, 204);
      const after = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/session' });
      assert.deepEqual(after.json(), { user: null, csrfToken: null });
      const denied = await as(t.app, session, { method: 'GET', url: '/api/v1/accounts' });
      assert.equal(denied.statusCode, 401);
      assert.equal(errorOf(denied).code, 'UNAUTHENTICATED');
    });

    test('cookie mutations need the CSRF token; a wrong one or a foreign Origin is refused', async () => {
      const session = await signIn(t.app, 'olivia');
      const payload = { username: 'csrf-user' };
      const missing = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', payload, headers: { cookie: session.cookie } });
      assert.equal(missing.statusCode, 403);
      assert.equal(errorOf(missing).code, 'CSRF_FAILED');
      const wrong = await as(t.app, session, { method: 'POST', url: '/api/v1/accounts', payload, headers: { 'x-csrf-token': 'x'.repeat(32) } });
      assert.equal(wrong.statusCode, 403);
      const foreign = await as(t.app, session, { method: 'POST', url: '/api/v1/accounts', payload, headers: { origin: 'https://evil.example' } });
      assert.equal(foreign.statusCode, 403);
      assert.equal(errorOf(foreign).code, 'CSRF_FAILED');
      const ok = await as(t.app, session, { method: 'POST', url: '/api/v1/accounts', payload, headers: { origin: 'http://panel.test' } });
      assert.equal(ok.statusCode, 201, ok.body);
      // Reads need no token.
      const read = await t.app.inject({ method: 'GET', url: '/api/v1/accounts/csrf-user', headers: { cookie: session.cookie } });
      assert.equal(read.statusCode, 200);
    });

    test('a cross-site sign-in attempt is refused (login CSRF)', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'olivia', password: TEST_PASSWORD },
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(response.statusCode, 403);
    });

    test('an admin changes their own password; other sessions end', async () => {
      await seedAdmin(t, 'pat', 'ADMIN');
      const first = await signIn(t.app, 'pat');
      const second = await signIn(t.app, 'pat');
      const weak = await as(t.app, first, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'password123' } });
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).code, 'WEAK_PASSWORD');
      assert.equal(errorOf(weak).details[0]?.field, 'newPassword');
      const wrongCurrent = await as(t.app, first, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'not-my-password', newPassword: 'violet tractor umbrella 93' } });
      assert.equal(wrongCurrent.statusCode, 400);
      assert.equal(errorOf(wrongCurrent).details[0]?.field, 'currentPassword');
      const ok = await as(t.app, first, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'violet tractor umbrella 93' } });
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal((await as(t.app, second, { method: 'GET', url: '/api/v1/auth/session' })).json().user, null);
      assert.equal((await as(t.app, first, { method: 'GET', url: '/api/v1/auth/session' })).json().user.username, 'pat');
      await signIn(t.app, 'pat', 'violet tractor umbrella 93');
    });

    test('an idle session expires', async () => {
      const session = await signIn(t.app, 'sam');
      await t.db.prisma.webSession.updateMany({ where: { revokedAt: null, admin: { username: 'sam' } }, data: { lastSeenAt: new Date(Date.now() - 3 * 60 * 60 * 1000) } });
      const response = await as(t.app, session, { method: 'GET', url: '/api/v1/accounts' });
      assert.equal(response.statusCode, 401);
    });
  });
}

describe('rate limits and the error shape', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite');
    await seedAdmin(t, 'olivia', 'OWNER');
  });
  after(() => t.close());

  test('the 11th sign-in within a minute is refused with 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `guess${i}`, password: 'wrong-password' }, remoteAddress: '198.51.100.7' });
      statuses.push(response.statusCode);
      if (i === 10) {
        assert.equal(errorOf(response).code, 'RATE_LIMITED');
        assert.ok(Number(response.headers['retry-after']) > 0);
      }
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  });

  test('per username too: attempts on one name from many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'olivia', password: 'wrong-password' }, remoteAddress: `203.0.113.${i + 1}` });
      statuses.push(response.statusCode);
    }
    assert.equal(statuses[10], 429);
  });

  test('schema validation names the field; unknown /api paths answer JSON 404', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token: 'x', username: 'a' } });
    assert.equal(bad.statusCode, 400);
    const error = errorOf(bad);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details.map((d) => d.field), ['password']);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    assert.equal(missing.statusCode, 404);
    assert.equal(errorOf(missing).code, 'NOT_FOUND');
    const badJson = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: '{oops', headers: { 'content-type': 'application/json' } });
    assert.equal(badJson.statusCode, 400);
    assert.equal(errorOf(badJson).code, 'VALIDATION_FAILED');
  });
});

describe('behind TLS', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite', { env: { PUBLIC_URL: 'https://panel.example.test' } });
    await seedAdmin(t, 'olivia', 'OWNER');
  });
  after(() => t.close());

  test('the session cookie is Secure when PUBLIC_URL is https', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'olivia', password: TEST_PASSWORD } });
    assert.match(String(response.headers['set-cookie']), /; Secure/);
  });
});
