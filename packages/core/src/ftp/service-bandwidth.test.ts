import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { appendChange, updateAccount } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import type { LiveSession } from '../events/types.ts';
import { bytes, download, startHarness, upload, waitFor } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

const KIB = 1024;

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service bandwidth (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider);
    });
    after(() => h?.close());

    test('download limit holds within 25 %', async () => {
      await h.addAccount('slow', { downloadKiBps: 512 });
      mkdirSync(path.join(h.homesDir, 'slow'), { recursive: true });
      writeFileSync(path.join(h.homesDir, 'slow', 'file.bin'), bytes(1024 * KIB));
      const client = await h.client('slow');
      const started = performance.now();
      const data = await download(client, 'file.bin');
      const seconds = (performance.now() - started) / 1000;
      const rate = data.length / KIB / seconds;
      assert.ok(rate > 512 * 0.75 && rate < 512 * 1.25, `measured ${rate.toFixed(0)} KiB/s`);
      client.close();
    });

    test('a throttled download shows its total size in the live session and its events', async () => {
      await h.addAccount('sized', { downloadKiBps: 256 });
      mkdirSync(path.join(h.homesDir, 'sized'), { recursive: true });
      writeFileSync(path.join(h.homesDir, 'sized', 'movie.bin'), bytes(512 * KIB));
      const client = await h.client('sized');
      const transfer = download(client, 'movie.bin');
      const live = (): LiveSession['transfer'] | undefined => h.service.sessions().find((s) => s.username === 'sized')?.transfer;
      await waitFor(() => (live()?.bytes ?? 0) > 0, 3000, 'the download to move bytes');
      assert.equal(live()?.size, 512 * KIB);
      assert.equal(live()?.direction, 'DOWNLOAD');
      assert.equal((await transfer).length, 512 * KIB);
      const started = h.events.find((e) => e.type === 'transfer.started' && e.username === 'sized');
      assert.equal(started?.type === 'transfer.started' ? started.size : undefined, 512 * KIB);
      const sizes = h.events.flatMap((e) => (e.type === 'transfer.progress' && e.username === 'sized' ? [e.size] : []));
      assert.ok(sizes.length >= 2, `${sizes.length} progress ticks`);
      assert.ok(sizes.every((size) => size === 512 * KIB), sizes.join(','));
      client.close();
    });

    test('upload limit is shared by all sessions of the account', async () => {
      await h.addAccount('shared', { uploadKiBps: 512 });
      const [a, b] = await Promise.all([h.client('shared'), h.client('shared')]);
      const started = performance.now();
      await Promise.all([upload(a, bytes(512 * KIB), 'a.bin'), upload(b, bytes(512 * KIB), 'b.bin')]);
      const rate = 1024 / ((performance.now() - started) / 1000);
      assert.ok(rate > 512 * 0.75 && rate < 512 * 1.25, `aggregate ${rate.toFixed(0)} KiB/s`);
      a.close();
      b.close();
    });

    test('a limit changed in the database applies to the running transfer', async () => {
      await h.addAccount('live', { uploadKiBps: 256 });
      const client = await h.client('live');
      const started = performance.now();
      const transfer = upload(client, bytes(2048 * KIB), 'big.bin');
      await new Promise((r) => setTimeout(r, 1000));
      // What the CLI or the API does: update the row, then append to the change feed.
      await updateAccount(h.db.prisma, 'live', { uploadKiBps: 2048 });
      await appendChange(h.db.prisma, 'account', 'live');
      await transfer;
      const seconds = (performance.now() - started) / 1000;
      // 256 KiB/s throughout would take 8 s; with the change within ~1 s it takes about 2.5 s.
      assert.ok(seconds < 4.5, `took ${seconds.toFixed(2)} s`);
      assert.ok(seconds > 1.5, `took ${seconds.toFixed(2)} s`);
      const progress = h.events.filter((e) => e.type === 'transfer.progress' && e.username === 'live');
      assert.ok(progress.length >= 2, 'progress ticks were published');
      client.close();
    });
  });
}
