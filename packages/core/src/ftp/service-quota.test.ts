import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findAccountByUsername, listTransfers } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { bytes, replyCode, startHarness, upload, waitFor } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

const KIB = 1024;

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service quotas (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider);
    });
    after(() => h?.close());

    const usage = async (username: string) => {
      const a = await findAccountByUsername(h.db.prisma, username);
      return { bytes: a?.usedBytes, files: a?.usedFiles };
    };

    test('byte quota: an upload that would exceed it gets 552 and leaves no file', async () => {
      await h.addAccount('bq', { quotaBytes: 100 * KIB });
      const client = await h.client('bq');
      await upload(client, bytes(60 * KIB), 'a.bin');
      await assert.rejects(upload(client, bytes(60 * KIB), 'b.bin'), (e) => replyCode(e) === 552);
      assert.deepEqual(await usage('bq'), { bytes: 60 * KIB, files: 1 });
      assert.deepEqual(readdirSync(path.join(h.homesDir, 'bq')), ['a.bin']);
      // Overwriting a file only costs the difference; ALLO checks ahead.
      await upload(client, bytes(90 * KIB), 'a.bin');
      assert.deepEqual(await usage('bq'), { bytes: 90 * KIB, files: 1 });
      await assert.rejects(client.send(`ALLO ${20 * KIB}`), (e) => replyCode(e) === 552);
      await client.send(`ALLO ${5 * KIB}`);
      // Deleting frees the space.
      await client.remove('a.bin');
      assert.deepEqual(await usage('bq'), { bytes: 0, files: 0 });
      client.close();
    });

    test('file quota', async () => {
      await h.addAccount('fq', { quotaFiles: 2 });
      const client = await h.client('fq');
      await upload(client, bytes(10), 'one');
      await upload(client, bytes(10), 'two');
      await assert.rejects(upload(client, bytes(10), 'three'), (e) => replyCode(e) === 552);
      await upload(client, bytes(20), 'two'); // replacing is not a new file
      await client.rename('two', 'one'); // RNTO over a file frees one
      assert.deepEqual(await usage('fq'), { bytes: 20, files: 1 });
      await upload(client, bytes(10), 'three');
      client.close();
    });

    test('two parallel uploads racing for the last bytes: exactly one fails with 552', async () => {
      // Throttled so both uploads are surely running at the same time.
      await h.addAccount('race', { quotaBytes: 1024 * KIB, uploadKiBps: 1024 });
      const [a, b] = await Promise.all([h.client('race'), h.client('race')]);
      const results = await Promise.allSettled([upload(a, bytes(600 * KIB, 1), 'left.bin'), upload(b, bytes(600 * KIB, 2), 'right.bin')]);
      const failed = results.filter((r) => r.status === 'rejected');
      assert.equal(failed.length, 1, 'exactly one upload fails');
      assert.equal(replyCode((failed[0] as PromiseRejectedResult).reason), 552);
      const used = await usage('race');
      assert.deepEqual(used, { bytes: 600 * KIB, files: 1 });
      const files = readdirSync(path.join(h.homesDir, 'race'));
      assert.equal(files.length, 1, `no partial file: ${files.join(', ')}`);
      await h.service.runtime?.persister.flush();
      const quotaRows = await listTransfers(h.db.prisma, { username: 'race', status: 'QUOTA' });
      assert.equal(quotaRows.total, 1);
      a.close();
      b.close();
    });

    test('quota warnings at 80 % and 95 %, once per crossing', async () => {
      await h.addAccount('warn', { quotaBytes: 100 * KIB });
      const client = await h.client('warn');
      await upload(client, bytes(82 * KIB), 'a');
      await upload(client, bytes(1 * KIB), 'b');
      await upload(client, bytes(13 * KIB), 'c');
      const warnings = h.events.filter((e) => e.type === 'quota.warning' && e.username === 'warn').map((e) => (e as { percent: number }).percent);
      assert.deepEqual(warnings, [80, 95]);
      client.close();
    });

    test('minimum free disk space refuses uploads with 452, leaves no file, and lifts when set back to 0', async () => {
      await h.addAccount('disk');
      const client = await h.client('disk');
      const home = path.join(h.homesDir, 'disk');
      const { updateServerSettings, appendChange } = await import('@ftp-panel/db');
      await updateServerSettings(h.db.prisma, { minFreeDiskMb: 1_000_000_000 });
      await appendChange(h.db.prisma, 'settings');
      // Uploads accepted before the change reaches the service are kept; the refused one must leave nothing.
      const stored: string[] = [];
      let refused = '';
      await waitFor(async () => {
        const name = `probe-${stored.length}.bin`;
        try {
          await upload(client, bytes(10), name);
          stored.push(name);
          return false;
        } catch (error) {
          if (replyCode(error) !== 452) return false;
          refused = name;
          return true;
        }
      }, 5000, 'the disk check');
      assert.equal(existsSync(path.join(home, refused)), false, `the refused ${refused} left no file`);
      assert.deepEqual(readdirSync(home).sort(), stored.sort(), 'no partial or temporary file remains');
      assert.deepEqual(await usage('disk'), { bytes: 10 * stored.length, files: stored.length });
      await updateServerSettings(h.db.prisma, { minFreeDiskMb: 0 });
      await h.service.reloadSettings();
      await upload(client, bytes(10), refused);
      assert.equal(existsSync(path.join(home, refused)), true, 'uploads work again once the minimum is 0');
      client.close();
    });
  });
}
