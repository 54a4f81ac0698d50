// IP bans as the FTP service sees them: the active bans in memory (reloaded when the change feed
// says "ban"), and a sliding window of failed logins per IP that creates a ban when the policy
// (settings banFailures / banWindowSec / banDurationSec) is exceeded.
import { createBan, listActiveBans } from '@ftp-panel/db';
import type { Ban, Db } from '@ftp-panel/db';
import { compileAddressRule } from './cidr.ts';
import type { AddressRule } from './cidr.ts';
import { notifyChange } from '../events/notify.ts';
import type { EventBus } from '../events.ts';

export type BanPolicy = { failures: number; windowSec: number; durationSec: number };

type ActiveBan = { ban: Ban; rule: AddressRule };

export class BanGuard {
  readonly #db: Db;
  readonly #bus: EventBus;
  #bans: ActiveBan[] = [];
  readonly #failures = new Map<string, number[]>();
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

  /** A successful login forgets the address's earlier failures. */
  recordSuccess(ip: string): void {
    this.#failures.delete(ip);
  }

  /** Counts a failure; returns the new ban when this failure crossed the threshold. */
  async recordFailure(ip: string, now = Date.now()): Promise<Ban | null> {
    const { failures, windowSec, durationSec } = this.#policy;
    if (failures <= 0) return null;
    const since = now - windowSec * 1000;
    const times = (this.#failures.get(ip) ?? []).filter((t) => t > since);
    times.push(now);
    this.#failures.set(ip, times);
    if (times.length < failures || this.find(ip, now)) return null;
    this.#failures.delete(ip);
    const ban = await createBan(
      this.#db.prisma,
      { ip, reason: `${times.length} failed logins within ${windowSec} s`, createdBy: 'ftp-service', durationSec: durationSec > 0 ? durationSec : 0 },
      new Date(now),
    );
    this.#bans.push({ ban, rule: compileAddressRule([ban.ip]) });
    await notifyChange(this.#db, 'ban', ip, { reason: 'created', id: ban.id });
    this.#bus.publish({ type: 'ban.created', ip, reason: ban.reason, expiresAt: ban.expiresAt?.toISOString() ?? null });
    return ban;
  }

  /** Forgets failure windows that ended (called periodically). */
  sweep(now = Date.now()): void {
    const since = now - this.#policy.windowSec * 1000;
    for (const [ip, times] of this.#failures) if (!times.some((t) => t > since)) this.#failures.delete(ip);
  }
}
