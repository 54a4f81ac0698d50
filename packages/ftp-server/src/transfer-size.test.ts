// TransferInfo.size and the size of transfer:start / transfer:progress: the file size minus the
// REST offset for RETR, the ALLO announcement for uploads (null without one), null for listings.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BandwidthBucket } from './throttle.ts';
import type { FtpServerEvents, TransferInfo } from './types.ts';
import { connectData, RawClient, readAll, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

type StartEvent = FtpServerEvents['transfer:start'][0];
type ProgressEvent = FtpServerEvents['transfer:progress'][0];

const FILE_SIZE = 300_000;

describe('transfer size', () => {
  let t: TestServer;
  const download = new BandwidthBucket(0);
  const starts: { size: number | null; live: TransferInfo | null; path: string }[] = [];
  const onStart = (e: StartEvent): void => {
    starts.push({ size: e.size, live: e.session.transfer, path: e.path });
  };

  before(async () => {
    t = await startServer({ isTls: false, auth: { bandwidth: { download } } });
    fs.writeFileSync(path.join(t.home, 'file.bin'), Buffer.alloc(FILE_SIZE, 7));
    t.server.on('transfer:start', onStart);
  });
  after(() => t.close());

  async function loggedIn(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.login();
    return c;
  }

  /** Runs one data command and returns the transfer:start it produced. */
  async function run(c: RawClient, command: string, upload?: Buffer): Promise<(typeof starts)[number]> {
    const before = starts.length;
    const socket = await connectData(await c.epsv());
    const received = readAll(socket);
    assert.match(await c.command(command), /^150 /);
    if (upload) socket.end(upload);
    await received;
    assert.match(await c.read(), /^226 /);
    const start = starts[before];
    assert.ok(start && starts.length === before + 1, `one transfer:start for ${command}`);
    return start;
  }

  it('RETR reports the file size, minus the REST offset', async () => {
    const c = await loggedIn();
    const whole = await run(c, 'RETR file.bin');
    assert.equal(whole.size, FILE_SIZE);
    assert.equal(whole.live?.size, FILE_SIZE, 'SessionInfo.transfer.size');
    assert.match(await c.command('REST 100000'), /^350 /);
    assert.equal((await run(c, 'RETR file.bin')).size, FILE_SIZE - 100_000);
    c.close();
  });

  it('progress events and the live TransferInfo carry the size during a throttled RETR', async () => {
    download.setRate(200_000);
    const progress: (number | null)[] = [];
    const live: (number | null | undefined)[] = [];
    const onProgress = (e: ProgressEvent): void => {
      progress.push(e.size);
      live.push([...t.server.sessions].find((s) => s.id === e.session.id)?.transfer?.size);
    };
    t.server.on('transfer:progress', onProgress);
    try {
      const c = await loggedIn();
      await run(c, 'RETR file.bin');
      c.close();
    } finally {
      t.server.off('transfer:progress', onProgress);
      download.setRate(0);
    }
    assert.ok(progress.length >= 1, 'a throttled 1.5 s download reports progress');
    assert.deepEqual(new Set(progress), new Set([FILE_SIZE]));
    assert.deepEqual(new Set(live), new Set([FILE_SIZE]));
  });

  it('STOR and APPE report the size announced by ALLO, null without one', async () => {
    const c = await loggedIn();
    assert.match(await c.command('ALLO 5000'), /^202 /);
    assert.equal((await run(c, 'STOR up.bin', Buffer.alloc(5000, 1))).size, 5000);
    assert.equal((await run(c, 'STOR up.bin', Buffer.alloc(5000, 1))).size, null, 'ALLO covers one upload only');
    assert.match(await c.command('ALLO 1200 R 512'), /^202 /);
    assert.equal((await run(c, 'APPE up.bin', Buffer.alloc(1200, 2))).size, 1200);
    assert.equal((await run(c, 'APPE up.bin', Buffer.alloc(10, 2))).size, null);
    assert.match(await c.command('ALLO 0'), /^202 /);
    assert.equal((await run(c, 'STOR empty.bin', Buffer.alloc(0))).size, 0);
    assert.equal(fs.statSync(path.join(t.home, 'up.bin')).size, 6210);
    c.close();
  });

  it('an ALLO followed by another transfer does not leak into a later upload; listings have no size', async () => {
    const c = await loggedIn();
    assert.match(await c.command('ALLO 777'), /^202 /);
    const listing = await run(c, 'LIST');
    assert.equal(listing.size, null);
    assert.equal(listing.live?.size, null);
    assert.equal((await run(c, 'STOR later.bin', Buffer.alloc(3, 3))).size, null);
    c.close();
  });
});
