import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { issueApiToken, type LiveSession } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import { as, bearer, createTestApp, errorOf, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`accounts (${provider})`, { skip }, () => {
    let t: TestApp;
    let admin: Session;
    let writer: string;
    const kicked: string[] = [];
    const events: string[] = [];
    before(async () => {
      const fakeFtp = { sessions: (): LiveSession[] => [], kick: () => false, kickAccount: (u: string) => (kicked.push(u), 1) };
      t = await createTestApp(provider, { ctx: { ftp: fakeFtp } });
      t.app.bus.subscribe((e) => events.push(e.event.type));
      await seedAdmin(t, 'ada', 'ADMIN');
      admin = await signIn(t.app, 'ada');
      writer = (await issueApiToken({ db: t.db.prisma }, { name: 'provisioning', scopes: ['accounts:read', 'accounts:write'] })).secret;
    });
    after(() => t.close());

    test('create with a generated password, read with ETag, no hash leaves', async () => {
      const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'alice', email: 'alice@example.com', quotaBytes: 1_000_000 } });
      assert.equal(created.statusCode, 201, created.body);
      const body = created.json();
      assert.equal(body.account.username, 'alice');
      assert.equal(body.account.homeDir, 'alice');
      assert.equal(typeof body.password, 'string');
      assert.ok(body.password.length >= 20);
      assert.ok(!created.body.includes('argon2') && !created.body.includes('passwordHash'));
      const read = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts/alice' });
      assert.equal(read.headers.etag, `"v${body.account.version}"`);
      assert.equal(read.json().quotaBytes, 1_000_000);
      assert.ok(events.includes('account.created'));
    });

    test('list: paginated, filtered, sorted, with a total', async () => {
      for (const name of ['bob', 'carol', 'dave']) {
        await bearer(t.app, writer, { method: 'PUT', url: `/api/v1/accounts/${name}`, payload: { status: name === 'dave' ? 'DISABLED' : 'ACTIVE' } });
      }
      const page = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts?pageSize=2&page=2&sort=username&order=asc' });
      assert.equal(page.statusCode, 200);
      const body = page.json();
      assert.equal(body.total, 4);
      assert.deepEqual(body.items.map((a: { username: string }) => a.username), ['carol', 'dave']);
      assert.equal(body.page, 2);
      const disabled = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts?status=DISABLED' });
      assert.deepEqual(disabled.json().items.map((a: { username: string }) => a.username), ['dave']);
      const search = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts?search=car&order=desc' });
      assert.equal(search.json().total, 1);
      const badSort = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts?sort=passwordHash' });
      assert.equal(badSort.statusCode, 400);
      assert.equal(errorOf(badSort).details[0]?.field, 'sort');
    });

    test('PUT is idempotent: 201 then 200 with the same state', async () => {
      const payload = { email: 'erin@example.com', quotaBytes: 5000, allowedCidrs: ['10.0.0.0/8'], password: 'a long enough password' };
      const first = await bearer(t.app, writer, { method: 'PUT', url: '/api/v1/accounts/erin', payload });
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.json().password, undefined);
      const second = await bearer(t.app, writer, { method: 'PUT', url: '/api/v1/accounts/erin', payload });
      assert.equal(second.statusCode, 200, second.body);
      const strip = (a: Record<string, unknown>) => ({ ...a, version: 0, updatedAt: 0 });
      assert.deepEqual(strip(second.json().account), strip(first.json().account));
    });

    test('TLS session reuse per account: null (server setting), true or false; in the OpenAPI document', async () => {
      const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'pyclient', isTlsSessionReuseRequired: false } });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().account.isTlsSessionReuseRequired, false);
      const reset = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/pyclient', payload: { isTlsSessionReuseRequired: null } });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal(reset.json().isTlsSessionReuseRequired, null);
      const read = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts/pyclient' });
      assert.equal(read.json().isTlsSessionReuseRequired, null);
      const listed = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts?search=pyclient' });
      assert.equal(listed.json().items[0].isTlsSessionReuseRequired, null);
      const strict = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/pyclient', payload: { isTlsSessionReuseRequired: true } });
      assert.equal(strict.json().isTlsSessionReuseRequired, true);
      const bad = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/pyclient', payload: { isTlsSessionReuseRequired: 'sometimes' } });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).details[0]?.field, 'isTlsSessionReuseRequired');
      const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body;
      assert.match(spec, /isTlsSessionReuseRequired/);
    });

    test('each validation problem has its own code and names the field', async () => {
      const cases: [string, string, object, string, string, number][] = [
        ['POST', '/api/v1/accounts', { username: 'alice' }, 'USERNAME_TAKEN', 'username', 409],
        ['PATCH', '/api/v1/accounts/alice', { allowedCidrs: ['10.0.0.0/33'] }, 'INVALID_CIDR', 'allowedCidrs', 400],
        ['PATCH', '/api/v1/accounts/alice', { deniedCidrs: ['not-an-ip'] }, 'INVALID_CIDR', 'deniedCidrs', 400],
        ['POST', '/api/v1/accounts', { username: 'mallory', homeDir: '../../etc' }, 'HOME_OUTSIDE_ROOT', 'homeDir', 400],
        ['POST', '/api/v1/accounts', { username: 'mallory', homeDir: 'alice/uploads' }, 'HOME_OVERLAP', 'homeDir', 409],
        ['PATCH', '/api/v1/accounts/bob', { homeDir: 'alice' }, 'HOME_OVERLAP', 'homeDir', 409],
        ['POST', '/api/v1/accounts', { username: 'mallory', quotaBytes: -1 }, 'VALIDATION_FAILED', 'quotaBytes', 400],
        ['POST', '/api/v1/accounts', { username: 'mallory', shoeSize: 42 }, 'VALIDATION_FAILED', 'shoeSize', 400],
        ['POST', '/api/v1/accounts', {}, 'VALIDATION_FAILED', 'username', 400],
        ['PATCH', '/api/v1/accounts/nobody', { note: 'x' }, 'ACCOUNT_NOT_FOUND', '', 404],
      ];
      for (const [method, url, payload, code, field, status] of cases) {
        const response = await as(t.app, admin, { method: method as 'POST', url, payload });
        assert.equal(response.statusCode, status, `${code}: ${response.body}`);
        const error = errorOf(response);
        assert.equal(error.code, code);
        if (field) assert.ok(error.details.some((d) => d.field === field), `${code} names ${field}: ${response.body}`);
      }
      const nested = await as(t.app, admin, { method: 'PUT', url: '/api/v1/accounts/mallory', payload: { homeDir: './alice/x/..' } });
      assert.equal(nested.statusCode, 409, nested.body);
      assert.match(errorOf(nested).details[0]?.message ?? '', /home of account "alice"/);
      // Quota below usage: give the account some usage first.
      await t.db.prisma.account.update({ where: { username: 'alice' }, data: { usedBytes: 5000n, usedFiles: 3 } });
      for (const [field, value] of [['quotaBytes', 4000], ['quotaFiles', 2]] as const) {
        const response = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/alice', payload: { [field]: value } });
        assert.equal(response.statusCode, 409, response.body);
        assert.equal(errorOf(response).code, 'QUOTA_BELOW_USAGE');
        assert.equal(errorOf(response).details[0]?.field, field);
      }
    });

    test('If-Match: a stale version is refused with 412 VERSION_CONFLICT', async () => {
      const read = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts/bob' });
      const etag = String(read.headers.etag);
      const first = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/bob', payload: { note: 'first admin' }, headers: { 'if-match': etag } });
      assert.equal(first.statusCode, 200, first.body);
      assert.notEqual(first.headers.etag, etag);
      const second = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/bob', payload: { note: 'second admin' }, headers: { 'if-match': etag } });
      assert.equal(second.statusCode, 412);
      assert.equal(errorOf(second).code, 'VERSION_CONFLICT');
      const now = await as(t.app, admin, { method: 'GET', url: '/api/v1/accounts/bob' });
      assert.equal(now.json().note, 'first admin');
    });

    test('disabling or deleting ends the FTP sessions; delete answers 204 then 404', async () => {
      kicked.length = 0;
      const disabled = await as(t.app, admin, { method: 'PATCH', url: '/api/v1/accounts/carol', payload: { status: 'DISABLED' } });
      assert.equal(disabled.statusCode, 200);
      assert.deepEqual(kicked, ['carol']);
      const removed = await bearer(t.app, writer, { method: 'DELETE', url: '/api/v1/accounts/carol?deleteHome=true' });
      assert.equal(removed.statusCode, 204);
      assert.deepEqual(kicked, ['carol', 'carol']);
      assert.ok(events.includes('account.deleted'));
      const again = await bearer(t.app, writer, { method: 'DELETE', url: '/api/v1/accounts/carol' });
      assert.equal(again.statusCode, 404);
      assert.equal(errorOf(again).code, 'ACCOUNT_NOT_FOUND');
    });

    test('password: set or generate; every change is audited with the actor', async () => {
      const generated = await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts/bob/password', payload: {} });
      assert.equal(generated.statusCode, 200, generated.body);
      assert.equal(typeof generated.json().password, 'string');
      const chosen = await bearer(t.app, writer, { method: 'POST', url: '/api/v1/accounts/bob/password', payload: { password: 'another long password' } });
      assert.deepEqual(chosen.json(), {});
      const entries = await t.db.prisma.auditEntry.findMany({ where: { targetId: 'bob' }, orderBy: { createdAt: 'asc' } });
      assert.ok(entries.some((e) => e.actorName === 'ada' && e.actorType === 'ADMIN' && e.action === 'account.password'));
      assert.ok(entries.some((e) => e.actorType === 'TOKEN' && e.action === 'account.password'));
      assert.ok(entries.every((e) => !`${e.before}${e.after}`.includes('argon2')));
    });
  });
}
