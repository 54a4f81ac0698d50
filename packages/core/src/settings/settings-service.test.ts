// The FTP service never meets an invalid setting: a stored row written before the rules (or by
// hand) neither stops the start nor skips the rest of a reload; the valid values still apply.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { updateServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { greeting as banner, startHarness } from '../ftp/test-helpers.ts';

const GOOD = { cidr: '10.0.0.0/8', host: '10.0.0.1' };

for (const { provider, skip } of await testProviders()) {
  describe(`stored settings the service refuses, on ${provider}`, { skip }, () => {
    test('start: a bad passive override is left out, the good one and the other settings apply', async () => {
      const h = await startHarness(provider, { settings: { pasvOverrides: [GOOD, { cidr: '10.0.0.0/33', host: 'lan' }], banner: 'Started anyway.' } });
      try {
        assert.deepEqual(h.service.server.options.passive.overrides, [GOOD]);
        assert.match(await banner(h.port), /^220 Started anyway\./);
      } finally {
        await h.close();
      }
    });

    test('reload: bad values keep the last good ones, everything valid still applies', async () => {
      const h = await startHarness(provider, { settings: { banner: 'First.' } });
      try {
        await updateServerSettings(h.db.prisma, {
          pasvOverrides: [{ cidr: 'not-a-network', host: 'x' }, { cidr: '192.168.0.0/16', host: '192.168.0.1' }],
          banner: 'Reloaded.',
          isActiveModeAllowed: false,
        });
        await h.service.reloadSettings();
        assert.deepEqual(h.service.server.options.passive.overrides, [{ cidr: '192.168.0.0/16', host: '192.168.0.1' }]);
        assert.equal(h.service.server.options.isActiveModeAllowed, false);
        assert.match(await banner(h.port), /^220 Reloaded\./);

        await updateServerSettings(h.db.prisma, { banner: 'bad\r\nbanner', maxSessionsPerIp: -1, isActiveModeAllowed: true });
        await h.service.reloadSettings();
        assert.equal(h.service.server.options.isActiveModeAllowed, true);
        assert.match(await banner(h.port), /^220 Reloaded\./, 'the last good banner stays');
      } finally {
        await h.close();
      }
    });
  });
}
