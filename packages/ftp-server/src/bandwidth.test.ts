// Throttled transfers measured on real sockets: RETR and STOR near the rate, setRate() applying
// to a running transfer, and one bucket shared by two sessions.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BandwidthBucket } from './throttle.ts';
import type { SessionInfo } from './types.ts';
import { connectData, RawClient, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

const RATE = 1_000_000;

describe('bandwidth buckets', () => {
  let t: TestServer;
  const downBucket = new BandwidthBucket(RATE);
  const upBucket = new BandwidthBucket(RATE);

  before(async () => {
    t = await startServer({ isTls: false, auth: { bandwidth: { download: downBucket, upload: upBucket } } });
    fs.writeFileSync(path.join(t.home, 'file.bin'), Buffer.alloc(3_000_000, 1));
  });
  after(() => t.close());

  async function client(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.login();
    return c;
  }

  /** Downloads, returning [timestamp ms, total bytes] samples from the first byte. */
  async function download(c: RawClient, size: number, onSample?: (elapsedMs: number, bytes: number) => void): Promise<number> {
    await c.command(`REST ${3_000_000 - size}`);
    const data = await connectData(await c.epsv());
    await c.command('RETR file.bin');
    let bytes = 0;
    let start = 0;
    await new Promise<void>((resolve) => {
      data.on('data', (chunk: Buffer) => {
        if (start === 0) start = performance.now();
        bytes += chunk.length;
        onSample?.(performance.now() - start, bytes);
      });
      data.on('end', () => resolve());
    });
    await c.read();
    return performance.now() - start;
  }

  it('paces RETR near the rate, reporting progress at most twice a second', async (tc) => {
    downBucket.setRate(RATE);
    const c = await client();
    const progress: number[] = [];
    const live: string[] = [];
    const onProgress = (e: { bytes: number; session: SessionInfo }): void => {
      progress.push(e.bytes);
      const transfer = [...t.server.sessions].find((s) => s.id === e.session.id)?.transfer;
      live.push(`${transfer?.direction} ${transfer?.path} ${transfer && transfer.bytes > 0 && transfer.bytesPerSecond > 0}`);
    };
    t.server.on('transfer:progress', onProgress);
    const ms = await download(c, 1_500_000);
    t.server.off('transfer:progress', onProgress);
    assert.ok(progress.length >= 2 && progress.length <= Math.ceil((ms / 1000) * 2) + 1, `${progress.length} progress events in ${ms} ms`);
    assert.ok(progress.every((bytes, i) => i === 0 || bytes >= (progress[i - 1] ?? 0)));
    assert.ok(live.every((line) => line === 'download /file.bin true'), live.join(', '));
    const rate = 1_500_000 / (ms / 1000);
    tc.diagnostic(`measured ${Math.round(rate)} B/s`);
    assert.ok(Math.abs(rate - RATE) / RATE < 0.25, `measured ${Math.round(rate)} B/s`);
    c.close();
  });

  it('paces STOR near the rate', async (tc) => {
    const c = await client();
    const data = await connectData(await c.epsv());
    await c.command('STOR up.bin');
    const start = performance.now();
    data.end(Buffer.alloc(1_500_000, 2));
    assert.match(await c.read(10_000), /^226 /);
    const rate = 1_500_000 / ((performance.now() - start) / 1000);
    tc.diagnostic(`measured ${Math.round(rate)} B/s`);
    assert.ok(Math.abs(rate - RATE) / RATE < 0.25, `measured ${Math.round(rate)} B/s`);
    c.close();
  });

  it('applies setRate() to a running transfer within about a second', async (tc) => {
    downBucket.setRate(500_000);
    const c = await client();
    const samples: [number, number][] = [];
    let changedAt = 0;
    const timer = setTimeout(() => {
      downBucket.setRate(2_000_000);
      changedAt = performance.now();
    }, 800);
    const started = performance.now();
    await download(c, 2_400_000, (ms, bytes) => samples.push([ms, bytes]));
    clearTimeout(timer);
    const change = changedAt - started;
    const at = (ms: number): number => samples.filter(([time]) => time <= ms).at(-1)?.[1] ?? 0;
    const before = (at(change) - at(change - 600)) / 0.6;
    const after = (at(change + 1000) - at(change + 300)) / 0.7;
    tc.diagnostic(`before ${Math.round(before)} B/s, after ${Math.round(after)} B/s`);
    assert.ok(Math.abs(before - 500_000) / 500_000 < 0.3, `before ${Math.round(before)} B/s`);
    assert.ok(after > 1_500_000, `after ${Math.round(after)} B/s`);
    downBucket.setRate(RATE);
    c.close();
  });

  it('shares one bucket between two sessions of the account', async (tc) => {
    downBucket.setRate(RATE);
    const [a, b] = await Promise.all([client(), client()]);
    const started = performance.now();
    await Promise.all([download(a, 750_000), download(b, 750_000)]);
    const rate = 1_500_000 / ((performance.now() - started) / 1000);
    tc.diagnostic(`aggregate ${Math.round(rate)} B/s`);
    assert.ok(Math.abs(rate - RATE) / RATE < 0.25, `aggregate ${Math.round(rate)} B/s`);
    a.close();
    b.close();
  });
});
