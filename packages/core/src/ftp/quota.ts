// Quota accounting for one account, shared by all its sessions in this process: a ledger of what
// is used (from the database) plus what running uploads have reserved. Reservations are taken
// synchronously chunk by chunk, so two parallel uploads cannot both slip past the limit. Deltas
// are persisted (an atomic increment) when an upload commits or a file goes, through the usage
// journal: the file operation has already happened by then, so a database outage must neither
// fail the reply nor lose the change.
import { statfs } from 'node:fs/promises';
import { findAccountById } from '@ftp-panel/db';
import type { Account, PrismaDb } from '@ftp-panel/db';
import { FtpError } from '@ftp-panel/ftp-server';
import type { QuotaHandler, UploadQuota } from '@ftp-panel/ftp-server';
import { UsageJournal } from './usage-journal.ts';

export const QUOTA_WARNING_LEVELS = [80, 95] as const;
export type QuotaWarning = { percent: 80 | 95; usedBytes: number; quotaBytes: number; usedFiles: number; quotaFiles: number };

export type DiskGuard = { check(): Promise<void> };

const DISK_CHECK_CACHE_MS = 2000;

/** Refuses uploads (452) when the homes file system has less than minFreeMb free; 0 = off. */
export function createDiskGuard(homesDir: string, readMinFreeMb: () => number): DiskGuard {
  let checkedAt = 0;
  let freeBytes = Number.POSITIVE_INFINITY;
  return {
    async check() {
      const minFreeMb = readMinFreeMb();
      if (minFreeMb <= 0) return;
      if (Date.now() - checkedAt > DISK_CHECK_CACHE_MS) {
        const stats = await statfs(homesDir).catch(() => null);
        freeBytes = stats ? Number(stats.bavail) * Number(stats.bsize) : Number.POSITIVE_INFINITY;
        checkedAt = Date.now();
      }
      if (freeBytes < minFreeMb * 1024 * 1024) throw new FtpError(452, 'Insufficient storage space on the server.');
    },
  };
}

export class QuotaLedger {
  readonly accountId: string;
  quotaBytes: number;
  quotaFiles: number;
  usedBytes: number;
  usedFiles: number;
  reservedBytes = 0;
  reservedFiles = 0;
  #warnLevel = 0;
  #writesInFlight = 0;
  // Bumped by every local change, so a database read that raced with one is not applied.
  #generation = 0;
  readonly #db: PrismaDb;
  readonly #disk: DiskGuard;
  readonly #journal: UsageJournal;
  readonly #onWarning: (warning: QuotaWarning) => void;

  constructor(input: { account: Account; db: PrismaDb; disk: DiskGuard; journal?: UsageJournal; onWarning: (warning: QuotaWarning) => void }) {
    this.accountId = input.account.id;
    this.quotaBytes = input.account.quotaBytes;
    this.quotaFiles = input.account.quotaFiles;
    this.usedBytes = input.account.usedBytes;
    this.usedFiles = input.account.usedFiles;
    this.#db = input.db;
    this.#disk = input.disk;
    this.#journal = input.journal ?? new UsageJournal({ db: input.db });
    this.#onWarning = input.onWarning;
    // An account already above a level at start is not warned again for it.
    this.#warnLevel = this.#level();
  }

  /** New limits or a rescanned usage from the database (account changed). */
  update(account: Account): void {
    this.quotaBytes = account.quotaBytes;
    this.quotaFiles = account.quotaFiles;
    if (!this.#isStoredUsageStale()) {
      this.usedBytes = account.usedBytes;
      this.usedFiles = account.usedFiles;
    }
    this.#checkWarning();
  }

  /**
   * Re-reads usage (other nodes may have written), unless our own increments are still on the way
   * or waiting in the journal. Never throws: with the database away, the local numbers stand.
   */
  async refresh(): Promise<void> {
    if (this.#isStoredUsageStale()) return;
    const generation = this.#generation;
    const account = await findAccountById(this.#db, this.accountId).catch(() => null);
    if (account && !this.#isStoredUsageStale() && generation === this.#generation) {
      this.usedBytes = account.usedBytes;
      this.usedFiles = account.usedFiles;
    }
  }

  /** The database's usage misses some of our changes (being written, or journaled for later). */
  #isStoredUsageStale(): boolean {
    return this.#writesInFlight > 0 || this.#journal.hasPending(this.accountId);
  }

  #percent(): number {
    const byBytes = this.quotaBytes > 0 ? (this.usedBytes / this.quotaBytes) * 100 : 0;
    const byFiles = this.quotaFiles > 0 ? (this.usedFiles / this.quotaFiles) * 100 : 0;
    return Math.max(byBytes, byFiles);
  }

  #level(): number {
    const percent = this.#percent();
    let level = 0;
    for (const l of QUOTA_WARNING_LEVELS) if (percent >= l) level = l;
    return level;
  }

  #checkWarning(): void {
    const level = this.#level();
    if (level > this.#warnLevel) {
      this.#onWarning({
        percent: level as 80 | 95,
        usedBytes: this.usedBytes,
        quotaBytes: this.quotaBytes,
        usedFiles: this.usedFiles,
        quotaFiles: this.quotaFiles,
      });
    }
    // Dropping below a level re-arms its warning for the next crossing.
    this.#warnLevel = level;
  }

  async #persist(deltaBytes: number, deltaFiles: number): Promise<void> {
    this.usedBytes = Math.max(0, this.usedBytes + deltaBytes);
    this.usedFiles = Math.max(0, this.usedFiles + deltaFiles);
    this.#checkWarning();
    this.#generation++;
    this.#writesInFlight++;
    try {
      // Never throws: a change the database refuses now is kept and retried by the journal.
      await this.#journal.apply(this.accountId, deltaBytes, deltaFiles);
    } finally {
      this.#writesInFlight--;
    }
  }

  #hasRoomForBytes(extra: number): boolean {
    return this.quotaBytes <= 0 || this.usedBytes + this.reservedBytes + extra <= this.quotaBytes;
  }

  handler(): QuotaHandler {
    return {
      openUpload: (input) => this.#openUpload(input),
      onRemoved: ({ bytes, files }) => this.#persist(-bytes, -files),
      checkAllocation: async (bytes) => {
        await this.refresh();
        if (!this.#hasRoomForBytes(bytes)) throw new FtpError(552, 'Quota exceeded: not enough space for that file.');
      },
    };
  }

  async #openUpload(input: { previousSize: number; isNewFile: boolean; offset: number }): Promise<UploadQuota> {
    await this.#disk.check();
    await this.refresh();
    if (input.isNewFile && this.quotaFiles > 0 && this.usedFiles + this.reservedFiles + 1 > this.quotaFiles) {
      throw new FtpError(552, 'Quota exceeded: too many files.');
    }
    if (this.quotaBytes > 0 && this.usedBytes + this.reservedBytes >= this.quotaBytes && input.offset >= input.previousSize) {
      throw new FtpError(552, 'Quota exceeded: no space left for this account.');
    }
    const fileReservation = input.isNewFile ? 1 : 0;
    this.reservedFiles += fileReservation;
    // Bytes written over the part of the old file being replaced cost nothing new.
    const credit = Math.max(0, input.previousSize - input.offset);
    let written = 0;
    let reserved = 0;
    let isEnded = false;
    let isReleased = false;
    const release = (): void => {
      if (isReleased) return;
      isReleased = true;
      this.reservedBytes -= reserved;
      this.reservedFiles -= fileReservation;
      reserved = 0;
    };
    return {
      take: (bytes) => {
        if (isReleased) return false;
        written += bytes;
        const extra = Math.max(0, written - credit) - reserved;
        if (extra <= 0) return true;
        if (!this.#hasRoomForBytes(extra)) {
          // The engine discards this upload; its reservation goes now, not when the teardown ends,
          // so a parallel upload of the same account is not refused for space that is being freed.
          release();
          return false;
        }
        this.reservedBytes += extra;
        reserved += extra;
        return true;
      },
      settle: ({ finalSize, replacedSize, isNewFile }) => {
        if (isReleased) return false;
        // What the commit really adds, now that the replaced file was measured under the path lock
        // (it may have been renamed away or deleted while the bytes came in).
        const extra = Math.max(0, finalSize - replacedSize) - reserved;
        if (extra > 0 && !this.#hasRoomForBytes(extra)) return false;
        const extraFiles = (isNewFile ? 1 : 0) - fileReservation;
        if (extraFiles > 0 && this.quotaFiles > 0 && this.usedFiles + this.reservedFiles + extraFiles > this.quotaFiles) return false;
        return true;
      },
      end: async ({ isCommitted, finalSize, replacedSize, isNewFile }) => {
        if (isEnded) return;
        isEnded = true;
        release();
        if (isCommitted) await this.#persist(finalSize - replacedSize, isNewFile ? 1 : 0);
      },
    };
  }
}
