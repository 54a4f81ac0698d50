// Usage changes (uploads, deletions) that the database could not take when they happened. The
// file operation already happened, so the client gets its success reply and the delta waits here:
// in memory, retried with backoff until the database accepts it, and, for crash safety, the
// account is listed in an append-only file under the data directory. A process that dies with
// deltas still pending finds the list at its next start and recomputes those accounts' usage from
// disk (the rescan use case, idempotent), so nothing depends on replaying lost numbers.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { addAccountUsage, findAccountById } from '@ftp-panel/db';
import type { PrismaDb } from '@ftp-panel/db';
import { rescanAccountUsage } from '../accounts/service.ts';

export const USAGE_JOURNAL_FILE = 'usage-journal.jsonl';
export const USAGE_RETRY_MIN_MS = 250;
export const USAGE_RETRY_MAX_MS = 10_000;

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void; info?(obj: Record<string, unknown>, msg?: string): void };
type Delta = { bytes: number; files: number };

export type UsageJournalInput = {
  db: PrismaDb;
  /** Where the crash list lives; without it the journal is memory-only (unit tests). */
  dataDir?: string;
  /** Needed to recompute usage from disk after a crash. */
  homesDir?: string;
  logger?: Logger;
  retryMinMs?: number;
  retryMaxMs?: number;
};

export class UsageJournal {
  readonly #db: PrismaDb;
  readonly #file: string | null;
  readonly #homesDir: string | null;
  readonly #logger: Logger | undefined;
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  /** Deltas the database has not taken yet, per account id. */
  readonly #pending = new Map<string, Delta>();
  /** Accounts whose usage must be recomputed from disk (listed in the file at start). */
  readonly #rescans = new Set<string>();
  /** Accounts listed in the file now. */
  readonly #listed = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #delayMs: number;
  #draining: Promise<void> | null = null;
  #isClosed = false;

  constructor(input: UsageJournalInput) {
    this.#db = input.db;
    this.#file = input.dataDir ? path.join(input.dataDir, USAGE_JOURNAL_FILE) : null;
    this.#homesDir = input.homesDir ?? null;
    this.#logger = input.logger;
    this.#retryMinMs = input.retryMinMs ?? USAGE_RETRY_MIN_MS;
    this.#retryMaxMs = input.retryMaxMs ?? USAGE_RETRY_MAX_MS;
    this.#delayMs = this.#retryMinMs;
  }

  /** Whether the account has changes the database does not know yet (its stored usage is stale). */
  hasPending(accountId: string): boolean {
    return this.#pending.has(accountId) || this.#rescans.has(accountId);
  }

  /** How many accounts wait for the database. */
  get size(): number {
    return new Set([...this.#pending.keys(), ...this.#rescans]).size;
  }

  /**
   * Adds a usage change to the account. Never throws: when the database refuses, the change is
   * kept (and the account listed on disk) before this resolves, and retried later.
   */
  async apply(accountId: string, deltaBytes: number, deltaFiles: number): Promise<void> {
    if (deltaBytes === 0 && deltaFiles === 0) return;
    // Behind a pending delta, a new one queues up too: one retry writes their sum.
    if (!this.hasPending(accountId)) {
      try {
        await addAccountUsage(this.#db, accountId, deltaBytes, deltaFiles);
        return;
      } catch (error) {
        this.#logger?.warn({ err: (error as Error).message, accountId }, 'usage change not stored; journaled for retry');
      }
    }
    const pending = this.#pending.get(accountId) ?? { bytes: 0, files: 0 };
    pending.bytes += deltaBytes;
    pending.files += deltaFiles;
    this.#pending.set(accountId, pending);
    this.#list(accountId);
    this.#schedule();
  }

  /** At service start: accounts left dirty by a previous process get their usage recomputed from disk. */
  async recover(): Promise<void> {
    if (!this.#file) return;
    let text = '';
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch {
      return; // no journal: nothing was pending
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const { accountId } = JSON.parse(line) as { accountId?: unknown };
        if (typeof accountId === 'string') {
          this.#rescans.add(accountId);
          this.#listed.add(accountId);
        }
      } catch {
        // a torn last line from a crash: the lines before it still count
      }
    }
    if (this.#rescans.size === 0) {
      this.#rewrite();
      return;
    }
    this.#logger?.info?.({ accounts: this.#rescans.size }, 'usage journal found: recomputing usage from disk');
    await this.drain();
    if (this.size > 0) this.#schedule();
  }

  /** One retry pass over everything pending (the timer calls it; tests may too). */
  drain(): Promise<void> {
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  async #drainOnce(): Promise<void> {
    let hasFailed = false;
    for (const accountId of [...this.#rescans]) {
      // Disk is the truth: deltas queued before the recount are in it.
      const before = this.#pending.get(accountId);
      const snapshot = before ? { ...before } : null;
      try {
        await this.#rescan(accountId);
        this.#rescans.delete(accountId);
        if (snapshot) this.#subtract(accountId, snapshot);
      } catch (error) {
        hasFailed = true;
        this.#logger?.warn({ err: (error as Error).message, accountId }, 'usage recount failed; will retry');
        break; // the database is still away; do not hammer it
      }
    }
    if (!hasFailed) {
      for (const [accountId, delta] of [...this.#pending]) {
        if (this.#rescans.has(accountId)) continue;
        const snapshot = { ...delta };
        try {
          await addAccountUsage(this.#db, accountId, snapshot.bytes, snapshot.files);
          this.#subtract(accountId, snapshot);
        } catch (error) {
          hasFailed = true;
          this.#logger?.warn({ err: (error as Error).message, accountId }, 'journaled usage change still not stored; will retry');
          break;
        }
      }
    }
    for (const accountId of [...this.#listed]) if (!this.hasPending(accountId)) this.#listed.delete(accountId);
    this.#rewrite();
    if (hasFailed) this.#delayMs = Math.min(this.#retryMaxMs, this.#delayMs * 2);
    else this.#delayMs = this.#retryMinMs;
  }

  async #rescan(accountId: string): Promise<void> {
    const account = await findAccountById(this.#db, accountId);
    if (!account) return; // deleted meanwhile: nothing to fix
    if (!this.#homesDir) throw new Error('usage journal has no homes directory to recount from');
    await rescanAccountUsage({ db: this.#db, homesDir: this.#homesDir }, account.username);
  }

  #subtract(accountId: string, taken: Delta): void {
    const pending = this.#pending.get(accountId);
    if (!pending) return;
    pending.bytes -= taken.bytes;
    pending.files -= taken.files;
    if (pending.bytes === 0 && pending.files === 0) this.#pending.delete(accountId);
  }

  #schedule(): void {
    if (this.#isClosed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.drain().finally(() => {
        if (this.size > 0) this.#schedule();
      });
    }, this.#delayMs);
    this.#timer.unref();
  }

  /** Lists the account on disk (synchronously, flushed) before the caller's success reply goes out. */
  #list(accountId: string): void {
    if (!this.#file || this.#listed.has(accountId)) return;
    try {
      mkdirSync(path.dirname(this.#file), { recursive: true });
      const fd = openSync(this.#file, 'a', 0o600);
      try {
        writeSync(fd, `${JSON.stringify({ accountId, at: new Date().toISOString() })}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.#listed.add(accountId);
    } catch (error) {
      this.#logger?.warn({ err: (error as Error).message, file: this.#file }, 'usage journal not writable; a crash now would lose this change');
    }
  }

  /** Drops accounts that are clean again from the file (atomic replace; removed when empty). */
  #rewrite(): void {
    if (!this.#file) return;
    try {
      if (this.#listed.size === 0) {
        rmSync(this.#file, { force: true });
        return;
      }
      const temp = `${this.#file}.tmp`;
      const lines = [...this.#listed].map((accountId) => `${JSON.stringify({ accountId })}\n`).join('');
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, lines);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.#file);
    } catch (error) {
      this.#logger?.warn({ err: (error as Error).message, file: this.#file }, 'usage journal rewrite failed');
    }
  }

  /** Stops retrying after one last attempt; what is still pending stays listed for the next start. */
  async close(): Promise<void> {
    this.#isClosed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#draining;
    if (this.size > 0) await this.drain();
  }
}
