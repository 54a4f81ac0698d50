// Per-account state shared by all of an account's sessions in this process: the permission set
// (mutated in place, so a change applies to logged-in sessions at their next command), one
// bandwidth bucket per direction (setRate applies to running transfers) and the quota ledger.
import { BandwidthBucket } from '@ftp-panel/ftp-server';
import type { Permission } from '@ftp-panel/ftp-server';
import type { Account, PrismaDb } from '@ftp-panel/db';
import { QuotaLedger } from './quota.ts';
import type { DiskGuard, QuotaWarning } from './quota.ts';
import type { UsageJournal } from './usage-journal.ts';

export type AccountState = {
  account: Account;
  permissions: Set<Permission>;
  upload: BandwidthBucket;
  download: BandwidthBucket;
  ledger: QuotaLedger;
  sessionIds: Set<string>;
};

const KIB = 1024;

export class AccountRegistry {
  readonly #byId = new Map<string, AccountState>();
  readonly #bySession = new Map<string, AccountState>();
  readonly #db: PrismaDb;
  readonly #disk: DiskGuard;
  readonly #journal: UsageJournal | undefined;
  readonly #onWarning: (account: Account, warning: QuotaWarning) => void;

  constructor(input: { db: PrismaDb; disk: DiskGuard; journal?: UsageJournal; onWarning: (account: Account, warning: QuotaWarning) => void }) {
    this.#db = input.db;
    this.#disk = input.disk;
    this.#journal = input.journal;
    this.#onWarning = input.onWarning;
  }

  /** Sessions of the account logged in (or logging in) on this process. */
  sessionCount(accountId: string): number {
    return this.#byId.get(accountId)?.sessionIds.size ?? 0;
  }

  /** Adds a session to the account's state (created on first use, refreshed from `account`). */
  acquire(account: Account, sessionId: string): AccountState {
    let state = this.#byId.get(account.id);
    if (state) {
      this.#apply(state, account);
    } else {
      const created: AccountState = {
        account,
        permissions: new Set(account.permissions),
        upload: new BandwidthBucket(account.uploadKiBps * KIB),
        download: new BandwidthBucket(account.downloadKiBps * KIB),
        ledger: new QuotaLedger({
          account,
          db: this.#db,
          disk: this.#disk,
          ...(this.#journal ? { journal: this.#journal } : {}),
          onWarning: (warning) => this.#onWarning(created.account, warning),
        }),
        sessionIds: new Set(),
      };
      state = created;
      this.#byId.set(account.id, state);
    }
    state.sessionIds.add(sessionId);
    this.#bySession.set(sessionId, state);
    return state;
  }

  release(sessionId: string): void {
    const state = this.#bySession.get(sessionId);
    if (!state) return;
    this.#bySession.delete(sessionId);
    state.sessionIds.delete(sessionId);
    if (state.sessionIds.size === 0) this.#byId.delete(state.account.id);
  }

  findByUsername(username: string): AccountState | undefined {
    for (const state of this.#byId.values()) if (state.account.username === username) return state;
    return undefined;
  }

  /** Applies a changed account to running sessions (limits, permissions, quota). */
  update(account: Account): AccountState | undefined {
    const state = this.#byId.get(account.id);
    if (state) this.#apply(state, account);
    return state;
  }

  #apply(state: AccountState, account: Account): void {
    state.account = account;
    const wanted = new Set(account.permissions);
    for (const p of state.permissions) if (!wanted.has(p)) state.permissions.delete(p);
    for (const p of wanted) state.permissions.add(p);
    if (state.upload.bytesPerSecond !== account.uploadKiBps * KIB) state.upload.setRate(account.uploadKiBps * KIB);
    if (state.download.bytesPerSecond !== account.downloadKiBps * KIB) state.download.setRate(account.downloadKiBps * KIB);
    state.ledger.update(account);
  }
}
