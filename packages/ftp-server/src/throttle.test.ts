import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BandwidthBucket } from './throttle.ts';

describe('BandwidthBucket', () => {
  it('is a no-op at rate 0', async () => {
    const bucket = new BandwidthBucket(0);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await bucket.take(1_000_000);
    assert.ok(performance.now() - started < 200);
  });

  it('delivers the configured average rate', async () => {
    const bucket = new BandwidthBucket(400_000);
    const started = performance.now();
    for (let i = 0; i < 40; i++) await bucket.take(10_000);
    const seconds = (performance.now() - started) / 1000;
    const rate = 400_000 / seconds;
    // The first burst (0.1 s worth) is free, so the expected time is about 0.9 s.
    assert.ok(rate > 350_000 && rate < 520_000, `rate ${rate}`);
  });

  it('re-evaluates waiters when the rate changes', async () => {
    const bucket = new BandwidthBucket(1000);
    await bucket.take(20_000);
    const waiting = bucket.take(1000);
    const started = performance.now();
    bucket.setRate(0);
    await waiting;
    assert.ok(performance.now() - started < 100);
  });

  it('rejects invalid rates', () => {
    assert.throws(() => new BandwidthBucket(-1));
    assert.throws(() => new BandwidthBucket(Number.NaN));
  });
});
