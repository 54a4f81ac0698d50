// One running data transfer as the session and the host see it: bytes so far, throughput, and
// the abort switch that ABOR, quota and shutdown pull.
import type { TransferDirection, TransferInfo, TransferStatus } from './types.ts';

export class ActiveTransfer {
  readonly direction: TransferDirection;
  readonly path: string;
  readonly size: number | null;
  readonly startedAt = new Date();
  readonly controller = new AbortController();
  bytes = 0;
  bytesPerSecond = 0;
  /** Set when something outside the pipeline stopped the transfer (ABOR, quota, shutdown). */
  abortStatus: TransferStatus | null = null;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;

  constructor(direction: TransferDirection, path: string, size: number | null = null) {
    this.direction = direction;
    this.path = path;
    this.size = size;
    this.#done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
  }

  get info(): TransferInfo {
    return { direction: this.direction, path: this.path, bytes: this.bytes, startedAt: this.startedAt, bytesPerSecond: this.bytesPerSecond, size: this.size };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(status: TransferStatus): void {
    this.abortStatus ??= status;
    this.controller.abort();
  }

  /** Resolves after the final reply of this transfer was sent. */
  whenDone(): Promise<void> {
    return this.#done;
  }

  markDone(): void {
    this.#resolveDone();
  }
}
