// Token bucket shared by every session of an account, so limits are aggregate. Tokens may go
// into debt: a chunk larger than the burst passes as soon as the bucket is non-negative, and
// the debt delays the next one, which keeps the long-run average exact without splitting writes.
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

type Waiter = { bytes: number; resolve: () => void };

// A tenth of a second of rate keeps throughput smooth while letting a 64 KiB chunk through.
const BURST_SECONDS = 0.1;
const MIN_BURST = 16 * 1024;

export class BandwidthBucket {
  #rate: number;
  #tokens = 0;
  #lastRefill = performance.now();
  #queue: Waiter[] = [];
  #timer: NodeJS.Timeout | null = null;

  /** bytesPerSecond 0 means unlimited. */
  constructor(bytesPerSecond: number) {
    this.#rate = BandwidthBucket.#checkRate(bytesPerSecond);
    this.#tokens = this.#burst();
  }

  /** Current limit in bytes per second (0 = unlimited). */
  get bytesPerSecond(): number {
    return this.#rate;
  }

  /** Changes the limit; transfers already waiting re-evaluate at once. */
  setRate(bytesPerSecond: number): void {
    this.#refill();
    this.#rate = BandwidthBucket.#checkRate(bytesPerSecond);
    // Debt accumulated at the old rate must not block for long at the new one.
    const burst = this.#burst();
    this.#tokens = Math.max(-burst, Math.min(this.#tokens, burst));
    this.#reschedule();
  }

  /** Resolves when `bytes` may pass. */
  take(bytes: number): Promise<void> {
    if (this.#rate === 0 && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#queue.push({ bytes, resolve });
      this.#drain();
    });
  }

  /** Largest slice the throttle stream should hand to take() at once, for smoothness at low rates. */
  sliceSize(): number {
    if (this.#rate === 0) return Number.POSITIVE_INFINITY;
    return Math.max(4096, Math.min(256 * 1024, Math.floor(this.#rate / 20)));
  }

  static #checkRate(rate: number): number {
    if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`invalid bandwidth rate: ${rate}`);
    return Math.floor(rate);
  }

  #burst(): number {
    return Math.max(MIN_BURST, this.#rate * BURST_SECONDS);
  }

  #refill(): void {
    const now = performance.now();
    if (this.#rate > 0) {
      this.#tokens = Math.min(this.#burst(), this.#tokens + ((now - this.#lastRefill) / 1000) * this.#rate);
    }
    this.#lastRefill = now;
  }

  #drain(): void {
    this.#refill();
    while (this.#queue.length > 0) {
      if (this.#rate > 0 && this.#tokens < 0) break;
      const waiter = this.#queue.shift() as Waiter;
      if (this.#rate > 0) this.#tokens -= waiter.bytes;
      waiter.resolve();
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#queue.length === 0 || this.#rate === 0) return;
    const waitMs = Math.max(1, Math.ceil((-this.#tokens / this.#rate) * 1000));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#drain();
    }, waitMs);
  }

  #reschedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#drain();
  }
}

/** A pass-through stream that paces bytes through one or more buckets (account-wide and others). */
export function createThrottle(buckets: readonly BandwidthBucket[], highWaterMark: number): Transform {
  return new Transform({
    highWaterMark,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      void pace(this, buckets, chunk).then(() => callback(), callback);
    },
  });
}

async function pace(stream: Transform, buckets: readonly BandwidthBucket[], chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    // Slice size is re-read every round so a setRate() during a big chunk applies quickly.
    const slice = Math.min(chunk.length - offset, ...buckets.map((b) => b.sliceSize()));
    for (const bucket of buckets) {
      if (bucket.bytesPerSecond > 0) await bucket.take(slice);
    }
    stream.push(offset === 0 && slice === chunk.length ? chunk : chunk.subarray(offset, offset + slice));
    offset += slice;
  }
}
