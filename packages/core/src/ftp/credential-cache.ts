// Like Dovecot's auth cache: after a successful argon2 verification, remember an HMAC-SHA256 of
// username+password (under a random per-process key) for a short time, so clients opening many
// connections with the same credentials do not pay argon2 each time. The password itself is never
// kept. An entry is valid only for the account version it was made for, and is dropped at once
// when the change feed reports a change of the account.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

type Entry = { mac: Buffer; accountVersion: number; expiresAt: number };

export class CredentialCache {
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  // Concurrent logins with the same credentials share one argon2 verification.
  readonly #inFlight = new Map<string, Promise<boolean>>();

  constructor(ttlSec: number) {
    this.#ttlMs = Math.max(0, ttlSec) * 1000;
  }

  get isEnabled(): boolean {
    return this.#ttlMs > 0;
  }

  #mac(username: string, password: string): Buffer {
    return createHmac('sha256', this.#key).update(username).update('\0').update(password).digest();
  }

  /** True when these exact credentials were verified recently for this version of the account. */
  has(username: string, password: string, accountVersion: number, now = Date.now()): boolean {
    const entry = this.#entries.get(username);
    if (!entry) return false;
    if (entry.expiresAt <= now || entry.accountVersion !== accountVersion) {
      this.#entries.delete(username);
      return false;
    }
    return timingSafeEqual(entry.mac, this.#mac(username, password));
  }

  remember(username: string, password: string, accountVersion: number, now = Date.now()): void {
    if (!this.isEnabled) return;
    this.#entries.set(username, { mac: this.#mac(username, password), accountVersion, expiresAt: now + this.#ttlMs });
  }

  forget(username: string): void {
    this.#entries.delete(username);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Runs verify() once for concurrent identical attempts (keyed by the HMAC, not the password). */
  verifyOnce(username: string, password: string, verify: () => Promise<boolean>): Promise<boolean> {
    const key = `${username}\0${this.#mac(username, password).toString('base64')}`;
    const running = this.#inFlight.get(key);
    if (running) return running;
    const promise = verify().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }

  /** Drops expired entries (called periodically so memory follows the active user count). */
  sweep(now = Date.now()): void {
    for (const [username, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(username);
  }
}
