// Quota and appends stay exact when two sessions of one account race on one file: the service
// with its database, raw control connections (a client library would serialise the race away).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { findAccountByUsername } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { rescanAccountUsage } from '../accounts/service.ts';
import { RawControl, bytes, download, startHarness, upload } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

const MB = 1024 * 1024;

async function login(h: Harness, username: string): Promise<RawControl> {
  const c = await RawControl.connect(h.port);
  await c.read();
  await c.command(`USER ${username}`);
  const reply = await c.command('PASS correct-horse-battery');
  assert.match(reply, /^230 /);
  return c;
}

async function openData(c: RawControl): Promise<net.Socket> {
  const reply = await c.command('EPSV');
  const port = Number(/\(\|\|\|(\d+)\|\)/.exec(reply)?.[1]);
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

function send(socket: net.Socket, data: Buffer): Promise<void> {
  return new Promise((resolve) => socket.write(data, () => resolve()));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bytes of the regular files in a home (what a rescan counts). */
function diskBytes(home: string): number {
  let total = 0;
  for (const entry of readdirSync(home, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service: uploads racing other sessions (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider);
    });
    after(() => h?.close());

    const used = async (username: string): Promise<{ bytes: number; files: number }> => {
      const a = await findAccountByUsername(h.db.prisma, username);
      return { bytes: Number(a?.usedBytes), files: Number(a?.usedFiles) };
    };

    test('a STOR over a file that another session renames away is charged in full, never past the quota', async () => {
      await h.addAccount('racer', { quotaBytes: 10 * MB });
      const home = path.join(h.homesDir, 'racer');
      const setup = await h.client('racer');
      await upload(setup, bytes(8 * MB), 'site.bin');
      setup.close();
      assert.deepEqual(await used('racer'), { bytes: 8 * MB, files: 1 });

      const s1 = await login(h, 'racer');
      const s2 = await login(h, 'racer');
      for (let round = 1; round <= 3; round++) {
        if (round > 1) {
          await s2.command('RNFR moved.bin');
          assert.match(await s2.command('RNTO site.bin'), /^250 /);
        }
        const data = await openData(s1);
        assert.match(await s1.command('STOR site.bin'), /^150 /);
        // Half of the new 8 MB is in; the old site.bin still covers it...
        await send(data, bytes(4 * MB, round));
        await pause(100);
        // ...until the other session renames the old file away.
        await s2.command('RNFR site.bin');
        assert.match(await s2.command('RNTO moved.bin'), /^250 /);
        data.end(bytes(4 * MB, round + 10));
        // 8 MB kept as moved.bin + 8 MB new would be 16 MB in a 10 MB quota.
        assert.match(await s1.read(), /^552 /, `round ${round}`);
        assert.equal(diskBytes(home), 8 * MB);
        assert.deepEqual(await used('racer'), { bytes: 8 * MB, files: 1 }, `round ${round}`);
      }

      // A delete during the upload frees the space it replaced: the commit then fits.
      await s2.command('RNFR moved.bin');
      await s2.command('RNTO site.bin');
      const data = await openData(s1);
      assert.match(await s1.command('STOR site.bin'), /^150 /);
      await send(data, bytes(4 * MB, 7));
      await pause(100);
      assert.match(await s2.command('DELE site.bin'), /^250 /);
      data.end(bytes(4 * MB, 8));
      assert.match(await s1.read(), /^226 /);
      assert.deepEqual(await used('racer'), { bytes: 8 * MB, files: 1 });

      assert.equal(diskBytes(home), 8 * MB);
      const rescanned = await rescanAccountUsage({ db: h.db.prisma, homesDir: h.homesDir }, 'racer');
      assert.equal(Number(rescanned.usedBytes), 8 * MB, 'a rescan finds nothing to correct');
      assert.equal(Number(rescanned.usedFiles), 1);

      // And the quota still holds: 8 MB + 3 MB does not fit in 10 MB.
      const extra = await openData(s1);
      assert.match(await s1.command('STOR more.bin'), /^150 /);
      extra.end(bytes(3 * MB));
      assert.match(await s1.read(), /^552 /);
      assert.equal(diskBytes(home), 8 * MB);
      s1.close();
      s2.close();
    });

    test('two sessions appending to one file: every acknowledged byte is in the file, usage follows the disk', async () => {
      await h.addAccount('appender', { quotaBytes: 100 * MB });
      const home = path.join(h.homesDir, 'appender');
      const setup = await h.client('appender');
      const original = bytes(1 * MB, 3);
      await upload(setup, original, 'log.bin');
      const a = await login(h, 'appender');
      const b = await login(h, 'appender');
      const partA = bytes(2 * MB, 4);
      const partB = bytes(2 * MB, 5);
      const dataA = await openData(a);
      assert.match(await a.command('APPE log.bin'), /^150 /);
      await send(dataA, partA.subarray(0, MB));
      await pause(50);
      await openData(b).then((s) => s.destroy());
      // The second writer is told at once, before sending a byte.
      assert.match(await b.command('APPE log.bin'), /^450 /);
      dataA.end(partA.subarray(MB));
      assert.match(await a.read(), /^226 /);
      const dataB = await openData(b);
      assert.match(await b.command('APPE log.bin'), /^150 /);
      dataB.end(partB);
      assert.match(await b.read(), /^226 /);
      const content = await download(setup, 'log.bin');
      assert.equal(content.length, 5 * MB);
      assert.ok(content.equals(Buffer.concat([original, partA, partB])), 'original, then A, then B');
      assert.deepEqual(await used('appender'), { bytes: 5 * MB, files: 1 });

      // A failed append (connection reset) leaves the file and the usage as they were.
      const dataC = await openData(a);
      assert.match(await a.command('APPE log.bin'), /^150 /);
      await send(dataC, bytes(MB, 6));
      await pause(50);
      dataC.resetAndDestroy();
      assert.match(await a.read(), /^426 /);
      assert.equal(statSync(path.join(home, 'log.bin')).size, 5 * MB);
      assert.deepEqual(await used('appender'), { bytes: 5 * MB, files: 1 });
      assert.equal(diskBytes(home), 5 * MB);
      setup.close();
      a.close();
      b.close();
    });
  });
}
