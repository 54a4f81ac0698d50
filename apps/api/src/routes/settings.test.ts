// Settings are validated completely by core: a bad pasvOverrides entry is refused with its field
// path and nothing is stored, while the running FTP service keeps serving and applies good changes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { greeting as banner, waitFor } from '@ftp-panel/core/testing';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, errorOf, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`settings validation on ${provider}`, { skip }, () => {
    let t: TestApp;
    let owner: Session;
    before(async () => {
      t = await createTestApp(provider, { isFtpStarted: true });
      await seedAdmin(t, 'root', 'OWNER');
      owner = await signIn(t.app, 'root');
    });
    after(() => t?.close());

    test('a bad pasvOverrides entry: 400 naming every bad field, nothing saved, the service keeps running and applies good changes', async () => {
      const ftp = t.ftp as NonNullable<TestApp['ftp']>;
      const port = ftp.addresses.ftp.port;
      const before = (await as(t.app, owner, { method: 'GET', url: '/api/v1/settings' })).json();
      const changesBefore = await t.db.prisma.changeEvent.count({ where: { topic: 'settings' } });
      const payload = {
        banner: 'Never stored.',
        pasvOverrides: [
          { cidr: '10.0.0.0/8', host: '10.0.0.1' },
          { cidr: '10.0.0.0/33', host: 'lan gateway' },
        ],
      };
      const refused = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload });
      assert.equal(refused.statusCode, 400, refused.body);
      const error = errorOf(refused);
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(error.details.map((d) => d.field).sort(), ['pasvOverrides.1.cidr', 'pasvOverrides.1.host']);
      const after = (await as(t.app, owner, { method: 'GET', url: '/api/v1/settings' })).json();
      assert.equal(after.version, before.version);
      assert.equal(after.banner, before.banner);
      assert.deepEqual(after.pasvOverrides, before.pasvOverrides);
      assert.equal(await t.db.prisma.changeEvent.count({ where: { topic: 'settings' } }), changesBefore);
      assert.match(await banner(port), /^220 /);

      const good = await as(t.app, owner, {
        method: 'PATCH',
        url: '/api/v1/settings',
        payload: { banner: 'Applied live.', pasvOverrides: [{ cidr: '::FFFF:10.0.0.0/104', host: '10.0.0.1' }] },
      });
      assert.equal(good.statusCode, 200, good.body);
      assert.deepEqual(good.json().settings.pasvOverrides, [{ cidr: '10.0.0.0/8', host: '10.0.0.1' }], 'stored normalised');
      await waitFor(async () => /^220 Applied live\./.test(await banner(port)), 5000, 'the new banner');
      assert.deepEqual(ftp.server.options.passive.overrides, [{ cidr: '10.0.0.0/8', host: '10.0.0.1' }]);
    });

    test('every invalid field is reported at once, each with its path', async () => {
      const refused = await as(t.app, owner, {
        method: 'PATCH',
        url: '/api/v1/settings',
        payload: { pasvPortMin: 3000, pasvPortMax: 2000, banner: 'a\rb', pasvAdvertisedHost: 'not a host!', pasvOverrides: [{ cidr: 'x', host: 'h' }] },
      });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.deepEqual(errorOf(refused).details.map((d) => d.field).sort(), ['banner', 'pasvAdvertisedHost', 'pasvOverrides.0.cidr', 'pasvPortMin']);
    });
  });
}
