// IP bans as the FTP service sees them: the active bans in memory (reloaded when the change feed
// says "ban"), a sliding window of failed logins per IP that creates a ban when the policy
// (settings banFailures / banWindowSec / banDurationSec) is exceeded, and a sliding window of
// failed logins per username (from any IP) that slows down the answers to distributed guessing.
//
// Rate limits that cannot lock out the owner: the per-username count only ever adds a delay to a
// *failed* answer (the engine sleeps it after releasing its login slot); the right password is
// answered at once. Unknown usernames are counted and delayed exactly like existing ones.
import { createBan, listActiveBans } from '@ftp-panel/db';
import type { Ban, Db } from '@ftp-panel/db';
import { compileAddressRule, normalizeAddress } from '../cidr.ts';
import type { AddressRule } from '../cidr.ts';
import { notifyChange } from '../events/notify.ts';
import type { EventBus } from '../events/types.ts';

export type BanPolicy = { failures: number; windowSec: number; durationSec: number };

type ActiveBan = { ban: Ban; rule: AddressRule };
/** One failed login: when, from where, at which username (as the client sent it). */
type Failure = { at: number; ip: string; username: string };

/** Failures at one username (all IPs, within banWindowSec) answered without an extra delay. */
export const ACCOUNT_FREE_FAILURES = 5;
/** Extra delay of the first failure past the free ones; it doubles with each further failure. */
export const ACCOUNT_DELAY_BASE_MS = 1_000;
/** The extra delay never grows past this (the owner can still try, and gets in at once). */
export const ACCOUNT_DELAY_MAX_MS = 30_000;
/** Enough history to reach the maximum delay; older failures in the window add nothing. */
const ACCOUNT_HISTORY = 32;
/** Bound on the IPs and on the usernames tracked at once; the least recently failed go first. */
const MAX_TRACKED_KEYS = 10_000;

/** Extra delay (ms) for the answer to the n-th failure at one username within the window. */
export function accountDelayMs(failureCount: number): number {
  const past = failureCount - ACCOUNT_FREE_FAILURES;
  if (past <= 0) return 0;
  return Math.min(ACCOUNT_DELAY_BASE_MS * 2 ** Math.min(past - 1, 30), ACCOUNT_DELAY_MAX_MS);
}

export class BanGuard {
  readonly #db: Db;
  readonly #bus: EventBus;
  #bans: ActiveBan[] = [];
  /** Failures per IP, at any username. */
  readonly #byIp = new Map<string, Failure[]>();
  /** Failures per username, from any IP. */
  readonly #byUsername = new Map<string, Failure[]>();
  #policy: BanPolicy;

  constructor(input: { db: Db; bus: EventBus; policy: BanPolicy }) {
    this.#db = input.db;
    this.#bus = input.bus;
    this.#policy = input.policy;
  }

  setPolicy(policy: BanPolicy): void {
    this.#policy = policy;
  }

  async reload(): Promise<void> {
    const bans = await listActiveBans(this.#db.prisma);
    this.#bans = bans.map((ban) => ({ ban, rule: compileAddressRule([ban.ip]) }));
  }

  /** The ban in force for this address, if any. */
  find(ip: string, now = Date.now()): Ban | null {
    for (const { ban, rule } of this.#bans) {
      if (ban.expiresAt && ban.expiresAt.getTime() <= now) continue;
      if (rule.matches(ip)) return ban;
    }
    return null;
  }

  /**
   * A successful login as `username` from `ip` forgets only that address's failures at that
   * username: an attacker's own account cannot wash away guesses made at somebody else's, and
   * the owner's success does not wash away guesses made from other addresses.
   */
  recordSuccess(clientIp: string, username: string): void {
    const ip = normalizeAddress(clientIp) ?? clientIp;
    const isOther = (f: Failure) => f.username !== username || f.ip !== ip;
    for (const [map, key] of [[this.#byIp, ip], [this.#byUsername, username]] as const) {
      const list = map.get(key);
      if (list?.some((f) => !isOther(f))) this.#keep(map, key, list.filter(isOther));
    }
  }

  /**
   * Counts a failure against the address and against the username; returns the new ban when
   * this failure crossed the address's threshold. The counting happens before the first await,
   * so accountDelayMs() sees it even when storing the ban fails.
   */
  async recordFailure(clientIp: string, username: string, now = Date.now()): Promise<Ban | null> {
    // One spelling per host (a dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d), the one
    // admins use to list and lift bans.
    const ip = normalizeAddress(clientIp) ?? clientIp;
    const { failures, windowSec, durationSec } = this.#policy;
    const since = now - windowSec * 1000;
    const failure: Failure = { at: now, ip, username };
    const forUsername = (this.#byUsername.get(username) ?? []).filter((f) => f.at > since);
    forUsername.push(failure);
    this.#keep(this.#byUsername, username, forUsername.slice(-ACCOUNT_HISTORY));
    if (failures <= 0) return null;
    const forIp = (this.#byIp.get(ip) ?? []).filter((f) => f.at > since);
    forIp.push(failure);
    this.#keep(this.#byIp, ip, forIp.slice(-failures));
    if (forIp.length < failures || this.find(ip, now)) return null;
    this.#byIp.delete(ip);
    const ban = await createBan(
      this.#db.prisma,
      { ip, reason: `${forIp.length} failed logins within ${windowSec} s`, createdBy: 'ftp-service', durationSec: durationSec > 0 ? durationSec : 0 },
      new Date(now),
    );
    this.#bans.push({ ban, rule: compileAddressRule([ban.ip]) });
    await notifyChange(this.#db, 'ban', ip, { reason: 'created', id: ban.id });
    this.#bus.publish({ type: 'ban.created', ip, reason: ban.reason, expiresAt: ban.expiresAt?.toISOString() ?? null });
    return ban;
  }

  /** Extra delay (ms) for a failed answer at this username, from its failures in the window. */
  accountDelayMs(username: string, now = Date.now()): number {
    const since = now - this.#policy.windowSec * 1000;
    const count = (this.#byUsername.get(username) ?? []).filter((f) => f.at > since).length;
    return accountDelayMs(count);
  }

  /** Forgets failure windows that ended (called periodically). */
  sweep(now = Date.now()): void {
    const since = now - this.#policy.windowSec * 1000;
    for (const map of [this.#byIp, this.#byUsername]) {
      for (const [key, list] of map) if (!list.some((f) => f.at > since)) map.delete(key);
    }
  }

  /** Stores a key's list as the most recent one, evicting the stalest keys beyond the bound. */
  #keep(map: Map<string, Failure[]>, key: string, list: Failure[]): void {
    map.delete(key);
    if (list.length === 0) return;
    map.set(key, list);
    for (const stalest of map.keys()) {
      if (map.size <= MAX_TRACKED_KEYS) break;
      map.delete(stalest);
    }
  }
}
