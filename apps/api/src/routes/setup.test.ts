import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureFirstAdmin } from '@ftp-panel/core';
import { createTestApp, errorOf, TEST_HASHER, type TestApp } from '../test-support.ts';

describe('first-run setup', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  test('the setup link creates the owner once and signs them in', async () => {
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json(), { isSetupNeeded: true });
    const first = await ensureFirstAdmin(t.db.prisma, { adminUsername: null, adminPassword: null, publicUrl: t.config.publicUrl }, TEST_HASHER);
    assert.equal(first.kind, 'setup-link');
    const token = new URL(first.kind === 'setup-link' ? first.url : '').searchParams.get('token') as string;
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token: 'nope', username: 'owner', password: 'long enough password' } });
    assert.equal(errorOf(wrong).code, 'SETUP_TOKEN_INVALID');
    const badName = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: '../x', password: 'long enough password' } });
    assert.equal(errorOf(badName).details[0]?.field, 'username');
    const done = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'owner', password: 'long enough password', email: 'o@example.test' } });
    assert.equal(done.statusCode, 201, done.body);
    assert.equal(done.json().user.role, 'OWNER');
    assert.match(String(done.headers['set-cookie']), /ftp_panel_session=/);
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json(), { isSetupNeeded: false });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'owner2', password: 'long enough password' } });
    assert.equal(again.statusCode, 409);
    assert.equal(errorOf(again).code, 'SETUP_ALREADY_DONE');
  });
});
